"""Faults during a backlog's swap purge: the journal is found exactly as before, or fully purged.

The purge runs in a process of its own, a fork of the test's (it needs no new interpreter), which a
full disk stops (a 20 MB tmpfs in a mount namespace of its own) or SIGKILL ends at a chosen point
(tests/test_journal_purge_support.py arms both).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import traceback
from typing import Any

import pytest
from sqlalchemy import text

from app.audit import verify
from app.audit.purge import purge_expired
from app.errors import DiskFull, VigieError
from app.i18n import translate_error
from app.crypto import verification_code
from tests.conftest import ADMIN_PASSWORD, journal_entries, reopen
from tests.test_journal_purge import checkpoints, old_then_recent
from tests.test_journal_purge_swap import rows, schema, sealed_report
from tests.test_faults_support import _fill
from tests.test_journal_purge_support import SWAP_FROM, kill_after_commit, kill_at, small_disk


def purged_on_a_small_disk(station_dir, deps, tmp_path) -> dict:
    """The backlog purged by a fork of this process on a copy of the station in a 20 MB tmpfs filled to its
    last 16 KB: the error the purge met (its class and folder); the station is copied back as it was left."""
    outcome = tmp_path / "outcome.json"
    pid = os.fork()
    if pid == 0:  # the child: it never returns into pytest
        status = 3
        try:
            outcome.write_text(json.dumps(_on_a_small_disk(station_dir, deps, tmp_path / "small-disk")))
            status = 0
        except BaseException:  # noqa: BLE001 - shown to the test through the status, on stderr
            traceback.print_exc()
        finally:
            os._exit(status)
    assert os.waitpid(pid, 0)[1] == 0
    found = json.loads(outcome.read_text())
    if "skip" in found:
        pytest.skip(f"no mount namespace with a tmpfs can be made here: {found['skip']}")
    return found


def _on_a_small_disk(station_dir, deps, disk) -> dict:
    why = small_disk(disk)
    if why is not None:
        return {"skip": why}
    copy = disk / "station"
    shutil.copytree(station_dir, copy)
    child = reopened(copy, deps)
    _fill(disk, 16 * 1024)
    try:
        purge_expired(child.services.station, 60, swap_from=SWAP_FROM)
        found: dict[str, Any] = {"error": None}
    except VigieError as error:
        found = {"error": type(error).__name__, "params": error.params}
    finally:
        (disk / "filler").unlink(missing_ok=True)
        child.close()
    shutil.rmtree(station_dir)
    shutil.copytree(copy, station_dir)
    return found


def purged_and_killed(station_dir, deps, arm) -> int:
    """The backlog purged by a fork of this process, after *arm*(engine) set it to kill itself; its wait status."""
    pid = os.fork()
    if pid == 0:  # the child: it never returns into pytest
        status = 3
        try:
            child = reopened(station_dir, deps)
            station = child.services.station
            arm(station.engine)
            purge_expired(station, 60, swap_from=SWAP_FROM)
            status = 0  # not killed: the test says so
        except BaseException:  # noqa: BLE001 - shown to the test through the status, on stderr
            traceback.print_exc()
        finally:
            os._exit(status)
    return os.waitpid(pid, 0)[1]


def killed(status: int) -> bool:
    return os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL


def journal_of(gate) -> tuple:
    with gate.services.station.read() as uow:
        kept = uow.session.execute(text("SELECT * FROM journal_checkpoint ORDER BY seq")).all()
    return schema(gate), rows(gate, "journal"), [tuple(row) for row in kept]


def reopened(station_dir, deps):
    again = reopen(station_dir, deps)
    again.purge_at_opening = False  # what the fault left, before any purge of this opening
    again.admin = again.login("admin", ADMIN_PASSWORD)
    return again


def backlog(gate, clock) -> tuple[bytes, list[int], list[int]]:
    code = verification_code.decode(gate.services.station.journal.take_verification_code())
    old, recent = old_then_recent(gate, clock, old=300, recent=10)
    return code, old, recent


def test_a_swap_stopped_by_a_full_disk_leaves_the_journal_as_it_was_and_says_the_disk_is_full(
        gate, station_dir, deps, clock, tmp_path):
    code, _old, _recent = backlog(gate, clock)
    before = journal_of(gate)
    gate.close()
    found = purged_on_a_small_disk(station_dir, deps, tmp_path)
    assert found["error"] == "DiskFull", found
    said = translate_error(DiskFull(**found["params"]))  # what the screens and the commands say of it
    assert said.startswith("Le disque est plein") and str(tmp_path / "small-disk" / "station") in said
    again = as_it_was(station_dir, deps, before, code)
    try:  # and the next purge, on a disk with room, goes through
        assert again.services.journal.purge_expired(again.admin).purged > 0
        assert verify.verify_station(again.services.station.engine, again.services.station.id).ok
    finally:
        again.close()


def as_it_was(station_dir, deps, before: tuple, code: bytes):
    """The station reopened after a fault, its journal as *before* but for the logins since; still open."""
    again = reopened(station_dir, deps)
    found, entries, kept = journal_of(again)
    assert (found, kept) == (before[0], before[2])  # the schema and the checkpoints, as they were
    assert entries[:len(before[1])] == before[1]  # every entry, then only the two logins since
    assert [e.operation for e in journal_entries(again)[len(before[1]):]] == ["login", "login"]
    report = sealed_report(again, code)
    assert report.ok and report.sealed, report.findings
    return again


def test_a_swap_killed_mid_way_leaves_the_journal_as_it_was_and_killed_after_its_commit_fully_purged(
        gate, station_dir, deps, clock):
    code, old, recent = backlog(gate, clock)
    before = journal_of(gate)
    gate.close()
    # Killed as the old table is about to be dropped, the kept entries copied into the new one.
    assert killed(purged_and_killed(station_dir, deps, lambda engine: kill_at(engine, "DROP TABLE journal_purged")))
    assert (station_dir / "vigie.db-wal").stat().st_size > 0  # the swap's pages had reached the -wal
    as_it_was(station_dir, deps, before, code).close()

    assert killed(purged_and_killed(station_dir, deps, lambda _engine: kill_after_commit()))
    again = reopened(station_dir, deps)
    try:
        entries = journal_entries(again)
        assert entries[0].seq == recent[0]
        [checkpoint] = checkpoints(again)
        assert (checkpoint.seq, checkpoint.purged_count) == (old[-1], old[-1])
        purge = next(e for e in entries if e.operation == "purge")
        assert purge.detail.startswith(f"{old[-1]} journal entries older than 60 days purged;")
        # The seal state was left one entry behind (killed before it was written): the login rolled it on.
        report = sealed_report(again, code)
        assert report.ok and report.sealed, report.findings
    finally:
        again.close()
