"""The status bar's word on backups, and the automatic backup when one is due.

Says nothing alarming while all is well ("Sauvegardé le …"); says plainly
when the last good backup is older than 48 hours, when no folder is chosen,
or when the folder is not there. A USB disk that is not plugged in is a
normal case: a word in the bar, never a dialog. Every few minutes it asks
the backup service (in the task manager) and, when a backup is due and the
folder is there, makes it in the background, its progress shown here.
"""

from __future__ import annotations

from app.backup.service import BackupDone, BackupService, BackupStatus
from app.qt import QObject, QWidget, Signal
from app.ui.messages import error_text
from app.ui.status_word import StatusWord
from app.ui.tasks import TaskManager

CHECK_EVERY_MS = 5 * 60 * 1000


class Progress(QObject):
    """Progress of a task in a worker, handed to the GUI thread by a queued signal."""

    moved = Signal(int, int)

    def __call__(self, done: int, total: int) -> None:
        self.moved.emit(done, total)


class BackupStatusLabel(StatusWord):
    def __init__(self, backup: BackupService, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(tasks, CHECK_EVERY_MS, "statusBackup", parent)
        self.backup = backup
        self.progress = Progress(self)
        self.progress.moved.connect(self._moved)
        self.refresh()

    def tick(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        if not self.tasks_alive:
            return
        if not self.running:
            self.tasks.run(self.backup.status, self._status, self._failed, owner=self)

    def _status(self, status: BackupStatus) -> None:
        self._say(self._text(status), warn=status.stale or not status.folder_present)
        if status.due and not self.running:
            self.running = True
            self.tasks.run(lambda: self.backup.back_up_if_due(self.progress), self._made, self._failed, owner=self)

    def _text(self, status: BackupStatus) -> str:
        if not status.folder:
            return self.tr("Backup: no folder chosen")
        if not status.folder_present:
            return self.tr("Backup: the folder cannot be found (disk unplugged?)")
        if status.last_good_at is None:
            return self.tr("Backup: none made yet")
        when = status.last_good_at.astimezone().strftime("%d/%m/%Y %H:%M")
        if status.stale:
            return self.tr("Last good backup: {when}, more than 48 hours ago").format(when=when)
        return self.tr("Backed up on {when}").format(when=when)

    def _moved(self, done: int, total: int) -> None:
        if self.running:
            percent = 100 if total <= 0 else done * 100 // total
            self._say(self.tr("Backing up: {percent} %").format(percent=percent), warn=False)

    def _made(self, _done: BackupDone | None) -> None:
        self.running = False
        self.refresh()

    def _failed(self, error: Exception) -> None:
        self.running = False
        self._say(self.tr("Backup failed: {reason}").format(reason=error_text(error)), warn=True)
