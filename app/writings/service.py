"""Écrits: procès-verbaux and rapports, from draft to signed, printed, transmitted, and followed to the court.

The only way to those data. Every call checks the actor's rights on the
écrits compartment, writes its journal entry and its sync outbox rows in
the unit of work of the change, and hands back plain data.

Lifecycle: a draft (numbered at once, in the series "ecrits") is edited by
its author; the author signs it by typing their password again; the
document is then locked (here, and by SQLite triggers: migration 0007) and
the SHA-256 of its content is stored. A correction is an addendum numbered
1, 2... within the document, signed when written. Each transmission is a
disclosure in the journal, with its recipient. A requalification adds a
qualification and keeps the author's; an acquittal, a dismissal or a
non-lieu erases the personal data of the case through RetentionService.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import tzinfo
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.audit.journal import Actor
from app.crypto.kdf import verify_password
from app.errors import QT_TRANSLATE_NOOP, InvalidInput, VigieError
from app.ids import new_id
from app.models import (
    Operation,
    User,
    Writing,
    WritingAddendum,
    WritingLetterhead,
    WritingOffence,
    WritingOutcome,
    WritingPerson,
    WritingQualification,
    WritingTemplate,
    WritingTransmission,
    WritingVersion,
)
from app.models.writings import ERASING_OUTCOMES, OutcomeKind, PersonRole, WritingKind, WritingStatus
from app.writings import natinf
from app.kernel import numbering, validation
from app.writings import store
from app.kernel.motives import checked_motive
from app.kernel.retention import RetentionService, RetentionTarget
from app.kernel.rights import Access, Compartment, current, granted
from app.store.uow import UnitOfWork
from app.logbook.service import LogbookService
from app.writings.types import (
    AddendumInfo,
    DocumentLocked,
    EditConflict,
    HistoryItem,
    Letterhead,
    NotSigned,
    NotTheAuthor,
    OutcomeData,
    PersonData,
    PrintFailed,
    PrintResult,
    TransmissionData,
    WritingData,
    WritingDetail,
    WritingNotFound,
    WritingRow,
    WrongSigningPassword,
)

log = logging.getLogger("vigie.writings")

SERIES = "ecrits"  # the yearly numbers of PV and rapports (app/kernel/numbering.py)
RECORD_KIND = "writing"
COMPARTMENT = str(Compartment.ECRITS)
LIST_LIMIT = 500

Translate = Callable[[str, str], str]


def retention_target() -> RetentionTarget:
    return RetentionTarget(
        compartment=Compartment.ECRITS,
        record_kind=RECORD_KIND,
        recorded_before=store.recorded_before,
        erase=lambda work, ids: store.erase_writings(work.session, ids),
        erase_personal_data=lambda work, writing_id: store.erase_personal_data(work.session, writing_id),
    )


class _Refusal(Exception):
    """Raised inside a unit of work: the refusal is journaled once its transaction is gone."""

    def __init__(self, error: VigieError, writing_id: str, detail: str) -> None:
        super().__init__(detail)
        self.error, self.writing_id, self.detail = error, writing_id, detail


class WritingsService:
    def __init__(self, kernel, logbook: LogbookService) -> None:
        self.kernel = kernel
        self.station = station = kernel.station
        # "Rédiger un rapport / PV" reads and links the main courante entry through its own service.
        self.logbook = logbook
        station.retention_targets.register(retention_target())

    # -- rights and lookups ------------------------------------------------------------------

    def _require(self, actor: Actor, access: Access) -> None:
        """Checked before a unit of work opens: a refusal journals in a transaction of its own."""
        self.station.rights.require_compartment(actor, Compartment.ECRITS, access)

    @contextmanager
    def _unit(self, actor: Actor) -> Iterator[UnitOfWork]:
        """A unit of work whose refusals (_Refusal) are journaled after its rollback, then raised."""
        try:
            with self.station.uow() as uow:
                yield uow
        except _Refusal as refusal:
            with self.station.uow() as uow:
                self._journal(uow.session, Operation.REFUSED, actor, refusal.writing_id, detail=refusal.detail)
                uow.commit()
            raise refusal.error from None

    def _writing(self, session: Session, writing_id: str) -> Writing:
        writing = session.get(Writing, writing_id)
        if writing is None:
            raise WritingNotFound(number=writing_id)
        return writing

    def _journal(self, session: Session, operation: Operation, actor: Actor | None, writing: Writing | str,
                 **fields) -> None:
        record_id = writing if isinstance(writing, str) else writing.id
        fields.setdefault("record_kind", RECORD_KIND)
        self.station.journal.append(session, operation, actor, compartment=COMPARTMENT, record_id=record_id,
                                    **fields)

    def _changed(self, session: Session, record, kind: str = RECORD_KIND) -> None:
        self.kernel.queue(session, record)  # its kind follows from its model

    def _editable(self, session: Session, actor: Actor, writing_id: str, what: str,
                  expected_version: int | None = None) -> Writing:
        """The draft, if this actor may change it; a signed one is refused (journaled), an addendum offered."""
        writing = self._writing(session, writing_id)
        if writing.status != WritingStatus.DRAFT:
            raise _Refusal(DocumentLocked(number=writing.number), writing.id,
                           f"refused: {what} of a signed document")
        chief = granted(session, current(session, actor), Compartment.ECRITS, Access.ADMINISTER)
        if writing.author_id != actor.user_id and not chief:
            raise _Refusal(NotTheAuthor(number=writing.number), writing.id, f"refused: {what} by another than the author")
        if expected_version is not None and writing.version != expected_version:
            raise EditConflict(number=writing.number)
        return writing

    def _keep_version(self, session: Session, actor: Actor, writing: Writing, change: str) -> None:
        session.add(WritingVersion(writing_id=writing.id, writing_version=writing.version,
                                   state=store.state_json(store.state(session, writing)), change=change,
                                   replaced_by=actor.user_id, replaced_at=self.station.clock.now(), version=1))

    def _touch(self, session: Session, actor: Actor, writing: Writing) -> None:
        writing.version += 1
        writing.updated_at = self.station.clock.now()
        writing.updated_by = actor.user_id
        session.flush()
        self._changed(session, writing)

    # -- drafts ------------------------------------------------------------------------------------

    def create_draft(self, actor: Actor, kind: WritingKind, data: WritingData | None = None,
                     from_entry: str | None = None) -> WritingDetail:
        """A new numbered draft of *kind*; *from_entry* prefills it from a main courante entry (journaled)."""
        kind = WritingKind(kind)
        self._require(actor, Access.WRITE)
        entry = None
        if from_entry is not None:
            # Read through the main courante's service: its rights, its journal entry (a consultation).
            entry = self.logbook.get(actor, from_entry)
            if data is None:
                data = _prefill(entry, actor)
        data = data or WritingData()
        now = self.station.clock.now()
        with self.station.uow() as uow:
            session = uow.session
            template = session.get(WritingTemplate, kind)
            author = session.get(User, actor.user_id)
            number = numbering.next_number(session, SERIES, now)
            writing = Writing(
                id=new_id(), number=number.text, year=number.year, serial=number.serial, kind=kind, status=WritingStatus.DRAFT,
                title=template.title, sections=template.sections, preamble=template.preamble,
                closure=template.closure, signatures=template.signatures, legal_bases=template.legal_bases,
                author_id=actor.user_id, author_name=author.full_name, author_grade=author.grade,
                author_matricule=author.matricule, created_by=actor.user_id, created_at=now,
                updated_by=actor.user_id, updated_at=now, content_hash="", version=1,
                logbook_entry_id=entry.id if entry else None, logbook_number=entry.number if entry else "",
            )
            session.add(writing)
            self._apply(session, writing, data)
            session.flush()
            self._changed(session, writing)
            detail = f"{kind} {writing.number}" + (f" from main courante {entry.number}" if entry else "")
            self._journal(session, Operation.CREATE, actor, writing, detail=detail)
            result = store.detail(session, writing)
            uow.commit()
        if entry is not None:
            self._link_entry(actor, entry.id, result)
        return result

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
        self._require(actor, Access.WRITE)
        with self._unit(actor) as uow:
            session = uow.session
            writing = self._editable(session, actor, writing_id, "edit", expected_version)
            before = store.state(session, writing)
            self._keep_version(session, actor, writing, "updated")
            self._apply(session, writing, data)
            session.flush()
            after = store.state(session, writing)
            changed = sorted(k for k in after if after[k] != before[k])
            self._touch(session, actor, writing)
            self._journal(session, Operation.MODIFY, actor, writing, detail=f"changed: {', '.join(changed)}")
            result = store.detail(session, writing)
            uow.commit()
            return result

    def add_person(self, actor: Actor, writing_id: str, person: PersonData) -> WritingDetail:
        self._require(actor, Access.WRITE)
        with self._unit(actor) as uow:
            session = uow.session
            writing = self._editable(session, actor, writing_id, "person added")
            self._keep_version(session, actor, writing, "person_added")
            position = len(store.people_of(session, writing.id))
            row = self._person(writing.id, person, position)
            session.add(row)
            session.flush()
            self._changed(session, row, "writing_person")
            self._touch(session, actor, writing)
            self._journal(session, Operation.MODIFY, actor, writing, detail=f"person added ({person.role})")
            result = store.detail(session, writing)
            uow.commit()
            return result

    def remove_person(self, actor: Actor, writing_id: str, person_id: str) -> WritingDetail:
        self._require(actor, Access.WRITE)
        with self._unit(actor) as uow:
            session = uow.session
            writing = self._editable(session, actor, writing_id, "person removed")
            row = session.get(WritingPerson, person_id)
            if row is None or row.writing_id != writing.id:
                raise WritingNotFound(number=person_id)
            self._keep_version(session, actor, writing, "person_removed")
            session.delete(row)
            self._touch(session, actor, writing)
            self._journal(session, Operation.MODIFY, actor, writing, detail=f"person removed ({row.role})")
            result = store.detail(session, writing)
            uow.commit()
            return result

    def set_natinf_codes(self, actor: Actor, writing_id: str, codes: tuple[str, ...]) -> WritingDetail:
        self._require(actor, Access.WRITE)
        with self._unit(actor) as uow:
            session = uow.session
            writing = self._editable(session, actor, writing_id, "NATINF change")
            self._keep_version(session, actor, writing, "codes_changed")
            self._set_codes(session, writing, codes)
            self._touch(session, actor, writing)
            self._journal(session, Operation.MODIFY, actor, writing, detail="changed: offences")
            result = store.detail(session, writing)
            uow.commit()
            return result

    def _apply(self, session: Session, writing: Writing, data: WritingData) -> None:
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
        for row in store.people_of(session, writing.id):
            session.delete(row)
        session.flush()
        for position, person in enumerate(data.people):
            session.add(self._person(writing.id, person, position))
        self._set_codes(session, writing, data.natinf_codes)

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

    def _set_codes(self, session: Session, writing: Writing, codes: tuple[str, ...]) -> None:
        """The author's NATINF codes, checked against the current version, which the document records."""
        wanted = []
        for code in codes:
            clean = natinf.clean_code(code)
            if clean and clean not in wanted:
                wanted.append(clean)
        version = natinf.current_version(session, self.station)
        found = natinf.require_codes(session, version, wanted)
        for row in store.offences_of(session, writing.id):
            session.delete(row)
        session.flush()
        for position, offence in enumerate(found):
            session.add(WritingOffence(writing_id=writing.id, code=offence.code, qualification=offence.qualification,
                                       nature=offence.nature, position=position, version=1))
        writing.natinf_version_id = version.id
        session.flush()

    # -- signing and addenda -------------------------------------------------------------------------

    def sign(self, actor: Actor, writing_id: str, password: str) -> WritingDetail:
        """The author types their password again; the document is locked and its content hash stored."""
        self._require(actor, Access.WRITE)
        with self._unit(actor) as uow:
            session = uow.session
            writing = self._editable(session, actor, writing_id, "signature")
            if writing.author_id != actor.user_id:
                raise _Refusal(NotTheAuthor(number=writing.number), writing.id, "refused: signature by another")
            self._check_password(session, actor, writing, password)
            if not writing.facts.strip():
                raise InvalidInput(QT_TRANSLATE_NOOP(
                    "errors", "The document {number} has no facts: it cannot be signed empty."), number=writing.number)
            if writing.natinf_version_id:  # codes are checked again against the version the document records
                version = session.get(natinf.NatinfVersion, writing.natinf_version_id)
                natinf.require_codes(session, version, [o.code for o in store.offences_of(session, writing.id)])
            self._keep_version(session, actor, writing, "signed")
            session.flush()
            # One UPDATE locks the document with its hash: the trigger refuses any change after it.
            writing.signed_at = self.station.clock.now()
            with session.no_autoflush:
                writing.content_hash = store.content_hash(session, writing)
            writing.status = WritingStatus.SIGNED
            self._touch(session, actor, writing)
            self._journal(session, Operation.MODIFY, actor, writing, detail=f"signed; sha256 {writing.content_hash}")
            result = store.detail(session, writing)
            uow.commit()
            return result

    def _check_password(self, session: Session, actor: Actor, writing: Writing, password: str) -> None:
        user = session.get(User, actor.user_id)
        if user is not None and user.active and verify_password(password, user.password_hash):
            return
        raise _Refusal(WrongSigningPassword(number=writing.number), writing.id, "signature refused: wrong password")

    def add_addendum(self, actor: Actor, writing_id: str, text: str, password: str) -> AddendumInfo:
        """A correction of a signed document, numbered 1, 2... within it, signed with the password as written."""
        body = validation.required(text or "", QT_TRANSLATE_NOOP("fields", "Addendum"), max_length=50_000)
        self._require(actor, Access.WRITE)
        with self._unit(actor) as uow:
            session = uow.session
            writing = self._writing(session, writing_id)
            if writing.status != WritingStatus.SIGNED:
                raise InvalidInput(QT_TRANSLATE_NOOP(
                    "errors", "The document {number} is still a draft: correct it directly; addenda are for "
                              "signed documents."), number=writing.number)
            self._check_password(session, actor, writing, password)
            author = session.get(User, actor.user_id)
            count = session.scalar(select(func.max(WritingAddendum.addendum_number))
                                   .where(WritingAddendum.writing_id == writing.id)) or 0
            addendum = WritingAddendum(
                writing_id=writing.id, addendum_number=count + 1, text=body, author_id=actor.user_id,
                author_name=author.full_name, author_grade=author.grade, author_matricule=author.matricule,
                signed_at=self.station.clock.now(), content_hash="", version=1,
            )
            addendum.content_hash = store.addendum_hash(writing, addendum)
            session.add(addendum)
            session.flush()
            self._changed(session, addendum, "writing_addendum")
            self._touch(session, actor, writing)
            self._journal(session, Operation.CREATE, actor, writing,
                          detail=f"addendum {addendum.addendum_number}; sha256 {addendum.content_hash}")
            info = AddendumInfo(addendum.id, addendum.addendum_number, addendum.text, addendum.author_name,
                                addendum.author_grade, addendum.author_matricule, addendum.signed_at,
                                addendum.content_hash)
            uow.commit()
            return info

    def verify_content(self, actor: Actor, writing_id: str) -> bool:
        """Whether a signed document's content still gives the hash stored at signing."""
        self._require(actor, Access.READ)
        with self.station.read() as uow:
            writing = self._writing(uow.session, writing_id)
            if writing.status != WritingStatus.SIGNED:
                raise NotSigned(number=writing.number)
            return store.content_hash(uow.session, writing) == writing.content_hash

    # -- transmissions and court outcomes --------------------------------------------------------------

    def record_transmission(self, actor: Actor, writing_id: str, sending: TransmissionData,
                            motive: str = "") -> WritingDetail:
        """A sending to the OPJ, the procureur, the mayor or another recipient: a disclosure in the journal."""
        name = validation.required(sending.recipient_name or "", QT_TRANSLATE_NOOP("fields", "Recipient"))
        means = validation.required(sending.means or "", QT_TRANSLATE_NOOP("fields", "Means of transmission"))
        self._require(actor, Access.WRITE)
        with self.station.uow() as uow:
            session = uow.session
            motive = checked_motive(session, "transmit", motive)
            writing = self._writing(session, writing_id)
            if writing.status != WritingStatus.SIGNED:
                raise NotSigned(number=writing.number)
            row = WritingTransmission(writing_id=writing.id, recipient_kind=sending.recipient_kind,
                                      recipient_name=name, sent_at=sending.sent_at, means=means,
                                      recorded_by=actor.user_id, recorded_at=self.station.clock.now(), version=1)
            session.add(row)
            session.flush()
            self._changed(session, row, "writing_transmission")
            self._touch(session, actor, writing)
            self._journal(session, Operation.TRANSMIT, actor, writing, motive=motive,
                          recipient=f"{sending.recipient_kind}: {name}",
                          detail=f"{writing.number} sent by {means} at {sending.sent_at.isoformat()}")
            result = store.detail(session, writing)
            uow.commit()
            return result

    def record_outcome(self, actor: Actor, writing_id: str, outcome: OutcomeData) -> WritingDetail:
        """What the court decided. A requalification keeps the author's qualification in the history;
        an acquittal, a dismissal or a non-lieu erases the personal data of the case at once."""
        kind = OutcomeKind(outcome.kind)
        self._require(actor, Access.WRITE)
        with self.station.uow() as uow:
            session = uow.session
            writing = self._writing(session, writing_id)
            if writing.status != WritingStatus.SIGNED:
                raise NotSigned(number=writing.number)
            row = WritingOutcome(writing_id=writing.id, kind=kind, decided_on=outcome.decided_on,
                                 authority=(outcome.authority or "").strip()[:200],
                                 detail=(outcome.detail or "").strip(), recorded_by=actor.user_id,
                                 recorded_at=self.station.clock.now(), version=1)
            session.add(row)
            session.flush()
            if kind == OutcomeKind.REQUALIFICATION:
                self._requalify(session, actor, writing, row, outcome.natinf_codes)
            self._changed(session, row, "writing_outcome")
            self._touch(session, actor, writing)
            self._journal(session, Operation.MODIFY, actor, writing,
                          detail=f"court outcome: {kind} of {outcome.decided_on.isoformat()}")
            number, entry_id = writing.number, writing.logbook_entry_id
            result = store.detail(session, writing)
            uow.commit()
        if kind in ERASING_OUTCOMES:
            reason = f"court outcome {kind} of {outcome.decided_on.isoformat()} on {number}"
            retention = RetentionService(self.kernel, self.station.retention_targets)
            retention.erase_case_personal_data(actor, RECORD_KIND, writing_id, reason)
            self._erase_entry(actor, retention, entry_id, reason)
            with self.station.read() as uow:
                result = store.detail(uow.session, self._writing(uow.session, writing_id))
        return result

    def _requalify(self, session: Session, actor: Actor, writing: Writing, outcome: WritingOutcome,
                   codes: tuple[str, ...]) -> None:
        wanted = [natinf.clean_code(c) for c in codes if str(c).strip()]
        if not wanted:
            raise InvalidInput(QT_TRANSLATE_NOOP("errors", "A requalification needs its new NATINF code(s)."))
        version = natinf.current_version(session, self.station)
        found = natinf.require_codes(session, version, wanted)
        self._keep_version(session, actor, writing, "requalified")
        for position, offence in enumerate(found):
            row = WritingQualification(writing_id=writing.id, outcome_id=outcome.id, code=offence.code,
                                       qualification=offence.qualification, nature=offence.nature,
                                       natinf_version_id=version.id, position=position, version=1)
            session.add(row)
            session.flush()
            self._changed(session, row, "writing_qualification")

    def _erase_entry(self, actor: Actor, retention: RetentionService, entry_id: str | None, reason: str) -> None:
        """The main courante entry the document came from belongs to the same case: its people go too."""
        if entry_id is None:
            return
        for target in retention.registry.targets:
            if target.compartment == Compartment.MAIN_COURANTE and target.erase_personal_data is not None:
                retention.erase_case_personal_data(actor, target.record_kind, entry_id, reason)

    # -- reading ---------------------------------------------------------------------------------------

    def get(self, actor: Actor, writing_id: str) -> WritingDetail:
        """One document, whole; the consultation is journaled."""
        self._require(actor, Access.READ)
        with self.station.uow() as uow:
            writing = self._writing(uow.session, writing_id)
            result = store.detail(uow.session, writing)
            self._journal(uow.session, Operation.CONSULT, actor, writing)
            uow.commit()
            return result

    def id_of_number(self, actor: Actor, number: str) -> str:
        """The id of the document numbered *number* ("2026/00042"); nothing of its content is read."""
        self._require(actor, Access.READ)
        with self.station.read() as uow:
            found = uow.session.scalar(select(Writing.id).where(Writing.number == number.strip()))
        if found is None:
            raise WritingNotFound(number=number)
        return found

    def documents(self, actor: Actor, *, year: int | None = None, status: WritingStatus | None = None,
                  kind: WritingKind | None = None, author_id: str | None = None,
                  limit: int = LIST_LIMIT) -> list[WritingRow]:
        """Documents, newest first; the listing is journaled as one search."""
        self._require(actor, Access.READ)
        statement = select(Writing)
        filters = []
        if year is not None:
            statement = statement.where(Writing.year == year)
            filters.append(f"year={year}")
        if status is not None:
            statement = statement.where(Writing.status == WritingStatus(status))
            filters.append(f"status={status}")
        if kind is not None:
            statement = statement.where(Writing.kind == WritingKind(kind))
            filters.append(f"kind={kind}")
        if author_id is not None:
            statement = statement.where(Writing.author_id == author_id)
            filters.append(f"author={author_id}")
        statement = statement.order_by(Writing.created_at.desc(), Writing.id.desc()).limit(limit)
        with self.station.uow() as uow:
            rows = [store.row(w) for w in uow.session.scalars(statement)]
            self.station.journal.append(uow.session, Operation.SEARCH, actor, compartment=COMPARTMENT,
                                        record_kind=RECORD_KIND, detail=f"list: {' '.join(filters) or 'all'}")
            uow.commit()
            return rows

    def for_entry(self, actor: Actor, entry_id: str) -> list[WritingRow]:
        """The documents written from one main courante entry (the entry shows the link)."""
        self._require(actor, Access.READ)
        with self.station.read() as uow:
            found = uow.session.scalars(select(Writing).where(Writing.logbook_entry_id == entry_id)
                                        .order_by(Writing.created_at)).all()
            return [store.row(w) for w in found]

    def history(self, actor: Actor, writing_id: str) -> list[HistoryItem]:
        """The previous states of a document, oldest first (a requalification keeps the old qualification)."""
        self._require(actor, Access.READ)
        with self.station.uow() as uow:
            writing = self._writing(uow.session, writing_id)
            versions = uow.session.scalars(select(WritingVersion).where(WritingVersion.writing_id == writing.id)
                                           .order_by(WritingVersion.writing_version, WritingVersion.id)).all()
            names = store.user_names(uow.session, {v.replaced_by for v in versions})
            self._journal(uow.session, Operation.CONSULT, actor, writing, detail="history")
            items = [HistoryItem(v.writing_version, v.change, names.get(v.replaced_by, ""), v.replaced_at,
                                 json.loads(v.state)) for v in versions]
            uow.commit()
            return items

    # -- printing ----------------------------------------------------------------------------------------

    def letterhead(self) -> Letterhead:
        details = self.station.details
        with self.station.read() as uow:
            logo = uow.session.get(WritingLetterhead, "logo")
            return Letterhead(details.service_name, details.commune, details.department,
                              logo.data if logo else None)

    def print_to(self, actor: Actor, writing_id: str, out_path: Path | str, motive: str, recipient: str = "", *,
                 operation: Operation = Operation.PRINT, translate: Translate | None = None,
                 zone: tzinfo | None = None) -> PrintResult:
        """Write the document's PDF to *out_path*; journaled (with motive and recipient) only once written.

        The PDF is written under a temporary name beside the target, the
        entry is committed, and only then is the file renamed: a folder gone
        or a full disk leaves neither file nor entry, and the document is
        never touched. A draft prints with its "PROJET" watermark.
        """
        out = Path(out_path)
        self._require(actor, Access.EXPORT)
        with self.station.read() as uow:
            motive = checked_motive(uow.session, "print" if operation == Operation.PRINT else "export", motive)
            writing = self._writing(uow.session, writing_id)
            document = store.detail(uow.session, writing)
        letterhead = self.letterhead()
        made: list[Path] = []
        try:
            handle, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
            os.close(handle)
            temporary = Path(name)
            made.append(temporary)
            pages = self._render_file(temporary, document, letterhead, translate, zone)
            digest = hashlib.sha256(temporary.read_bytes()).hexdigest()
            with self.station.uow() as uow:
                self._journal(uow.session, operation, actor, document.id, motive=motive,
                              recipient=(recipient or "").strip(),
                              detail=f"pdf of {document.number} ({document.status}), {pages} pages; sha256 {digest}")
                uow.commit()
            os.replace(temporary, out)
        except OSError as exc:
            raise PrintFailed(path=str(out), reason=exc.strerror or str(exc)) from exc
        finally:
            for path in made:
                path.unlink(missing_ok=True)
        return PrintResult(str(out), pages, digest)

    def preview(self, actor: Actor, writing_id: str, *, translate: Translate | None = None,
                zone: tzinfo | None = None) -> bytes:
        """The PDF to show in the app; showing it is a consultation (printing it goes through print_to)."""
        import io

        from app.printing import writing_pdf

        document = self.get(actor, writing_id)
        buffer = io.BytesIO()
        writing_pdf.render(buffer, document, self.letterhead(), translate=translate or writing_pdf.english,
                           zone=zone, now=self.station.clock.now())
        return buffer.getvalue()

    def print_bytes(self, actor: Actor, writing_id: str, motive: str, recipient: str = "", *,
                    translate: Translate | None = None, zone: tzinfo | None = None) -> bytes:
        """The PDF to send to a printer from the app (nothing written to disk); journaled as a print.

        The entry is committed before the pages are handed over: a print
        that happened is never missing from the journal.
        """
        import io

        from app.printing import writing_pdf

        self._require(actor, Access.EXPORT)
        with self.station.read() as uow:
            motive = checked_motive(uow.session, "print", motive)
            writing = self._writing(uow.session, writing_id)
            document = store.detail(uow.session, writing)
        buffer = io.BytesIO()
        pages = writing_pdf.render(buffer, document, self.letterhead(), translate=translate or writing_pdf.english,
                                   zone=zone, now=self.station.clock.now())
        data = buffer.getvalue()
        with self.station.uow() as uow:
            self._journal(uow.session, Operation.PRINT, actor, document.id, motive=motive,
                          recipient=(recipient or "").strip(),
                          detail=f"printed on paper: {document.number} ({document.status}), {pages} pages; "
                                 f"sha256 {hashlib.sha256(data).hexdigest()}")
            uow.commit()
        return data

    def _render_file(self, path: Path, document: WritingDetail, letterhead: Letterhead, translate: Translate | None,
                     zone: tzinfo | None) -> int:
        from app.printing import writing_pdf  # reportlab is imported when a PDF is asked for

        with open(path, "wb") as handle:
            pages = writing_pdf.render(handle, document, letterhead,
                                       translate=translate or writing_pdf.english, zone=zone,
                                       now=self.station.clock.now())
            handle.flush()
            os.fsync(handle.fileno())
        return pages


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
