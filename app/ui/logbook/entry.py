"""The form of one main courante entry: what happened, the people, the files, and every earlier version.

Keyboard first: the fields follow in the order they are told (when, how,
what, where, who, then the narrative, facts apart from assessments), Ctrl+S
saves, Escape cancels. What is typed is kept as a draft every few seconds,
so a crash or a power cut loses at most that much; a save or a cancel drops
the draft. A field the service refuses is marked where it is, nothing is
saved half-way, and a warning (a date far ahead) asks for a second Ctrl+S.
"""

from __future__ import annotations

from app.audit.actor import Actor
from app.errors import VigieError
from app.i18n import translate
from app.ids import new_id
from app.models.logbook import CHANNEL_LABELS, STATUS_LABELS, Channel, EntryStatus
from app.qt import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QListWidgetItem,
    QMessageBox,
    QShortcut,
    Qt,
    QTabWidget,
    QTimer,
    QVBoxLayout,
    Signal,
)
from app.bootstrap import Services
from app.logbook.types import EntryDetail, EntryInvalid, PersonData
from app.ui.dates import local_time, to_qdatetime
from app.ui.logbook.attachments import EntryFiles
from app.ui.logbook.fields import EntryFields
from app.ui.logbook.history import EntryHistory
from app.ui.logbook.people import EntryPeople
from app.ui.messages import error_text
from app.ui.widgets import MARKED, error_label, heading, show_message

DRAFT_EVERY_MS = 3_000


class EntryDialog(EntryFields, EntryPeople, EntryFiles, EntryHistory, QDialog):
    saved = Signal(object)  # EntryDetail

    def __init__(self, services: Services, actor: Actor, entry_id: str | None, draft=None, parent=None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.logbook = services.logbook
        self.entry: EntryDetail | None = None
        self.new_people: list[PersonData] = []
        self.dirty = False
        self.confirmed_warnings: tuple = ()
        self._tasks = []
        self.draft_key = draft.key if draft is not None else (entry_id or f"new-{new_id()}")
        self.setObjectName("logbookEntry")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(980, 760)
        self.setAcceptDrops(True)

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
        self.tabs.addTab(self._facts_tab(), self.tr("Intervention"))
        self.tabs.addTab(self._people_tab(), self.tr("People"))
        self.tabs.addTab(self._files_tab(), self.tr("Attachments"))
        self.tabs.addTab(self._history_tab(), self.tr("History"))

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
        layout.addWidget(buttons)

        save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        save_shortcut.activated.connect(self.try_save)
        self.draft_timer = QTimer(self)
        self.draft_timer.setInterval(DRAFT_EVERY_MS)
        self.draft_timer.timeout.connect(self.save_draft)

        self._fill_choices()
        if entry_id is not None:
            self.show_entry(self.logbook.get(actor, entry_id))
        else:
            self._show_new()
        if draft is not None:
            self.apply_payload(draft.payload)
            self.dirty = True
        self._watch_changes()
        self.draft_timer.start()
        self.requested_at.setFocus()

    # -- the intervention ----------------------------------------------------------------------

    def _fill_choices(self) -> None:
        for channel in Channel:
            self.channel.addItem(translate("logbook", CHANNEL_LABELS[channel]), str(channel))
        self.nature.addItem(self.tr("(choose)"), "")
        for nature in self.logbook.natures(self.actor):
            self.nature.addItem(nature.label, nature.code)
        for agent in self.logbook.agent_choices(self.actor):
            text = f"{agent.full_name} ({agent.matricule})" if agent.matricule else agent.full_name
            item = QListWidgetItem(text, self.agents)
            item.setData(Qt.ItemDataRole.UserRole, agent.user_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if agent.user_id == self.actor.user_id
                               else Qt.CheckState.Unchecked)

    def _watch_changes(self) -> None:
        for field in (self.subject, self.address, self.gps, self.outcome):
            field.textEdited.connect(self._changed)
        for box in (self.facts, self.assessments, self.action_taken):
            box.textChanged.connect(self._changed)
        for edit in (self.requested_at, self.started_at, self.ended_at):
            edit.dateTimeChanged.connect(self._changed)
        for combo in (self.channel, self.nature):
            combo.currentIndexChanged.connect(self._changed)
        self.agents.itemChanged.connect(self._changed)

    def _changed(self, *_args) -> None:
        self.dirty = True
        self.confirmed_warnings = ()

    # -- showing an entry --------------------------------------------------------------------------

    def _show_new(self) -> None:
        self.setWindowTitle(self.tr("New main courante entry"))
        self.header.setText(self.tr("New entry"))
        self.requested_at.setDateTime(to_qdatetime(self.services.station.clock.now()))
        self.channel.setCurrentIndex(0)
        self.status_label.setText("")
        self.close_button.hide()
        self.writing_button.setEnabled(False)
        self.link_label.setText(self.tr("(none)"))
        self._refresh_people()
        self._refresh_files()
        self.history_list.clear()

    def show_entry(self, entry: EntryDetail) -> None:
        self.entry = entry
        self.setWindowTitle(self.tr("Main courante {number}").format(number=entry.number))
        self.header.setText(self.tr("Entry {number}").format(number=entry.number))
        self.status_label.setText(self.tr("{status} \u2014 recorded by {name} on {when}").format(
            status=translate("logbook", STATUS_LABELS[entry.status]), name=entry.created_by_name,
            when=local_time(entry.created_at)))
        self.requested_at.setDateTime(to_qdatetime(entry.requested_at))
        self.channel.setCurrentIndex(self.channel.findData(str(entry.channel)))
        index = self.nature.findData(entry.nature_code)
        if index < 0:  # a nature disabled since: still shown for this entry
            self.nature.addItem(entry.nature_label, entry.nature_code)
            index = self.nature.count() - 1
        self.nature.setCurrentIndex(index)
        self.subject.setText(entry.subject)
        self.address.setText(entry.address)
        self.gps.setText(f"{entry.latitude}, {entry.longitude}" if entry.latitude is not None else "")
        self.started_at.set_value(entry.started_at)
        self.ended_at.set_value(entry.ended_at)
        chosen = {agent.user_id for agent in entry.agents}
        for row in range(self.agents.count()):
            item = self.agents.item(row)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in chosen
                               else Qt.CheckState.Unchecked)
        self.facts.setPlainText(entry.facts)
        self.assessments.setPlainText(entry.assessments)
        self.action_taken.setPlainText(entry.action_taken)
        self.outcome.setText(entry.outcome)
        self.close_button.show()
        self.close_button.setText(self.tr("Close the entry") if entry.status == EntryStatus.OPEN
                                  else self.tr("Reopen the entry"))
        self.writing_button.setEnabled(True)
        self.link_label.setText(entry.document_number or self.tr("(none)"))
        self._refresh_people()
        self._refresh_files()
        self._load_history()
        self.dirty = False

    # -- saving ----------------------------------------------------------------------------------

    def try_save(self) -> None:
        self._clear_marks()
        data = self.data()
        try:
            warnings = self.logbook.check(data)
        except EntryInvalid as error:
            self._mark(error)
            return
        except VigieError as error:
            show_message(self.message, error_text(error))
            return
        if warnings and warnings != self.confirmed_warnings:
            self.confirmed_warnings = warnings
            self._show_warnings(warnings, ask=True)
            return
        try:
            if self.entry is None:
                result = self.logbook.create(self.actor, data, self.new_people, draft_key=self.draft_key)
                self.new_people = []
            else:
                result = self.logbook.update(self.actor, self.entry.id, data, expected_version=self.entry.version,
                                             draft_key=self.draft_key)
        except EntryInvalid as error:
            self._mark(error)
            return
        except VigieError as error:
            show_message(self.message, error_text(error))
            return
        self.draft_key = result.entry.id
        self.confirmed_warnings = ()
        self._show_warnings(result.warnings, ask=False)
        self.show_entry(result.entry)
        self.saved.emit(result.entry)

    def _show_warnings(self, warnings, ask: bool) -> None:
        if not warnings:
            self.warning.hide()
            return
        lines = [translate("logbook", w.message, field=translate("fields", w.field)) for w in warnings]
        if ask:
            lines.append(self.tr("Press Save again to save as it is."))
        self.warning.setText("\n".join(lines))
        self.warning.show()

    def _mark(self, error: EntryInvalid) -> None:
        field = self.fields.get(error.key)
        if field is not None:
            field.setStyleSheet(MARKED)
            self.tabs.setCurrentIndex(0)
            field.setFocus()
        show_message(self.message, error_text(error))

    def _clear_marks(self) -> None:
        for field in set(self.fields.values()):
            field.setStyleSheet("")
        show_message(self.message, "")

    def toggle_status(self) -> None:
        if self.entry is None:
            return
        try:
            if self.entry.status == EntryStatus.OPEN:
                result = self.logbook.close(self.actor, self.entry.id, expected_version=self.entry.version)
            else:
                result = self.logbook.reopen(self.actor, self.entry.id, expected_version=self.entry.version)
        except VigieError as error:
            show_message(self.message, error_text(error))
            return
        self.show_entry(result.entry)
        self.saved.emit(result.entry)

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
        if not self.dirty:
            return
        try:
            self.logbook.save_draft(self.actor, self.draft_key, self.payload())
        except VigieError as error:
            show_message(self.message, error_text(error))
            return
        self.dirty = False

    def reject(self) -> None:
        if self.dirty:
            answer = QMessageBox.question(self, self.tr("Cancel"), self.tr(
                "Leave this entry without saving what you typed?"))
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.draft_timer.stop()
        try:
            self.logbook.discard_draft(self.actor, self.draft_key)
        except VigieError:
            pass  # nothing to discard is no reason to keep the form open
        super().reject()

    def closeEvent(self, event) -> None:
        self.draft_timer.stop()
        super().closeEvent(event)
