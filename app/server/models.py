"""The server's schema: only what the protocol lists (app/sync/protocol.py, docs/sync.md).

Tenants, devices (name, token hash, revoked), envelopes (tenant, seq, handle, base seq,
device, mutation id, ciphertext, its size and SHA-256, received at), blob chunks, pairings,
registration tokens (hashed), the access log, and what each backup copy holds (its day and each
tenant's last seq then). No record kind, no field, no plaintext.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger, Boolean, DateTime, Dialect, ForeignKey, Index, Integer, LargeBinary, MetaData, String, false,
)
from sqlalchemy.types import TypeDecorator
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """A UTC instant, aware in Python, stored the same way on SQLite (naive UTC) and PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Tenant(Base):
    __tablename__ = "tenants"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    # The last server sequence given to one of its envelopes (never given again).
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class RegistrationToken(Base):
    __tablename__ = "registration_tokens"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class Device(Base):
    __tablename__ = "devices"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    # SHA-256 of its token; empty while a paired device has not claimed its token yet.
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class Envelope(Base):
    __tablename__ = "envelopes"
    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    handle: Mapped[str] = mapped_column(String(64))
    base_seq: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    device_id: Mapped[str] = mapped_column(ForeignKey("devices.id"))
    mutation_id: Mapped[str] = mapped_column(String(36))
    ciphertext: Mapped[bytes] = mapped_column(LargeBinary)
    size: Mapped[int] = mapped_column(Integer)
    # SHA-256 of the ciphertext (hex), so that a digest does not read every ciphertext again.
    ciphertext_sha256: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # The station said this envelope erases its record: the handle's earlier envelopes are deleted and
    # nothing later is stored (docs/sync.md, "What the server forgets").
    erasure: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    __table_args__ = (
        Index("uq_envelopes_tenant_mutation", "tenant_id", "mutation_id", unique=True),
        Index("ix_envelopes_tenant_handle_seq", "tenant_id", "handle", "seq"),
    )


class BackupMark(Base):
    """A backup copy kept (vigie-server backup): each tenant's last seq when it was taken, so that
    stations learn which of their pushed changes every kept copy holds (docs/sync.md, "Outbox")."""

    __tablename__ = "backup_marks"
    day: Mapped[str] = mapped_column(String(10), primary_key=True)  # YYYY-MM-DD, the copy's name
    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.id"), primary_key=True)
    last_seq: Mapped[int] = mapped_column(BigInteger)


class BlobChunk(Base):
    __tablename__ = "blob_chunks"
    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.id"), primary_key=True)
    blob_handle: Mapped[str] = mapped_column(String(64), primary_key=True)
    chunk_index: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    size: Mapped[int] = mapped_column(Integer)
    device_id: Mapped[str] = mapped_column(ForeignKey("devices.id"))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Pairing(Base):
    __tablename__ = "pairings"
    # SHA-256 of the pairing code: the code itself is not kept.
    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    claim_secret_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    # Set by the approval: the device made in the approver's tenant and the sealed keys.
    tenant_id: Mapped[str | None] = mapped_column(ForeignKey("tenants.id"), nullable=True)
    device_id: Mapped[str | None] = mapped_column(ForeignKey("devices.id"), nullable=True)
    sealed_keys: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class AccessLog(Base):
    __tablename__ = "access_log"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True,
                                    autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    address: Mapped[str] = mapped_column(String(64))
    endpoint: Mapped[str] = mapped_column(String(80))
    outcome: Mapped[str] = mapped_column(String(32))
    device_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    tenant_id: Mapped[str | None] = mapped_column(String(36), nullable=True)

    __table_args__ = (Index("ix_access_log_outcome_address_at", "outcome", "address", "at"),)


TABLES = [Tenant, RegistrationToken, Device, Envelope, BlobChunk, Pairing, AccessLog]
