"""Entries of the main courante: create, update, close and reopen, link a writing, read, history, erase."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy import select

from app.audit.journal import Actor
from app.ids import new_id
from app.kernel import numbering
from app.kernel.retention import remove_files
from app.kernel.rights import Access, Permission
from app.logbook import store
from app.logbook.base import RECORD_KIND, SERIES, LogbookBase
from app.logbook.drafts import drop_draft
from app.logbook.types import (
    Change,
    EntryData,
    EntryDetail,
    HistoryItem,
    InputWarning,
    OnLegalHold,
    PersonData,
    Saved,
)
from app.logbook.validation import check_references, clean_entry, clean_person, entry_fields, line
from app.models import LegalHold, LogbookVersion, Operation
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
        with self._work(actor, Access.WRITE) as uow:
            session = uow.session
            check_references(session, clean)
            now = self.clock.now()
            number = numbering.next_number(session, SERIES, now)
            entry = LogbookEntry(
                id=new_id(), version=1, search_rowid=store.next_search_rowid(session), number=number.text,
                year=number.year, serial=number.serial, place_key=store.place_key(clean.address),
                status=EntryStatus.OPEN, writing_id=None, last_change=str(Change.CREATED),
                created_by=actor.user_id, created_at=now, updated_by=actor.user_id, updated_at=now,
                closed_at=None, **entry_fields(clean),
            )
            session.add(entry)
            agents = self._set_agents(session, entry, clean.agent_ids, existing=[])
            rows = [LogbookPerson(id=new_id(), version=1, entry_id=entry.id, position=position, created_at=now,
                                  updated_at=now, **fields) for position, (fields, _) in enumerate(checked_people)]
            session.add_all(rows)
            session.flush()
            store.index_entry(session, entry, replace=False, people=rows)
            self._journal(session, Operation.CREATE, actor, entry.id)
            self._queue(session, entry, RECORD_KIND)
            for record, kind in [(a, "logbook_agent") for a in agents] + [(p, "logbook_person") for p in rows]:
                self._queue(session, record, kind)
            if draft_key:
                drop_draft(session, actor, draft_key)
            detail = store.detail_from_state(session, store.entry_state(session, entry, agents, rows, []))
            uow.commit()
        return Saved(detail, warnings)

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
        with self._work(actor, Access.WRITE) as uow:
            session = uow.session
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
            agents = self._set_agents(session, entry, clean.agent_ids, existing=old_agents)
            records = [] if agents is old_agents else [(agent, "logbook_agent") for agent in agents]
            changed = self._new_version(session, actor, entry, before, Change.UPDATED, records)
            if draft_key:
                drop_draft(session, actor, draft_key)
            detail = self._detail(session, entry)
            if changed or draft_key:
                uow.commit()
        return Saved(detail, warnings)

    def close(self, actor: Actor, entry_id: str, *, expected_version: int | None = None) -> Saved:
        return self._set_status(actor, entry_id, expected_version, EntryStatus.CLOSED)

    def reopen(self, actor: Actor, entry_id: str, *, expected_version: int | None = None) -> Saved:
        return self._set_status(actor, entry_id, expected_version, EntryStatus.OPEN)

    def _set_status(self, actor: Actor, entry_id: str, expected_version: int | None,
                    status: EntryStatus) -> Saved:
        with self._work(actor, Access.WRITE) as uow:
            session = uow.session
            entry = self._for_change(session, entry_id, expected_version)
            if entry.status != status:
                before = store.entry_state(session, entry)
                entry.status = status
                entry.closed_at = self.clock.now() if status is EntryStatus.CLOSED else None
                change = Change.CLOSED if status is EntryStatus.CLOSED else Change.REOPENED
                self._new_version(session, actor, entry, before, change)
            detail = self._detail(session, entry)
            uow.commit()
        return Saved(detail)

    def link_writing(self, actor: Actor, entry_id: str, writing_id: str, number: str) -> Saved:
        """The writings module's hook: the rapport or PV *number* (record *writing_id*) followed this entry.

        An entry may lead to several writings: their numbers are listed, the
        newest writing's id is kept.
        """
        number = line(number, "document_number", 40, required=True)
        with self._work(actor, Access.WRITE) as uow:
            session = uow.session
            entry = self._for_change(session, entry_id, None)
            before = store.entry_state(session, entry)
            numbers = [n for n in (part.strip() for part in entry.document_number.split(",")) if n]
            if number not in numbers:
                numbers.append(number)
            entry.document_number = ", ".join(numbers)[:200]
            entry.writing_id = writing_id
            self._new_version(session, actor, entry, before, Change.WRITING_LINKED)
            detail = self._detail(session, entry)
            uow.commit()
        return Saved(detail)

    def get(self, actor: Actor, entry_id: str) -> EntryDetail:
        """One entry, whole: its people and attachments too. Journaled as a consultation."""
        with self._work(actor, Access.READ) as uow:
            entry = self._entry(uow.session, entry_id)
            detail = self._detail(uow.session, entry)
            self._journal(uow.session, Operation.CONSULT, actor, entry_id)
            uow.commit()
        return detail

    def history(self, actor: Actor, entry_id: str) -> tuple[HistoryItem, ...]:
        """Every version of the entry, oldest first; the last one is the entry as it is now."""
        with self._work(actor, Access.READ) as uow:
            session = uow.session
            entry = self._entry(session, entry_id)
            kept = session.scalars(select(LogbookVersion.state).where(LogbookVersion.entry_id == entry_id)
                                   .order_by(LogbookVersion.entry_version)).all()
            states = [json.loads(state) for state in kept] + [store.entry_state(session, entry)]
            items = []
            for index, state in enumerate(states):
                detail = store.detail_from_state(session, state)
                items.append(HistoryItem(
                    version=detail.version, change=store.change_of(state), changed_at=detail.updated_at,
                    changed_by=detail.updated_by, changed_by_name=detail.updated_by_name,
                    changed_fields=store.changed_fields(states[index - 1], state) if index else (),
                    entry=detail,
                ))
            self._journal(session, Operation.CONSULT, actor, entry_id, detail="history")
            uow.commit()
        return tuple(items)

    def erase(self, actor: Actor, entry_id: str, reason: str) -> None:
        """An administrator erases an entry before its time, with a reason; its number is voided."""
        reason = line(reason, "reason", 2000, required=True)
        self.station.rights.require(actor, Permission.ADMINISTER_STATION)
        with self._work(actor, Access.ADMINISTER) as uow:
            session = uow.session
            entry = self._entry(session, entry_id)
            hold = session.scalars(select(LegalHold).where(
                LegalHold.record_kind == RECORD_KIND, LegalHold.record_id == entry_id,
                LegalHold.released_at.is_(None), LegalHold.until > self.clock.now(),
            ).order_by(LegalHold.until.desc())).first()
            if hold is not None:
                raise OnLegalHold(until=hold.until.astimezone().date().isoformat())
            number = numbering.Number(entry.year, entry.serial)
            files = store.erase_entries(session, [entry_id], self.blobs)
            numbering.void(session, SERIES, number, reason, actor.user_id, self.clock.now())
            self._journal(session, Operation.ERASE, actor, entry_id, motive=reason,
                          detail="erased by an administrator")
            uow.commit()
        remove_files(files)
