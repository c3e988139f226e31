"""The backup folder: the backups it holds, a lock so that two backups never write it at once."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.backup import manifest as mf
from app.backup.errors import BackupError
from app.backup.files import remove_tree
from app.backup.writer import PARTIAL, PREFIX
from app.errors import QT_TRANSLATE_NOOP
from app.filelock import try_lock

LOCK = ".vigie-backup.lock"
IN_PROGRESS = QT_TRANSLATE_NOOP("fields", "another backup is being written in this folder")


@dataclass(frozen=True)
class Listed:
    """A backup found in the folder, as its (not yet verified) manifest describes it."""

    path: Path
    made_at: datetime
    station_id: str
    service_name: str


def listed(folder: Path, station_id: str | None = None) -> list[Listed]:
    """The named backups in *folder* (of this station when given), newest first."""
    found = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for path in entries:
        if not path.name.startswith(PREFIX) or not path.is_dir():
            continue
        try:
            data = mf.read_unverified(path)
            item = Listed(path, datetime.fromisoformat(data["made_at"]), str(data["station_id"]),
                          str(data["service_name"]))
        except (mf.ManifestError, KeyError, TypeError, ValueError):
            continue
        if station_id is None or item.station_id == station_id:
            found.append(item)
    return sorted(found, key=lambda item: item.made_at, reverse=True)


@contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold the folder's lock; a backup left half-written by a crash is removed once it is held."""
    path = folder / LOCK
    handle = open(path, "a+b")
    try:
        if not try_lock(handle.fileno()):
            raise BackupError(reason=IN_PROGRESS)
        for leftover in folder.glob(PARTIAL + "*"):
            remove_tree(leftover)
        yield
    finally:
        handle.close()


def discard(path: Path) -> None:
    """Remove the backup *path* (the rotation): first renamed out of the listing, in one step, so that a
    removal cut short (Ctrl+C, a crash) leaves a leftover the next backup removes once it holds the lock,
    never a backup still named but missing some of its files."""
    doomed = path.with_name(f"{PARTIAL}removed-{path.name}")
    try:
        os.replace(path, doomed)
    except OSError:  # a leftover of that name already there: removed where it is
        doomed = path
    remove_tree(doomed)
