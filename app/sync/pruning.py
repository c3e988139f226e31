"""Which pushed changes may leave the outbox (docs/sync.md, "The outbox").

A pushed change is kept so that it can be sent again to a server restored from a backup copy
that does not hold it. The server says, in its digest answer, up to which seq every backup copy
it keeps holds the service's envelopes; a pushed change whose envelope is at or below that seq
would be in whichever kept copy the server is restored from, and leaves the outbox, with the
older pushed states of its record (a later state supersedes them; an erasure's tombstone stays
in its own table).
"""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.models import OutboxChange
from app.models.sync import SyncSeen

CHUNK = 500


def prune_outbox(session: Session, backed_up: int) -> int:
    """Remove the pushed changes every kept backup copy holds; returns how many left the outbox."""
    if backed_up <= 0:
        return 0
    covered = set(session.scalars(select(SyncSeen.mutation_id).where(SyncSeen.own, SyncSeen.seq <= backed_up)))
    if not covered:
        return 0
    rows = session.execute(select(OutboxChange.seq, OutboxChange.record_kind, OutboxChange.record_id,
                                  OutboxChange.mutation_id).where(OutboxChange.pushed_at.is_not(None))).all()
    upto: dict[tuple[str, str], int] = {}  # per record, its latest covered state
    for seq, kind, record_id, mutation_id in rows:
        if mutation_id in covered:
            upto[(kind, record_id)] = max(seq, upto.get((kind, record_id), 0))
    gone = [seq for seq, kind, record_id, _ in rows if seq <= upto.get((kind, record_id), 0)]
    for start in range(0, len(gone), CHUNK):
        session.execute(delete(OutboxChange).where(OutboxChange.seq.in_(gone[start:start + CHUNK])))
    return len(gone)
