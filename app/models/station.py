"""The station's identity: the service, its commune, and its own keys."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class StationInfo(Base):
    """One row: who this station belongs to. Created by `vigie init`."""

    __tablename__ = "station"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    service_name: Mapped[str] = mapped_column(String(200))
    commune: Mapped[str] = mapped_column(String(200))
    insee_code: Mapped[str] = mapped_column(String(5))
    department: Mapped[str] = mapped_column(String(3))
    created_at: Mapped[datetime]
    # Opens the login events written to disk before the database was unlocked.
    seal_private_key: Mapped[bytes] = mapped_column(LargeBinary)
    # Ed25519: signs journal extracts so that anyone can check them.
    signing_private_key: Mapped[bytes] = mapped_column(LargeBinary)
    # The generations of the journal's seal, JSON (app/audit/sealer.py): each seed sealed to the service's key.
    journal_seals: Mapped[str] = mapped_column(Text, default="[]")
