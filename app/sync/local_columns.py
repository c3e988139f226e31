"""What each station derives for itself when a record arrives from another one: the columns a kind
declares local (a search index key, a folded address) and the rows of the full-text index.

These follow the features' own derivations, so that a record received searches as one typed here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

Filler = Callable[[Session, Any, bool], None]


def _new_logbook_entry(session: Session, entry: Any) -> None:
    from app.logbook.store import next_search_rowid

    entry.search_rowid = next_search_rowid(session)


def _logbook_entry(session: Session, entry: Any, new: bool) -> None:
    from app.logbook.store import index_entry, place_key

    entry.place_key = place_key(entry.address or "")
    index_entry(session, entry, replace=not new)


def _logbook_person(session: Session, person: Any, new: bool) -> None:
    from app.logbook.store import index_entry
    from app.models import LogbookEntry

    session.flush()
    entry = session.get(LogbookEntry, person.entry_id)
    if entry is not None and entry.search_rowid is not None:
        index_entry(session, entry, replace=True)


def _natinf_offence(session: Session, offence: Any, new: bool) -> None:
    from app.writings.natinf import normalized

    offence.search_key = normalized(f"{offence.code} {offence.qualification} {offence.nature}")


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
