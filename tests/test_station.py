"""Creating and opening a station: keys, slots, and what the disk holds."""

from __future__ import annotations

import pytest

from app.errors import BadCredentials, StationError
from app.services.gate import StationGate
from app.store.layout import StationPaths
from tests.conftest import ADMIN_PASSWORD


def reopen(station_dir, deps) -> StationGate:
    return StationGate(StationPaths(station_dir), deps)


def test_created_station_opens_with_the_admin_password(gate, station_dir, deps):
    gate.close()
    again = reopen(station_dir, deps)
    actor = again.login("admin", ADMIN_PASSWORD)
    assert actor.login == "admin"
    assert again.services.station.details.commune == "Montclair-sur-Vienne"
    again.close()


def test_wrong_password_opens_nothing(gate, station_dir, deps):
    gate.close()
    again = reopen(station_dir, deps)
    with pytest.raises(BadCredentials):
        again.login("admin", "not-the-password")
    assert not again.is_open


def test_a_new_station_needs_an_empty_folder(station_dir, deps, new_station):
    station_dir.mkdir()
    (station_dir / "notes.txt").write_text("déjà là")
    with pytest.raises(StationError, match="not empty"):
        reopen(station_dir, deps).create(new_station)
    assert (station_dir / "notes.txt").read_text() == "déjà là"
