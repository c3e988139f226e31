"""Writing the access journal, inside the unit of work of the operation it records."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.chain import GENESIS_HASH, entry_hash
from app.clock import Clock
from app.ids import new_id
from app.models.journal import JournalEntry, Operation

LOGIN_SHAPE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")

# Built once: making a statement costs more than running it (bench: store.insert_commit).
LAST_ENTRY = select(JournalEntry.seq, JournalEntry.hash).order_by(JournalEntry.seq.desc()).limit(1)


@dataclass(frozen=True)
class Actor:
    """Who acts: plain data about the logged-in user, safe to pass between threads."""

    user_id: str
    login: str
    full_name: str
    matricule: str
    role: str
    grade: str = ""


def loggable_login(typed: str) -> str:
    """A login typed at a failed attempt, kept only if it has the shape of a login.

    Someone who types a password into the login field must not find it in the journal.
    """
    candidate = typed.strip().casefold()
    return candidate if LOGIN_SHAPE.match(candidate) else "(invalid)"


class Journal:
    def __init__(self, station_id: str, clock: Clock) -> None:
        self.station_id = station_id
        self.clock = clock

    def append(
        self,
        session: Session,
        operation: Operation,
        actor: Actor | None = None,
        *,
        login: str = "",
        compartment: str = "",
        record_kind: str = "",
        record_id: str = "",
        motive: str = "",
        recipient: str = "",
        detail: str = "",
        at: datetime | None = None,
        entry_id: str | None = None,
    ) -> JournalEntry:
        """Add the next entry of the chain to *session*; it commits with the operation."""
        last = session.execute(LAST_ENTRY).first()
        seq, prev_hash = (last.seq + 1, last.hash) if last else (1, GENESIS_HASH)
        fields = {
            "seq": seq,
            "id": entry_id or new_id(),
            "at": at or self.clock.now(),
            "station_id": self.station_id,
            "user_id": actor.user_id if actor else None,
            "login": actor.login if actor else login,
            "matricule": actor.matricule if actor else "",
            "operation": str(operation),
            "compartment": compartment,
            "record_kind": record_kind,
            "record_id": record_id,
            "motive": motive,
            "recipient": recipient,
            "detail": detail,
            "prev_hash": prev_hash,
        }
        entry = JournalEntry(**fields, hash=entry_hash(fields))
        session.add(entry)
        return entry
