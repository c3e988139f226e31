"""Conflicts found by a pulled page (app/sync/apply.py decides when): a state made without knowledge of
the record's latest one is kept beside it, both versions waiting in sync_conflicts for a person; a
settlement or an erasure of the record that arrives later takes them away."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from app.kernel.kinds import RecordKind
from app.models.sync import SyncConflict, SyncSeen
from app.sync.batch import Head, NewRow
from app.sync.envelope import Pulled

# Marks a record whose next pushed state is a person's settlement of its conflict.
RESOLVED = "resolved"

# Conflicts found by a page, maybe not written yet: a later settlement or erasure takes them away.
Found = dict[tuple[str, str], list[SyncConflict]]


def settle(session: Session, found: Found, kind: RecordKind, record_id: str) -> None:
    """The record's conflicts go: those written before and those this page found before this envelope."""
    for conflict in found.pop((kind.name, record_id), ()):
        if conflict in session:  # not if its envelope's savepoint was rolled back
            session.expunge(conflict)
    session.execute(delete(SyncConflict).where(SyncConflict.record_kind == kind.name,
                                               SyncConflict.record_id == record_id))


def conflict(session: Session, found: Found, kind: RecordKind, change: Pulled, seq: int, previous_seq: int,
             head: Head, record: Any, station_id: str, now: datetime) -> bool:
    """Both versions kept: the later one in the table, both in sync_conflicts. False: nothing here to
    compare with (the record is simply new here)."""
    if head.shadow is not None and head.shadow != RESOLVED:
        other = head.shadow
    elif record is not None:
        made = kind.model(**record.values) if isinstance(record, NewRow) else record
        other = json.dumps(kind.payload(made), sort_keys=True)
    else:
        return False
    other_station = _station_of(session, station_id, previous_seq)
    kept = SyncConflict(
        record_kind=kind.name, record_id=change.record_id, compartment=kind.compartment, kept_seq=seq,
        kept_payload=json.dumps(change.payload, sort_keys=True), kept_station=change.station,
        other_seq=previous_seq, other_payload=other, other_station=other_station, found_at=now)
    session.add(kept)
    found.setdefault((kind.name, change.record_id), []).append(kept)
    return True


def _station_of(session: Session, station_id: str, seq: int) -> str:
    seen = session.get(SyncSeen, seq)
    if seen is None:
        return ""
    return station_id if seen.own else ""
