"""The main courante as the screens use it: the only way to its entries, people, attachments and drafts.

Every call is one unit of work of the record kernel (app/kernel/work.py):
the right on the compartment main_courante (read, write, export,
administer) is read in the same transaction, a refusal is journaled on its
own, and every change commits with its journal entry, the previous version
of the entry (the history) and its sync outbox rows, by each record's kind
(app/logbook/kinds.py). Nothing here imports Qt. Every value handed back is
plain frozen data (app/logbook/types.py), safe to pass to the GUI thread.

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
    unlink_writing(actor, entry_id, writing_id, number) -> Saved | None   its draft deleted (writings)
    create_from_request(actor, request_id, data, people=()) -> Saved   an entry from a request (requests)

Errors: EntryInvalid (an InvalidInput whose `key` names the field to mark), EditConflict,
EntryNotFound, OnLegalHold, AttachmentRefused, MotiveRequired, AccessDenied.
Warnings (never blocking) come back in Saved.warnings; Saved.history_item is the history's line of
the version a save made (None when it changed nothing), so the form needs no history() after a save.

Retention: the service registers the target (main_courante, "logbook_entry") in
station.retention_targets: entries recorded before the cutoff, their erasure with
everything hanging on them (files no other row names are removed after the commit),
and the erasure of one entry's personal data (people and attachments). Every erased record
leaves a tombstone (app/logbook/erasure.py).
"""

from __future__ import annotations

from pathlib import Path

from app.kernel.retention import RetentionTarget
from app.kernel.work import Kernel, Work
from app.logbook import erasure
from app.logbook.attachments import AttachmentCases, SaveOutFailed
from app.logbook.base import COMPARTMENT, PAGE_SIZE, RECORD_KIND, SERIES
from app.logbook.drafts import DRAFT_DAYS, DraftCases
from app.logbook.entries import EntryCases
from app.logbook.lists import ListCases
from app.logbook.natures import NatureCases
from app.logbook.people import PersonCases

__all__ = ["COMPARTMENT", "DRAFT_DAYS", "PAGE_SIZE", "RECORD_KIND", "SERIES", "LogbookService", "SaveOutFailed"]


class LogbookService(EntryCases, PersonCases, AttachmentCases, DraftCases, NatureCases, ListCases):
    """The main courante's one door (see the module's docstring); each area's cases live in its own module."""

    def __init__(self, kernel: Kernel) -> None:
        super().__init__(kernel)
        self.station.retention_targets.register(RetentionTarget(
            compartment=COMPARTMENT,
            record_kind=RECORD_KIND,
            recorded_before=erasure.recorded_before,
            erase=self._erase_for_retention,
            erase_personal_data=self._erase_personal_data,
        ))

    # -- retention ------------------------------------------------------------------------------------

    def _erase_for_retention(self, work: Work, ids: list[str]) -> list[Path]:
        return erasure.erase_entries(work, ids, self.blobs)

    def _erase_personal_data(self, work: Work, entry_id: str) -> list[Path]:
        """A court outcome (acquittal, dismissal, non-lieu): the entry's people and attachments go now."""
        return erasure.erase_personal_data(work, entry_id, self.blobs)
