"""Writing the access journal, inside the unit of work of the operation it records."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.audit.actor import Actor
from app.audit import seal
from app.audit.chain import CHAINED_FIELDS, GENESIS_HASH, format_time, row_hash
from app.audit.sealer import Generation, Sealer
from app.clock import Clock
from app.ids import new_id
from app.models.journal import Operation

__all__ = ["Actor", "Journal", "Written", "execute_direct", "loggable_login"]

LOGIN_SHAPE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")

# The journal's own statements go straight to the session's DBAPI connection, in its transaction: an
# entry is a fixed row that no ORM state follows, and the driver keeps each statement prepared
# (bench: store.insert_commit, journal.consult_overhead).
LAST_ENTRY = "SELECT seq, hash, at FROM journal ORDER BY seq DESC LIMIT 1"
# When a purge removed every entry, the chain goes on from the newest checkpoint.
LAST_CHECKPOINT = "SELECT seq, hash, entry_at FROM journal_checkpoint ORDER BY seq DESC LIMIT 1"
COLUMNS = (*CHAINED_FIELDS, "hash", "tag")
INSERT = f"INSERT INTO journal ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"

JOURNAL = "journal"  # the compartment of the journal itself
_DIRECT = "vigie.direct_connection"  # session.info: (its transaction, that transaction's DBAPI connection, dialect)


@dataclass(frozen=True, slots=True)
class Written:
    """An entry added to the session's transaction: it is kept if that transaction commits."""

    seq: int
    id: str
    at: datetime
    hash: str
    tag: str


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
    ) -> Written:
        """Add the next entry of the chain to *session*'s transaction; it commits with the operation.

        Order is by sequence number, never by time. When the station clock
        gives a time earlier than the previous entry's, an entry saying so
        comes first; a time passed in (*at*, an event recorded before the
        database was open) is the event's own and is not compared.
        """
        last = execute_direct(session, LAST_ENTRY).fetchone() or execute_direct(session, LAST_CHECKPOINT).fetchone()
        seq, prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
        if self.sealer is not None:
            begun = self.sealer.ensure(session, seq)
            if begun is not None:
                entry = self._begun(session, seq, prev_hash, begun)
                seq, prev_hash = entry.seq + 1, entry.hash
        if at is None:
            at = self.clock.now()
            last_at = _parse_stored(last[2]) if last is not None else None
            if last_at is not None and at < last_at:
                jump = self._add(session, seq, prev_hash, at, Operation.CLOCK, None, compartment=JOURNAL,
                                 record_kind="station", record_id=self.station_id,
                                 detail=f"station clock moved back: previous entry at {format_time(last_at)}, "
                                        f"clock now at {format_time(at)}")
                seq, prev_hash = jump.seq + 1, jump.hash
        return self._add(session, seq, prev_hash, at, operation, actor, login=login, compartment=compartment,
                         record_kind=record_kind, record_id=record_id, motive=motive, recipient=recipient,
                         detail=detail, entry_id=entry_id)

    def _begun(self, session: Session, seq: int, prev_hash: str, begun: Generation) -> Written:
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
    ) -> Written:
        if at.tzinfo is None:
            raise ValueError("naive datetime: the journal holds only timezone-aware times")
        key = None
        if self.sealer is not None:
            seq, key = self.sealer.position(session, seq)
        canonical_at = format_time(at)
        entry_id = entry_id or new_id()
        # In CHAINED_FIELDS order, `at` canonical: what chain.row_hash serializes.
        row: list[Any] = [seq, entry_id, canonical_at, self.station_id, actor.user_id if actor else None,
                          actor.login if actor else login, actor.matricule if actor else "", str(operation),
                          compartment, record_kind, record_id, motive, recipient, detail, prev_hash]
        digest = row_hash(row)
        tag = ""
        if key is not None and self.sealer is not None:
            tag = seal.tag(key, seq, canonical_at, digest)
            self.sealer.advance(session, seq, key)
        row[2] = _stored(canonical_at)
        row += (digest, tag)
        execute_direct(session, INSERT, row)
        return Written(seq, entry_id, at, digest, tag)


def _stored(canonical_at: str) -> str:
    """A canonical time (2026-11-22T07:52:07.830000Z) as the models store it: 2026-11-22 07:52:07.830000."""
    return f"{canonical_at[:10]} {canonical_at[11:-1]}"


def _parse_stored(value: str | datetime) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


def execute_direct(session: Session, statement: str, params: Sequence[Any] = ()) -> Any:
    """*statement* on the DBAPI connection of *session*'s transaction (begun if it was not).

    The driver's errors come out as SQLAlchemy's, as from session.execute: the unit of work tells a
    full disk or a busy station from them (app/store/uow.py).
    """
    transaction = session.get_transaction()
    found = session.info.get(_DIRECT)
    if found is None or transaction is None or found[0] is not transaction:
        # Looked up once per transaction: a unit of work's statements all go through here (a right, the
        # journal's last entry and new one, an outbox row), and its connection is the same until it ends.
        connection = session.connection()
        found = (session.get_transaction(), connection.connection.dbapi_connection, connection.dialect)
        session.info[_DIRECT] = found
    _transaction, dbapi_connection, dialect = found
    try:
        return dbapi_connection.execute(statement, params)  # type: ignore[union-attr]
    except dialect.loaded_dbapi.Error as exc:
        raise DBAPIError.instance(statement, params, exc, dialect.loaded_dbapi.Error, dialect=dialect) from exc
