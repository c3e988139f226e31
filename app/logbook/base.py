"""What every part of LogbookService shares: its kernel, the attachment store, and the steps of a change.

The use cases live in one module per area (entries, people, attachments,
drafts, natures, lists); each is a mixin over LogbookBase, and
app/logbook/service.py composes them into the one LogbookService. Every
unit of work is the kernel's (app/kernel/work.py): the right is read in its
own transaction, the journal entry and the outbox rows commit with the change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.ids import new_id
from app.kernel.rights import Compartment
from app.kernel.settings import read_setting
from app.kernel.work import Kernel, Work
from app.logbook import store
from app.logbook.types import Change, EditConflict, EntryDetail, EntryHistoryItem, EntryNotFound, InputWarning, Saved
from app.models import LogbookVersion, Operation, User
from app.models.base import Base
from app.models.logbook import LogbookAgent, LogbookAttachment, LogbookEntry
from app.store.attachments import BlobStore

if TYPE_CHECKING:
    from app.clock import Clock
    from app.kernel.station import Station

COMPARTMENT = Compartment.MAIN_COURANTE
RECORD_KIND = "logbook_entry"
SERIES = "main_courante"
PAGE_SIZE = 100


class LogbookBase:
    def __init__(self, kernel: Kernel) -> None:
        self.kernel = kernel
        self.station: Station = kernel.station
        self.blobs = BlobStore(self.station.paths.attachments, self.station.clock)

    @property
    def clock(self) -> Clock:
        return self.kernel.clock

    # -- inside a unit of work ------------------------------------------------------------------------

    @staticmethod
    def _entry(session: Session, entry_id: str) -> LogbookEntry:
        entry = session.get(LogbookEntry, entry_id)
        if entry is None:
            raise EntryNotFound
        return entry

    def _for_change(self, session: Session, entry_id: str, expected_version: int | None) -> LogbookEntry:
        entry = self._entry(session, entry_id)
        if expected_version is not None and entry.version != expected_version:
            names = store.user_names(session, {entry.updated_by})
            raise EditConflict(who=names.get(entry.updated_by, "?"),
                               when=entry.updated_at.astimezone().strftime("%d/%m/%Y %H:%M"))
        return entry

    def _detail(self, session: Session, entry: LogbookEntry) -> EntryDetail:
        """The entry as it stands; an attachment whose file has not arrived by sync yet says so."""
        session.flush()
        detail = store.detail_from_state(session, store.entry_state(session, entry))
        if not detail.attachments:
            return detail
        files = dict(session.execute(select(LogbookAttachment.id, LogbookAttachment.blob)
                                     .where(LogbookAttachment.entry_id == entry.id)).all())
        return replace(detail, attachments=tuple(
            replace(info, receiving=not self.blobs.holds(files.get(info.id, ""))) for info in detail.attachments))

    def _saved(self, session: Session, entry: LogbookEntry, made: tuple[str, ...] | None,
               warnings: tuple[InputWarning, ...] = ()) -> Saved:
        """The entry as it now stands; with the history line of the version just made, if one was."""
        detail = self._detail(session, entry)
        item = None if made is None else history_item(detail, Change(entry.last_change), made,
                                                       read_setting(session, "station_number"))
        return Saved(detail, warnings, item)

    @staticmethod
    def _set_agents(work: Work, entry: LogbookEntry, agent_ids: tuple[str, ...],
                    existing: list[LogbookAgent] | None = None) -> list[LogbookAgent]:
        """The entry's agents, in the form's order, with the name and matricule they have today.

        Rows of agents replaced are gone: each leaves a tombstone. The new rows are the caller's to queue.
        """
        session = work.session
        rows = store.agents_of(session, entry.id) if existing is None else existing
        if [r.user_id for r in rows] == list(agent_ids):
            return rows
        for row in rows:
            session.delete(row)
        if rows:
            session.flush()
            work.erased("logbook_agent", *(row.id for row in rows))
        users = {u.id: u for u in session.scalars(select(User).where(User.id.in_(agent_ids)))} if agent_ids else {}
        made = [LogbookAgent(id=new_id(), version=1, entry_id=entry.id, user_id=user_id,
                             full_name=users[user_id].full_name, matricule=users[user_id].matricule,
                             position=position) for position, user_id in enumerate(agent_ids)]
        session.add_all(made)
        return made

    def _new_version(self, work: Work, entry: LogbookEntry, before: dict, change: Change,
                     records: Sequence[Base] = (), detail: str = "") -> tuple[str, ...] | None:
        """Keep *before* in the history and make the entry's next version, journaled and queued.

        Returns the names of what changed, or None when nothing did (and no version is made).
        """
        session = work.session
        session.flush()
        fields = store.changed_fields(before, store.entry_state(session, entry))
        if not fields:
            return None
        kept = keep_version(work, entry, before, change)
        store.index_entry(session, entry, replace=True)
        work.journal(Operation.MODIFY, entry.id, kind=RECORD_KIND, detail=detail or f"{change}: {', '.join(fields)}")
        work.queue(entry, kept, *records)
        return fields


def keep_version(work: Work, entry: LogbookEntry, before: dict, change: Change) -> LogbookVersion:
    """*before* kept in the history, and the entry moved to its next version (not yet queued)."""
    now = work.now
    author = work.actor.user_id if work.actor is not None else entry.updated_by
    kept = LogbookVersion(id=new_id(), version=1, entry_id=entry.id, entry_version=before["entry"]["version"],
                          state=store.state_json(before), replaced_by=author, replaced_at=now,
                          station_number=read_setting(work.session, "station_number"))
    work.session.add(kept)
    entry.version = before["entry"]["version"] + 1
    entry.last_change = str(change)
    entry.updated_by = author
    entry.updated_at = now
    return kept


def history_item(detail: EntryDetail, change: Change, changed_fields: tuple[str, ...],
                 station: int = 0) -> EntryHistoryItem:
    """The history's line of the version *detail* is, as history() gives it: made on *station*
    (a first version has none, as its history names the station of the change that replaced one)."""
    return EntryHistoryItem(
        version=detail.version, change=change, changed_at=detail.updated_at,
        changed_by=detail.updated_by, changed_by_name=detail.updated_by_name, changed_fields=changed_fields,
        record=detail, station=station,
    )
