"""A kind's rows read and written in bulk, value for value as `RecordKind.payload` and `.values` give them.

The export and the import handle every record of the station: through the
ORM that is a few hundred thousand objects built for nothing. Here the rows
are read as tuples (SQLAlchemy Core, its own result processing) and written
by one executemany on the session's connection with the columns' own bind
processors, with each field's conversion to and from JSON chosen once per
kind. tests/test_export.py compares the result with the kinds' own payloads.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from app.kernel.kinds import FieldType, RecordKind, SyncField

Convert = Callable[[Any], Any]


def _to_json(spec: SyncField) -> Convert:
    if spec.type == FieldType.DATETIME:
        return lambda v: v.isoformat()  # stored in UTC, read back aware in UTC (app/models/base.py)
    if spec.type == FieldType.DATE:
        return lambda v: v.isoformat()
    if spec.type == FieldType.BYTES:
        return lambda v: base64.b64encode(v).decode("ascii")
    if spec.choices:
        return lambda v: getattr(v, "value", v)
    return lambda v: v


def _from_json(kind: RecordKind, spec: SyncField) -> Convert:
    if spec.type == FieldType.DATETIME:
        return datetime.fromisoformat
    if spec.type == FieldType.DATE:
        return date.fromisoformat
    if spec.type == FieldType.BYTES:
        return lambda v: base64.b64decode(v, validate=True)
    if spec.type == FieldType.BOOLEAN:
        return bool
    if spec.type == FieldType.INTEGER:
        return int
    if spec.type == FieldType.REAL:
        return float
    if spec.choices:
        enum_class = getattr(inspect(kind.model).columns[spec.name].type, "enum_class", None)
        allowed = set(spec.choices)

        def choice(value: Any) -> Any:
            if value not in allowed:
                raise ValueError(f"{kind.name}.{spec.name}: {value!r} is not one of {spec.choices}")
            return enum_class(value) if enum_class is not None else value

        return choice
    return str


def payloads(session: Session, kind: RecordKind, batch: int = 5000) -> Iterator[dict[str, Any]]:
    """Every record of *kind* as its payload, in the order of its key."""
    table = inspect(kind.model).local_table
    columns = [table.c[name] for name in kind.fields]
    order = [table.c[name] for name in kind.key]
    converters = [(spec.name, _to_json(spec)) for spec in kind.schema]
    result = session.execute(select(*columns).order_by(*order).execution_options(yield_per=batch))
    for row in result:
        yield {name: None if value is None else convert(value) for (name, convert), value in zip(converters, row)}


class Writer:
    """Rows of *kind* (its fields from payloads, plus the local columns given) inserted in bulk."""

    def __init__(self, session: Session, kind: RecordKind, local: tuple[str, ...] = ()) -> None:
        self.session = session
        self.kind = kind
        table = inspect(kind.model).local_table
        self.names = (*kind.fields, *local)
        dialect = session.get_bind().dialect
        self.binds = [table.c[name].type._cached_bind_processor(dialect) for name in self.names]
        self.nullable = {spec.name: spec.nullable for spec in kind.schema}
        self.converters = {spec.name: _from_json(kind, spec) for spec in kind.schema}
        columns = ", ".join(f'"{name}"' for name in self.names)
        marks = ", ".join("?" for _ in self.names)
        self.sql = f'INSERT INTO "{kind.model.__tablename__}" ({columns}) VALUES ({marks})'

    def values(self, payload: dict[str, Any]) -> dict[str, Any]:
        """The payload's values as the model takes them (RecordKind.values, field by field)."""
        extra = set(payload) - set(self.kind.fields)
        if extra:
            raise ValueError(f"kind {self.kind.name}: undeclared fields {sorted(extra)}")
        row: dict[str, Any] = {}
        for name, convert in self.converters.items():
            value = payload.get(name)
            if value is None:
                if not self.nullable[name]:
                    raise ValueError(f"{self.kind.name}.{name} cannot be empty")
                row[name] = None
            else:
                row[name] = convert(value)
        return row

    def insert(self, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        binds = list(zip(self.names, self.binds))
        tuples = []
        for row in rows:
            values = [row.get(name) for name, _bind in binds]
            tuples.append(tuple(value if bind is None or value is None else bind(value)
                                for value, (_name, bind) in zip(values, binds)))
        raw = self.session.connection().connection.driver_connection
        assert raw is not None
        cursor = raw.cursor()
        try:
            cursor.executemany(self.sql, tuples)
        finally:
            cursor.close()
