"""The journal in words, for people: operations, compartments, records and details as they read them.

The stored entries keep their codes (docs/journal-format.md: `main_courante`,
"station created", "records erased: …"); the screen and the PDF extract show
them through these functions, which know no Qt: the caller passes
`translate(context, text, disambiguation, n)` (app.i18n.translate in the GUI and
the CLI), which says a detail with a count (`%n`) in the count's plural form.
A detail this version does not know is shown as stored.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Protocol

from app.audit.codes import COMPARTMENTS
from app.audit.detail_patterns import FIXED, PATTERNS
from app.audit.erasure_wording import erased_sentence
from app.audit.query import RecordName
from app.errors import QT_TRANSLATE_NOOP
from app.audit.codes import OPERATION_LABELS



class Translate(Protocol):
    """app.i18n.translate's shape: *text* of *context* in French; a plural text (`%n`) in the form of *n*."""

    def __call__(self, context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str: ...


def english(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """The English source as it stands, `%n` filled: what is said without a translation."""
    return text.replace("%n", str(n)) if n >= 0 else text


# What the journal calls a record that is not a declared kind (the kinds name their own: RecordKind.noun).
OTHER_NOUNS = {
    "station": QT_TRANSLATE_NOOP("kinds", "Station"),
    "rights": QT_TRANSLATE_NOOP("kinds", "Access rights"),
    "retention": QT_TRANSLATE_NOOP("kinds", "Retention"),
    "journal": QT_TRANSLATE_NOOP("kinds", "Access journal"),
    "journal_extract": QT_TRANSLATE_NOOP("kinds", "Journal extract"),
    "export": QT_TRANSLATE_NOOP("kinds", "Complete export"),
    "sync": QT_TRANSLATE_NOOP("kinds", "Synchronisation"),
}

# An erased record whose kind names no noun (its code stands for it): the French agrees with nothing.
ERASED = QT_TRANSLATE_NOOP("journal", "{record}, erased on {date} ({motive})")
ERASED_NO_MOTIVE = QT_TRANSLATE_NOOP("journal", "{record}, erased on {date}")

DOCUMENTS = {
    "pv_constatation": QT_TRANSLATE_NOOP("journal", "PV"),
    "rapport_information": QT_TRANSLATE_NOOP("journal", "information report"),
    "rapport_intervention": QT_TRANSLATE_NOOP("journal", "intervention report"),
    "rapport_mission": QT_TRANSLATE_NOOP("journal", "mission report"),
}
# Whom a transmission went to, as app/writings/court.py journals it ("opj: Capitaine Roux").
RECIPIENTS = {
    "opj": QT_TRANSLATE_NOOP("journal", "OPJ"),
    "procureur": QT_TRANSLATE_NOOP("journal", "Procureur"),
    "maire": QT_TRANSLATE_NOOP("journal", "Mayor"),
    "other": QT_TRANSLATE_NOOP("journal", "Other recipient"),
}
RECIPIENT = QT_TRANSLATE_NOOP("journal", "{kind}: {name}")

OUTCOMES = {
    "conviction": QT_TRANSLATE_NOOP("journal", "conviction"),
    "requalification": QT_TRANSLATE_NOOP("journal", "requalification"),
    "acquittal": QT_TRANSLATE_NOOP("journal", "acquittal"),
    "dismissal": QT_TRANSLATE_NOOP("journal", "dismissal"),
    "non_lieu": QT_TRANSLATE_NOOP("journal", "non-lieu"),
    "other": QT_TRANSLATE_NOOP("journal", "other decision"),
}
FIELDS = {
    "facts": QT_TRANSLATE_NOOP("journal", "facts"),
    "assessments": QT_TRANSLATE_NOOP("journal", "assessments"),
    "occurred_at": QT_TRANSLATE_NOOP("journal", "date of the facts"),
    "offences": QT_TRANSLATE_NOOP("journal", "offences"),
    "people": QT_TRANSLATE_NOOP("journal", "people"),
    "assisting_agents": QT_TRANSLATE_NOOP("journal", "assisting officers"),
    "subject": QT_TRANSLATE_NOOP("journal", "subject"),
    "place": QT_TRANSLATE_NOOP("journal", "place"),
    "address": QT_TRANSLATE_NOOP("journal", "address"),
    "status": QT_TRANSLATE_NOOP("journal", "status"),
    "outcome": QT_TRANSLATE_NOOP("journal", "outcome"),
    "action_taken": QT_TRANSLATE_NOOP("journal", "action taken"),
    "document_number": QT_TRANSLATE_NOOP("journal", "document number"),
    "writing_id": QT_TRANSLATE_NOOP("journal", "linked document"),
    "agents": QT_TRANSLATE_NOOP("journal", "officers"),
    "ended_at": QT_TRANSLATE_NOOP("journal", "end"),
    "started_at": QT_TRANSLATE_NOOP("journal", "start"),
    "requested_at": QT_TRANSLATE_NOOP("journal", "time of the request"),
    "nature_code": QT_TRANSLATE_NOOP("journal", "nature"),
    "channel": QT_TRANSLATE_NOOP("journal", "channel"),
    "latitude": QT_TRANSLATE_NOOP("journal", "GPS point"),
    "longitude": QT_TRANSLATE_NOOP("journal", "GPS point"),
    "offence_nature": QT_TRANSLATE_NOOP("journal", "nature of the offence"),
    "vehicle_plate": QT_TRANSLATE_NOOP("journal", "vehicle plate"),
    "natinf_version_id": QT_TRANSLATE_NOOP("journal", "NATINF version"),
    "handed_over_at": QT_TRANSLATE_NOOP("journal", "time handed to an OPJ"),
    "handed_over_to": QT_TRANSLATE_NOOP("journal", "OPJ the person was handed to"),
}
# A document's status in a print's detail ("pdf of 2026/00008 (signed)").
STATUSES = {"draft": QT_TRANSLATE_NOOP("journal", "draft"), "signed": QT_TRANSLATE_NOOP("journal", "signed")}
CHANGES = {
    "updated": QT_TRANSLATE_NOOP("journal", "changed"),
    "changed": QT_TRANSLATE_NOOP("journal", "changed"),
    "closed": QT_TRANSLATE_NOOP("journal", "closed"),
    "reopened": QT_TRANSLATE_NOOP("journal", "reopened"),
    "person_added": QT_TRANSLATE_NOOP("journal", "person added"),
    "person_updated": QT_TRANSLATE_NOOP("journal", "person changed"),
    "person_removed": QT_TRANSLATE_NOOP("journal", "person removed"),
    "attachment_added": QT_TRANSLATE_NOOP("journal", "attachment added"),
    "writing_linked": QT_TRANSLATE_NOOP("journal", "document linked"),
    "writing_unlinked": QT_TRANSLATE_NOOP("journal", "document unlinked (draft deleted)"),
    "personal_data_erased": QT_TRANSLATE_NOOP("journal", "personal data erased"),
}

SEAL_REASONS = {
    "the service's key reached the station, which seals to it with a seed of its own": QT_TRANSLATE_NOOP(
        "journal", "the service's key reached the station, which seals to it with a seed of its own"),
    "the seal state was missing or did not match the journal": QT_TRANSLATE_NOOP(
        "journal", "the seal state was missing or did not match the journal"),
}



# The filters of a search or an export, as JournalFilter.summary() wrote them ("from=…, login=mbernard").
FILTER_NAMES = {
    "from": QT_TRANSLATE_NOOP("journal", "from {value}"),
    "to": QT_TRANSLATE_NOOP("journal", "until {value}"),
    "login": QT_TRANSLATE_NOOP("journal", "user {value}"),
    "operation": QT_TRANSLATE_NOOP("journal", "operation {value}"),
    "compartment": QT_TRANSLATE_NOOP("journal", "compartment {value}"),
    "record_id": QT_TRANSLATE_NOOP("journal", "record {value}"),
}


def operation_text(operation: str, translate: Translate) -> str:
    label = next((label for op, label in OPERATION_LABELS.items() if op.value == operation), None)
    return translate("journal", label) if label else operation


def compartment_text(compartment: str, translate: Translate) -> str:
    label = COMPARTMENTS.get(compartment)
    return translate("journal", label) if label else compartment


def noun_of(kind: str, name: RecordName | None, nouns: dict[str, str], translate: Translate) -> str:
    """The record's kind in words ("PV"), or its stored code when nothing names it."""
    noun = _noun_source(kind, name, nouns)
    return translate("kinds", noun) if noun else kind


def _noun_source(kind: str, name: RecordName | None, nouns: dict[str, str]) -> str:
    return (name.noun if name is not None else "") or nouns.get(kind) or OTHER_NOUNS.get(kind, "")


def record_text(kind: str, record_id: str, name: RecordName | None, nouns: dict[str, str], translate: Translate,
                zone: tzinfo | None = None) -> str:
    """"PV 2026/00007", "Utilisateur mbernard", "Main courante, effacée le 30/11/2026 (motif)".

    An erased record is said in one sentence of its noun (app.audit.erasure_wording), whose French
    agrees with it; a record whose kind has no noun, in the generic sentence.

    The id is shown only when the record has no number (the verifier reads it in the CSV).
    """
    if not kind and not record_id:
        return ""
    noun = noun_of(kind, name, nouns, translate)
    if name is not None and name.name:
        text = f"{noun} {name.name}"
    elif record_id and kind not in OTHER_NOUNS and (name is None or name.erased_at is None):
        text = f"{noun} {record_id}"
    else:
        text = noun
    if name is not None and name.erased_at is not None:
        when = _local(name.erased_at, zone).strftime("%d/%m/%Y")
        motive = detail_text(name.motive, translate) if name.motive else ""
        sentence = erased_sentence(_noun_source(kind, name, nouns), bool(name.name), bool(motive))
        if sentence is not None:  # the noun's own sentence, its words agreeing with it
            return translate("journal", sentence).format(name=name.name, date=when, motive=motive)
        template = ERASED if motive else ERASED_NO_MOTIVE
        text = translate("journal", template).format(record=text, date=when, motive=motive)
    return text


def recipient_text(recipient: str, translate: Translate) -> str:
    """"OPJ : Capitaine Roux" for a stored "opj: Capitaine Roux"; a recipient typed at printing, as typed."""
    kind, separator, name = recipient.partition(": ")
    label = RECIPIENTS.get(kind) if separator else None
    if label is None:
        return recipient
    return translate("journal", RECIPIENT).format(kind=translate("journal", label), name=name)


def detail_text(detail: str, translate: Translate, zone: tzinfo | None = None) -> str:
    """A stored detail (or an automatic motive) in words; a detail this version does not know, as stored."""
    if not detail:
        return ""
    if detail in FIXED:
        return translate("journal", detail)
    for pattern, text in PATTERNS:
        match = pattern.match(detail)
        if match is not None:
            values = {key: _value(key, value, translate, zone) for key, value in match.groupdict().items()}
            n = int(values.pop("count")) if "%n" in text else -1  # a plural text: %n is the count, in its form
            return translate("journal", text, None, n).format(**values)
    return detail


def _value(key: str, value: str, translate: Translate, zone: tzinfo | None) -> str:
    if key == "document":
        label = DOCUMENTS.get(value)
        return translate("journal", label) if label else value
    if key == "outcome":
        label = OUTCOMES.get(value)
        return translate("journal", label) if label else value
    if key == "status":
        label = STATUSES.get(value)
        return translate("journal", label) if label else value
    if key == "fields":
        return ", ".join(dict.fromkeys(_word(FIELDS, name, translate) for name in value.split(", ")))  # GPS once
    if key == "change":
        return _word(CHANGES, value, translate)
    if key == "counts":
        return ", ".join(_count(part, translate) for part in value.split(", "))
    if key == "date":
        return f"{value[8:10]}/{value[5:7]}/{value[:4]}"
    if key == "why":
        label = SEAL_REASONS.get(value)
        return translate("journal", label) if label else value
    if key == "at":
        try:
            return _local(datetime.fromisoformat(value), zone).strftime("%d/%m/%Y %H:%M")
        except ValueError:
            return value
    if key == "format":
        return value.upper()
    if key == "filters":
        return _filters(value, translate, zone)
    return value


def _filters(value: str, translate: Translate, zone: tzinfo | None) -> str:
    if value == "no filter":
        return translate("journal", "no filter")
    parts = []
    for part in value.split(", "):
        name, _, shown = part.partition("=")
        label = FILTER_NAMES.get(name)
        if label is None:
            return value  # not a summary this version wrote: as stored
        if name in ("from", "to"):
            try:
                shown = _local(datetime.fromisoformat(shown), zone).strftime("%d/%m/%Y %H:%M")
            except ValueError:
                pass
        elif name == "operation":
            shown = operation_text(shown, translate)
        elif name == "compartment":
            shown = compartment_text(shown, translate)
        parts.append(translate("journal", label).format(value=shown))
    return ", ".join(parts)


def _word(words: dict[str, str], value: str, translate: Translate) -> str:
    label = words.get(value)
    return translate("journal", label) if label else value


def _count(part: str, translate: Translate) -> str:
    compartment, _, count = part.partition("=")
    return f"{compartment_text(compartment, translate)} {count}" if count else part


def _local(at: datetime, zone: tzinfo | None) -> datetime:
    return at.astimezone(zone) if zone is not None else at.astimezone()
