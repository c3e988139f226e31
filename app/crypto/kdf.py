"""Argon2id key derivation and password hashes, with a cost calibrated per station."""

from __future__ import annotations

import os
import time
from dataclasses import asdict, dataclass

from cryptography.exceptions import InvalidKey
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

MEMORY_COST_KIB = 65536  # 64 MiB: costly for a GPU farm, fine on a station PC
LANES = 1
KEY_LENGTH = 32


@dataclass(frozen=True)
class KdfParams:
    """The Argon2id cost of one derivation; stored beside each derived secret."""

    iterations: int
    memory_cost: int = MEMORY_COST_KIB
    lanes: int = LANES

    def as_dict(self) -> dict[str, int]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, int]) -> KdfParams:
        return cls(int(data["iterations"]), int(data["memory_cost"]), int(data["lanes"]))


class KdfPolicy:
    """Decides the cost of new derivations; calibrated once when a station is opened."""

    def __init__(self, target_seconds: float = 0.5, fixed: KdfParams | None = None) -> None:
        self.target_seconds = target_seconds
        self._params = fixed

    def params(self) -> KdfParams:
        if self._params is None:
            self._params = calibrate(self.target_seconds)
        return self._params


def calibrate(target_seconds: float, memory_cost: int = MEMORY_COST_KIB) -> KdfParams:
    """Iterations of Argon2id at *memory_cost* that take about *target_seconds* here."""
    probe = KdfParams(iterations=1, memory_cost=memory_cost)
    elapsed = min(_time_one(probe) for _ in range(2))
    iterations = max(1, round(target_seconds / max(elapsed, 1e-6)))
    return KdfParams(iterations=iterations, memory_cost=memory_cost)


def _time_one(params: KdfParams) -> float:
    start = time.perf_counter()
    derive_key(b"calibration", os.urandom(16), params)
    return time.perf_counter() - start


def derive_key(secret: bytes, salt: bytes, params: KdfParams) -> bytes:
    """A 256-bit key from a password or recovery code."""
    kdf = Argon2id(
        salt=salt,
        length=KEY_LENGTH,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_cost,
    )
    return kdf.derive(secret)


def hash_password(password: str, params: KdfParams) -> str:
    """A PHC-encoded Argon2id hash ($argon2id$v=19$m=...,t=...,p=...$salt$hash)."""
    kdf = Argon2id(
        salt=os.urandom(16),
        length=KEY_LENGTH,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_cost,
    )
    return kdf.derive_phc_encoded(password.encode("utf-8"))


def verify_password(password: str, encoded: str) -> bool:
    try:
        Argon2id.verify_phc_encoded(password.encode("utf-8"), encoded)
    except InvalidKey:
        return False
    return True
