"""What the main courante accepts: field labels, messages, and the checks of an entry and a person.

Nothing here touches the database except check_references, which reads the
nomenclature and the accounts in the caller's transaction. The messages are
English sources translated in the "errors", "fields" and "logbook" contexts.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import QT_TRANSLATE_NOOP
from app.logbook.types import EntryData, EntryInvalid, InputWarning, PersonData
from app.models import User
from app.models.logbook import Channel, LogbookNature, PersonRole

# Narratives may be long (a night's events); this bounds a paste gone wrong, not a real text.
MAX_TEXT = 200_000
# Beyond this, a time in the future is probably a typing slip: said, not refused.
FUTURE_MARGIN = timedelta(hours=1)
NUMBER = re.compile(r"^\s*(\d{4})\s*/\s*(\d{1,6})\s*$")

FIELD_LABELS = {
    "requested_at": QT_TRANSLATE_NOOP("fields", "Time of the request"),
    "channel": QT_TRANSLATE_NOOP("fields", "How it came"),
    "nature_code": QT_TRANSLATE_NOOP("fields", "Nature"),
    "subject": QT_TRANSLATE_NOOP("fields", "Subject"),
    "address": QT_TRANSLATE_NOOP("fields", "Place"),
    "latitude": QT_TRANSLATE_NOOP("fields", "GPS point"),
    "longitude": QT_TRANSLATE_NOOP("fields", "GPS point"),
    "started_at": QT_TRANSLATE_NOOP("fields", "Start"),
    "ended_at": QT_TRANSLATE_NOOP("fields", "End"),
    "agent_ids": QT_TRANSLATE_NOOP("fields", "Agents"),
    "facts": QT_TRANSLATE_NOOP("fields", "Facts"),
    "assessments": QT_TRANSLATE_NOOP("fields", "Assessments"),
    "action_taken": QT_TRANSLATE_NOOP("fields", "Action taken"),
    "outcome": QT_TRANSLATE_NOOP("fields", "Outcome"),
    "document_number": QT_TRANSLATE_NOOP("fields", "Rapport or PV number"),
    "role": QT_TRANSLATE_NOOP("fields", "Role"),
    "last_name": QT_TRANSLATE_NOOP("fields", "Last name"),
    "first_names": QT_TRANSLATE_NOOP("fields", "First names"),
    "birth_date": QT_TRANSLATE_NOOP("fields", "Birth date"),
    "birth_place": QT_TRANSLATE_NOOP("fields", "Birth place"),
    "contact": QT_TRANSLATE_NOOP("fields", "Contact"),
    "guardian": QT_TRANSLATE_NOOP("fields", "Legal guardian"),
    "label": QT_TRANSLATE_NOOP("fields", "Label"),
    "reason": QT_TRANSLATE_NOOP("fields", "Reason"),
}

REQUIRED = QT_TRANSLATE_NOOP("errors", "The field \u201c{field}\u201d is required.")
TOO_LONG = QT_TRANSLATE_NOOP("errors", "The field \u201c{field}\u201d is longer than {max} characters.")
END_BEFORE_START = QT_TRANSLATE_NOOP("errors", "The end of the intervention ({end}) is before its start ({start}).")
UNKNOWN_CHANNEL = QT_TRANSLATE_NOOP("errors", "Choose how the request came (phone, counter, radio...).")
UNKNOWN_NATURE = QT_TRANSLATE_NOOP("errors", "The nature {code} is not in the nomenclature.")
DISABLED_NATURE = QT_TRANSLATE_NOOP("errors", "The nature \u201c{label}\u201d is no longer in use: choose another.")
BAD_GPS = QT_TRANSLATE_NOOP(
    "errors", "A GPS point needs both a latitude (-90 to 90) and a longitude (-180 to 180)."
)
UNKNOWN_AGENT = QT_TRANSLATE_NOOP("errors", "An agent of this entry has no account on this station.")
NO_NAME = QT_TRANSLATE_NOOP("errors", "Give at least a last name or a first name for the person.")
UNKNOWN_ROLE = QT_TRANSLATE_NOOP("errors", "Choose the person\u2019s role (suspect, victim, witness...).")
BIRTH_IN_FUTURE = QT_TRANSLATE_NOOP("errors", "The birth date of {name}, {date}, is in the future.")
NO_PERSON = QT_TRANSLATE_NOOP("errors", "This person is not recorded on this entry any more.")
NO_ATTACHMENT = QT_TRANSLATE_NOOP("errors", "This attachment does not exist, or it was erased.")
NO_PART = QT_TRANSLATE_NOOP("errors", "This e-mail carries no such file.")
DUPLICATE_NATURE = QT_TRANSLATE_NOOP("errors", "The nature \u201c{label}\u201d is already in the nomenclature.")
NO_NATURE = QT_TRANSLATE_NOOP("errors", "The nature {code} is not in the nomenclature.")
BAD_DRAFT = QT_TRANSLATE_NOOP("errors", "This draft cannot be kept: {reason}.")
SAVE_FAILED = QT_TRANSLATE_NOOP("errors", "Cannot write the file {path}: {reason}. Nothing was saved.")

FUTURE_WARNING = QT_TRANSLATE_NOOP("logbook", "The field \u201c{field}\u201d is in the future: check the date.")
MINOR_WARNING = QT_TRANSLATE_NOOP("logbook", "This person is a minor: give a legal guardian if one is known.")
START_BEFORE_REQUEST = QT_TRANSLATE_NOOP("logbook",
                                         "The field \u201c{field}\u201d is before the time of the request.")


@dataclass(frozen=True)
class Clean:
    """EntryData checked and trimmed: what is written."""

    requested_at: datetime
    channel: Channel
    nature_code: str
    subject: str
    address: str
    latitude: float | None
    longitude: float | None
    started_at: datetime | None
    ended_at: datetime | None
    agent_ids: tuple[str, ...]
    facts: str
    assessments: str
    action_taken: str
    outcome: str
    document_number: str
    request_id: str | None


# Fields of an entry the form sets (request_id and the writing link are kept by an update).
FORM_FIELDS = ("requested_at", "channel", "nature_code", "subject", "address", "latitude", "longitude",
               "started_at", "ended_at", "facts", "assessments", "action_taken", "outcome", "document_number")


def clean_entry(data: EntryData, now: datetime) -> tuple[Clean, tuple[InputWarning, ...]]:
    """*data* checked as a save takes it (without the nomenclature and accounts), and its warnings."""
    if data.requested_at is None:
        raise EntryInvalid(REQUIRED, "requested_at", field=FIELD_LABELS["requested_at"])
    _aware(data.requested_at, "requested_at")
    channel = _channel(data.channel)
    nature_code = (data.nature_code or "").strip()
    if not nature_code:
        raise EntryInvalid(REQUIRED, "nature_code", field=FIELD_LABELS["nature_code"])
    subject = line(data.subject, "subject", 300, required=True)
    address = line(data.address, "address", 300)
    latitude, longitude = _gps(data.latitude, data.longitude)
    for key in ("started_at", "ended_at"):
        if getattr(data, key) is not None:
            _aware(getattr(data, key), key)
    if data.started_at is not None and data.ended_at is not None and data.ended_at < data.started_at:
        raise EntryInvalid(END_BEFORE_START, "ended_at", start=_shown(data.started_at),
                           end=_shown(data.ended_at))
    texts = {key: text(getattr(data, key), key) for key in ("facts", "assessments", "action_taken", "outcome")}
    agent_ids = tuple(dict.fromkeys(a for a in data.agent_ids if a))
    clean = Clean(
        requested_at=data.requested_at, channel=channel, nature_code=nature_code, subject=subject,
        address=address, latitude=latitude, longitude=longitude, started_at=data.started_at,
        ended_at=data.ended_at, agent_ids=agent_ids,
        document_number=line(data.document_number, "document_number", 200),
        request_id=data.request_id or None, **texts,
    )
    return clean, _time_warnings(data, now)


def _channel(value: Channel | str | None) -> Channel:
    try:
        channel = Channel(value) if value not in (None, "") else None
    except ValueError:
        channel = None
    if channel is None:
        raise EntryInvalid(UNKNOWN_CHANNEL, "channel")
    return channel


def _time_warnings(data: EntryData, now: datetime) -> tuple[InputWarning, ...]:
    warnings: list[InputWarning] = []
    for key in ("requested_at", "started_at", "ended_at"):
        moment = getattr(data, key)
        if moment is not None and moment > now + FUTURE_MARGIN:
            warnings.append(InputWarning(FUTURE_WARNING, FIELD_LABELS[key]))
    assert data.requested_at is not None
    if data.started_at is not None and data.started_at < data.requested_at - timedelta(minutes=1):
        warnings.append(InputWarning(START_BEFORE_REQUEST, FIELD_LABELS["started_at"]))
    return tuple(warnings)


def check_references(session: Session, clean: Clean, keep_nature: str | None = None) -> None:
    """The nature is in the nomenclature (and in use, unless the entry has it already); agents have accounts."""
    nature = session.get(LogbookNature, clean.nature_code)
    if nature is None:
        raise EntryInvalid(UNKNOWN_NATURE, "nature_code", code=clean.nature_code)
    if not nature.active and clean.nature_code != keep_nature:
        raise EntryInvalid(DISABLED_NATURE, "nature_code", label=nature.label)
    if clean.agent_ids:
        found = set(session.scalars(select(User.id).where(User.id.in_(clean.agent_ids))))
        if found != set(clean.agent_ids):
            raise EntryInvalid(UNKNOWN_AGENT, "agent_ids")


def clean_person(person: PersonData, at: datetime, today: date) -> tuple[dict, tuple[InputWarning, ...]]:
    """A person's fields as written, and the warnings; *at* is when the entry was requested."""
    try:
        role = PersonRole(person.role)
    except ValueError:
        raise EntryInvalid(UNKNOWN_ROLE, "role") from None
    fields = {
        "role": role,
        "last_name": line(person.last_name, "last_name", 200),
        "first_names": line(person.first_names, "first_names", 200),
        "birth_date": person.birth_date,
        "birth_place": line(person.birth_place, "birth_place", 200),
        "address": text(person.address, "address", 2000),
        "contact": text(person.contact, "contact", 2000),
        "guardian": text(person.guardian, "guardian", 2000),
    }
    if not fields["last_name"] and not fields["first_names"]:
        raise EntryInvalid(NO_NAME, "last_name")
    warnings = []
    if person.birth_date is not None:
        if person.birth_date > today:
            named = " ".join(part for part in (person.first_names.strip(), person.last_name.strip()) if part)
            raise EntryInvalid(BIRTH_IN_FUTURE, "birth_date", date=person.birth_date.strftime("%d/%m/%Y"), name=named)
        if _age(person.birth_date, at.astimezone().date()) < 18 and not fields["guardian"]:
            warnings.append(InputWarning(MINOR_WARNING, FIELD_LABELS["guardian"]))
    return fields, tuple(warnings)


def entry_fields(clean: Clean) -> dict:
    fields = {key: getattr(clean, key) for key in FORM_FIELDS}
    fields["request_id"] = clean.request_id
    return fields


def _aware(moment: datetime, key: str) -> None:
    if not isinstance(moment, datetime) or moment.tzinfo is None:
        raise EntryInvalid(REQUIRED, key, field=FIELD_LABELS[key])


def line(value: str | None, key: str, max_length: int, required: bool = False) -> str:
    """A one-line field: spaces around it trimmed, everything else (emoji, right-to-left marks) kept."""
    text = (value or "").strip()
    if required and not text:
        raise EntryInvalid(REQUIRED, key, field=FIELD_LABELS[key])
    if len(text) > max_length:
        raise EntryInvalid(TOO_LONG, key, field=FIELD_LABELS[key], max=max_length)
    return text


def text(value: str | None, key: str, max_length: int = MAX_TEXT) -> str:
    """A narrative, kept exactly as typed (only a text of nothing but spaces counts as empty)."""
    kept = value or ""
    if not kept.strip():
        return ""
    if len(kept) > max_length:
        raise EntryInvalid(TOO_LONG, key, field=FIELD_LABELS[key], max=max_length)
    return kept


def _gps(latitude: float | None, longitude: float | None) -> tuple[float | None, float | None]:
    if latitude is None and longitude is None:
        return None, None
    try:
        lat, lon = float(latitude), float(longitude)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise EntryInvalid(BAD_GPS, "latitude") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise EntryInvalid(BAD_GPS, "latitude")
    return lat, lon


def _shown(moment: datetime) -> str:
    return moment.astimezone().strftime("%d/%m/%Y %H:%M")


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def slug(label: str) -> str:
    """A nature's code made from its label: lower case, no accents, words joined by underscores."""
    bare = unicodedata.normalize("NFKD", label)
    bare = "".join(c for c in bare if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^a-z0-9]+", "_", bare).strip("_")[:40]


def page_limit(limit: int) -> int:
    return max(1, min(int(limit), 1000))
