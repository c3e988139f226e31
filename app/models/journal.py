"""The access journal: one append-only, hash-chained table (see app/audit)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from app.audit.codes import OPERATION_LABELS, Operation  # noqa: F401 - the models' names for them
from app.models.base import Base




# The operations the journal's operation index holds: not the everyday ones (a consultation, a search, a
# creation, a modification, a login, a logout), which are most entries and are found by time, user or
# record; each index an entry belongs to is one more encrypted page written at its commit (migration 0014).
INDEXED_OPERATIONS = ("login_failed", "login_locked", "unlock", "erase", "print", "export", "transmit", "purge",
                      "sync", "administer", "refused", "clock", "seal")
# OR, not IN: SQLite uses a partial index for `operation = ?` only when it can see the term in its WHERE.
OPERATION_INDEX_WHERE = " OR ".join(f"operation = '{name}'" for name in INDEXED_OPERATIONS)


class JournalEntry(Base):
    __tablename__ = "journal"
    __table_args__ = (Index("ix_journal_operation", "operation", sqlite_where=text(OPERATION_INDEX_WHERE)),)

    # The chain's order is the sequence number, never the clock (which can go back).
    seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    # Made here as the entry is written (UUIDv7), and never looked up on the everyday path: no index (0016).
    id: Mapped[str] = mapped_column(String(36))
    at: Mapped[datetime] = mapped_column(index=True)
    station_id: Mapped[str] = mapped_column(String(36))
    user_id: Mapped[str | None] = mapped_column(String(36))
    # Filters go by login (a failed attempt has a login and no user); each index slows every purge.
    login: Mapped[str] = mapped_column(String(64), default="", index=True)
    matricule: Mapped[str] = mapped_column(String(40), default="")
    operation: Mapped[str] = mapped_column(String(20))
    compartment: Mapped[str] = mapped_column(String(20), default="")
    record_kind: Mapped[str] = mapped_column(String(40), default="")
    record_id: Mapped[str] = mapped_column(String(36), default="", index=True)
    motive: Mapped[str] = mapped_column(Text, default="")
    recipient: Mapped[str] = mapped_column(Text, default="")
    # Non-personal particulars (a count, a setting's name); never record content.
    detail: Mapped[str] = mapped_column(Text, default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    # Forward-secure seal (app/audit/seal.py): HMAC with the key of this position; empty on an unsealed station.
    tag: Mapped[str] = mapped_column(String(64), default="")


class JournalCheckpoint(Base):
    """Where the remaining journal begins: the last entry a purge removed.

    Each batch of a purge writes one, in the transaction that deletes the
    batch, so that the first remaining entry always links to a known hash.
    The newest checkpoint (highest seq) is the one that counts.
    """

    __tablename__ = "journal_checkpoint"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The last purged entry: its sequence number, its hash and its time.
    seq: Mapped[int]
    hash: Mapped[str] = mapped_column(String(64))
    entry_at: Mapped[datetime]
    purged_at: Mapped[datetime]
    purged_count: Mapped[int]  # entries this batch removed
    cutoff: Mapped[datetime]  # entries older than this had outlived the retention
    tag: Mapped[str] = mapped_column(String(64), default="")  # the last purged entry's seal
