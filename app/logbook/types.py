"""Plain data the logbook service takes and gives: frozen dataclasses, safe to hand to the GUI thread."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime

from app.errors import QT_TRANSLATE_NOOP, InvalidInput, NotFound, VigieError
from app.models.logbook import AttachmentKind, Channel, EntryStatus, PersonRole
# Shared with every feature that keeps versioned records with people (app/kernel/records.py).
from app.kernel.records import EditConflict as EditConflict
from app.kernel.records import HistoryItem as HistoryItem
from app.kernel.records import PersonData as PersonData
from app.logbook.attachment_files import EmailPart

# -- what the user typed -----------------------------------------------------------------------


@dataclass(frozen=True)
class EntryData:
    """An entry's fields as the form gives them (times timezone-aware)."""

    requested_at: datetime | None
    channel: Channel | str | None
    nature_code: str
    subject: str
    address: str = ""
    latitude: float | None = None
    longitude: float | None = None
    started_at: datetime | None = None
    ended_at: datetime | None = None
    agent_ids: tuple[str, ...] = ()
    facts: str = ""
    assessments: str = ""
    action_taken: str = ""
    outcome: str = ""
    document_number: str = ""
    request_id: str | None = None


# -- what the service gives back ------------------------------------------------------------


@dataclass(frozen=True)
class InputWarning:
    """Accepted, but worth a second look (shown by the form, never blocking)."""

    message: str  # English source, "logbook" context, with {field}
    field: str  # English source, "fields" context


@dataclass(frozen=True)
class AgentRef:
    user_id: str
    full_name: str
    matricule: str


@dataclass(frozen=True)
class PersonDetail:
    id: str
    version: int
    role: PersonRole
    last_name: str
    first_names: str
    birth_date: date | None
    birth_place: str
    address: str
    contact: str
    guardian: str


@dataclass(frozen=True)
class AttachmentInfo:
    id: str
    filename: str
    kind: AttachmentKind
    media_type: str
    size: int
    has_thumbnail: bool
    warning: str  # "" or a key of attachment_files.WARNING_LABELS
    added_at: datetime
    added_by: str  # the user's id
    # Its record came by sync and its file is still on its way (app/sync/attachments.py): shown as such.
    receiving: bool = False


@dataclass(frozen=True)
class EntryDetail:
    id: str
    version: int
    number: str
    requested_at: datetime
    channel: Channel
    address: str
    latitude: float | None
    longitude: float | None
    nature_code: str
    nature_label: str
    subject: str
    started_at: datetime | None
    ended_at: datetime | None
    agents: tuple[AgentRef, ...]
    facts: str
    assessments: str
    action_taken: str
    outcome: str
    status: EntryStatus
    document_number: str
    writing_id: str | None
    request_id: str | None
    created_by: str
    created_by_name: str
    created_at: datetime
    updated_by: str
    updated_by_name: str
    updated_at: datetime
    closed_at: datetime | None
    people: tuple[PersonDetail, ...]
    attachments: tuple[AttachmentInfo, ...]


class Change(enum.StrEnum):
    """What made a version of an entry."""

    CREATED = "created"
    UPDATED = "updated"
    CLOSED = "closed"
    REOPENED = "reopened"
    PERSON_ADDED = "person_added"
    PERSON_UPDATED = "person_updated"
    PERSON_REMOVED = "person_removed"
    ATTACHMENT_ADDED = "attachment_added"
    WRITING_LINKED = "writing_linked"
    WRITING_UNLINKED = "writing_unlinked"  # its draft deleted, the number voided
    PERSONAL_DATA_ERASED = "personal_data_erased"
    CONFLICT_SETTLED = "conflict_settled"  # a person chose between two versions made on two stations


CHANGE_LABELS = {
    Change.CREATED: QT_TRANSLATE_NOOP("logbook", "Created"),
    Change.UPDATED: QT_TRANSLATE_NOOP("logbook", "Modified"),
    Change.CLOSED: QT_TRANSLATE_NOOP("logbook", "Closed"),
    Change.REOPENED: QT_TRANSLATE_NOOP("logbook", "Reopened"),
    Change.PERSON_ADDED: QT_TRANSLATE_NOOP("logbook", "Person added"),
    Change.PERSON_UPDATED: QT_TRANSLATE_NOOP("logbook", "Person modified"),
    Change.PERSON_REMOVED: QT_TRANSLATE_NOOP("logbook", "Person removed"),
    Change.ATTACHMENT_ADDED: QT_TRANSLATE_NOOP("logbook", "Attachment added"),
    Change.WRITING_LINKED: QT_TRANSLATE_NOOP("logbook", "Rapport or PV linked"),
    Change.WRITING_UNLINKED: QT_TRANSLATE_NOOP("logbook", "Rapport or PV draft deleted"),
    Change.PERSONAL_DATA_ERASED: QT_TRANSLATE_NOOP("logbook", "Personal data erased"),
    Change.CONFLICT_SETTLED: QT_TRANSLATE_NOOP("logbook", "Settled between two stations' versions"),
}


@dataclass(frozen=True)
class EntryHistoryItem(HistoryItem["EntryDetail"]):
    """A version of an entry in its history, with the number of the station where it was made.

    Two stations that edit one entry offline make two versions of the same number: both are in
    the history (concurrent), each with its station, until a person settles them in the next one.
    """

    station: int = 0  # 0: not known (a first version, or one made before stations were numbered)
    concurrent: bool = False


@dataclass(frozen=True)
class Saved:
    """An entry as saved, and what the form may warn about.

    history_item is the history's line of the version the save made, as
    history() would give it, so that the form shows it without asking (and
    without journaling a consultation of what the user just typed); None when
    the save changed nothing and so made no version.
    """

    entry: EntryDetail
    warnings: tuple[InputWarning, ...] = ()
    history_item: HistoryItem[EntryDetail] | None = None


@dataclass(frozen=True)
class EntryRow:
    """What a row of the log's list shows; no identity of any person."""

    id: str
    number: str
    requested_at: datetime
    channel: Channel
    nature_code: str
    nature_label: str
    subject: str
    address: str
    status: EntryStatus
    started_at: datetime | None
    ended_at: datetime | None
    document_number: str
    agents: tuple[str, ...]  # full names, as recorded
    people_count: int
    attachment_count: int


class SortKey(enum.StrEnum):
    REQUESTED_AT = "requested_at"
    NUMBER = "number"


@dataclass(frozen=True)
class ListFilter:
    """Filters of the log's list; every one given must hold. Times are timezone-aware."""

    start: datetime | None = None  # requested at or after
    end: datetime | None = None  # requested before
    nature_codes: tuple[str, ...] = ()
    agent_id: str | None = None
    status: EntryStatus | None = None
    place: str = ""  # a piece of the address, whatever its case and accents
    sort: SortKey = SortKey.REQUESTED_AT
    descending: bool = True


@dataclass(frozen=True)
class PageCursor:
    """Where the next page starts; opaque to screens, valid for the filter it came with."""

    sort: SortKey
    descending: bool
    key: tuple = field(default=())


@dataclass(frozen=True)
class Page:
    rows: tuple[EntryRow, ...]
    next: PageCursor | None  # None: this was the last page


@dataclass(frozen=True)
class SearchPage:
    """Entries a full-text search found, the most recently recorded first."""

    rows: tuple[EntryRow, ...]
    next: int | None  # pass as `after` for the next page; None: this was the last page


@dataclass(frozen=True)
class AttachmentAdded:
    """An attachment added: the entry as it now stands, the new file, and what to warn about."""

    saved: Saved
    attachment: AttachmentInfo
    warning: str  # "" or a key of attachment_files.WARNING_LABELS (a malformed e-mail kept as a file)


@dataclass(frozen=True)
class NatureInfo:
    code: str
    label: str
    active: bool


@dataclass(frozen=True)
class Draft:
    key: str
    payload: dict
    saved_at: datetime


@dataclass(frozen=True)
class AttachmentContent:
    filename: str
    media_type: str
    data: bytes


@dataclass(frozen=True)
class EmailView:
    attachment_id: str
    filename: str
    sender: str
    to: str
    date: datetime | None
    subject: str
    text: str
    parts: tuple[EmailPart, ...]


# -- errors -------------------------------------------------------------------------------------


class EntryInvalid(InvalidInput):
    """A field the form must mark: *key* is its name in EntryData or PersonData ("subject", "ended_at"...)."""

    def __init__(self, message: str, key: str, **params) -> None:
        self.key = key
        super().__init__(message, **params)


class EntryNotFound(NotFound):
    message = QT_TRANSLATE_NOOP("errors", "This main courante entry does not exist, or it was erased.")


class OnLegalHold(VigieError):
    message = QT_TRANSLATE_NOOP("errors", "This entry is on legal hold until {until}: it cannot be erased.")
