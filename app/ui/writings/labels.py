"""How a document's kind and status read on screen."""

from __future__ import annotations

from app.i18n import translate
from app.models.writings import KIND_LABELS, STATUS_LABELS, WritingKind, WritingStatus


def kind_label(kind) -> str:
    return translate("writings", KIND_LABELS[WritingKind(kind)])


def status_label(status) -> str:
    return translate("writings", STATUS_LABELS[WritingStatus(status)])
