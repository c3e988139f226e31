"""What the writings service takes and gives: plain data, safe to hand to the GUI thread; and its errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from app.errors import QT_TRANSLATE_NOOP, AccessDenied, BadCredentials, InvalidInput, NotFound, VigieError
# Shared with every feature that keeps versioned records with people (app/kernel/records.py).
from app.kernel.records import EditConflict as EditConflict
from app.kernel.records import HistoryItem as HistoryItem
from app.kernel.records import PersonData as PersonData
from app.models.writings import OutcomeKind, PersonRole, RecipientKind, WritingKind, WritingStatus

__all__ = [
    "AddendumInfo", "DocumentLocked", "EditConflict", "HistoryItem", "Letterhead", "NotSigned", "NotTheAuthor",
    "OffenceInfo", "OutcomeData", "OutcomeInfo", "OutcomeKind", "PersonData", "PersonInfo", "PrintFailed",
    "PrintResult", "RecipientKind", "TemplateData", "TemplateInfo", "TransmissionData", "TransmissionInfo",
    "NumberGap", "WritingData", "WritingDetail", "WritingKind", "WritingNotFound", "WritingRow", "WritingStatus",
    "WrongSigningPassword", "PersonRole",
]


# -- input --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WritingData:
    """A draft's content as the form holds it; saving replaces the draft's content with it whole."""

    subject: str = ""
    occurred_at: datetime | None = None
    place: str = ""
    facts: str = ""
    assessments: str = ""
    offence_nature: str = ""
    vehicle_plate: str = ""
    natinf_codes: tuple[str, ...] = ()
    people: tuple[PersonData, ...] = ()
    # None: the template's legal bases; otherwise the document's own (add art. 73 or 78-6 CPP where relevant).
    legal_bases: tuple[str, ...] | None = None
    assisting_agents: str = ""
    handed_over_at: datetime | None = None
    handed_over_to: str = ""


@dataclass(frozen=True)
class TransmissionData:
    recipient_kind: RecipientKind
    recipient_name: str
    sent_at: datetime
    means: str  # e-mail, courier, handed in person, fax...


@dataclass(frozen=True)
class OutcomeData:
    kind: OutcomeKind
    decided_on: date
    authority: str = ""  # court, procureur's office
    detail: str = ""
    natinf_codes: tuple[str, ...] = ()  # the new qualification, for a requalification


@dataclass(frozen=True)
class TemplateData:
    title: str
    sections: dict[str, str]
    preamble: str
    closure: str
    legal_bases: tuple[str, ...]
    signatures: tuple[str, ...]


# -- output -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OffenceInfo:
    code: str
    qualification: str
    nature: str


@dataclass(frozen=True)
class PersonInfo:
    id: str
    role: PersonRole
    last_name: str
    first_names: str
    birth_date: date | None
    birth_place: str
    address: str
    identity_document: str
    profession: str
    contact: str

    def data(self) -> PersonData:
        return PersonData(role=self.role, last_name=self.last_name, first_names=self.first_names,
                          birth_date=self.birth_date, birth_place=self.birth_place, address=self.address,
                          identity_document=self.identity_document, profession=self.profession,
                          contact=self.contact)


@dataclass(frozen=True)
class AddendumInfo:
    id: str
    number: int
    text: str
    author_name: str
    author_grade: str
    author_matricule: str
    signed_at: datetime
    content_hash: str


@dataclass(frozen=True)
class TransmissionInfo:
    id: str
    recipient_kind: RecipientKind
    recipient_name: str
    sent_at: datetime
    means: str
    recorded_at: datetime


@dataclass(frozen=True)
class OutcomeInfo:
    id: str
    kind: OutcomeKind
    decided_on: date
    authority: str
    detail: str
    recorded_at: datetime
    qualification: tuple[OffenceInfo, ...]  # a requalification's new codes


@dataclass(frozen=True)
class WritingDetail:
    id: str
    version: int
    number: str
    kind: WritingKind
    status: WritingStatus
    title: str
    sections: dict[str, str]
    preamble: str
    closure: str
    signatures: tuple[str, ...]
    legal_bases: tuple[str, ...]
    author_id: str
    author_name: str
    author_grade: str
    author_matricule: str
    assisting_agents: str
    subject: str
    occurred_at: datetime | None
    place: str
    facts: str
    assessments: str
    offence_nature: str
    vehicle_plate: str
    natinf_version_id: str | None
    natinf_version_label: str
    offences: tuple[OffenceInfo, ...]  # as the author gave them
    people: tuple[PersonInfo, ...]
    handed_over_at: datetime | None
    handed_over_to: str
    logbook_entry_id: str | None
    logbook_number: str
    created_at: datetime
    updated_at: datetime
    signed_at: datetime | None
    content_hash: str
    personal_data_erased_at: datetime | None
    addenda: tuple[AddendumInfo, ...] = ()
    transmissions: tuple[TransmissionInfo, ...] = ()
    outcomes: tuple[OutcomeInfo, ...] = ()
    # The qualification in force: the last requalification's codes, else the author's.
    qualification: tuple[OffenceInfo, ...] = field(default=())
    # Signed, yet its content no longer gives the hash signed, or its erasure was not recorded (integrity.py).
    altered: bool = False

    @property
    def signed(self) -> bool:
        return self.status == WritingStatus.SIGNED

    @property
    def requalified(self) -> bool:
        return any(o.kind == OutcomeKind.REQUALIFICATION for o in self.outcomes)

    def data(self) -> WritingData:
        """The content as a form edits it."""
        return WritingData(
            subject=self.subject, occurred_at=self.occurred_at, place=self.place, facts=self.facts,
            assessments=self.assessments, offence_nature=self.offence_nature, vehicle_plate=self.vehicle_plate,
            natinf_codes=tuple(o.code for o in self.offences), people=tuple(p.data() for p in self.people),
            legal_bases=self.legal_bases, assisting_agents=self.assisting_agents,
            handed_over_at=self.handed_over_at, handed_over_to=self.handed_over_to,
        )


@dataclass(frozen=True)
class WritingRow:
    """One line of the list of documents."""

    id: str
    number: str
    kind: WritingKind
    status: WritingStatus
    created_at: datetime
    occurred_at: datetime | None
    signed_at: datetime | None
    subject: str
    author_name: str
    logbook_number: str
    altered: bool = False  # signed, and no longer what was signed (app/writings/integrity.py)
    personal_data_erased_at: datetime | None = None
    erased_by: OutcomeKind | None = None  # the court outcome that erased them; None: the retention period


@dataclass(frozen=True)
class NumberGap:
    """A number of the PV and rapports' sequence that no document of this station bears.

    Voided: taken back through the ledger, with its reason (docs/numbering.md). Otherwise missing:
    given, yet neither a document here nor voided (a document of another station not synced yet,
    or one removed outside Vigie).
    """

    number: str
    year: int
    serial: int
    voided: bool
    reason: str = ""
    voided_at: datetime | None = None


@dataclass(frozen=True)
class TemplateInfo:
    kind: WritingKind
    version: int
    title: str
    sections: dict[str, str]
    preamble: str
    closure: str
    legal_bases: tuple[str, ...]
    signatures: tuple[str, ...]
    updated_at: datetime | None


@dataclass(frozen=True)
class Letterhead:
    """What the header of every document shows about the service."""

    service_name: str
    commune: str
    department: str
    logo: bytes | None = None


@dataclass(frozen=True)
class PrintResult:
    path: str
    pages: int
    sha256: str  # of the PDF file


# -- errors ----------------------------------------------------------------------------------------


class WritingNotFound(NotFound):
    message = QT_TRANSLATE_NOOP("errors", "No document has the number {number}.")


class DocumentLocked(VigieError):
    """The GUI answers it by offering an addendum (`offer_addendum`)."""

    message = QT_TRANSLATE_NOOP(
        "errors", "The document {number} is signed and can no longer be changed. To correct it, write an addendum.")
    offer_addendum = True


class NotSigned(InvalidInput):
    message = QT_TRANSLATE_NOOP("errors", "The document {number} is a draft: sign it first.")


class NotTheAuthor(AccessDenied):
    message = QT_TRANSLATE_NOOP("errors", "Only the author of the document {number} can do this.")


class WrongSigningPassword(BadCredentials):
    message = QT_TRANSLATE_NOOP("errors", "Incorrect password: the document {number} was not signed.")


class PrintFailed(VigieError):
    message = QT_TRANSLATE_NOOP(
        "errors", "Cannot write the PDF {path}: {reason}. The document is unchanged and nothing was printed.")


DOCUMENT_CHANGED = QT_TRANSLATE_NOOP(
    "errors", "The document {number} was changed by someone else meanwhile; reopen it to see the changes.")
