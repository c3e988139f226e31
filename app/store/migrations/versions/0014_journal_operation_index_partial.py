"""The journal's operation index holds only the entries of the rarer operations.

Every consultation, search, creation, modification, login and logout is an entry; indexed by
operation, each of them wrote one more encrypted page at its commit for an index no query needs
for those operations (an entry of one of them is found by time, user or record). The index now
holds only the other operations (erasures and purges, which verification and retention look up,
and the rarer ones a supervisor filters on), so that those entries cost nothing to the index.

Revision ID: 0014
Revises: 0013
"""

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

# As app/models/journal.py has it today (OPERATION_INDEX_WHERE); a migration keeps its own copy.
INDEXED = ("login_failed", "login_locked", "unlock", "erase", "print", "export", "transmit", "purge", "sync",
           "administer", "refused", "clock", "seal")
WHERE = " OR ".join(f"operation = '{name}'" for name in INDEXED)


def upgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_journal_operation")
    op.execute(f"CREATE INDEX ix_journal_operation ON journal (operation) WHERE {WHERE}")


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_journal_operation")
    op.execute("CREATE INDEX ix_journal_operation ON journal (operation)")
