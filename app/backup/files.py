"""Files written so that a crash, a full disk or a vanished folder never leaves half of anything.

Everything is written under a temporary name in the target folder, flushed to
the disk (fsync), then renamed. A full disk (ENOSPC, EDQUOT) and a folder that
disappears (a USB disk pulled out: ENOENT, ENODEV, EIO) are told apart, so the
user reads which one happened.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path

from app.backup.errors import BackupDiskFull, BackupError, BackupFolderMissing
from app.reasons import os_reason

CHUNK = 1 << 20
FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}
GONE = {errno.ENOENT, errno.ENODEV, errno.EIO, errno.ENXIO, getattr(errno, "ESTALE", errno.ENOENT)}


def disk_error(exc: OSError, folder: Path) -> BackupError:
    """The user's reading of an OSError met while writing into *folder*."""
    if exc.errno in FULL:
        return BackupDiskFull()
    if exc.errno in GONE or not folder.is_dir():
        return BackupFolderMissing(path=str(folder))
    return BackupError(reason=os_reason(exc))


def copy_hashed(source: Path, target: Path, progress: Callable[[int], None] | None = None) -> str:
    """Copy *source* to *target* (a new file), flushed to disk; the SHA-256 of the bytes copied."""
    digest = hashlib.sha256()
    with open(source, "rb") as src, open(target, "xb") as out:
        while chunk := src.read(CHUNK):
            digest.update(chunk)
            out.write(chunk)
            if progress is not None:
                progress(len(chunk))
        out.flush()
        os.fsync(out.fileno())
    return digest.hexdigest()


def copy_file(source: Path, target: Path, progress: Callable[[int, int], None], *, step: int = 64 << 20) -> None:
    """Copy *source* into the new file *target* by the kernel where it can (copy_file_range), else by reads."""
    total = os.path.getsize(source)
    with open(source, "rb") as src, open(target, "xb") as out:
        done = 0
        fast = hasattr(os, "copy_file_range")
        while True:
            if fast:
                try:
                    count = os.copy_file_range(src.fileno(), out.fileno(), step)
                except OSError:
                    fast = False  # across file systems on older kernels: plain reads from here on
                    src.seek(done)
                    out.seek(done)
                    continue
            else:
                chunk = src.read(8 << 20)
                out.write(chunk)
                count = len(chunk)
            if count == 0:
                break
            done += count
            progress(done, total)


def write_new(target: Path, data: bytes) -> str:
    with open(target, "xb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    return hashlib.sha256(data).hexdigest()


HASH_CHUNK = 8 << 20


def synced_sha256(path: Path, stopping: threading.Event | None = None) -> str:
    """The SHA-256 of the file just written at *path*, read back in large chunks; then the file is flushed to
    the disk (fsync). Both let go of the GIL: a backup runs this on a thread while it copies the next file.
    Once *stopping* is set (Ctrl+C, a full disk: the backup is being removed) it ends at its next chunk, ""."""
    digest = hashlib.sha256()
    buffer = bytearray(HASH_CHUNK)
    view = memoryview(buffer)
    with open(path, "rb+", buffering=0) as handle:
        while count := handle.readinto(buffer):
            if stopping is not None and stopping.is_set():
                return ""
            digest.update(view[:count])
        os.fsync(handle.fileno())
    return digest.hexdigest()


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # Windows cannot open a folder; its renames are durable already
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one step where the system can (Linux renameat2); False where it cannot."""
    if not hasattr(os, "uname") or os.uname().sysname != "Linux":
        return False
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange) != 0:
        code = ctypes.get_errno()
        if code in (errno.EINVAL, errno.ENOSYS):
            return False  # a file system that cannot exchange: the caller renames twice
        raise OSError(code, os.strerror(code), str(first))
    return True
