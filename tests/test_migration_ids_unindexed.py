"""Migration 0016: the journal and the outbox made again without the unique indexes of the ids this station
makes, with every row, index and trigger they had; and back again."""

from __future__ import annotations

from datetime import timedelta
from typing import cast

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from app.store import migrate
from app.store.engine import run_outside_transaction
from tests.conftest import ADMIN_PASSWORD, AdminGate, reopen
from tests.test_journal_purge import old_then_recent
from tests.test_journal_seal import check
from tests.test_journal_support import service, write_entries
from tests.test_migrations import revision_of

SCHEMA = ("SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN ('journal', 'sync_outbox') "
          "OR (type = 'trigger' AND sql LIKE '%journal%') ORDER BY type, name")


def _read(engine, statement: str) -> list[tuple]:
    with engine.connect() as conn:
        return [tuple(row) for row in conn.execute(text(statement))]


def _to(engine, revision: str, down: bool = False) -> None:
    from alembic import command

    with engine.begin() as conn:
        (command.downgrade if down else command.upgrade)(migrate._config(conn), revision)


def test_the_rows_indexes_and_triggers_stay_and_only_the_two_unique_indexes_go(gate, clock, station_dir, deps):
    code = gate.services.station.journal.take_verification_code()
    old_then_recent(gate, clock)
    assert service(gate).purge_expired().purged > 0  # a checkpoint, which the journal's triggers check
    engine = gate.services.station.engine
    journal, outbox = _read(engine, "SELECT * FROM journal ORDER BY seq"), _read(engine, "SELECT * FROM sync_outbox")
    head = _read(engine, SCHEMA)
    names = {name for _type, name, _sql in head}
    assert "sqlite_autoindex_journal_1" not in names and "sqlite_autoindex_sync_outbox_1" not in names
    assert {"journal_no_update", "journal_purge_only", "journal_checkpoint_by_purge", "ix_journal_at",
            "ix_journal_login", "ix_journal_record_id", "ix_journal_operation", "ix_sync_outbox_record_id"} <= names

    _to(engine, "0015", down=True)
    before = _read(engine, SCHEMA)
    assert {name for _type, name, _sql in before} == names | {"sqlite_autoindex_journal_1",
                                                            "sqlite_autoindex_sync_outbox_1"}
    duplicate = journal[-1]
    with pytest.raises(IntegrityError, match="UNIQUE constraint failed: journal.id"):  # back as 0015 had it
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO journal SELECT seq + 1000, id, at, station_id, user_id, login, matricule, "
                              "operation, compartment, record_kind, record_id, motive, recipient, detail, prev_hash, "
                              "hash, tag FROM journal WHERE seq = :seq"), {"seq": duplicate[0]})
    gate.close()

    again = reopen(station_dir, deps)  # Vigie upgrades it at opening, after a backup copy
    again.admin = again.login("admin", ADMIN_PASSWORD)
    engine = again.services.station.engine
    assert migrate.current_revision(engine) == migrate.head_revision()
    assert _read(engine, SCHEMA) == head
    assert _read(engine, "SELECT * FROM journal ORDER BY seq")[:len(journal)] == journal
    assert _read(engine, "SELECT * FROM sync_outbox")[:len(outbox)] == outbox
    with pytest.raises(IntegrityError, match="append-only"):
        with engine.begin() as conn:
            conn.execute(text("UPDATE journal SET motive = 'x' WHERE seq = :seq"), {"seq": journal[-1][0]})
    write_entries(again, clock, 3, step=timedelta(minutes=1))
    report = check(again, code)
    assert report.ok and report.sealed, report.findings
    again.close()


def _at_0015_with_a_journal_worth_copying(gate, clock, vacuum: bool) -> tuple[str, bytes, list[tuple]]:
    """The station closed at 0015 with 2,500 large entries: its code, its key and its journal's rows.
    *vacuum*: the file made as small as its rows (the downgrade's copy left the old pages free)."""
    code = gate.services.station.journal.take_verification_code()
    write_entries(gate, clock, 2500, step=timedelta(seconds=1), detail="x" * 2000)
    engine, key = gate.services.station.engine, gate.services.station.backup_key()
    _to(engine, "0015", down=True)
    for statement in (("VACUUM",) if vacuum else ()) + ("PRAGMA wal_checkpoint(TRUNCATE)",):
        run_outside_transaction(engine, statement)
    journal = _read(engine, "SELECT * FROM journal ORDER BY seq")
    gate.close()
    return code, key, journal


def _opens_upgraded_with(station_dir, deps, journal: list[tuple], code: str) -> None:
    """The station opens at the newest schema, its journal's rows all there and sealed."""
    again = cast(AdminGate, reopen(station_dir, deps))
    again.admin = again.login("admin", ADMIN_PASSWORD)
    assert again.services is not None
    engine = again.services.station.engine
    assert migrate.current_revision(engine) == migrate.head_revision()
    assert _read(engine, "SELECT * FROM journal ORDER BY seq")[:len(journal)] == journal
    report = check(again, code)
    assert report.ok and report.sealed, report.findings
    again.close()


def test_an_upgrade_cut_by_the_disk_says_so_leaves_the_station_as_it_was_and_upgrades_next_time(
        gate, clock, station_dir, deps):
    """The upgrade copies the journal: a disk that fills meanwhile (here no file may grow past the database's
    size, so its copy before upgrading fits and the -wal does not) is told in one line, never as a database
    of another station, and the station stays at 0015 with every entry, to be upgraded at its next opening."""
    from tests.test_faults_support import run_vigie

    code, key, journal = _at_0015_with_a_journal_worth_copying(gate, clock, vacuum=True)
    database = station_dir / "vigie.db"
    cut = run_vigie("journal", "verify", "--station", "--data-dir", str(station_dir), "--as", "admin",
                    stdin=f"{ADMIN_PASSWORD}\n", file_size_limit=database.stat().st_size + 4096)
    assert cut["returncode"] == 1 and cut["stdout"] == "", cut
    [line] = cut["stderr"].splitlines()
    assert line.startswith("vigie: ") and "autre poste" not in line, line
    assert "Le disque est plein" in line or "n'a pas pu être mise à jour" in line, line
    assert revision_of(database, key) == "0015"

    _opens_upgraded_with(station_dir, deps, journal, code)


def test_vigie_killed_mid_upgrade_leaves_a_station_that_opens_upgraded_with_every_entry(
        gate, clock, station_dir, deps):
    from tests.test_faults import _closed, _killed_when, _started

    code, _key, journal = _at_0015_with_a_journal_worth_copying(gate, clock, vacuum=False)
    wal = station_dir / "vigie.db-wal"
    process = _started("journal", "verify", "--station", "--data-dir", str(station_dir), "--as", "admin",
                       stdin=f"{ADMIN_PASSWORD}\n")
    # The copy of the journal is the opening's one large write: killed while it grows the -wal.
    _killed_when(process, lambda: wal.exists() and wal.stat().st_size > 2_000_000)
    _closed(process)

    _opens_upgraded_with(station_dir, deps, journal, code)
