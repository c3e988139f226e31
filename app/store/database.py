"""The open station database: its engine and session factories, and who is using them right now.

Background tasks, the GUI thread and the retention purge all work on one
engine. Closing the station or re-keying it must never dispose of that engine
under a transaction that is still running (the owner would find its
connection closed, its work silently rolled back). So every unit of work
checks the database out here and gives it back; `close()` and `exclusive()`
wait until nobody holds it and refuse newcomers meanwhile.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.errors import QT_TRANSLATE_NOOP, StationError
from app.store.engine import WRITES

# How long close() and rekey wait for running work before giving up with a clear message.
DRAIN_SECONDS = 60.0
# How long a writer of this process waits for its turn behind the others before "occupée".
WRITE_TURN_SECONDS = 60.0

# Session.info: the Database that made the session, for what holds a file of the station open until it closes.
DATABASE = "vigie.database"

STATION_CLOSED = QT_TRANSLATE_NOOP("errors", "The station is closed: log in again.")
STATION_BUSY = QT_TRANSLATE_NOOP("errors", "The station is busy: try again in a moment.")


class StationClosed(StationError):
    message = STATION_CLOSED


class StationBusy(StationError):
    message = STATION_BUSY


class Database:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._writer = _factory(self, engine, write=True)
        self._reader = _factory(self, engine, write=False)
        self._closers: list[Callable[[], object]] = []
        self._lock = threading.Condition()
        self._users = 0
        self._draining = False
        self._closed = False
        self._held = threading.local()  # per thread: how many uses it holds (units of work nest)
        self._writers = _WriteTurns()

    @property
    def engine(self) -> Engine:
        return self._engine

    @contextmanager
    def use(self) -> Iterator[Database]:
        """Hold the database for one unit of work; close() and exclusive() wait for it."""
        self.acquire()
        try:
            yield self
        finally:
            self.release()

    def acquire(self) -> None:
        """use() without a context manager, for the unit of work that every action opens: release() after."""
        depth = getattr(self._held, "depth", 0)
        with self._lock:
            if self._closed:
                raise StationClosed
            # A thread that already holds it goes on (a unit of work opened inside another), or it
            # would wait forever on a drain that waits for it.
            while self._draining and depth == 0:
                self._lock.wait()
                if self._closed:
                    raise StationClosed
            self._users += 1
        self._held.depth = depth + 1

    def release(self) -> None:
        self._held.depth -= 1
        with self._lock:
            self._users -= 1
            self._lock.notify_all()

    @contextmanager
    def write_turn(self) -> Iterator[None]:
        """This process's writers one after the other, first come first served.

        SQLite's busy handler retries in no order: under a steady load one writer can lose every
        retry for busy_timeout and fail although the lock was free most of the time. Queued here,
        writers of this process never meet on SQLite's lock; busy_timeout is left for another
        Vigie process on the same station.
        """
        self.take_write_turn()
        try:
            yield
        finally:
            self.end_write_turn()

    def take_write_turn(self) -> None:
        """write_turn() without a context manager: end_write_turn() after."""
        self._writers.take(WRITE_TURN_SECONDS)

    def end_write_turn(self) -> None:
        self._writers.give_back()

    def session(self, write: bool) -> Session:
        """A session whose transactions take the write lock at BEGIN (write) or never (read)."""
        return (self._writer if write else self._reader)()

    @contextmanager
    def exclusive(self, timeout: float = DRAIN_SECONDS) -> Iterator[None]:
        """No unit of work runs inside this block (rekey): new ones wait, running ones are awaited."""
        self._drain(timeout)
        try:
            yield
        finally:
            with self._lock:
                self._draining = False
                self._lock.notify_all()

    def replace_engine(self, engine: Engine) -> None:
        """Swap engine and session factories at once; only inside exclusive()."""
        old = self._engine
        self._engine = engine
        self._writer = _factory(self, engine, write=True)
        self._reader = _factory(self, engine, write=False)
        old.dispose()

    def on_close(self, closer: Callable[[], object]) -> None:
        """*closer* runs once when the database closes (the journal's seal state file, held open)."""
        with self._lock:
            if closer not in self._closers:
                self._closers.append(closer)

    def close(self, timeout: float = DRAIN_SECONDS) -> None:
        """Wait for running units of work, then dispose of the engine; later uses are refused."""
        if self._closed:
            return
        self._drain(timeout)
        with self._lock:
            self._closed = True
            self._draining = False
            self._lock.notify_all()
            closers, self._closers = self._closers, []
        try:
            self._engine.dispose()
        finally:
            for closer in closers:
                closer()

    def _drain(self, timeout: float) -> None:
        if getattr(self._held, "depth", 0):
            raise StationBusy  # this thread is inside a unit of work: waiting would wait for itself
        with self._lock:
            if self._closed:
                raise StationClosed
            while self._draining:
                self._lock.wait()
            self._draining = True
            if not self._lock.wait_for(lambda: self._users == 0, timeout):
                self._draining = False
                self._lock.notify_all()
                raise StationBusy


class _WriteTurns:
    """A first-come-first-served lock that a thread may take again while it holds it."""

    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._next_ticket = 0
        self._serving = 0
        self._owner: int | None = None
        self._depth = 0
        self._abandoned: set[int] = set()

    @contextmanager
    def turn(self, timeout: float) -> Iterator[None]:
        self.take(timeout)
        try:
            yield
        finally:
            self.give_back()

    def take(self, timeout: float) -> None:
        me = threading.get_ident()
        with self._lock:
            if self._owner == me:
                self._depth += 1
            else:
                ticket = self._next_ticket
                self._next_ticket += 1
                if not self._lock.wait_for(lambda: self._serving == ticket, timeout):
                    self._skip(ticket)
                    raise StationBusy
                self._owner, self._depth = me, 1

    def give_back(self) -> None:
        with self._lock:
            self._depth -= 1
            if self._depth == 0:
                self._owner = None
                self._advance()

    def _advance(self) -> None:
        self._serving += 1
        while self._serving in self._abandoned:
            self._abandoned.discard(self._serving)
            self._serving += 1
        self._lock.notify_all()

    def _skip(self, ticket: int) -> None:
        """A writer that gave up: its turn is passed when it comes."""
        self._abandoned.add(ticket)


def _factory(database: Database, engine: Engine, write: bool) -> sessionmaker[Session]:
    # A writing session's connection begins its transactions IMMEDIATE (app/store/engine.py, VigieDialect).
    return sessionmaker(engine, expire_on_commit=False, execution_options={WRITES: True} if write else {},
                        info={DATABASE: database})
