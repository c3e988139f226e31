"""Argon2id key derivation and password hashes, with a cost calibrated per station."""

from __future__ import annotations

from collections.abc import Callable

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


# A clock that misreads a pass as free must not make logins take minutes.
MAX_ITERATIONS = 1000


def calibrate(target_seconds: float, memory_cost: int = MEMORY_COST_KIB,
              timer: Callable[[KdfParams], float] | None = None) -> KdfParams:
    """Iterations of Argon2id at *memory_cost* that take about *target_seconds* here.

    Timed at one and at three iterations: the difference is the cost of an
    iteration, the rest a fixed cost (filling the memory, the call itself)
    that a one-point probe would count once per iteration and so undershoot.
    """
    timer = timer or _time_one

    def fastest(iterations: int) -> float:
        return min(timer(KdfParams(iterations=iterations, memory_cost=memory_cost)) for _ in range(2))

    one, three = fastest(1), fastest(3)
    per_iteration = max((three - one) / 2, 1e-6)
    fixed = max(one - per_iteration, 0.0)
    iterations = min(MAX_ITERATIONS, max(1, round((target_seconds - fixed) / per_iteration)))
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
