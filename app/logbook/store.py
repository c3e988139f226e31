"""The logbook's work inside one transaction: states and history, the full-text index, lists, erasure.

Everything here takes the caller's session and neither checks rights nor
journals: LogbookService (app/logbook/service.py) does both around it, and
retention calls the erasure functions inside its own purge.
"""

from __future__ import annotations

import json
import unicodedata
from datetime import UTC, date, datetime
from pathlib import Path

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
from app.store.attachments import BlobStore
from app.store.fts import fold, match_expression
from app.logbook.kinds import ENTRY, PERSON
from app.logbook.types import (
    AgentRef,
    AttachmentInfo,
    Change,
    EntryDetail,
    EntryRow,
    ListFilter,
    Page,
    PageCursor,
    PersonDetail,
    SortKey,
)

# Columns of the index: a person search looks only at people; any other search never does,
# so that a person's name is found only with a motive.
PEOPLE_COLUMNS = ("people",)
TEXT_COLUMNS = ("subject", "narrative", "address", "nature")

# Blob columns of every table that holds attachment files: a file goes when none of them names it.
BLOB_COLUMNS = (("logbook_attachments", "blob"), ("logbook_attachments", "thumbnail_blob"))

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
        requested_at=_time(fields["requested_at"]),
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
        created_at=_time(fields["created_at"]),
        updated_by=fields["updated_by"],
        updated_by_name=names.get(fields["updated_by"], ""),
        updated_at=_time(fields["updated_at"]),
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


# -- lists ---------------------------------------------------------------------------------------------

_ROW_COLUMNS = ("e.id, e.number, e.requested_at, e.channel, e.nature_code, e.subject, e.address, e.status, "
                "e.started_at, e.ended_at, e.document_number")


def _conditions(filters: ListFilter) -> tuple[list[str], dict]:
    where, params = [], {}
    if filters.start is not None:
        where.append("e.requested_at >= :start")
        params["start"] = db_time(filters.start)
    if filters.end is not None:
        where.append("e.requested_at < :end")
        params["end"] = db_time(filters.end)
    if filters.nature_codes:
        names = [f":nature{i}" for i in range(len(filters.nature_codes))]
        where.append(f"e.nature_code IN ({', '.join(names)})")
        params.update({name[1:]: code for name, code in zip(names, filters.nature_codes)})
    if filters.agent_id:
        where.append("EXISTS (SELECT 1 FROM logbook_agents a WHERE a.entry_id = e.id AND a.user_id = :agent)")
        params["agent"] = filters.agent_id
    if filters.status is not None:
        where.append("e.status = :status")
        params["status"] = str(filters.status)
    place = place_key(filters.place)
    if place:
        escaped = place.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        where.append("e.place_key LIKE :place ESCAPE '\\'")
        params["place"] = f"%{escaped}%"
    return where, params


def _order(sort: SortKey, descending: bool) -> tuple[str, str, str]:
    """ORDER BY, the keyset comparison, and the columns that make the key."""
    direction, compare = ("DESC", "<") if descending else ("ASC", ">")
    if sort is SortKey.NUMBER:
        return (f"e.year {direction}, e.serial {direction}", f"(e.year, e.serial) {compare} (:k0, :k1)",
                "e.year, e.serial")
    return (f"e.requested_at {direction}, e.id {direction}", f"(e.requested_at, e.id) {compare} (:k0, :k1)",
            "e.requested_at, e.id")


def list_page(session: Session, filters: ListFilter, after: PageCursor | None, limit: int,
              offset: int | None = None) -> Page:
    """A page of the list in the filter's order: after *after* (keyset), or from row *offset*."""
    where, params = _conditions(filters)
    order, keyset, key_columns = _order(filters.sort, filters.descending)
    if after is not None:
        if after.sort != filters.sort or after.descending != filters.descending:
            raise ValueError("a cursor goes with the order it came from")
        where.append(keyset)
        params.update({"k0": after.key[0], "k1": after.key[1]})
    sql = (f"SELECT {_ROW_COLUMNS}, {key_columns} FROM logbook_entries e "
           f"{'WHERE ' + ' AND '.join(where) if where else ''} ORDER BY {order} LIMIT :limit")
    params["limit"] = limit + 1
    if offset:
        sql += " OFFSET :offset"
        params["offset"] = int(offset)
    found = session.execute(text(sql), params).all()
    more = len(found) > limit
    found = found[:limit]
    rows = rows_of(session, found)
    cursor = None
    if more and found:
        last = found[-1]
        cursor = PageCursor(filters.sort, filters.descending, (last[-2], last[-1]))
    return Page(rows, cursor)


def count(session: Session, filters: ListFilter) -> int:
    where, params = _conditions(filters)
    sql = f"SELECT count(*) FROM logbook_entries e {'WHERE ' + ' AND '.join(where) if where else ''}"
    return session.execute(text(sql), params).scalar_one()


def today_rows(session: Session, day_start: datetime, limit: int) -> tuple[EntryRow, ...]:
    """Entries requested since *day_start*, and every entry still open, newest first."""
    sql = (f"SELECT {_ROW_COLUMNS} FROM logbook_entries e WHERE e.rowid IN ("
           "SELECT rowid FROM logbook_entries WHERE requested_at >= :start "
           "UNION SELECT rowid FROM logbook_entries WHERE status = 'open') "
           "ORDER BY e.requested_at DESC, e.id DESC LIMIT :limit")
    found = session.execute(text(sql), {"start": db_time(day_start), "limit": limit}).all()
    return rows_of(session, found)


def search_page(session: Session, query: str, people: bool, after: int | None, limit: int
                ) -> tuple[tuple[EntryRow, ...], int | None]:
    """Entries matching *query*, the most recently recorded first; and where the next page starts."""
    expression = match_expression(query, PEOPLE_COLUMNS if people else TEXT_COLUMNS)
    if expression is None:
        return (), None
    params = {"match": expression, "limit": limit + 1}
    keyset = ""
    if after is not None:
        keyset = "AND s.rowid < :after"
        params["after"] = after
    sql = (f"SELECT {_ROW_COLUMNS}, s.rowid FROM logbook_search s "
           f"JOIN logbook_entries e ON e.search_rowid = s.rowid "
           f"WHERE logbook_search MATCH :match {keyset} ORDER BY s.rowid DESC LIMIT :limit")
    found = session.execute(text(sql), params).all()
    more = len(found) > limit
    found = found[:limit]
    return rows_of(session, found), (found[-1][-1] if more and found else None)


def by_number(session: Session, year: int, serial: int) -> tuple[EntryRow, ...]:
    """The entry numbered year/serial, if it exists (a number typed whole in the search field)."""
    found = session.execute(text(f"SELECT {_ROW_COLUMNS} FROM logbook_entries e WHERE e.year = :y AND e.serial = :s"),
                            {"y": year, "s": serial}).all()
    return rows_of(session, found)


def rows_of(session: Session, found) -> tuple[EntryRow, ...]:
    """List rows from the result's leading columns, with their agents and counts (a few indexed queries)."""
    if not found:
        return ()
    ids = [row[0] for row in found]
    marks = ", ".join(f":i{n}" for n in range(len(ids)))
    params = {f"i{n}": entry_id for n, entry_id in enumerate(ids)}
    agents: dict[str, list[str]] = {}
    for entry_id, name in session.execute(
        text(f"SELECT entry_id, full_name FROM logbook_agents WHERE entry_id IN ({marks}) "
             "ORDER BY entry_id, position"), params):
        agents.setdefault(entry_id, []).append(name)
    people = dict(session.execute(text(
        f"SELECT entry_id, count(*) FROM logbook_people WHERE entry_id IN ({marks}) GROUP BY entry_id"), params).all())
    files = dict(session.execute(text(
        f"SELECT entry_id, count(*) FROM logbook_attachments WHERE entry_id IN ({marks}) GROUP BY entry_id"),
        params).all())
    labels = nature_labels(session)
    return tuple(
        EntryRow(
            id=r[0], number=r[1], requested_at=from_db_time(r[2]), channel=Channel(r[3]), nature_code=r[4],
            nature_label=labels.get(r[4], r[4]), subject=r[5], address=r[6], status=EntryStatus(r[7]),
            started_at=from_db_time(r[8]), ended_at=from_db_time(r[9]), document_number=r[10],
            agents=tuple(agents.get(r[0], ())), people_count=people.get(r[0], 0),
            attachment_count=files.get(r[0], 0),
        )
        for r in found
    )


def nature_labels(session: Session) -> dict[str, str]:
    return dict(session.execute(select(LogbookNature.code, LogbookNature.label)).all())


# -- erasure --------------------------------------------------------------------------------------------


def recorded_before(session: Session, cutoff: datetime, limit: int) -> list[str]:
    return list(session.execute(
        text("SELECT id FROM logbook_entries WHERE created_at < :cutoff ORDER BY created_at LIMIT :limit"),
        {"cutoff": db_time(cutoff), "limit": limit},
    ).scalars())


def _in(ids: list[str], prefix: str = "i") -> tuple[str, dict]:
    return ", ".join(f":{prefix}{n}" for n in range(len(ids))), {f"{prefix}{n}": v for n, v in enumerate(ids)}


def erase_entries(session: Session, ids: list[str], blobs: BlobStore) -> list[Path]:
    """Erase entries with their agents, people, versions, attachments, index rows and unsent sync rows.

    Returns the attachment files no record names any more, to remove once this commits.
    """
    if not ids:
        return []
    marks, params = _in(ids)
    children = []
    for table in ("logbook_agents", "logbook_people", "logbook_versions", "logbook_attachments"):
        children += session.execute(text(f"SELECT id FROM {table} WHERE entry_id IN ({marks})"), params).scalars()
    names = set()
    for column in ("blob", "thumbnail_blob"):
        names |= set(session.execute(
            text(f"SELECT {column} FROM logbook_attachments WHERE entry_id IN ({marks}) AND {column} IS NOT NULL"),
            params).scalars())
    session.execute(text(f"DELETE FROM logbook_search WHERE rowid IN "
                         f"(SELECT search_rowid FROM logbook_entries WHERE id IN ({marks}))"), params)
    for table in ("logbook_agents", "logbook_people", "logbook_versions", "logbook_attachments"):
        session.execute(text(f"DELETE FROM {table} WHERE entry_id IN ({marks})"), params)
    session.execute(text(f"DELETE FROM logbook_entries WHERE id IN ({marks})"), params)
    _forget_sync_rows(session, ids + children)
    session.expire_all()
    return [blobs.path(name) for name in unreferenced(session, names)]


def erase_people(session: Session, entry_id: str) -> None:
    """Erase the people of an entry: their rows, their names in the index and in every kept version."""
    person_ids = list(session.execute(
        text("SELECT id FROM logbook_people WHERE entry_id = :e"), {"e": entry_id}).scalars())
    session.execute(text("DELETE FROM logbook_people WHERE entry_id = :e"), {"e": entry_id})
    session.execute(
        text("UPDATE logbook_search SET people = '' WHERE rowid = "
             "(SELECT search_rowid FROM logbook_entries WHERE id = :e)"), {"e": entry_id})
    version_ids = []
    for version_id, state in session.execute(
            text("SELECT id, state FROM logbook_versions WHERE entry_id = :e"), {"e": entry_id}).all():
        kept = json.loads(state)
        kept["people"] = []
        session.execute(text("UPDATE logbook_versions SET state = :s WHERE id = :i"),
                        {"s": state_json(kept), "i": version_id})
        version_ids.append(version_id)
    _forget_sync_rows(session, person_ids + version_ids)
    session.expire_all()


def erase_attachments(session: Session, entry_id: str, blobs: BlobStore) -> list[Path]:
    """Erase an entry's attachments, in its rows and in every kept version; returns the files to remove."""
    rows = session.execute(text("SELECT id, blob, thumbnail_blob FROM logbook_attachments WHERE entry_id = :e"),
                           {"e": entry_id}).all()
    names = {name for row in rows for name in row[1:] if name}
    session.execute(text("DELETE FROM logbook_attachments WHERE entry_id = :e"), {"e": entry_id})
    version_ids = []
    for version_id, state in session.execute(
            text("SELECT id, state FROM logbook_versions WHERE entry_id = :e"), {"e": entry_id}).all():
        kept = json.loads(state)
        kept["attachments"] = []
        session.execute(text("UPDATE logbook_versions SET state = :s WHERE id = :i"),
                        {"s": state_json(kept), "i": version_id})
        version_ids.append(version_id)
    _forget_sync_rows(session, [row[0] for row in rows] + version_ids)
    session.expire_all()
    return [blobs.path(name) for name in unreferenced(session, names)]


def _forget_sync_rows(session: Session, record_ids: list[str]) -> None:
    """Rows waiting for the sync server carry the records' content: erased records take theirs along."""
    for start in range(0, len(record_ids), 500):
        marks, params = _in(record_ids[start:start + 500])
        session.execute(text(f"DELETE FROM sync_outbox WHERE record_id IN ({marks})"), params)


def unreferenced(session: Session, names: set[str]) -> list[str]:
    """Of these blob names, those no table names any more."""
    gone = []
    for name in sorted(names):
        used = any(
            session.execute(text(f"SELECT 1 FROM {table} WHERE {column} = :n LIMIT 1"), {"n": name}).first()
            for table, column in BLOB_COLUMNS
        )
        if not used:
            gone.append(name)
    return gone
