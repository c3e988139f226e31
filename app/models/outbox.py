"""Changes waiting to be pushed to the sync server, written with the change itself."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.ids import new_id
from app.models.base import Base


class OutboxChange(Base):
    __tablename__ = "sync_outbox"

    seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    mutation_id: Mapped[str] = mapped_column(String(36), unique=True, default=new_id)
    at: Mapped[datetime]
    record_kind: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    compartment: Mapped[str] = mapped_column(String(20))
    base_version: Mapped[int]
    # The record's state after the change, as JSON; encrypted with the sync key when pushed.
    payload: Mapped[str] = mapped_column(Text)
    pushed_at: Mapped[datetime | None]
