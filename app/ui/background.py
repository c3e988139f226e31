"""Running slow service calls (key derivation, creation, exports) off the GUI thread.

The callable runs in Qt's thread pool with its own database session (each
service call opens its own unit of work); only plain data or an exception
comes back, delivered on the GUI thread through a queued signal.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.qt import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    succeeded = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.work = work
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # handed to the GUI thread, which decides what the user sees
            self.relay.failed.emit(exc)
        else:
            self.relay.succeeded.emit(result)


class BackgroundTask(QObject):
    """One background call; `finished` fires on the GUI thread once either callback has run."""

    finished = Signal()

    def __init__(
        self,
        work: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_error: Callable[[Exception], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._relay = _Relay(self)
        self._relay.succeeded.connect(lambda result: self._done(on_success, result))
        self._relay.failed.connect(lambda error: self._done(on_error, error))
        self._task = _Task(work, self._relay)
        self._task.setAutoDelete(False)

    def start(self) -> BackgroundTask:
        QThreadPool.globalInstance().start(self._task)
        return self

    def _done(self, callback, value) -> None:
        try:
            callback(value)
        finally:
            self.finished.emit()


def run_in_background(
    parent: QObject,
    work: Callable[[], Any],
    on_success: Callable[[Any], None],
    on_error: Callable[[Exception], None],
) -> BackgroundTask:
    return BackgroundTask(work, on_success, on_error, parent).start()
