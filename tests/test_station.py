"""Creating and opening a station: the folder, the key file, and damaged or foreign databases."""

from __future__ import annotations

import base64
import json
import os
import shutil
import stat

import pytest

from app.errors import BadCredentials, InvalidInput, NotAFolder, StationError
from app.bootstrap import build_gate
from app.store.layout import StationPaths
from tests.conftest import ADMIN_PASSWORD, add_agent, reopen, station_files


def test_created_station_opens_with_the_admin_password(gate, station_dir, deps):
    gate.close()
    again = reopen(station_dir, deps)
    actor = again.login("admin", ADMIN_PASSWORD)
    assert actor.login == "admin"
    assert actor.full_name == "Sophie Lemaire"
    assert actor.role == "administrateur"
    assert again.services.station.details.commune == "Montclair-sur-Vienne"
    assert again.services.station.details.insee_code == "86999"
    again.close()


def test_a_new_station_holds_its_database_and_key_file(gate, station_dir):
    gate.close()
    assert sorted(p.name for p in station_dir.iterdir()) == [
        "in-use", "journal.seal", "space-reserve", "station.keys", "vigie.db"]
    # Closed, the station is marked as open by no process: only the lock a rekey takes is left.
    assert [p.name for p in (station_dir / "in-use").iterdir()] == ["rekey.lock"]
    assert not reopen(station_dir, gate.deps).needs_creation()


def test_the_login_is_found_whatever_its_case_and_surrounding_spaces(gate, station_dir, deps):
    gate.close()
    again = reopen(station_dir, deps)
    assert again.login(" Admin ", ADMIN_PASSWORD).login == "admin"
    assert again.login("ADMIN", ADMIN_PASSWORD).login == "admin"
    again.close()


def test_wrong_password_opens_nothing_and_changes_no_file(gate, station_dir, deps):
    gate.close()
    before = station_files(station_dir)
    again = reopen(station_dir, deps)
    with pytest.raises(BadCredentials, match="Incorrect login or password"):
        again.login("admin", "not-the-password")
    assert not again.is_open
    after = station_files(station_dir)
    # Only the sealed record of the failed attempt was added, for the journal.
    assert after.pop("pending-events.log")
    assert after == before


def test_a_new_station_needs_an_empty_folder(station_dir, deps, new_station):
    station_dir.mkdir()
    (station_dir / "notes.txt").write_text("déjà là")
    with pytest.raises(StationError, match="not empty"):
        reopen(station_dir, deps).create(new_station)
    assert station_files(station_dir) == {"notes.txt": "déjà là".encode()}


def test_a_folder_holding_only_vigies_log_takes_a_new_station(station_dir, deps, new_station):
    # The command line and the GUI open their log file before the station exists.
    (station_dir / "logs").mkdir(parents=True)
    (station_dir / "logs" / "vigie.log").write_text("started\n")
    gate = reopen(station_dir, deps)
    admin, _code = gate.create(new_station)
    assert admin.login == "admin"
    gate.close()


def test_a_folder_that_cannot_be_written_is_a_clear_error(tmp_path, deps, new_station):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    target = blocker / "station"
    with pytest.raises(NotAFolder) as caught:
        reopen(target, deps).create(new_station)
    assert str(blocker) in str(caught.value)
    assert blocker.read_text() == "not a folder"


def test_a_station_is_not_created_from_invalid_details(station_dir, deps, new_station):
    from dataclasses import replace

    with pytest.raises(InvalidInput, match="at least 12 characters"):
        reopen(station_dir, deps).create(replace(new_station, admin_password="short"))
    with pytest.raises(InvalidInput, match="INSEE"):
        reopen(station_dir, deps).create(replace(new_station, insee_code="8699"))
    assert not station_dir.exists() or station_files(station_dir) == {}


def test_an_empty_folder_asks_for_a_station(station_dir, deps):
    gate = reopen(station_dir, deps)
    assert gate.needs_creation()
    with pytest.raises(StationError, match="No station in"):
        gate.login("admin", ADMIN_PASSWORD)


def test_a_missing_key_file_is_named_and_the_database_left_alone(gate, station_dir, deps):
    gate.close()
    (station_dir / "station.keys").unlink()
    before = station_files(station_dir)
    again = reopen(station_dir, deps)
    with pytest.raises(StationError, match="key file .* is missing") as caught:
        again.login("admin", ADMIN_PASSWORD)
    assert str(station_dir / "station.keys") in str(caught.value)
    assert not again.is_open
    assert station_files(station_dir) == before


def _truncate(data: dict, raw: bytes) -> bytes:
    return raw[:200]


def _not_an_object(data: dict, raw: bytes) -> bytes:
    return b"[]"


def _slot_without_its_key(data: dict, raw: bytes) -> bytes:
    del data["slots"][0]["private_key"]
    return json.dumps(data).encode()


def _sealed_key_altered(data: dict, raw: bytes) -> bytes:
    # The password still opens the slot's private key, but what it seals is damaged.
    for slot in data["slots"]:
        sealed = bytearray(base64.b64decode(slot["sealed"]))
        sealed[-1] ^= 0x01
        slot["sealed"] = base64.b64encode(bytes(sealed)).decode()
    return json.dumps(data).encode()


@pytest.mark.parametrize("damage", [_truncate, _not_an_object, _slot_without_its_key, _sealed_key_altered],
                         ids=["truncated", "not-an-object", "slot-incomplete", "sealed-key-altered"])
def test_a_damaged_key_file_is_named(gate, station_dir, deps, damage):
    gate.close()
    keys = station_dir / "station.keys"
    raw = keys.read_bytes()
    keys.write_bytes(damage(json.loads(raw), raw))
    before = station_files(station_dir)
    again = reopen(station_dir, deps)
    with pytest.raises(StationError, match="unreadable or damaged") as caught:
        again.login("admin", ADMIN_PASSWORD)
    assert str(keys) in str(caught.value)
    assert not again.is_open
    assert station_files(station_dir) == before


@pytest.mark.skipif(os.name != "posix", reason="file modes")
def test_the_key_file_is_readable_by_the_station_account_only(gate, station_dir):
    add_agent(gate)  # rewrites the key file
    assert stat.S_IMODE((station_dir / "station.keys").stat().st_mode) == 0o600


def test_a_missing_database_is_named(gate, station_dir, deps):
    gate.close()
    (station_dir / "vigie.db").unlink()
    with pytest.raises(StationError, match="is missing") as caught:
        reopen(station_dir, deps).login("admin", ADMIN_PASSWORD)
    assert str(station_dir / "vigie.db") in str(caught.value)


def assert_refused_untouched(station_dir, deps):
    """Opening fails with an error naming the database, and no file of the station changes."""
    before = station_files(station_dir)
    again = build_gate(station_dir, deps)
    with pytest.raises(StationError) as caught:
        again.login("admin", ADMIN_PASSWORD)
    assert str(station_dir / "vigie.db") in str(caught.value)
    assert not again.is_open
    assert station_files(station_dir) == before
    return caught.value


def test_the_database_of_another_station_is_refused(gate, station_dir, deps, new_station, tmp_path):
    gate.close()
    other_dir = tmp_path / "other"
    other = build_gate(other_dir, deps)
    other.create(new_station)  # same service, same passwords: still another station
    other.close()
    shutil.copyfile(other_dir / "vigie.db", station_dir / "vigie.db")
    error = assert_refused_untouched(station_dir, deps)
    assert "another station" in str(error)


@pytest.mark.parametrize("keep", [0, 100, 4096, 0.5], ids=["empty", "100-bytes", "one-page", "half"])
def test_a_truncated_database_is_refused(gate, station_dir, deps, keep):
    gate.close()
    database = station_dir / "vigie.db"
    data = database.read_bytes()
    size = int(len(data) * keep) if isinstance(keep, float) else keep
    database.write_bytes(data[:size])
    error = assert_refused_untouched(station_dir, deps)
    assert "truncated or damaged" in str(error)


@pytest.mark.parametrize("offset", [32, 100, 4096 + 200], ids=["header", "first-page", "second-page"])
def test_a_corrupted_database_is_refused(gate, station_dir, deps, offset):
    gate.close()
    database = station_dir / "vigie.db"
    data = bytearray(database.read_bytes())
    data[offset : offset + 8] = bytes(b ^ 0xFF for b in data[offset : offset + 8])
    database.write_bytes(bytes(data))
    error = assert_refused_untouched(station_dir, deps)
    assert "truncated or damaged" in str(error)


def test_the_database_is_encrypted_in_wal_mode_with_full_sync(gate, station_dir):
    import sqlite3

    from app.store.engine import run_outside_transaction

    engine = gate.services.station.engine
    [[mode]], [[sync]], [[foreign_keys]] = run_outside_transaction(
        engine, "PRAGMA journal_mode", "PRAGMA synchronous", "PRAGMA foreign_keys"
    )
    assert (mode, sync, foreign_keys) == ("wal", 2, 1)  # 2 is FULL
    gate.close()
    plain = sqlite3.connect(station_dir / "vigie.db")
    try:
        with pytest.raises(sqlite3.DatabaseError, match="not a database"):
            plain.execute("SELECT count(*) FROM sqlite_master").fetchall()
    finally:
        plain.close()


def test_a_wrong_key_opens_nothing_and_writes_nothing(gate, station_dir):
    from app.crypto.keyslots import new_database_key
    from app.store.engine import CannotOpen, make_engine

    gate.close()
    before = station_files(station_dir)
    with pytest.raises(CannotOpen):
        make_engine(station_dir / "vigie.db", new_database_key())
    assert station_files(station_dir) == before
