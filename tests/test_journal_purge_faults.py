"""Faults during a backlog's swap purge: the journal is found exactly as before, or fully purged.

The purge runs in a process of its own (tests/test_journal_purge_support.py), which a full disk stops
(RLIMIT_FSIZE: SQLite meets EFBIG, a full disk to it) or SIGKILL ends at a chosen point.
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys

import pytest
from sqlalchemy import text

from app.audit import verify
from app.crypto import verification_code
from tests.conftest import ADMIN_PASSWORD, journal_entries, reopen
from tests.test_journal_purge import checkpoints, old_then_recent
from tests.test_journal_purge_swap import rows, schema, sealed_report
from tests.test_faults_support import ROOT, vigie_env

SUPPORT = ROOT / "tests" / "test_journal_purge_support.py"


def purged_elsewhere(gate, station_dir, clock, fault: str) -> subprocess.CompletedProcess:
    gate.close()
    command = [sys.executable, "-W", "error", str(SUPPORT), str(station_dir), clock.now().isoformat(), fault]
    if fault == "disk-full":
        unshare = shutil.which("unshare")
        if unshare is None:
            pytest.skip("no unshare(1) here to mount a small file system")
        command = [unshare, "-rm", *command]
    done = subprocess.run(command, capture_output=True, text=True, env=vigie_env(), cwd=ROOT, timeout=120)
    if fault == "disk-full" and (done.returncode == 97 or (done.returncode != 0 and "unshare" in done.stderr)):
        pytest.skip(f"no mount namespace with a tmpfs can be made here: {done.stderr.strip()}")
    return done


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
        gate, station_dir, deps, clock):
    code, _old, _recent = backlog(gate, clock)
    before = journal_of(gate)
    done = purged_elsewhere(gate, station_dir, clock, "disk-full")
    assert done.returncode == 0, done.stderr
    outcome = json.loads(done.stdout)
    assert outcome["error"] == "DiskFull", outcome  # what the screens and the commands say, with the folder
    assert outcome["said"].startswith("Le disque est plein") and "/small-disk/station" in outcome["said"]
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
    done = purged_elsewhere(gate, station_dir, clock, "kill-mid-swap")
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert (station_dir / "vigie.db-wal").stat().st_size > 0  # the swap's pages had reached the -wal
    as_it_was(station_dir, deps, before, code).close()

    done = purged_elsewhere(gate, station_dir, clock, "kill-after-commit")
    assert done.returncode == -signal.SIGKILL, done.stderr
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
