"""Where a station keeps its files inside its data folder."""

from __future__ import annotations

import logging
import logging.handlers
import os
import stat
from dataclasses import dataclass
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


def private_files() -> None:
    """Everything this process creates is its user's alone: files 0600, folders 0700.

    Called first thing by `vigie` (the command line and the windows alike), so that the database
    and its -wal and -shm, the key file, pending-events.log, the logs and every folder are made
    private, whoever makes them. POSIX only: on Windows a user's data folder is private already.
    """
    if os.name == "posix":
        os.umask(0o077)


@dataclass(frozen=True)
class StationPaths:
    root: Path

    @property
    def database(self) -> Path:
        return self.root / "vigie.db"

    @property
    def wal(self) -> Path:
        """The database's write-ahead log: what is committed and not yet copied into the database."""
        return self.database.with_name(self.database.name + "-wal")

    @property
    def keys(self) -> Path:
        return self.root / "station.keys"

    @property
    def keys_lock(self) -> Path:
        """Held by the process that changes station.keys (app/crypto/keyslots.py: KeyFile.changing)."""
        return self.root / "station.keys.lock"

    @property
    def in_use(self) -> Path:
        """A mark per process that has the station open (app/kernel/in_use.py)."""
        return self.root / "in-use"

    @property
    def pending_events(self) -> Path:
        """Login events sealed to the station before the database could be opened."""
        return self.root / "pending-events.log"

    @property
    def attachments(self) -> Path:
        return self.root / "attachments"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    def make_private(self) -> None:
        """A station made before Vigie kept its files private: the folder 0700 and its own files 0600.

        Only what is there and is this user's; the encrypted attachments are covered by their folders.
        """
        if os.name != "posix":
            return
        folders = (self.root, self.attachments, self.backups, self.logs, self.in_use)
        files = (self.database, self.wal, self.database.with_name("vigie.db-shm"),
                 self.keys, self.keys_lock, self.pending_events, self.root / "space-reserve",
                 self.root / "journal.seal", self.in_use / "rekey.lock")
        logs = sorted(self.logs.glob("vigie.log*")) if self.logs.is_dir() else []
        for path, mode in (*((p, PRIVATE_FOLDER) for p in folders), *((p, PRIVATE_FILE) for p in (*files, *logs))):
            _restrict(path, mode)

    def is_station(self) -> bool:
        return self.keys.exists() or self.database.exists()

    def is_empty(self) -> bool:
        """Nothing in the folder but Vigie's own log, which is opened before a station is created."""
        if not self.root.exists():
            return True
        return all(entry == self.logs for entry in self.root.iterdir())


def _restrict(path: Path, mode: int) -> None:
    try:
        info = path.lstat()
        if info.st_uid == os.getuid() and not stat.S_ISLNK(info.st_mode) and stat.S_IMODE(info.st_mode) & ~mode:
            path.chmod(mode)
    except OSError:
        return  # not there, or not ours to change: the folder's own mode still keeps others out


class LogFile(logging.handlers.RotatingFileHandler):
    """The station's rotating log file; a record it cannot write (a full disk) is dropped in silence.

    logging's own handler prints a traceback on standard error for each record it fails to write:
    on a full disk, every command would end in tracebacks instead of its one line.
    """

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        return
