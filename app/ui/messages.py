"""How errors reach the user: one translated sentence, never a traceback."""

from __future__ import annotations

import logging
import os

from app.errors import VigieError, storage_error
from app.i18n import translate, translate_error
from app.qt import QMessageBox, QWidget

log = logging.getLogger("vigie.ui")


def error_text(error: Exception) -> str:
    if isinstance(error, VigieError):
        return translate_error(error)
    if isinstance(error, OSError) and error.filename:
        # A file the core wrote without a unit of work around it: a full disk is still said as such.
        known = storage_error(error, os.path.dirname(os.fsdecode(error.filename)))
        if known is not None:
            return translate_error(known)
    log.exception("unexpected error", exc_info=error)
    return translate(
        "messages", "An unexpected error occurred; nothing was saved. The details are in the log file."
    )


def show_error(parent: QWidget, error: Exception) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, translate("messages", "Vigie"), error_text(error),
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorBox")
    box.open()
