"""People recorded on an entry: each addition, correction or removal is a new version of the entry."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.audit.journal import Actor
from app.errors import NotFound
from app.ids import new_id
from app.kernel.rights import Access
from app.logbook import store
from app.logbook.base import COMPARTMENT, LogbookBase
from app.logbook.types import Change, PersonData, Saved
from app.logbook.validation import NO_PERSON, clean_person
from app.models.logbook import LogbookPerson


class PersonCases(LogbookBase):
    def add_person(self, actor: Actor, entry_id: str, person: PersonData, *,
                   expected_version: int | None = None) -> Saved:
        with self.kernel.work(actor, COMPARTMENT, Access.WRITE) as work:
            session = work.session
            entry = self._for_change(session, entry_id, expected_version)
            fields, warnings = clean_person(person, entry.requested_at, work.now.astimezone().date())
            before = store.entry_state(session, entry)
            row = LogbookPerson(id=new_id(), version=1, entry_id=entry_id, position=len(before["people"]),
                                created_at=work.now, updated_at=work.now, **fields)
            session.add(row)
            session.flush()
            made = self._new_version(work, entry, before, Change.PERSON_ADDED, [row])
            saved = self._saved(session, entry, made, warnings)
            work.commit()
        return saved

    def update_person(self, actor: Actor, entry_id: str, person_id: str, person: PersonData, *,
                      expected_version: int | None = None) -> Saved:
        with self.kernel.work(actor, COMPARTMENT, Access.WRITE) as work:
            session = work.session
            entry = self._for_change(session, entry_id, expected_version)
            row = self._person(session, entry_id, person_id)
            fields, warnings = clean_person(person, entry.requested_at, work.now.astimezone().date())
            before = store.entry_state(session, entry)
            made = None
            if any(getattr(row, key) != value for key, value in fields.items()):
                for key, value in fields.items():
                    setattr(row, key, value)
                row.version += 1
                row.updated_at = work.now
                session.flush()
                made = self._new_version(work, entry, before, Change.PERSON_UPDATED, [row])
            saved = self._saved(session, entry, made, warnings)
            work.commit()
        return saved

    def remove_person(self, actor: Actor, entry_id: str, person_id: str, *,
                      expected_version: int | None = None) -> Saved:
        """Take a person off the entry (recorded by mistake); the previous version still shows them.

        The person's row is gone from this station: a tombstone tells the others.
        """
        with self.kernel.work(actor, COMPARTMENT, Access.WRITE) as work:
            session = work.session
            entry = self._for_change(session, entry_id, expected_version)
            row = self._person(session, entry_id, person_id)
            before = store.entry_state(session, entry)
            session.delete(row)
            session.flush()
            work.erased("logbook_person", person_id)
            made = self._new_version(work, entry, before, Change.PERSON_REMOVED)
            saved = self._saved(session, entry, made)
            work.commit()
        return saved

    @staticmethod
    def _person(session: Session, entry_id: str, person_id: str) -> LogbookPerson:
        row = session.get(LogbookPerson, person_id)
        if row is None or row.entry_id != entry_id:
            raise NotFound(NO_PERSON)
        return row
