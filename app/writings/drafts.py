"""Drafts: a new numbered document (from a main courante entry or not), its content, people and NATINF codes.

A draft takes its number when it is recorded (docs/numbering.md): the écrits
screen records a new document at its first save with content, so that an
abandoned form takes no number. A draft its author abandons later is
deleted, and its number voided in the ledger: it is never given again.
"""

from __future__ import annotations

import json

from app.audit.journal import Actor
from app.errors import QT_TRANSLATE_NOOP, InvalidInput, VigieError
from app.ids import new_id
from app.kernel import numbering
from app.kernel.rights import Access
from app.kernel.work import Work
from app.models import Operation, User, Writing, WritingOffence, WritingPerson, WritingTemplate
from app.models.writings import PersonRole, WritingKind, WritingStatus
from app.writings import kinds, natinf, store
from app.writings.base import SERIES, WritingsBase, log
from app.writings.types import PersonData, WritingData, WritingDetail, WritingNotFound

# The reason the ledger records for a deleted draft's number. Stored as the reasons an administrator types
# are, in the station's language: the ledger, the list of écrits and the CLI show it as it is.
DRAFT_DELETED = "Brouillon supprim\u00e9 avant signature"


class Drafts(WritingsBase):
    """Drafts and their editing, by their author (or a chief)."""

    def create_draft(self, actor: Actor, kind: WritingKind, data: WritingData | None = None,
                     from_entry: str | None = None) -> WritingDetail:
        """A new numbered draft of *kind*; *from_entry* prefills it from a main courante entry (journaled)."""
        kind = WritingKind(kind)
        entry = None
        if from_entry is not None:
            # The right first, so that a refused author does not consult the entry for nothing; it is
            # read again in the unit of work that writes the draft.
            with self._reading(actor, Access.WRITE):
                pass
            # Read through the main courante's service: its rights, its journal entry (a consultation).
            entry = self.logbook.get(actor, from_entry)
            if data is None:
                data = _prefill(entry, actor)
        data = data or WritingData()
        with self._unit(actor) as work:
            writing = self._new_writing(work, actor, kind, entry)
            self._apply(work, writing, data)
            work.session.flush()
            work.queue(writing)
            detail = f"{kind} {writing.number}" + (f" from main courante {entry.number}" if entry else "")
            self._journal(work, Operation.CREATE, writing, detail=detail)
            result = store.detail(work.session, writing)
            work.commit()
        if entry is not None:
            self._link_entry(actor, entry.id, result)
        return result

    def _new_writing(self, work: Work, actor: Actor, kind: WritingKind, entry) -> Writing:
        """A numbered draft of *kind* with its template's texts and its author's identity, in the session."""
        session, now = work.session, work.now
        template = session.get(WritingTemplate, kind)
        author = session.get(User, actor.user_id)
        assert template is not None and author is not None  # seeded by migration 0007; the actor's right was read
        number = numbering.next_number(session, SERIES, now)
        writing = Writing(
            id=new_id(), number=number.text, year=number.year, serial=number.serial, kind=kind,
            status=WritingStatus.DRAFT, title=template.title, sections=template.sections,
            preamble=template.preamble, closure=template.closure, signatures=template.signatures,
            legal_bases=template.legal_bases, author_id=actor.user_id, author_name=author.full_name,
            author_grade=author.grade, author_matricule=author.matricule, created_by=actor.user_id,
            created_at=now, updated_by=actor.user_id, updated_at=now, content_hash="", version=1,
            logbook_entry_id=entry.id if entry else None, logbook_number=entry.number if entry else "",
        )
        session.add(writing)
        return writing

    def _link_entry(self, actor: Actor, entry_id: str, document: WritingDetail) -> None:
        """The entry shows the document's number, through the main courante's own hook."""
        try:
            self.logbook.link_writing(actor, entry_id, document.id, document.number)
        except VigieError as error:  # the draft stands; for_entry() still finds it from the entry
            log.warning("the main courante entry could not show document %s: %s", document.number,
                        error.untranslated())

    def update_draft(self, actor: Actor, writing_id: str, data: WritingData,
                     expected_version: int | None = None) -> WritingDetail:
        """Replace a draft's content with *data*; a signed document is refused (write an addendum)."""
        with self._unit(actor) as work:
            session = work.session
            writing = self._editable(work, actor, writing_id, "edit", expected_version)
            before = store.state(session, writing)
            self._keep_version(work, actor, writing, "updated")
            self._apply(work, writing, data)
            session.flush()
            after = store.state(session, writing)
            changed = sorted(k for k in after if after[k] != before[k])
            self._touch(work, actor, writing)
            detail = f"changed: {', '.join(changed)}" if changed else "saved without change"
            self._journal(work, Operation.MODIFY, writing, detail=detail)
            result = store.detail(session, writing)
            work.commit()
            return result

    def delete_draft(self, actor: Actor, writing_id: str, expected_version: int | None = None) -> str:
        """Delete a draft (its author or a chief); its number is voided, with who and when. Returns the number.

        A signed document is refused, as any change of it is: it is corrected by an addendum. A draft
        written from a main courante entry is then no longer listed by the entry (the main courante's hook).
        """
        with self._unit(actor) as work:
            session = work.session
            writing = self._editable(work, actor, writing_id, "deletion", expected_version)
            number = numbering.Number(writing.year, writing.serial)
            entry_id = writing.logbook_entry_id
            store.erase_writings(work, [writing.id])
            void = numbering.void(session, SERIES, number, DRAFT_DELETED, actor.user_id, work.now)
            session.flush()
            work.queue(void)
            self._journal(work, Operation.ERASE, writing_id, detail=f"draft {number.text} deleted, number voided")
            work.commit()
        if entry_id is not None:
            self._unlink_entry(actor, entry_id, writing_id, number.text)
        return number.text

    def _unlink_entry(self, actor: Actor, entry_id: str, writing_id: str, number: str) -> None:
        """The entry no longer shows the deleted draft's number, through the main courante's own hook."""
        try:
            self.logbook.unlink_writing(actor, entry_id, writing_id, number)
        except VigieError as error:  # the draft is gone all the same; the voided number says why
            log.warning("the main courante entry still shows the deleted draft %s: %s", number,
                        error.untranslated())

    def add_person(self, actor: Actor, writing_id: str, person: PersonData) -> WritingDetail:
        with self._unit(actor) as work:
            session = work.session
            writing = self._editable(work, actor, writing_id, "person added")
            self._keep_version(work, actor, writing, "person_added")
            position = len(store.people_of(session, writing.id))
            row = self._person(writing.id, person, position)
            session.add(row)
            session.flush()
            work.queue(row)
            self._touch(work, actor, writing)
            self._journal(work, Operation.MODIFY, writing, detail=f"person added ({person.role})")
            result = store.detail(session, writing)
            work.commit()
            return result

    def remove_person(self, actor: Actor, writing_id: str, person_id: str) -> WritingDetail:
        with self._unit(actor) as work:
            session = work.session
            writing = self._editable(work, actor, writing_id, "person removed")
            row = session.get(WritingPerson, person_id)
            if row is None or row.writing_id != writing.id:
                raise WritingNotFound(number=person_id)
            self._keep_version(work, actor, writing, "person_removed")
            session.delete(row)
            work.erased(kinds.PERSON, row.id)
            self._touch(work, actor, writing)
            self._journal(work, Operation.MODIFY, writing, detail=f"person removed ({row.role})")
            result = store.detail(session, writing)
            work.commit()
            return result

    def set_natinf_codes(self, actor: Actor, writing_id: str, codes: tuple[str, ...]) -> WritingDetail:
        with self._unit(actor) as work:
            writing = self._editable(work, actor, writing_id, "NATINF change")
            self._keep_version(work, actor, writing, "codes_changed")
            self._set_codes(work, writing, codes)
            self._touch(work, actor, writing)
            self._journal(work, Operation.MODIFY, writing, detail="changed: offences")
            result = store.detail(work.session, writing)
            work.commit()
            return result

    def _apply(self, work: Work, writing: Writing, data: WritingData) -> None:
        writing.subject = _text(data.subject, QT_TRANSLATE_NOOP("fields", "Subject"), 300)
        writing.occurred_at = data.occurred_at
        writing.place = _text(data.place, QT_TRANSLATE_NOOP("fields", "Place"), 300)
        writing.facts = _text(data.facts, QT_TRANSLATE_NOOP("fields", "Facts"), 100_000)
        writing.assessments = _text(data.assessments, QT_TRANSLATE_NOOP("fields", "Assessments"), 50_000)
        writing.offence_nature = _text(data.offence_nature, QT_TRANSLATE_NOOP("fields", "Nature of the offence"),
                                       2000)
        writing.vehicle_plate = _text(data.vehicle_plate, QT_TRANSLATE_NOOP("fields", "Vehicle plate"), 20).upper()
        writing.assisting_agents = _text(data.assisting_agents, QT_TRANSLATE_NOOP("fields", "Assisting agents"),
                                         2000)
        writing.handed_over_at = data.handed_over_at
        writing.handed_over_to = _text(data.handed_over_to, QT_TRANSLATE_NOOP("fields", "Handed over to"), 200)
        if data.legal_bases is not None:
            bases = [b.strip() for b in data.legal_bases if b.strip()]
            writing.legal_bases = json.dumps(bases, ensure_ascii=False)
        self._set_people(work, writing, data.people)
        self._set_codes(work, writing, data.natinf_codes)

    def _set_people(self, work: Work, writing: Writing, people: tuple[PersonData, ...]) -> None:
        """The draft's people, replaced whole: the old rows leave tombstones, the new ones are queued."""
        session = work.session
        rows = [self._person(writing.id, person, position) for position, person in enumerate(people)]
        old = store.people_of(session, writing.id)
        for row in old:
            session.delete(row)
        work.erased(kinds.PERSON, *(row.id for row in old))
        session.flush()
        session.add_all(rows)
        session.flush()
        work.queue(*rows)

    def _person(self, writing_id: str, person: PersonData, position: int) -> WritingPerson:
        if not (person.last_name.strip() or person.first_names.strip()):
            raise InvalidInput(QT_TRANSLATE_NOOP("errors", "A person needs at least a name."))
        return WritingPerson(
            writing_id=writing_id, role=PersonRole(person.role), last_name=person.last_name.strip(),
            first_names=person.first_names.strip(), birth_date=person.birth_date,
            birth_place=person.birth_place.strip(), address=person.address.strip(),
            identity_document=person.identity_document.strip()[:300], profession=person.profession.strip()[:200],
            contact=person.contact.strip(), position=position, version=1,
        )

    def _set_codes(self, work: Work, writing: Writing, codes: tuple[str, ...]) -> None:
        """The author's NATINF codes, checked against the current version, which the document records."""
        session = work.session
        wanted: list[str] = []
        for code in codes:
            clean = natinf.clean_code(code)
            if clean and clean not in wanted:
                wanted.append(clean)
        version = natinf.current_version(work)
        found = natinf.require_codes(session, version, wanted)
        old = store.offences_of(session, writing.id)
        for row in old:
            session.delete(row)
        work.erased(kinds.OFFENCE, *(row.id for row in old))
        session.flush()
        rows = [WritingOffence(writing_id=writing.id, code=offence.code, qualification=offence.qualification,
                               nature=offence.nature, position=position, version=1)
                for position, offence in enumerate(found)]
        session.add_all(rows)
        writing.natinf_version_id = version.id
        session.flush()
        work.queue(*rows)


# -- helpers ------------------------------------------------------------------------------------------


def _text(value: str | None, field: str, max_length: int) -> str:
    text = (value or "").strip()
    if len(text) > max_length:
        raise InvalidInput(
            QT_TRANSLATE_NOOP("errors", "The field \u201c{field}\u201d is longer than {max} characters."),
            field=field, max=max_length,
        )
    return text


def _prefill(entry, actor: Actor) -> WritingData:
    """What the log knows (a logbook EntryDetail), as a draft's content: the officer completes and corrects it."""
    people = tuple(
        PersonData(role=PersonRole(str(p.role)), last_name=p.last_name, first_names=p.first_names,
                   birth_date=p.birth_date, birth_place=p.birth_place, address=p.address, contact=p.contact)
        for p in entry.people
    )
    assisting = "\n".join(f"{a.full_name} ({a.matricule})" if a.matricule else a.full_name
                          for a in entry.agents if a.user_id != actor.user_id)
    facts = "\n\n".join(part for part in (entry.facts, entry.action_taken) if part.strip())
    return WritingData(subject=entry.subject, occurred_at=entry.started_at or entry.requested_at,
                       place=entry.address, facts=facts, assessments=entry.assessments, people=people,
                       assisting_agents=assisting)
