"""Why the system or SQLite refused something, as a reason a French sentence can hold.

A failed write says "… could not be written ({reason})". The system's own words for it
(`strerror`, "Permission denied") and SQLite's ("disk I/O error") are English whatever the
user's language, so the reasons a user meets are named here, in the "reasons" context, and
translated where the sentence is shown (app/i18n.py). A reason not named here keeps the
system's words: better an English reason than none.
"""

from __future__ import annotations

import errno

from app.errors import QT_TRANSLATE_NOOP, causes

REASONS_CONTEXT = "reasons"


class Reason(str):
    """A reason in its English source, which app/i18n.py translates when it shows an error's parameters
    (a plain string, the system's own words, is shown as it is)."""


_OS_REASONS = {
    errno.ENOENT: QT_TRANSLATE_NOOP("reasons", "no such file or folder"),
    errno.EACCES: QT_TRANSLATE_NOOP("reasons", "permission denied"),
    errno.EPERM: QT_TRANSLATE_NOOP("reasons", "operation not permitted"),
    errno.ENOSPC: QT_TRANSLATE_NOOP("reasons", "no space left on the disk"),
    errno.EFBIG: QT_TRANSLATE_NOOP("reasons", "the file is too large"),
    errno.EROFS: QT_TRANSLATE_NOOP("reasons", "read-only file system"),
    errno.EISDIR: QT_TRANSLATE_NOOP("reasons", "it is a folder, not a file"),
    errno.ENOTDIR: QT_TRANSLATE_NOOP("reasons", "a part of the path is a file, not a folder"),
    errno.EIO: QT_TRANSLATE_NOOP("reasons", "input/output error of the disk"),
    errno.EEXIST: QT_TRANSLATE_NOOP("reasons", "the file already exists"),
    errno.ENAMETOOLONG: QT_TRANSLATE_NOOP("reasons", "the name is too long"),
    errno.EBUSY: QT_TRANSLATE_NOOP("reasons", "the file is in use"),
    errno.ETXTBSY: QT_TRANSLATE_NOOP("reasons", "the file is in use"),
    errno.EMFILE: QT_TRANSLATE_NOOP("reasons", "too many files open"),
}
if hasattr(errno, "EDQUOT"):
    _OS_REASONS[errno.EDQUOT] = QT_TRANSLATE_NOOP("reasons", "disk quota exceeded")

# SQLite's primary result codes (the low byte of its extended codes).
_SQLITE_REASONS = {
    5: QT_TRANSLATE_NOOP("reasons", "the database is in use by another Vigie"),  # SQLITE_BUSY
    6: QT_TRANSLATE_NOOP("reasons", "the database is in use by another Vigie"),  # SQLITE_LOCKED
    8: QT_TRANSLATE_NOOP("reasons", "the database cannot be written"),  # SQLITE_READONLY
    10: QT_TRANSLATE_NOOP("reasons", "input/output error of the disk"),  # SQLITE_IOERR
    11: QT_TRANSLATE_NOOP("reasons", "the database file is damaged"),  # SQLITE_CORRUPT
    13: QT_TRANSLATE_NOOP("reasons", "no space left on the disk"),  # SQLITE_FULL
    14: QT_TRANSLATE_NOOP("reasons", "the database file cannot be opened"),  # SQLITE_CANTOPEN
    26: QT_TRANSLATE_NOOP("reasons", "not a Vigie database, or not under this station's key"),  # SQLITE_NOTADB
}

# The reasons Vigie gives itself, where no system error is at hand.
NO_SUCH_FILE = _OS_REASONS[errno.ENOENT]
A_FOLDER = _OS_REASONS[errno.EISDIR]
NOT_UTF8 = QT_TRANSLATE_NOOP("reasons", "not UTF-8 text")
NOT_JSON = QT_TRANSLATE_NOOP("reasons", "not JSON")
NO_KEY = QT_TRANSLATE_NOOP("reasons", "no key")


def os_reason(exc: BaseException) -> str:
    """Why the system refused: a named reason for the errors users meet, else the system's words."""
    code = getattr(exc, "errno", None)
    if code in _OS_REASONS:
        return Reason(_OS_REASONS[code])
    return getattr(exc, "strerror", None) or str(exc)


def database_reason(exc: BaseException) -> str:
    """Why SQLite (or the system under it) refused, from *exc* or what it wraps."""
    for cause in causes(exc):
        code = getattr(cause, "sqlite_errorcode", None)
        if code is not None and code & 0xFF in _SQLITE_REASONS:
            return Reason(_SQLITE_REASONS[code & 0xFF])
        if isinstance(cause, OSError) and cause.errno in _OS_REASONS:
            return os_reason(cause)
    return str(getattr(exc, "orig", None) or exc)

