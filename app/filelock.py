"""Locks between Vigie's processes on one station: a file locked by the system, let go when its holder ends
(even killed), on Linux (flock) and on Windows (msvcrt)."""

from __future__ import annotations

import os


def try_lock(fd: int) -> bool:
    """Whether the file *fd* is now locked by this process; False at once when another holds it."""
    if os.name == "nt":
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]  # Windows only
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True
