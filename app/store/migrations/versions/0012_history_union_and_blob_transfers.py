"""Concurrent history and attachments between stations.

- `logbook_versions` is no longer unique on (entry, version number): two stations that edit
  one entry offline each keep the state they replaced under the same number, and both rows
  arrive everywhere (union). Each row now names the number of the station where the change
  was made (`station_number`, 0 for rows made before this revision).
- `sync_blobs` (local, never travels) records each attachment file sent to or received from
  the sync server, by its name on this station, with its handle there.

The table has no trigger (migration 0009), so recreating it loses none.

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

from app.models.base import UTCDateTime

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("logbook_versions", recreate="always") as batch:
        batch.drop_constraint("uq_logbook_versions_entry_version", type_="unique")
        batch.add_column(sa.Column("station_number", sa.Integer(), nullable=False, server_default="0"))
        batch.create_index("ix_logbook_versions_entry_id_entry_version", ["entry_id", "entry_version"])
    op.create_table(
        "sync_blobs",
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("handle", sa.String(64), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("done_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_sync_blobs")),
    )


def downgrade() -> None:
    op.drop_table("sync_blobs")
    with op.batch_alter_table("logbook_versions", recreate="always") as batch:
        batch.drop_index("ix_logbook_versions_entry_id_entry_version")
        batch.drop_column("station_number")
        batch.create_unique_constraint("uq_logbook_versions_entry_version", ["entry_id", "entry_version"])
