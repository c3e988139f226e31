"""Reads never wait on writes; writes hold the lock briefly; two Vigie processes on one station
both get their work done (or a clear "occupée"), and the journal's sequence never repeats."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select, text

from app.audit import verify
from app.models import JournalEntry, LogbookEntry
from tests.conftest import ADMIN_PASSWORD, reopen
from tests.logbook_helpers import entry_data

ROOT = Path(__file__).resolve().parent.parent


def test_a_read_answers_at_once_while_another_thread_holds_the_write_lock(gate, clock):
    logbook = gate.services.logbook
    logbook.create(gate.admin, entry_data(clock.now()))
    holding, release = threading.Event(), threading.Event()

    def hold_the_write_lock() -> None:
        with gate.services.station.uow() as uow:
            uow.session.execute(text("UPDATE settings SET value = value"))
            holding.set()
            release.wait(10)

    writer = threading.Thread(target=hold_the_write_lock)
    writer.start()
    try:
        assert holding.wait(10)
        began = time.perf_counter()
        rows = logbook.today(gate.admin)
        counted = logbook.count(gate.admin)
        waited = time.perf_counter() - began
    finally:
        release.set()
        writer.join()
    assert len(rows) == 1 and counted == 1
    assert waited < 1.0, f"the read waited {waited:.2f} s behind a writer"


def test_lists_and_saves_go_on_during_a_retention_purge_of_many_entries(gate, clock):
    logbook = gate.services.logbook
    for n in range(450):
        logbook.create(gate.admin, entry_data(clock.now() - timedelta(minutes=n)))
    clock.advance(days=4 * 365)
    fresh = logbook.create(gate.admin, entry_data(clock.now())).entry
    done = threading.Event()
    outcome: list[dict] = []

    def purge() -> None:
        outcome.append(gate.services.retention.purge_expired())
        done.set()

    purger = threading.Thread(target=purge)
    purger.start()
    seen_during = 0
    while not done.is_set():
        assert logbook.count(gate.admin) >= 1
        seen_during += 1
    purger.join()
    assert outcome[0]["main_courante"] == 450
    assert seen_during > 0
    assert [row.id for row in logbook.today(gate.admin)] == [fresh.id]


CHILD = """
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
sys.path.insert(0, {root!r})
from app.crypto.kdf import KdfParams, KdfPolicy
from app.crypto.secretstore import NoSecretStore
from app.errors import VigieError
from app.bootstrap import build_gate
from app.kernel.station import StationDeps
from app.store.layout import StationPaths
from tests.logbook_helpers import entry_data

deps = StationDeps(kdf=KdfPolicy(fixed=KdfParams(iterations=1, memory_cost=1024)), secrets=NoSecretStore())
gate = build_gate(Path({station!r}), deps)
gate.purge_at_opening = False
actor = gate.login("admin", {password!r})
sys.stdout.write("ready\\n"); sys.stdout.flush()
sys.stdin.readline()
saved = busy = 0
for n in range(40):
    try:
        gate.services.logbook.create(actor, entry_data(datetime.now(UTC) - timedelta(minutes=n),
                                                       subject="Processus {name} " + str(n)))
        saved += 1
    except VigieError as error:
        assert "busy" in error.untranslated(), error.untranslated()
        busy += 1
gate.close()
print(saved, busy)
"""


def test_two_processes_writing_at_once_both_succeed_and_the_journal_sequence_never_repeats(gate, station_dir, deps):
    gate.close()
    children = [
        subprocess.Popen(
            [sys.executable, "-W", "error", "-c",
             CHILD.format(root=str(ROOT), station=str(station_dir), password=ADMIN_PASSWORD, name=name)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        )
        for name in ("A", "B")
    ]
    for child in children:
        assert child.stdout.readline().strip() == "ready", child.stderr.read()
    for child in children:  # both start their saves at the same moment
        child.stdin.write("go\n")
        child.stdin.flush()
    results = []
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        results.append(tuple(int(n) for n in out.split()))
    saved = sum(s for s, _ in results)
    assert all(s + b == 40 for s, b in results)

    again = reopen(station_dir, deps)
    again.login("admin", ADMIN_PASSWORD)
    station = again.services.station
    with station.read() as uow:
        assert uow.session.scalar(select(func.count()).select_from(LogbookEntry)) == saved
        seqs = list(uow.session.scalars(select(JournalEntry.seq).order_by(JournalEntry.seq)))
    assert len(seqs) == len(set(seqs)) and seqs == list(range(seqs[0], seqs[0] + len(seqs)))
    assert verify.verify_station(station.engine, station.id).ok
    again.close()
