"""The other stations' journal seals: each station's seal generations, as it sent them through sync.

`journal_remote_seals` (local, never travels) holds, per other station of the service, the seal
generations of its journal (its `station.journal_seals`: each seed sealed to the service's key),
so that the journal verification code checks the seals of its entries here too (app/audit/stations.py).

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

from app.models.base import UTCDateTime

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "journal_remote_seals",
        sa.Column("station_id", sa.String(36), nullable=False),
        sa.Column("generations", sa.Text(), nullable=False),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("station_id", name=op.f("pk_journal_remote_seals")),
    )


def downgrade() -> None:
    op.drop_table("journal_remote_seals")
