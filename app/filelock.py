"""Locks between Vigie's processes on one station: a file locked by the system, let go when its holder ends
(even killed), on Linux (flock) and on Windows (msvcrt)."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


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


class LockTimeout(Exception):
    """Another process held the lock for longer than the wait allowed."""


@contextmanager
def held(path: Path, timeout: float = 30.0) -> Iterator[None]:
    """Hold the lock of the file *path* (made if missing), waiting for another process to let it go: the
    changes it guards are short (a key file written), so it is asked again every few milliseconds."""
    handle = open(path, "a+b")
    try:
        deadline = time.monotonic() + timeout
        while not try_lock(handle.fileno()):
            if time.monotonic() > deadline:
                raise LockTimeout(str(path))
            time.sleep(0.01)
        yield
    finally:
        handle.close()  # closing the file lets go of its lock
