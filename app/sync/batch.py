"""What a pulled page writes at once: its new records one executemany per kind, its new heads, the
other stations' journal entries and the envelopes seen, instead of one ORM object per envelope.

app/sync/apply.py decides, envelope by envelope in server order, what each one does; what it makes
waits here until the end of the page, or until a derivation must read the table (a full-text
index row of a main courante entry), and is then written in a few statements.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

import orjson
from sqlalchemy import String, bindparam, func, insert, literal_column, select, tuple_, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.kernel.kinds import RecordKind, RecordKinds
from app.models import Tombstone
from app.models.sync import RemoteJournalEntry, SyncHead, SyncSeen


@dataclass(slots=True)
class NewRow:
    """A record the page makes, not written yet (then written: read from the table as any other)."""

    values: dict[str, Any]
    written: bool = False


@dataclass(slots=True)
class NewHead:
    """A handle the page sees first, or (*stored*: its values as read) one the table holds, read as a row
    and written back at the end of the page if the page changed it, instead of an ORM object flushed one
    UPDATE at a time (a push of thousands of changes comes back as as many heads)."""

    handle: str
    head_seq: int
    base_seq: int | None = None
    shadow: str | None = None
    stored: tuple[int, int | None, str | None] | None = None


Head = SyncHead | NewHead
HELD_KEYS_AT_MOST = 20_000  # record and tombstone ids of one kind a pull keeps, read once (HeldHeads.records_among)


class HeldHeads:
    """Which heads, records and tombstones a pull may find, so that its pages look only for those. Heads:
    on a station that held no head when the pull applied its first envelopes (a new station's first
    sync, whose every page would look for a thousand heads and find none), only the ones the pull made
    since. Records and tombstones: records_among.
    Only a sync makes heads; one made meanwhile by another sync of the station (a `vigie sync now`
    beside the application's) is refused by the table's key, and the page is then applied carefully,
    looking for every head."""

    def __init__(self) -> None:
        self.all: bool | None = None  # read with the pull's first page that has envelopes (a quiet sync has none)
        self.made: set[str] = set()
        self._held_keys: dict[str, set[str] | None] = {}

    def among(self, session: Session, handles: list[str]) -> list[str]:
        if self.all is None:
            self.all = session.scalar(select(SyncHead.handle).limit(1)) is not None
        return handles if self.all else [handle for handle in handles if handle in self.made]

    def records_among(self, session: Session, kind_name: str, key: Any, named: list[tuple[str, str]]) -> list[str]:
        """Of a page's records of one kind, (handle, record id), the ids to look for among its records (*key*:
        their key column) and tombstones. As for heads, a pull finds only the records its station held when
        the pull first met their kind (read then, when they are few: the natures a station is made with) and
        those it wrote or erased itself, whose handles it made. One typed here meanwhile waits in the outbox,
        which the page reads (PageApplier._pending); one pushed meanwhile by the station's other sync comes
        with a head of that sync, which the heads' key refuses, and the page is then applied carefully,
        looking for every record."""
        if kind_name not in self._held_keys:
            self._held_keys[kind_name] = _held_keys(session, kind_name, key)
        held = self._held_keys[kind_name]
        if held is None:
            return [record_id for _handle, record_id in named]
        return [record_id for handle, record_id in named if handle in self.made or record_id in held]


def string_key(kind: RecordKind) -> Any:
    """The kind's one key column when its values are its record ids as they are (a string), else None."""
    column = getattr(kind.model, kind.key[0]) if len(kind.key) == 1 else None
    return column if column is not None and isinstance(column.type, String) else None


def _held_keys(session: Session, kind_name: str, key: Any) -> set[str] | None:
    """The ids of the records and tombstones of one kind the station holds; None when there are too many
    to keep in memory (the pages then look for each of theirs)."""
    bound = HELD_KEYS_AT_MOST + 1
    held = list(session.scalars(select(key).limit(bound)))
    held += session.scalars(select(Tombstone.record_id).where(Tombstone.record_kind == kind_name).limit(bound))
    return set(held) if len(held) <= HELD_KEYS_AT_MOST else None


@dataclass
class PageRows:
    rows: dict[str, list[NewRow]] = field(default_factory=dict)
    heads: list[NewHead] = field(default_factory=list)
    known: list[NewHead] = field(default_factory=list)
    journal: list[dict[str, Any]] = field(default_factory=list)
    # sync_seen rows in its columns' order: seq, handle, cipher_sha256, mutation_id, own (app/sync/pull_page.py).
    seen: list[tuple[int, str, str, str, int]] = field(default_factory=list)

    def add(self, kind_name: str, values: dict[str, Any]) -> NewRow:
        row = NewRow(values)
        self.rows.setdefault(kind_name, []).append(row)
        return row

    def drop(self, kind_name: str, row: NewRow) -> None:
        """A record made and erased by the same page: never written."""
        self.rows[kind_name].remove(row)

    def head(self, handle: str) -> NewHead:
        head = NewHead(handle, 0)
        self.heads.append(head)
        return head

    def read_heads(self, session: Session, handles: list[str], orm: bool) -> dict[str, Head]:
        """The heads of *handles* the table holds: as rows written back at the end of the page, or as ORM
        objects (*orm*: a page applied envelope by envelope, whose savepoints roll them back)."""
        if orm:
            return {head.handle: head for head in read_in(
                session, lambda part: select(SyncHead).where(SyncHead.handle.in_(part)), handles)}
        read = [NewHead(handle, seq, base, shadow, (seq, base, shadow)) for handle, seq, base, shadow in rows_in(
            session, lambda part: select(SyncHead.handle, SyncHead.head_seq, SyncHead.base_seq, SyncHead.shadow)
            .where(SyncHead.handle.in_(part)), handles)]
        self.known += read
        return {head.handle: head for head in read}

    def write_rows(self, session: Session, kinds: RecordKinds) -> None:
        """The records made so far, one executemany per kind (Core on the tables: the ORM's bulk
        insert costs about ten times as much per row)."""
        for name, rows in self.rows.items():
            if rows:
                _insert(session, kinds[name].model.__table__, [row.values for row in rows])
                for row in rows:
                    row.written = True
        self.rows.clear()

    def finish(self, session: Session, kinds: RecordKinds) -> None:
        self.write_rows(session, kinds)
        if self.heads:
            _execute_many(session, _HEADS, [(head.handle, head.head_seq, head.base_seq, head.shadow)
                                            for head in self.heads])
        changed = [(head.head_seq, head.base_seq, head.shadow, head.handle) for head in self.known
                   if head.stored != (head.head_seq, head.base_seq, head.shadow)]
        if changed:
            _execute_many(session, _HEADS_CHANGED, changed)
        by_columns: dict[frozenset[str], list[dict[str, Any]]] = {}
        for entry in self.journal:  # an executemany wants the same columns in every row
            by_columns.setdefault(frozenset(entry), []).append(entry)
        for entries in by_columns.values():
            _insert(session, RemoteJournalEntry.__table__, entries)
        if self.seen:
            _execute_many(session, _SEEN, self.seen)


def _insert(session: Session, table: Any, rows: list[dict[str, Any]]) -> None:
    """*rows* (the same columns in each) in one executemany of a plain INSERT, their values converted
    by each column's type as SQLAlchemy would (Core's per-row parameter building costs more than the
    insert itself); a table whose omitted columns take a default made by Python goes through Core."""
    connection = session.connection()
    statement = _plain_insert(connection.dialect, table, frozenset(rows[0]))
    if statement is None:
        connection.execute(insert(table), rows)
        return
    sql, names, processors, defaults = statement
    if defaults:
        rows = [{**defaults, **row} for row in rows]
    getter = itemgetter(*names)
    values: list[Any] = [getter(row) for row in rows]
    if len(names) == 1:
        values = [(value,) for value in values]
    converted = [(index, convert) for index, convert in enumerate(processors) if convert is not None]
    if converted:
        values = [list(row) for row in values]
        for row in values:
            for index, convert in converted:
                if row[index] is not None:
                    row[index] = convert(row[index])
    _execute_many(session, sql, values)


def _execute_many(session: Session, sql: str, values: list[Any]) -> None:
    connection = session.connection()
    cursor = connection.connection.cursor()  # the DBAPI's own, in the session's transaction
    dbapi = connection.dialect.loaded_dbapi
    try:
        cursor.executemany(sql, values)
    except dbapi.Error as exc:  # raised as SQLAlchemy raises it (IntegrityError...): the pull's fallbacks catch those
        raise DBAPIError.instance(sql, None, exc, dbapi.Error) from exc
    finally:
        cursor.close()


_HEADS = f"INSERT INTO {SyncHead.__tablename__} (handle, head_seq, base_seq, shadow) VALUES (?, ?, ?, ?)"
_HEADS_CHANGED = f"UPDATE {SyncHead.__tablename__} SET head_seq = ?, base_seq = ?, shadow = ? WHERE handle = ?"
_SEEN = (f"INSERT INTO {SyncSeen.__tablename__} (seq, handle, cipher_sha256, mutation_id, own) "
         "VALUES (?, ?, ?, ?, ?)")


_Statement = tuple[str, tuple[str, ...], tuple[Callable[[Any], Any] | None, ...], dict[str, Any]]
_STATEMENTS: dict[tuple[str, str, frozenset[str]], _Statement | None] = {}


def _plain_insert(dialect: Any, table: Any, given: frozenset[str]) -> _Statement | None:
    key = (dialect.name, table.name, given)
    if key not in _STATEMENTS:
        defaults: dict[str, Any] = {}
        for column in table.columns:
            if column.key in given or column.default is None:
                continue  # given, or left to the database (NULL, its own default, a rowid)
            if not column.default.is_scalar:
                _STATEMENTS[key] = None  # a default computed per row: Core computes it
                return None
            defaults[column.key] = column.default.arg
        columns = [column for column in table.columns if column.key in given or column.key in defaults]
        quote = dialect.identifier_preparer.quote
        # Each column's type as this dialect binds it (a time as SQLite's text with its microseconds, a bool
        # as the integer, as Core writes them). A bool given as such to the driver costs it 3 µs (its
        # adapters are looked for, an int subclass not being an int): a third of a page's insert.
        processors = tuple(column.type.dialect_impl(dialect).bind_processor(dialect) for column in columns)
        sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(column.name) for column in columns)}) "
               f"VALUES ({', '.join('?' for _ in columns)})")
        _STATEMENTS[key] = (sql, tuple(column.key for column in columns),
                            processors if any(processors) else (), defaults)
    return _STATEMENTS[key]


def read_in(session: Session, statement: Callable[[Any], Any], ids: list[str]) -> Iterator[Any]:
    """The rows of *statement* over *ids*, given to it as one subquery over one JSON parameter: the
    same statement for any number of ids, compiled once, instead of a list of parameters rendered
    again for every page."""
    if ids:
        yield from session.scalars(statement(among(ids)))


def rows_in(session: Session, statement: Callable[[Any], Any], ids: list[str]) -> Iterator[Any]:
    """read_in's rows of several columns."""
    if ids:
        yield from session.execute(statement(among(ids)))


def among(ids: list[str]) -> Any:
    """`column.in_(among(ids))`: *ids* as SQLite's json_each reads them from one parameter."""
    return select(literal_column("value")).select_from(func.json_each(orjson.dumps(ids).decode()))


def descend(session: Session, based: dict[str, int], resolved: str) -> None:
    """Each handle's head takes the seq of its pushed state (a settled conflict's mark *resolved* goes):
    one read, then one executemany for the new heads and one for the others."""
    handles = list(based)
    shadows: dict[str, str | None] = {}
    for start in range(0, len(handles), 500):
        shadows.update(session.execute(select(SyncHead.handle, SyncHead.shadow)
                                       .where(SyncHead.handle.in_(handles[start:start + 500]))).all())
    heads = SyncHead.metadata.tables[SyncHead.__tablename__]  # Core: no ORM object per head
    new = [{"handle": h, "head_seq": 0, "base_seq": seq, "shadow": None}
           for h, seq in based.items() if h not in shadows]
    if new:
        session.connection().execute(insert(heads), new)
    known = [{"h": h, "b": seq, "s": None if shadows[h] == resolved else shadows[h]}
             for h, seq in based.items() if h in shadows]
    if known:
        session.connection().execute(update(heads).where(heads.c.handle == bindparam("h"))
                                     .values(base_seq=bindparam("b"), shadow=bindparam("s")), known)


def typed_key(kind: RecordKind, key: Any) -> Any:
    """A record id as the outbox names it, typed as the model's primary key wants it."""
    parts = key if isinstance(key, tuple) else (key,)
    by_name = {spec.name: spec for spec in kind.schema}
    typed = []
    for name, part in zip(kind.key, parts, strict=True):
        spec = by_name[name]
        typed.append(int(part) if spec.type == "integer" else part)
    return tuple(typed) if len(typed) > 1 else typed[0]


def read_keyed(session: Session, kind: RecordKind, ids: list[str]) -> dict[str, Any]:
    """The records a page names of a kind keyed by several columns (a NATINF offence: its version and code),
    by their ids as the outbox joins them, in a few reads instead of one per envelope."""
    columns = [getattr(kind.model, name) for name in kind.key]
    keys = [typed_key(kind, tuple(record_id.split("|"))) for record_id in set(ids)]
    found: dict[str, Any] = {}
    for start in range(0, len(keys), 400):
        for record in session.scalars(select(kind.model).where(tuple_(*columns).in_(keys[start:start + 400]))):
            found[kind.record_id(record)] = record
    return found
