"""Locking the screen after a while without keyboard or mouse."""

from __future__ import annotations

from app.qt import QApplication, QCoreApplication, QEvent, QObject, QTimer, Signal

ACTIVITY_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


def _application() -> QCoreApplication:
    """The running application, whose every input event the watcher sees."""
    app = QApplication.instance()
    assert app is not None  # a watcher starts and stops inside a running application
    return app


class IdleWatcher(QObject):
    """Emits `idle` once no input has reached the application for `interval_ms`."""

    idle = Signal()

    def __init__(self, interval_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.idle)

    def start(self) -> None:
        _application().installEventFilter(self)
        self.timer.start()

    def stop(self) -> None:
        _application().removeEventFilter(self)
        self.timer.stop()

    def set_interval(self, interval_ms: int) -> None:
        self.timer.setInterval(interval_ms)
        if self.timer.isActive():
            self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in ACTIVITY_EVENTS and self.timer.isActive():
            self.timer.start()
        return False
