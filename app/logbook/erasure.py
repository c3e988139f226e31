"""Erasing main courante records: whole entries (retention, an administrator) or one entry's personal data.

Each erased record leaves a tombstone through the kernel (work.erased), which
also drops its states still waiting in the outbox: they hold what was erased.
Attachment files are returned, to be removed once the work has committed
(app.kernel.retention.remove_files); a file another row still names stays.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.kernel.work import Work
from app.logbook import store
from app.logbook.base import keep_version
from app.logbook.kinds import AGENT, ATTACHMENT, ENTRY, PERSON, VERSION
from app.logbook.types import Change, EntryNotFound
from app.models.logbook import LogbookEntry, LogbookVersion
from app.store.attachments import BlobStore

# Blob columns of every table that holds attachment files: a file goes when none of them names it.
BLOB_COLUMNS = (("logbook_attachments", "blob"), ("logbook_attachments", "thumbnail_blob"))

# The tables that hang on an entry, with the kind their rows are.
CHILD_TABLES = (("logbook_agents", AGENT.name), ("logbook_people", PERSON.name),
                ("logbook_versions", VERSION.name), ("logbook_attachments", ATTACHMENT.name))

# Ids per statement: well under SQLite's limit of bound parameters.
CHUNK = 500


def recorded_before(session: Session, cutoff: datetime, limit: int) -> list[str]:
    """Retention: the entries recorded before *cutoff*, oldest first."""
    return list(session.execute(
        text("SELECT id FROM logbook_entries WHERE created_at < :cutoff ORDER BY created_at LIMIT :limit"),
        {"cutoff": store.db_time(cutoff), "limit": limit},
    ).scalars())


def erase_entries(work: Work, ids: list[str], blobs: BlobStore) -> list[Path]:
    """Erase entries with their agents, people, versions, attachments and index rows; a tombstone each."""
    if not ids:
        return []
    session = work.session
    marks, params = _in(ids)
    names: set[str] = set()
    for column in ("blob", "thumbnail_blob"):
        names |= set(session.execute(
            text(f"SELECT {column} FROM logbook_attachments WHERE entry_id IN ({marks}) AND {column} IS NOT NULL"),
            params).scalars())
    session.execute(text(f"DELETE FROM logbook_search WHERE rowid IN "
                         f"(SELECT search_rowid FROM logbook_entries WHERE id IN ({marks}))"), params)
    for table, kind in CHILD_TABLES:
        children = list(session.execute(text(f"SELECT id FROM {table} WHERE entry_id IN ({marks})"), params).scalars())
        session.execute(text(f"DELETE FROM {table} WHERE entry_id IN ({marks})"), params)
        work.erased(kind, *children)
    session.execute(text(f"DELETE FROM logbook_entries WHERE id IN ({marks})"), params)
    work.erased(ENTRY.name, *ids)
    session.expire_all()
    return [blobs.path(name) for name in unreferenced(session, names)]


@dataclass(frozen=True)
class _Scrubbed:
    person_ids: list[str]
    attachment_ids: list[str]
    blob_names: set[str]
    versions: list[LogbookVersion]


def erase_personal_data(work: Work, entry_id: str, blobs: BlobStore) -> list[Path]:
    """A court outcome (acquittal, dismissal, non-lieu): the entry's people and attachments go now.

    They go from the entry and from every kept version; the entry moves to a
    new version that says so, and the rewritten versions travel again in
    place of their states still waiting in the outbox.
    """
    session = work.session
    entry = session.get(LogbookEntry, entry_id)
    if entry is None:
        raise EntryNotFound
    scrubbed = _scrub(session, entry_id)
    work.erased(PERSON.name, *scrubbed.person_ids)
    work.erased(ATTACHMENT.name, *scrubbed.attachment_ids)
    for version in scrubbed.versions:
        version.version += 1
    kept = keep_version(work, entry, store.entry_state(session, entry), Change.PERSONAL_DATA_ERASED)
    work.queue(entry, kept)
    work.scrubbed(*scrubbed.versions)
    return [blobs.path(name) for name in unreferenced(session, scrubbed.blob_names)]


def _scrub(session: Session, entry_id: str) -> _Scrubbed:
    """Delete the entry's people and attachments, and blank them in the index and every kept version."""
    params = {"e": entry_id}
    person_ids = list(session.execute(text("SELECT id FROM logbook_people WHERE entry_id = :e"), params).scalars())
    files = session.execute(text("SELECT id, blob, thumbnail_blob FROM logbook_attachments WHERE entry_id = :e"),
                            params).all()
    session.execute(text("DELETE FROM logbook_people WHERE entry_id = :e"), params)
    session.execute(text("DELETE FROM logbook_attachments WHERE entry_id = :e"), params)
    session.execute(text("UPDATE logbook_search SET people = '' WHERE rowid = "
                         "(SELECT search_rowid FROM logbook_entries WHERE id = :e)"), params)
    session.expire_all()
    versions = list(session.scalars(select(LogbookVersion).where(LogbookVersion.entry_id == entry_id)))
    for version in versions:
        state = json.loads(version.state)
        state["people"], state["attachments"] = [], []
        version.state = store.state_json(state)
    return _Scrubbed(person_ids, [row[0] for row in files], {name for row in files for name in row[1:] if name},
                     versions)


def _in(ids: list[str], prefix: str = "i") -> tuple[str, dict]:
    return ", ".join(f":{prefix}{n}" for n in range(len(ids))), {f"{prefix}{n}": v for n, v in enumerate(ids)}


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
