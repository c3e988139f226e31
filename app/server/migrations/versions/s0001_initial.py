"""The server's first schema: tenants, registration tokens, devices, envelopes, blob chunks,
pairings, access log.

Revision ID: s0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from app.server.models import UTCDateTime

revision = "s0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tenants",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_tenants"),
    )
    op.create_table(
        "registration_tokens",
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("tenant_id", sa.String(36), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("used_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"], name="fk_registration_tokens_tenant_id_tenants"),
        sa.PrimaryKeyConstraint("token_hash", name="pk_registration_tokens"),
    )
    op.create_table(
        "devices",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("tenant_id", sa.String(36), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("revoked_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"], name="fk_devices_tenant_id_tenants"),
        sa.PrimaryKeyConstraint("id", name="pk_devices"),
        sa.UniqueConstraint("token_hash", name="uq_devices_token_hash"),
    )
    op.create_index("ix_devices_tenant_id", "devices", ["tenant_id"])
    op.create_table(
        "envelopes",
        sa.Column("tenant_id", sa.String(36), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("handle", sa.String(64), nullable=False),
        sa.Column("base_seq", sa.BigInteger(), nullable=True),
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("mutation_id", sa.String(36), nullable=False),
        sa.Column("ciphertext", sa.LargeBinary(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("ciphertext_sha256", sa.String(64), nullable=False),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"], name="fk_envelopes_tenant_id_tenants"),
        sa.ForeignKeyConstraint(["device_id"], ["devices.id"], name="fk_envelopes_device_id_devices"),
        sa.PrimaryKeyConstraint("tenant_id", "seq", name="pk_envelopes"),
    )
    op.create_index("uq_envelopes_tenant_mutation", "envelopes", ["tenant_id", "mutation_id"], unique=True)
    op.create_index("ix_envelopes_tenant_handle_seq", "envelopes", ["tenant_id", "handle", "seq"])
    op.create_table(
        "blob_chunks",
        sa.Column("tenant_id", sa.String(36), nullable=False),
        sa.Column("blob_handle", sa.String(64), nullable=False),
        sa.Column("chunk_index", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"], name="fk_blob_chunks_tenant_id_tenants"),
        sa.ForeignKeyConstraint(["device_id"], ["devices.id"], name="fk_blob_chunks_device_id_devices"),
        sa.PrimaryKeyConstraint("tenant_id", "blob_handle", "chunk_index", name="pk_blob_chunks"),
    )
    op.create_table(
        "pairings",
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("public_key", sa.LargeBinary(), nullable=False),
        sa.Column("claim_secret_hash", sa.String(64), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.Column("tenant_id", sa.String(36), nullable=True),
        sa.Column("device_id", sa.String(36), nullable=True),
        sa.Column("sealed_keys", sa.LargeBinary(), nullable=True),
        sa.Column("claimed_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"], name="fk_pairings_tenant_id_tenants"),
        sa.ForeignKeyConstraint(["device_id"], ["devices.id"], name="fk_pairings_device_id_devices"),
        sa.PrimaryKeyConstraint("code_hash", name="pk_pairings"),
    )
    op.create_index("ix_pairings_expires_at", "pairings", ["expires_at"])
    op.create_table(
        "access_log",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("address", sa.String(64), nullable=False),
        sa.Column("endpoint", sa.String(80), nullable=False),
        sa.Column("outcome", sa.String(32), nullable=False),
        sa.Column("device_id", sa.String(36), nullable=True),
        sa.Column("tenant_id", sa.String(36), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_access_log"),
    )
    op.create_index("ix_access_log_at", "access_log", ["at"])
    # The rate limit counts one address's failures: only those rows are read, however busy the log.
    op.create_index("ix_access_log_outcome_address_at", "access_log", ["outcome", "address", "at"])


def downgrade() -> None:
    for table in ("access_log", "pairings", "blob_chunks", "envelopes", "devices", "registration_tokens",
                  "tenants"):
        op.drop_table(table)
