"""Shared fixtures: real encrypted stations in temporary folders, with a cheap key derivation.

The real Argon2id cost (about half a second) is kept for the tests marked
`slow` that check calibration; elsewhere the cost is lowered so that the
suite stays fast, while every other part (SQLCipher, slots, journal) is real.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.crypto.kdf import KdfParams, KdfPolicy  # noqa: E402
from app.crypto.secretstore import NoSecretStore  # noqa: E402
from app.services.gate import StationGate  # noqa: E402
from app.services.station import NewStation, StationDeps  # noqa: E402
from app.store.layout import StationPaths  # noqa: E402

CHEAP_KDF = KdfParams(iterations=1, memory_cost=1024)
ADMIN_PASSWORD = "correct-horse-battery"


class FakeClock:
    """A clock the test moves by hand (lockout expiry, retention)."""

    def __init__(self, start: datetime | None = None) -> None:
        self.current = start or datetime(2026, 11, 22, 8, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.current

    def advance(self, **delta) -> None:
        self.current += timedelta(**delta)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def deps(clock) -> StationDeps:
    return StationDeps(clock=clock, kdf=KdfPolicy(fixed=CHEAP_KDF), secrets=NoSecretStore())


@pytest.fixture
def new_station() -> NewStation:
    return NewStation(
        service_name="Police municipale de Montclair-sur-Vienne",
        commune="Montclair-sur-Vienne",
        insee_code="86999",
        department="86",
        admin_login="admin",
        admin_full_name="Sophie Lemaire",
        admin_password=ADMIN_PASSWORD,
        admin_grade="Directrice de police municipale",
        admin_matricule="86-86999-001",
    )


@pytest.fixture
def station_dir(tmp_path) -> Path:
    return tmp_path / "station"


@pytest.fixture
def gate(station_dir, deps, new_station):
    """A created station, open, its administrator logged in (gate.admin)."""
    gate = StationGate(StationPaths(station_dir), deps)
    gate.admin, gate.recovery_code = gate.create(new_station)
    yield gate
    gate.close()
