"""What follows a signed document: its transmissions (disclosures) and the court's outcome.

An acquittal, a dismissal or a non-lieu erases the personal data of the
case in the unit of work that records it: the document's, and those of the
main courante entry it was written from, through the retention registry's
targets. Either the outcome and every erasure it orders are committed, or
none of them; the erased attachments leave the disk once it is committed.
"""

from __future__ import annotations

from pathlib import Path

from app.audit.journal import Actor
from app.errors import QT_TRANSLATE_NOOP, InvalidInput
from app.kernel import validation
from app.kernel.motives import checked_motive
from app.kernel.retention import remove_files
from app.kernel.rights import Compartment
from app.kernel.work import Work
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
        with self._unit(actor) as work:
            session = work.session
            motive = checked_motive(session, "transmit", motive)
            writing = self._signed(work, writing_id)
            row = WritingTransmission(writing_id=writing.id, recipient_kind=sending.recipient_kind,
                                      recipient_name=name, sent_at=sending.sent_at, means=means,
                                      recorded_by=actor.user_id, recorded_at=work.now, version=1)
            session.add(row)
            session.flush()
            work.queue(row)
            self._touch(work, actor, writing)
            self._journal(work, Operation.TRANSMIT, writing, motive=motive,
                          recipient=f"{sending.recipient_kind}: {name}",
                          detail=f"{writing.number} sent by {means} at {sending.sent_at.isoformat()}")
            result = store.detail(session, writing)
            work.commit()
            return result

    def record_outcome(self, actor: Actor, writing_id: str, outcome: OutcomeData) -> WritingDetail:
        """What the court decided. A requalification keeps the author's qualification in the history;
        an acquittal, a dismissal or a non-lieu erases the personal data of the case at once."""
        kind = OutcomeKind(outcome.kind)
        files: list[Path] = []
        with self._unit(actor) as work:
            session = work.session
            writing = self._signed(work, writing_id)
            row = WritingOutcome(writing_id=writing.id, kind=kind, decided_on=outcome.decided_on,
                                 authority=(outcome.authority or "").strip()[:200],
                                 detail=(outcome.detail or "").strip(), recorded_by=actor.user_id,
                                 recorded_at=work.now, version=1)
            session.add(row)
            session.flush()
            if kind == OutcomeKind.REQUALIFICATION:
                self._requalify(work, actor, writing, row, outcome.natinf_codes)
            work.queue(row)
            self._touch(work, actor, writing)
            self._journal(work, Operation.MODIFY, writing,
                          detail=f"court outcome: {kind} of {outcome.decided_on.isoformat()}")
            if kind in ERASING_OUTCOMES:
                reason = f"court outcome {kind} of {outcome.decided_on.isoformat()} on {writing.number}"
                files = self._erase_case(work, writing, reason)
                writing = self._writing(work, writing_id)  # as the erasure left it
            result = store.detail(session, writing)
            work.commit()
        remove_files(files)
        return result

    def _signed(self, work: Work, writing_id: str) -> Writing:
        writing = self._writing(work, writing_id)
        if writing.status != WritingStatus.SIGNED:
            raise NotSigned(number=writing.number)
        return writing

    def _requalify(self, work: Work, actor: Actor, writing: Writing, outcome: WritingOutcome,
                   codes: tuple[str, ...]) -> None:
        session = work.session
        wanted = [natinf.clean_code(c) for c in codes if str(c).strip()]
        if not wanted:
            raise InvalidInput(QT_TRANSLATE_NOOP("errors", "A requalification needs its new NATINF code(s)."))
        version = natinf.current_version(work)
        found = natinf.require_codes(session, version, wanted)
        self._keep_version(work, actor, writing, "requalified")
        rows = [WritingQualification(writing_id=writing.id, outcome_id=outcome.id, code=offence.code,
                                     qualification=offence.qualification, nature=offence.nature,
                                     natinf_version_id=version.id, position=position, version=1)
                for position, offence in enumerate(found)]
        session.add_all(rows)
        session.flush()
        work.queue(*rows)

    def _erase_case(self, work: Work, writing: Writing, reason: str) -> list[Path]:
        """The document's personal data, then those of the main courante entry it came from (the same case).

        Returns the attachment files to remove once *work* has committed.
        """
        entry_id = writing.logbook_entry_id
        files = self.retention.erase_case_in(work, RECORD_KIND, writing.id, reason)
        if entry_id is None:
            return files
        for target in self.retention.registry.targets:
            if target.compartment == Compartment.MAIN_COURANTE and target.erase_personal_data is not None:
                files += self.retention.erase_case_in(work, target.record_kind, entry_id, reason)
        return files
