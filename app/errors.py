"""Errors a user can cause or meet, with messages ready for translation.

The core has no Qt, so messages are English source strings marked with
QT_TRANSLATE_NOOP (which lupdate collects into the "errors" context); the GUI
and the command line translate them when they show them.
"""

from __future__ import annotations

from typing import Any

ERRORS_CONTEXT = "errors"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Mark *text* for translation in *context* without translating it here."""
    return text


class VigieError(Exception):
    """An error to show to the user as one clear sentence."""

    message: str = QT_TRANSLATE_NOOP("errors", "The operation failed.")

    def __init__(self, message: str | None = None, **params: Any) -> None:
        self.message = message or type(self).message
        self.params = params
        super().__init__(self.untranslated())

    def untranslated(self) -> str:
        return self.message.format(**self.params)


class BadCredentials(VigieError):
    # One message for a wrong password and an unknown login, so that the
    # answer does not tell which logins exist.
    message = QT_TRANSLATE_NOOP("errors", "Incorrect login or password.")


class AccountLocked(VigieError):
    message = QT_TRANSLATE_NOOP(
        "errors", "This account is locked after too many failed attempts. Try again after {until}."
    )


class AccountDisabled(VigieError):
    message = QT_TRANSLATE_NOOP("errors", "This account is disabled. Ask an administrator.")


class AccessDenied(VigieError):
    message = QT_TRANSLATE_NOOP("errors", "Access denied: {what}.")


class InvalidInput(VigieError):
    message = QT_TRANSLATE_NOOP("errors", "Invalid input.")


class StationError(VigieError):
    """The station's files cannot be used as they are."""


class StorageFailed(StationError):
    """SQLite could not read or write the database (disk full, I/O error, damaged page)."""

    message = QT_TRANSLATE_NOOP(
        "errors", "The database {path} could not be read or written ({reason}); nothing was saved."
    )


class NotFound(VigieError):
    message = QT_TRANSLATE_NOOP("errors", "Not found.")
