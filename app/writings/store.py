"""The writings' work inside one transaction: details, states, the signed content's hash, erasure.

Nothing here checks rights or journals: WritingsService does both around
it, and retention calls the erasure functions inside its own unit of work
(they leave tombstones through it).

The content hash (docs/writings.md) is the SHA-256 of a canonical JSON
serialization of what the author signed: every field of the document, its
people in order and its NATINF codes, with sorted keys, no whitespace,
UTF-8, times in UTC ISO 8601. Anyone holding the data can recompute it.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import ScalarSelect, bindparam, select, text
from sqlalchemy.orm import Session

from app.models import (
    NatinfVersion,
    User,
    Writing,
    WritingAddendum,
    WritingOffence,
    WritingOutcome,
    WritingPerson,
    WritingQualification,
    WritingTransmission,
)
from app.errors import QT_TRANSLATE_NOOP, InvalidInput, VigieError
from app.models.writings import ERASING_OUTCOMES, OutcomeKind, WritingStatus
from app.writings import kinds
from app.writings.types import (
    AddendumInfo,
    OffenceInfo,
    OutcomeInfo,
    PersonInfo,
    TransmissionInfo,
    WritingDetail,
    WritingRow,
)

if TYPE_CHECKING:
    from app.kernel.work import Work

HASH_FORMAT = "vigie-writing-1"
ADDENDUM_FORMAT = "vigie-addendum-1"


def _iso(value: datetime | date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    return value.isoformat()


def people_of(session: Session, writing_id: str) -> list[WritingPerson]:
    return list(session.scalars(select(WritingPerson).where(WritingPerson.writing_id == writing_id)
                                .order_by(WritingPerson.position, WritingPerson.id)))


def offences_of(session: Session, writing_id: str) -> list[WritingOffence]:
    return list(session.scalars(select(WritingOffence).where(WritingOffence.writing_id == writing_id)
                                .order_by(WritingOffence.position, WritingOffence.id)))


def person_state(p: WritingPerson) -> dict:
    return {"role": str(p.role), "last_name": p.last_name, "first_names": p.first_names,
            "birth_date": _iso(p.birth_date), "birth_place": p.birth_place, "address": p.address,
            "identity_document": p.identity_document, "profession": p.profession, "contact": p.contact}


def state(session: Session, writing: Writing, *, people: list[WritingPerson] | None = None,
          offences: list[WritingOffence] | None = None) -> dict:
    """The document's content, whole: what a version keeps and what a signature covers.

    *people* and *offences*, when given, are the document's rows already read (a whole list checked at once).
    """
    people = people_of(session, writing.id) if people is None else people
    offences = offences_of(session, writing.id) if offences is None else offences
    return {
        "format": HASH_FORMAT,
        "id": writing.id,
        "number": writing.number,
        "kind": str(writing.kind),
        "title": writing.title,
        "sections": json.loads(writing.sections),
        "preamble": writing.preamble,
        "closure": writing.closure,
        "signatures": json.loads(writing.signatures),
        "legal_bases": json.loads(writing.legal_bases),
        "author": {"id": writing.author_id, "name": writing.author_name, "grade": writing.author_grade,
                   "matricule": writing.author_matricule},
        "assisting_agents": writing.assisting_agents,
        "subject": writing.subject,
        "occurred_at": _iso(writing.occurred_at),
        "place": writing.place,
        "facts": writing.facts,
        "assessments": writing.assessments,
        "offence_nature": writing.offence_nature,
        "vehicle_plate": writing.vehicle_plate,
        "natinf_version_id": writing.natinf_version_id,
        "offences": [{"code": o.code, "qualification": o.qualification, "nature": o.nature}
                     for o in offences],
        "people": [person_state(p) for p in people],
        "handed_over_at": _iso(writing.handed_over_at),
        "handed_over_to": writing.handed_over_to,
        "logbook_entry_id": writing.logbook_entry_id,
        "logbook_number": writing.logbook_number,
        "signed_at": _iso(writing.signed_at),
    }


def canonical(value: dict) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def content_hash(session: Session, writing: Writing) -> str:
    return hash_of(state(session, writing))


def hash_of(content: dict) -> str:
    return hashlib.sha256(canonical(content)).hexdigest()


def addendum_hash(writing: Writing, addendum: WritingAddendum) -> str:
    return hashlib.sha256(canonical({
        "format": ADDENDUM_FORMAT, "writing_id": writing.id, "writing_number": writing.number,
        "writing_hash": writing.content_hash, "number": addendum.addendum_number, "text": addendum.text,
        "author": {"id": addendum.author_id, "name": addendum.author_name, "grade": addendum.author_grade,
                   "matricule": addendum.author_matricule},
        "signed_at": _iso(addendum.signed_at),
    })).hexdigest()


def state_json(value: dict) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


# -- reading ---------------------------------------------------------------------------------------


def _offence(row) -> OffenceInfo:
    return OffenceInfo(row.code, row.qualification, row.nature)


def detail(session: Session, writing: Writing, altered: bool = False) -> WritingDetail:
    version_label = ""
    if writing.natinf_version_id:
        version = session.get(NatinfVersion, writing.natinf_version_id)
        version_label = version.label if version else ""
    offences = tuple(_offence(o) for o in offences_of(session, writing.id))
    addenda = session.scalars(select(WritingAddendum).where(WritingAddendum.writing_id == writing.id)
                              .order_by(WritingAddendum.addendum_number)).all()
    transmissions = session.scalars(select(WritingTransmission).where(WritingTransmission.writing_id == writing.id)
                                    .order_by(WritingTransmission.sent_at, WritingTransmission.id)).all()
    outcomes = session.scalars(select(WritingOutcome).where(WritingOutcome.writing_id == writing.id)
                               .order_by(WritingOutcome.recorded_at, WritingOutcome.id)).all()
    outcome_infos = []
    qualification = offences
    for outcome in outcomes:
        codes = tuple(_offence(q) for q in session.scalars(
            select(WritingQualification).where(WritingQualification.outcome_id == outcome.id)
            .order_by(WritingQualification.position)))
        outcome_infos.append(OutcomeInfo(outcome.id, OutcomeKind(outcome.kind), outcome.decided_on,
                                         outcome.authority, outcome.detail, outcome.recorded_at, codes))
        if outcome.kind == OutcomeKind.REQUALIFICATION and codes:
            qualification = codes
    return WritingDetail(
        id=writing.id, version=writing.version, number=writing.number, kind=writing.kind, status=writing.status,
        title=writing.title, sections=json.loads(writing.sections), preamble=writing.preamble,
        closure=writing.closure, signatures=tuple(json.loads(writing.signatures)),
        legal_bases=tuple(json.loads(writing.legal_bases)), author_id=writing.author_id,
        author_name=writing.author_name, author_grade=writing.author_grade,
        author_matricule=writing.author_matricule, assisting_agents=writing.assisting_agents,
        subject=writing.subject, occurred_at=writing.occurred_at, place=writing.place, facts=writing.facts,
        assessments=writing.assessments, offence_nature=writing.offence_nature,
        vehicle_plate=writing.vehicle_plate, natinf_version_id=writing.natinf_version_id,
        natinf_version_label=version_label, offences=offences,
        people=tuple(PersonInfo(p.id, p.role, p.last_name, p.first_names, p.birth_date, p.birth_place, p.address,
                                p.identity_document, p.profession, p.contact) for p in people_of(session, writing.id)),
        handed_over_at=writing.handed_over_at, handed_over_to=writing.handed_over_to,
        logbook_entry_id=writing.logbook_entry_id, logbook_number=writing.logbook_number,
        created_at=writing.created_at, updated_at=writing.updated_at, signed_at=writing.signed_at,
        content_hash=writing.content_hash, personal_data_erased_at=writing.personal_data_erased_at,
        addenda=tuple(AddendumInfo(a.id, a.addendum_number, a.text, a.author_name, a.author_grade,
                                   a.author_matricule, a.signed_at, a.content_hash) for a in addenda),
        transmissions=tuple(TransmissionInfo(t.id, t.recipient_kind, t.recipient_name, t.sent_at, t.means,
                                             t.recorded_at) for t in transmissions),
        outcomes=tuple(outcome_infos),
        qualification=qualification,
        altered=altered,
    )


def erasing_outcome() -> ScalarSelect[str]:
    """A column for a list of documents: the kind of the last outcome that erased each one's personal data."""
    return (select(WritingOutcome.kind).where(WritingOutcome.writing_id == Writing.id,
                                              WritingOutcome.kind.in_(sorted(str(k) for k in ERASING_OUTCOMES)))
            .order_by(WritingOutcome.recorded_at.desc(), WritingOutcome.id.desc()).limit(1)
            .correlate(Writing).scalar_subquery())


def row(writing: Writing, altered: bool = False, erased_by: str | None = None) -> WritingRow:
    """One line of the list; *erased_by*: the erasing outcome's kind, read in the list's query (erasing_outcome)."""
    return WritingRow(writing.id, writing.number, writing.kind, writing.status, writing.created_at,
                      writing.occurred_at, writing.signed_at, writing.subject, writing.author_name,
                      writing.logbook_number, altered, writing.personal_data_erased_at,
                      OutcomeKind(erased_by) if erased_by and writing.personal_data_erased_at else None)


def user_names(session: Session, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    return {row[0]: row[1] for row in session.execute(select(User.id, User.full_name).where(User.id.in_(ids)))}


# -- erasure (retention, court outcomes) --------------------------------------------------------------


class ErasureNotOrdered(InvalidInput):
    message = QT_TRANSLATE_NOOP("errors", "The personal data of the signed document {number} are erased only by a "
                                          "court outcome (acquittal, dismissal, non-lieu) or at the end of its "
                                          "retention.")


class ContentMismatch(VigieError):
    message = QT_TRANSLATE_NOOP("errors", "The content of the document {number} no longer matches its signature: "
                                          "nothing was erased. Have the document examined.")


# Each table that hangs on a document, with the kind its rows sync as (qualifications before outcomes).
CHILD_KINDS = {"writing_people": kinds.PERSON, "writing_offences": kinds.OFFENCE,
               "writing_versions": kinds.VERSION, "writing_addenda": kinds.ADDENDUM,
               "writing_transmissions": kinds.TRANSMISSION, "writing_qualifications": kinds.QUALIFICATION,
               "writing_outcomes": kinds.OUTCOME}


def _in(ids: list[str]) -> tuple[str, dict]:
    return ", ".join(f":i{n}" for n in range(len(ids))), {f"i{n}": v for n, v in enumerate(ids)}


def _db_time(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def recorded_before(session: Session, cutoff: datetime, limit: int) -> list[str]:
    return list(session.execute(
        text("SELECT id FROM writings WHERE created_at < :cutoff ORDER BY created_at LIMIT :limit"),
        {"cutoff": _db_time(cutoff), "limit": limit},
    ).scalars())


def _scrub(session: Session, marks: str, params: dict, erased_at: str) -> None:
    """Mark the documents erased and empty what names people: the one change a signed document takes.

    The mark is set once, in the same UPDATE that empties the fields; the database refuses to
    clear or move it afterwards (migration 0009).
    """
    session.execute(text(
        f"UPDATE writings SET personal_data_erased_at = :erased_at, subject = '', place = '', facts = '', "
        f"assessments = '', vehicle_plate = '', offence_nature = '', assisting_agents = '', "
        f"version = version + 1 WHERE id IN ({marks}) AND personal_data_erased_at IS NULL"),
        {**params, "erased_at": erased_at})


def _ids(session: Session, table: str, marks: str, params: dict) -> list[str]:
    return list(session.execute(text(f"SELECT id FROM {table} WHERE writing_id IN ({marks})"), params).scalars())


def erase_writings(work: Work, ids: list[str]) -> list[Path]:
    """Retention: erase these documents and everything that hangs on them, each leaving its tombstone.

    The documents' tombstones come first, in this transaction: the database lets a signed
    document and its rows go only once its tombstone is there (migration 0009). There are no
    files to remove.
    """
    if not ids:
        return []
    session = work.session
    marks, params = _in(ids)
    work.erased(kinds.WRITING, *ids)
    session.flush()
    for table, kind in CHILD_KINDS.items():
        work.erased(kind, *_ids(session, table, marks, params))
        session.execute(text(f"DELETE FROM {table} WHERE writing_id IN ({marks})"), params)
    session.execute(text(f"DELETE FROM writings WHERE id IN ({marks})"), params)
    session.expire_all()
    return []


def _erasure_time(work: Work, session: Session, writing: Writing) -> str:
    """When the document's erasure is recorded: now for a draft; a signed one's erasing outcome."""
    if writing.status != WritingStatus.SIGNED:
        return _db_time(work.now)
    if content_hash(session, writing) != writing.content_hash:
        raise ContentMismatch(number=writing.number)
    session.flush()
    recorded = session.execute(
        text("SELECT recorded_at FROM writing_outcomes WHERE writing_id = :id AND kind IN :kinds "
             "ORDER BY recorded_at DESC LIMIT 1").bindparams(bindparam("kinds", expanding=True)),
        {"id": writing.id, "kinds": sorted(str(kind) for kind in ERASING_OUTCOMES)},
    ).scalar()
    if recorded is None:
        raise ErasureNotOrdered(number=writing.number)
    return str(recorded)


def erase_personal_data(work: Work, writing_id: str) -> list[Path]:
    """An acquittal, a dismissal or a non-lieu: the people of the case and every text that names them go.

    The number, kind, author, dates, NATINF codes, transmissions and
    outcomes stay, so that the service can still account for the document.
    People and versions are deleted (tombstones); the document and its
    addenda are emptied, their unsent states (which hold what was erased)
    dropped and their new states queued, so that other stations empty them too.

    A signed document is erased only when its erasure is recorded: the
    erasing outcome of this transaction (its time becomes the erasure's), and
    its content still matching the hash signed, which is then the SHA-256 of
    what was erased (the database holds to both, migration 0009).
    """
    session = work.session
    params = {"i0": writing_id}
    writing = session.get(Writing, writing_id)
    if writing is not None and writing.personal_data_erased_at is None:
        _scrub(session, ":i0", params, _erasure_time(work, session, writing))
    session.execute(text("UPDATE writing_addenda SET text = '', version = version + 1 WHERE writing_id = :i0"),
                    params)
    session.expire_all()
    writing = session.get(Writing, writing_id)
    addenda = list(session.scalars(select(WritingAddendum).where(WritingAddendum.writing_id == writing_id)))
    if writing is not None:
        # Queued before the people's and versions' erasures: a station that pulls them marks the document
        # erased first, without which its database refuses their deletion (migration 0009).
        work.scrubbed(writing, *addenda)
    work.erased(kinds.PERSON, *_ids(session, "writing_people", ":i0", params))
    work.erased(kinds.VERSION, *_ids(session, "writing_versions", ":i0", params))
    session.execute(text("DELETE FROM writing_people WHERE writing_id = :i0"), params)
    session.execute(text("DELETE FROM writing_versions WHERE writing_id = :i0"), params)
    session.expire_all()
    return []
