"""The plain data every feature that keeps versioned records with people in them shares: a person
as a form gives them, a line of a record's history, and the refusal of a stale save."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Generic, TypeVar

from app.errors import QT_TRANSLATE_NOOP, VigieError
from app.models.people import PersonRole

T = TypeVar("T")


@dataclass(frozen=True)
class PersonData:
    """A person involved in one record, in one role, as typed in a form.

    Each feature records the fields its documents carry (the main courante a
    minor's guardian; a PV the identity document and profession); the others
    stay empty. People are never looked up across records.
    """

    role: PersonRole | str
    last_name: str = ""
    first_names: str = ""
    birth_date: date | None = None
    birth_place: str = ""
    address: str = ""
    identity_document: str = ""  # kind, number, issued by and on
    profession: str = ""
    contact: str = ""
    guardian: str = ""  # a minor's legal guardian: name and how to reach them


@dataclass(frozen=True)
class HistoryItem(Generic[T]):
    """One version of a record, oldest first: what made it, when, by whom, and the record as it was."""

    version: int
    change: str  # what made this version (created, updated, person_added, signed, requalified...)
    changed_at: datetime
    changed_by: str  # the user's id
    changed_by_name: str
    # What differs from the version before (field names); empty for the first version.
    changed_fields: tuple[str, ...]
    record: T


class EditConflict(VigieError):
    """Someone saved the record after this user opened it: nothing is overwritten."""

    message = QT_TRANSLATE_NOOP(
        "errors",
        "This entry was changed by {who} at {when}, after you opened it. Nothing was overwritten: "
        "reload the entry, then make your change again.",
    )
