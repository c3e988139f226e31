"""The task manager: every service call that touches the database runs here, off the GUI thread.

In the manner of Anki's TaskManager and CollectionOp: one long-lived manager,
owned by the application (not by the widget that asks), runs each call in a
worker of its own pool; the call opens its own unit of work, so sessions
never cross threads. Its result (plain frozen data) or its exception comes
back on the GUI thread. When the widget that asked is gone by then, the
callbacks are skipped and nothing else happens: the work itself has finished
(a save is saved, its journal entry written) or failed with nothing kept.

    tasks.run(lambda: services.logbook.today(actor), self._show_today, self._show_error, owner=self)

The kernel's Changes (what a committed unit of work changed) are relayed to
the GUI thread as the `changed` signal, so that views reload only their part.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

from app.qt import QObject, QRunnable, QThreadPool, Signal, Slot, isValid

log = logging.getLogger("vigie.ui.tasks")

# Enough for a save, a list, a thumbnail and a purge at once; each holds a pooled connection.
MAX_WORKERS = 4

Success = Callable[[Any], None]
Failure = Callable[[Exception], None]


class _Worker(QRunnable):
    def __init__(self, manager: TaskManager, task_id: int, work: Callable[[], Any]) -> None:
        super().__init__()
        self._manager = manager
        self._task_id = task_id
        self._work = work

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:  # handed to the GUI thread, which decides what the user sees
            self._manager._finished.emit(self._task_id, False, exc)
        else:
            self._manager._finished.emit(self._task_id, True, result)


class TaskManager(QObject):
    """Runs service calls in the background and hands their outcome back on the GUI thread."""

    changed = Signal(object)  # app.kernel.work.Changes, on the GUI thread
    idle = Signal()  # no task is running any more
    _finished = Signal(int, bool, object)  # queued from the worker to the GUI thread
    _changes = Signal(object)

    def __init__(self, parent: QObject | None = None, max_workers: int = MAX_WORKERS) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_workers)
        self._ids = itertools.count(1)
        self._pending: dict[int, tuple[QObject | None, bool, Success | None, Failure | None]] = {}
        self._finished.connect(self._deliver)
        self._changes.connect(self.changed)

    def run(self, work: Callable[[], Any], on_success: Success | None = None, on_failure: Failure | None = None,
            *, owner: QObject | None = None) -> int:
        """Start *work* in a worker; its outcome reaches the callbacks while *owner* still exists."""
        task_id = next(self._ids)
        self._pending[task_id] = (owner, owner is not None, on_success, on_failure)
        self._pool.start(_Worker(self, task_id, work))
        return task_id

    def relay(self, changes: object) -> None:
        """Kernel listener (called on the committing thread): re-emitted on the GUI thread."""
        self._changes.emit(changes)

    @property
    def running(self) -> int:
        return len(self._pending)

    def when_idle(self, callback: Callable[[], None]) -> None:
        """Call *callback* on the GUI thread once no task is running (at once if none is)."""
        if not self._pending:
            callback()
            return

        def once() -> None:
            self.idle.disconnect(once)
            callback()

        self.idle.connect(once)

    def wait_for_done(self, msecs: int = -1) -> bool:
        """Block until every worker has returned (the application is closing the station)."""
        return self._pool.waitForDone(msecs)

    @Slot(int, bool, object)
    def _deliver(self, task_id: int, ok: bool, value: object) -> None:
        owner, had_owner, on_success, on_failure = self._pending.pop(task_id)
        try:
            if had_owner and (owner is None or not isValid(owner)):
                if not ok:
                    log.info("a background task failed after its window closed: %s", value)
                return
            # The value is the work's result on success, its exception on failure.
            callback: Callable[[Any], None] | None = on_success if ok else on_failure
            if callback is not None:
                callback(value)
            elif not ok:
                log.error("a background task failed and nobody was told: %r", value)
        finally:
            if not self._pending:
                self.idle.emit()
