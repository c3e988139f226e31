"""The écrits' record kinds and their sync schemas (see app/kernel/kinds.py)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app.errors import QT_TRANSLATE_NOOP
from app.kernel.kinds import RecordKind, column_labeler
from app.kernel.rights import Compartment
from app.models import (
    NatinfOffence,
    NatinfVersion,
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

COMPARTMENT = str(Compartment.ECRITS)
RETENTION = "retention_ecrits_days"

# What people call each kind of document in the journal: "PV 2026/00007".
DOCUMENT_NOUNS = {
    "pv_constatation": QT_TRANSLATE_NOOP("kinds", "PV"),
    "rapport_information": QT_TRANSLATE_NOOP("kinds", "Information report"),
    "rapport_intervention": QT_TRANSLATE_NOOP("kinds", "Intervention report"),
    "rapport_mission": QT_TRANSLATE_NOOP("kinds", "Mission report"),
}

WRITING = RecordKind(
    name="writing",
    model=Writing,
    compartment=COMPARTMENT,
    fields=("id", "version", "number", "year", "serial", "kind", "status", "title", "sections", "preamble",
            "closure", "signatures", "legal_bases", "author_id", "author_name", "author_grade",
            "author_matricule", "assisting_agents", "subject", "occurred_at", "place", "facts", "assessments",
            "offence_nature", "vehicle_plate", "natinf_version_id", "handed_over_at", "handed_over_to",
            "logbook_entry_id", "logbook_number", "created_by", "created_at", "updated_by", "updated_at",
            "signed_at", "content_hash", "personal_data_erased_at"),
    retention=RETENTION,
    noun=QT_TRANSLATE_NOOP("kinds", "Document"),
    labeler=column_labeler("writings", QT_TRANSLATE_NOOP("kinds", "Document"), nouns=DOCUMENT_NOUNS,
                           noun_column="kind", erased_column="personal_data_erased_at"),
)


def _child(name: str, model, fields: tuple[str, ...], append_only: bool = False) -> RecordKind:
    return RecordKind(name=name, model=model, compartment=COMPARTMENT, fields=fields, append_only=append_only,
                      parent=WRITING.name)


PERSON = _child("writing_person", WritingPerson,
                ("id", "version", "writing_id", "role", "last_name", "first_names", "birth_date", "birth_place",
                 "address", "identity_document", "profession", "contact", "position"))
OFFENCE = _child("writing_offence", WritingOffence,
                 ("id", "version", "writing_id", "code", "qualification", "nature", "position"))
VERSION = _child("writing_version", WritingVersion,
                 ("id", "version", "writing_id", "writing_version", "state", "change", "replaced_by", "replaced_at"),
                 append_only=True)
ADDENDUM = _child("writing_addendum", WritingAddendum,
                  ("id", "version", "writing_id", "addendum_number", "text", "author_id", "author_name",
                   "author_grade", "author_matricule", "signed_at", "content_hash"), append_only=True)
TRANSMISSION = _child("writing_transmission", WritingTransmission,
                      ("id", "version", "writing_id", "recipient_kind", "recipient_name", "sent_at", "means",
                       "recorded_by", "recorded_at"), append_only=True)
OUTCOME = _child("writing_outcome", WritingOutcome,
                 ("id", "version", "writing_id", "kind", "decided_on", "authority", "detail", "recorded_by",
                  "recorded_at"), append_only=True)
QUALIFICATION = _child("writing_qualification", WritingQualification,
                       ("id", "version", "writing_id", "outcome_id", "code", "qualification", "nature",
                        "natinf_version_id", "position"), append_only=True)

def _natinf_offence(session: Session, offence: Any) -> None:
    """The search key a received offence is inserted with (its column is NOT NULL): derived from the row's own
    values, before the insert, so that a page of offences is written at once (app/sync/local_columns.py)."""
    from app.writings.natinf import normalized

    offence.search_key = normalized(f"{offence.code} {offence.qualification} {offence.nature}")


# Reference data every station of the service shares.
NATINF_VERSION = RecordKind(
    name="natinf_version",
    model=NatinfVersion,
    compartment=COMPARTMENT,
    fields=("id", "version", "label", "source_name", "sha256", "row_count", "current", "imported_at",
            "imported_by"),
    noun=QT_TRANSLATE_NOOP("kinds", "NATINF version"),
    labeler=column_labeler("natinf_versions", QT_TRANSLATE_NOOP("kinds", "NATINF version"), column="label"),
)
NATINF_OFFENCE = RecordKind(
    name="natinf_offence",
    model=NatinfOffence,
    compartment=COMPARTMENT,
    fields=("version_id", "code", "nature", "qualification", "defined_by", "punished_by"),
    local=("search_key",),  # derived from the qualification on each station
    append_only=True,
    derive_before_insert=_natinf_offence,
)
TEMPLATE = RecordKind(
    name="writing_template",
    model=WritingTemplate,
    compartment=COMPARTMENT,
    fields=("kind", "version", "title", "sections", "preamble", "closure", "legal_bases", "signatures",
            "updated_at", "updated_by"),
    noun=QT_TRANSLATE_NOOP("kinds", "Document template"),
)
LETTERHEAD = RecordKind(
    name="writing_letterhead",
    model=WritingLetterhead,
    compartment=COMPARTMENT,
    fields=("name", "data", "media_type", "updated_at", "updated_by"),
    noun=QT_TRANSLATE_NOOP("kinds", "Letterhead"),
)

WRITINGS_KINDS = (WRITING, PERSON, OFFENCE, VERSION, ADDENDUM, TRANSMISSION, OUTCOME, QUALIFICATION,
                  NATINF_VERSION, NATINF_OFFENCE, TEMPLATE, LETTERHEAD)
