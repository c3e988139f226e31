"""What follows a signed document: its transmissions (disclosures) and the court's outcome."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.audit.journal import Actor
from app.errors import QT_TRANSLATE_NOOP, InvalidInput
from app.kernel import validation
from app.kernel.motives import checked_motive
from app.kernel.retention import RetentionService
from app.kernel.rights import Access, Compartment
from app.models import Operation, Writing, WritingOutcome, WritingQualification, WritingTransmission
from app.models.writings import ERASING_OUTCOMES, OutcomeKind, WritingStatus
from app.writings import natinf, store
from app.writings.base import RECORD_KIND, WritingsBase
from app.writings.types import NotSigned, OutcomeData, TransmissionData, WritingDetail


class Court(WritingsBase):
    """Transmissions and court outcomes."""

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
