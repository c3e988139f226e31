"""The codes the access journal stores for what was done and where: its operations and its compartments,
with the words that name them. No database layer here: the command line's help names them before anything
of it is imported."""

from __future__ import annotations

import enum

from app.errors import QT_TRANSLATE_NOOP


class Operation(enum.StrEnum):
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGIN_LOCKED = "login_locked"
    LOGOUT = "logout"
    UNLOCK = "unlock"
    CONSULT = "consult"
    SEARCH = "search"
    CREATE = "create"
    MODIFY = "modify"
    ERASE = "erase"
    PRINT = "print"
    EXPORT = "export"
    TRANSMIT = "transmit"
    PURGE = "purge"
    SYNC = "sync"
    ADMINISTER = "administer"
    REFUSED = "refused"
    # The station clock gave a time earlier than the previous entry's: the jump itself is journaled.
    CLOCK = "clock"
    # A generation of the journal's seal begins: a station that joined, or one that lost its seal state.
    SEAL = "seal"


OPERATION_LABELS = {
    Operation.LOGIN: QT_TRANSLATE_NOOP("journal", "Login"),
    Operation.LOGIN_FAILED: QT_TRANSLATE_NOOP("journal", "Failed login"),
    Operation.LOGIN_LOCKED: QT_TRANSLATE_NOOP("journal", "Login on a locked account"),
    Operation.LOGOUT: QT_TRANSLATE_NOOP("journal", "Logout"),
    Operation.UNLOCK: QT_TRANSLATE_NOOP("journal", "Unlock"),
    Operation.CONSULT: QT_TRANSLATE_NOOP("journal", "Consultation"),
    Operation.SEARCH: QT_TRANSLATE_NOOP("journal", "Search"),
    Operation.CREATE: QT_TRANSLATE_NOOP("journal", "Creation"),
    Operation.MODIFY: QT_TRANSLATE_NOOP("journal", "Modification"),
    Operation.ERASE: QT_TRANSLATE_NOOP("journal", "Erasure"),
    Operation.PRINT: QT_TRANSLATE_NOOP("journal", "Printing"),
    Operation.EXPORT: QT_TRANSLATE_NOOP("journal", "Export"),
    Operation.TRANSMIT: QT_TRANSLATE_NOOP("journal", "Transmission"),
    Operation.PURGE: QT_TRANSLATE_NOOP("journal", "Purge"),
    Operation.SYNC: QT_TRANSLATE_NOOP("journal", "Synchronisation"),
    Operation.ADMINISTER: QT_TRANSLATE_NOOP("journal", "Administration"),
    Operation.REFUSED: QT_TRANSLATE_NOOP("journal", "Access refused"),
    Operation.CLOCK: QT_TRANSLATE_NOOP("journal", "Station clock moved back"),
    Operation.SEAL: QT_TRANSLATE_NOOP("journal", "Journal seal begun"),
}


ADMINISTRATION = "administration"

COMPARTMENTS = {
    "main_courante": QT_TRANSLATE_NOOP("journal", "Main courante"),
    "ecrits": QT_TRANSLATE_NOOP("journal", "Writings (PV and rapports)"),
    "registres": QT_TRANSLATE_NOOP("journal", "Administrative registers"),
    "demandes": QT_TRANSLATE_NOOP("journal", "Requests"),
    "journal": QT_TRANSLATE_NOOP("journal", "Access journal"),
    ADMINISTRATION: QT_TRANSLATE_NOOP("journal", "Administration"),
}
