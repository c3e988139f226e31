"""One station under the whole application's load for a minute: reads, writes, purges and exports at once.

The real TaskManager runs, in its workers, what the screens ask of the services:
the Today list, counts, journal searches, new main courante entries, retention's
purge and journal extracts, each kind started again as soon as it returns. At the
end there must be no error, no native crash (faulthandler prints the stacks of
every thread if one happens), and every entry whose save was confirmed to its
callback must be in the database.
"""

from __future__ import annotations

import faulthandler
import os
import time
from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.audit.query import JournalFilter
from app.models import LogbookEntry
from app.ui.tasks import TaskManager
from tests.logbook_helpers import entry_data

# A minute by default; VIGIE_STRESS_SECONDS shortens it on a developer's machine.
DURATION = float(os.environ.get("VIGIE_STRESS_SECONDS", "60"))
WORKERS = 6
OLD_ENTRIES = 120  # past their retention when the run starts: the first purges have real work


class Loop:
    """One kind of call, started again on the GUI thread each time the previous one returns."""

    def __init__(self, tasks: TaskManager, name: str, work: Callable[[int], Any], until: float,
                 on_result: Callable[[Any], None] | None = None) -> None:
        self.tasks, self.name, self.work, self.until = tasks, name, work, until
        self.on_result = on_result
        self.runs = 0
        self.errors: list[BaseException] = []
        self.running = False

    def start(self) -> None:
        if time.monotonic() >= self.until or self.errors:
            self.running = False
            return
        self.running = True
        n = self.runs
        self.tasks.run(lambda: self.work(n), self._done, self._failed)

    def _done(self, result: Any) -> None:
        self.runs += 1
        if self.on_result is not None:
            self.on_result(result)
        self.start()

    def _failed(self, error: Exception) -> None:
        self.errors.append(error)
        self.running = False


def test_the_task_manager_under_reads_writes_purges_and_exports_at_once(gate, clock, qtbot, tmp_path: Path):
    if not faulthandler.is_enabled():  # CI's (tests/conftest.py) writes to a file: keep it
        faulthandler.enable()
    services, admin = gate.services, gate.admin
    logbook, journal = services.logbook, services.journal
    clock.advance(days=-4 * 365)
    for n in range(OLD_ENTRIES):
        logbook.create(admin, entry_data(clock.now() - timedelta(minutes=n), subject=f"Ancienne {n}"))
    clock.advance(days=4 * 365)
    now = clock.now()
    everything = JournalFilter()
    confirmed: list[str] = []
    tasks = TaskManager(max_workers=WORKERS)
    until = time.monotonic() + DURATION

    def create(n: int) -> str:
        return logbook.create(admin, entry_data(now - timedelta(seconds=n), subject=f"Charge {n}")).entry.id

    def export(n: int) -> int:
        return journal.export(admin, everything, "csv", tmp_path / f"extrait-{n}.csv", "Contrôle interne").count

    loops = [
        Loop(tasks, "today", lambda n: logbook.today(admin), until),
        Loop(tasks, "count", lambda n: logbook.count(admin), until),
        Loop(tasks, "journal search", lambda n: journal.search(admin, everything), until),
        Loop(tasks, "create", create, until, on_result=confirmed.append),
        Loop(tasks, "purge", lambda n: services.run_purges(), until),
        Loop(tasks, "export", export, until),
    ]
    for loop in loops:
        loop.start()
    qtbot.waitUntil(lambda: not any(loop.running for loop in loops), timeout=int(DURATION * 1000) + 120_000)
    assert tasks.wait_for_done(30_000)

    errors = {loop.name: loop.errors for loop in loops if loop.errors}
    assert errors == {}
    runs = Counter({loop.name: loop.runs for loop in loops})
    assert all(runs[loop.name] > 0 for loop in loops), runs
    with gate.services.station.read() as uow:
        kept = set(uow.session.scalars(select(LogbookEntry.id)))
        old = uow.session.scalar(select(LogbookEntry.id).where(LogbookEntry.subject.like("Ancienne%")))
    assert len(confirmed) == runs["create"]
    assert set(confirmed) <= kept
    assert old is None  # the purges erased the expired entries while the others worked
