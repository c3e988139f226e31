"""Record kinds: what each kind of record is, declared once by the feature that owns it.

A kind names its model, its compartment, whether it is append-only, whose
retention it follows, and its sync schema: the fields that travel to the
other stations, with their types. Every column of the model is either in
the schema or listed as local on purpose (a password hash, a lock time, an
index key derived on each station), so that a new column cannot ride in a
payload by accident and cannot be forgotten either. The sync client
serialises and applies any kind through this declaration alone.
"""

from __future__ import annotations

import base64
import enum
import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, Enum, Float, Integer, LargeBinary, inspect
from sqlalchemy.orm import Mapper

from app.models.base import Base, UTCDateTime


class FieldType(enum.StrEnum):
    TEXT = "text"
    INTEGER = "integer"
    REAL = "real"
    BOOLEAN = "boolean"
    DATETIME = "datetime"  # ISO 8601, UTC
    DATE = "date"  # ISO 8601
    BYTES = "bytes"  # base64


@dataclass(frozen=True)
class SyncField:
    name: str
    type: FieldType
    nullable: bool
    choices: tuple[str, ...] = ()  # an enumeration's values, when the column holds one


@dataclass(frozen=True)
class RecordLabel:
    """How people name one record: its kind in words and its number ("PV", "2026/00007").

    *noun* is an English source string of the "kinds" translation context, translated where it is
    shown. *name* is a number or a login, never a person's name: the journal that shows it is read
    by people who may not read the record's compartment. *erased_at* is when the record, or its
    personal data, was erased.
    """

    noun: str
    name: str = ""
    erased_at: datetime | None = None
    motive: str = ""


# The labels of some records of one kind, read in bulk: (a DBAPI connection, their ids) -> {id: label}.
# Records that are not there are left out (the caller says they were erased).
Labeler = Callable[[Any, Sequence[str]], dict[str, RecordLabel]]


def column_labeler(table: str, noun: str, column: str = "number", key: str = "id",
                   nouns: dict[str, str] | None = None, noun_column: str = "",
                   erased_column: str = "") -> Labeler:
    """A labeler reading *column* of *table* for many ids in one statement.

    With *nouns* and *noun_column*, the noun depends on the row (a PV or a rapport); with
    *erased_column*, a timestamp column says when the record's personal data were erased.
    """
    selected = ", ".join(c for c in (key, column, noun_column, erased_column) if c)

    def labels(connection: Any, ids: Sequence[str]) -> dict[str, RecordLabel]:
        marks = ", ".join("?" * len(ids))
        cursor = connection.cursor()
        try:
            rows = cursor.execute(f"SELECT {selected} FROM {table} WHERE {key} IN ({marks})", list(ids)).fetchall()
        finally:
            cursor.close()
        found: dict[str, RecordLabel] = {}
        for row in rows:
            values = list(row)
            record_id, name = str(values.pop(0)), str(values.pop(0) or "")
            row_noun = (nouns or {}).get(str(values.pop(0)), noun) if noun_column else noun
            erased = _stored_datetime(values.pop(0)) if erased_column else None
            found[record_id] = RecordLabel(row_noun, name, erased)
        return found

    return labels


def _stored_datetime(value: Any) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.fromisoformat(str(value)).replace(tzinfo=UTC)


class KindDeclarationError(Exception):
    """A kind declared inconsistently with its model: a programming error, caught by the tests."""


@dataclass(frozen=True)
class RecordKind:
    """One kind of record, as its feature declares it."""

    name: str
    model: type[Base]
    compartment: str
    # The sync schema: the model's columns that travel, in this order.
    fields: tuple[str, ...]
    # Columns that never leave the station (secrets, lock state, keys derived locally).
    local: tuple[str, ...] = ()
    # Never changed once written (versions, journal entries, transmissions): merges by union.
    append_only: bool = False
    # The setting that gives this kind's retention in days; None when the kind follows a parent
    # record's retention (`parent`) or is reference data kept while it is used.
    retention: str | None = None
    parent: str | None = None
    # The fields that name a record across stations, when not its primary key (the journal's
    # sequence numbers are each station's own; its entries are named by their id).
    identity: tuple[str, ...] = ()
    # False for a kind that syncs from its own ordered table rather than through the outbox.
    queued: bool = True
    # How people call a record of this kind ("Main courante", "PV"), an English source string of the
    # "kinds" context, and how its number is read (app/audit shows them in the journal).
    noun: str = ""
    labeler: Labeler | None = field(default=None, compare=False)
    # Called when a person settles a sync conflict on a record of this kind, once the chosen values
    # are applied and before the record is queued: (unit of work, record, the concurrent payloads).
    # The main courante keeps both concurrent versions in the entry's history.
    settled: Callable[[Any, Base, tuple[dict[str, Any], ...]], None] | None = field(default=None, compare=False)
    # What a station derives for itself when a record of this kind arrives from another station (a search
    # index's key, a folded address, the full-text index's rows), declared by the feature that owns the
    # kind: `derive_before_insert(session, record)` for the local columns a new row cannot be inserted
    # without; `derive_local(session, record, new)` once its row is written (app/sync/local_columns.py).
    derive_before_insert: Callable[[Any, Base], None] | None = field(default=None, compare=False)
    derive_local: Callable[[Any, Base, bool], None] | None = field(default=None, compare=False)
    # What costs per page rather than per record (a full-text index row naming an entry and its people):
    # `derive_page(session, {kind name: ids of the records the page wrote})`, once at the end of a pulled
    # page, its rows written; kinds that declare the same function are given it once, with all their ids.
    derive_page: Callable[[Any, dict[str, list[str]]], None] | None = field(default=None, compare=False)
    # The records of this kind that belong to one station and never travel, by their payload (a station's
    # own settings, such as its number in the service: docs/numbering.md).
    stays_on_station: Callable[[dict[str, Any]], bool] | None = field(default=None, compare=False)
    schema: tuple[SyncField, ...] = field(default=(), compare=False)
    # Made once from the declaration (every queued change asks for them): the key's columns, and each
    # travelling field with the function that makes its value JSON-ready.
    _key: tuple[str, ...] = field(default=(), compare=False, repr=False)
    _encoders: tuple[tuple[str, Callable[[Any], Any]], ...] = field(default=(), compare=False, repr=False)
    _decoders: tuple[tuple[SyncField, Callable[[Any], Any]], ...] = field(default=(), compare=False, repr=False)

    def __post_init__(self) -> None:
        mapper: Mapper = inspect(self.model)
        columns = {column.key: column for column in mapper.columns}
        object.__setattr__(self, "_key", self.identity or tuple(str(column.key) for column in mapper.primary_key))
        unknown = [name for name in (*self.fields, *self.local) if name not in columns]
        undecided = [name for name in columns if name not in self.fields and name not in self.local]
        if unknown or undecided:
            raise KindDeclarationError(
                f"kind {self.name}: unknown columns {unknown}, columns neither synced nor local {undecided}"
            )
        missing_key = [name for name in self.key if name not in self.fields]
        if missing_key:
            raise KindDeclarationError(f"kind {self.name}: its key {missing_key} must travel")
        object.__setattr__(self, "schema", tuple(_sync_field(columns[name]) for name in self.fields))
        object.__setattr__(self, "_encoders", tuple((spec.name, _encoder(spec)) for spec in self.schema))
        object.__setattr__(self, "_decoders", tuple((spec, decoder(spec, self.model)) for spec in self.schema))

    def stays_local(self, payload: dict[str, Any]) -> bool:
        """Whether the record of *payload* is one of this station's own, which never travels."""
        return self.stays_on_station is not None and bool(self.stays_on_station(payload))

    @property
    def key(self) -> tuple[str, ...]:
        return self._key

    def record_id(self, record: Base) -> str:
        """The record's id as the outbox and tombstones name it (a composite key joined by '|')."""
        key = self._key
        if len(key) == 1:
            value = getattr(record, key[0])
            return value if type(value) is str else str(_plain(value))
        return "|".join(str(_plain(getattr(record, name))) for name in key)

    def payload(self, record: Base) -> dict[str, Any]:
        """The record as it travels: the schema's fields, JSON-ready, nothing else."""
        return {name: encode(getattr(record, name)) for name, encode in self._encoders}

    def values(self, payload: dict[str, Any]) -> dict[str, Any]:
        """A payload's values as the model takes them; a field the schema does not declare is refused."""
        extra = set(payload) - set(self.fields)
        if extra:
            raise ValueError(f"kind {self.name}: undeclared fields {sorted(extra)}")
        values: dict[str, Any] = {}
        for spec, decode in self._decoders:
            value = payload.get(spec.name)
            if value is None and not spec.nullable:
                raise ValueError(f"{self.model.__name__}.{spec.name} cannot be empty")
            values[spec.name] = None if value is None else decode(value)
        return values

    @property
    def decoders(self) -> tuple[tuple[SyncField, Callable[[Any], Any]], ...]:
        """Each travelling field with the function that makes a payload's (non-empty) value the model's."""
        return self._decoders

    def apply(self, record: Base | None, payload: dict[str, Any]) -> Base:
        """Set a record (new when None) from a payload; local columns are left as they are."""
        values = self.values(payload)
        if record is None:
            return self.model(**values)
        for name, value in values.items():
            setattr(record, name, value)
        return record


class RecordKinds:
    """The registry of every kind the application knows, built once in bootstrap."""

    def __init__(self, kinds: Iterable[RecordKind] = ()) -> None:
        self._by_name: dict[str, RecordKind] = {}
        self._by_model: dict[type[Base], RecordKind] = {}
        for kind in kinds:
            self.register(kind)

    def register(self, kind: RecordKind) -> None:
        if kind.name in self._by_name or kind.model in self._by_model:
            raise KindDeclarationError(f"kind {kind.name} (or its model) is declared twice")
        self._by_name[kind.name] = kind
        self._by_model[kind.model] = kind

    def __getitem__(self, name: str) -> RecordKind:
        return self._by_name[name]

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def __iter__(self) -> Iterator[RecordKind]:
        return iter(self._by_name.values())

    def of(self, record: Base) -> RecordKind:
        try:
            return self._by_model[type(record)]
        except KeyError:
            raise KindDeclarationError(f"{type(record).__name__} is not a declared record kind") from None

    def in_compartment(self, compartment: str) -> list[RecordKind]:
        return [kind for kind in self if kind.compartment == compartment]

    def labels(self, connection: Any, refs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], RecordLabel]:
        """The labels of the records *refs* ((kind, id) pairs): one statement per kind and LABEL_CHUNK ids.

        A kind without a labeler, or a record that is not there any more, is left out.
        """
        wanted: dict[str, set[str]] = {}
        for kind_name, record_id in refs:
            kind = self._by_name.get(kind_name)
            if kind is not None and kind.labeler is not None and record_id:
                wanted.setdefault(kind_name, set()).add(record_id)
        found: dict[tuple[str, str], RecordLabel] = {}
        for kind_name, ids in wanted.items():
            labeler = self._by_name[kind_name].labeler
            assert labeler is not None
            ordered = sorted(ids)
            for start in range(0, len(ordered), LABEL_CHUNK):
                for record_id, label in labeler(connection, ordered[start:start + LABEL_CHUNK]).items():
                    found[(kind_name, record_id)] = label
        return found


LABEL_CHUNK = 500  # ids per statement, well under SQLite's limit of bound parameters


def _sync_field(column) -> SyncField:
    column_type = column.type
    choices: tuple[str, ...] = ()
    if isinstance(column_type, UTCDateTime):
        kind = FieldType.DATETIME
    elif isinstance(column_type, Enum):
        kind, choices = FieldType.TEXT, tuple(str(v) for v in column_type.enums)
    elif isinstance(column_type, Boolean):
        kind = FieldType.BOOLEAN
    elif isinstance(column_type, Integer):
        kind = FieldType.INTEGER
    elif isinstance(column_type, Float):
        kind = FieldType.REAL
    elif isinstance(column_type, Date):
        kind = FieldType.DATE
    elif isinstance(column_type, LargeBinary):
        kind = FieldType.BYTES
    else:
        kind = FieldType.TEXT
    return SyncField(column.key, kind, bool(column.nullable), choices)


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, enum.Enum) else value


def _encoder(spec: SyncField) -> Callable[[Any], Any]:
    """_to_json for *spec*'s fields, its type's test made once."""
    if spec.type in (FieldType.DATETIME, FieldType.DATE, FieldType.BYTES):
        return functools.partial(_to_json, spec)
    return _plain  # text, numbers, booleans: as they are, an enum by its value (None stays None)


def _to_json(spec: SyncField, value: Any) -> Any:
    if value is None:
        return None
    if spec.type == FieldType.DATETIME:
        return value.astimezone(UTC).isoformat()
    if spec.type == FieldType.DATE:
        return value.isoformat()
    if spec.type == FieldType.BYTES:
        return base64.b64encode(value).decode("ascii")
    return _plain(value)


_DECODERS: dict[FieldType, Callable[[Any], Any]] = {
    FieldType.DATETIME: lambda value: datetime.fromisoformat(value).astimezone(UTC),
    FieldType.DATE: date.fromisoformat,
    FieldType.BYTES: lambda value: base64.b64decode(value, validate=True),
    FieldType.BOOLEAN: bool, FieldType.INTEGER: int, FieldType.REAL: float,
}


def decoder(spec: SyncField, model: type[Base]) -> Callable[[Any], Any]:
    """What makes a payload's non-empty value of *spec* the model's value; an enumeration's value must be
    one of its choices."""
    if spec.type in _DECODERS:
        return _DECODERS[spec.type]
    if not spec.choices:
        return str
    enum_class = getattr(inspect(model).columns[spec.name].type, "enum_class", None)
    choices = frozenset(spec.choices)

    def choice(value: Any) -> Any:
        if value not in choices:
            raise ValueError(f"{model.__name__}.{spec.name}: {value!r} is not one of {spec.choices}")
        return enum_class(value) if enum_class is not None else value

    return choice
