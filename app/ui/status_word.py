"""A word in the status bar kept current in the background: the skeleton of the sync's and the backup's.

A timer asks again every few minutes; each question runs in the task manager, never on the GUI
thread, and its answer comes back here. A window can outlive its session's task manager (closed,
not yet deleted): once the task manager is gone, the word stops asking it.
"""

from __future__ import annotations

from app.qt import QLabel, QTimer, QWidget, Signal, isValid
from app.ui.tasks import TaskManager


class StatusWord(QLabel):
    """The word, its timer and its task manager; a subclass says what the timer does (`tick`)."""

    shown = Signal(str)  # the text it now shows (tests wait on it)

    def __init__(self, tasks: TaskManager, every_ms: int, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.tasks = tasks
        self.running = False
        self.timer = QTimer(self)
        self.timer.setInterval(every_ms)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        # Qt's own slot, not a Python method of this word: the word may be the one dropping the
        # manager's last reference, from its own destructor, when a Python callback would find it gone.
        tasks.destroyed.connect(self.timer.stop)

    def tick(self) -> None:
        """What the timer does every *every_ms*."""
        raise NotImplementedError

    @property
    def tasks_alive(self) -> bool:
        return isValid(self.tasks)

    def _say(self, text: str, warn: bool) -> None:
        self.setText(text)
        self.setStyleSheet("color: #b00020; font-weight: bold;" if warn else "")
        self.shown.emit(text)
