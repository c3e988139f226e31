"""What each station derives for itself when a record arrives from another one: the columns a kind
declares local (a search index key, a folded address) and the rows of the full-text index.

Each feature declares these derivations with its kinds (`RecordKind.derive_before_insert`,
`derive_local`, in its kinds.py), following its own, so that a record received searches as one typed
here; sync knows no feature's internals.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app.kernel.kinds import RecordKind


def derives_before_insert(kind: RecordKind) -> bool:
    """Whether a new row of *kind* needs local columns before it can be inserted."""
    return kind.derive_before_insert is not None


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
