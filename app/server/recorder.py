"""The access records of requests that write nothing else (a pull, a chunk read), committed together.

A no-op pull reads two rows; its access record was its only write, and its commit (a WAL flush,
an fsync) was most of the request's time. Here a thread of the process commits every record that
arrived while it committed the previous ones: one INSERT and one COMMIT for all of them (group
commit). The request's answer is held back (app/server/guard.py) until its record is committed,
so no answer goes out without its access record committed; a record that cannot be written (the
database away) turns the answer into a 503, never a silent loss. On PostgreSQL these commits do not
wait for the disk (db.access_log_engine): a crash of PostgreSQL itself may lose the last fraction of
a second of them.
Refusals, which the failed-authentication rate limit counts, and requests that write anything
(a push, an approval) keep their record in their own transaction, before they answer.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future
from typing import Any

from sqlalchemy import Engine

from app.server import accounts

log = logging.getLogger("vigie.server")
BATCH = 1000  # records per INSERT at most


class AccessRecorder:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine  # db.access_log_engine: on PostgreSQL, commits that do not wait for the disk
        self._pending: list[tuple[dict[str, Any], Future[None]]] = []
        self._ready = threading.Condition()
        self._closing = False
        self._thread = threading.Thread(target=self._run, name="vigie-access-log", daemon=True)
        self._thread.start()

    def add(self, values: dict[str, Any]) -> Future[None]:
        """Queue one record (accounts.record's values); the future is done once it is committed."""
        done: Future[None] = Future()
        with self._ready:
            if self._closing:
                raise RuntimeError("the access log writer is closed")
            self._pending.append((values, done))
            self._ready.notify()
        return done

    def close(self) -> None:
        """Commit what is queued, then stop (the process is shutting down)."""
        with self._ready:
            self._closing = True
            self._ready.notify()
        self._thread.join()

    def _run(self) -> None:
        while True:
            with self._ready:
                while not self._pending and not self._closing:
                    self._ready.wait()
                taken, self._pending = self._pending[:BATCH], self._pending[BATCH:]
                if not taken and self._closing:
                    return
            self._commit(taken)

    def _commit(self, taken: list[tuple[dict[str, Any], Future[None]]]) -> None:
        try:
            # Core, not a Session: this thread's own cost per commit is most of what the group saves.
            with self._engine.begin() as connection:
                accounts.record_rows(connection, [values for values, _ in taken])
        except Exception as exc:  # the database away: each request waiting on it answers 503
            log.warning("access log: %d records not written: %s", len(taken), str(exc).splitlines()[0][:200])
            for _, done in taken:
                done.set_exception(exc)
            return
        for _, done in taken:
            done.set_result(None)
