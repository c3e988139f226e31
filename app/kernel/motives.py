"""The motive rule: some operations must say why (searching a person, printing, exporting, disclosing)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.errors import QT_TRANSLATE_NOOP, VigieError
from app.kernel.settings import read_setting

OPERATION_LABELS = {
    "search_person": QT_TRANSLATE_NOOP("fields", "search a person by name"),
    "print": QT_TRANSLATE_NOOP("fields", "print"),
    "export": QT_TRANSLATE_NOOP("fields", "export"),
    "transmit": QT_TRANSLATE_NOOP("fields", "transmit to a recipient"),
}


class MotiveRequired(VigieError):
    message = QT_TRANSLATE_NOOP("errors", "A motive is required to {operation}.")


def motive_required(session: Session, operation: str) -> bool:
    return operation in read_setting(session, "motive_required_for")


def checked_motive(session: Session, operation: str, motive: str) -> str:
    """The motive to journal; refuses an empty one where the station's rule asks for it."""
    text = (motive or "").strip()
    if not text and motive_required(session, operation):
        raise MotiveRequired(operation=OPERATION_LABELS.get(operation, operation))
    return text


def compose(choice: str, details: str) -> str:
    """A motive as journaled: the reason picked from the list, then the free text, if any."""
    choice, details = choice.strip(), details.strip()
    if choice and details:
        return f"{choice} \u2014 {details}"
    return choice or details
