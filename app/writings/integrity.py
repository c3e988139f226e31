"""Whether a signed document still holds: its content against the hash signed, or its recorded erasure.

Migration 0009's triggers refuse a forged change; someone holding the station's keys can drop
them. So every print, preview and listing checks again, here, what the signature covers:

- a signed document not erased: the SHA-256 of its content now (app/writings/store.py, `state`)
  is the `content_hash` stored at signing, and each addendum's hash still holds;
- a signed document whose personal data were erased: the erasure is recorded, that is an
  erasing court outcome (acquittal, dismissal, non-lieu) of that document recorded at the very
  time of the erasure mark, the personal fields are empty and no person is left.

A draft has nothing signed to check. The checks read each table once for a whole list.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import bindparam, select, text
from sqlalchemy.orm import Session

from app.errors import QT_TRANSLATE_NOOP, VigieError
from app.models import Writing, WritingAddendum, WritingOffence, WritingPerson
from app.models.writings import ERASING_OUTCOMES, WritingStatus
from app.writings import store

# What an erasure empties (store._scrub); an erased document with any of them filled was not erased by Vigie.
PERSONAL_FIELDS = ("subject", "place", "facts", "assessments", "vehicle_plate", "offence_nature", "assisting_agents")


class ContentAltered(VigieError):
    message = QT_TRANSLATE_NOOP(
        "errors", "The signed document {number} no longer matches its signature or its recorded erasure: it was "
                  "changed outside Vigie. It is neither shown nor printed, and the refusal is written in the "
                  "access journal. Have the document examined.")


def _grouped(session: Session, model, ids: list[str], *order) -> dict[str, list]:
    found: dict[str, list] = defaultdict(list)
    for row in session.scalars(select(model).where(model.writing_id.in_(ids)).order_by(*order)):
        found[row.writing_id].append(row)
    return found


def _erasures_recorded(session: Session, ids: list[str]) -> set[str]:
    """The erased documents among *ids* whose erasure an erasing outcome recorded, at the mark's time."""
    statement = text(
        "SELECT w.id FROM writings w WHERE w.id IN :ids AND EXISTS (SELECT 1 FROM writing_outcomes o "
        "WHERE o.writing_id = w.id AND o.kind IN :kinds AND o.recorded_at = w.personal_data_erased_at)"
    ).bindparams(bindparam("ids", expanding=True), bindparam("kinds", expanding=True))
    kinds = sorted(str(kind) for kind in ERASING_OUTCOMES)
    return set(session.execute(statement, {"ids": ids, "kinds": kinds}).scalars())


def altered(session: Session, writings: Iterable[Writing]) -> set[str]:
    """The ids of the signed documents among *writings* that do not hold (drafts never are)."""
    signed = [w for w in writings if w.status == WritingStatus.SIGNED]
    if not signed:
        return set()
    ids = [w.id for w in signed]
    people = _grouped(session, WritingPerson, ids, WritingPerson.position, WritingPerson.id)
    offences = _grouped(session, WritingOffence, ids, WritingOffence.position, WritingOffence.id)
    addenda = _grouped(session, WritingAddendum, ids, WritingAddendum.addendum_number)
    erased = [w.id for w in signed if w.personal_data_erased_at is not None]
    recorded = _erasures_recorded(session, erased) if erased else set()
    found = set()
    for writing in signed:
        if writing.personal_data_erased_at is not None:
            holds = (writing.id in recorded and not people[writing.id]
                     and not any(getattr(writing, name) for name in PERSONAL_FIELDS))
        else:
            content = store.state(session, writing, people=people[writing.id], offences=offences[writing.id])
            holds = (store.hash_of(content) == writing.content_hash
                     and all(store.addendum_hash(writing, a) == a.content_hash for a in addenda[writing.id]))
        if not holds:
            found.add(writing.id)
    return found


def is_altered(session: Session, writing: Writing) -> bool:
    return writing.id in altered(session, [writing])
