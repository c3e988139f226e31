"""AES-256-GCM for wrapping keys, and sealing a key to an X25519 public key."""

from __future__ import annotations

import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

NONCE_LENGTH = 12


class DecryptionFailed(Exception):
    """A wrong key, or data that was altered."""


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def encrypt(key: bytes, plaintext: bytes, aad: bytes) -> bytes:
    """nonce || ciphertext+tag."""
    nonce = os.urandom(NONCE_LENGTH)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def decrypt(key: bytes, blob: bytes, aad: bytes) -> bytes:
    try:
        return AESGCM(key).decrypt(blob[:NONCE_LENGTH], blob[NONCE_LENGTH:], aad)
    except (InvalidTag, ValueError) as exc:
        raise DecryptionFailed from exc


def public_bytes(public_key: X25519PublicKey) -> bytes:
    return public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def private_bytes(private_key: X25519PrivateKey) -> bytes:
    return private_key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )


def _seal_key(shared: bytes, ephemeral_public: bytes, recipient_public: bytes, aad: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=ephemeral_public + recipient_public,
        info=b"vigie seal v1|" + aad,
    ).derive(shared)


def seal(recipient_public: bytes, plaintext: bytes, aad: bytes) -> bytes:
    """Encrypt for the holder of an X25519 private key: ephemeral public key || nonce || ct."""
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = public_bytes(ephemeral.public_key())
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient_public))
    key = _seal_key(shared, ephemeral_public, recipient_public, aad)
    return ephemeral_public + encrypt(key, plaintext, aad)


def unseal(private_key: bytes, blob: bytes, aad: bytes) -> bytes:
    recipient = X25519PrivateKey.from_private_bytes(private_key)
    ephemeral_public = blob[:32]
    try:
        shared = recipient.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
    except ValueError as exc:
        raise DecryptionFailed from exc
    key = _seal_key(shared, ephemeral_public, public_bytes(recipient.public_key()), aad)
    return decrypt(key, blob[32:], aad)
