"""Backups of the open station: on demand, when due, checked, rotated, journaled; and their status.

Making a backup is the station's administration (the administrator's right,
read in the service); the automatic backups are the station's own work. Each
one, good or failed, leaves its journal entry after the fact it records.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from app.audit.actor import Actor
from app.backup import folder as backup_folder
from app.backup import rotation
from app.backup.errors import BackupError, BackupFolderMissing, BackupNotConfigured
from app.backup.restore import BackupSummary, Restored
from app.backup.writer import Progress, make_backup
from app.errors import QT_TRANSLATE_NOOP, InvalidInput
from app.kernel.rights import ADMINISTRATION, Permission
from app.kernel.settings import read_all
from app.kernel.work import Kernel
from app.models import Operation

STALE_AFTER = timedelta(hours=48)


@dataclass(frozen=True)
class BackupDone:
    path: str
    made_at: datetime
    counts: dict[str, int]
    removed: tuple[str, ...]


@dataclass(frozen=True)
class BackupStatus:
    """What the status bar says: nothing when all is well."""

    folder: str
    folder_present: bool
    last_good_at: datetime | None
    stale: bool  # no good backup, or the last one is older than 48 hours
    due: bool  # an automatic backup should be made now


class BackupService:
    def __init__(self, kernel: Kernel) -> None:
        self.kernel = kernel
        self.station = kernel.station

    # -- settings ----------------------------------------------------------------------

    def configure(self, actor: Actor, folder: str) -> None:
        """Choose the backup folder (an administrator's change of a setting, journaled)."""
        from app.kernel.settings import SettingsService

        path = Path(folder.strip()).expanduser() if folder.strip() else None
        if path is not None and not path.is_absolute():
            raise InvalidInput(QT_TRANSLATE_NOOP("errors", "The backup folder must be a full path."))
        SettingsService(self.kernel).change(actor, {"backup_folder": str(path) if path else ""})

    def _settings(self) -> dict:
        with self.station.read() as uow:
            return read_all(uow.session)

    def _folder(self, to: Path | None) -> Path:
        if to is not None:
            return Path(to).expanduser()
        configured = str(self._settings()["backup_folder"]).strip()
        if not configured:
            raise BackupNotConfigured
        return Path(configured)

    # -- backing up --------------------------------------------------------------------

    def back_up(self, actor: Actor | None, to: Path | None = None, progress: Progress | None = None,
                full_check: bool | None = None) -> BackupDone:
        """One backup now, into *to* or the configured folder; then the rotation.

        Its check runs SQLite's full integrity_check when *full_check* says so, and by default on the first
        backup of each week in the folder (app/backup/check.py says why not on every one).
        """
        if actor is not None:
            with self.kernel.administer(actor, Permission.ADMINISTER_STATION, write=False):
                pass
        folder = self._folder(to)
        settings = self._settings()
        try:
            if not folder.is_dir():
                raise BackupFolderMissing(path=str(folder))
            with backup_folder.locked(folder):
                full = self._first_of_week(folder) if full_check is None else full_check
                made = make_backup(self.station, self.kernel.kinds, folder, self.kernel.clock.now(), progress,
                                   full_check=full)
                removed = self._rotate(folder, settings)
        except BackupError as error:
            self._journal(actor, f"backup failed: {error.untranslated()}")
            raise
        except OSError as exc:
            from app.backup.files import disk_error

            told = disk_error(exc, folder)
            self._journal(actor, f"backup failed: {told.untranslated()}")
            raise told from exc
        total = sum(made.manifest.counts.values())
        check = "fully checked good" if full else "checked good"
        self._journal(actor, f"backup {made.path.name} {check}: {total} records, journal at "
                             f"{made.manifest.journal_seq}; {len(removed)} old backups removed")
        return BackupDone(str(made.path), made.manifest.made_at, dict(made.manifest.counts), tuple(removed))

    def back_up_if_due(self, progress: Progress | None = None) -> BackupDone | None:
        """The automatic backup: made when due and the folder is there; a missing disk is not an error."""
        status = self.status()
        if not status.due:
            return None
        return self.back_up(None, progress=progress)

    def _first_of_week(self, folder: Path) -> bool:
        """Whether no backup of this station in *folder* was made this (ISO) week."""
        week = self.kernel.clock.now().isocalendar()[:2]
        return all(item.made_at.isocalendar()[:2] != week for item in backup_folder.listed(folder, self.station.id))

    def _rotate(self, folder: Path, settings: dict) -> list[str]:
        mine = backup_folder.listed(folder, self.station.id)
        policy = rotation.Policy(int(settings["backup_keep_last"]), int(settings["backup_keep_weeks"]),
                                 int(settings["backup_keep_months"]))
        going = rotation.to_delete({item.path.name: item.made_at for item in mine}, self.kernel.clock.now(), policy)
        for name in sorted(going):
            backup_folder.discard(folder / name)
        return sorted(going)

    def _journal(self, actor: Actor | None, detail: str) -> None:
        units = self.kernel.system(ADMINISTRATION) if actor is None else self.kernel.administer(
            actor, Permission.ADMINISTER_STATION)
        with units as work:
            work.journal(Operation.EXPORT, self.station.id, kind="backup", detail=detail,
                         compartment=ADMINISTRATION)
            work.commit()

    # -- status ------------------------------------------------------------------------

    def status(self) -> BackupStatus:
        settings = self._settings()
        configured = str(settings["backup_folder"]).strip()
        now = self.kernel.clock.now()
        if not configured:
            return BackupStatus("", False, None, True, False)
        folder = Path(configured)
        present = folder.is_dir()
        found = backup_folder.listed(folder, self.station.id) if present else []
        last = found[0].made_at if found else None
        interval = timedelta(hours=int(settings["backup_interval_hours"]))
        stale = last is None or now - last > STALE_AFTER
        due = present and (last is None or now - last >= interval)
        return BackupStatus(configured, present, last, stale, due)

    def backups(self, to: Path | None = None) -> list[backup_folder.Listed]:
        """This station's backups in the folder, newest first (for the restore dialog)."""
        folder = self._folder(to)
        return backup_folder.listed(folder, self.station.id)

    # -- restoring (into a new folder: the open station stays as it is) ------------------

    def inspect(self, path: Path, code: str, progress: Progress | None = None) -> BackupSummary:
        """Check a backup with its recovery code and say what it holds; refuse another service's by name."""
        from app.backup.restore import open_backup, same_service

        summary, _key = open_backup(Path(path), code, self.kernel.kinds, progress)
        details = self.station.details
        same_service(summary, details.service_name, details.insee_code)
        return summary

    def restore_into(self, actor: Actor, path: Path, code: str, target: Path,
                     progress: Progress | None = None) -> Restored:
        """Restore a backup of this service into an empty folder (an administrator's act, journaled here too)."""
        from app.backup.restore import restore

        with self.kernel.administer(actor, Permission.ADMINISTER_STATION, write=False):
            pass
        self.inspect(path, code)
        done = restore(Path(path), code, Path(target), self.station.deps, self.kernel.kinds, progress=progress)
        self._journal(actor, f"backup {Path(path).name} restored into {target}")
        return done

    # -- restoring over this station (it closes: the application must start again) --------

    def replace_station(self, actor: Actor, path: Path, code: str, progress: Progress | None = None,
                        closed: Callable[[], None] | None = None) -> Restored:
        """Put a checked backup of this service in place of this station, which is kept beside it.

        The backup is checked whole while the station is still open: a damaged one, or another service's,
        is refused with nothing closed. Then this station is closed (every running unit of work first; then
        *closed* is called, whatever follows):
        its folder is about to hold another database, so nothing of this session may use it again. The
        restore is journaled in the restored station, with both journals' heads (app/backup/restore.py).
        """
        from app.backup.restore import Replacing, open_backup, restore, same_service

        with self.kernel.administer(actor, Permission.ADMINISTER_STATION, write=False):
            pass
        opened = open_backup(Path(path), code, self.kernel.kinds, progress)
        details = self.station.details
        same_service(opened[0], details.service_name, details.insee_code)
        replacing = Replacing(details.service_name, details.insee_code, actor, self.station.backup_key())
        target, deps = self.station.paths.root, self.station.deps
        self.station.close()
        if closed is not None:
            closed()
        return restore(Path(path), code, target, deps, self.kernel.kinds, replacing=replacing, progress=progress,
                       opened=opened)
