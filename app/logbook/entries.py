"""Entries of the main courante: create, update, close and reopen, link a writing, read, history, erase."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy import select

from app.audit.journal import Actor
from app.ids import new_id
from app.kernel import numbering
from app.kernel.retention import remove_files
from app.kernel.rights import Access, Permission
from app.logbook import store
from app.logbook.base import COMPARTMENT, RECORD_KIND, SERIES, LogbookBase, history_item
from app.logbook.drafts import drop_draft
from app.logbook.erasure import erase_entries
from app.logbook.history import history_items
from app.logbook.types import (
    Change,
    EntryData,
    EntryDetail,
    EntryHistoryItem,
    InputWarning,
    OnLegalHold,
    PersonData,
    Saved,
)
from app.logbook.validation import check_references, clean_entry, clean_person, entry_fields, line
from app.models import LegalHold, Operation
from app.models.logbook import EntryStatus, LogbookEntry, LogbookPerson


class EntryCases(LogbookBase):
    def check(self, data: EntryData) -> tuple[InputWarning, ...]:
        """Validate *data* as a save would (without the nomenclature and accounts); returns its warnings."""
        return clean_entry(data, self.clock.now())[1]

    def save(self, actor: Actor, data: EntryData, *, entry_id: str | None = None,
             expected_version: int | None = None, people: Sequence[PersonData] = (),
             draft_key: str | None = None) -> Saved:
        """The form's Ctrl+S: create when *entry_id* is None, else update (people are edited apart)."""
        if entry_id is None:
            return self.create(actor, data, people, draft_key=draft_key)
        return self.update(actor, entry_id, data, expected_version=expected_version, draft_key=draft_key)

    def create(self, actor: Actor, data: EntryData, people: Sequence[PersonData] = (), *,
               draft_key: str | None = None) -> Saved:
        """Record a new entry with its number; the draft *draft_key* goes in the same transaction."""
        clean, warnings = clean_entry(data, self.clock.now())
        today = self.clock.now().astimezone().date()
        checked_people = [clean_person(p, clean.requested_at, today) for p in people]
        warnings += tuple(w for _, found in checked_people for w in found)
        with self.kernel.work(actor, COMPARTMENT, Access.WRITE) as work:
            session = work.session
            check_references(session, clean)
            now = work.now
            number = numbering.next_number(session, SERIES, now)
            entry = LogbookEntry(
                id=new_id(), version=1, search_rowid=store.next_search_rowid(session), number=number.text,
                year=number.year, serial=number.serial, place_key=store.place_key(clean.address),
                status=EntryStatus.OPEN, writing_id=None, last_change=str(Change.CREATED),
                created_by=actor.user_id, created_at=now, updated_by=actor.user_id, updated_at=now,
                closed_at=None, **entry_fields(clean),
            )
            session.add(entry)
            agents = self._set_agents(work, entry, clean.agent_ids, existing=[])
            rows = [LogbookPerson(id=new_id(), version=1, entry_id=entry.id, position=position, created_at=now,
                                  updated_at=now, **fields) for position, (fields, _) in enumerate(checked_people)]
            session.add_all(rows)
            session.flush()
            store.index_entry(session, entry, replace=False, people=rows)
            work.journal(Operation.CREATE, entry.id, kind=RECORD_KIND)
            work.queue(entry, *agents, *rows)
            if draft_key:
                drop_draft(session, actor, draft_key)
            detail = store.detail_from_state(session, store.entry_state(session, entry, agents, rows, []))
            work.commit()
        return Saved(detail, warnings, history_item(detail, Change.CREATED, ()))

    def create_from_request(self, actor: Actor, request_id: str, data: EntryData,
                            people: Sequence[PersonData] = ()) -> Saved:
        """The requests module's hook: an entry made from a request keeps the request's id."""
        return self.create(actor, replace(data, request_id=request_id), people)

    def update(self, actor: Actor, entry_id: str, data: EntryData, *, expected_version: int | None,
               draft_key: str | None = None) -> Saved:
        """Save the form over the entry as it was at *expected_version* (EditConflict if it moved since).

        The request and the writing the entry is linked to are kept; a save that
        changes nothing makes no new version.
        """
        clean, warnings = clean_entry(data, self.clock.now())
        with self.kernel.work(actor, COMPARTMENT, Access.WRITE) as work:
            session = work.session
            entry = self._for_change(session, entry_id, expected_version)
            check_references(session, clean, keep_nature=entry.nature_code)
            before = store.entry_state(session, entry)
            for key, value in entry_fields(clean).items():
                if key == "request_id":
                    continue
                if key == "document_number" and not value:
                    continue  # a form that does not show the link does not erase it
                setattr(entry, key, value)
            entry.place_key = store.place_key(clean.address)
            old_agents = store.agents_of(session, entry.id)
            agents = self._set_agents(work, entry, clean.agent_ids, existing=old_agents)
            made = self._new_version(work, entry, before, Change.UPDATED, [] if agents is old_agents else agents)
            if draft_key:
                drop_draft(session, actor, draft_key)
            saved = self._saved(session, entry, made, warnings)
            if made is not None or draft_key:
                work.commit()
        return saved

    def close(self, actor: Actor, entry_id: str, *, expected_version: int | None = None) -> Saved:
        return self._set_status(actor, entry_id, expected_version, EntryStatus.CLOSED)

    def reopen(self, actor: Actor, entry_id: str, *, expected_version: int | None = None) -> Saved:
        return self._set_status(actor, entry_id, expected_version, EntryStatus.OPEN)

    def _set_status(self, actor: Actor, entry_id: str, expected_version: int | None,
                    status: EntryStatus) -> Saved:
        with self.kernel.work(actor, COMPARTMENT, Access.WRITE) as work:
            session = work.session
            entry = self._for_change(session, entry_id, expected_version)
            made = None
            if entry.status != status:
                before = store.entry_state(session, entry)
                entry.status = status
                entry.closed_at = work.now if status is EntryStatus.CLOSED else None
                change = Change.CLOSED if status is EntryStatus.CLOSED else Change.REOPENED
                made = self._new_version(work, entry, before, change)
            saved = self._saved(session, entry, made)
            work.commit()
        return saved

    def link_writing(self, actor: Actor, entry_id: str, writing_id: str, number: str) -> Saved:
        """The writings module's hook: the rapport or PV *number* (record *writing_id*) followed this entry.

        An entry may lead to several writings: their numbers are listed, the
        newest writing's id is kept.
        """
        number = line(number, "document_number", 40, required=True)
        with self.kernel.work(actor, COMPARTMENT, Access.WRITE) as work:
            session = work.session
            entry = self._for_change(session, entry_id, None)
            before = store.entry_state(session, entry)
            numbers = [n for n in (part.strip() for part in entry.document_number.split(",")) if n]
            if number not in numbers:
                numbers.append(number)
            entry.document_number = ", ".join(numbers)[:200]
            entry.writing_id = writing_id
            made = self._new_version(work, entry, before, Change.WRITING_LINKED)
            saved = self._saved(session, entry, made)
            work.commit()
        return saved

    def unlink_writing(self, actor: Actor, entry_id: str, writing_id: str, number: str) -> Saved | None:
        """The writings module's hook: the draft *number* (record *writing_id*) was deleted, its number voided.

        The entry no longer lists that number, nor keeps that writing's id; None when it showed neither.
        """
        with self.kernel.work(actor, COMPARTMENT, Access.WRITE) as work:
            session = work.session
            entry = self._for_change(session, entry_id, None)
            before = store.entry_state(session, entry)
            numbers = [n for n in (part.strip() for part in entry.document_number.split(",")) if n]
            entry.document_number = ", ".join(n for n in numbers if n != number)
            if entry.writing_id == writing_id:
                entry.writing_id = None
            made = self._new_version(work, entry, before, Change.WRITING_UNLINKED)
            if made is None:
                return None
            saved = self._saved(session, entry, made)
            work.commit()
        return saved

    def get(self, actor: Actor, entry_id: str) -> EntryDetail:
        """One entry, whole: its people and attachments too. Journaled as a consultation."""
        with self.kernel.work(actor, COMPARTMENT, Access.READ) as work:
            detail = self._detail(work.session, self._entry(work.session, entry_id))
            work.journal(Operation.CONSULT, entry_id, kind=RECORD_KIND)
            work.commit()
        return detail

    def history(self, actor: Actor, entry_id: str) -> tuple[EntryHistoryItem, ...]:
        """Every version of the entry, oldest first (two stations' concurrent versions of one number
        both, each with its station: app/logbook/history.py); the entry as it is now among the last."""
        with self.kernel.work(actor, COMPARTMENT, Access.READ) as work:
            session = work.session
            items = history_items(session, self._entry(session, entry_id))
            work.journal(Operation.CONSULT, entry_id, kind=RECORD_KIND, detail="history")
            work.commit()
        return items

    def erase(self, actor: Actor, entry_id: str, reason: str) -> None:
        """An administrator erases an entry before its time, with a reason; its number is voided."""
        reason = line(reason, "reason", 2000, required=True)
        self.station.rights.require(actor, Permission.ADMINISTER_STATION)
        with self.kernel.work(actor, COMPARTMENT, Access.ADMINISTER) as work:
            session = work.session
            entry = self._entry(session, entry_id)
            hold = session.scalars(select(LegalHold).where(
                LegalHold.record_kind == RECORD_KIND, LegalHold.record_id == entry_id,
                LegalHold.released_at.is_(None), LegalHold.until > work.now,
            ).order_by(LegalHold.until.desc())).first()
            if hold is not None:
                raise OnLegalHold(until=hold.until.astimezone().date().isoformat())
            number = numbering.Number(entry.year, entry.serial)
            files = erase_entries(work, [entry_id], self.blobs)
            numbering.void(session, SERIES, number, reason, actor.user_id, work.now)
            work.journal(Operation.ERASE, entry_id, kind=RECORD_KIND, motive=reason,
                         detail="erased by an administrator")
            work.commit()
        remove_files(files)
