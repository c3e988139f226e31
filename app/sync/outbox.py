"""Queue a record's new state for the sync server, inside the change's unit of work."""

from __future__ import annotations

import base64
import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from app.clock import Clock
from app.models.base import Base
from app.models.outbox import OutboxChange


def record_state(record: Base) -> dict[str, Any]:
    """The record's columns as JSON-ready values."""
    state: dict[str, Any] = {}
    for column in inspect(type(record)).columns:
        value = getattr(record, column.key)
        if isinstance(value, datetime | date):
            value = value.isoformat()
        elif isinstance(value, bytes):
            value = base64.b64encode(value).decode("ascii")
        elif hasattr(value, "value"):  # enums
            value = value.value
        state[column.key] = value
    return state


def queue_change(session: Session, clock: Clock, record: Base, kind: str, compartment: str) -> OutboxChange:
    version = getattr(record, "version", 1)
    change = OutboxChange(
        at=clock.now(),
        record_kind=kind,
        record_id=record.id,
        compartment=compartment,
        base_version=max(version - 1, 0),
        payload=json.dumps(record_state(record), ensure_ascii=False, sort_keys=True),
    )
    session.add(change)
    return change
