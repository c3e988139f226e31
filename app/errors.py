"""Errors a user can cause or meet, with messages ready for translation.

The core has no Qt, so messages are English source strings marked with
QT_TRANSLATE_NOOP (which lupdate collects into the "errors" context); the GUI
and the command line translate them when they show them.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path
from typing import Any

ERRORS_CONTEXT = "errors"


def QT_TRANSLATE_NOOP(context: str, text: str, disambiguation: str | None = None,  # noqa: N802 - lupdate's name
                      n: int | None = None) -> str:
    """Mark *text* for translation in *context* without translating it here.

    A literal count after the disambiguation (`QT_TRANSLATE_NOOP("journal", "%n entries", None, 1)`) makes
    lupdate read the text as a plural message: its `%n` is said later with the count's French form.
    """
    return text


class VigieError(Exception):
    """An error to show to the user as one clear sentence."""

    message: str = QT_TRANSLATE_NOOP("errors", "The operation failed.")

    def __init__(self, message: str | None = None, **params: Any) -> None:
        self.message = message or type(self).message
        self.params = params
        super().__init__(self.untranslated())

    def untranslated(self) -> str:
        return self.message.replace("%n", str(self.params.get("count", "%n"))).format(**self.params)


class BadCredentials(VigieError):
    # One message for a wrong password and an unknown login, so that the
    # answer does not tell which logins exist.
    message = QT_TRANSLATE_NOOP("errors", "Incorrect login or password.")


class AccountLocked(VigieError):
    message = QT_TRANSLATE_NOOP(
        "errors", "This account is locked after too many failed attempts. Try again after {until}."
    )


class AccountDisabled(VigieError):
    message = QT_TRANSLATE_NOOP("errors", "This account is disabled. Ask an administrator.")


class AccessDenied(VigieError):
    message = QT_TRANSLATE_NOOP("errors", "Access denied: {what}.")


class InvalidInput(VigieError):
    message = QT_TRANSLATE_NOOP("errors", "Invalid input.")


class StationError(VigieError):
    """The station's files cannot be used as they are."""


class StorageFailed(StationError):
    """SQLite could not read or write the database (disk full, I/O error, damaged page)."""

    message = QT_TRANSLATE_NOOP(
        "errors", "The database {path} could not be read or written ({reason}); nothing was saved."
    )


class NotFound(VigieError):
    message = QT_TRANSLATE_NOOP("errors", "Not found.")


class DiskFull(StorageFailed):
    """The disk that holds *path* has no room left (SQLITE_FULL, ENOSPC, EFBIG, a quota)."""

    message = QT_TRANSLATE_NOOP(
        "errors", "The disk is full: Vigie cannot write in {path}, and nothing was saved. Free some space on "
                  "this disk, then try again."
    )


class PullDiskFull(DiskFull):
    """The disk filled during a sync: what it received before is kept, each transaction of the pull committed
    with the checkpoint that covers it, and the next sync goes on from there (app/sync/pull_run.py)."""

    message = QT_TRANSLATE_NOOP(
        "errors", "The disk is full: the sync stopped in {path} after receiving and keeping %n items from the "
                  "other stations (records, erasures, journal entries). The rest comes at the next sync, once "
                  "some space is freed on this disk: nothing is lost.", None, 1
    )


class ReadOnlyFolder(StorageFailed):
    message = QT_TRANSLATE_NOOP(
        "errors", "The folder {path} is read-only: Vigie cannot write the station's files there, and nothing was "
                  "saved. Give this account the right to write there, or choose another folder."
    )


class NotAFolder(StationError):
    """*file*, the data folder *path* or a folder above it, is a file."""

    message = QT_TRANSLATE_NOOP(
        "errors", "{file} is a file, not a folder: the data folder {path} cannot be made there. Choose another "
                  "data folder."
    )


_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)})
_READ_ONLY_ERRNOS = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})
_SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_FULL, _SQLITE_CANTOPEN = 8, 10, 13, 14
# Below this, an I/O error of SQLite on a station's folder is read as the disk being full: SQLite
# reports a file it could not grow (its -shm, its -wal) as SQLITE_IOERR or SQLITE_CANTOPEN.
LOW_SPACE = 256 * 1024


def causes(exc: BaseException) -> list[BaseException]:
    """*exc* and what it wraps (SQLAlchemy's .orig, the chain of causes), each once."""
    seen: list[BaseException] = []
    todo: list[BaseException | None] = [exc]
    while todo:
        current = todo.pop(0)
        if current is None or any(current is s for s in seen):
            continue
        seen.append(current)
        todo += [getattr(current, "orig", None), current.__cause__, current.__context__]
    return seen


def storage_error(exc: BaseException, folder: str | os.PathLike[str]) -> StationError | None:
    """What a failure to read or write the files of *folder* means to the user, or None if not the disk's.

    A disk with no room left (whatever the layer: SQLite's SQLITE_FULL, the system's ENOSPC or
    EFBIG) reads "Le disque est plein" with the folder; a read-only folder or file system says so.
    """
    path = str(folder)
    for cause in causes(exc):
        if isinstance(cause, VigieError) and isinstance(cause, (DiskFull, ReadOnlyFolder, NotAFolder)):
            return cause
        if isinstance(cause, OSError) and cause.errno is not None:
            if cause.errno in _FULL_ERRNOS:
                return DiskFull(path=path)
            if cause.errno in _READ_ONLY_ERRNOS:
                return ReadOnlyFolder(path=path)
            if cause.errno == errno.ENOTDIR:
                return NotAFolder(path=path, file=path)
        code = getattr(cause, "sqlite_errorcode", None)
        if code is None:
            continue
        primary = code & 0xFF
        if primary == _SQLITE_FULL:
            return DiskFull(path=path)
        if primary == _SQLITE_READONLY:
            return ReadOnlyFolder(path=path)
        if primary in (_SQLITE_IOERR, _SQLITE_CANTOPEN):
            return folder_state(path)
    return None


def disk_failed(exc: BaseException) -> bool:
    """Whether *exc* is the disk's failure to read or write (SQLite's SQLITE_IOERR, an OSError of the
    system), not a database that is damaged (SQLITE_CORRUPT, SQLITE_NOTADB)."""
    for cause in causes(exc):
        code = getattr(cause, "sqlite_errorcode", None)
        if code is not None:
            return code & 0xFF == _SQLITE_IOERR
        if isinstance(cause, OSError):
            return True
    return False


def disk_refused(exc: BaseException) -> bool:
    """Whether *exc* is the disk refusing a read or a write: an I/O error (disk_failed) or no room left
    (SQLITE_FULL)."""
    return disk_failed(exc) or any((getattr(cause, "sqlite_errorcode", None) or 0) & 0xFF == _SQLITE_FULL
                                   for cause in causes(exc))


def folder_state(folder: str | os.PathLike[str], low: int = LOW_SPACE) -> StationError | None:
    """DiskFull (less than *low* bytes free), ReadOnlyFolder or NotAFolder when *folder* is so.

    A folder not made yet is judged by the nearest one above it that exists.
    """
    path = Path(folder)
    existing = next((p for p in (path, *path.parents) if p.exists()), None)
    if existing is None:
        return None
    if not existing.is_dir():
        return NotAFolder(path=str(path), file=str(existing))
    # Read-only first: a file system mounted read-only may also show no room left, and room would not help.
    if not os.access(existing, os.W_OK) or _read_only_mount(existing):
        return ReadOnlyFolder(path=str(path))
    try:
        free = shutil.disk_usage(existing).free
    except OSError:
        return None
    if free < low:
        return DiskFull(path=str(path))
    return None


def _read_only_mount(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # no statvfs on Windows: os.access told already
        return False
