"""Helpers the main courante tests share (not a test module)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from app.models import JournalEntry, LogbookAttachment, LogbookEntry, LogbookVersion, OutboxChange
from app.logbook.types import EntryData


def entry_data(at: datetime, **fields) -> EntryData:
    values: dict[str, Any] = dict(requested_at=at, channel="phone", nature_code="tapage", subject="Musique forte",
                  address="12 rue de l\u2019\u00c9glise", started_at=at + timedelta(minutes=10),
                  ended_at=at + timedelta(minutes=40), facts="Constat : musique audible depuis la rue.",
                  action_taken="Rappel \u00e0 la r\u00e9glementation.")
    values.update(fields)
    return EntryData(**values)


def journal_tail(gate, count: int = 1) -> list[tuple[str, str, str, str, str]]:
    """The last entries of the access journal: (operation, login, record_kind, record_id, motive)."""
    with gate.services.station.uow() as uow:
        rows = uow.session.scalars(select(JournalEntry).order_by(JournalEntry.seq.desc()).limit(count)).all()
        return [(e.operation, e.login, e.record_kind, e.record_id, e.motive) for e in reversed(rows)]


def journal_details(gate) -> list[tuple[str, str]]:
    with gate.services.station.uow() as uow:
        return [(e.operation, e.detail) for e in uow.session.scalars(select(JournalEntry).order_by(JournalEntry.seq))]


def row_count(gate, model, **where) -> int:
    with gate.services.station.uow() as uow:
        query = select(func.count()).select_from(model)
        for key, value in where.items():
            query = query.where(getattr(model, key) == value)
        return uow.session.scalar(query)


def outbox_kinds(gate, record_id: str | None = None) -> list[str]:
    with gate.services.station.uow() as uow:
        query = select(OutboxChange.record_kind).order_by(OutboxChange.seq)
        if record_id:
            query = query.where(OutboxChange.record_id == record_id)
        return list(uow.session.scalars(query))


__all__ = ["LogbookAttachment", "LogbookEntry", "LogbookVersion", "entry_data", "journal_details", "journal_tail",
           "outbox_kinds", "row_count"]
