"""Faults for tests/test_journal_purge_faults.py, armed in a fork of the test's process. No test here.

- kill_at: SIGKILL as a chosen statement begins (SQLite's trace callback), with a cache of a few
  pages so that the transaction's pages have spilled to the -wal by then;
- kill_after_commit: SIGKILL just after a commit, before the seal state is written;
- small_disk: the process in a user and mount namespace of its own (what `unshare -rm` does, as
  tests/test_faults_support.py explains: no privilege needed), a 20 MB tmpfs mounted there. A fork
  has one thread, which unshare(2) requires of a new user namespace.
"""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
from pathlib import Path

SWAP_FROM = 100  # the tests' journals hold a few hundred entries
DISK_SIZE = "20m"
CLONE_NEWNS = 0x00020000
CLONE_NEWUSER = 0x10000000


def kill_at(engine, prefix: str) -> None:
    from sqlalchemy import event

    def traced(statement: str) -> None:
        if statement.startswith(prefix):
            os.kill(os.getpid(), signal.SIGKILL)

    @event.listens_for(engine, "checkout")
    def armed(dbapi_connection, _record, _proxy) -> None:
        dbapi_connection.execute("PRAGMA cache_size = 4")  # pages: the transaction spills to the -wal
        dbapi_connection.set_trace_callback(traced)


def kill_after_commit() -> None:
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    def committed(_session) -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    event.listen(Session, "after_commit", committed, insert=True)  # before the seal state's own listener


def small_disk(folder: Path) -> str | None:
    """A 20 MB tmpfs mounted on *folder*, seen by this process only; None, or why it could not be made."""
    uid, gid = os.getuid(), os.getgid()
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0:
        return f"unshare: {os.strerror(ctypes.get_errno())}"
    try:
        Path("/proc/self/setgroups").write_text("deny", encoding="ascii")
        Path("/proc/self/uid_map").write_text(f"0 {uid} 1", encoding="ascii")
        Path("/proc/self/gid_map").write_text(f"0 {gid} 1", encoding="ascii")
    except OSError as exc:
        return f"user namespace: {exc}"
    folder.mkdir(exist_ok=True)
    for command in (["mount", "--make-rprivate", "/"],
                    ["mount", "-t", "tmpfs", "-o", f"size={DISK_SIZE}", "tmpfs", str(folder)]):
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            return f"{' '.join(command)}: {done.stderr.strip()}"
    return None
