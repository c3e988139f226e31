"""SQLCipher 4 engines: a raw 256-bit key, WAL, synchronous=FULL, foreign keys on."""

from __future__ import annotations

import contextlib
import functools
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.dialects import registry
from sqlalchemy.dialects.sqlite.pysqlcipher import SQLiteDialect_pysqlcipher
from sqlalchemy.engine import URL
from sqlalchemy.exc import DatabaseError
from sqlalchemy.pool import QueuePool

from app.errors import disk_refused, storage_error

log = logging.getLogger("vigie.station")

# Enough for the GUI thread, the task manager's workers and a background purge at once; past it a
# checkout waits (POOL_TIMEOUT) for a connection to come back, it never takes one that is in use.
POOL_SIZE = 8
POOL_OVERFLOW = 8
POOL_TIMEOUT = 30
# The execution option of a writing unit of work's session (app/store/database.py), and the pooled
# connection's info while that session holds it: its transactions begin IMMEDIATE. Cleared at checkin.
WRITES = "vigie_write"
DRIVER = "sqlite+vigie_sqlcipher"


class CannotOpen(Exception):
    """The file is not a database this key opens: another station's, truncated or damaged."""


def raw_key_literal(key: bytes) -> str:
    # SQLCipher's raw key syntax: no key derivation, the 32 bytes are the key.
    return f"x'{key.hex()}'"


def make_engine(path: Path, key: bytes) -> Engine:
    """An engine on *path*; raises CannotOpen when *key* does not open it.

    A folder that cannot take the database's -wal and -shm (a full disk, a read-only folder) is
    told as such (DiskFull, ReadOnlyFolder), never as a key that does not fit.
    """
    if len(key) != 32:
        raise ValueError("a SQLCipher raw key is 32 bytes")
    _quiet_sqlcipher_log()
    url = URL.create(DRIVER, password=raw_key_literal(key), database=str(path))
    # The dialect's default, SingletonThreadPool, keys connections by thread and closes an arbitrary one
    # when a sixth thread connects, even mid-statement on another thread; Qt's workers are new threads
    # to Python at every task. QueuePool hands a connection to one checkout at a time, whatever the
    # thread, and never closes one that is checked out: that is what check_same_thread=False relies on.
    engine = create_engine(
        url,
        poolclass=QueuePool,
        pool_size=POOL_SIZE,
        max_overflow=POOL_OVERFLOW,
        pool_timeout=POOL_TIMEOUT,
        connect_args={"check_same_thread": False},
        pool_pre_ping=False,
    )
    event.listen(engine, "connect", _configure_connection)
    event.listen(engine, "checkin", _checked_in)
    try:
        run_outside_transaction(engine, "SELECT count(*) FROM sqlite_master")
    except (DatabaseError, sqlcipher3.DatabaseError) as exc:
        engine.dispose()
        known = storage_error(exc, path.parent)
        if known is not None:
            raise known from exc
        raise CannotOpen(str(path)) from exc
    return engine


def _configure_connection(dbapi_connection, connection_record) -> None:
    # The driver must not open transactions of its own: SQLAlchemy's BEGIN below is the only one.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA busy_timeout = 5000")
        # 32 MB of decrypted pages per connection (SQLCipher's default is 2,000 pages): on a log of a
        # million entries the indexes a save touches stay in memory instead of being read and decrypted.
        cursor.execute("PRAGMA cache_size = -32000")
        # A long transaction (a journal backlog swapped, an import) grows the WAL to hundreds of MB; once
        # checkpointed it is cut back to 64 MB rather than kept at its largest until the station closes.
        cursor.execute("PRAGMA journal_size_limit = 67108864")
    finally:
        cursor.close()


class VigieDialect(SQLiteDialect_pysqlcipher):
    """SQLCipher through sqlcipher3, its transactions begun by Vigie: IMMEDIATE for a unit of work that writes.

    The journal's next sequence number is read then written in one
    transaction; BEGIN IMMEDIATE makes that safe between two processes on one
    station (two Vigie windows), where a deferred transaction that read first
    could not upgrade once another one had written. Any other transaction (a
    read-only unit of work, a migration) begins deferred: in WAL mode a read
    takes its snapshot while writers go on, and never waits for them.

    Begun here rather than in a listener of the engine's "begin" event: an engine with a listener of
    its connections' events makes every statement and commit look for listeners of each of its other
    events too, about 50 µs of Python per unit of work (bench: store.insert_commit).
    """

    supports_statement_cache = True

    def set_connection_execution_options(self, connection, opts) -> None:
        # A writing session's options reach its connection as soon as it procures one, before its BEGIN.
        super().set_connection_execution_options(connection, opts)
        if opts.get(WRITES):
            connection.connection.info[WRITES] = True

    def do_begin(self, dbapi_connection) -> None:
        # The driver must not open transactions of its own (_configure_connection): this is the only BEGIN.
        # Its errors come out as SQLAlchemy's: the unit of work tells a busy station or a full disk from them.
        writes = dbapi_connection.info.get(WRITES)
        dbapi_connection.dbapi_connection.execute("BEGIN IMMEDIATE" if writes else "BEGIN")


registry.register(DRIVER.replace("+", "."), __name__, "VigieDialect")


def _checked_in(dbapi_connection, connection_record) -> None:
    if connection_record is not None:
        connection_record.info.pop(WRITES, None)


def rekey(engine: Engine, new_key: bytes) -> None:
    """Re-encrypt the whole database under *new_key* (SQLCipher rewrites every page)."""
    # PRAGMA cannot take bound parameters; the key is hex we made ourselves.
    run_outside_transaction(
        engine,
        "PRAGMA wal_checkpoint(TRUNCATE)",
        f'PRAGMA rekey = "{raw_key_literal(new_key)}"',
        "PRAGMA wal_checkpoint(TRUNCATE)",
    )
    engine.dispose()


def run_outside_transaction(engine: Engine, *statements: str) -> list:
    """Statements SQLite refuses inside a transaction (checkpoint, rekey), on a pooled connection."""
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        results = [cursor.execute(statement).fetchall() for statement in statements]
        cursor.close()
        return results
    finally:
        raw.close()


@contextlib.contextmanager
def _checkpointing(engine: Engine, wait: bool) -> Iterator[Any]:
    """A pooled connection's cursor for checkpoints; without *wait*, one that gives up at once when a
    transaction is in the way (its busy_timeout 0 meanwhile, then as it was)."""
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        patience = cursor.execute("PRAGMA busy_timeout").fetchone()[0]
        if not wait:
            cursor.execute("PRAGMA busy_timeout = 0")
        try:
            yield cursor
        finally:
            cursor.execute(f"PRAGMA busy_timeout = {int(patience)}")
            cursor.close()
    finally:
        raw.close()


def truncate_wal(engine: Engine, *, wait: bool) -> bool:
    """Whether the -wal was checkpointed and cut to nothing (PRAGMA wal_checkpoint(TRUNCATE)).

    Waiting, it waits for readers and writers as long as the connection's busy_timeout. Not waiting, it
    gives up at once when a transaction of this process's or another one's is in the way (then it has
    copied what it could, and the -wal keeps its frames until they are overwritten or the station's last
    connection closes): a save never waits behind it for more than the copy of the frames left. A disk that
    refuses the copy (full, or failing) is logged and answers False too.
    """
    with _checkpointing(engine, wait) as cursor:
        try:
            busy, _frames, _copied = cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        except sqlcipher3.OperationalError as exc:
            if not disk_refused(exc):
                raise
            # What the -wal holds is committed: SQLite copies it at a later checkpoint, or when the last
            # connection closes. The action that asked for this one is done, and is not failed for it.
            log.warning("the -wal could not be checkpointed, the disk refused: %s", exc)
            return False
        return not busy


def cut_wal(engine: Engine) -> int | None:
    """The -wal checkpointed and cut to nothing without waiting for anyone: the bytes it held before (its
    frames), or None when a transaction was in the way (then it copied what it could and keeps its frames).

    The disk's refusal of the copy (full, failing) is raised, as the sqlcipher3 error: a pull tells from it
    that the disk has no room for another transaction (app/sync/pull_run.py).
    """
    with _checkpointing(engine, wait=False) as cursor:
        frame = int(cursor.execute("PRAGMA page_size").fetchone()[0]) + 24  # a page and its frame header
        _busy, frames, _copied = cursor.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        busy = cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        return None if busy else max(int(frames), 0) * frame


@functools.cache
def _quiet_sqlcipher_log() -> None:
    """SQLCipher prints to stderr when a key is wrong; Vigie reports that itself, in one line."""
    conn = sqlcipher3.connect(":memory:")
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
    finally:
        conn.close()
