"""The service's keys, record handles, and the envelopes that carry one change each.

An envelope's plaintext names the record kind, its id, the operation, the kind's declared
payload (never a raw row), the station of origin and that station's own counter; it is padded
to a size bucket (app/sync/protocol.py) and encrypted with AES-256-GCM under the service's sync
key, its associated data binding tenant, handle and mutation id, so that the server can
neither read it nor move it to another record or another service.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from functools import cached_property
from typing import Any, NamedTuple

import orjson

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.crypto import aead
from app.sync import protocol

KEY_BYTES = 32
FORMAT = 1


class EnvelopeRefused(Exception):
    """A ciphertext that does not decrypt, or that does not hold what its handle names."""


class _Cipher:
    """app/crypto/aead.py's encrypt and decrypt (nonce || ciphertext and tag) with one AESGCM object."""

    def __init__(self, key: bytes) -> None:
        self._aead = AESGCM(key)

    def encrypt(self, plaintext: bytes, associated: bytes) -> bytes:
        nonce = os.urandom(aead.NONCE_LENGTH)
        return nonce + self._aead.encrypt(nonce, plaintext, associated)

    def decrypt(self, blob: bytes, associated: bytes) -> bytes:
        try:
            return self._aead.decrypt(blob[:aead.NONCE_LENGTH], blob[aead.NONCE_LENGTH:], associated)
        except (InvalidTag, ValueError) as exc:
            raise aead.DecryptionFailed from exc


class _HandleMac:
    """HMAC-SHA256 (RFC 2104) under one key, its two padded keys hashed once: a copy of each hash state
    per message, a third of what the standard library's HMAC object costs to copy (a pulled page checks
    every envelope's handle). tests/sync/test_pull_open.py compares it with hmac.new."""

    def __init__(self, key: bytes) -> None:
        block = (hashlib.sha256(key).digest() if len(key) > 64 else key).ljust(64, b"\x00")
        self._inner = hashlib.sha256(bytes(byte ^ 0x36 for byte in block))
        self._outer = hashlib.sha256(bytes(byte ^ 0x5C for byte in block))

    def hexdigest(self, message: bytes) -> str:
        inner = self._inner.copy()
        inner.update(message)
        outer = self._outer.copy()
        outer.update(inner.digest())
        return outer.hexdigest()


@dataclass(frozen=True)
class ServiceKeys:
    """The keys every station of a service holds and the server never sees."""

    sync_key: bytes
    handle_key: bytes

    @classmethod
    def draw(cls) -> ServiceKeys:
        return cls(os.urandom(KEY_BYTES), os.urandom(KEY_BYTES))

    def handle(self, record_kind: str, record_id: str) -> str:
        """The opaque name the server knows a record by: HMAC-SHA256 of its kind and id."""
        return self._handle_mac.hexdigest(f"{record_kind}\x00{record_id}".encode())

    @cached_property
    def _handle_mac(self) -> _HandleMac:
        return _HandleMac(self.handle_key)

    @cached_property
    def cipher(self) -> _Cipher:
        """AES-256-GCM under the sync key, its key schedule made once for a whole page of envelopes."""
        return _Cipher(self.sync_key)

    def to_bytes(self) -> bytes:
        return json.dumps({"sync_key": aead.b64(self.sync_key), "handle_key": aead.b64(self.handle_key)}).encode()

    @classmethod
    def from_bytes(cls, data: bytes) -> ServiceKeys:
        try:
            fields = json.loads(data)
            keys = cls(aead.unb64(fields["sync_key"]), aead.unb64(fields["handle_key"]))
        except (ValueError, KeyError, TypeError) as exc:
            raise EnvelopeRefused("sealed keys are not readable") from exc
        if len(keys.sync_key) != KEY_BYTES or len(keys.handle_key) != KEY_BYTES:
            raise EnvelopeRefused("sealed keys have the wrong length")
        return keys


@dataclass(frozen=True)
class Change:
    """One change as it travels, once decrypted."""

    kind: str
    record_id: str
    operation: str  # "upsert" or "erase"
    payload: dict[str, Any]
    station: str  # the station of origin
    counter: int  # that station's own, increasing (never a wall clock)
    resolves: bool = False  # a person's choice that settles a conflict on this record
    # An erasure pushed with "erasure": true: the server deleted the record's earlier envelopes.
    forgets: bool = False


class Pulled(NamedTuple):
    """One change as a pulled page holds it, once opened (Change's fields, a tuple: a page makes a thousand)."""

    kind: str
    record_id: str
    operation: str
    payload: dict[str, Any]
    station: str
    counter: int
    resolves: bool = False
    forgets: bool = False


def aad(tenant_id: str, handle: str, mutation_id: str) -> bytes:
    return f"vigie-sync-v{FORMAT}|{tenant_id}|{handle}|{mutation_id}".encode()


def seal_change(keys: ServiceKeys, tenant_id: str, mutation_id: str, change: Change) -> tuple[str, bytes]:
    """(handle, ciphertext) of *change*."""
    handle = keys.handle(change.kind, change.record_id)
    body = {"f": FORMAT, "k": change.kind, "i": change.record_id, "o": change.operation, "p": change.payload,
            "s": change.station, "c": change.counter}
    if change.resolves:
        body["r"] = True
    if change.forgets:
        body["e"] = True
    plaintext = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return handle, keys.cipher.encrypt(protocol.pad(plaintext), aad(tenant_id, handle, mutation_id))


def open_envelope(keys: ServiceKeys, tenant_id: str, handle: str, mutation_id: str, ciphertext: bytes) -> Change:
    """The change an envelope carries; EnvelopeRefused when it was altered or moved."""
    return Change(*Opener(keys, tenant_id).open(handle, mutation_id, ciphertext))


_OPERATIONS = frozenset(("upsert", "erase"))
_BUCKETS = frozenset(protocol.SIZE_BUCKETS)
_LENGTH = 4  # protocol.pad's big-endian length prefix


class Opener:
    """Opens the envelopes of one service, each checked as open_envelope checks it, with what costs per
    service made once (the AES-GCM key schedule, the handle key's pads, the tenant's part of the
    associated data): a pulled page opens a thousand."""

    def __init__(self, keys: ServiceKeys, tenant_id: str) -> None:
        self._decrypt = AESGCM(keys.sync_key).decrypt
        self._mac = keys._handle_mac
        self._aad = f"vigie-sync-v{FORMAT}|{tenant_id}|".encode()

    def open(self, handle: str, mutation_id: str, ciphertext: bytes) -> Pulled:
        """The change an envelope carries; EnvelopeRefused when it was altered or moved."""
        try:
            padded = self._decrypt(ciphertext[:aead.NONCE_LENGTH], ciphertext[aead.NONCE_LENGTH:],
                                   self._aad + f"{handle}|{mutation_id}".encode())
        except (InvalidTag, ValueError) as exc:
            raise EnvelopeRefused("the ciphertext does not decrypt under the service's key") from exc
        try:
            if len(padded) not in _BUCKETS:
                raise ValueError("padded payload is not a bucket size")
            length = int.from_bytes(padded[:_LENGTH], "big")
            if length > len(padded) - _LENGTH:
                raise ValueError("padded payload's length is out of range")
            # orjson reads UTF-8 strictly, as the text a station sealed (json.dumps, then UTF-8).
            body = orjson.loads(memoryview(padded)[_LENGTH:_LENGTH + length])
            payload = body["p"]
            if type(payload) is not dict:
                raise TypeError("the payload is not an object")
            change = Pulled(str(body["k"]), str(body["i"]), str(body["o"]), payload, str(body["s"]), int(body["c"]),
                            bool(body.get("r", False)), bool(body.get("e", False)))
        except (ValueError, KeyError, TypeError) as exc:  # orjson.JSONDecodeError is a ValueError
            raise EnvelopeRefused("the plaintext is not an envelope") from exc
        if change.operation not in _OPERATIONS:
            raise EnvelopeRefused("unknown operation")
        if not hmac.compare_digest(self._mac.hexdigest(f"{change.kind}\x00{change.record_id}".encode()), handle):
            raise EnvelopeRefused("the envelope names another record than its handle")
        return change


def fingerprint(public_key: bytes) -> str:
    """What two people compare aloud when a station joins: ten groups of four of the key's SHA-256."""
    digest = hashlib.sha256(b"vigie-station-key|" + public_key).hexdigest()[:40].upper()
    return " ".join(digest[i:i + 4] for i in range(0, 40, 4))


def seal_keys(keys: ServiceKeys, recipient_public: bytes, tenant_id: str, welcome: dict[str, Any] | None = None
              ) -> bytes:
    """The service's keys, and what else the approving station gives (app/sync/welcome.py), sealed together."""
    plaintext = keys.to_bytes() if welcome is None else json.dumps(
        {**json.loads(keys.to_bytes()), "welcome": welcome}).encode()
    return aead.seal(recipient_public, plaintext, f"vigie-pairing|{tenant_id}".encode())


def unseal_keys(private_key: bytes, sealed: bytes, tenant_id: str) -> tuple[ServiceKeys, Any]:
    """The keys, and the welcome sealed with them (None from an older Vigie)."""
    try:
        plaintext = aead.unseal(private_key, sealed, f"vigie-pairing|{tenant_id}".encode())
    except aead.DecryptionFailed as exc:
        raise EnvelopeRefused("the sealed keys were not made for this station") from exc
    keys = ServiceKeys.from_bytes(plaintext)
    return keys, json.loads(plaintext).get("welcome")
