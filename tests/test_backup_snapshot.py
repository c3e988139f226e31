"""The database copied as its encrypted bytes under one read transaction: the station at one instant, saves going on."""

from __future__ import annotations

import threading

from app.backup import snapshot
from app.backup.check import counts, journal_head, open_database
from app.backup.writer import _describe, database_key, kind_tables
from app.store.engine import run_outside_transaction
from tests.logbook_helpers import entry_data


def _held(station):
    raw = station.engine.raw_connection()
    return raw, raw.driver_connection


def _describe_of(gate):
    kinds = gate.services.kernel.kinds
    return lambda conn: _describe(conn, kinds)


def _holds(copy, key, described, tables) -> None:
    conn = open_database(copy, key, read_only=False)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        known = [(kind, table) for kind, table in tables if kind in described["counts"]]
        assert counts(conn, known) == {kind: described["counts"][kind] for kind, _t in known}
        assert journal_head(conn) == (described["journal_seq"], described["journal_hash"])
    finally:
        conn.close()


def test_a_copy_taken_while_another_thread_saves_and_checkpoints_is_one_snapshot(gate, clock, tmp_path, monkeypatch):
    logbook, station = gate.services.logbook, gate.services.station
    for n in range(20):
        logbook.create(gate.admin, entry_data(clock.now(), subject=f"Avant {n}"))
    monkeypatch.setattr(snapshot, "STEP", 4096)  # one page per step: the saves below land in the middle of the copy
    saved, stop, failures = threading.Semaphore(0), threading.Event(), []

    def saving() -> None:
        n = 0
        try:
            while not stop.is_set():
                logbook.create(gate.admin, entry_data(clock.now(), subject=f"Pendant {n}"))
                n += 1
                saved.release()
        except BaseException as exc:  # noqa: BLE001 - told by the test below
            failures.append(exc)
            saved.release()

    steps = []

    def during_copy(done: int, total: int) -> None:
        if len(steps) < 4:  # a save committed and a checkpoint run between copied pages, four times
            steps.append(saved.acquire(timeout=60))
            run_outside_transaction(station.engine, "PRAGMA wal_checkpoint(PASSIVE)")

    raw, conn = _held(station)
    thread = threading.Thread(target=saving)
    thread.start()
    try:
        described = None
        for attempt in range(20):
            described = snapshot.copy_snapshot(station.engine, conn, station.paths.database,
                                               tmp_path / f"copy-{attempt}.db", _describe_of(gate), during_copy)
            if described is not None:
                break
            (tmp_path / f"copy-{attempt}.db").unlink(missing_ok=True)
    finally:
        stop.set()
        thread.join(timeout=60)
        raw.close()
    assert not failures and steps == [True] * 4
    assert described is not None and described["counts"]["logbook_entry"] >= 20
    _holds(tmp_path / f"copy-{attempt}.db", database_key(station), described, kind_tables(gate.services.kernel.kinds))
    with station.read() as uow:  # the saves went on: the station is ahead of its copy
        assert uow.session.execute(_entries_count()).scalar() > described["counts"]["logbook_entry"]


def _entries_count():
    from sqlalchemy import func, select

    from app.models import LogbookEntry

    return select(func.count()).select_from(LogbookEntry)


def test_a_quiet_station_is_copied_as_its_bytes_and_one_pinned_by_an_older_reader_page_by_page(
        gate, clock, tmp_path):
    logbook, station = gate.services.logbook, gate.services.station
    logbook.create(gate.admin, entry_data(clock.now(), subject="Avant"))
    raw, conn = _held(station)
    try:
        quiet = snapshot.copy_snapshot(station.engine, conn, station.paths.database, tmp_path / "quiet.db",
                                       _describe_of(gate), lambda done, total: None)
    finally:
        raw.close()
    assert quiet is not None
    _holds(tmp_path / "quiet.db", database_key(station), quiet, kind_tables(gate.services.kernel.kinds))
    pin_raw, pin = _held(station)
    pin.execute("BEGIN")
    pin.execute("SELECT id FROM station").fetchone()  # an old snapshot: no checkpoint may pass it
    try:
        logbook.create(gate.admin, entry_data(clock.now(), subject="Après"))
        raw, conn = _held(station)
        try:
            assert snapshot.copy_snapshot(station.engine, conn, station.paths.database, tmp_path / "copy.db",
                                          _describe_of(gate), lambda done, total: None) is None
        finally:
            raw.close()
        folder = tmp_path / "usb"
        folder.mkdir()
        done = gate.services.backup.back_up(gate.admin, folder)  # checked inside: counts as the snapshot said
        assert done.counts["logbook_entry"] == 2
    finally:
        pin.execute("COMMIT")
        pin_raw.close()
