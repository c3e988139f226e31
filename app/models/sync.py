"""What the station keeps of sync, none of which ever travels: the service's keys and the
device's token, the pull checkpoint, its record of every envelope the server holds, per-record
heads, conflicts to settle, refused envelopes, and the journals of the other stations."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class SyncAccount(Base):
    """One row once the station is enrolled: the server, the service's keys, where the pull stands."""

    __tablename__ = "sync_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    server_url: Mapped[str] = mapped_column(String(500))
    tenant_id: Mapped[str] = mapped_column(String(100))
    device_id: Mapped[str] = mapped_column(String(100))
    device_token: Mapped[str] = mapped_column(String(100))
    # AES-256-GCM key of every envelope, HMAC key of the handles: drawn once per service.
    sync_key: Mapped[bytes] = mapped_column(LargeBinary)
    handle_key: Mapped[bytes] = mapped_column(LargeBinary)
    # The last server sequence applied here, committed with the rows it brought.
    checkpoint: Mapped[int] = mapped_column(default=0)
    # The last of this station's own journal entries pushed (its chain travels in order).
    journal_pushed: Mapped[int] = mapped_column(default=0)
    enrolled_at: Mapped[datetime]
    last_sync_at: Mapped[datetime | None]
    # Station clock minus server clock at the last sync, in seconds (never used for ordering).
    clock_skew: Mapped[float] = mapped_column(Float, default=0.0)
    last_error: Mapped[str] = mapped_column(Text, default="")


class SyncSeen(Base):
    """Every envelope the station pulled, as the digest counts it: seq, handle, SHA-256 of the ciphertext."""

    __tablename__ = "sync_seen"

    seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    handle: Mapped[str] = mapped_column(String(64))
    cipher_sha256: Mapped[str] = mapped_column(String(64))
    mutation_id: Mapped[str] = mapped_column(String(36))
    own: Mapped[bool] = mapped_column(default=False)


class SyncHead(Base):
    """Per record handle: the last envelope applied (the base of this station's next push), and the
    server's latest envelope for it; a shadow of that envelope's state while a local edit waits."""

    __tablename__ = "sync_heads"

    handle: Mapped[str] = mapped_column(String(64), primary_key=True)
    head_seq: Mapped[int]
    base_seq: Mapped[int | None]
    shadow: Mapped[str | None] = mapped_column(Text)


class SyncConflict(Base):
    """Two versions of one record made without each other: kept both, for a person to settle."""

    __tablename__ = "sync_conflicts"
    __table_args__ = (Index("ix_sync_conflicts_record", "record_kind", "record_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    record_kind: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(80))
    compartment: Mapped[str] = mapped_column(String(20))
    # The state in the table (the later server sequence) and the other one, as payloads (JSON).
    kept_seq: Mapped[int]
    kept_payload: Mapped[str] = mapped_column(Text)
    kept_station: Mapped[str] = mapped_column(String(36))
    other_seq: Mapped[int]
    other_payload: Mapped[str] = mapped_column(Text)
    other_station: Mapped[str] = mapped_column(String(36))
    found_at: Mapped[datetime]


class SyncRefused(Base):
    """An envelope that did not decrypt or did not match its handle: never applied, reported."""

    __tablename__ = "sync_refused"

    seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    handle: Mapped[str] = mapped_column(String(64))
    device_id: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(String(200))
    found_at: Mapped[datetime]


class RemoteJournalEntry(Base):
    """An entry of another station's access journal, as that station chained it."""

    __tablename__ = "journal_remote"

    station_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    at: Mapped[datetime] = mapped_column(index=True)
    user_id: Mapped[str | None] = mapped_column(String(36))
    login: Mapped[str] = mapped_column(String(64), default="")
    matricule: Mapped[str] = mapped_column(String(40), default="")
    operation: Mapped[str] = mapped_column(String(20))
    compartment: Mapped[str] = mapped_column(String(20), default="")
    record_kind: Mapped[str] = mapped_column(String(40), default="")
    record_id: Mapped[str] = mapped_column(String(36), default="")
    motive: Mapped[str] = mapped_column(Text, default="")
    recipient: Mapped[str] = mapped_column(Text, default="")
    detail: Mapped[str] = mapped_column(Text, default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    tag: Mapped[str] = mapped_column(String(64), default="")  # its seal (app/audit/seal.py), as it travelled


class RemoteJournalSeals(Base):
    """Another station's journal seal generations (its `station.journal_seals`), as it last sent them."""

    __tablename__ = "journal_remote_seals"

    station_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    generations: Mapped[str] = mapped_column(Text)  # JSON, app/audit/sealer.py: parse_generations
    received_at: Mapped[datetime]


SYNC_TABLES = frozenset({"sync_account", "sync_seen", "sync_heads", "sync_conflicts", "sync_refused",
                         "journal_remote", "journal_remote_seals"})
