"""A journal checkpoint's count of the entries it purges is checked without reading all their rows.

Migration 0009's trigger checks that a checkpoint counts exactly the entries at or below it with
`count(*) ... WHERE seq <= NEW.seq`: SQLite answers that by walking the table's own pages up to
that entry, every row decrypted. For a day's purge batch that is the batch itself; for a backlog
of a million entries swapped at once it cost 1.8 s of the swap's write lock
(app/audit/purge_swap.py). The same number is the count of the whole table less the count of the
entries after the checkpoint: the first answered from the smallest index (a few thousand pages),
the second from the entries kept. The trigger takes whichever side of the checkpoint spans fewer
entry numbers (the first and last numbers are read from the primary key), so that a batch counts
its own rows and a swap the entries it keeps. Both ways give the same number, since the entries'
numbers are the table's primary key: the trigger refuses the same checkpoints as before.

Revision ID: 0015
Revises: 0014
"""

from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

GENESIS_HASH = "0" * 64  # app/audit/chain.py, as it stood when this migration was written
CHECKPOINT_INVALID = "vigie: a journal checkpoint is written only by a purge of the oldest entries"


def _checkpoint_trigger(count: str) -> str:
    """Migration 0009's trigger, with *count* for the entries at or below the checkpoint."""
    return (
        "CREATE TRIGGER journal_checkpoint_by_purge BEFORE INSERT ON journal_checkpoint WHEN"
        " NOT EXISTS (SELECT 1 FROM journal WHERE seq = NEW.seq AND hash = NEW.hash AND at = NEW.entry_at)"
        " OR NOT (NEW.entry_at < NEW.cutoff AND NEW.cutoff <= NEW.purged_at)"
        f" OR NEW.purged_count IS NOT {count}"
        " OR (SELECT prev_hash FROM journal ORDER BY seq LIMIT 1) IS NOT"
        f" coalesce((SELECT hash FROM journal_checkpoint ORDER BY seq DESC LIMIT 1), '{GENESIS_HASH}')"
        f" BEGIN SELECT RAISE(ABORT, '{CHECKPOINT_INVALID}'); END"
    )


COUNTED_BY_ROWS = "(SELECT count(*) FROM journal WHERE seq <= NEW.seq)"
COUNTED_BY_SHORTER_SIDE = (
    "(CASE WHEN NEW.seq - (SELECT min(seq) FROM journal) <= (SELECT max(seq) FROM journal) - NEW.seq"
    " THEN (SELECT count(*) FROM journal WHERE seq <= NEW.seq)"
    " ELSE (SELECT count(*) FROM journal) - (SELECT count(*) FROM journal WHERE seq > NEW.seq) END)"
)


def upgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS journal_checkpoint_by_purge")
    op.execute(_checkpoint_trigger(COUNTED_BY_SHORTER_SIDE))


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS journal_checkpoint_by_purge")
    op.execute(_checkpoint_trigger(COUNTED_BY_ROWS))
