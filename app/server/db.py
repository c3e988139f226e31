"""The server's database: a SQLite file by default, PostgreSQL (psycopg 3) in production.

Each request opens its own short transaction (the server keeps no state between requests,
so several processes can share one PostgreSQL). On SQLite every transaction starts with
BEGIN IMMEDIATE (one writer at a time, no lock upgrade deadlock); on PostgreSQL a push locks
its tenant's row, which orders the tenant's sequence.
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, make_url, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger("vigie.server")
DATABASE_FILE = "vigie-server.sqlite"
URL_ENVIRONMENT = "VIGIE_SERVER_DATABASE_URL"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_MIGRATION_LOCK = 0x56494749  # "VIGI": PostgreSQL advisory lock held while migrating
_READS_ONLY = "vigie_reads_only"
# The SQLite file holds token hashes and the access log (client addresses): for the server's account alone.
PRIVATE_MODE = 0o600
SIDE_FILES = ("-wal", "-shm", "-journal")  # what SQLite makes beside it, with its mode, while it is open


class DatabaseUrlError(ValueError):
    """A database URL Vigie's server cannot use."""


def sqlite_url(data_dir: Path) -> str:
    return f"sqlite:///{data_dir / DATABASE_FILE}"


def normalise_url(url: str) -> str:
    """postgresql:// and postgres:// go through psycopg 3; sqlite stays sqlite."""
    try:
        parsed = make_url(url)
    except Exception as exc:  # SQLAlchemy raises ArgumentError, and ValueError on a bad port
        raise DatabaseUrlError(str(exc)) from exc
    if parsed.drivername in ("postgresql", "postgres", "postgresql+psycopg"):
        return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    if parsed.drivername == "sqlite" and parsed.database:
        return url
    raise DatabaseUrlError(url.split(":", 1)[0])


def make_engine(url: str, pool_size: int = 20, own: bool = True) -> Engine:
    """*own*: the server's own database, whose SQLite file is kept private (False: a backup being read)."""
    url = normalise_url(url)
    if url.startswith("sqlite"):
        if own:
            _keep_private(url)
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    # No pre-ping (a round trip per request): a connection PostgreSQL dropped fails one request and is
    # replaced; connections are renewed every half hour anyway.
    engine = create_engine(url, pool_size=pool_size, max_overflow=pool_size, pool_recycle=1800)
    event.listen(engine, "connect", _postgresql_connect)
    return engine


def open_private(path: str, flags: int = os.O_RDONLY) -> int:
    """*path* opened, and made if missing, for its owner alone: 0600 when made, whatever the umask (which could
    also take away the owner's right to write); a file of an older version, made 0644, loses its group's and
    others' rights."""
    try:
        return _create_private(path, flags)
    except FileExistsError:
        tighten(path)
        return os.open(path, flags)


def _create_private(path: str, flags: int) -> int:
    fd = os.open(path, flags | os.O_CREAT | os.O_EXCL, PRIVATE_MODE)
    try:
        if os.name == "posix":  # elsewhere no such rights to set
            os.fchmod(fd, PRIVATE_MODE)
    except BaseException:
        os.close(fd)
        raise
    return fd


def tighten(path: str) -> None:
    """*path*'s group's and others' rights taken away, if it is there. By its name: closing a descriptor of a
    SQLite database, or of its -shm, would let go of every lock SQLite holds on it in this process (POSIX
    locks are the process's), under an engine already using it."""
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:  # a -wal or -shm: SQLite removes them when its last connection closes
        return
    if os.name != "posix" or not mode & 0o077:
        return
    try:
        os.chmod(path, mode & 0o700)
    except OSError as exc:  # not the file's owner: it works as before, but others can still read it
        log.warning("%s stays readable by others (mode %o): %s", path, mode, exc)
    else:
        log.info("%s was readable by others (mode %o): now by its owner only", path, mode)


def _keep_private(url: str) -> None:
    """The server's SQLite file made private before SQLite opens it, so that its -wal and -shm, which SQLite
    makes with the database's mode, are too; those of an older version tightened."""
    parsed = make_url(url)
    path = parsed.database
    if not path or path == ":memory:" or parsed.query.get("uri"):
        return
    try:
        os.close(_create_private(path, os.O_RDONLY))  # a new file: no engine of this process has it open
    except FileExistsError:
        for name in (path, *(path + suffix for suffix in SIDE_FILES)):
            tighten(name)
    except OSError:  # a folder it cannot be made in: SQLite, opening it next, refuses in its own words
        return


def access_log_engine(engine: Engine) -> Engine:
    """The engine of the access log writer (app/server/recorder.py). On PostgreSQL a connection of its
    own whose transactions do not wait for their WAL to reach the disk (synchronous_commit off: about
    8 ms on a quiet disk, tens on a busy one, which every read waited for). They are committed and
    visible at once, and on disk within three wal_writer_delay (0.6 s by default): only a crash of
    PostgreSQL itself within that delay loses those rows, never a push, and never leaves the database
    inconsistent (docs/sync.md, "Access log"). On SQLite the server's own engine (one writer at a time)."""
    if engine.dialect.name != "postgresql":
        return engine
    writer = create_engine(engine.url, pool_size=1, max_overflow=0, pool_recycle=1800)
    event.listen(writer, "connect", _postgresql_connect)
    event.listen(writer, "connect", _asynchronous_commit)
    return writer


def _asynchronous_commit(dbapi_connection: Any, _record: Any) -> None:
    with dbapi_connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit = off")
    dbapi_connection.commit()


def _postgresql_connect(dbapi_connection: Any, _record: Any) -> None:
    # psycopg prepares a statement run five times; PostgreSQL would still plan it again at each run (a
    # "custom plan" for its parameters): 0.3 to 0.4 ms of its CPU for a pull's statement, three times
    # what running it costs. Every statement of the server is a lookup by key or a range on an index,
    # whose plan does not depend on the values: planned once per connection.
    with dbapi_connection.cursor() as cursor:
        cursor.execute("SET plan_cache_mode = force_generic_plan")
    dbapi_connection.commit()


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # transactions begun by _sqlite_begin
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    # What is deleted (the ciphertexts of an erased record) is overwritten with zeros in the file,
    # not left in its free pages.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def forget_old_pages(engine: Engine) -> None:
    """After an erasure, on SQLite: the WAL's pages written back to the file and the WAL emptied, so that
    the old copies of the deleted rows' pages leave the disk too. (PostgreSQL: its vacuum reuses them.)"""
    if engine.dialect.name != "sqlite":
        return
    connection = engine.raw_connection()  # no transaction around it: a checkpoint runs outside one
    try:
        cursor = connection.cursor()
        busy = cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        cursor.close()
        if busy:  # readers kept old pages: the next checkpoints write them back
            log.info("checkpoint after an erasure not complete (readers at work)")
    except Exception as exc:  # the erasure is committed: a checkpoint missed is not the station's concern
        log.warning("checkpoint after an erasure failed: %s", exc)
    finally:
        connection.close()


def _sqlite_begin(connection: Connection) -> None:
    # A request that only reads takes a snapshot and no lock (its access record is written apart).
    deferred = connection.get_execution_options().get(_READS_ONLY, False)
    connection.exec_driver_sql("BEGIN" if deferred else "BEGIN IMMEDIATE")


def sessions(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def read_sessions(engine: Engine) -> sessionmaker[Session]:
    """Sessions for requests that only read (their access record goes to app/server/recorder.py): on
    PostgreSQL each statement commits by itself, which spares a request the round trips of BEGIN and
    COMMIT; on SQLite the transaction is deferred, a snapshot that takes no lock."""
    if engine.dialect.name != "postgresql":
        return sessionmaker(engine.execution_options(**{_READS_ONLY: True}), expire_on_commit=False)
    return sessionmaker(engine.execution_options(isolation_level="AUTOCOMMIT"), expire_on_commit=False)


@contextmanager
def _migration_connection(engine: Engine) -> Iterator[Connection]:
    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _MIGRATION_LOCK})
            connection.commit()
            try:
                yield connection
            finally:
                connection.rollback()
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _MIGRATION_LOCK})
                connection.commit()
        else:
            yield connection


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest revision (several processes at once on PostgreSQL)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with _migration_connection(engine) as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        connection.commit()


def url_from(data_dir: Path | None, database_url: str | None) -> str:
    """The database an invocation names: --database-url, else the environment, else the data dir."""
    url = database_url or os.environ.get(URL_ENVIRONMENT)
    if url:
        return normalise_url(url)
    if data_dir is None:
        raise DatabaseUrlError("")
    if not data_dir.is_dir():
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        data_dir.chmod(0o700)  # back what the umask took (even its owner's right to write: the database goes in)
    return sqlite_url(data_dir)
