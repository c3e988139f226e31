"""Which processes have a station open, so that a rekey never rewrites the database under another one.

A rekey rewrites every page under a new key. A process that had the station open
before (the windows left open while `vigie rekey` runs in a terminal, another
command) would then read pages it cannot decrypt and call the database damaged,
and a password it set meanwhile would be sealed to the old key only. So every open
station marks itself in its folder's `in-use/`: a file of its own, locked by the
system as long as the process has the station open (let go when it ends, even
killed). A rekey holds `in-use/rekey.lock` and counts the marks another process
still holds: any, and it refuses before touching anything. A station is marked
only under `rekey.lock`, so that no process opens it while a rekey runs: it waits
for the rekey to end (a few seconds per hundred megabytes), then opens under the
new key.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.errors import QT_TRANSLATE_NOOP, StationError, folder_state, storage_error
from app.filelock import LockTimeout, held, try_lock
from app.ids import new_id
from app.reasons import os_reason
from app.store.layout import StationPaths

REKEY_LOCK = "rekey.lock"
OPENING_WAIT = 60.0  # seconds an opening waits for a rekey under way

REKEY_UNDER_WAY = QT_TRANSLATE_NOOP(
    "errors", "The station is being re-encrypted (vigie rekey): try again in a moment.")
CANNOT_WRITE = QT_TRANSLATE_NOOP("errors", "Cannot write in the folder {path}: {reason}.")
OPEN_ELSEWHERE = QT_TRANSLATE_NOOP(
    "errors", "The station is open elsewhere on this PC (another Vigie window or command): close it, then "
              "re-encrypt. Nothing was changed.")


class StationInUse:
    """This process's mark on an open station (closed with the station)."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd = fd

    @classmethod
    def mark(cls, paths: StationPaths) -> StationInUse:
        folder = paths.in_use
        try:
            folder.mkdir(exist_ok=True)
            with held(folder / REKEY_LOCK, timeout=OPENING_WAIT):
                path = folder / new_id()
                # A raw descriptor: a station left unclosed (a test, a crash) warns of no unclosed file.
                fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
                if not try_lock(fd):  # a new file of our own: nothing else can hold it
                    os.close(fd)
                    raise StationError(REKEY_UNDER_WAY)
        except LockTimeout as exc:
            raise StationError(REKEY_UNDER_WAY) from exc
        except OSError as exc:  # a full disk, a read-only folder: told as such
            raise (storage_error(exc, paths.root) or folder_state(paths.root)
                   or StationError(CANNOT_WRITE, path=str(folder), reason=os_reason(exc))) from exc
        return cls(path, fd)

    def release(self) -> None:
        if self._fd < 0:
            return
        os.close(self._fd)
        self._fd = -1
        self.path.unlink(missing_ok=True)

    @contextmanager
    def alone(self) -> Iterator[None]:
        """While no other process has the station open, and none can open it; StationError otherwise."""
        folder = self.path.parent
        try:
            with held(folder / REKEY_LOCK, timeout=5.0):
                if _marked_by_others(folder, self.path):
                    raise StationError(OPEN_ELSEWHERE)
                yield
        except LockTimeout as exc:
            raise StationError(REKEY_UNDER_WAY) from exc


def _marked_by_others(folder: Path, own: Path) -> bool:
    """Whether another process holds a mark; marks left by processes that ended are removed."""
    for path in folder.iterdir():
        if path.name == REKEY_LOCK or path == own:
            continue
        try:
            fd = os.open(path, os.O_RDWR)
        except FileNotFoundError:  # closed meanwhile
            continue
        try:
            if not try_lock(fd):
                return True
        finally:
            os.close(fd)
        path.unlink(missing_ok=True)  # its process ended without closing the station
    return False
