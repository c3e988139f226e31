"""Yearly numbers of the service (main courante, later PV and rapports): see docs/numbering.md."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, RecordMixin


class NumberCounter(Base):
    """How many numbers this station has given in a series and year, from its own blocks."""

    __tablename__ = "number_counters"

    series: Mapped[str] = mapped_column(String(20), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    station_number: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    issued: Mapped[int] = mapped_column(default=0)


class NumberVoid(RecordMixin, Base):
    """A number once given whose record is gone: never given again, and this row says why."""

    __tablename__ = "number_voids"
    __table_args__ = (UniqueConstraint("series", "number", name="uq_number_voids_series_number"),)

    series: Mapped[str] = mapped_column(String(20))
    year: Mapped[int]
    serial: Mapped[int]
    number: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text)
    voided_by: Mapped[str] = mapped_column(String(36))
    voided_at: Mapped[datetime]
