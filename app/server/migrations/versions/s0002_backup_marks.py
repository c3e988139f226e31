"""What each kept backup copy holds: per day and tenant, the tenant's last seq when it was taken.

Revision ID: s0002
Revises: s0001
"""

import sqlalchemy as sa
from alembic import op

revision = "s0002"
down_revision = "s0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "backup_marks",
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("tenant_id", sa.String(36), nullable=False),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"], name="fk_backup_marks_tenant_id_tenants"),
        sa.PrimaryKeyConstraint("day", "tenant_id", name="pk_backup_marks"),
    )


def downgrade() -> None:
    op.drop_table("backup_marks")
