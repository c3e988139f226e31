"""The journal verification code: the private half of the service's X25519 sealing key.

One code serves the whole police service. Its public half is kept by every
station (the setting `journal_verification_key`, which syncs); each station
seals the seed of its journal's seal to it (app/audit/seal.py). The code is
shown once, when the service's first station is created, for the mayor as
data controller to keep; it is never stored on any station.

Written as 55 symbols of the recovery code's alphabet (no 0/O, 1/I), in
eleven groups of five: the 32 bytes of the key, then two bytes of its SHA-256
so that a mistyped code is told apart from a wrong one.
"""

from __future__ import annotations

import hashlib
import secrets

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from app.crypto import aead
from app.crypto.keyslots import RECOVERY_ALPHABET

KEY_LENGTH = 32
CHECK_LENGTH = 2
SYMBOLS = 55  # ceil((32 + 2) * 8 / 5)
GROUP = 5
_VALUE = {symbol: index for index, symbol in enumerate(RECOVERY_ALPHABET)}


class InvalidCode(ValueError):
    """Not a journal verification code (wrong length, a symbol outside the alphabet, a typo)."""


def new_code() -> tuple[str, bytes]:
    """A fresh code: (the code as shown, the raw 32-byte private key)."""
    private = secrets.token_bytes(KEY_LENGTH)
    return encode(private), private


def encode(private: bytes) -> str:
    data = private + hashlib.sha256(private).digest()[:CHECK_LENGTH]
    number = int.from_bytes(data, "big") << (SYMBOLS * 5 - len(data) * 8)
    symbols = [RECOVERY_ALPHABET[(number >> (5 * (SYMBOLS - 1 - i))) & 31] for i in range(SYMBOLS)]
    text = "".join(symbols)
    return "-".join(text[i:i + GROUP] for i in range(0, SYMBOLS, GROUP))


def decode(typed: str) -> bytes:
    """The private key of a code as typed (any case, with or without dashes or spaces)."""
    letters = "".join(ch for ch in typed.upper() if ch.isalnum())
    if len(letters) != SYMBOLS or any(ch not in _VALUE for ch in letters):
        raise InvalidCode(typed)
    number = 0
    for ch in letters:
        number = (number << 5) | _VALUE[ch]
    padding = SYMBOLS * 5 - (KEY_LENGTH + CHECK_LENGTH) * 8
    if number & ((1 << padding) - 1):  # the padding bits are zero in every code made: another symbol was typed
        raise InvalidCode(typed)
    data = (number >> padding).to_bytes(KEY_LENGTH + CHECK_LENGTH, "big")
    private, check = data[:KEY_LENGTH], data[KEY_LENGTH:]
    if hashlib.sha256(private).digest()[:CHECK_LENGTH] != check:
        raise InvalidCode(typed)
    return private


def public_key(private: bytes) -> bytes:
    """The service's public sealing key (raw 32 bytes) of a code's private key."""
    return aead.public_bytes(X25519PrivateKey.from_private_bytes(private).public_key())
