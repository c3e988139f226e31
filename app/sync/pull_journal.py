"""Another station's journal entries, pulled: each kept once in journal_remote, beside this station's own chain.

Two entries of one station never share a place in its chain (station and seq, a unique key): a second one
comes only from a copy of that station's folder run as a station of its own, and is refused alone.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.models.sync import RemoteJournalEntry
from app.sync.envelope import Pulled

# Only the columns of the chain as this version knows it (a newer station may add some).
REMOTE_JOURNAL_COLUMNS = frozenset(column.key for column in RemoteJournalEntry.__table__.columns) - {"at"}


def remote_entry(change: Pulled) -> dict[str, Any]:
    """The row of journal_remote that *change* carries."""
    values = dict(change.payload)
    at = datetime.fromisoformat(values.pop("at"))
    return {"at": at, **{name: value for name, value in values.items() if name in REMOTE_JOURNAL_COLUMNS}}


def keep_alone(session: Session, row: dict[str, Any]) -> bool:
    """*row* written in a savepoint of its own (a careful page): False, and nothing written, when the
    database refuses it."""
    try:
        with session.begin_nested():
            session.add(RemoteJournalEntry(**row))
    except IntegrityError:
        return False
    return True
