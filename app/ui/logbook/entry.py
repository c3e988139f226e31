"""The form of one main courante entry: what happened, the people, the files, and every earlier version.

Keyboard first: the fields follow in the order they are told (when, how,
what, where, who, then the narrative, facts apart from assessments), Ctrl+S
saves, Escape cancels. What is typed is kept as a draft every few seconds,
so a crash or a power cut loses at most that much; a save or a cancel drops
the draft. A field the service refuses is marked where it is, nothing is
saved half-way, and a warning (a date far ahead) asks for a second Ctrl+S.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from app.audit.actor import Actor
from app.bootstrap import Services
from app.i18n import translate
from app.ids import new_id
from app.logbook.types import Draft, EntryDetail, EntryInvalid, HistoryItem, InputWarning, PersonData, Saved
from app.models.logbook import STATUS_LABELS, EntryStatus
from app.qt import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QMessageBox,
    QShortcut,
    Qt,
    QTabWidget,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from app.ui.dates import local_time
from app.ui.forms import Jobs, ask_to_drop
from app.ui.logbook.attachments import EntryFiles
from app.ui.logbook.fields import EntryFields
from app.ui.logbook.history import EntryHistory
from app.ui.logbook.people import EntryPeople
from app.ui.messages import error_text
from app.ui.tasks import TaskManager
from app.ui.widgets import busy_bar, error_label, fit_to_screen, heading, scrolled, show_message

DRAFT_EVERY_MS = 3_000


class DraftSlot:
    """Orders a form's draft writes against its save and its cancel, which run in other workers.

    A save or a cancel drops the draft and moves the generation on; a draft
    write begun before that finds the generation moved and writes nothing, so
    a late autosave never brings back a draft the user already saved or left.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.generation = 0


class EntryDialog(EntryFields, EntryPeople, EntryFiles, EntryHistory, QDialog):
    saved = Signal(object)  # EntryDetail
    ready_changed = Signal(bool)  # the entry (or the new form) is loaded and may be typed in

    def __init__(self, services: Services, actor: Actor, tasks: TaskManager, entry_id: str | None,
                 draft: Draft | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.tasks = tasks
        self.logbook = services.logbook
        self.entry: EntryDetail | None = None
        self.new_people: list[PersonData] = []
        self.dirty = False
        self.ready = False
        self.saving = False
        self.confirmed_warnings: tuple[InputWarning, ...] = ()
        self._edits = 0  # counts a person's edits: what a background result may overwrite
        self._filling = False
        self._drafting = False
        self.slot = DraftSlot()
        self.draft_key = draft.key if draft is not None else (entry_id or f"new-{new_id()}")
        self.jobs = Jobs(tasks, self, lambda error: show_message(self.message, error_text(error)))
        self.setObjectName("logbookEntry")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        fit_to_screen(self, 980, 760)
        self.setAcceptDrops(True)
        self._build()
        self.draft_timer = QTimer(self)
        self.draft_timer.setInterval(DRAFT_EVERY_MS)
        self.draft_timer.timeout.connect(self.save_draft)
        self._load(entry_id, draft)

    def _build(self) -> None:
        self.header = heading("", 14)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("entryStatus")
        self.message = error_label(self)
        self.warning = QLabel(self)
        self.warning.setObjectName("formWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #8a5a00; background: #fff4d6; padding: 4px;")
        self.warning.hide()
        self.tabs = QTabWidget(self)
        self.tabs.addTab(scrolled(self._facts_tab(), self), self.tr("Intervention"))
        self.tabs.addTab(self._people_tab(), self.tr("People"))
        self.tabs.addTab(self._files_tab(), self.tr("Attachments"))
        self.tabs.addTab(self._history_tab(), self.tr("History"))

        self.busy = busy_bar(self)
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(self.tr("Save (Ctrl+S)"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("entrySave")
        self.save_button.setDefault(False)
        self.save_button.setAutoDefault(False)
        self.close_button = buttons.addButton(self.tr("Close the entry"), QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button.setObjectName("entryClose")
        self.writing_button = buttons.addButton(self.tr("Write a rapport / PV"),
                                                QDialogButtonBox.ButtonRole.ActionRole)
        self.writing_button.setObjectName("entryWriting")
        cancel = buttons.addButton(self.tr("Cancel (Esc)"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setAutoDefault(False)
        self.save_button.clicked.connect(self.try_save)
        self.close_button.clicked.connect(self.toggle_status)
        self.writing_button.clicked.connect(self.write_document)
        cancel.clicked.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(self.header)
        top.addStretch()
        top.addWidget(self.status_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.warning)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.busy)
        layout.addWidget(buttons)

        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self.try_save)

    @property
    def is_busy(self) -> bool:
        return self.jobs.running > 0

    # -- loading -----------------------------------------------------------------------------------

    def _load(self, entry_id: str | None, draft: Draft | None) -> None:
        """Choices, the entry and its history are read in the background; the form waits, greyed."""
        self.tabs.setEnabled(False)
        self._set_buttons(False)
        logbook, actor = self.logbook, self.actor

        def read() -> tuple:
            natures, agents = logbook.natures(actor), logbook.agent_choices(actor)
            if entry_id is None:
                return natures, agents, None, ()
            return natures, agents, logbook.get(actor, entry_id), logbook.history(actor, entry_id)

        self.jobs.run(read, lambda found: self._loaded(found, draft))

    def _loaded(self, found: tuple, draft: Draft | None) -> None:
        natures, agents, entry, history = found
        with self._quietly():
            self.fill_choices(natures, agents, self.actor.user_id)
            if entry is None:
                self._show_new()
            else:
                self.show_entry(entry)
                self.show_history(history)
            if draft is not None:
                self.apply_payload(draft.payload)
        self.dirty = draft is not None
        self.watch_fields(self._changed)
        self.tabs.setEnabled(True)
        self._set_buttons(True)
        self.ready = True
        self.draft_timer.start()
        self.requested_at.setFocus()
        self.ready_changed.emit(True)

    @contextmanager
    def _quietly(self) -> Iterator[None]:
        """Fields filled by the program are not edits of the user's."""
        self._filling = True
        try:
            yield
        finally:
            self._filling = False

    def _changed(self, *_args: object) -> None:
        if self._filling:
            return
        self._edits += 1
        self.dirty = True
        if self.confirmed_warnings:  # "Press Save again" no longer holds: the next save says again what it finds
            self.warning.hide()
        self.confirmed_warnings = ()

    def _set_buttons(self, enabled: bool) -> None:
        for button in (self.save_button, self.close_button, self.writing_button):
            button.setEnabled(enabled)
        if enabled and self.entry is None:
            self.writing_button.setEnabled(False)

    # -- showing an entry --------------------------------------------------------------------------

    def _show_new(self) -> None:
        self.setWindowTitle(self.tr("New main courante entry"))
        self.header.setText(self.tr("New entry"))
        self.requested_at.set_value(self.services.station.clock.now())
        self.channel.setCurrentIndex(0)
        self.status_label.setText("")
        self.close_button.hide()
        self.writing_button.setEnabled(False)
        self.link_label.setText(self.tr("(none)"))
        self._refresh_people()
        self._refresh_files()
        self.show_history(())

    def show_entry(self, entry: EntryDetail) -> None:
        self.entry = entry
        self.setWindowTitle(self.tr("Main courante {number}").format(number=entry.number))
        self.header.setText(self.tr("Entry {number}").format(number=entry.number))
        self.status_label.setText(self.tr("{status} \u2014 recorded by {name} on {when}").format(
            status=translate("logbook", STATUS_LABELS[entry.status]), name=entry.created_by_name,
            when=local_time(entry.created_at)))
        with self._quietly():
            self.fill(entry)
        self.close_button.show()
        self.close_button.setText(self.tr("Close the entry") if entry.status == EntryStatus.OPEN
                                  else self.tr("Reopen the entry"))
        self.writing_button.setEnabled(True)
        self.link_label.setText(entry.document_number or self.tr("(none)"))
        self._refresh_people()
        self._refresh_files()
        self.dirty = False

    def show_saved(self, result: Saved) -> None:
        """The entry as its save returned it; the save's own version joins the history (not read again)."""
        self.show_entry(result.entry)
        item: HistoryItem | None = getattr(result, "history_item", None)
        if item is not None:
            self.add_version(item)

    # -- saving ----------------------------------------------------------------------------------

    def try_save(self) -> None:
        """Ctrl+S: checked, then saved in the background; a second Ctrl+S while it runs is ignored."""
        if self.saving or not self.ready:
            return
        self._clear_marks()
        if self.unreadable_moment():
            return
        data, entry, confirmed = self.data(), self.entry, self.confirmed_warnings
        people = list(self.new_people) if entry is None else []
        logbook, actor, key, slot = self.logbook, self.actor, self.draft_key, self.slot

        def work() -> Saved | tuple[InputWarning, ...]:
            warnings = logbook.check(data)
            if warnings and warnings != confirmed:
                return warnings  # nothing saved: the form asks for a second Ctrl+S
            with slot.lock:
                result = logbook.save(actor, data, entry_id=entry.id if entry else None,
                                      expected_version=entry.version if entry else None, people=people,
                                      draft_key=key)
                slot.generation += 1
            return result

        edits = self._edits
        self._set_saving(True)
        self.jobs.run(work, lambda outcome: self._save_done(outcome, edits), self._save_failed)

    def _set_saving(self, saving: bool) -> None:
        self.saving = saving
        self.busy.setVisible(saving)
        self._set_buttons(not saving)

    def _save_done(self, outcome: Saved | tuple[InputWarning, ...], edits: int) -> None:
        self._set_saving(False)
        if not isinstance(outcome, Saved):
            self.confirmed_warnings = outcome
            self._show_warnings(outcome, ask=True)
            return
        self.new_people = []
        self.draft_key = outcome.entry.id
        self.confirmed_warnings = ()
        self._show_warnings(outcome.warnings, ask=False)
        typed = self.payload() if self._edits != edits else None  # typed while the save ran: kept
        self.show_saved(outcome)
        if typed is not None:
            with self._quietly():
                self.apply_payload(typed)
            self.dirty = True
        self.saved.emit(outcome.entry)

    def _save_failed(self, error: Exception) -> None:
        self._set_saving(False)
        if isinstance(error, EntryInvalid):
            self._mark(error)
        else:
            show_message(self.message, error_text(error))

    def toggle_status(self) -> None:
        if self.entry is None or self.saving:
            return
        logbook, actor, entry = self.logbook, self.actor, self.entry
        change = logbook.close if entry.status == EntryStatus.OPEN else logbook.reopen
        self._set_saving(True)

        def done(result: Saved) -> None:
            self._set_saving(False)
            self._after_side_change(result)

        def failed(error: Exception) -> None:
            self._set_saving(False)
            show_message(self.message, error_text(error))

        self.jobs.run(lambda: change(actor, entry.id, expected_version=entry.version), done, failed)

    def write_document(self) -> None:
        """Hand the entry to the writings module, which prefills a rapport or a PV from it."""
        opener = getattr(self.parent(), "writing_opener", None)
        if self.entry is not None and opener is not None:
            opener(self.entry.id)
            return
        QMessageBox.information(self, self.tr("Rapport / PV"), self.tr(
            "Writing a rapport or a PV from an entry comes with the \u00c9crits module, "
            "which is not available yet in this version of Vigie."))

    # -- drafts --------------------------------------------------------------------------------

    def save_draft(self) -> None:
        """Every few seconds, what is typed is kept (in the background) until the form is saved or left."""
        if not self.dirty or self.saving or self._drafting or not self.ready:
            return
        logbook, actor, key, slot = self.logbook, self.actor, self.draft_key, self.slot
        payload, edits, generation = self.payload(), self._edits, slot.generation

        def work() -> bool:
            with slot.lock:
                if slot.generation != generation:
                    return False  # saved or left meanwhile: this draft is no longer wanted
                logbook.save_draft(actor, key, payload)
                return True

        def done(kept: bool) -> None:
            self._drafting = False
            if kept and self._edits == edits:
                self.dirty = False

        def failed(error: Exception) -> None:
            self._drafting = False
            show_message(self.message, error_text(error))

        self._drafting = True
        self.jobs.run(work, done, failed)

    def reject(self) -> None:
        if self.dirty:
            self.drop_question = ask_to_drop(self, self.tr("Leave this entry without saving what you typed?"),
                                             self._leave)
            return
        self._leave()

    def _leave(self) -> None:
        self.draft_timer.stop()
        logbook, actor, key, slot = self.logbook, self.actor, self.draft_key, self.slot

        def discard() -> None:
            with slot.lock:
                slot.generation += 1
                logbook.discard_draft(actor, key)

        # No owner: the draft goes even though the form is gone; nothing to discard is no failure to show.
        self.tasks.run(discard, None, lambda _error: None)
        super().reject()

    def closeEvent(self, event: Any) -> None:
        self.draft_timer.stop()
        super().closeEvent(event)
