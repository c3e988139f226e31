"""What each station derives for itself when a record arrives from another one: the columns a kind
declares local (a search index key, a folded address) and the rows of the full-text index.

These follow the features' own derivations, so that a record received searches as one typed here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from app.logbook.kinds import _logbook_entry, _logbook_person, _new_logbook_entry
from app.writings.kinds import _natinf_offence

Filler = Callable[[Session, Any, bool], None]


FILLERS: dict[str, Filler] = {
    "logbook_entry": _logbook_entry,
    "logbook_person": _logbook_person,
    "natinf_offence": _natinf_offence,
}


# Columns a new row cannot be inserted without.
BEFORE_INSERT: dict[str, Callable[[Session, Any], None]] = {"logbook_entry": _new_logbook_entry}


def prepare(session: Session, kind_name: str, record: Any) -> None:
    before = BEFORE_INSERT.get(kind_name)
    if before is not None:
        before(session, record)


def needs_flush(kind_name: str) -> bool:
    """Whether the record's row must be written before its derivations (an index row names it)."""
    return kind_name in FILLERS


def fill(session: Session, kind_name: str, record: Any, new: bool) -> None:
    """After the record's row is written in the session."""
    filler = FILLERS.get(kind_name)
    if filler is not None:
        filler(session, record, new)
