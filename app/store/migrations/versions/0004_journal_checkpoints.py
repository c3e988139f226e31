"""Journal checkpoints left by purges; the journal's filter by user goes by login.

The index on user_id gives way to one on login: the journal screen and
extracts filter by login (a failed attempt has a login and no user id),
and every index costs a purge of a million entries about a second.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

from app.models.base import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "journal_checkpoint",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("entry_at", UTCDateTime(), nullable=False),
        sa.Column("purged_at", UTCDateTime(), nullable=False),
        sa.Column("purged_count", sa.Integer(), nullable=False),
        sa.Column("cutoff", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_journal_checkpoint")),
    )
    op.drop_index(op.f("ix_journal_user_id"), table_name="journal")
    op.create_index(op.f("ix_journal_login"), "journal", ["login"])


def downgrade() -> None:
    op.drop_index(op.f("ix_journal_login"), table_name="journal")
    op.create_index(op.f("ix_journal_user_id"), "journal", ["user_id"])
    op.drop_table("journal_checkpoint")
