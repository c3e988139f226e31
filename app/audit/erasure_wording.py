"""How the journal says that a record was erased: one whole sentence per kind of record.

French agrees the past participle with the record's noun ("Main courante 2026/00042, effacée le …",
"PV 2026/00007, effacé le …", "Droits d'accès, effacés le …"), so each noun of a declared kind
(RecordKind.noun, and the writings' nouns of each document) has its own four sentences: with its
number or without, with the erasure's motive or without. A record whose kind names no noun is said
with the generic sentences of app.audit.wording (ERASED, ERASED_NO_MOTIVE), whose French agrees with
nothing.
"""

from __future__ import annotations

from app.errors import QT_TRANSLATE_NOOP

# The noun (an English source of the "kinds" context) -> its sentences, all in the "journal" context:
# (with its number and a motive, with its number, with a motive, alone).
ERASED_SENTENCES: dict[str, tuple[str, str, str, str]] = {
    "Main courante": (
        QT_TRANSLATE_NOOP("journal", "Main courante {name}, erased on {date} ({motive})"),
        QT_TRANSLATE_NOOP("journal", "Main courante {name}, erased on {date}"),
        QT_TRANSLATE_NOOP("journal", "Main courante, erased on {date} ({motive})"),
        QT_TRANSLATE_NOOP("journal", "Main courante, erased on {date}")),
    "Main courante nature": (
        QT_TRANSLATE_NOOP("journal", "Main courante nature {name}, erased on {date} ({motive})"),
        QT_TRANSLATE_NOOP("journal", "Main courante nature {name}, erased on {date}"),
        QT_TRANSLATE_NOOP("journal", "Main courante nature, erased on {date} ({motive})"),
        QT_TRANSLATE_NOOP("journal", "Main courante nature, erased on {date}")),
    "PV": (
        QT_TRANSLATE_NOOP("journal", "PV {name}, erased on {date} ({motive})"),
        QT_TRANSLATE_NOOP("journal", "PV {name}, erased on {date}"),
        QT_TRANSLATE_NOOP("journal", "PV, erased on {date} ({motive})"),
        QT_TRANSLATE_NOOP("journal", "PV, erased on {date}")),
    "Information report": (
        QT_TRANSLATE_NOOP("journal", "Information report {name}, erased on {date} ({motive})"),
        QT_TRANSLATE_NOOP("journal", "Information report {name}, erased on {date}"),
        QT_TRANSLATE_NOOP("journal", "Information report, erased on {date} ({motive})"),
        QT_TRANSLATE_NOOP("journal", "Information report, erased on {date}")),
    "Intervention report": (
        QT_TRANSLATE_NOOP("journal", "Intervention report {name}, erased on {date} ({motive})"),
        QT_TRANSLATE_NOOP("journal", "Intervention report {name}, erased on {date}"),
        QT_TRANSLATE_NOOP("journal", "Intervention report, erased on {date} ({motive})"),
        QT_TRANSLATE_NOOP("journal", "Intervention report, erased on {date}")),
    "Mission report": (
        QT_TRANSLATE_NOOP("journal", "Mission report {name}, erased on {date} ({motive})"),
        QT_TRANSLATE_NOOP("journal", "Mission report {name}, erased on {date}"),
        QT_TRANSLATE_NOOP("journal", "Mission report, erased on {date} ({motive})"),
        QT_TRANSLATE_NOOP("journal", "Mission report, erased on {date}")),
    "Document": (
        QT_TRANSLATE_NOOP("journal", "Document {name}, erased on {date} ({motive})"),
        QT_TRANSLATE_NOOP("journal", "Document {name}, erased on {date}"),
        QT_TRANSLATE_NOOP("journal", "Document, erased on {date} ({motive})"),
        QT_TRANSLATE_NOOP("journal", "Document, erased on {date}")),
    "NATINF version": (
        QT_TRANSLATE_NOOP("journal", "NATINF version {name}, erased on {date} ({motive})"),
        QT_TRANSLATE_NOOP("journal", "NATINF version {name}, erased on {date}"),
        QT_TRANSLATE_NOOP("journal", "NATINF version, erased on {date} ({motive})"),
        QT_TRANSLATE_NOOP("journal", "NATINF version, erased on {date}")),
    "Document template": (
        QT_TRANSLATE_NOOP("journal", "Document template {name}, erased on {date} ({motive})"),
        QT_TRANSLATE_NOOP("journal", "Document template {name}, erased on {date}"),
        QT_TRANSLATE_NOOP("journal", "Document template, erased on {date} ({motive})"),
        QT_TRANSLATE_NOOP("journal", "Document template, erased on {date}")),
    "Letterhead": (
        QT_TRANSLATE_NOOP("journal", "Letterhead {name}, erased on {date} ({motive})"),
        QT_TRANSLATE_NOOP("journal", "Letterhead {name}, erased on {date}"),
        QT_TRANSLATE_NOOP("journal", "Letterhead, erased on {date} ({motive})"),
        QT_TRANSLATE_NOOP("journal", "Letterhead, erased on {date}")),
    "User": (
        QT_TRANSLATE_NOOP("journal", "User {name}, erased on {date} ({motive})"),
        QT_TRANSLATE_NOOP("journal", "User {name}, erased on {date}"),
        QT_TRANSLATE_NOOP("journal", "User, erased on {date} ({motive})"),
        QT_TRANSLATE_NOOP("journal", "User, erased on {date}")),
    "Access rights": (
        QT_TRANSLATE_NOOP("journal", "Access rights {name}, erased on {date} ({motive})"),
        QT_TRANSLATE_NOOP("journal", "Access rights {name}, erased on {date}"),
        QT_TRANSLATE_NOOP("journal", "Access rights, erased on {date} ({motive})"),
        QT_TRANSLATE_NOOP("journal", "Access rights, erased on {date}")),
    "Setting": (
        QT_TRANSLATE_NOOP("journal", "Setting {name}, erased on {date} ({motive})"),
        QT_TRANSLATE_NOOP("journal", "Setting {name}, erased on {date}"),
        QT_TRANSLATE_NOOP("journal", "Setting, erased on {date} ({motive})"),
        QT_TRANSLATE_NOOP("journal", "Setting, erased on {date}")),
    "Voided number": (
        QT_TRANSLATE_NOOP("journal", "Voided number {name}, erased on {date} ({motive})"),
        QT_TRANSLATE_NOOP("journal", "Voided number {name}, erased on {date}"),
        QT_TRANSLATE_NOOP("journal", "Voided number, erased on {date} ({motive})"),
        QT_TRANSLATE_NOOP("journal", "Voided number, erased on {date}")),
    "Legal hold": (
        QT_TRANSLATE_NOOP("journal", "Legal hold {name}, erased on {date} ({motive})"),
        QT_TRANSLATE_NOOP("journal", "Legal hold {name}, erased on {date}"),
        QT_TRANSLATE_NOOP("journal", "Legal hold, erased on {date} ({motive})"),
        QT_TRANSLATE_NOOP("journal", "Legal hold, erased on {date}")),
    "Journal entry": (
        QT_TRANSLATE_NOOP("journal", "Journal entry {name}, erased on {date} ({motive})"),
        QT_TRANSLATE_NOOP("journal", "Journal entry {name}, erased on {date}"),
        QT_TRANSLATE_NOOP("journal", "Journal entry, erased on {date} ({motive})"),
        QT_TRANSLATE_NOOP("journal", "Journal entry, erased on {date}")),
}


def erased_sentence(noun: str, named: bool, motive: bool) -> str | None:
    """The English source of the sentence that says a record of *noun* was erased, or None when the
    noun has none (the caller then says it with the generic sentence)."""
    sentences = ERASED_SENTENCES.get(noun)
    if sentences is None:
        return None
    return sentences[(0 if named else 2) + (0 if motive else 1)]
