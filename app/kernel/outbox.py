"""The sync outbox, fed inside the unit of work of each change: states by schema, erasures as tombstones.

Its rows are written with one statement each on the unit of work's own connection, in its
transaction, as the journal's are (app/audit/journal.py): a row of the outbox is fixed once
written, no ORM state follows it, so it costs no flush (bench: store.insert_commit). They are
in the table, in the order they were queued, as soon as they are queued.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.audit.journal import execute_direct
from app.clock import Clock
from app.ids import new_id
from app.kernel.kinds import RecordKind
from app.models.base import Base
from app.models.outbox import ChangeOperation, OutboxChange, Tombstone

_MADE_UP = ("id",)
_COLUMNS = ("mutation_id", "at", "operation", "record_kind", "record_id", "compartment", "base_version", "payload")
_INSERT = f"INSERT INTO sync_outbox ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})"
# A natural key given again after its erasure: the record exists again, its tombstone goes.
_UNBURY = "DELETE FROM tombstones WHERE record_kind = ? AND record_id = ?"
# An erasure leaves a tombstone once; the first erasure's time is the one kept.
_BURY = "INSERT INTO tombstones (record_kind, record_id, erased_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"
# json.dumps(payload, ensure_ascii=False, sort_keys=True), without making its encoder again for every change.
_PAYLOAD = json.JSONEncoder(ensure_ascii=False, sort_keys=True)


def queue_state(session: Session, clock: Clock, kind: RecordKind, record: Base,
                operation: ChangeOperation = ChangeOperation.UPSERT) -> str:
    """The record's state after the change, as its kind's schema declares it (never the raw row).
    *operation* SCRUB: the state of a record emptied of erased data, which replaces its earlier ones.

    Returns the change's mutation id.
    """
    version = getattr(record, "version", 1)
    record_id = kind.record_id(record)
    if kind.key != _MADE_UP:
        # A natural key (a right, a nature's code, a setting's name) may be given again after its
        # erasure: the record exists again, its tombstone goes. Made-up ids are never reused.
        execute_direct(session, _UNBURY, (kind.name, record_id))
    payload = _PAYLOAD.encode(kind.payload(record))
    return _insert(session, clock.now(), operation, kind, record_id, max(version - 1, 0), payload)


def drop_states(session: Session, kind: RecordKind, record_ids: list[str]) -> None:
    """Every state of these records in the outbox, sent or not: gone, as they hold what was erased.

    A pushed state is otherwise kept to be sent again to a server restored from an older copy;
    the erasure or the emptied state queued after this supersedes it, and is what is sent again.
    """
    for start in range(0, len(record_ids), 500):
        session.execute(delete(OutboxChange).where(
            OutboxChange.record_kind == kind.name, OutboxChange.record_id.in_(record_ids[start:start + 500]),
            OutboxChange.operation.in_((ChangeOperation.UPSERT.value, ChangeOperation.SCRUB.value)),
        ))


def queue_erasure(session: Session, clock: Clock, kind: RecordKind, record_id: str) -> str:
    """The record is gone: its states in the outbox go too, sent or not (they hold what was erased);
    a tombstone stays, and the erasure is queued. Returns the change's mutation id."""
    return queue_erasure_at(session, clock.now(), kind, record_id)


def queue_erasure_at(session: Session, now: datetime, kind: RecordKind, record_id: str) -> str:
    """queue_erasure at *now* (a pulled page's time: a child of a record erased here, erased as it arrives)."""
    drop_states(session, kind, [record_id])
    execute_direct(session, _BURY, (kind.name, record_id, stored_time(now)))
    return _insert(session, now, ChangeOperation.ERASE, kind, record_id, 0, "{}")


def still_erased(session: Session, kind: RecordKind, record_id: str, knows_erasure: bool) -> bool:
    """Whether a record with a tombstone here stays erased as a state of it arrives from another station.

    A natural key given again after its erasure by a station that knew of the erasure (the state is based
    on it) exists again: its tombstone goes, as queue_state lifts it on the station that gives it again.
    A stale state never brings a record back.
    """
    tombstone = session.get(Tombstone, (kind.name, record_id))
    if tombstone is None:
        return False
    if not knows_erasure or kind.key == ("id",):
        return True
    session.delete(tombstone)
    session.flush()
    return False


def _insert(session: Session, at: datetime, operation: ChangeOperation, kind: RecordKind, record_id: str,
            base_version: int, payload: str) -> str:
    mutation_id = new_id()
    execute_direct(session, _INSERT, (mutation_id, stored_time(at), operation.value, kind.name, record_id,
                                      kind.compartment, base_version, payload))
    return mutation_id


def stored_time(value: datetime) -> str:
    """A time as the models' UTCDateTime stores it in SQLite: UTC, '2026-11-22 07:52:07.830000'."""
    if value.tzinfo is None:
        raise ValueError("naive datetime: Vigie stores only timezone-aware times")
    if value.tzinfo is not UTC:
        value = value.astimezone(UTC)
    return value.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def queue_held(session: Session, clock: Clock, kinds: Iterable[RecordKind]) -> int:
    """Every record the station holds that the outbox has no state of, queued in the kinds' declared order
    (parents before their children): what a station imported from an export, or filled at once as the demo
    is, wrote without queuing. Done when a station registers a new service, whose only copy it holds.
    Returns how many were queued."""
    queued = 0
    for kind in kinds:
        if not kind.queued:
            continue
        known = set(session.scalars(select(OutboxChange.record_id).where(OutboxChange.record_kind == kind.name)))
        for record in session.scalars(select(kind.model)):
            if kind.record_id(record) not in known:
                queue_state(session, clock, kind, record)
                queued += 1
    return queued
