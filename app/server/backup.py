"""Daily consistent copies of the server's database, 7 kept, and bringing one back.

A SQLite database is copied with SQLite's online backup API (a consistent copy while the
server runs). A PostgreSQL database is read table by table inside one REPEATABLE READ, READ
ONLY transaction (one snapshot for every table) and written as a gzip archive of JSON lines.
Either is written under a temporary name and renamed when complete: never half a backup.

Restoring copies every row of a backup into the (stopped) server's database in one
transaction and then moves every tenant's sequence forward by SEQ_GAP: the sequences given
after the backup was taken are never given again, so stations that saw them notice, by the
digest, what the restored server lacks and send it again. A restore never runs under a live
server (its acknowledged pushes would be deleted under it, and the stations told nothing): `serve`
holds the database's serving lock for as long as it runs, and `restore` refuses while anyone holds it.
A SQLite file serves one process: a second `serve` on it refuses too (PostgreSQL serves several).
"""

from __future__ import annotations

import base64
import errno
import gzip
import json
import os
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, LargeBinary, Table, delete, insert, select, text, update
from sqlalchemy.engine import make_url

from app.server import db, french
from app.server.models import BackupMark, Base, Tenant

KEEP = 7
PREFIX = "vigie-server-"
SQLITE_SUFFIX = ".sqlite"
ARCHIVE_SUFFIX = ".jsonl.gz"
FORMAT = "vigie-server-backup"
SEQ_GAP = 1_000_000_000
BATCH = 1000
SERVING_LOCK = 0x56494753  # "VIGS": the first key of the PostgreSQL advisory lock; the second, the schema's
LOCK_SUFFIX = ".lock"  # a SQLite database's serving lock: the file beside it ("vigie-server.sqlite.lock")
# Held by the one `serve` of a SQLite database, apart from the serving lock: a second serve is refused in
# words of its own, where the serving lock taken exclusively would have told it that a restore runs.
SERVE_LOCK_SUFFIX = ".serve.lock"
# The refusals of the serving lock, French templates (BackupError typesets them).
SERVED = ("un serveur (vigie-server serve) utilise cette base : arrêtez-le, puis restaurez ; "
          "rien n'a été changé.")
ALREADY_SERVED = ("un serveur (vigie-server serve) sert déjà cette base : un fichier SQLite ne sert qu'un "
                  "processus (pour plusieurs, PostgreSQL) ; rien n'a été changé.")
RESTORING = "une restauration (vigie-server restore) est en cours sur cette base : attendez qu'elle finisse."
NOT_A_BACKUP = "{name} n'est pas une sauvegarde du serveur Vigie."  # a file that restore cannot read


class BackupError(ValueError):
    """A backup that cannot be made or brought back: one French line for the command line, *template*
    typeset and then filled with *params* (french.line)."""

    def __init__(self, template: str, **params: object) -> None:
        super().__init__(french.line(template, **params))


def _tables() -> list[Table]:
    return list(Base.metadata.sorted_tables)


def make_backup(engine: Engine, out: Path, today: date) -> Path:
    out.mkdir(parents=True, exist_ok=True, mode=0o700)
    with engine.connect() as connection:  # before the copy: every envelope up to them is in it
        marks = {tenant: int(seq) for tenant, seq in connection.execute(select(Tenant.id, Tenant.last_seq))}
    suffix = SQLITE_SUFFIX if engine.dialect.name == "sqlite" else ARCHIVE_SUFFIX
    final = out / f"{PREFIX}{today.isoformat()}{suffix}"
    partial = final.with_name(final.name + ".partial")
    partial.unlink(missing_ok=True)
    # Private from its first byte (token hashes, the access log), and gone if the copy fails (a full disk).
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        if engine.dialect.name == "sqlite":
            _copy_sqlite(engine, partial)
        else:
            _write_archive(engine, partial)
        os.replace(partial, final)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    rotate(out)
    _mark(engine, today.isoformat(), marks)
    return final


def _copy_sqlite(engine: Engine, partial: Path) -> None:
    """SQLite's online backup of the server's database into *partial*; a disk that refuses it is an OSError."""
    source = sqlite3.connect(str(make_url(str(engine.url)).database))
    target = sqlite3.connect(str(partial))
    try:
        source.backup(target)
    except sqlite3.OperationalError as exc:
        if "full" in str(exc).lower():
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)) from exc
        raise OSError(errno.EIO, str(exc)) from exc
    finally:
        target.close()
        source.close()


def _mark(engine: Engine, day: str, marks: dict[str, int]) -> None:
    """What the copy of *day* holds, kept for the KEEP newest copies: the server tells each station the
    oldest kept copy's seq (its digest answer), up to which its pushed changes may leave its outbox."""
    with engine.begin() as connection:
        connection.execute(delete(BackupMark).where(BackupMark.day == day))
        if marks:
            connection.execute(insert(BackupMark), [{"day": day, "tenant_id": tenant, "last_seq": seq}
                                                    for tenant, seq in marks.items()])
        kept = select(BackupMark.day).distinct().order_by(BackupMark.day.desc()).limit(KEEP)
        connection.execute(delete(BackupMark).where(BackupMark.day.not_in(kept.scalar_subquery())))


def _encode(value: Any) -> Any:
    if isinstance(value, bytes):
        return {"b64": base64.b64encode(value).decode("ascii")}
    if isinstance(value, datetime):
        return {"at": value.isoformat()}
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        return base64.b64decode(value["b64"]) if "b64" in value else datetime.fromisoformat(value["at"])
    return value


def _write_archive(engine: Engine, path: Path) -> None:
    with engine.connect() as connection, gzip.open(path, "wt", encoding="utf-8") as archive:
        connection.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"))
        revision = connection.execute(text("SELECT version_num FROM server_alembic_version")).scalar()
        header = {"format": FORMAT, "version": 1, "revision": revision, "tables": [t.name for t in _tables()]}
        archive.write(json.dumps(header) + "\n")
        for table in _tables():
            rows = connection.execution_options(yield_per=BATCH).execute(select(table))
            for row in rows.mappings():
                line = {"t": table.name, "r": {key: _encode(value) for key, value in row.items()}}
                archive.write(json.dumps(line) + "\n")
        connection.rollback()


def rotate(out: Path) -> list[Path]:
    """Keep the KEEP newest daily copies; return the ones removed."""
    copies = sorted(p for p in out.iterdir() if p.name.startswith(PREFIX)
                    and (p.name.endswith(SQLITE_SUFFIX) or p.name.endswith(ARCHIVE_SUFFIX)))
    removed = copies[:-KEEP] if len(copies) > KEEP else []
    for path in removed:
        path.unlink()
    return removed


def _archive_rows(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    try:
        with gzip.open(path, "rt", encoding="utf-8") as archive:
            header = json.loads(archive.readline())
            if not isinstance(header, dict) or header.get("format") != FORMAT:
                raise BackupError(NOT_A_BACKUP, name=path.name)
            for line in archive:
                item = json.loads(line)
                yield item["t"], {key: _decode(value) for key, value in item["r"].items()}
    except (OSError, EOFError, ValueError, KeyError, TypeError) as exc:
        if isinstance(exc, BackupError):
            raise
        raise BackupError("sauvegarde illisible : {name}.", name=path.name) from exc


def _sqlite_rows(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    source = db.make_engine(f"sqlite:///{path}", own=False)  # the operator's file: its rights left as they are
    try:
        with source.connect() as connection:
            for table in _tables():
                for row in connection.execute(select(table)).mappings():
                    yield table.name, dict(row)
    finally:
        source.dispose()


def _rows_of(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    if not path.is_file():
        raise BackupError("sauvegarde introuvable : {path}.", path=path)
    with path.open("rb") as probe:
        magic = probe.read(16)
    if magic.startswith(b"SQLite format 3"):
        return _sqlite_rows(path)
    if magic.startswith(b"\x1f\x8b"):
        return _archive_rows(path)
    raise BackupError(NOT_A_BACKUP, name=path.name)


def restore(engine: Engine, path: Path) -> int:
    """Replace the database's content with the backup's, in one transaction; return rows restored."""
    tables = {table.name: table for table in _tables()}
    binary = {name: {c.name for c in table.columns if isinstance(c.type, LargeBinary)}
              for name, table in tables.items()}
    count = 0
    with engine.begin() as connection:
        for table in reversed(_tables()):
            connection.execute(delete(table))
        batch: list[dict[str, Any]] = []
        current: str | None = None
        for name, row in _rows_of(path):
            if name not in tables:
                raise BackupError("table inconnue dans la sauvegarde : {name}.", name=name)
            if name != current or len(batch) >= BATCH:
                if batch and current is not None:
                    connection.execute(insert(tables[current]), batch)
                batch, current = [], name
            batch.append({k: bytes(v) if k in binary[name] and v is not None else v for k, v in row.items()})
            count += 1
        if batch and current is not None:
            connection.execute(insert(tables[current]), batch)
        connection.execute(update(Tenant).values(last_seq=Tenant.last_seq + SEQ_GAP))
        if engine.dialect.name == "postgresql":  # the access log's serial goes on after the restored ids
            connection.execute(text("SELECT setval(pg_get_serial_sequence('access_log', 'id'), "
                                    "coalesce((SELECT max(id) FROM access_log), 0) + 1, false)"))
    return count


@contextmanager
def serving(url: str) -> Iterator[None]:
    """Held by `vigie-server serve` while it serves the database of *url*. Shared on PostgreSQL: several
    processes may serve one; a BackupError while a restore holds it (RESTORING), or on SQLite while another
    process serves the file (ALREADY_SERVED: one writer at a time)."""
    with _serving_lock(url, shared=True, refusal=RESTORING, alone=True):
        yield


@contextmanager
def stopped(url: str) -> Iterator[None]:
    """While no process serves the database of *url*, and none can start to: a BackupError (SERVED) otherwise."""
    with _serving_lock(url, shared=False, refusal=SERVED, alone=False):
        yield


@contextmanager
def _serving_lock(url: str, shared: bool, refusal: str, alone: bool) -> Iterator[None]:
    """On PostgreSQL a session advisory lock, per schema; on SQLite the lock of a file beside the database,
    and with *alone* that of a second file, exclusive. Either is let go by the system when its holder ends,
    even killed (its connection, its file closed)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        with _advisory_lock(url, shared, refusal):
            yield
        return
    if not parsed.database or parsed.database == ":memory:":  # no file: no other process can reach it
        yield
        return
    with ExitStack() as held:
        if alone:  # first: while another serve runs, that is what this one is told, not a restore
            held.enter_context(_file_lock(parsed.database + SERVE_LOCK_SUFFIX, False, ALREADY_SERVED))
        held.enter_context(_file_lock(parsed.database + LOCK_SUFFIX, shared, refusal))
        yield


@contextmanager
def _advisory_lock(url: str, shared: bool, refusal: str) -> Iterator[None]:
    engine = db.make_engine(url, pool_size=1)
    try:
        with engine.connect() as connection:
            call = "pg_try_advisory_lock_shared" if shared else "pg_try_advisory_lock"
            taken = connection.execute(text(f"SELECT {call}(:key, hashtext(coalesce(current_schema(), '')))"),
                                       {"key": SERVING_LOCK}).scalar()
            connection.commit()  # a session's lock outlives its transaction: none is left open
            if not taken:
                raise BackupError(refusal)
            yield
    finally:
        engine.dispose()  # the connection closed: its session's lock goes with it


@contextmanager
def _file_lock(path: str, shared: bool, refusal: str) -> Iterator[None]:
    fd = db.open_private(path, os.O_RDWR)
    try:
        if not _try_lock(fd, shared):
            raise BackupError(refusal)
        yield
    finally:
        os.close(fd)  # closing the file lets go of its lock


def _try_lock(fd: int, shared: bool) -> bool:
    """(app/filelock.py's way, with shared locks; the server imports nothing of the station.)"""
    if sys.platform == "win32":  # no shared lock there: one process serves a SQLite file anyway
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True
