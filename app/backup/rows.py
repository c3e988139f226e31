"""A kind's rows read and written in bulk, value for value as `RecordKind.payload` and `.values` give them.

The export and the import handle every record of the station: through the
ORM that is a few hundred thousand objects built for nothing, and even
SQLAlchemy Core's result and bind processing costs more than the rest. Here
the rows are read as the database stores them (a cursor on the session's own
connection, in its transaction) and each stored value is turned into its
JSON value, and back, by one conversion chosen once per field: the types
whose storage Vigie's models use (text, numbers, values of choices, UTC
times as SQLAlchemy writes them, dates, bytes) directly, any other through
SQLAlchemy's own processors. tests/test_export.py compares the result with
the kinds' own payloads, record by record.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from itertools import repeat
from operator import itemgetter
from typing import Any

from sqlalchemy import Boolean, Date, Enum, Float, Integer, LargeBinary, String, Text, inspect
from sqlalchemy.orm import Session

from app.kernel.kinds import FieldType, RecordKind, SyncField
from app.models.base import UTCDateTime

Convert = Callable[[Any], Any]
PLAIN = (String, Text, Integer, Float)  # stored as their JSON value (an Enum is a String: told apart below)


def _stored_as_value(column_type: Any, spec: SyncField) -> bool:
    """A choice stored as the choice's own value (native_enum=False with values_callable, as the models do)."""
    return isinstance(column_type, Enum) and set(column_type.enums) == set(spec.choices)


def _to_json(column_type: Any, spec: SyncField, dialect: Any) -> Convert | None:
    """Stored value -> JSON value; None where they are the same."""
    if isinstance(column_type, UTCDateTime):
        return _utc_json
    if isinstance(column_type, Date):
        return lambda v: date.fromisoformat(v).isoformat()
    if isinstance(column_type, LargeBinary):
        return lambda v: base64.b64encode(v).decode("ascii")
    if isinstance(column_type, Boolean):
        return bool
    if spec.choices and _stored_as_value(column_type, spec):
        return None
    if isinstance(column_type, PLAIN) and not isinstance(column_type, Enum):
        return None
    result = column_type._cached_result_processor(dialect, None)  # anything else: SQLAlchemy's own reading
    return lambda v: _generic_json(spec, result(v) if result is not None else v)


def _generic_json(spec: SyncField, value: Any) -> Any:
    if spec.type in (FieldType.DATETIME, FieldType.DATE):
        return value.isoformat()
    if spec.type == FieldType.BYTES:
        return base64.b64encode(value).decode("ascii")
    return getattr(value, "value", value)


def _utc_json(stored: str) -> str:
    """'2026-11-22 07:52:07.830000' (as SQLAlchemy stores a UTC time) -> '2026-11-22T07:52:07.830000+00:00',
    exactly datetime.isoformat() of the aware time (no fraction when it is zero)."""
    if len(stored) == 26 and stored[10] == " " and stored[19] == ".":
        return f"{stored[:10]}T{stored[11:19]}{'' if stored.endswith('000000') else stored[19:]}+00:00"
    return datetime.fromisoformat(stored).replace(tzinfo=UTC).isoformat()


def _utc_storage(value: str) -> str:
    """An aware ISO time -> its UTC time as SQLAlchemy stores it ('2026-11-22 07:52:07.830000')."""
    moment = datetime.fromisoformat(value)  # checks it is a time, whatever the path below
    if value.endswith("+00:00") and value[10:11] == "T" and (len(value) == 25 or len(value) == 32 and value[19] == "."):
        return f"{value[:10]} {value[11:19]}{value[19:26] if len(value) == 32 else '.000000'}"
    if moment.tzinfo is None:
        raise ValueError("naive datetime: Vigie stores only timezone-aware times")
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def _from_json(kind: RecordKind, spec: SyncField, column_type: Any, dialect: Any) -> Convert:
    """JSON value -> stored value, refusing what the field cannot hold (ValueError)."""
    if isinstance(column_type, UTCDateTime):
        return _utc_storage  # as UTCDateTime and SQLite's DATETIME store it
    if isinstance(column_type, Date):
        return lambda v: date.fromisoformat(v).isoformat()
    if isinstance(column_type, LargeBinary):
        return lambda v: base64.b64decode(v, validate=True)
    if spec.choices:
        allowed = set(spec.choices)
        stored = _stored_as_value(column_type, spec)
        enum_class = getattr(column_type, "enum_class", None)
        bind = None if stored else column_type._cached_bind_processor(dialect)

        def choice(value: Any) -> Any:
            if value not in allowed:
                raise ValueError(f"{kind.name}.{spec.name}: {value!r} is not one of {spec.choices}")
            if stored:
                return value
            typed = enum_class(value) if enum_class is not None else value
            return bind(typed) if bind is not None else typed

        return choice
    plain: dict[FieldType, Convert] = {FieldType.BOOLEAN: lambda v: 1 if v else 0, FieldType.INTEGER: int,
                                      FieldType.REAL: float, FieldType.TEXT: str}
    convert = plain[spec.type]
    if isinstance(column_type, (Boolean, *PLAIN)):
        return convert
    bind = column_type._cached_bind_processor(dialect)
    return convert if bind is None else (lambda v: bind(convert(v)))


def payloads(session: Session, kind: RecordKind, batch: int = 5000) -> Iterator[dict[str, Any]]:
    """Every record of *kind* as its payload, in the order of its key."""
    table = inspect(kind.model).local_table
    dialect = session.get_bind().dialect
    names = [spec.name for spec in kind.schema]
    converters = [(index, name, convert) for index, (name, convert) in enumerate(
        (spec.name, _to_json(table.c[spec.name].type, spec, dialect)) for spec in kind.schema) if convert is not None]
    columns = ", ".join(f'"{name}"' for name in names)
    order = ", ".join(f'"{name}"' for name in kind.key)
    raw = session.connection().connection.driver_connection
    assert raw is not None
    cursor = raw.cursor()
    try:
        cursor.execute(f'SELECT {columns} FROM "{kind.model.__tablename__}" ORDER BY {order}')
        while rows := cursor.fetchmany(batch):
            if converters:  # the batch's columns converted one by one, then its records made of them
                batch_columns: list[Any] = list(zip(*rows))
                for index, _name, convert in converters:
                    batch_columns[index] = [None if value is None else convert(value) for value in batch_columns[index]]
                rows = list(zip(*batch_columns))
            yield from map(dict, map(zip, repeat(names), rows))
    finally:
        cursor.close()


class Writer:
    """Rows of *kind* (its fields from payloads, plus the local columns given) inserted in bulk, a column at a time:
    each field's values are taken from every payload, checked and converted with one call over the column."""

    def __init__(self, session: Session, kind: RecordKind, local: tuple[str, ...] = ()) -> None:
        self.session = session
        self.kind = kind
        table = inspect(kind.model).local_table
        self.local = local
        self.names = (*kind.fields, *local)
        dialect = session.get_bind().dialect
        # the kind's fields are converted to their stored form by columns(); the local ones, set by the
        # caller as Python values, go through their column's bind processor
        self.binds = {name: bind for name in local
                      if (bind := table.c[name].type._cached_bind_processor(dialect)) is not None}
        self.fields = set(kind.fields)
        self.converters = [(spec.name, spec.nullable, _from_json(kind, spec, table.c[spec.name].type, dialect))
                           for spec in kind.schema]
        columns = ", ".join(f'"{name}"' for name in self.names)
        marks = ", ".join("?" for _ in self.names)
        self.sql = f'INSERT INTO "{kind.model.__tablename__}" ({columns}) VALUES ({marks})'

    def columns(self, payloads: list[dict[str, Any]]) -> dict[str, list[Any]]:
        """Each field's values over *payloads* as the database stores them, checked as RecordKind.values does."""
        undeclared = set().union(*payloads) - self.fields
        if undeclared:
            raise ValueError(f"kind {self.kind.name}: undeclared fields {sorted(undeclared)}")
        columns: dict[str, list[Any]] = {}
        for (name, nullable, convert), values in zip(self.converters, self._transposed(payloads)):
            if None in values:
                if not nullable:
                    raise ValueError(f"{self.kind.name}.{name} cannot be empty")
                columns[name] = [None if value is None else convert(value) for value in values]
            else:
                columns[name] = list(map(convert, values))
        return columns

    def _transposed(self, payloads: list[dict[str, Any]]) -> list[Any]:
        """Each field's values over *payloads*, in the order of the kind's schema: one C call per payload where
        each holds every field (as an export writes them), one lookup per field and payload where not."""
        names = [name for name, _nullable, _convert in self.converters]
        if len(names) > 1:
            try:
                return list(zip(*map(itemgetter(*names), payloads))) or [() for _name in names]
            except KeyError:
                pass
        return [[payload.get(name) for payload in payloads] for name in names]

    def insert(self, columns: dict[str, list[Any]], count: int) -> None:
        """The *count* rows of *columns* (every field, and the local columns given or left empty)."""
        if not count:
            return
        for name in self.local:
            values = columns.setdefault(name, [None] * count)
            bind = self.binds.get(name)
            if bind is not None:
                columns[name] = [None if value is None else bind(value) for value in values]
        raw = self.session.connection().connection.driver_connection
        assert raw is not None
        cursor = raw.cursor()
        try:
            cursor.executemany(self.sql, zip(*(columns[name] for name in self.names)))
        finally:
            cursor.close()
