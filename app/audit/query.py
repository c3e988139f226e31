"""Reading the journal fast: filters as SQL, rows straight from the driver's cursor.

Verifying or exporting a million entries through ORM objects would take
minutes; these helpers read plain tuples, with the time already in the
canonical form of app/audit/chain.py, in sequence order.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from sqlalchemy import Engine

from app.audit.chain import CHAINED_FIELDS, format_time, stored_time
from app.audit.rows import journal_rows, shown_replaced
from app.clock import local_midnight

# The chained fields in their canonical order, then the entry's hash and its seal; `at` as
# 2026-11-22T07:52:07.830000Z.
CANONICAL_AT = "substr(at, 1, 10) || 'T' || substr(at, 12) || 'Z'"
ROW_COLUMNS = ", ".join(CANONICAL_AT if name == "at" else name for name in CHAINED_FIELDS) + ", hash, tag"
HASH = len(CHAINED_FIELDS)  # the hash's position in a row
TAG = HASH + 1  # the seal's (app/audit/seal.py), empty on an unsealed station
PREV_HASH = CHAINED_FIELDS.index("prev_hash")
AT = CHAINED_FIELDS.index("at")
STATION_ID = CHAINED_FIELDS.index("station_id")
RECORD_KIND = CHAINED_FIELDS.index("record_kind")
RECORD_ID = CHAINED_FIELDS.index("record_id")

FETCH = 5000
# Every station's entries: this station's own journal, and the chains received from the others (sync).
OWN, REMOTE = "journal", "journal_remote"


def stored(at: datetime) -> str:
    """A time as the journal's `at` column holds it (UTC, no zone), for comparisons in SQL."""
    return at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def canonical_at(value: str) -> str:
    """The canonical time of a row's `at` as CANONICAL_AT made it, whatever shape the column held."""
    if len(value) == 27:
        return value
    return stored_time(value[:10] + " " + value[11:-1])


@dataclass(frozen=True)
class JournalFilter:
    """Which entries an extract, a search or a count covers. Empty fields filter nothing.

    *start* is included and *end* excluded, both timezone-aware; for whole
    local days use `JournalFilter.days()`.
    """

    start: datetime | None = None
    end: datetime | None = None
    login: str = ""
    operation: str = ""
    compartment: str = ""
    record_id: str = ""
    station: str = ""  # a station's id: only its entries (this station's own, or another's received)

    @classmethod
    def days(cls, first: date, last: date, zone: tzinfo | None = None, **others: Any) -> JournalFilter:
        """From the start of *first* to the end of *last*, local days (the machine's zone by default)."""
        return cls(start=_midnight(first, zone), end=_midnight(last + timedelta(days=1), zone), **others)

    def normalized(self) -> JournalFilter:
        return JournalFilter(
            start=self.start, end=self.end, login=self.login.strip().casefold(),
            operation=self.operation.strip(), compartment=self.compartment.strip(), record_id=self.record_id.strip(),
            station=self.station.strip(),
        )

    def as_dict(self) -> dict[str, str | None]:
        """The filters as an extract's manifest records them (times in the canonical form); the station
        only when one is chosen, so that the manifests of every other extract read as they always did."""
        return {
            "from": format_time(self.start) if self.start else None,
            "to": format_time(self.end) if self.end else None,
            "login": self.login or None,
            "operation": self.operation or None,
            "compartment": self.compartment or None,
            "record_id": self.record_id or None,
            **({"station": self.station} if self.station else {}),
        }

    def summary(self) -> str:
        """One line for the journal entry of an export or a search: the filters, never any content."""
        parts = [f"{name}={value}" for name, value in self.as_dict().items() if value is not None]
        return ", ".join(parts) if parts else "no filter"

    def where(self) -> tuple[str, list[Any]]:
        """The SQL condition and its parameters (`1` when nothing is filtered)."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.start is not None:
            clauses.append("at >= ?")
            params.append(stored(self.start))
        if self.end is not None:
            clauses.append("at < ?")
            params.append(stored(self.end))
        for column in ("login", "operation", "compartment", "record_id"):
            value = getattr(self, column)
            if value:
                clauses.append(f"{column} = ?")
                params.append(value)
        if self.station:
            clauses.append("station_id = ?")
            params.append(self.station)
        return (" AND ".join(clauses) or "1"), params


def _midnight(day: date, zone: tzinfo | None) -> datetime:
    return datetime.combine(day, time(), tzinfo=zone) if zone is not None else local_midnight(day)


@dataclass
class RowReader:
    """Rows of the journal from a DBAPI connection, in sequence order, FETCH at a time."""

    connection: Any
    fetch: int = field(default=FETCH)

    def rows(self, where: str = "1", params: list[Any] | tuple = (), descending: bool = False,
             limit: int | None = None, not_utf8: Callable[[bytes], Any] | None = None) -> Iterator[tuple]:
        """This station's own entries; *not_utf8*: as journal_rows."""
        order = "DESC" if descending else "ASC"
        sql = f"SELECT {ROW_COLUMNS} FROM journal WHERE {where} ORDER BY seq {order}"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        yield from journal_rows(self.connection, sql, list(params), self.fetch, not_utf8)

    def entries(self, where: str = "1", params: list[Any] | tuple = (), descending: bool = False,
                limit: int | None = None, after: EntryKey | None = None) -> Iterator[tuple]:
        """The entries of every station (this one's and those received from the others), in the order of
        `entry_key`: by time, then station, then each station's own sequence. *after*: only the entries
        past that key (the next page of a search). Each chain keeps its own order within it."""
        streams = [self._ordered(table, where, params, descending, limit, after) for table in (OWN, REMOTE)]
        if limit is not None:  # both pages read whole (and their cursors closed), then the newest kept
            pages = [list(stream) for stream in streams]
            yield from list(heapq.merge(*pages, key=entry_key, reverse=descending))[:limit]
            return
        yield from heapq.merge(*streams, key=entry_key, reverse=descending)

    def _ordered(self, table: str, where: str, params: list[Any] | tuple, descending: bool, limit: int | None,
                 after: EntryKey | None) -> Iterator[tuple]:
        order = "DESC" if descending else "ASC"
        values = list(params)
        if after is not None:
            where = f"({where}) AND (at, station_id, seq) {'<' if descending else '>'} (?, ?, ?)"
            values += [stored_time_of(after[0]), after[1], after[2]]
        sql = f"SELECT {ROW_COLUMNS} FROM {table} WHERE {where} ORDER BY at {order}, station_id {order}, seq {order}"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        yield from journal_rows(self.connection, sql, values, self.fetch, shown_replaced)

    def count_entries(self, where: str = "1", params: list[Any] | tuple = ()) -> int:
        """How many entries of every station match *where*."""
        return sum(int(self.scalar(f"SELECT count(*) FROM {table} WHERE {where}", params) or 0)
                   for table in (OWN, REMOTE))

    def scalar(self, sql: str, params: list[Any] | tuple = ()) -> Any:
        cursor = self.connection.cursor()
        try:
            row = cursor.execute(sql, list(params)).fetchone()
            return None if row is None else row[0]
        finally:
            cursor.close()

    def checkpoint(self) -> tuple[int, str] | None:
        """The newest checkpoint's (seq, hash), or None when nothing was ever purged."""
        cursor = self.connection.cursor()
        try:
            row = cursor.execute("SELECT seq, hash FROM journal_checkpoint ORDER BY seq DESC LIMIT 1").fetchone()
            return None if row is None else (row[0], row[1])
        finally:
            cursor.close()


# (canonical time, station id, sequence): the order in which the entries of several stations are shown.
EntryKey = tuple[str, str, int]


def entry_key(row: tuple) -> EntryKey:
    return (canonical_at(row[AT]), row[STATION_ID], row[0])


def stored_time_of(canonical: str) -> str:
    """A canonical time (2026-11-22T07:52:07.830000Z) as the `at` columns hold it."""
    return f"{canonical[:10]} {canonical[11:-1]}"


@contextmanager
def read_snapshot(engine: Engine) -> Iterator[RowReader]:
    """A reader on one consistent state of the database, taking no write lock.

    SQLAlchemy's own transactions begin IMMEDIATE (app/store/engine.py); a
    long read must not hold the station's write lock, so this one begins a
    plain deferred transaction on a pooled connection of its own.
    """
    raw = engine.raw_connection()
    # A reader may enlarge the connection's page cache for a while (RecordNamer): the pool gets it back as it was.
    cache = raw.cursor().execute("PRAGMA cache_size").fetchone()[0]
    try:
        raw.cursor().execute("BEGIN")
        yield RowReader(raw)
    finally:
        try:
            raw.cursor().execute("ROLLBACK")
            raw.cursor().execute(f"PRAGMA cache_size = {int(cache)}")
        finally:
            raw.close()


# -- naming the records entries point at (for people; the stored entries keep their ids) -------------

LABEL_BATCH = 500


@dataclass(frozen=True)
class RecordName:
    """How the journal names the record of an entry for people: "PV" "2026/00007", maybe erased."""

    noun: str  # an English source string of the "kinds" context (app.kernel.kinds.RecordLabel)
    name: str = ""  # a number or a login; never a person's name
    erased_at: datetime | None = None
    motive: str = ""


Erasures = dict[tuple[str, str], tuple[datetime, str]]


def record_names(connection: Any, kinds: Any, rows: Iterable[tuple],
                 erasures: Erasures | None = None) -> dict[tuple[str, str], RecordName]:
    """How people name the records of *rows* (query rows): {(record_kind, record_id): RecordName}.

    *kinds* is the registry of record kinds (app.kernel.kinds.RecordKinds, or None): each kind
    reads its records' numbers in one statement per batch of ids. Numbers and logins only: no
    person's name crosses into the journal. An erased record is marked with the date and the
    motive of its erasure, read from the journal itself (or, after a retention purge, from its
    tombstone); *erasures*, when given, are every erasure the station knows (all_erasures).
    """
    every = {(row[RECORD_KIND], row[RECORD_ID]) for row in rows if row[RECORD_KIND]}
    refs = {ref for ref in every if ref[1]}
    labels = kinds.labels(connection, refs) if kinds is not None and refs else {}
    found = {ref: RecordName(label.noun, label.name, label.erased_at) for ref, label in labels.items()}
    for ref in every - set(found):  # no number to read, or no record any more: the kind's noun alone
        noun = kinds[ref[0]].noun if kinds is not None and ref[0] in kinds else ""
        if noun:
            found[ref] = RecordName(noun)
    erased = _erasures(connection, refs) if erasures is None and refs else erasures or {}
    for ref in refs & erased.keys():
        at, motive = erased[ref]
        name = found.get(ref, RecordName(""))
        found[ref] = RecordName(name.noun, name.name, name.erased_at or at, motive)
    return found


# Past this many entries of erasure in the journal, reading them all (a lookup in the table for each,
# over its whole length) costs more than asking, batch by batch, for those of the records an extract
# names, which the record index finds among the rows the extract has just read.
WHOLE_ERASURES = 10_000
# The page cache of an extract read that way (read_snapshot gives the connection its own back): its
# lookups land all over the record index, which otherwise evict each other (a million entries: 50 MB).
BY_BATCH_CACHE_KIB = 65_536


class RecordNamer:
    """record_names for an extract's batches in turn, each record named once per extract: a journal
    names the same entries and PVs again and again (every consultation of them), and each batch
    would otherwise read their numbers anew. The erasures, when few, are read once for the extract;
    when many, those of each batch's records with its numbers (both give the same names)."""

    def __init__(self, connection: Any, kinds: Any, whole_erasures: int = WHOLE_ERASURES) -> None:
        self.connection, self.kinds, self.whole_erasures = connection, kinds, whole_erasures
        self.asked: set[tuple[str, str]] = set()
        self.found: dict[tuple[str, str], RecordName] = {}
        self.erasures: Erasures | None = None
        self.by_batch: bool | None = None  # decided at the first batch

    def __call__(self, rows: Iterable[tuple]) -> dict[tuple[str, str], RecordName]:
        new = [row for row in rows if (row[RECORD_KIND], row[RECORD_ID]) not in self.asked]
        if new:
            if self.by_batch is None:
                self.by_batch = _many_erasures(self.connection, self.whole_erasures)
                if self.by_batch:  # the batches' lookups spread over the record index: room to keep it
                    self.connection.cursor().execute(f"PRAGMA cache_size = -{BY_BATCH_CACHE_KIB}")
                else:
                    self.erasures = all_erasures(self.connection)
            self.found.update(record_names(self.connection, self.kinds, new, self.erasures))
            self.asked.update((row[RECORD_KIND], row[RECORD_ID]) for row in new)
        return self.found


def _many_erasures(connection: Any, whole: int) -> bool:
    """Whether the journal holds more than *whole* entries of erasure (counted in the operation index
    alone) and its record index is there to find a batch's (a backlog purge of an earlier Vigie dropped
    it while it ran, and one cut short left it missing until the next purge builds it again; the swap of
    a backlog, app/audit/purge_swap.py, makes every index again within its own transaction)."""
    from app.audit.purge import RECORD_INDEX  # app.audit.purge reads the journal through this module

    cursor = connection.cursor()
    try:
        indexed = cursor.execute("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = ?",
                                 [RECORD_INDEX]).fetchone()[0]
        erasures = cursor.execute(f"SELECT count(*) FROM (SELECT 1 FROM journal WHERE operation = 'erase' "
                                  f"LIMIT {int(whole) + 1})").fetchone()[0]
    finally:
        cursor.close()
    return bool(indexed) and erasures > whole


def all_erasures(connection: Any) -> Erasures:
    """Every erasure the station knows, as _erasures tells them: its tombstones, then the journal's
    entries of erasure in order (found through the operation index, as they are few)."""
    cursor = connection.cursor()
    try:
        tombstones = cursor.execute("SELECT record_kind, record_id, erased_at, '' FROM tombstones").fetchall()
        entries = cursor.execute("SELECT record_kind, record_id, at, motive FROM journal "
                                 "WHERE operation = 'erase' ORDER BY seq").fetchall()
    finally:
        cursor.close()
    return {(kind, record_id): (_utc(at), motive or "") for kind, record_id, at, motive in (*tombstones, *entries)
            if record_id}


def _erasures(connection: Any, refs: set[tuple[str, str]]) -> Erasures:
    """When and why each of *refs* was erased: its journal entry of erasure (the last), else its tombstone."""
    found: dict[tuple[str, str], tuple[datetime, str]] = {}
    kinds: dict[str, list[str]] = {}
    for kind, record_id in sorted(refs):
        kinds.setdefault(kind, []).append(record_id)
    ids = sorted({record_id for _kind, record_id in refs})
    cursor = connection.cursor()
    try:
        for kind, kind_ids in kinds.items():  # by kind, as the tombstones' key begins with it
            for chunk in _chunks(kind_ids):
                for _kind, record_id, at, motive in cursor.execute(
                        f"SELECT record_kind, record_id, erased_at, '' FROM tombstones WHERE record_kind = ? "
                        f"AND record_id IN ({', '.join('?' * len(chunk))})", [kind, *chunk]).fetchall():
                    found[(kind, record_id)] = (_utc(at), motive or "")
        for chunk in _chunks(ids):
            # `+operation` keeps SQLite off the operation index, which holds every consultation:
            # the record index finds the few entries of these records (and, unlike INDEXED BY,
            # the query still runs where that index is missing, as an earlier Vigie's backlog purge
            # cut short could leave it until the next purge builds it again).
            entries = cursor.execute(
                f"SELECT record_kind, record_id, at, motive FROM journal WHERE +operation = 'erase' "
                f"AND record_id IN ({', '.join('?' * len(chunk))}) ORDER BY seq", chunk).fetchall()
            for kind, record_id, at, motive in entries:
                if (kind, record_id) in refs:
                    found[(kind, record_id)] = (_utc(at), motive or "")
    finally:
        cursor.close()
    return found


def _chunks(values: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(values), LABEL_BATCH):
        yield values[start:start + LABEL_BATCH]


def _utc(value: Any) -> datetime:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def batched(rows: Iterable[tuple], size: int = LABEL_BATCH) -> Iterator[list[tuple]]:
    """*rows* in lists of *size*, so that their records are named in bulk as they stream by."""
    stream = iter(rows)
    while batch := list(itertools.islice(stream, size)):
        yield batch
