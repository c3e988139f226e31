"""The record kernel: outbox rows say upsert or erase, and erased records leave a tombstone.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

from app.models.base import UTCDateTime

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sync_outbox") as batch:
        batch.add_column(sa.Column("operation", sa.String(10), nullable=False, server_default="upsert"))
    op.create_table(
        "tombstones",
        sa.Column("record_kind", sa.String(40), nullable=False),
        sa.Column("record_id", sa.String(36), nullable=False),
        sa.Column("erased_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("record_kind", "record_id", name=op.f("pk_tombstones")),
    )
    # What earlier versions queued carried every column of the row, secrets of accounts included;
    # nothing was ever pushed, so those rows go and the kernel queues by each kind's schema from now on.
    op.execute("DELETE FROM sync_outbox WHERE record_kind = 'user'")


def downgrade() -> None:
    op.drop_table("tombstones")
    with op.batch_alter_table("sync_outbox") as batch:
        batch.drop_column("operation")
