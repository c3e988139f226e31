"""The throwaway folder of `vigie --demo`: made last, removed however the demo ends.

Removed by the demo itself when it ends, on an exception or on Ctrl+C; and
when the process was killed outright (SIGKILL, a crash in Qt), by the next
demo, which removes every demo folder of this user whose process is gone.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

PREFIX = "vigie-demo-"
OWNER_FILE = ".vigie-demo-pid"  # the process that made the folder and will remove it


def make_demo_folder() -> Path:
    """A new private temporary folder, marked with this process's id."""
    folder = Path(tempfile.mkdtemp(prefix=PREFIX))
    (folder / OWNER_FILE).write_text(str(os.getpid()), encoding="ascii")
    return folder


def remove_demo_folder(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


def remove_orphans(parent: Path | None = None) -> list[Path]:
    """Remove this user's demo folders whose process no longer runs; returns them."""
    base = Path(parent or tempfile.gettempdir())
    removed: list[Path] = []
    try:
        candidates = [p for p in base.glob(PREFIX + "*") if p.is_dir() and not p.is_symlink()]
    except OSError:
        return removed
    for folder in candidates:
        if _orphan(folder):
            remove_demo_folder(folder)
            removed.append(folder)
    return removed


def _orphan(folder: Path) -> bool:
    if os.name != "posix":
        return False  # no harmless way there to ask whether a process runs (os.kill would end it)
    try:
        if folder.stat().st_uid != os.getuid():
            return False
        pid = int((folder / OWNER_FILE).read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        return False  # not made by this version of the demo, or not ours: left alone
    return not _running(pid)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
