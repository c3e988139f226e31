"""The station's Ed25519 signature on extract manifests, and the key's fingerprint.

docs/journal-format.md says how a third party checks a signature: the
manifest without its "signature" member, as canonical JSON, is what is signed.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

SIGNATURE = "signature"
_HEX = frozenset("0123456789abcdef")


def public_key(private_raw: bytes) -> bytes:
    """The raw 32-byte public key of a raw Ed25519 private key."""
    return Ed25519PrivateKey.from_private_bytes(private_raw).public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )


def fingerprint(public_raw: bytes) -> str:
    """SHA-256 of the raw public key, 64 lowercase hex digits."""
    return hashlib.sha256(public_raw).hexdigest()


def readable_fingerprint(value: str) -> str:
    """The fingerprint in groups of four, for reading aloud or comparing by eye."""
    return " ".join(value[i:i + 4] for i in range(0, len(value), 4))


def normalized_fingerprint(typed: str) -> str:
    """A fingerprint as typed (spaces, colons, dashes, any case) in the stored form."""
    return "".join(c for c in typed.lower() if c not in " :-\t")


def is_fingerprint(value: str) -> bool:
    return len(value) == 64 and set(value) <= _HEX


def canonical_manifest(manifest: dict[str, Any]) -> bytes:
    """The bytes signed: every member but "signature", sorted keys, no spaces, UTF-8."""
    unsigned = {key: value for key, value in manifest.items() if key != SIGNATURE}
    return json.dumps(unsigned, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def sign(manifest: dict[str, Any], private_raw: bytes) -> dict[str, Any]:
    """The manifest with its "signature" (hex) over canonical_manifest()."""
    key = Ed25519PrivateKey.from_private_bytes(private_raw)
    return {**manifest, SIGNATURE: key.sign(canonical_manifest(manifest)).hex()}


def signature_holds(manifest: dict[str, Any], public_raw: bytes) -> bool:
    try:
        signature = bytes.fromhex(manifest[SIGNATURE])
        Ed25519PublicKey.from_public_bytes(public_raw).verify(signature, canonical_manifest(manifest))
    except (KeyError, TypeError, ValueError, InvalidSignature):
        return False
    return True
