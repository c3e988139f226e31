"""Sync: the service's keys and the pull checkpoint, the station's record of the server's envelopes,
per-record heads, conflicts to settle, refused envelopes, and the other stations' journals.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

from app.models.base import UTCDateTime

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("server_url", sa.String(500), nullable=False),
        sa.Column("tenant_id", sa.String(100), nullable=False),
        sa.Column("device_id", sa.String(100), nullable=False),
        sa.Column("device_token", sa.String(100), nullable=False),
        sa.Column("sync_key", sa.LargeBinary(), nullable=False),
        sa.Column("handle_key", sa.LargeBinary(), nullable=False),
        sa.Column("checkpoint", sa.Integer(), nullable=False),
        sa.Column("journal_pushed", sa.Integer(), nullable=False),
        sa.Column("enrolled_at", UTCDateTime(), nullable=False),
        sa.Column("last_sync_at", UTCDateTime(), nullable=True),
        sa.Column("clock_skew", sa.Float(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_account")),
    )
    op.create_table(
        "sync_seen",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("handle", sa.String(64), nullable=False),
        sa.Column("cipher_sha256", sa.String(64), nullable=False),
        sa.Column("mutation_id", sa.String(36), nullable=False),
        sa.Column("own", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_sync_seen")),
    )
    op.create_table(
        "sync_heads",
        sa.Column("handle", sa.String(64), nullable=False),
        sa.Column("head_seq", sa.Integer(), nullable=False),
        sa.Column("base_seq", sa.Integer(), nullable=True),
        sa.Column("shadow", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("handle", name=op.f("pk_sync_heads")),
    )
    op.create_table(
        "sync_conflicts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_kind", sa.String(40), nullable=False),
        sa.Column("record_id", sa.String(80), nullable=False),
        sa.Column("compartment", sa.String(20), nullable=False),
        sa.Column("kept_seq", sa.Integer(), nullable=False),
        sa.Column("kept_payload", sa.Text(), nullable=False),
        sa.Column("kept_station", sa.String(36), nullable=False),
        sa.Column("other_seq", sa.Integer(), nullable=False),
        sa.Column("other_payload", sa.Text(), nullable=False),
        sa.Column("other_station", sa.String(36), nullable=False),
        sa.Column("found_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflicts")),
    )
    op.create_index("ix_sync_conflicts_record", "sync_conflicts", ["record_kind", "record_id"])
    op.create_table(
        "sync_refused",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("handle", sa.String(64), nullable=False),
        sa.Column("device_id", sa.String(100), nullable=False),
        sa.Column("reason", sa.String(200), nullable=False),
        sa.Column("found_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_sync_refused")),
    )
    op.create_table(
        "journal_remote",
        sa.Column("station_id", sa.String(36), nullable=False),
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("user_id", sa.String(36), nullable=True),
        sa.Column("login", sa.String(64), nullable=False),
        sa.Column("matricule", sa.String(40), nullable=False),
        sa.Column("operation", sa.String(20), nullable=False),
        sa.Column("compartment", sa.String(20), nullable=False),
        sa.Column("record_kind", sa.String(40), nullable=False),
        sa.Column("record_id", sa.String(36), nullable=False),
        sa.Column("motive", sa.Text(), nullable=False),
        sa.Column("recipient", sa.Text(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("station_id", "seq", name=op.f("pk_journal_remote")),
        sa.UniqueConstraint("id", name=op.f("uq_journal_remote_id")),
    )
    op.create_index(op.f("ix_journal_remote_at"), "journal_remote", ["at"])


def downgrade() -> None:
    for table in ("journal_remote", "sync_refused", "sync_conflicts", "sync_heads", "sync_seen", "sync_account"):
        op.drop_table(table)
