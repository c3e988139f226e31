"""Writing the access journal, inside the unit of work of the operation it records."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.actor import Actor
from app.audit import seal
from app.audit.chain import GENESIS_HASH, entry_hash, format_time
from app.audit.sealer import Generation, Sealer
from app.clock import Clock
from app.ids import new_id
from app.models.journal import JournalCheckpoint, JournalEntry, Operation

__all__ = ["Actor", "Journal", "loggable_login"]

LOGIN_SHAPE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")

# Built once: making a statement costs more than running it (bench: store.insert_commit).
LAST_ENTRY = select(JournalEntry.seq, JournalEntry.hash, JournalEntry.at).order_by(JournalEntry.seq.desc()).limit(1)
# When a purge removed every entry, the chain goes on from the newest checkpoint.
LAST_CHECKPOINT = (
    select(JournalCheckpoint.seq, JournalCheckpoint.hash, JournalCheckpoint.entry_at.label("at"))
    .order_by(JournalCheckpoint.seq.desc())
    .limit(1)
)

JOURNAL = "journal"  # the compartment of the journal itself

def loggable_login(typed: str) -> str:
    """A login typed at a failed attempt, kept only if it has the shape of a login.

    Someone who types a password into the login field must not find it in the journal.
    """
    candidate = typed.strip().casefold()
    return candidate if LOGIN_SHAPE.match(candidate) else "(invalid)"


class Journal:
    """The station's journal writer; with *seal_path* (the state file beside the database) it seals entries."""

    def __init__(self, station_id: str, clock: Clock, seal_path: Path | None = None) -> None:
        self.station_id = station_id
        self.clock = clock
        self.sealer = Sealer(station_id, seal_path) if seal_path is not None else None
        self._verification_code = ""

    def hand_over_code(self, code: str) -> None:
        """Keep the journal verification code of a station just created, until it is shown once."""
        self._verification_code = code

    def take_verification_code(self) -> str:
        """The code of a station just created, once; empty afterwards (it is never stored)."""
        code, self._verification_code = self._verification_code, ""
        return code

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
        """Add the next entry of the chain to *session*; it commits with the operation.

        Order is by sequence number, never by time. When the station clock
        gives a time earlier than the previous entry's, an entry saying so
        comes first; a time passed in (*at*, an event recorded before the
        database was open) is the event's own and is not compared.
        """
        last = session.execute(LAST_ENTRY).first() or session.execute(LAST_CHECKPOINT).first()
        seq, prev_hash = (last.seq + 1, last.hash) if last else (1, GENESIS_HASH)
        if self.sealer is not None:
            begun = self.sealer.ensure(session, seq)
            if begun is not None:
                entry = self._begun(session, seq, prev_hash, begun)
                seq, prev_hash = entry.seq + 1, entry.hash
        if at is None:
            at = self.clock.now()
            if last is not None and at < last.at:
                jump = self._add(session, seq, prev_hash, at, Operation.CLOCK, None, compartment=JOURNAL,
                                 record_kind="station", record_id=self.station_id,
                                 detail=f"station clock moved back: previous entry at {format_time(last.at)}, "
                                        f"clock now at {format_time(at)}")
                seq, prev_hash = jump.seq + 1, jump.hash
        return self._add(session, seq, prev_hash, at, operation, actor, login=login, compartment=compartment,
                         record_kind=record_kind, record_id=record_id, motive=motive, recipient=recipient,
                         detail=detail, entry_id=entry_id)

    def _begun(self, session: Session, seq: int, prev_hash: str, begun: Generation) -> JournalEntry:
        why = {seal.ORIGIN_JOINED: "the service's key reached the station, which seals to it with a seed of its own",
               seal.ORIGIN_RESTARTED: "the seal state was missing or did not match the journal"}
        return self._add(session, seq, prev_hash, self.clock.now(), Operation.SEAL, None, compartment=JOURNAL,
                         record_kind="journal", detail=f"journal seal generation {begun.generation} begins at entry "
                                                       f"{begun.first_seq}: {why.get(begun.origin, begun.origin)}")

    def _add(
        self,
        session: Session,
        seq: int,
        prev_hash: str,
        at: datetime,
        operation: Operation,
        actor: Actor | None,
        *,
        login: str = "",
        compartment: str = "",
        record_kind: str = "",
        record_id: str = "",
        motive: str = "",
        recipient: str = "",
        detail: str = "",
        entry_id: str | None = None,
    ) -> JournalEntry:
        key = None
        if self.sealer is not None:
            seq, key = self.sealer.position(session, seq)
        fields = {
            "seq": seq,
            "id": entry_id or new_id(),
            "at": at,
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
        digest = entry_hash(fields)
        tag = ""
        if key is not None and self.sealer is not None:
            tag = seal.tag(key, seq, format_time(at), digest)
            self.sealer.advance(session, seq, key)
        entry = JournalEntry(**fields, hash=digest, tag=tag)
        session.add(entry)
        return entry
