"""How a document's kind and status read on screen."""

from __future__ import annotations

from datetime import datetime

from app.errors import QT_TRANSLATE_NOOP
from app.i18n import translate
from app.models.writings import KIND_LABELS, OUTCOME_LABELS, STATUS_LABELS, OutcomeKind, WritingKind, WritingStatus

ERASED = QT_TRANSLATE_NOOP("writings", "Erased on {when} ({motive})")
RETENTION_OVER = QT_TRANSLATE_NOOP("writings", "retention period over")


def kind_label(kind) -> str:
    return translate("writings", KIND_LABELS[WritingKind(kind)])


def status_label(status) -> str:
    return translate("writings", STATUS_LABELS[WritingStatus(status)])


def erasure_label(erased_at: datetime, erased_by: OutcomeKind | None) -> str:
    """What an erased document shows for its subject, in the list and in its form: when, and why."""
    motive = translate("writings", OUTCOME_LABELS[erased_by] if erased_by else RETENTION_OVER)
    return translate("writings", ERASED, when=erased_at.astimezone().strftime("%d/%m/%Y"), motive=motive)
