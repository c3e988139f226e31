"""Forward-secure sealing of the access journal (app/audit/seal.py, docs/journal-format.md).

Each entry gains its seal (`tag`), each checkpoint the seal of the last entry
it purged, and the station's row the generations of its seal (each with its
seed sealed to the service's public key). The other stations' entries, as
sync brings them (`journal_remote`), keep their seals too. Columns are added in place
(no table is recreated), so the triggers of migration 0009 stay.

A station made before this revision has no verification code: its journal
stays unsealed (verification says so) until the service's key reaches it.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("journal", sa.Column("tag", sa.String(64), nullable=False, server_default=""))
    op.add_column("journal_checkpoint", sa.Column("tag", sa.String(64), nullable=False, server_default=""))
    op.add_column("station", sa.Column("journal_seals", sa.Text(), nullable=False, server_default="[]"))
    op.add_column("journal_remote", sa.Column("tag", sa.String(64), nullable=False, server_default=""))


def downgrade() -> None:
    # SQLite drops a column in place since 3.35; the journal's triggers do not name these columns.
    op.drop_column("journal_remote", "tag")
    op.drop_column("station", "journal_seals")
    op.drop_column("journal_checkpoint", "tag")
    op.drop_column("journal", "tag")
