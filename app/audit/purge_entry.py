"""What every purge of the journal writes: its checkpoint, and the detail of its purge entry.

docs/journal-format.md gives both shapes, which verification reads (app/audit/sealverify.py, stations.py).
"""

from __future__ import annotations

# A batch's statements go straight to the transaction's DBAPI connection (prepared once by the driver):
# a purge of a million entries runs them hundreds of times, and no ORM state follows them.
LAST_OF_BATCH = "SELECT seq, hash, at, tag FROM journal WHERE seq <= ? ORDER BY seq DESC LIMIT 1"
COUNT = "SELECT count(*) FROM journal WHERE seq <= ?"
CHECKPOINT = ("INSERT INTO journal_checkpoint (seq, hash, entry_at, purged_at, purged_count, cutoff, tag) "
               "VALUES (?, ?, ?, ?, ?, ?, ?)")
DELETE = "DELETE FROM journal WHERE seq <= ?"


def purge_detail(count: int, retention_days: int, seq: int, entry_hash: str, final: bool = True) -> str:
    """The purge entry's detail; docs/journal-format.md gives its shape, which verification reads."""
    batch = "" if final else " in this batch"
    return (f"{count} journal entries older than {retention_days} days purged{batch}; "
            f"the journal now begins after entry {seq} (hash {entry_hash})")
