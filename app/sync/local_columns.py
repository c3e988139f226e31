"""What each station derives for itself when a record arrives from another one: the columns a kind
declares local (a search index key, a folded address) and the rows of the full-text index.

Each feature declares these derivations with its kinds (`RecordKind.derive_before_insert`,
`derive_local`, `derive_page`, in its kinds.py), following its own, so that a record received searches
as one typed here; sync knows no feature's internals.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from app.kernel.kinds import RecordKind, RecordKinds


def derives_before_insert(kind: RecordKind) -> bool:
    """Whether a new row of *kind* needs local columns before it can be inserted."""
    return kind.derive_before_insert is not None


class LocalColumns:
    """A new row's values, not written yet, as a derivation sets a record's attributes (the page writes
    the row with the others of its kind: app/sync/batch.py)."""

    def __init__(self, values: dict[str, Any]) -> None:
        object.__setattr__(self, "_values", values)

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value: Any) -> None:
        self._values[name] = value


def prepare(session: Session, kind: RecordKind, record: Any) -> None:
    if kind.derive_before_insert is not None:
        kind.derive_before_insert(session, record)


def needs_flush(kind: RecordKind) -> bool:
    """Whether the record's row must be written before its derivations (an index row names it)."""
    return kind.derive_local is not None


def fill(session: Session, kind: RecordKind, record: Any, new: bool) -> None:
    """After the record's row is written in the session."""
    if kind.derive_local is not None:
        kind.derive_local(session, record, new)


def derive_page(session: Session, kinds: RecordKinds, touched: dict[str, list[str]]) -> None:
    """At the end of a page, its rows written: each kind's page derivation once, given the ids of every
    kind that shares it (a main courante entry is indexed once, whether its page brought it, its people
    or both), instead of once per record."""
    shared: dict[Callable[[Any, dict[str, list[str]]], None], dict[str, list[str]]] = {}
    for name, ids in touched.items():
        derivation = kinds[name].derive_page
        if derivation is not None and ids:
            shared.setdefault(derivation, {})[name] = ids
    if shared:
        session.flush()
    for derivation, by_kind in shared.items():
        derivation(session, by_kind)
