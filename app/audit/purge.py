"""Purging journal entries older than the retention, batch by batch, leaving a checkpoint.

Only a prefix of the chain (by sequence number) is ever removed: the oldest
entries, up to the first one that is still within the retention. An entry
written while the clock was wrong (a time far in the past) therefore never
takes the entries before it away early, and the first remaining entry always
links to the hash the newest checkpoint holds.

Each batch writes its checkpoint, then deletes its entries, in one short
transaction and commits: the checkpoint comes first because the database
lets an entry go only behind the newest checkpoint (migration 0009). A day's
purge holds the write lock for one batch at a time (other users of the
station write between two batches), and a purge cut short by a crash leaves
a journal that verifies. Each batch's transaction also writes a purge entry
naming its checkpoint (sequence number and hash): sealed like every entry,
it is what proves, with the verification code, that the checkpoint the
journal begins from was left by a real purge of entries past their retention,
and not planted (app/audit/sealverify.py). The last one gives the total
count. The checkpoint carries the seal (`tag`) of the last entry it purged,
so that its sequence number, hash and time are proven too.

A backlog (more than half of the journal, at least SWAP_FROM entries) purged
while nobody works on the station (a command line opening it) is not deleted
row by row: the journal table is swapped for one holding only the entries
kept, in one transaction that leaves the same checkpoint and the same sealed
purge entry (app/audit/purge_swap.py). That transaction holds the write lock
for its whole length (tens of seconds on a million entries), so the purge the
application runs behind its window never swaps: its batches let every save
through within about 30 ms.

Once the batches are done, the -wal is cut to nothing when no transaction is
under way (app/store/engine.py, truncate_wal): its older frames hold the
purged entries' pages as they stood before their batch deleted them,
readable with the station's key. It never waits for that: a save under way
keeps them until they are overwritten, or until the station's last
connection closes and SQLite deletes the -wal.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.audit.journal import JOURNAL, Actor, execute_direct
from app.audit.purge_entry import CHECKPOINT, COUNT, DELETE, LAST_OF_BATCH, purge_detail
from app.audit.purge_swap import swap_purge
from app.audit.query import stored
from app.models.journal import Operation
from app.store.engine import truncate_wal

log = logging.getLogger("vigie.journal")

# Entries per transaction: the batch grows while its work (before the commit) takes under BATCH_SECONDS
# and shrinks above it, so that a read or a save of the station never waits long behind the purge.
BATCH = 20_000
FIRST_BATCH = 1_000
BATCH_SECONDS = 0.03

# A purge of at least SWAP_FROM entries that removes more of the journal than it keeps swaps the table
# (app/audit/purge_swap.py): it frees the old table's pages in one pass and copies the entries kept, instead
# of deleting each purged entry from the table and its five indexes. A day's purge (a sixtieth of the
# journal) never reaches it, and goes in short batches.
SWAP_FROM = 50_000
NEVER_SWAP = 2 ** 62  # swap_from for a purge while people work on the station: batches only
# The index by record, which a backlog's purge once dropped while it ran: a purge cut short then left it to
# the next one, which builds it before anything else (every opening starts one).
RECORD_INDEX = "ix_journal_record_id"  # migration 0001

# progress(purged so far, total to purge)
Progress = Callable[[int, int], None]

_FIRST_KEPT = text("SELECT seq FROM journal WHERE at >= :cutoff ORDER BY seq LIMIT 1")
_FIRST = text("SELECT min(seq) FROM journal")
_LAST = text("SELECT max(seq) FROM journal")
_HAS_INDEX = text("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = :name")
_BUILD_INDEX = f"CREATE INDEX IF NOT EXISTS {RECORD_INDEX} ON journal (record_id)"


@dataclass(frozen=True)
class PurgeResult:
    purged: int
    cutoff: datetime
    retention_days: int
    checkpoint_seq: int | None = None  # the last purged entry, where the journal now begins
    checkpoint_hash: str | None = None
    swap_seconds: float | None = None  # a backlog swapped (app/audit/purge_swap.py): its transaction's length


def purge_expired(station, retention_days: int, actor: Actor | None = None, *,
                  batch: int = BATCH, progress: Progress | None = None, swap_from: int = SWAP_FROM) -> PurgeResult:
    """Remove the entries older than *retention_days*; journal the purge when it removed any.

    *station* gives uow(), journal and clock (app.services.station.Station).
    *actor* is who asked for it, or None when the station purges by itself.
    A purge of at least *swap_from* entries, more than it keeps, swaps the table (app/audit/purge_swap.py).
    """
    now = station.clock.now()
    cutoff = now - timedelta(days=retention_days)
    first, upto, last, indexed = _purgeable_range(station, cutoff)
    if not indexed:
        _schema(station, _BUILD_INDEX)  # a purge was cut short while it had the index dropped: built again
    if first is None or upto < first:
        return PurgeResult(0, cutoff, retention_days)
    total = upto - first + 1
    if total < swap_from or total <= last - upto:
        return _purge_batches(station, first, upto, now, cutoff, retention_days, actor, batch, progress)
    swapped = swap_purge(station, upto, now, cutoff, retention_days, actor)
    if progress is not None:
        progress(swapped.purged, total)
    return PurgeResult(swapped.purged, cutoff, retention_days, swapped.checkpoint_seq, swapped.checkpoint_hash,
                       swapped.seconds)


def _purge_batches(station, first: int, upto: int, now: datetime, cutoff: datetime, retention_days: int,
                   actor: Actor | None, batch: int, progress: Progress | None) -> PurgeResult:
    """The entries from *first* to *upto*, batch by batch, each in its own transaction with its checkpoint."""
    result = PurgeResult(0, cutoff, retention_days)
    total = upto - first + 1
    purged = 0
    start = first
    size = min(FIRST_BATCH, batch)
    while start <= upto:
        end = min(start + size - 1, upto)
        with station.uow() as uow:
            count, last, worked = _purge_batch(uow.session, end, now, cutoff)
            purged += count
            result = PurgeResult(purged, cutoff, retention_days, last[0], last[1])
            station.journal.append(uow.session, Operation.PURGE, actor, compartment=JOURNAL, record_kind="journal",
                                   detail=purge_detail(purged if end == upto else count, retention_days, last[0],
                                                       last[1], final=end == upto))
            uow.commit()
        size = _next_size(size, worked, batch)
        if progress is not None:
            progress(purged, total)
        start = end + 1
    if purged and not truncate_wal(station.engine, wait=False):
        log.info("journal purged: the -wal keeps its older frames (a transaction was in the way, or the disk "
                 "refused)")
    return result


def _purge_batch(session: Session, end: int, now: datetime, cutoff: datetime) -> tuple[int, tuple, float]:
    """The checkpoint of the entries up to *end*, then their deletion: (count, last entry, seconds of work).

    The seconds are counted once the write lock is held (its BEGIN came with the first statement): the
    wait for another writer is not the batch's own time, and must not shrink the next batch. The commit's
    flush to disk is not counted either: it costs about the same for any size, and a slow disk must not
    shrink batches to a few entries each paying it.
    """
    last = execute_direct(session, LAST_OF_BATCH, (end,)).fetchone()
    began = time.perf_counter()
    count = execute_direct(session, COUNT, (end,)).fetchone()[0]
    # The checkpoint first: the database lets journal entries go only behind it (migration 0009).
    execute_direct(session, CHECKPOINT, (last[0], last[1], last[2], stored(now), count, stored(cutoff), last[3]))
    execute_direct(session, DELETE, (end,))
    return count, tuple(last), time.perf_counter() - began


def _next_size(size: int, seconds: float, largest: int) -> int:
    if seconds < BATCH_SECONDS / 2:
        return min(size * 2, largest)
    if seconds > BATCH_SECONDS:
        return min(max(size // 2, 100), largest)  # never above the largest batch asked for
    return size


def _purgeable_range(station, cutoff: datetime) -> tuple[int | None, int, int, bool]:
    """The first entry, the last one of the longest prefix older than *cutoff*, the last entry, and
    whether the index by record is there."""
    with station.read() as uow:
        session = uow.session
        first = session.execute(_FIRST).scalar()
        last = session.execute(_LAST).scalar() or 0
        first_kept = session.execute(_FIRST_KEPT, {"cutoff": stored(cutoff)}).scalar()
        upto = last if first_kept is None else first_kept - 1
        indexed = session.execute(_HAS_INDEX, {"name": RECORD_INDEX}).scalar_one() > 0
        return first, (upto or 0), last, indexed


def _schema(station, statement: str) -> None:
    with station.uow() as uow:
        uow.session.connection().exec_driver_sql(statement)
        uow.commit()
