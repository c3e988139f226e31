"""The status bar's word on sync, and the background sync every two minutes.

Online or offline, the changes waiting, the last sync, the conflicts to settle, and a clock
that is off the server's. Offline is a normal state: a word in the bar, never a dialog. The
sync itself runs in the task manager, never on the GUI thread.
"""

from __future__ import annotations

from app.qt import QTimer, Qt, QWidget, Signal
from app.sync.service import SyncService, SyncStatus
from app.sync.transport import SyncOffline
from app.ui.messages import error_text
from app.ui.status_word import StatusWord
from app.ui.sync_progress import SyncProgress
from app.ui.tasks import TaskManager

SYNC_EVERY_MS = 2 * 60 * 1000
# How often the word looks whether another process (`vigie sync now` in a terminal) committed: a stat of
# the database's two files on this thread, no query; a change is read once the changes settle.
LOOK_EVERY_MS = 5_000


class SyncStatusLabel(StatusWord):
    settle_asked = Signal()  # clicked while conflicts wait: the window opens the screen that settles them

    def __init__(self, sync: SyncService, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(tasks, SYNC_EVERY_MS, "statusSync", parent)
        self.sync = sync
        self.offline = False
        self.conflicts = 0
        self.progress = SyncProgress(self)
        self.progress.said.connect(self._moved)
        self.setText(self.tr("Sync: not set up"))
        # Any committed change (a record saved, a sync run from the Synchronisation page or by `vigie sync
        # now` in a terminal, a registration) may change what the word says: read again, once they settle.
        self.stale = QTimer(self)
        self.stale.setSingleShot(True)
        self.stale.setInterval(300)
        self.stale.timeout.connect(self.refresh)
        tasks.changed.connect(self._changes_committed)  # a method: Qt disconnects it when the word goes
        tasks.destroyed.connect(self.stale.stop)
        # What this process commits reaches tasks.changed; another process's commits, only the files.
        self.files = (sync.station.paths.database, sync.station.paths.wal)
        self.stamps = self._stamps()
        self.look = QTimer(self)
        self.look.setInterval(LOOK_EVERY_MS)
        self.look.timeout.connect(self._look_for_other_processes)
        self.look.start()
        tasks.destroyed.connect(self.look.stop)
        self.refresh()

    def tick(self) -> None:
        self.sync_now()

    def _changes_committed(self, _changes: object) -> None:
        self.stale.start()

    def _stamps(self) -> tuple[tuple[int, int] | None, ...]:
        """The size and time of change of the database and its -wal: any commit changes one of them."""
        stamps: list[tuple[int, int] | None] = []
        for path in self.files:
            try:
                found = path.stat()
            except OSError:  # no -wal between two openings
                stamps.append(None)
                continue
            stamps.append((found.st_size, found.st_mtime_ns))
        return tuple(stamps)

    def _look_for_other_processes(self) -> None:
        stamps = self._stamps()
        if stamps != self.stamps:
            self.stamps = stamps
            self.stale.start()

    def refresh(self) -> None:
        if not self.tasks_alive or self.running:
            return
        self.tasks.run(self.sync.status, self._read, self._failed, owner=self)

    def sync_now(self) -> None:
        """On demand, and every two minutes: in a worker; its outcome comes back here."""
        if self.running or not self.tasks_alive:
            return
        self.running = True
        self.tasks.run(self._sync, self._synced, self._failed, owner=self)

    def _sync(self) -> SyncStatus:
        if self.sync.is_enrolled():
            self.sync.sync(progress=self.progress)
        return self.sync.status()

    def _moved(self, text: str) -> None:
        if self.running:
            self._say(text, warn=False)

    def _synced(self, status: SyncStatus) -> None:
        self.running = False
        self.offline = False
        self._status(status)

    def _read(self, status: SyncStatus) -> None:
        """The state as the station keeps it, whoever synced last: offline if its last attempt was."""
        if not self.running:
            self.offline = status.offline
            self._status(status)

    def _status(self, status: SyncStatus) -> None:
        self._offer_settling(status.conflicts if status.enrolled else 0)
        if not status.enrolled:
            self._say(self.tr("Sync: not set up"), warn=False)
            return
        when = status.last_sync.astimezone().strftime("%d/%m/%Y %H:%M") if status.last_sync else "-"
        if self.offline and status.last_sync is not None:  # how old what this station holds from the others is
            text = self.tr("Offline, last synced on {when}, %n changes waiting", "", status.waiting).format(when=when)
        elif self.offline:
            text = self.tr("Offline, %n changes waiting", "", status.waiting)
        elif status.last_sync is None:
            text = self.tr("Not synced yet, {waiting} waiting").format(waiting=status.waiting)
        else:
            text = self.tr("Synced on {when}, {waiting} waiting").format(when=when, waiting=status.waiting)
        if status.conflicts:
            text += " · " + self.tr("%n conflicts to settle", "", status.conflicts)
        if status.clock_off:
            minutes = round(abs(status.clock_skew) / 60)
            text += " · " + (self.tr("clock {minutes} min ahead").format(minutes=minutes) if status.clock_skew > 0
                             else self.tr("clock {minutes} min behind").format(minutes=minutes))
        self._say(text, warn=bool(status.conflicts or status.refused or status.clock_off))

    def _failed(self, error: Exception) -> None:
        self.running = False
        if isinstance(error, SyncOffline):
            self.offline = True
            self.refresh()
            return
        self._say(self.tr("Sync failed: {reason}").format(reason=error_text(error)), warn=True)

    def _offer_settling(self, conflicts: int) -> None:
        self.conflicts = conflicts
        self.setCursor(Qt.CursorShape.PointingHandCursor if conflicts else Qt.CursorShape.ArrowCursor)
        self.setToolTip(self.tr("Click to settle the conflicts") if conflicts else "")

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if self.conflicts and event.button() == Qt.MouseButton.LeftButton:
            self.settle_asked.emit()
        super().mouseReleaseEvent(event)
