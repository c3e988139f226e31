"""The log's lists: pages by keyset or offset, counts, today's rows, full-text search pages.

Like app/logbook/store.py, everything here takes the caller's session and
neither checks rights nor journals.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.logbook.store import PEOPLE_COLUMNS, TEXT_COLUMNS, db_time, from_db_time, place_key
from app.logbook.types import EntryRow, ListFilter, Page, PageCursor, SortKey
from app.models.logbook import Channel, EntryStatus, LogbookNature
from app.store.fts import match_expression

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
    people: dict[str, int] = dict(session.execute(text(
        f"SELECT entry_id, count(*) FROM logbook_people WHERE entry_id IN ({marks}) GROUP BY entry_id"), params).all())
    files: dict[str, int] = dict(session.execute(text(
        f"SELECT entry_id, count(*) FROM logbook_attachments WHERE entry_id IN ({marks}) GROUP BY entry_id"),
        params).all())
    labels = nature_labels(session)
    return tuple(
        EntryRow(
            id=r[0], number=r[1], requested_at=datetime.fromisoformat(r[2]).replace(tzinfo=UTC), channel=Channel(r[3]), nature_code=r[4],
            nature_label=labels.get(r[4], r[4]), subject=r[5], address=r[6], status=EntryStatus(r[7]),
            started_at=from_db_time(r[8]), ended_at=from_db_time(r[9]), document_number=r[10],
            agents=tuple(agents.get(r[0], ())), people_count=people.get(r[0], 0),
            attachment_count=files.get(r[0], 0),
        )
        for r in found
    )


def nature_labels(session: Session) -> dict[str, str]:
    return dict(session.execute(select(LogbookNature.code, LogbookNature.label)).all())
