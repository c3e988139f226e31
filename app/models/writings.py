"""Écrits: procès-verbaux and rapports, their people, NATINF codes, history, addenda, transmissions, outcomes.

A document is a draft until its author signs it; then it is locked: its
content, its people and its NATINF codes never change again (the service
refuses, and SQLite triggers made by migration 0007 refuse too). A
correction is a numbered addendum pointing to it. A court's requalification
does not touch what the author signed: it adds a qualification, and the
previous one stays in the history. The only change a signed document still
takes is the erasure of its personal data (an acquittal, a dismissal, a
non-lieu, or the end of its retention), which first marks the document
`personal_data_erased_at` (the triggers let that one transition through).

People belong to one document, in one role: there is no table of persons
across documents (ARCHITECTURE.md, "Compartments").
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Enum, ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.errors import QT_TRANSLATE_NOOP
from app.models.base import Base, RecordMixin
from app.models.people import PERSON_ROLE_LABELS, PersonRole  # noqa: F401 - shared, re-exported


def _values(enum_type: type[enum.Enum]) -> list[str]:
    return [member.value for member in enum_type]


def _enum(enum_type: type[enum.Enum], length: int) -> Enum:
    return Enum(enum_type, native_enum=False, length=length, values_callable=_values, validate_strings=True)


class WritingKind(enum.StrEnum):
    PV_CONSTATATION = "pv_constatation"
    RAPPORT_INFORMATION = "rapport_information"
    RAPPORT_INTERVENTION = "rapport_intervention"
    RAPPORT_MISSION = "rapport_mission"


KIND_LABELS = {
    WritingKind.PV_CONSTATATION: QT_TRANSLATE_NOOP("writings", "PV de constatation"),
    WritingKind.RAPPORT_INFORMATION: QT_TRANSLATE_NOOP("writings", "Rapport d'information"),
    WritingKind.RAPPORT_INTERVENTION: QT_TRANSLATE_NOOP("writings", "Rapport d'intervention"),
    WritingKind.RAPPORT_MISSION: QT_TRANSLATE_NOOP("writings", "Rapport de mission"),
}


class WritingStatus(enum.StrEnum):
    DRAFT = "draft"
    SIGNED = "signed"


STATUS_LABELS = {
    WritingStatus.DRAFT: QT_TRANSLATE_NOOP("writings", "Draft"),
    WritingStatus.SIGNED: QT_TRANSLATE_NOOP("writings", "Signed"),
}




class RecipientKind(enum.StrEnum):
    OPJ = "opj"
    PROCUREUR = "procureur"
    MAIRE = "maire"
    OTHER = "other"


RECIPIENT_LABELS = {
    RecipientKind.OPJ: QT_TRANSLATE_NOOP("writings", "Officier de police judiciaire"),
    RecipientKind.PROCUREUR: QT_TRANSLATE_NOOP("writings", "Procureur de la République"),
    RecipientKind.MAIRE: QT_TRANSLATE_NOOP("writings", "Mayor"),
    RecipientKind.OTHER: QT_TRANSLATE_NOOP("writings", "Other recipient"),
}


class OutcomeKind(enum.StrEnum):
    CONVICTION = "conviction"
    REQUALIFICATION = "requalification"
    ACQUITTAL = "acquittal"
    DISMISSAL = "dismissal"  # classement sans suite
    NON_LIEU = "non_lieu"
    OTHER = "other"


OUTCOME_LABELS = {
    OutcomeKind.CONVICTION: QT_TRANSLATE_NOOP("writings", "Conviction"),
    OutcomeKind.REQUALIFICATION: QT_TRANSLATE_NOOP("writings", "Requalification"),
    OutcomeKind.ACQUITTAL: QT_TRANSLATE_NOOP("writings", "Final acquittal"),
    OutcomeKind.DISMISSAL: QT_TRANSLATE_NOOP("writings", "Dismissal (classement sans suite)"),
    OutcomeKind.NON_LIEU: QT_TRANSLATE_NOOP("writings", "Non-lieu"),
    OutcomeKind.OTHER: QT_TRANSLATE_NOOP("writings", "Other decision"),
}

# Arrêté of 14 April 2009: these outcomes erase the personal data of the case at once.
ERASING_OUTCOMES = frozenset({OutcomeKind.ACQUITTAL, OutcomeKind.DISMISSAL, OutcomeKind.NON_LIEU})


# -- NATINF, the versioned reference table ------------------------------------------------------


class NatinfVersion(RecordMixin, Base):
    """One imported edition of the NATINF list; the newest is the current one."""

    __tablename__ = "natinf_versions"

    label: Mapped[str] = mapped_column(String(100))
    source_name: Mapped[str] = mapped_column(String(255), default="")
    sha256: Mapped[str] = mapped_column(String(64))
    row_count: Mapped[int]
    current: Mapped[bool] = mapped_column(default=False)
    imported_at: Mapped[datetime]
    imported_by: Mapped[str | None] = mapped_column(String(36))  # None: the sample shipped with Vigie


class NatinfOffence(Base):
    """One offence of one NATINF edition, its five fields as the official file gives them."""

    __tablename__ = "natinf_offences"

    version_id: Mapped[str] = mapped_column(String(36), ForeignKey("natinf_versions.id"), primary_key=True)
    code: Mapped[str] = mapped_column(String(10), primary_key=True)
    nature: Mapped[str] = mapped_column(String(100))
    qualification: Mapped[str] = mapped_column(Text)
    defined_by: Mapped[str] = mapped_column(Text, default="")
    punished_by: Mapped[str] = mapped_column(Text, default="")
    # Code and qualification without case or accents, for the search ("degradation" finds "DÉGRADATION").
    search_key: Mapped[str] = mapped_column(Text)


# -- templates, the administrator's ------------------------------------------------------------------


class WritingTemplate(Base):
    """What a document of one kind says besides its own content: title, sections, fixed text, legal bases.

    Texts are the service's own, in French, like the logbook's natures; a
    document copies them when it is created, so that editing a template
    never changes a document already written.
    """

    __tablename__ = "writing_templates"

    kind: Mapped[WritingKind] = mapped_column(_enum(WritingKind, 30), primary_key=True)
    version: Mapped[int] = mapped_column(default=1)
    title: Mapped[str] = mapped_column(String(200))
    # JSON: {"facts": "CONSTATATIONS", "assessments": ..., "people": ..., "offences": ..., "transmission": ...}
    sections: Mapped[str] = mapped_column(Text)
    preamble: Mapped[str] = mapped_column(Text)  # fixed text, with {placeholders}
    closure: Mapped[str] = mapped_column(Text)
    legal_bases: Mapped[str] = mapped_column(Text)  # JSON list of texts
    signatures: Mapped[str] = mapped_column(Text)  # JSON list of signature block captions
    updated_at: Mapped[datetime | None]
    updated_by: Mapped[str | None] = mapped_column(String(36))


class WritingLetterhead(Base):
    """The commune's logo printed in the header, when an administrator gave one (PNG or JPEG)."""

    __tablename__ = "writing_letterhead"

    name: Mapped[str] = mapped_column(String(20), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    media_type: Mapped[str] = mapped_column(String(40))
    updated_at: Mapped[datetime]
    updated_by: Mapped[str] = mapped_column(String(36))


# -- the documents ------------------------------------------------------------------------------------


class Writing(RecordMixin, Base):
    __tablename__ = "writings"
    __table_args__ = (
        Index("ix_writings_created", "created_at", "id"),
        Index("ix_writings_year_serial", "year", "serial"),
    )

    # "2026/00042": a yearly number of the service (app/kernel/numbering.py, series "ecrits").
    number: Mapped[str] = mapped_column(String(20), unique=True)
    year: Mapped[int]
    serial: Mapped[int]
    kind: Mapped[WritingKind] = mapped_column(_enum(WritingKind, 30))
    status: Mapped[WritingStatus] = mapped_column(_enum(WritingStatus, 10), default=WritingStatus.DRAFT)
    # Copied from the template when the document is made.
    title: Mapped[str] = mapped_column(String(200))
    sections: Mapped[str] = mapped_column(Text)
    preamble: Mapped[str] = mapped_column(Text)
    closure: Mapped[str] = mapped_column(Text)
    signatures: Mapped[str] = mapped_column(Text)
    legal_bases: Mapped[str] = mapped_column(Text)  # JSON list
    # The author, with the grade and matricule they had when writing.
    author_id: Mapped[str] = mapped_column(String(36), ForeignKey("users.id"), index=True)
    author_name: Mapped[str] = mapped_column(String(200))
    author_grade: Mapped[str] = mapped_column(String(100), default="")
    author_matricule: Mapped[str] = mapped_column(String(40), default="")
    assisting_agents: Mapped[str] = mapped_column(Text, default="")  # one per line: grade, name, matricule
    subject: Mapped[str] = mapped_column(String(300), default="")
    occurred_at: Mapped[datetime | None]
    place: Mapped[str] = mapped_column(String(300), default="")
    # Directive 2016/680 art. 7: what the author found, apart from what the author thinks of it.
    facts: Mapped[str] = mapped_column(Text, default="")
    assessments: Mapped[str] = mapped_column(Text, default="")
    offence_nature: Mapped[str] = mapped_column(Text, default="")  # the nature of the offence, in words
    vehicle_plate: Mapped[str] = mapped_column(String(20), default="")
    natinf_version_id: Mapped[str | None] = mapped_column(String(36), ForeignKey("natinf_versions.id"))
    # When a person was handed over to an OPJ (arrêté of 14 April 2009), and to whom.
    handed_over_at: Mapped[datetime | None]
    handed_over_to: Mapped[str] = mapped_column(String(200), default="")
    logbook_entry_id: Mapped[str | None] = mapped_column(String(36), index=True)
    logbook_number: Mapped[str] = mapped_column(String(20), default="")
    created_by: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime]
    updated_by: Mapped[str] = mapped_column(String(36))
    updated_at: Mapped[datetime]
    signed_at: Mapped[datetime | None]
    # SHA-256 of the canonical serialization of the signed content (app/writings/store.py).
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    # Set by a court outcome's or retention's erasure: the only change a signed document still takes.
    personal_data_erased_at: Mapped[datetime | None]


class WritingPerson(RecordMixin, Base):
    """A person in one document, in one role, with the identity fields of the arrêté of 14 April 2009."""

    __tablename__ = "writing_people"

    writing_id: Mapped[str] = mapped_column(String(36), ForeignKey("writings.id"), index=True)
    role: Mapped[PersonRole] = mapped_column(_enum(PersonRole, 20))
    last_name: Mapped[str] = mapped_column(String(200), default="")
    first_names: Mapped[str] = mapped_column(String(200), default="")
    birth_date: Mapped[date | None]
    birth_place: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    identity_document: Mapped[str] = mapped_column(String(300), default="")
    profession: Mapped[str] = mapped_column(String(200), default="")
    contact: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)


class WritingOffence(RecordMixin, Base):
    """A NATINF code the author gave, with its qualification as the document's NATINF version had it."""

    __tablename__ = "writing_offences"
    __table_args__ = (UniqueConstraint("writing_id", "code", name="uq_writing_offences_writing_code"),)

    writing_id: Mapped[str] = mapped_column(String(36), ForeignKey("writings.id"))
    code: Mapped[str] = mapped_column(String(10))
    qualification: Mapped[str] = mapped_column(Text)
    nature: Mapped[str] = mapped_column(String(100), default="")
    position: Mapped[int] = mapped_column(default=0)


class WritingVersion(RecordMixin, Base):
    """A previous state of a draft (fields, people, codes), kept at each change."""

    __tablename__ = "writing_versions"
    __table_args__ = (UniqueConstraint("writing_id", "writing_version", name="uq_writing_versions_writing_version"),)

    writing_id: Mapped[str] = mapped_column(String(36), ForeignKey("writings.id"))
    writing_version: Mapped[int]
    state: Mapped[str] = mapped_column(Text)  # JSON
    change: Mapped[str] = mapped_column(String(30))
    replaced_by: Mapped[str] = mapped_column(String(36))
    replaced_at: Mapped[datetime]


class WritingAddendum(RecordMixin, Base):
    """A correction of a signed document: numbered 1, 2... within it, signed when written, then locked."""

    __tablename__ = "writing_addenda"
    __table_args__ = (UniqueConstraint("writing_id", "addendum_number", name="uq_writing_addenda_writing_number"),)

    writing_id: Mapped[str] = mapped_column(String(36), ForeignKey("writings.id"))
    addendum_number: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    author_id: Mapped[str] = mapped_column(String(36), ForeignKey("users.id"))
    author_name: Mapped[str] = mapped_column(String(200))
    author_grade: Mapped[str] = mapped_column(String(100), default="")
    author_matricule: Mapped[str] = mapped_column(String(40), default="")
    signed_at: Mapped[datetime]
    content_hash: Mapped[str] = mapped_column(String(64))


class WritingTransmission(RecordMixin, Base):
    """The register of sendings: to whom, when, how. Each one is a disclosure in the journal."""

    __tablename__ = "writing_transmissions"

    writing_id: Mapped[str] = mapped_column(String(36), ForeignKey("writings.id"), index=True)
    recipient_kind: Mapped[RecipientKind] = mapped_column(_enum(RecipientKind, 20))
    recipient_name: Mapped[str] = mapped_column(String(200))
    sent_at: Mapped[datetime]
    means: Mapped[str] = mapped_column(String(200))
    recorded_by: Mapped[str] = mapped_column(String(36))
    recorded_at: Mapped[datetime]


class WritingOutcome(RecordMixin, Base):
    """What the court (or the procureur) decided; a requalification carries its new codes."""

    __tablename__ = "writing_outcomes"

    writing_id: Mapped[str] = mapped_column(String(36), ForeignKey("writings.id"), index=True)
    kind: Mapped[OutcomeKind] = mapped_column(_enum(OutcomeKind, 20))
    decided_on: Mapped[date]
    authority: Mapped[str] = mapped_column(String(200), default="")
    detail: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(36))
    recorded_at: Mapped[datetime]


class WritingQualification(RecordMixin, Base):
    """A qualification given by a requalification: the author's stays in writing_offences, untouched."""

    __tablename__ = "writing_qualifications"

    writing_id: Mapped[str] = mapped_column(String(36), ForeignKey("writings.id"), index=True)
    outcome_id: Mapped[str] = mapped_column(String(36), ForeignKey("writing_outcomes.id"))
    code: Mapped[str] = mapped_column(String(10))
    qualification: Mapped[str] = mapped_column(Text)
    nature: Mapped[str] = mapped_column(String(100), default="")
    natinf_version_id: Mapped[str] = mapped_column(String(36), ForeignKey("natinf_versions.id"))
    position: Mapped[int] = mapped_column(default=0)
