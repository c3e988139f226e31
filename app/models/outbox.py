"""Changes waiting to be pushed to the sync server, written with the change itself; and tombstones."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.ids import new_id
from app.models.base import Base


class ChangeOperation(enum.StrEnum):
    UPSERT = "upsert"  # the record's state after the change (its kind's sync schema)
    ERASE = "erase"  # the record was erased: a tombstone, with no content
    # The record's state once emptied of erased personal data (a court outcome, retention): it travels as a
    # state that replaces the earlier ones, which the server and the other stations then forget.
    SCRUB = "scrub"


class OutboxChange(Base):
    __tablename__ = "sync_outbox"

    seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    # Made here (UUIDv7); the server's own unique index makes a change sent twice count once (migration 0016).
    mutation_id: Mapped[str] = mapped_column(String(36), default=new_id)
    at: Mapped[datetime]
    operation: Mapped[str] = mapped_column(String(10), default=ChangeOperation.UPSERT.value, server_default="upsert")
    record_kind: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    compartment: Mapped[str] = mapped_column(String(20))
    base_version: Mapped[int]
    # The record's state after the change, as JSON ("{}" for an erasure); encrypted with the sync key
    # when pushed.
    payload: Mapped[str] = mapped_column(Text)
    pushed_at: Mapped[datetime | None]


class Tombstone(Base):
    """A record erased here (retention, a court outcome, an administrator): never brought back by a
    stale copy from another station, and the erasure travels to them."""

    __tablename__ = "tombstones"

    record_kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    erased_at: Mapped[datetime]
