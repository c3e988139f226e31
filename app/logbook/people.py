"""People recorded on an entry: each addition, correction or removal is a new version of the entry."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.audit.journal import Actor
from app.errors import NotFound
from app.ids import new_id
from app.kernel.rights import Access
from app.logbook import store
from app.logbook.base import LogbookBase
from app.logbook.types import Change, PersonData, Saved
from app.logbook.validation import NO_PERSON, clean_person
from app.models.logbook import LogbookPerson


class PersonCases(LogbookBase):
    def add_person(self, actor: Actor, entry_id: str, person: PersonData, *,
                   expected_version: int | None = None) -> Saved:
        with self._work(actor, Access.WRITE) as uow:
            session = uow.session
            entry = self._for_change(session, entry_id, expected_version)
            fields, warnings = clean_person(person, entry.requested_at, self.clock.now().astimezone().date())
            before = store.entry_state(session, entry)
            now = self.clock.now()
            position = len(before["people"])
            row = LogbookPerson(id=new_id(), version=1, entry_id=entry_id, position=position, created_at=now,
                                updated_at=now, **fields)
            session.add(row)
            session.flush()
            self._new_version(session, actor, entry, before, Change.PERSON_ADDED, [(row, "logbook_person")])
            detail = self._detail(session, entry)
            uow.commit()
        return Saved(detail, warnings)

    def update_person(self, actor: Actor, entry_id: str, person_id: str, person: PersonData, *,
                      expected_version: int | None = None) -> Saved:
        with self._work(actor, Access.WRITE) as uow:
            session = uow.session
            entry = self._for_change(session, entry_id, expected_version)
            row = self._person(session, entry_id, person_id)
            fields, warnings = clean_person(person, entry.requested_at, self.clock.now().astimezone().date())
            before = store.entry_state(session, entry)
            if any(getattr(row, key) != value for key, value in fields.items()):
                for key, value in fields.items():
                    setattr(row, key, value)
                row.version += 1
                row.updated_at = self.clock.now()
                session.flush()
                self._new_version(session, actor, entry, before, Change.PERSON_UPDATED, [(row, "logbook_person")])
            detail = self._detail(session, entry)
            uow.commit()
        return Saved(detail, warnings)

    def remove_person(self, actor: Actor, entry_id: str, person_id: str, *,
                      expected_version: int | None = None) -> Saved:
        """Take a person off the entry (recorded by mistake); the previous version still shows them."""
        with self._work(actor, Access.WRITE) as uow:
            session = uow.session
            entry = self._for_change(session, entry_id, expected_version)
            row = self._person(session, entry_id, person_id)
            before = store.entry_state(session, entry)
            session.delete(row)
            session.flush()
            self._new_version(session, actor, entry, before, Change.PERSON_REMOVED)
            detail = self._detail(session, entry)
            uow.commit()
        return Saved(detail)

    @staticmethod
    def _person(session: Session, entry_id: str, person_id: str) -> LogbookPerson:
        row = session.get(LogbookPerson, person_id)
        if row is None or row.entry_id != entry_id:
            raise NotFound(NO_PERSON)
        return row
