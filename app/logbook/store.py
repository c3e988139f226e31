"""The logbook's work inside one transaction: states and history, the full-text index, erasure.

The lists and search pages are in app/logbook/queries.py.

Everything here takes the caller's session and neither checks rights nor
journals: LogbookService (app/logbook/service.py) does both around it. Erasure
is in app/logbook/erasure.py.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from datetime import UTC, date, datetime

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.models.logbook import (
    AttachmentKind,
    Channel,
    EntryStatus,
    LogbookAgent,
    LogbookAttachment,
    LogbookEntry,
    LogbookNature,
    LogbookPerson,
    PersonRole,
)
from app.models.accounts import User
from app.store.fts import fold
from app.logbook.kinds import ENTRY, PERSON
from app.logbook.types import AgentRef, AttachmentInfo, Change, EntryDetail, PersonDetail

# Columns of the index: a person search looks only at people; any other search never does,
# so that a person's name is found only with a motive.
PEOPLE_COLUMNS = ("people",)
TEXT_COLUMNS = ("subject", "narrative", "address", "nature")

# Bookkeeping that changes with every version and says nothing about what changed.
_NOT_COMPARED = {"version", "updated_at", "updated_by", "last_change", "search_rowid", "place_key"}


# -- times as SQLite holds them (app/models/base.py: UTCDateTime) ----------------------------------


def db_time(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("naive datetime: Vigie stores only timezone-aware times")
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def from_db_time(value: str | None) -> datetime | None:
    if value is None:
        return None
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


def place_key(address: str) -> str:
    """The address without accents or case: what the place filter compares."""
    if address.isascii():  # nothing to decompose: most addresses, and the per-character loop is the cost
        return " ".join(address.casefold().split())
    decomposed = unicodedata.normalize("NFKD", address)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


# -- the state of an entry, kept whole at each version -------------------------------------------------


def agents_of(session: Session, entry_id: str) -> list[LogbookAgent]:
    return list(session.scalars(
        select(LogbookAgent).where(LogbookAgent.entry_id == entry_id).order_by(LogbookAgent.position)
    ))


def people_of(session: Session, entry_id: str) -> list[LogbookPerson]:
    return list(session.scalars(
        select(LogbookPerson).where(LogbookPerson.entry_id == entry_id)
        .order_by(LogbookPerson.position, LogbookPerson.id)
    ))


def attachments_of(session: Session, entry_id: str) -> list[LogbookAttachment]:
    return list(session.scalars(
        select(LogbookAttachment).where(LogbookAttachment.entry_id == entry_id)
        .order_by(LogbookAttachment.added_at, LogbookAttachment.id)
    ))


def entry_state(session: Session, entry: LogbookEntry, agents: list[LogbookAgent] | None = None,
                people: list[LogbookPerson] | None = None,
                attachments: list[LogbookAttachment] | None = None) -> dict:
    """The whole entry as JSON-ready data: its fields, agents, people and attachments.

    A caller that holds the entry's rows already (a new entry) passes them, in their order.
    """
    agents = agents_of(session, entry.id) if agents is None else agents
    people = people_of(session, entry.id) if people is None else people
    attachments = attachments_of(session, entry.id) if attachments is None else attachments
    return {
        "entry": ENTRY.payload(entry),
        "agents": [{"user_id": a.user_id, "full_name": a.full_name, "matricule": a.matricule} for a in agents],
        "people": [PERSON.payload(p) for p in people],
        "attachments": [_attachment_state(a) for a in attachments],
    }


def _attachment_state(row: LogbookAttachment) -> dict:
    return {"id": row.id, "filename": row.filename, "kind": str(row.kind), "media_type": row.media_type,
            "size": row.size, "has_thumbnail": row.thumbnail_blob is not None, "warning": row.warning,
            "added_at": row.added_at.isoformat(), "added_by": row.added_by}


def state_json(state: dict) -> str:
    return json.dumps(state, ensure_ascii=False, sort_keys=True)


def detail_from_state(session: Session, state: dict) -> EntryDetail:
    fields = state["entry"]
    names = user_names(session, {fields["created_by"], fields["updated_by"]})
    nature = session.get(LogbookNature, fields["nature_code"])
    return EntryDetail(
        id=fields["id"],
        version=fields["version"],
        number=fields["number"],
        requested_at=datetime.fromisoformat(fields["requested_at"]),
        channel=Channel(fields["channel"]),
        address=fields["address"],
        latitude=fields["latitude"],
        longitude=fields["longitude"],
        nature_code=fields["nature_code"],
        nature_label=nature.label if nature is not None else fields["nature_code"],
        subject=fields["subject"],
        started_at=_time(fields["started_at"]),
        ended_at=_time(fields["ended_at"]),
        agents=tuple(AgentRef(a["user_id"], a["full_name"], a["matricule"]) for a in state["agents"]),
        facts=fields["facts"],
        assessments=fields["assessments"],
        action_taken=fields["action_taken"],
        outcome=fields["outcome"],
        status=EntryStatus(fields["status"]),
        document_number=fields["document_number"],
        writing_id=fields.get("writing_id"),
        request_id=fields["request_id"],
        created_by=fields["created_by"],
        created_by_name=names.get(fields["created_by"], ""),
        created_at=datetime.fromisoformat(fields["created_at"]),
        updated_by=fields["updated_by"],
        updated_by_name=names.get(fields["updated_by"], ""),
        updated_at=datetime.fromisoformat(fields["updated_at"]),
        closed_at=_time(fields["closed_at"]),
        people=tuple(_person_from_state(p) for p in state["people"]),
        attachments=tuple(_attachment_from_state(a) for a in state["attachments"]),
    )


def _time(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def _person_from_state(p: dict) -> PersonDetail:
    return PersonDetail(
        id=p["id"], version=p["version"], role=PersonRole(p["role"]), last_name=p["last_name"],
        first_names=p["first_names"],
        birth_date=date.fromisoformat(p["birth_date"]) if p["birth_date"] else None,
        birth_place=p["birth_place"], address=p["address"], contact=p["contact"], guardian=p["guardian"],
    )


def _attachment_from_state(a: dict) -> AttachmentInfo:
    return AttachmentInfo(
        id=a["id"], filename=a["filename"], kind=AttachmentKind(a["kind"]), media_type=a["media_type"],
        size=a["size"], has_thumbnail=a["has_thumbnail"], warning=a["warning"],
        added_at=datetime.fromisoformat(a["added_at"]), added_by=a["added_by"],
    )


def user_names(session: Session, ids: set[str]) -> dict[str, str]:
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    return dict(session.execute(select(User.id, User.full_name).where(User.id.in_(wanted))).all())


def changed_fields(before: dict, after: dict) -> tuple[str, ...]:
    """What differs between two states, by the names EntryDetail uses."""
    old, new = before["entry"], after["entry"]
    # In the table's order, whichever way the states were read (a kept state's keys come back sorted).
    names = [column.key for column in LogbookEntry.__table__.columns
             if column.key not in _NOT_COMPARED and old.get(column.key) != new.get(column.key)]
    names += [part for part in ("agents", "people", "attachments") if before[part] != after[part]]
    return tuple(names)


def change_of(state: dict) -> Change:
    return Change(state["entry"]["last_change"])


# -- the full-text index ------------------------------------------------------------------------------

_INDEX = text(
    "INSERT INTO logbook_search (rowid, subject, narrative, address, nature, people) "
    "VALUES (:rowid, :subject, :narrative, :address, :nature, :people)"
)
_UNINDEX = text("DELETE FROM logbook_search WHERE rowid = :rowid")


def search_document(entry: LogbookEntry, nature_label: str, people: list[LogbookPerson]) -> dict:
    narrative = "\n".join(t for t in (entry.facts, entry.assessments, entry.action_taken, entry.outcome,
                                      entry.document_number) if t)
    names = " ".join(" ".join(filter(None, (p.last_name, p.first_names, p.guardian))) for p in people)
    return {"rowid": entry.search_rowid, "subject": fold(entry.subject), "narrative": fold(narrative),
            "address": fold(entry.address), "nature": fold(nature_label), "people": fold(names)}


def index_entry(session: Session, entry: LogbookEntry, *, replace: bool,
                people: list[LogbookPerson] | None = None) -> None:
    """Write the entry's row of the index as the entry stands in this transaction."""
    session.flush()
    nature = session.get(LogbookNature, entry.nature_code)
    people = people_of(session, entry.id) if people is None else people
    document = search_document(entry, nature.label if nature else "", people)
    if replace:
        session.execute(_UNINDEX, {"rowid": entry.search_rowid})
    session.execute(_INDEX, document)


def reindex_entries(session: Session, entry_ids: Iterable[str], person_ids: Iterable[str] = ()) -> None:
    """The index rows (and accent-free places) of many entries received at once, and of the entries of
    *person_ids*: a few reads and two executemany, each entry once (a received page, app/sync)."""
    wanted = set(entry_ids)
    people_ids = list(person_ids)
    for start in range(0, len(people_ids), _IN_CHUNK):
        wanted.update(session.scalars(select(LogbookPerson.entry_id)
                                      .where(LogbookPerson.id.in_(people_ids[start:start + _IN_CHUNK]))))
    ids = sorted(wanted)
    if not ids:
        return
    natures = dict(session.execute(select(LogbookNature.code, LogbookNature.label)).all())
    entries: list[LogbookEntry] = []
    people: dict[str, list[LogbookPerson]] = {}
    for start in range(0, len(ids), _IN_CHUNK):
        part = ids[start:start + _IN_CHUNK]
        entries += session.scalars(select(LogbookEntry).where(LogbookEntry.id.in_(part)))
        for person in session.scalars(select(LogbookPerson).where(LogbookPerson.entry_id.in_(part))
                                      .order_by(LogbookPerson.position, LogbookPerson.id)):
            people.setdefault(person.entry_id, []).append(person)
    for entry in entries:
        entry.place_key = place_key(entry.address or "")
    session.flush()
    rowids = [entry.search_rowid for entry in entries]
    indexed: set[int] = set()
    for start in range(0, len(rowids), _IN_CHUNK):
        marks = ", ".join(str(int(rowid)) for rowid in rowids[start:start + _IN_CHUNK])  # integers only
        indexed.update(session.scalars(text(f"SELECT rowid FROM logbook_search WHERE rowid IN ({marks})")))
    if indexed:
        session.execute(_UNINDEX, [{"rowid": rowid} for rowid in sorted(indexed)])
    session.execute(_INDEX, [search_document(entry, natures.get(entry.nature_code, ""), people.get(entry.id, []))
                             for entry in entries])


_IN_CHUNK = 500  # ids per statement, well under SQLite's limit of bound parameters


def next_search_rowid(session: Session, count: int = 1) -> int:
    """The first of *count* free rowids of the index (they follow the order of recording)."""
    last = session.execute(text("SELECT max(search_rowid) FROM logbook_entries")).scalar()
    return (last or 0) + 1


def reindex_nature(session: Session, code: str, label: str) -> None:
    session.execute(
        text("UPDATE logbook_search SET nature = :label WHERE rowid IN "
             "(SELECT search_rowid FROM logbook_entries WHERE nature_code = :code)"),
        {"label": fold(label), "code": code},
    )
