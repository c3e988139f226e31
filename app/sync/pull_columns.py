"""A pulled page's payloads turned into column values a column at a time, not a field at a time.

`RecordKind.values` converts one payload field by field; a page makes up to a thousand records of a
kind, so here each column's decoder (the kind's own, `RecordKind.decoders`, made once) runs over the
whole page's values of that column. The rules are RecordKind.values's: a field the schema does not
declare is refused, an empty value where the column cannot be empty is refused, an
enumeration's value must be one of its choices (tests/sync/test_pull_columns.py compares both
on every kind of the registry). A page whose payloads do not convert raises ValueError, and is then
applied envelope by envelope, each payload through RecordKind.values.
"""

from __future__ import annotations

from typing import Any

from app.kernel.kinds import FieldType, RecordKind, RecordKinds
from app.sync.envelope import Pulled


class Columns:
    """One kind's converters, made once."""

    def __init__(self, kind: RecordKind) -> None:
        self.kind = kind
        self.names = tuple(spec.name for spec in kind.schema)
        self.fields = frozenset(kind.fields)
        self.columns = tuple((spec.name, spec.nullable, decode, spec.type == FieldType.TEXT and not spec.choices)
                             for spec, decode in kind.decoders)

    def values(self, payloads: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Each payload's values as the model takes them, as RecordKind.values gives them."""
        fields = self.fields
        for payload in payloads:
            if not payload.keys() <= fields:
                extra = set(payload) - fields
                raise ValueError(f"kind {self.kind.name}: undeclared fields {sorted(extra)}")
        rows = [dict(payload) for payload in payloads]  # each payload's own values, then the converted ones
        for name, nullable, convert, text in self.columns:
            column = [payload.get(name) for payload in payloads]
            if not nullable and None in column:
                raise ValueError(f"{self.kind.model.__name__}.{name} cannot be empty")
            if text:  # most columns: a text received as text is kept as it is
                for row, value in zip(rows, column, strict=True):
                    if value is not None and type(value) is not str:
                        row[name] = convert(value)
                    elif name not in row:
                        row[name] = None
            else:
                for row, value in zip(rows, column, strict=True):
                    row[name] = None if value is None else convert(value)
        return rows


def page_values(kinds: RecordKinds, present: dict[str, dict[str, Any]], changes: list[Pulled]
                ) -> dict[int, dict[str, Any]]:
    """The values of the page's upserts of the kinds of *present* that make a record, one it does not hold
    (a record the table holds is set from its payload as the ORM sets it), by the id of their payload."""
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for change in changes:
        if change.operation == "upsert" and change.kind in present and change.record_id not in present[change.kind]:
            by_kind.setdefault(change.kind, []).append(change.payload)
    converted: dict[int, dict[str, Any]] = {}
    for name, payloads in by_kind.items():
        converted.update(zip(map(id, payloads), columns_of(kinds[name]).values(payloads), strict=True))
    return converted


_MADE: dict[int, Columns] = {}


def columns_of(kind: RecordKind) -> Columns:
    """The kind's converters, made at its first page (kinds are built once, in bootstrap)."""
    made = _MADE.get(id(kind))
    if made is None or made.kind is not kind:
        made = _MADE[id(kind)] = Columns(kind)
    return made
