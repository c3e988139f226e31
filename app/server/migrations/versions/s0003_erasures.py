"""Envelopes that erase their record: a station says so when it pushes an erasure (docs/sync.md).

The server then keeps only that envelope of the handle: its earlier ones are deleted, and a later
change to the handle is answered as a conflict and not stored.

Revision ID: s0003
Revises: s0002
"""

import sqlalchemy as sa
from alembic import op

revision = "s0003"
down_revision = "s0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("envelopes") as batch:
        batch.add_column(sa.Column("erasure", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("envelopes") as batch:
        batch.drop_column("erasure")
