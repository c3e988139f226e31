"""Forward-secure sealing of the access journal: the keys and the tags (docs/journal-format.md).

As in systemd-journald's Forward Secure Sealing, every entry carries a tag
made with a key that evolves one way after every entry; the station keeps
only the current key (app/audit/sealstate.py), so whoever takes the station
later cannot make the tag of an entry written before they got in. The seed
that regenerates every key is sealed to the service's public key: only the
journal verification code (app/crypto/verification_code.py) opens it.

    key(first_seq) = HMAC-SHA256(seed, "vigie-journal-key|<station id>|<generation>")
    key(n + 1)     = SHA-256("vigie-journal-evolve|" || key(n))
    tag(n)         = HMAC-SHA256(key(n), "vigie-journal-seal|<seq>|<at>|<hash>"), lowercase hex

A station seals from its first entry (generation 1); a station that lost its
seal state starts a new generation, with a new seed, at the next entry.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from app.crypto import aead

ORIGIN_CREATED = "created"  # the service's first station: its seed derives from the code (below)
ORIGIN_JOINED = "joined"  # a station that joined through sync drew its own seed
ORIGIN_RESTARTED = "restarted"  # the station lost its seal state and drew a new seed

_EVOLVE = b"vigie-journal-evolve|"
_sha256 = hashlib.sha256
_digest = hmac.digest


def first_key(seed: bytes, station_id: str, generation: int) -> bytes:
    return _digest(seed, f"vigie-journal-key|{station_id}|{generation}".encode(), "sha256")


def evolve(key: bytes) -> bytes:
    return _sha256(_EVOLVE + key).digest()


def evolve_by(key: bytes, steps: int) -> bytes:
    for _ in range(steps):
        key = _sha256(_EVOLVE + key).digest()
    return key


def tag(key: bytes, seq: int, at: str, entry_hash: str) -> str:
    """The seal of entry *seq*; *at* in the canonical form (2026-11-22T07:52:07.830000Z)."""
    return _digest(key, b"vigie-journal-seal|%d|%s|%s" % (seq, at.encode(), entry_hash.encode()), "sha256").hex()


def derived_seed(code_private: bytes, station_id: str) -> bytes:
    """The seed of the station created with the code: the code holder recomputes it, nobody can pick another."""
    return _digest(code_private, f"vigie-journal-seed|{station_id}".encode(), "sha256")


def new_seed() -> bytes:
    return secrets.token_bytes(32)


def seed_aad(station_id: str, generation: int) -> bytes:
    return f"vigie-journal-seed|{station_id}|{generation}".encode()


def seal_seed(service_public: bytes, seed: bytes, station_id: str, generation: int) -> str:
    """The seed sealed to the service's public key (app/crypto/aead.seal), base64."""
    return aead.b64(aead.seal(service_public, seed, seed_aad(station_id, generation)))


def unseal_seed(code_private: bytes, sealed: str, station_id: str, generation: int) -> bytes:
    """Raises aead.DecryptionFailed (or ValueError for bad base64) when the code does not open it."""
    return aead.unseal(code_private, aead.unb64(sealed), seed_aad(station_id, generation))
