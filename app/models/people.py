"""The roles of people in a case, shared by the main courante and the writings.

Directive 2016/680 art. 6: suspects, victims, witnesses and other third
parties are kept apart; both modules record the same categories.
"""

from __future__ import annotations

import enum

from app.errors import QT_TRANSLATE_NOOP


class PersonRole(enum.StrEnum):
    SUSPECT = "suspect"
    VICTIM = "victim"
    WITNESS = "witness"
    THIRD_PARTY = "third_party"
    REQUESTER = "requester"
    OTHER = "other"


# Translated in the "people" context.
PERSON_ROLE_LABELS = {
    PersonRole.SUSPECT: QT_TRANSLATE_NOOP("people", "Person in question"),
    PersonRole.VICTIM: QT_TRANSLATE_NOOP("people", "Victim"),
    PersonRole.WITNESS: QT_TRANSLATE_NOOP("people", "Witness"),
    PersonRole.THIRD_PARTY: QT_TRANSLATE_NOOP("people", "Third party"),
    PersonRole.REQUESTER: QT_TRANSLATE_NOOP("people", "Requester"),
    PersonRole.OTHER: QT_TRANSLATE_NOOP("people", "Other"),
}
