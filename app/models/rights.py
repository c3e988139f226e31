"""The rights matrix: which role may do what in which compartment. A row is a right granted."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class RightGrant(Base):
    __tablename__ = "rights"

    role: Mapped[str] = mapped_column(String(20), primary_key=True)
    compartment: Mapped[str] = mapped_column(String(20), primary_key=True)
    access: Mapped[str] = mapped_column(String(12), primary_key=True)
