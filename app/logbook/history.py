"""An entry's history: every version, the concurrent ones of two stations side by side.

Each change keeps the state it replaced in `logbook_versions` (entry, number, the station where
the change was made). Two stations that edit one entry offline each keep the same state under
the same number, and both rows reach every station (union): such twins are one version here.
The two versions they led to share a number: one is the entry as the table holds it, the other
waits in the sync conflict, and both are listed, each with its station, until a person settles
them; the settlement keeps both in the history (`keep_concurrent`) and makes the next version.

Like app/logbook/store.py, this takes the caller's session and neither checks rights nor journals.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.ids import new_id
from app.kernel.settings import read_setting
from app.logbook import store
from app.logbook.types import Change, EntryHistoryItem
from app.models.logbook import LogbookEntry, LogbookVersion
from app.models.sync import SyncConflict

ENTRY_KIND = "logbook_entry"


def _identity(state: dict) -> tuple[int, str, str]:
    """What names a version across stations: its number, when and by whom it was made."""
    fields = state["entry"]
    return int(fields["version"]), str(fields["updated_at"]), str(fields["updated_by"])


def _concurrent_states(session: Session, entry_id: str, current: dict) -> list[dict]:
    """The versions of an unsettled conflict on the entry, on the entry's present people and files."""
    rows = session.execute(select(SyncConflict.kept_payload, SyncConflict.other_payload).where(
        SyncConflict.record_kind == ENTRY_KIND, SyncConflict.record_id == entry_id)).all()
    return [{**current, "entry": json.loads(payload)} for row in rows for payload in row]


def history_items(session: Session, entry: LogbookEntry) -> tuple[EntryHistoryItem, ...]:
    """Every version of the entry, oldest first (a number's concurrent versions by time, then station)."""
    rows = session.execute(select(LogbookVersion.state, LogbookVersion.entry_version, LogbookVersion.replaced_at,
                                  LogbookVersion.station_number)
                           .where(LogbookVersion.entry_id == entry.id)
                           .order_by(LogbookVersion.entry_version, LogbookVersion.replaced_at,
                                     LogbookVersion.id)).all()
    current = store.entry_state(session, entry)
    states: dict[tuple[int, str, str], dict] = {}
    for state in [json.loads(row.state) for row in rows] + _concurrent_states(session, entry.id, current) + [current]:
        states.setdefault(_identity(state), state)
    # The station of a version is that of the change that replaced the version before it.
    stations = {(row.entry_version, row.replaced_at): row.station_number for row in rows}

    def station(state: dict) -> int:
        fields = state["entry"]
        return stations.get((int(fields["version"]) - 1, datetime.fromisoformat(fields["updated_at"])), 0)

    ordered = sorted(states.values(), key=lambda s: (int(s["entry"]["version"]), s["entry"]["updated_at"],
                                                     station(s)))
    numbers = [int(s["entry"]["version"]) for s in ordered]
    items = []
    latest_before: dict[int, dict] = {}
    for state in ordered:
        number = int(state["entry"]["version"])
        before = latest_before.get(number - 1)
        detail = store.detail_from_state(session, state)
        items.append(EntryHistoryItem(
            version=detail.version, change=store.change_of(state), changed_at=detail.updated_at,
            changed_by=detail.updated_by, changed_by_name=detail.updated_by_name,
            changed_fields=store.changed_fields(before, state) if before is not None else (), record=detail,
            station=station(state), concurrent=numbers.count(number) > 1))
        latest_before[number] = state
    return tuple(items)


def keep_concurrent(work: Any, entry: LogbookEntry, payloads: tuple[dict[str, Any], ...]) -> None:
    """A person settled two versions of *entry*: both are kept in its history, and the entry, whose
    chosen values are applied, is the settlement's new version (queued by the caller)."""
    session = work.session
    current = store.entry_state(session, entry)
    author = work.actor.user_id if work.actor is not None else entry.updated_by
    station_number = read_setting(session, "station_number")
    seen: set[tuple[int, str, str]] = set()
    kept = []
    for payload in payloads:
        state = {**current, "entry": payload}
        if _identity(state) in seen:
            continue
        seen.add(_identity(state))
        kept.append(LogbookVersion(id=new_id(), version=1, entry_id=entry.id, entry_version=int(payload["version"]),
                                   state=store.state_json(state), replaced_by=author, replaced_at=work.now,
                                   station_number=station_number))
    session.add_all(kept)
    entry.last_change = str(Change.CONFLICT_SETTLED)
    entry.updated_by = author
    entry.updated_at = work.now
    session.flush()
    store.index_entry(session, entry, replace=True)
    work.queue(*kept)
