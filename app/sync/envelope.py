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
from typing import Any

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
        mac = self._handle_mac.copy()  # the key's pads hashed once, not again for every record
        mac.update(f"{record_kind}\x00{record_id}".encode())
        return mac.hexdigest()

    @cached_property
    def _handle_mac(self) -> hmac.HMAC:
        return hmac.new(self.handle_key, digestmod=hashlib.sha256)

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
    try:
        padded = keys.cipher.decrypt(ciphertext, aad(tenant_id, handle, mutation_id))
        body = json.loads(protocol.unpad(padded).decode("utf-8"))  # text: json reads it without guessing
        change = Change(kind=str(body["k"]), record_id=str(body["i"]), operation=str(body["o"]),
                        payload=dict(body["p"]), station=str(body["s"]), counter=int(body["c"]),
                        resolves=bool(body.get("r", False)), forgets=bool(body.get("e", False)))
    except aead.DecryptionFailed as exc:
        raise EnvelopeRefused("the ciphertext does not decrypt under the service's key") from exc
    except (protocol.SyncProtocolError, ValueError, KeyError, TypeError) as exc:
        raise EnvelopeRefused("the plaintext is not an envelope") from exc
    if change.operation not in ("upsert", "erase"):
        raise EnvelopeRefused("unknown operation")
    if not hmac.compare_digest(keys.handle(change.kind, change.record_id), handle):
        raise EnvelopeRefused("the envelope names another record than its handle")
    return change


def fingerprint(public_key: bytes) -> str:
    """What two people compare aloud when a station joins: ten groups of four of the key's SHA-256."""
    digest = hashlib.sha256(b"vigie-station-key|" + public_key).hexdigest()[:40].upper()
    return " ".join(digest[i:i + 4] for i in range(0, 40, 4))


def seal_keys(keys: ServiceKeys, recipient_public: bytes, tenant_id: str) -> bytes:
    return aead.seal(recipient_public, keys.to_bytes(), f"vigie-pairing|{tenant_id}".encode())


def unseal_keys(private_key: bytes, sealed: bytes, tenant_id: str) -> ServiceKeys:
    try:
        return ServiceKeys.from_bytes(aead.unseal(private_key, sealed, f"vigie-pairing|{tenant_id}".encode()))
    except aead.DecryptionFailed as exc:
        raise EnvelopeRefused("the sealed keys were not made for this station") from exc
