"""A long sync's progress, said as it moves: the engine calls it from the task manager's worker at
the end of each page; the sentence is made and shown on the GUI thread (a queued signal)."""

from __future__ import annotations

from app.qt import QObject, Signal


class SyncProgress(QObject):
    """Callable as the sync engine's `progress(step, count)`; `said` carries the sentence to show."""

    said = Signal(str)
    _moved = Signal(str, int)  # emitted in the worker, delivered on the GUI thread where this object lives

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._moved.connect(self._say)

    def __call__(self, step: str, count: int) -> None:
        self._moved.emit(step, count)

    def _say(self, step: str, count: int) -> None:
        if not count:  # a page that held only this station's own changes, come back: nothing to say
            return
        if step == "push":
            self.said.emit(self.tr("Syncing: %Ln changes sent…", "", count))
        else:
            self.said.emit(self.tr("Syncing: %Ln records received…", "", count))
