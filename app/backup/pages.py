"""SQLCipher's check of every page's HMAC in a backup's database, stopped within a moment by Ctrl+C.

`PRAGMA cipher_integrity_check` is one C call (SQLCipher does the whole check as it prepares the statement):
neither SQLite's interrupt nor a signal's handler reaches it until it ends, 2 s on a database of 1.2 GB, and
a thread left in it when the process exits crashes it (app/backup/interrupt.py). On a large database it
runs in a process of its own, spawned as a long pull's is (app/sync/pull_process.py), which Ctrl+C kills;
on a small one, on a thread, whose end comes before a Ctrl+C would be noticed.

The process imports this module alone (no SQLAlchemy, no Qt): it starts in a twentieth of a second, while
SQLite's structure check runs beside it for longer. The key reaches it through its pipe, never its command
line nor its environment. As spawn runs the parent's script again first, a script that checks backups does
its work under `if __name__ == "__main__":` (the `vigie` command, `python -m app` and pytest do).
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
from multiprocessing.connection import Connection
from pathlib import Path

import sqlcipher3

from app.backup.interrupt import TICK, Background, held_back

log = logging.getLogger("vigie.backup")

# Bytes of database from which the check runs in a process: 64 MB take SQLCipher a tenth of a second,
# about what starting the process costs.
PROCESS_FROM = 64 << 20


def pages_authentic(path: Path, key_literal: str) -> bool:
    """Whether every page of the database at *path* holds its HMAC under the key (given as SQLCipher's
    raw key literal); False as well when it cannot be opened."""
    try:
        conn = sqlcipher3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None,
                                  check_same_thread=False)
        try:
            conn.execute(f'PRAGMA key = "{key_literal}"')
            return conn.execute("PRAGMA cipher_integrity_check").fetchone() is None
        finally:
            conn.close()
    except sqlcipher3.Error:
        return False


class PageCheck:
    """The check of *path*'s pages, begun: `result()` waits for it, `stop()` ends it (the process killed;
    the thread, on a small database, waited for)."""

    def __init__(self, path: Path, key_literal: str, *, process_from: int = PROCESS_FROM) -> None:
        self._path, self._key = path, key_literal
        self._process: multiprocessing.process.BaseProcess | None = None
        self._connection: Connection | None = None
        self._thread: Background[bool] | None = None
        if _size(path) >= process_from:
            self._start_process()
        if self._process is None:
            self._thread = self._on_thread()

    def _on_thread(self) -> Background[bool]:
        """The check on a thread, which nothing stops: Ctrl+C waits for its end (a small database's, but for
        a large one whose process died)."""
        path, key_literal = self._path, self._key
        return Background(lambda: pages_authentic(path, key_literal), lambda: None, "backup-page-check")

    def _start_process(self) -> None:
        context = multiprocessing.get_context("spawn")  # never a fork of a process with Qt and database threads
        self._connection, child = context.Pipe()
        process = context.Process(target=_serve, args=(child,), name="vigie-page-check", daemon=True)
        try:
            # Whole or not at all: a Ctrl+C cutting start() mid-way left the child half its start-up data, and
            # its traceback (EOFError) on the terminal after the command's own last line.
            with held_back():
                process.start()
                self._connection.send((self._path, self._key))
        except (OSError, RuntimeError) as exc:  # no process to be had: a thread does the check
            log.warning("backup pages checked on a thread: no process (%s)", type(exc).__name__)
            _end(process)
            self._connection.close()
            self._connection = None
            return
        except BaseException:  # Ctrl+C as it starts: it goes too
            _end(process)
            raise
        finally:
            child.close()
        self._process = process

    def result(self) -> bool:
        if self._thread is not None:
            return self._thread.result()
        assert self._connection is not None
        try:
            while not self._connection.poll(TICK):  # a wait that Ctrl+C cuts
                continue
            return bool(self._connection.recv())
        except (EOFError, OSError) as exc:  # the process died (out of memory...): the check is done here
            log.warning("backup pages checked on a thread: the process ended (%s)", type(exc).__name__)
            self.stop()
            self._thread = self._on_thread()
            return self._thread.result()

    def stop(self) -> None:
        if self._thread is not None:
            self._thread.stop()
        if self._process is not None:
            _end(self._process)
            self._process = None
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def _end(process: multiprocessing.process.BaseProcess) -> None:
    """The checking process gone: killed if it is still at work (its answer no longer matters), then reaped."""
    if process.is_alive():
        process.kill()
    if process.pid is not None:
        process.join()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # a file missing: the check on a thread says its pages do not hold, as of any unreadable one
        return 0


def _serve(connection: Connection) -> None:
    """The checking process: the database's path and key received, whether its pages hold sent back."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C reaches the whole process group: the parent decides
    try:
        path, key_literal = connection.recv()
        connection.send(pages_authentic(path, key_literal))
    except (EOFError, OSError):  # the parent went away
        pass
    finally:
        connection.close()
