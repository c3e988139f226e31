"""Room kept on the disk for the journal: a reserve file in the station's folder, given up to log in.

A failed login must be journaled even when the disk is nearly full, or guessing passwords on a
full disk would leave no trace. SQLite needs room to open the station (its -shm, its -wal) and
to write the entry; the file system gives no guarantee of it. So each station keeps a file of
RESERVE_BYTES, really allocated (not sparse), beside its database: `space-reserve`.

When a login finds less than LOW_SPACE free on the disk, the reserve is removed just before the
station is opened and the attempt journaled (`released_if_low`), then made again with the room
the login did not use, for the next attempt: the disk is left as full as it was. At each opening with room enough, a
missing or short reserve is made whole again (`ensure`). Nothing else uses it: a save on a full
disk still reads "Le disque est plein".
"""

from __future__ import annotations

import errno
import logging
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager

from app.errors import LOW_SPACE
from app.store.layout import StationPaths

log = logging.getLogger("vigie.station")

RESERVE_BYTES = 1024 * 1024
SMALLEST = 64 * 1024


def path_of(paths: StationPaths):
    return paths.root / "space-reserve"


def ensure(paths: StationPaths, *, size: int = RESERVE_BYTES) -> int:
    """Make the reserve *size* bytes if the disk has room for it and more; returns its size now."""
    target = path_of(paths)
    try:
        current = target.stat().st_size if target.exists() else 0
        if current >= size:
            return current
        if shutil.disk_usage(paths.root).free - (size - current) < LOW_SPACE:
            return current
        _allocate(target, size)
        return size
    except OSError as exc:
        target.unlink(missing_ok=True)
        log.warning("the disk's reserve for the journal could not be made: %s", exc.strerror)
        return 0


def _allocate(target, size: int) -> None:
    with os.fdopen(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600), "ab") as handle:
        try:
            os.posix_fallocate(handle.fileno(), 0, size)
        except (AttributeError, OSError) as exc:  # Windows, or a file system that cannot preallocate
            if isinstance(exc, OSError) and exc.errno not in (errno.EOPNOTSUPP, errno.EINVAL, errno.ENOSYS):
                raise
            handle.seek(0, os.SEEK_END)  # real bytes, so that the file system gives the room now
            handle.write(b"\0" * max(size - handle.tell(), 0))
        handle.flush()
        os.fsync(handle.fileno())


def release(paths: StationPaths) -> bool:
    """Give the reserve back to the disk; whether there was one."""
    target = path_of(paths)
    try:
        existed = target.exists()
        target.unlink(missing_ok=True)
        return existed
    except OSError:
        return False


def _remake(paths: StationPaths, headroom: int) -> None:
    """The reserve again, with what the login left: the disk keeps the *headroom* it had before, no more."""
    target = path_of(paths)
    try:
        size = min(RESERVE_BYTES, shutil.disk_usage(paths.root).free - headroom)
        if size < SMALLEST:
            log.warning("the disk is full: no reserve is left for the journal of the next logins")
            return
        _allocate(target, size)
    except OSError as exc:
        target.unlink(missing_ok=True)
        log.warning("the disk's reserve for the journal could not be made again: %s", exc.strerror)


@contextmanager
def released_if_low(paths: StationPaths) -> Iterator[None]:
    """Around a login: the reserve given up first when the disk is nearly full, remade afterwards.

    Remade with the room the login did not use, so that the disk is as full after it as before:
    the reserve lets the login and its journal entry through, and nothing else.
    """
    try:
        headroom = shutil.disk_usage(paths.root).free if paths.root.is_dir() else LOW_SPACE
    except OSError:
        headroom = LOW_SPACE
    if not (headroom < LOW_SPACE and release(paths)):
        yield
        return
    log.warning("the disk is nearly full: the reserve is given up for a login to be journaled")
    try:
        yield
    finally:
        _remake(paths, headroom)
