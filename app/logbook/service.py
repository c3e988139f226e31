"""The main courante as the screens use it: the only way to its entries, people, attachments and drafts.

Rights are checked here (compartment main_courante: read, write, export,
administer; a refusal is journaled by Rights), every change is journaled in
its own transaction together with the previous version of the entry (the
history) and the sync outbox rows, and nothing here imports Qt. Every value
handed back is plain frozen data (app/logbook/types.py), safe to
pass to the GUI thread.

The API (names are stable; the screens in app/ui/ build on them):

Entries
    create(actor, data, people=(), *, draft_key=None) -> Saved
    update(actor, entry_id, data, *, expected_version, draft_key=None) -> Saved
    save(actor, data, *, entry_id=None, expected_version=None, people=(), draft_key=None) -> Saved
    check(data) -> tuple[InputWarning, ...]        validation only, nothing saved, no rights needed
    get(actor, entry_id) -> EntryDetail             journaled (consult)
    history(actor, entry_id) -> tuple[HistoryItem, ...]   oldest first, the last is the entry now; journaled
    close(actor, entry_id, *, expected_version=None) -> Saved
    reopen(actor, entry_id, *, expected_version=None) -> Saved
    erase(actor, entry_id, reason) -> None          administrators only; the number is voided
Lists (not journaled: a row shows no person's identity; opening an entry is)
    list_page(actor, filters=ListFilter(), after=None, limit=PAGE_SIZE, offset=None) -> Page
    count(actor, filters=ListFilter()) -> int
    today(actor, limit=500) -> tuple[EntryRow, ...]  requested since local midnight, and every open entry
Search (FTS5, this compartment only; a first page is journaled, once)
    search(actor, text, motive=None, people=False, after=None, limit=PAGE_SIZE) -> SearchPage
        people=True looks in people's names only, and needs a motive (MotiveRequired) where the
        station's rule asks for one (setting motive_required_for, operation "search_person").
        A number typed whole ("2026/00042") finds that entry.
People on an entry (each change is a new version of the entry)
    add_person(actor, entry_id, person, *, expected_version=None) -> Saved
    update_person(actor, entry_id, person_id, person, *, expected_version=None) -> Saved
    remove_person(actor, entry_id, person_id, *, expected_version=None) -> Saved
Attachments
    add_attachment(actor, entry_id, path=None, *, data=None, filename=None) -> AttachmentAdded
        refused with the reason (AttachmentRefused): over the `attachment_max_mb` limit, unreadable,
        empty, content not matching the extension, unsupported kind. A malformed .eml is kept as a
        plain file, with AttachmentAdded.warning == "malformed_email".
    open_attachment(actor, attachment_id, part=None) -> AttachmentContent   journaled (consult)
    save_attachment(actor, attachment_id, target, motive, part=None) -> Path  export right, journaled
    thumbnail(actor, attachment_id) -> bytes | None  JPEG, for photos (shown with the entry: not journaled)
    email_view(actor, attachment_id) -> EmailView    journaled (consult)
    (part: the index of a file an e-mail carries, as in EmailView.parts)
Drafts (autosaved by the form every few seconds, offered again at the next login; kept 30 days)
    save_draft(actor, key, payload) -> Draft;  drafts_for(actor) -> list[Draft];  discard_draft(actor, key)
Nomenclature of natures
    natures(actor, include_disabled=False) -> list[NatureInfo]
    add_nature(actor, label) -> NatureInfo;  rename_nature(actor, code, label) -> NatureInfo
    set_nature_active(actor, code, active) -> NatureInfo        (administer right on main_courante)
Agents and hooks for the next modules
    agent_choices(actor) -> list[AgentRef]          accounts that can be named as agents of an entry
    link_writing(actor, entry_id, writing_id, number) -> Saved   "Rédiger un rapport / PV" (writings)
    create_from_request(actor, request_id, data, people=()) -> Saved   an entry from a request (requests)

Errors: EntryInvalid (an InvalidInput whose `key` names the field to mark), EditConflict,
EntryNotFound, OnLegalHold, AttachmentRefused, MotiveRequired, AccessDenied.
Warnings (never blocking) come back in Saved.warnings.

Retention: the service registers the target (main_courante, "logbook_entry") in
station.retention_targets: entries recorded before the cutoff, their erasure with
everything hanging on them (files no other row names are removed after the commit),
and the erasure of one entry's personal data (people and attachments).
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.audit.journal import Actor
from app.errors import QT_TRANSLATE_NOOP, AccessDenied, InvalidInput, NotFound, VigieError
from app.ids import new_id
from app.models import LegalHold, LogbookVersion, Operation, Role, User
from app.models.logbook import (
    Channel,
    EntryStatus,
    LogbookAgent,
    LogbookAttachment,
    LogbookDraft,
    LogbookEntry,
    LogbookNature,
    LogbookPerson,
    PersonRole,
)
from app.logbook import attachment_files
from app.kernel import numbering
from app.logbook import store
from app.logbook.attachment_files import EmailPart
from app.logbook.types import (
    AgentRef,
    AttachmentAdded,
    AttachmentContent,
    Change,
    Draft,
    EditConflict,
    EmailView,
    EntryData,
    EntryDetail,
    EntryInvalid,
    EntryNotFound,
    EntryRow,
    HistoryItem,
    InputWarning,
    ListFilter,
    NatureInfo,
    OnLegalHold,
    Page,
    PageCursor,
    PersonData,
    Saved,
    SearchPage,
)
from app.kernel.motives import checked_motive
from app.kernel.work import Kernel, Work
from app.kernel.retention import RetentionTarget, remove_files
from app.kernel.rights import Access, Compartment, Permission, current, granted
from app.kernel.settings import read_setting
from app.store.attachments import BlobStore

COMPARTMENT = Compartment.MAIN_COURANTE
RECORD_KIND = "logbook_entry"
SERIES = "main_courante"
PAGE_SIZE = 100
DRAFT_DAYS = 30
# Narratives may be long (a night's events); this bounds a paste gone wrong, not a real text.
MAX_TEXT = 200_000
# Beyond this, a time in the future is probably a typing slip: said, not refused.
FUTURE_MARGIN = timedelta(hours=1)
_NUMBER = re.compile(r"^\s*(\d{4})\s*/\s*(\d{1,6})\s*$")

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
BIRTH_IN_FUTURE = QT_TRANSLATE_NOOP("errors", "The birth date {date} is in the future.")
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


class SaveOutFailed(VigieError):
    message = SAVE_FAILED


@dataclass(frozen=True)
class _Clean:
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
_FORM_FIELDS = ("requested_at", "channel", "nature_code", "subject", "address", "latitude", "longitude",
                "started_at", "ended_at", "facts", "assessments", "action_taken", "outcome", "document_number")


class LogbookService:
    def __init__(self, kernel: Kernel) -> None:
        self.kernel = kernel
        self.station = station = kernel.station
        self.blobs = BlobStore(station.paths.attachments, station.clock)
        station.retention_targets.register(RetentionTarget(
            compartment=COMPARTMENT,
            record_kind=RECORD_KIND,
            recorded_before=store.recorded_before,
            erase=self._erase_for_retention,
            erase_personal_data=self._erase_personal_data,
        ))

    @property
    def clock(self):
        return self.station.clock

    # -- rights and units of work --------------------------------------------------------------

    @contextmanager
    def _work(self, actor: Actor, access: Access, *, read_only: bool = False) -> Iterator:
        """A unit of work in which *actor* holds *access* on the main courante.

        The right is read in the same transaction; a refusal is journaled by
        Rights in a transaction of its own, once this one is closed. A
        read-only unit (lists, counts) takes no lock and waits for no writer.
        """
        with (self.station.read() if read_only else self.station.uow()) as uow:
            if granted(uow.session, current(uow.session, actor), COMPARTMENT, access):
                yield uow
                return
        self.station.rights.require_compartment(actor, COMPARTMENT, access)
        raise AccessDenied(what=str(COMPARTMENT))  # granted between the two reads: refuse all the same

    def _journal(self, session: Session, operation: Operation, actor: Actor, record_id: str = "",
                 detail: str = "", motive: str = "", record_kind: str = RECORD_KIND) -> None:
        self.station.journal.append(session, operation, actor, compartment=str(COMPARTMENT),
                                    record_kind=record_kind, record_id=record_id, motive=motive, detail=detail)

    def _queue(self, session: Session, record, kind: str) -> None:
        self.kernel.queue(session, record)  # its kind follows from its model

    # -- validation --------------------------------------------------------------------------------

    def check(self, data: EntryData) -> tuple[InputWarning, ...]:
        """Validate *data* as a save would (without the nomenclature and accounts); returns its warnings."""
        return self._clean(data)[1]

    def _clean(self, data: EntryData) -> tuple[_Clean, tuple[InputWarning, ...]]:
        now = self.clock.now()
        warnings: list[InputWarning] = []
        if data.requested_at is None:
            raise EntryInvalid(REQUIRED, "requested_at", field=FIELD_LABELS["requested_at"])
        _aware(data.requested_at, "requested_at")
        try:
            channel = Channel(data.channel) if data.channel not in (None, "") else None
        except ValueError:
            channel = None
        if channel is None:
            raise EntryInvalid(UNKNOWN_CHANNEL, "channel")
        nature_code = (data.nature_code or "").strip()
        if not nature_code:
            raise EntryInvalid(REQUIRED, "nature_code", field=FIELD_LABELS["nature_code"])
        subject = _line(data.subject, "subject", 300, required=True)
        address = _line(data.address, "address", 300)
        latitude, longitude = _gps(data.latitude, data.longitude)
        for key in ("started_at", "ended_at"):
            if getattr(data, key) is not None:
                _aware(getattr(data, key), key)
        if data.started_at is not None and data.ended_at is not None and data.ended_at < data.started_at:
            raise EntryInvalid(END_BEFORE_START, "ended_at", start=_shown(data.started_at),
                               end=_shown(data.ended_at))
        for key in ("requested_at", "started_at", "ended_at"):
            moment = getattr(data, key)
            if moment is not None and moment > now + FUTURE_MARGIN:
                warnings.append(InputWarning(FUTURE_WARNING, FIELD_LABELS[key]))
        if data.started_at is not None and data.started_at < data.requested_at - timedelta(minutes=1):
            warnings.append(InputWarning(START_BEFORE_REQUEST, FIELD_LABELS["started_at"]))
        texts = {key: _text(getattr(data, key), key) for key in ("facts", "assessments", "action_taken", "outcome")}
        agent_ids = tuple(dict.fromkeys(a for a in data.agent_ids if a))
        clean = _Clean(
            requested_at=data.requested_at, channel=channel, nature_code=nature_code, subject=subject,
            address=address, latitude=latitude, longitude=longitude, started_at=data.started_at,
            ended_at=data.ended_at, agent_ids=agent_ids, document_number=_line(data.document_number,
                                                                                "document_number", 200),
            request_id=data.request_id or None, **texts,
        )
        return clean, tuple(warnings)

    def _check_references(self, session: Session, clean: _Clean, keep_nature: str | None = None) -> None:
        nature = session.get(LogbookNature, clean.nature_code)
        if nature is None:
            raise EntryInvalid(UNKNOWN_NATURE, "nature_code", code=clean.nature_code)
        if not nature.active and clean.nature_code != keep_nature:
            raise EntryInvalid(DISABLED_NATURE, "nature_code", label=nature.label)
        if clean.agent_ids:
            found = set(session.scalars(select(User.id).where(User.id.in_(clean.agent_ids))))
            if found != set(clean.agent_ids):
                raise EntryInvalid(UNKNOWN_AGENT, "agent_ids")

    def _clean_person(self, person: PersonData, at: datetime) -> tuple[dict, tuple[InputWarning, ...]]:
        try:
            role = PersonRole(person.role)
        except ValueError:
            raise EntryInvalid(UNKNOWN_ROLE, "role") from None
        fields = {
            "role": role,
            "last_name": _line(person.last_name, "last_name", 200),
            "first_names": _line(person.first_names, "first_names", 200),
            "birth_date": person.birth_date,
            "birth_place": _line(person.birth_place, "birth_place", 200),
            "address": _text(person.address, "address", 2000),
            "contact": _text(person.contact, "contact", 2000),
            "guardian": _text(person.guardian, "guardian", 2000),
        }
        if not fields["last_name"] and not fields["first_names"]:
            raise EntryInvalid(NO_NAME, "last_name")
        warnings = []
        today = self.clock.now().astimezone().date()
        if person.birth_date is not None:
            if person.birth_date > today:
                raise EntryInvalid(BIRTH_IN_FUTURE, "birth_date", date=person.birth_date.isoformat())
            if _age(person.birth_date, at.astimezone().date()) < 18 and not fields["guardian"]:
                warnings.append(InputWarning(MINOR_WARNING, FIELD_LABELS["guardian"]))
        return fields, tuple(warnings)

    # -- entries ---------------------------------------------------------------------------------------

    def save(self, actor: Actor, data: EntryData, *, entry_id: str | None = None,
             expected_version: int | None = None, people: Sequence[PersonData] = (),
             draft_key: str | None = None) -> Saved:
        """The form's Ctrl+S: create when *entry_id* is None, else update (people are edited apart)."""
        if entry_id is None:
            return self.create(actor, data, people, draft_key=draft_key)
        return self.update(actor, entry_id, data, expected_version=expected_version, draft_key=draft_key)

    def create(self, actor: Actor, data: EntryData, people: Sequence[PersonData] = (), *,
               draft_key: str | None = None) -> Saved:
        """Record a new entry with its number; the draft *draft_key* goes in the same transaction."""
        clean, warnings = self._clean(data)
        checked_people = [self._clean_person(p, clean.requested_at) for p in people]
        warnings += tuple(w for _, found in checked_people for w in found)
        with self._work(actor, Access.WRITE) as uow:
            session = uow.session
            self._check_references(session, clean)
            now = self.clock.now()
            number = numbering.next_number(session, SERIES, now)
            entry = LogbookEntry(
                id=new_id(), version=1, search_rowid=store.next_search_rowid(session), number=number.text,
                year=number.year, serial=number.serial, place_key=store.place_key(clean.address),
                status=EntryStatus.OPEN, writing_id=None, last_change=str(Change.CREATED),
                created_by=actor.user_id, created_at=now, updated_by=actor.user_id, updated_at=now,
                closed_at=None, **_entry_fields(clean),
            )
            session.add(entry)
            agents = self._set_agents(session, entry, clean.agent_ids, existing=[])
            people = [LogbookPerson(id=new_id(), version=1, entry_id=entry.id, position=position, created_at=now,
                                    updated_at=now, **fields) for position, (fields, _) in enumerate(checked_people)]
            session.add_all(people)
            session.flush()
            store.index_entry(session, entry, replace=False, people=people)
            self._journal(session, Operation.CREATE, actor, entry.id)
            self._queue(session, entry, RECORD_KIND)
            for record, kind in [(a, "logbook_agent") for a in agents] + [(p, "logbook_person") for p in people]:
                self._queue(session, record, kind)
            if draft_key:
                self._drop_draft(session, actor, draft_key)
            detail = store.detail_from_state(session, store.entry_state(session, entry, agents, people, []))
            uow.commit()
        return Saved(detail, warnings)

    def create_from_request(self, actor: Actor, request_id: str, data: EntryData,
                            people: Sequence[PersonData] = ()) -> Saved:
        """The requests module's hook: an entry made from a request keeps the request's id."""
        return self.create(actor, replace(data, request_id=request_id), people)

    def update(self, actor: Actor, entry_id: str, data: EntryData, *, expected_version: int | None,
               draft_key: str | None = None) -> Saved:
        """Save the form over the entry as it was at *expected_version* (EditConflict if it moved since).

        The request and the writing the entry is linked to are kept; a save that
        changes nothing makes no new version.
        """
        clean, warnings = self._clean(data)
        with self._work(actor, Access.WRITE) as uow:
            session = uow.session
            entry = self._for_change(session, entry_id, expected_version)
            self._check_references(session, clean, keep_nature=entry.nature_code)
            before = store.entry_state(session, entry)
            for key, value in _entry_fields(clean).items():
                if key == "request_id":
                    continue
                if key == "document_number" and not value:
                    continue  # a form that does not show the link does not erase it
                setattr(entry, key, value)
            entry.place_key = store.place_key(clean.address)
            old_agents = store.agents_of(session, entry.id)
            agents = self._set_agents(session, entry, clean.agent_ids, existing=old_agents)
            records = [] if agents is old_agents else [(agent, "logbook_agent") for agent in agents]
            changed = self._new_version(session, actor, entry, before, Change.UPDATED, records)
            if draft_key:
                self._drop_draft(session, actor, draft_key)
            detail = self._detail(session, entry)
            if changed or draft_key:
                uow.commit()
        return Saved(detail, warnings)

    def close(self, actor: Actor, entry_id: str, *, expected_version: int | None = None) -> Saved:
        return self._set_status(actor, entry_id, expected_version, EntryStatus.CLOSED)

    def reopen(self, actor: Actor, entry_id: str, *, expected_version: int | None = None) -> Saved:
        return self._set_status(actor, entry_id, expected_version, EntryStatus.OPEN)

    def _set_status(self, actor: Actor, entry_id: str, expected_version: int | None,
                    status: EntryStatus) -> Saved:
        with self._work(actor, Access.WRITE) as uow:
            session = uow.session
            entry = self._for_change(session, entry_id, expected_version)
            if entry.status != status:
                before = store.entry_state(session, entry)
                entry.status = status
                entry.closed_at = self.clock.now() if status is EntryStatus.CLOSED else None
                change = Change.CLOSED if status is EntryStatus.CLOSED else Change.REOPENED
                self._new_version(session, actor, entry, before, change)
            detail = self._detail(session, entry)
            uow.commit()
        return Saved(detail)

    def link_writing(self, actor: Actor, entry_id: str, writing_id: str, number: str) -> Saved:
        """The writings module's hook: the rapport or PV *number* (record *writing_id*) followed this entry.

        An entry may lead to several writings: their numbers are listed, the
        newest writing's id is kept.
        """
        number = _line(number, "document_number", 40, required=True)
        with self._work(actor, Access.WRITE) as uow:
            session = uow.session
            entry = self._for_change(session, entry_id, None)
            before = store.entry_state(session, entry)
            numbers = [n for n in (part.strip() for part in entry.document_number.split(",")) if n]
            if number not in numbers:
                numbers.append(number)
            entry.document_number = ", ".join(numbers)[:200]
            entry.writing_id = writing_id
            self._new_version(session, actor, entry, before, Change.WRITING_LINKED)
            detail = self._detail(session, entry)
            uow.commit()
        return Saved(detail)

    def get(self, actor: Actor, entry_id: str) -> EntryDetail:
        """One entry, whole: its people and attachments too. Journaled as a consultation."""
        with self._work(actor, Access.READ) as uow:
            entry = self._entry(uow.session, entry_id)
            detail = self._detail(uow.session, entry)
            self._journal(uow.session, Operation.CONSULT, actor, entry_id)
            uow.commit()
        return detail

    def history(self, actor: Actor, entry_id: str) -> tuple[HistoryItem, ...]:
        """Every version of the entry, oldest first; the last one is the entry as it is now."""
        with self._work(actor, Access.READ) as uow:
            session = uow.session
            entry = self._entry(session, entry_id)
            kept = session.scalars(select(LogbookVersion.state).where(LogbookVersion.entry_id == entry_id)
                                   .order_by(LogbookVersion.entry_version)).all()
            states = [json.loads(state) for state in kept] + [store.entry_state(session, entry)]
            items = []
            for index, state in enumerate(states):
                detail = store.detail_from_state(session, state)
                items.append(HistoryItem(
                    version=detail.version, change=store.change_of(state), changed_at=detail.updated_at,
                    changed_by=detail.updated_by, changed_by_name=detail.updated_by_name,
                    changed_fields=store.changed_fields(states[index - 1], state) if index else (),
                    entry=detail,
                ))
            self._journal(session, Operation.CONSULT, actor, entry_id, detail="history")
            uow.commit()
        return tuple(items)

    def erase(self, actor: Actor, entry_id: str, reason: str) -> None:
        """An administrator erases an entry before its time, with a reason; its number is voided."""
        reason = _line(reason, "reason", 2000, required=True)
        self.station.rights.require(actor, Permission.ADMINISTER_STATION)
        with self._work(actor, Access.ADMINISTER) as uow:
            session = uow.session
            entry = self._entry(session, entry_id)
            hold = session.scalars(select(LegalHold).where(
                LegalHold.record_kind == RECORD_KIND, LegalHold.record_id == entry_id,
                LegalHold.released_at.is_(None), LegalHold.until > self.clock.now(),
            ).order_by(LegalHold.until.desc())).first()
            if hold is not None:
                raise OnLegalHold(until=hold.until.astimezone().date().isoformat())
            number = numbering.Number(entry.year, entry.serial)
            files = store.erase_entries(session, [entry_id], self.blobs)
            numbering.void(session, SERIES, number, reason, actor.user_id, self.clock.now())
            self._journal(session, Operation.ERASE, actor, entry_id, motive=reason,
                          detail="erased by an administrator")
            uow.commit()
        remove_files(files)

    # -- people ------------------------------------------------------------------------------------

    def add_person(self, actor: Actor, entry_id: str, person: PersonData, *,
                   expected_version: int | None = None) -> Saved:
        with self._work(actor, Access.WRITE) as uow:
            session = uow.session
            entry = self._for_change(session, entry_id, expected_version)
            fields, warnings = self._clean_person(person, entry.requested_at)
            before = store.entry_state(session, entry)
            now = self.clock.now()
            position = len(before["people"])
            row = LogbookPerson(id=new_id(), version=1, entry_id=entry_id, position=position, created_at=now,
                                updated_at=now, **fields)
            session.add(row)
            session.flush()
            self._new_version(session, actor, entry, before, Change.PERSON_ADDED, [(row, "logbook_person")])
            detail = self._detail(session, entry)
            uow.commit()
        return Saved(detail, warnings)

    def update_person(self, actor: Actor, entry_id: str, person_id: str, person: PersonData, *,
                      expected_version: int | None = None) -> Saved:
        with self._work(actor, Access.WRITE) as uow:
            session = uow.session
            entry = self._for_change(session, entry_id, expected_version)
            row = self._person(session, entry_id, person_id)
            fields, warnings = self._clean_person(person, entry.requested_at)
            before = store.entry_state(session, entry)
            if any(getattr(row, key) != value for key, value in fields.items()):
                for key, value in fields.items():
                    setattr(row, key, value)
                row.version += 1
                row.updated_at = self.clock.now()
                session.flush()
                self._new_version(session, actor, entry, before, Change.PERSON_UPDATED, [(row, "logbook_person")])
            detail = self._detail(session, entry)
            uow.commit()
        return Saved(detail, warnings)

    def remove_person(self, actor: Actor, entry_id: str, person_id: str, *,
                      expected_version: int | None = None) -> Saved:
        """Take a person off the entry (recorded by mistake); the previous version still shows them."""
        with self._work(actor, Access.WRITE) as uow:
            session = uow.session
            entry = self._for_change(session, entry_id, expected_version)
            row = self._person(session, entry_id, person_id)
            before = store.entry_state(session, entry)
            session.delete(row)
            session.flush()
            self._new_version(session, actor, entry, before, Change.PERSON_REMOVED)
            detail = self._detail(session, entry)
            uow.commit()
        return Saved(detail)

    @staticmethod
    def _person(session: Session, entry_id: str, person_id: str) -> LogbookPerson:
        row = session.get(LogbookPerson, person_id)
        if row is None or row.entry_id != entry_id:
            raise NotFound(NO_PERSON)
        return row

    # -- attachments ---------------------------------------------------------------------------------

    def add_attachment(self, actor: Actor, entry_id: str, path: Path | str | None = None, *,
                       data: bytes | None = None, filename: str | None = None) -> AttachmentAdded:
        """Attach a file given by *path*, or *data* named *filename* (a drop from a mail client).

        The file is read and checked outside the transaction (a large photo
        takes a moment); its encrypted blob is written before the commit and
        removed again if the commit does not happen.
        """
        with self._work(actor, Access.WRITE) as uow:
            self._entry(uow.session, entry_id)
            max_bytes = read_setting(uow.session, "attachment_max_mb") * 1_000_000
        if path is not None:
            path = Path(path)
            data = attachment_files.read_file(path, max_bytes)
            filename = filename or path.name
        if data is None or not filename:
            raise InvalidInput(REQUIRED, field=QT_TRANSLATE_NOOP("fields", "File"))
        inspected = attachment_files.inspect(filename, data, max_bytes)
        written: list[str] = []
        try:
            with self._work(actor, Access.WRITE) as uow:
                session = uow.session
                entry = self._for_change(session, entry_id, None)
                before = store.entry_state(session, entry)
                blob, new = self.blobs.put(session, inspected.data)
                written += [blob] if new else []
                thumb = None
                if inspected.thumbnail is not None:
                    thumb, new = self.blobs.put(session, inspected.thumbnail)
                    written += [thumb] if new else []
                mail = inspected.email
                row = LogbookAttachment(
                    id=new_id(), version=1, entry_id=entry_id, blob=blob, thumbnail_blob=thumb,
                    filename=inspected.filename[:255], kind=inspected.kind, media_type=inspected.media_type,
                    size=len(inspected.data), warning=inspected.warning,
                    email_from=mail.sender if mail else "", email_to=mail.to if mail else "",
                    email_date=mail.date if mail else None, email_subject=mail.subject if mail else "",
                    email_text=mail.text if mail else "",
                    email_parts=json.dumps([[p.index, p.filename, p.media_type, p.size] for p in mail.parts]
                                           if mail else [], ensure_ascii=False),
                    added_by=actor.user_id, added_at=self.clock.now(),
                )
                session.add(row)
                session.flush()
                self._new_version(session, actor, entry, before, Change.ATTACHMENT_ADDED,
                                  [(row, "logbook_attachment")], detail=f"attachment added: {inspected.kind}")
                detail = self._detail(session, entry)
                info = next(a for a in detail.attachments if a.id == row.id)
                uow.commit()
        except BaseException:
            # The key made with a first attachment rolled back with it: it must not stay in memory.
            self.blobs.forget_key()
            self.blobs.remove(written)
            raise
        return AttachmentAdded(Saved(detail), info, inspected.warning)

    def _attachment(self, session: Session, attachment_id: str) -> LogbookAttachment:
        row = session.get(LogbookAttachment, attachment_id)
        if row is None:
            raise NotFound(NO_ATTACHMENT)
        return row

    def _content(self, session: Session, row: LogbookAttachment, part: int | None) -> AttachmentContent:
        data = self.blobs.get(session, row.blob, shown_as=row.filename)
        if part is None:
            return AttachmentContent(row.filename, row.media_type, data)
        try:
            name, media_type, inner = attachment_files.read_email_part(data, part)
        except (IndexError, ValueError, TypeError, AttributeError):
            raise NotFound(NO_PART) from None
        return AttachmentContent(name, media_type, inner)

    def open_attachment(self, actor: Actor, attachment_id: str, part: int | None = None) -> AttachmentContent:
        """The file's bytes to show inside Vigie (or a file an e-mail carries, by its index)."""
        with self._work(actor, Access.READ) as uow:
            row = self._attachment(uow.session, attachment_id)
            content = self._content(uow.session, row, part)
            self._journal(uow.session, Operation.CONSULT, actor, row.entry_id,
                          detail=f"attachment opened: {row.id}" + (f" part {part}" if part is not None else ""))
            uow.commit()
        return content

    def save_attachment(self, actor: Actor, attachment_id: str, target: Path | str, motive: str,
                        part: int | None = None) -> Path:
        """Write the file out of Vigie, in clear, at *target*: an export, with its motive, journaled.

        Written under a temporary name first: a failed write leaves neither
        file nor journal entry, and the file appears only once the entry is committed.
        """
        target = Path(target)
        with self._work(actor, Access.EXPORT) as uow:
            session = uow.session
            motive = checked_motive(session, "export", motive)
            row = self._attachment(session, attachment_id)
            content = self._content(session, row, part)
            try:
                handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".vigie-")
                with os.fdopen(handle, "wb") as out:
                    out.write(content.data)
            except OSError as exc:
                raise SaveOutFailed(path=str(target), reason=exc.strerror or str(exc)) from exc
            try:
                self._journal(session, Operation.EXPORT, actor, row.entry_id, motive=motive,
                              detail=f"attachment saved out: {row.id}" + (f" part {part}" if part is not None else ""))
                uow.commit()
                os.replace(temporary, target)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        return target

    def thumbnail(self, actor: Actor, attachment_id: str) -> bytes | None:
        """A photo's small JPEG, shown with the entry (whose opening was journaled)."""
        with self._work(actor, Access.READ, read_only=True) as uow:
            row = self._attachment(uow.session, attachment_id)
            if row.thumbnail_blob is None:
                return None
            return self.blobs.get(uow.session, row.thumbnail_blob, shown_as=row.filename)

    def email_view(self, actor: Actor, attachment_id: str) -> EmailView:
        """An attached e-mail as it was read: sender, date, subject, text and the files it carries."""
        with self._work(actor, Access.READ) as uow:
            row = self._attachment(uow.session, attachment_id)
            parts = tuple(EmailPart(*p) for p in json.loads(row.email_parts or "[]"))
            view = EmailView(row.id, row.filename, row.email_from, row.email_to, row.email_date, row.email_subject,
                             row.email_text, parts)
            self._journal(uow.session, Operation.CONSULT, actor, row.entry_id, detail=f"e-mail read: {row.id}")
            uow.commit()
        return view

    # -- lists and search ---------------------------------------------------------------------------

    def list_page(self, actor: Actor, filters: ListFilter = ListFilter(), after: PageCursor | None = None,
                  limit: int = PAGE_SIZE, offset: int | None = None) -> Page:
        """Rows of the log, *limit* at a time: after a cursor (scrolling on), or from *offset* (a jump)."""
        with self._work(actor, Access.READ, read_only=True) as uow:
            return store.list_page(uow.session, filters, after, _limit(limit), offset)

    def count(self, actor: Actor, filters: ListFilter = ListFilter()) -> int:
        with self._work(actor, Access.READ, read_only=True) as uow:
            return store.count(uow.session, filters)

    def today(self, actor: Actor, limit: int = 500) -> tuple[EntryRow, ...]:
        """"Aujourd'hui": entries requested since midnight (the station's time), and every open entry."""
        local_now = self.clock.now().astimezone()
        midnight = datetime.combine(local_now.date(), time(0), tzinfo=local_now.tzinfo)
        with self._work(actor, Access.READ, read_only=True) as uow:
            return store.today_rows(uow.session, midnight, _limit(limit))

    def search(self, actor: Actor, text: str, motive: str | None = None, people: bool = False,
               after: int | None = None, limit: int = PAGE_SIZE) -> SearchPage:
        """Full-text search in this compartment; a first page is journaled (with the motive, if any).

        What was typed is not journaled (it may be a name): the journal says
        who searched, when, which kind of search, and why.
        """
        with self._work(actor, Access.READ, read_only=after is not None) as uow:
            session = uow.session
            given = checked_motive(session, "search_person", motive or "") if people else (motive or "").strip()
            if not people and (number := _NUMBER.match(text or "")):
                rows, following = store.by_number(session, int(number[1]), int(number[2])), None
            else:
                rows, following = store.search_page(session, text or "", people, after, _limit(limit))
            if after is None:
                self._journal(session, Operation.SEARCH, actor, motive=given,
                              detail="person search" if people else "text search")
                uow.commit()
        return SearchPage(rows, following)

    # -- drafts ---------------------------------------------------------------------------------------

    def save_draft(self, actor: Actor, key: str, payload: dict) -> Draft:
        """Keep what the form holds under *key* ("new", or an entry's id); replaces the previous one."""
        key = (key or "").strip()[:100]
        if not key:
            raise InvalidInput(BAD_DRAFT, reason="no key")
        try:
            text = json.dumps(payload, ensure_ascii=False, sort_keys=True)
        except (TypeError, ValueError) as exc:
            raise InvalidInput(BAD_DRAFT, reason=str(exc)) from exc
        with self._work(actor, Access.WRITE) as uow:
            now = self.clock.now()
            row = uow.session.get(LogbookDraft, (actor.user_id, key))
            if row is None:
                uow.session.add(LogbookDraft(user_id=actor.user_id, key=key, payload=text, saved_at=now))
            else:
                row.payload, row.saved_at = text, now
            uow.commit()
        return Draft(key, json.loads(text), now)

    def drafts_for(self, actor: Actor) -> list[Draft]:
        """This user's drafts, newest first (offered again at login); drafts older than 30 days go."""
        with self._work(actor, Access.WRITE) as uow:
            session = uow.session
            session.execute(delete(LogbookDraft).where(
                LogbookDraft.saved_at < self.clock.now() - timedelta(days=DRAFT_DAYS)))
            rows = session.scalars(select(LogbookDraft).where(LogbookDraft.user_id == actor.user_id)
                                   .order_by(LogbookDraft.saved_at.desc())).all()
            drafts = [Draft(row.key, json.loads(row.payload), row.saved_at) for row in rows]
            uow.commit()
        return drafts

    def discard_draft(self, actor: Actor, key: str) -> None:
        with self._work(actor, Access.WRITE) as uow:
            self._drop_draft(uow.session, actor, key)
            uow.commit()

    @staticmethod
    def _drop_draft(session: Session, actor: Actor, key: str) -> None:
        session.execute(delete(LogbookDraft).where(LogbookDraft.user_id == actor.user_id,
                                                   LogbookDraft.key == key))

    # -- natures and agents -------------------------------------------------------------------------

    def natures(self, actor: Actor, include_disabled: bool = False) -> list[NatureInfo]:
        with self._work(actor, Access.READ, read_only=True) as uow:
            query = select(LogbookNature).order_by(LogbookNature.position, LogbookNature.label)
            if not include_disabled:
                query = query.where(LogbookNature.active.is_(True))
            return [NatureInfo(n.code, n.label, n.active) for n in uow.session.scalars(query)]

    def add_nature(self, actor: Actor, label: str) -> NatureInfo:
        label = _line(label, "label", 100, required=True)
        with self._work(actor, Access.ADMINISTER) as uow:
            session = uow.session
            existing = session.scalars(select(LogbookNature)).all()
            if any(store.place_key(n.label) == store.place_key(label) for n in existing):
                raise EntryInvalid(DUPLICATE_NATURE, "label", label=label)
            codes = {n.code for n in existing}
            base = _slug(label) or "nature"
            code, n = base, 2
            while code in codes:
                code, n = f"{base[:35]}_{n}", n + 1
            position = max((n.position for n in existing), default=-1) + 1
            session.add(LogbookNature(code=code, label=label, active=True, position=position))
            self._journal(session, Operation.ADMINISTER, actor, code, detail="nature added",
                          record_kind="logbook_nature")
            uow.commit()
        return NatureInfo(code, label, True)

    def rename_nature(self, actor: Actor, code: str, label: str) -> NatureInfo:
        """A new label for a nature; entries keep their nature, and search finds them by the new label."""
        label = _line(label, "label", 100, required=True)
        with self._work(actor, Access.ADMINISTER) as uow:
            session = uow.session
            nature = self._nature(session, code)
            others = session.scalars(select(LogbookNature).where(LogbookNature.code != code)).all()
            if any(store.place_key(n.label) == store.place_key(label) for n in others):
                raise EntryInvalid(DUPLICATE_NATURE, "label", label=label)
            if nature.label != label:
                nature.label = label
                store.reindex_nature(session, code, label)
                self._journal(session, Operation.ADMINISTER, actor, code, detail="nature renamed",
                              record_kind="logbook_nature")
            uow.commit()
            return NatureInfo(nature.code, nature.label, nature.active)

    def set_nature_active(self, actor: Actor, code: str, active: bool) -> NatureInfo:
        """A disabled nature is no longer offered; entries that have it keep it."""
        with self._work(actor, Access.ADMINISTER) as uow:
            nature = self._nature(uow.session, code)
            if nature.active != active:
                nature.active = active
                self._journal(uow.session, Operation.ADMINISTER, actor, code,
                              detail="nature enabled" if active else "nature disabled", record_kind="logbook_nature")
            uow.commit()
            return NatureInfo(nature.code, nature.label, nature.active)

    @staticmethod
    def _nature(session: Session, code: str) -> LogbookNature:
        nature = session.get(LogbookNature, code)
        if nature is None:
            raise NotFound(NO_NATURE, code=code)
        return nature

    def agent_choices(self, actor: Actor) -> list[AgentRef]:
        """The active accounts that can be named as agents of an entry (the mayor is not an agent)."""
        with self._work(actor, Access.READ, read_only=True) as uow:
            users = uow.session.scalars(select(User).where(User.active.is_(True), User.role != Role.MAIRE)
                                        .order_by(User.full_name)).all()
            return [AgentRef(u.id, u.full_name, u.matricule) for u in users]

    # -- inside a transaction -------------------------------------------------------------------------

    @staticmethod
    def _entry(session: Session, entry_id: str) -> LogbookEntry:
        entry = session.get(LogbookEntry, entry_id)
        if entry is None:
            raise EntryNotFound
        return entry

    def _for_change(self, session: Session, entry_id: str, expected_version: int | None) -> LogbookEntry:
        entry = self._entry(session, entry_id)
        if expected_version is not None and entry.version != expected_version:
            names = store.user_names(session, {entry.updated_by})
            raise EditConflict(who=names.get(entry.updated_by, "?"),
                               when=entry.updated_at.astimezone().strftime("%d/%m/%Y %H:%M"))
        return entry

    def _detail(self, session: Session, entry: LogbookEntry) -> EntryDetail:
        session.flush()
        return store.detail_from_state(session, store.entry_state(session, entry))

    def _set_agents(self, session: Session, entry: LogbookEntry, agent_ids: tuple[str, ...],
                    existing: list[LogbookAgent] | None = None) -> list[LogbookAgent]:
        """The entry's agents, in the form's order, with the name and matricule they have today."""
        rows = store.agents_of(session, entry.id) if existing is None else existing
        if [r.user_id for r in rows] == list(agent_ids):
            return rows
        for row in rows:
            session.delete(row)
        if rows:
            session.flush()
        users = {u.id: u for u in session.scalars(select(User).where(User.id.in_(agent_ids)))} if agent_ids else {}
        made = [LogbookAgent(id=new_id(), version=1, entry_id=entry.id, user_id=user_id,
                             full_name=users[user_id].full_name, matricule=users[user_id].matricule,
                             position=position) for position, user_id in enumerate(agent_ids)]
        session.add_all(made)
        return made

    def _new_version(self, session: Session, actor: Actor, entry: LogbookEntry, before: dict, change: Change,
                     records: list | None = None, detail: str = "") -> bool:
        """Keep *before* in the history and make the entry's next version; False when nothing changed."""
        session.flush()
        after = store.entry_state(session, entry)
        fields = store.changed_fields(before, after)
        if not fields:
            return False
        now = self.clock.now()
        kept = LogbookVersion(id=new_id(), version=1, entry_id=entry.id, entry_version=before["entry"]["version"],
                              state=store.state_json(before), replaced_by=actor.user_id, replaced_at=now)
        session.add(kept)
        entry.version = before["entry"]["version"] + 1
        entry.last_change = str(change)
        entry.updated_by = actor.user_id
        entry.updated_at = now
        store.index_entry(session, entry, replace=True)
        self._journal(session, Operation.MODIFY, actor, entry.id,
                      detail=detail or f"{change}: {', '.join(fields)}")
        self._queue(session, entry, RECORD_KIND)
        self._queue(session, kept, "logbook_version")
        for record, kind in records or ():
            self._queue(session, record, kind)
        return True

    # -- retention ------------------------------------------------------------------------------------

    def _erase_for_retention(self, work: Work, ids: list[str]) -> list[Path]:
        return store.erase_entries(work.session, ids, self.blobs)

    def _erase_personal_data(self, work: Work, entry_id: str) -> list[Path]:
        """A court outcome (acquittal, dismissal, non-lieu): the entry's people and attachments go now."""
        session = work.session
        if session.get(LogbookEntry, entry_id) is None:
            raise EntryNotFound
        store.erase_people(session, entry_id)
        return store.erase_attachments(session, entry_id, self.blobs)


# -- small helpers --------------------------------------------------------------------------------------


def _entry_fields(clean: _Clean) -> dict:
    fields = {key: getattr(clean, key) for key in _FORM_FIELDS}
    fields["request_id"] = clean.request_id
    return fields


def _aware(moment: datetime, key: str) -> None:
    if not isinstance(moment, datetime) or moment.tzinfo is None:
        raise EntryInvalid(REQUIRED, key, field=FIELD_LABELS[key])


def _line(value: str | None, key: str, max_length: int, required: bool = False) -> str:
    """A one-line field: spaces around it trimmed, everything else (emoji, right-to-left marks) kept."""
    text = (value or "").strip()
    if required and not text:
        raise EntryInvalid(REQUIRED, key, field=FIELD_LABELS[key])
    if len(text) > max_length:
        raise EntryInvalid(TOO_LONG, key, field=FIELD_LABELS[key], max=max_length)
    return text


def _text(value: str | None, key: str, max_length: int = MAX_TEXT) -> str:
    """A narrative, kept exactly as typed (only a text of nothing but spaces counts as empty)."""
    text = value or ""
    if not text.strip():
        return ""
    if len(text) > max_length:
        raise EntryInvalid(TOO_LONG, key, field=FIELD_LABELS[key], max=max_length)
    return text


def _gps(latitude: float | None, longitude: float | None) -> tuple[float | None, float | None]:
    if latitude is None and longitude is None:
        return None, None
    try:
        lat, lon = float(latitude), float(longitude)
    except (TypeError, ValueError):
        raise EntryInvalid(BAD_GPS, "latitude") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise EntryInvalid(BAD_GPS, "latitude")
    return lat, lon


def _shown(moment: datetime) -> str:
    return moment.astimezone().strftime("%d/%m/%Y %H:%M")


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _slug(label: str) -> str:
    bare = unicodedata.normalize("NFKD", label)
    bare = "".join(c for c in bare if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^a-z0-9]+", "_", bare).strip("_")[:40]


def _limit(limit: int) -> int:
    return max(1, min(int(limit), 1000))
