"""The main courante: entries, the agents and people of each entry, its history, attachments and drafts.

People belong to one entry: there is no table of persons across entries, so
no query can gather what the service knows about someone (ARCHITECTURE.md,
"Compartments"). Agents never delete an entry: every change keeps the
previous state in `logbook_versions`; erasure is retention's, a court
outcome's, or an administrator's with a reason.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Enum, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.errors import QT_TRANSLATE_NOOP
from app.models.base import Base, RecordMixin
from app.models.people import PERSON_ROLE_LABELS, PersonRole  # noqa: F401 - shared, re-exported


def _values(enum_type: type[enum.Enum]) -> list[str]:
    return [member.value for member in enum_type]


def _enum(enum_type: type[enum.Enum], length: int) -> Enum:
    return Enum(enum_type, native_enum=False, length=length, values_callable=_values,
                validate_strings=True)


class Channel(enum.StrEnum):
    """How the request reached the service."""

    PHONE = "phone"
    COUNTER = "counter"
    RADIO = "radio"
    PATROL = "patrol"
    EMAIL = "email"
    EMERGENCY_17 = "17"
    OTHER = "other"


CHANNEL_LABELS = {
    Channel.PHONE: QT_TRANSLATE_NOOP("logbook", "Phone"),
    Channel.COUNTER: QT_TRANSLATE_NOOP("logbook", "Counter"),
    Channel.RADIO: QT_TRANSLATE_NOOP("logbook", "Radio"),
    Channel.PATROL: QT_TRANSLATE_NOOP("logbook", "Patrol"),
    Channel.EMAIL: QT_TRANSLATE_NOOP("logbook", "E-mail"),
    Channel.EMERGENCY_17: QT_TRANSLATE_NOOP("logbook", "17 (police emergency)"),
    Channel.OTHER: QT_TRANSLATE_NOOP("logbook", "Other"),
}


class EntryStatus(enum.StrEnum):
    OPEN = "open"
    CLOSED = "closed"


STATUS_LABELS = {
    EntryStatus.OPEN: QT_TRANSLATE_NOOP("logbook", "Open"),
    EntryStatus.CLOSED: QT_TRANSLATE_NOOP("logbook", "Closed"),
}




class AttachmentKind(enum.StrEnum):
    PHOTO = "photo"
    PDF = "pdf"
    OFFICE = "office"
    EMAIL = "email"
    # An .eml that could not be read as a message: kept as it came, with a warning.
    FILE = "file"


ATTACHMENT_KIND_LABELS = {
    AttachmentKind.PHOTO: QT_TRANSLATE_NOOP("logbook", "Photo"),
    AttachmentKind.PDF: QT_TRANSLATE_NOOP("logbook", "PDF document"),
    AttachmentKind.OFFICE: QT_TRANSLATE_NOOP("logbook", "Office document"),
    AttachmentKind.EMAIL: QT_TRANSLATE_NOOP("logbook", "E-mail"),
    AttachmentKind.FILE: QT_TRANSLATE_NOOP("logbook", "File"),
}


class LogbookNature(Base):
    """The nomenclature of natures, edited by an administrator; its labels are the service's own (French)."""

    __tablename__ = "logbook_natures"

    # A stable code, so that stations of one service agree on a nature whatever its label becomes.
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    label: Mapped[str] = mapped_column(String(100))
    active: Mapped[bool] = mapped_column(default=True)
    position: Mapped[int] = mapped_column(default=0)


class LogbookEntry(RecordMixin, Base):
    __tablename__ = "logbook_entries"
    __table_args__ = (
        # The list's order and its keyset pages, with and without its most common filters.
        Index("ix_logbook_entries_requested", "requested_at", "id"),
        Index("ix_logbook_entries_nature_requested", "nature_code", "requested_at", "id"),
        Index("ix_logbook_entries_status_requested", "status", "requested_at", "id"),
        Index("ix_logbook_entries_year_serial", "year", "serial"),
    )

    # The full-text index's rowid for this entry (FTS5 keys its rows by integer).
    search_rowid: Mapped[int] = mapped_column(Integer, unique=True)
    # "2026/00042": a yearly number of the service, never given twice (docs/numbering.md).
    number: Mapped[str] = mapped_column(String(20), unique=True)
    year: Mapped[int]
    serial: Mapped[int]
    requested_at: Mapped[datetime]
    channel: Mapped[Channel] = mapped_column(_enum(Channel, 10))
    address: Mapped[str] = mapped_column(String(300), default="")
    # The address without case or accents, for the list's place filter ("eglise" finds "Église").
    place_key: Mapped[str] = mapped_column(String(300), default="")
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    nature_code: Mapped[str] = mapped_column(String(40), ForeignKey("logbook_natures.code"))
    subject: Mapped[str] = mapped_column(String(300))
    started_at: Mapped[datetime | None]
    ended_at: Mapped[datetime | None]
    # Directive 2016/680 art. 7: what was found apart from what the author thinks of it.
    facts: Mapped[str] = mapped_column(Text, default="")
    assessments: Mapped[str] = mapped_column(Text, default="")
    action_taken: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[EntryStatus] = mapped_column(_enum(EntryStatus, 10), default=EntryStatus.OPEN)
    # The rapport or PV that followed (filled by the writings module): its number, and its record's id.
    document_number: Mapped[str] = mapped_column(String(200), default="")
    writing_id: Mapped[str | None] = mapped_column(String(36))
    # The request this entry was made from (filled by the requests module).
    request_id: Mapped[str | None] = mapped_column(String(36))
    # What made the current version (created, updated, closed, person added...), shown in the history.
    last_change: Mapped[str] = mapped_column(String(30), default="created")
    created_by: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(index=True)
    updated_by: Mapped[str] = mapped_column(String(36))
    updated_at: Mapped[datetime]
    closed_at: Mapped[datetime | None]


class LogbookAgent(RecordMixin, Base):
    """An agent involved in an entry, with the name and matricule they had then."""

    __tablename__ = "logbook_agents"
    __table_args__ = (UniqueConstraint("entry_id", "user_id", name="uq_logbook_agents_entry_user"),)

    entry_id: Mapped[str] = mapped_column(String(36), ForeignKey("logbook_entries.id"))
    user_id: Mapped[str] = mapped_column(String(36), ForeignKey("users.id"), index=True)
    full_name: Mapped[str] = mapped_column(String(200))
    matricule: Mapped[str] = mapped_column(String(40), default="")
    position: Mapped[int] = mapped_column(default=0)


class LogbookPerson(RecordMixin, Base):
    """A person involved in one entry, in one role. Never looked up across entries."""

    __tablename__ = "logbook_people"

    entry_id: Mapped[str] = mapped_column(String(36), ForeignKey("logbook_entries.id"), index=True)
    role: Mapped[PersonRole] = mapped_column(_enum(PersonRole, 20))
    last_name: Mapped[str] = mapped_column(String(200), default="")
    first_names: Mapped[str] = mapped_column(String(200), default="")
    birth_date: Mapped[date | None]
    birth_place: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    contact: Mapped[str] = mapped_column(Text, default="")
    # The legal guardian of a minor: name and how to reach them.
    guardian: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class LogbookVersion(RecordMixin, Base):
    """A previous state of an entry (its fields, agents, people and attachments), kept at each change."""

    __tablename__ = "logbook_versions"
    # Not unique on (entry, number): two stations that edit one entry offline each keep the state they
    # replaced under the same number, and both rows reach every station (union; docs/sync.md, "History").
    __table_args__ = (Index("ix_logbook_versions_entry_id_entry_version", "entry_id", "entry_version"),)

    entry_id: Mapped[str] = mapped_column(String(36), ForeignKey("logbook_entries.id"))
    entry_version: Mapped[int]
    state: Mapped[str] = mapped_column(Text)  # JSON
    # Who made the change that replaced this state, and when.
    replaced_by: Mapped[str] = mapped_column(String(36))
    replaced_at: Mapped[datetime]
    # The number of the station where that change was made (0: made before stations were numbered here).
    station_number: Mapped[int] = mapped_column(Integer, default=0)


class LogbookAttachment(RecordMixin, Base):
    """A file attached to an entry; its bytes are an encrypted blob (app/store/attachments.py)."""

    __tablename__ = "logbook_attachments"

    entry_id: Mapped[str] = mapped_column(String(36), ForeignKey("logbook_entries.id"), index=True)
    blob: Mapped[str] = mapped_column(String(64), index=True)
    thumbnail_blob: Mapped[str | None] = mapped_column(String(64), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    kind: Mapped[AttachmentKind] = mapped_column(_enum(AttachmentKind, 10))
    media_type: Mapped[str] = mapped_column(String(120))
    size: Mapped[int]
    # "" or why the file is kept as it came (a malformed e-mail).
    warning: Mapped[str] = mapped_column(String(40), default="")
    # An e-mail as it was read when attached: its headers, its text and the list of its files (JSON).
    email_from: Mapped[str] = mapped_column(Text, default="")
    email_to: Mapped[str] = mapped_column(Text, default="")
    email_date: Mapped[datetime | None]
    email_subject: Mapped[str] = mapped_column(Text, default="")
    email_text: Mapped[str] = mapped_column(Text, default="")
    email_parts: Mapped[str] = mapped_column(Text, default="[]")
    added_by: Mapped[str] = mapped_column(String(36))
    added_at: Mapped[datetime]


class LogbookDraft(Base):
    """What a user was typing, saved every few seconds; erased after 30 days."""

    __tablename__ = "logbook_drafts"

    user_id: Mapped[str] = mapped_column(String(36), ForeignKey("users.id"), primary_key=True)
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    payload: Mapped[str] = mapped_column(Text)  # JSON
    saved_at: Mapped[datetime] = mapped_column(index=True)

