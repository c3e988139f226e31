"""The access journal: one append-only, hash-chained table (see app/audit)."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class Operation(enum.StrEnum):
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGIN_LOCKED = "login_locked"
    LOGOUT = "logout"
    UNLOCK = "unlock"
    CONSULT = "consult"
    SEARCH = "search"
    CREATE = "create"
    MODIFY = "modify"
    ERASE = "erase"
    PRINT = "print"
    EXPORT = "export"
    TRANSMIT = "transmit"
    PURGE = "purge"
    SYNC = "sync"
    ADMINISTER = "administer"
    REFUSED = "refused"


class JournalEntry(Base):
    __tablename__ = "journal"

    # The chain's order is the sequence number, never the clock (which can go back).
    seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    at: Mapped[datetime] = mapped_column(index=True)
    station_id: Mapped[str] = mapped_column(String(36))
    user_id: Mapped[str | None] = mapped_column(String(36), index=True)
    login: Mapped[str] = mapped_column(String(64), default="")
    matricule: Mapped[str] = mapped_column(String(40), default="")
    operation: Mapped[str] = mapped_column(String(20), index=True)
    compartment: Mapped[str] = mapped_column(String(20), default="")
    record_kind: Mapped[str] = mapped_column(String(40), default="")
    record_id: Mapped[str] = mapped_column(String(36), default="", index=True)
    motive: Mapped[str] = mapped_column(Text, default="")
    recipient: Mapped[str] = mapped_column(Text, default="")
    # Non-personal particulars (a count, a setting's name); never record content.
    detail: Mapped[str] = mapped_column(Text, default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
