"""The sync outbox, fed inside the unit of work of each change: states by schema, erasures as tombstones."""

from __future__ import annotations

import json

from sqlalchemy import delete
from sqlalchemy.orm import Session

from app.clock import Clock
from app.kernel.kinds import RecordKind
from app.models.base import Base
from app.models.outbox import ChangeOperation, OutboxChange, Tombstone


def queue_state(session: Session, clock: Clock, kind: RecordKind, record: Base) -> OutboxChange:
    """The record's state after the change, as its kind's schema declares it (never the raw row)."""
    version = getattr(record, "version", 1)
    record_id = kind.record_id(record)
    if kind.key != ("id",):
        # A natural key (a right, a nature's code, a setting's name) may be given again after its
        # erasure: the record exists again, its tombstone goes. Made-up ids are never reused.
        session.execute(delete(Tombstone).where(Tombstone.record_kind == kind.name,
                                                Tombstone.record_id == record_id))
    change = OutboxChange(
        at=clock.now(),
        operation=ChangeOperation.UPSERT.value,
        record_kind=kind.name,
        record_id=record_id,
        compartment=kind.compartment,
        base_version=max(version - 1, 0),
        payload=json.dumps(kind.payload(record), ensure_ascii=False, sort_keys=True),
    )
    session.add(change)
    return change


def drop_states(session: Session, kind: RecordKind, record_ids: list[str]) -> None:
    """Every state of these records in the outbox, sent or not: gone, as they hold what was erased.

    A pushed state is otherwise kept to be sent again to a server restored from an older copy;
    the erasure or the emptied state queued after this supersedes it, and is what is sent again.
    """
    for start in range(0, len(record_ids), 500):
        session.execute(delete(OutboxChange).where(
            OutboxChange.record_kind == kind.name, OutboxChange.record_id.in_(record_ids[start:start + 500]),
            OutboxChange.operation == ChangeOperation.UPSERT.value,
        ))


def queue_erasure(session: Session, clock: Clock, kind: RecordKind, record_id: str) -> OutboxChange:
    """The record is gone: its states in the outbox go too, sent or not (they hold what was erased);
    a tombstone stays, and the erasure is queued."""
    drop_states(session, kind, [record_id])
    now = clock.now()
    if session.get(Tombstone, (kind.name, record_id)) is None:
        session.add(Tombstone(record_kind=kind.name, record_id=record_id, erased_at=now))
    change = OutboxChange(at=now, operation=ChangeOperation.ERASE.value, record_kind=kind.name,
                          record_id=record_id, compartment=kind.compartment, base_version=0, payload="{}")
    session.add(change)
    return change
