"""What every part of LogbookService shares: its kernel, the attachment store, and the steps of a change.

The use cases live in one module per area (entries, people, attachments,
drafts, natures, lists); each is a mixin over LogbookBase, and
app/logbook/service.py composes them into the one LogbookService.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.journal import Actor
from app.errors import AccessDenied
from app.ids import new_id
from app.kernel.rights import Access, Compartment, current, granted
from app.kernel.work import Kernel
from app.logbook import store
from app.logbook.types import Change, EditConflict, EntryDetail, EntryNotFound
from app.models import LogbookVersion, Operation, User
from app.models.logbook import LogbookAgent, LogbookEntry
from app.store.attachments import BlobStore

COMPARTMENT = Compartment.MAIN_COURANTE
RECORD_KIND = "logbook_entry"
SERIES = "main_courante"
PAGE_SIZE = 100


class LogbookBase:
    def __init__(self, kernel: Kernel) -> None:
        self.kernel = kernel
        self.station = station = kernel.station
        self.blobs = BlobStore(station.paths.attachments, station.clock)

    @property
    def clock(self):
        return self.station.clock

    # -- rights and units of work --------------------------------------------------------------

    @contextmanager
    def _work(self, actor: Actor, access: Access, *, read_only: bool = False) -> Iterator:
        """A unit of work in which *actor* holds *access* on the main courante.

        The right is read in the same transaction; a refusal is journaled by
        Rights in a transaction of its own, once this one is closed. A
        read-only unit (lists, counts) takes no lock and waits for no writer.
        """
        with (self.station.read() if read_only else self.station.uow()) as uow:
            if granted(uow.session, current(uow.session, actor), COMPARTMENT, access):
                yield uow
                return
        self.station.rights.require_compartment(actor, COMPARTMENT, access)
        raise AccessDenied(what=str(COMPARTMENT))  # granted between the two reads: refuse all the same

    def _journal(self, session: Session, operation: Operation, actor: Actor, record_id: str = "",
                 detail: str = "", motive: str = "", record_kind: str = RECORD_KIND) -> None:
        self.station.journal.append(session, operation, actor, compartment=str(COMPARTMENT),
                                    record_kind=record_kind, record_id=record_id, motive=motive, detail=detail)

    def _queue(self, session: Session, record, kind: str) -> None:
        self.kernel.queue(session, record)  # its kind follows from its model

    # -- inside a transaction -------------------------------------------------------------------------

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
        session.flush()
        return store.detail_from_state(session, store.entry_state(session, entry))

    def _set_agents(self, session: Session, entry: LogbookEntry, agent_ids: tuple[str, ...],
                    existing: list[LogbookAgent] | None = None) -> list[LogbookAgent]:
        """The entry's agents, in the form's order, with the name and matricule they have today."""
        rows = store.agents_of(session, entry.id) if existing is None else existing
        if [r.user_id for r in rows] == list(agent_ids):
            return rows
        for row in rows:
            session.delete(row)
        if rows:
            session.flush()
        users = {u.id: u for u in session.scalars(select(User).where(User.id.in_(agent_ids)))} if agent_ids else {}
        made = [LogbookAgent(id=new_id(), version=1, entry_id=entry.id, user_id=user_id,
                             full_name=users[user_id].full_name, matricule=users[user_id].matricule,
                             position=position) for position, user_id in enumerate(agent_ids)]
        session.add_all(made)
        return made

    def _new_version(self, session: Session, actor: Actor, entry: LogbookEntry, before: dict, change: Change,
                     records: list | None = None, detail: str = "") -> bool:
        """Keep *before* in the history and make the entry's next version; False when nothing changed."""
        session.flush()
        after = store.entry_state(session, entry)
        fields = store.changed_fields(before, after)
        if not fields:
            return False
        now = self.clock.now()
        kept = LogbookVersion(id=new_id(), version=1, entry_id=entry.id, entry_version=before["entry"]["version"],
                              state=store.state_json(before), replaced_by=actor.user_id, replaced_at=now)
        session.add(kept)
        entry.version = before["entry"]["version"] + 1
        entry.last_change = str(change)
        entry.updated_by = actor.user_id
        entry.updated_at = now
        store.index_entry(session, entry, replace=True)
        self._journal(session, Operation.MODIFY, actor, entry.id,
                      detail=detail or f"{change}: {', '.join(fields)}")
        self._queue(session, entry, RECORD_KIND)
        self._queue(session, kept, "logbook_version")
        for record, kind in records or ():
            self._queue(session, record, kind)
        return True
