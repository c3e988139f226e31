"""The form of one main courante entry: what happened, the people, the files, and every earlier version.

Keyboard first: the fields follow in the order they are told (when, how,
what, where, who, then the narrative, facts apart from assessments), Ctrl+S
saves, Escape cancels. What is typed is kept as a draft every few seconds,
so a crash or a power cut loses at most that much; a save or a cancel drops
the draft. A field the service refuses is marked where it is, nothing is
saved half-way, and a warning (a date far ahead) asks for a second Ctrl+S.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from app.audit.actor import Actor
from app.errors import QT_TRANSLATE_NOOP, VigieError
from app.i18n import translate
from app.ids import new_id
from app.models.logbook import (
    ATTACHMENT_KIND_LABELS,
    CHANNEL_LABELS,
    PERSON_ROLE_LABELS,
    STATUS_LABELS,
    AttachmentKind,
    Channel,
    EntryStatus,
    PersonRole,
)
from app.qt import (
    QAbstractItemView,
    QComboBox,
    QDate,
    QDateEdit,
    QDateTime,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QIcon,
    QKeySequence,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPixmap,
    QPlainTextEdit,
    QPushButton,
    QShortcut,
    QSize,
    Qt,
    QTabWidget,
    QTextBrowser,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from app.logbook.attachment_files import WARNING_LABELS
from app.bootstrap import Services
from app.logbook.types import CHANGE_LABELS, EntryData, EntryDetail, EntryInvalid, PersonData
from app.ui.background import run_in_background
from app.ui.logbook.model import local_time
from app.ui.messages import error_text
from app.ui.motive import MotiveDialog
from app.ui.widgets import error_label, heading, show_message

DRAFT_EVERY_MS = 3_000
# QDateTimeEdit has no empty state: its minimum, shown as a blank, stands for "not given".
NOT_GIVEN = QDateTime(QDate(2000, 1, 1).startOfDay())
MARKED = "border: 2px solid #b00020;"


def to_qdatetime(moment: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))


def from_qdatetime(value: QDateTime) -> datetime:
    return datetime.fromtimestamp(value.toSecsSinceEpoch(), UTC)


class OptionalDateTime(QDateTimeEdit):
    """A date and time that may be left blank (its minimum is shown as blank)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.setCalendarPopup(True)
        self.setMinimumDateTime(NOT_GIVEN)
        self.setSpecialValueText(" ")
        self.setDateTime(NOT_GIVEN)

    def value(self) -> datetime | None:
        current = self.dateTime()
        return None if current <= NOT_GIVEN else from_qdatetime(current)

    def set_value(self, moment: datetime | None) -> None:
        self.setDateTime(NOT_GIVEN if moment is None else to_qdatetime(moment))

    def keyPressEvent(self, event) -> None:
        # Delete or Backspace on a whole selection empties the field rather than half a date.
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and \
                self.lineEdit().selectedText() == self.lineEdit().text():
            self.setDateTime(NOT_GIVEN)
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event) -> None:
        if self.dateTime() <= NOT_GIVEN:
            self.setDateTime(QDateTime.currentDateTime())
        super().mousePressEvent(event)


class EntryDialog(QDialog):
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

    def _facts_tab(self) -> QWidget:
        tab = QWidget(self)
        self.requested_at = QDateTimeEdit(tab)
        self.requested_at.setObjectName("requestedAt")
        self.requested_at.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.requested_at.setCalendarPopup(True)
        self.channel = QComboBox(tab)
        self.channel.setObjectName("channel")
        self.nature = QComboBox(tab)
        self.nature.setObjectName("nature")
        self.subject = QLineEdit(tab)
        self.subject.setObjectName("subject")
        self.subject.setPlaceholderText(self.tr("In a few words: what the call or the event is about"))
        self.address = QLineEdit(tab)
        self.address.setObjectName("address")
        self.address.setPlaceholderText(self.tr("Number, street, place in the commune"))
        self.gps = QLineEdit(tab)
        self.gps.setObjectName("gps")
        self.gps.setPlaceholderText(self.tr("optional: latitude, longitude (46.5802, 0.3404)"))
        self.started_at = OptionalDateTime(tab)
        self.started_at.setObjectName("startedAt")
        self.ended_at = OptionalDateTime(tab)
        self.ended_at.setObjectName("endedAt")
        self.agents = QListWidget(tab)
        self.agents.setObjectName("agents")
        self.agents.setMaximumHeight(92)
        self.facts = self._text_box(tab, "facts", self.tr("What was seen and heard, as established facts."))
        self.assessments = self._text_box(tab, "assessments", self.tr(
            "The officer's assessments and opinions, kept apart from the facts."))
        self.action_taken = self._text_box(tab, "actionTaken", self.tr("What the patrol did."))
        self.outcome = QLineEdit(tab)
        self.outcome.setObjectName("outcome")
        self.outcome.setPlaceholderText(self.tr("How it ended: warning, PV, handed to the OPJ, no follow-up\u2026"))

        when = QHBoxLayout()
        when.addWidget(self.started_at)
        when.addWidget(QLabel(self.tr("to"), tab))
        when.addWidget(self.ended_at)
        form = QFormLayout()
        self.required_labels = {}
        for label, field, key in (
            (self.tr("Requested at *"), self.requested_at, "requested_at"),
            (self.tr("Came by *"), self.channel, "channel"),
            (self.tr("Nature *"), self.nature, "nature_code"),
            (self.tr("Subject *"), self.subject, "subject"),
            (self.tr("Place"), self.address, "address"),
            (self.tr("GPS point"), self.gps, "latitude"),
        ):
            form.addRow(label, field)
            self.required_labels[key] = field
        form.addRow(self.tr("Intervention from"), when)
        form.addRow(self.tr("Agents"), self.agents)
        form.addRow(self.tr("Facts"), self.facts)
        form.addRow(self.tr("Assessments"), self.assessments)
        form.addRow(self.tr("Action taken"), self.action_taken)
        form.addRow(self.tr("Outcome"), self.outcome)
        self.link_label = QLabel(tab)
        self.link_label.setObjectName("entryLink")
        form.addRow(self.tr("Rapport / PV"), self.link_label)
        self.fields = {
            "requested_at": self.requested_at, "channel": self.channel, "nature_code": self.nature,
            "subject": self.subject, "address": self.address, "latitude": self.gps, "longitude": self.gps,
            "started_at": self.started_at, "ended_at": self.ended_at, "agent_ids": self.agents,
            "facts": self.facts, "assessments": self.assessments, "action_taken": self.action_taken,
            "outcome": self.outcome,
        }
        layout = QVBoxLayout(tab)
        layout.addLayout(form)
        QWidget.setTabOrder(self.requested_at, self.channel)
        for first, second in ((self.channel, self.nature), (self.nature, self.subject),
                              (self.subject, self.address), (self.address, self.gps),
                              (self.gps, self.started_at), (self.started_at, self.ended_at),
                              (self.ended_at, self.agents), (self.agents, self.facts),
                              (self.facts, self.assessments), (self.assessments, self.action_taken),
                              (self.action_taken, self.outcome)):
            QWidget.setTabOrder(first, second)
        return tab

    def _text_box(self, parent: QWidget, name: str, placeholder: str) -> QPlainTextEdit:
        box = QPlainTextEdit(parent)
        box.setObjectName(name)
        box.setPlaceholderText(placeholder)
        box.setTabChangesFocus(True)
        box.setMinimumHeight(70)
        return box

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

    # -- reading the form ------------------------------------------------------------------------

    def data(self) -> EntryData:
        latitude, longitude = self._gps()
        return EntryData(
            requested_at=from_qdatetime(self.requested_at.dateTime()),
            channel=self.channel.currentData(), nature_code=self.nature.currentData() or "",
            subject=self.subject.text(), address=self.address.text(), latitude=latitude, longitude=longitude,
            started_at=self.started_at.value(), ended_at=self.ended_at.value(),
            agent_ids=tuple(self.agents.item(row).data(Qt.ItemDataRole.UserRole)
                            for row in range(self.agents.count())
                            if self.agents.item(row).checkState() == Qt.CheckState.Checked),
            facts=self.facts.toPlainText(), assessments=self.assessments.toPlainText(),
            action_taken=self.action_taken.toPlainText(), outcome=self.outcome.text(),
        )

    def _gps(self) -> tuple[float | None, float | None]:
        text = self.gps.text().strip()
        if not text:
            return None, None
        parts = [p for p in text.replace(";", ",").replace(" ", ",").split(",") if p]
        try:
            latitude, longitude = (float(p) for p in parts)
        except ValueError:
            # Out of range values reach the service, which names the field; unreadable ones too.
            return float("nan"), float("nan")
        return latitude, longitude

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

    def payload(self) -> dict:
        def moment(value: datetime | None) -> str | None:
            return value.isoformat() if value else None

        data = self.data()
        return {
            "entry_id": self.entry.id if self.entry else None,
            "version": self.entry.version if self.entry else None,
            "requested_at": moment(data.requested_at), "channel": data.channel, "nature_code": data.nature_code,
            "subject": data.subject, "address": data.address, "gps": self.gps.text(),
            "started_at": moment(data.started_at), "ended_at": moment(data.ended_at),
            "agent_ids": list(data.agent_ids), "facts": data.facts, "assessments": data.assessments,
            "action_taken": data.action_taken, "outcome": data.outcome,
        }

    def apply_payload(self, payload: dict) -> None:
        def moment(value: str | None) -> datetime | None:
            return datetime.fromisoformat(value) if value else None

        if payload.get("requested_at"):
            self.requested_at.setDateTime(to_qdatetime(moment(payload["requested_at"])))
        index = self.channel.findData(payload.get("channel"))
        if index >= 0:
            self.channel.setCurrentIndex(index)
        index = self.nature.findData(payload.get("nature_code"))
        if index >= 0:
            self.nature.setCurrentIndex(index)
        self.subject.setText(payload.get("subject", ""))
        self.address.setText(payload.get("address", ""))
        self.gps.setText(payload.get("gps", ""))
        self.started_at.set_value(moment(payload.get("started_at")))
        self.ended_at.set_value(moment(payload.get("ended_at")))
        chosen = set(payload.get("agent_ids", []))
        for row in range(self.agents.count()):
            item = self.agents.item(row)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in chosen
                               else Qt.CheckState.Unchecked)
        self.facts.setPlainText(payload.get("facts", ""))
        self.assessments.setPlainText(payload.get("assessments", ""))
        self.action_taken.setPlainText(payload.get("action_taken", ""))
        self.outcome.setText(payload.get("outcome", ""))

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

    # -- people ----------------------------------------------------------------------------------

    def _people_tab(self) -> QWidget:
        tab = QWidget(self)
        note = QLabel(self.tr(
            "People belong to this entry only: Vigie keeps no index of people across the service."), tab)
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        self.people_list = QListWidget(tab)
        self.people_list.setObjectName("people")
        self.people_list.itemActivated.connect(lambda item: self.edit_person(self.people_list.row(item)))
        add = QPushButton(self.tr("Add a person\u2026"), tab)
        add.setObjectName("personAdd")
        add.clicked.connect(lambda: self.edit_person(None))
        edit = QPushButton(self.tr("Edit\u2026"), tab)
        edit.clicked.connect(lambda: self.edit_person(self.people_list.currentRow()))
        remove = QPushButton(self.tr("Remove"), tab)
        remove.setObjectName("personRemove")
        remove.clicked.connect(self.remove_person)
        buttons = QHBoxLayout()
        for button in (add, edit, remove):
            buttons.addWidget(button)
        buttons.addStretch()
        layout = QVBoxLayout(tab)
        layout.addWidget(note)
        layout.addWidget(self.people_list, 1)
        layout.addLayout(buttons)
        return tab

    def _people(self) -> list:
        return list(self.entry.people) if self.entry is not None else list(self.new_people)

    def _refresh_people(self) -> None:
        self.people_list.clear()
        for person in self._people():
            name = " ".join(p for p in (person.last_name.upper(), person.first_names) if p)
            born = f", {self.tr('born')} {person.birth_date.strftime('%d/%m/%Y')}" if person.birth_date else ""
            role = translate("people", PERSON_ROLE_LABELS[PersonRole(person.role)])
            QListWidgetItem(f"{role} \u2014 {name}{born}", self.people_list)
        self.tabs.setTabText(1, self.tr("People ({count})").format(count=len(self._people())))

    def edit_person(self, row: int | None) -> PersonDialog | None:
        people = self._people()
        if row is not None and not 0 <= row < len(people):
            return None
        dialog = PersonDialog(people[row] if row is not None else None, self)
        dialog.accepted.connect(lambda: self._person_entered(row, dialog.person()))
        self.person_dialog = dialog
        dialog.open()
        return dialog

    def _person_entered(self, row: int | None, person: PersonData) -> None:
        if self.entry is None:
            if row is None:
                self.new_people.append(person)
            else:
                self.new_people[row] = person
            self._refresh_people()
            return
        try:
            if row is None:
                result = self.logbook.add_person(self.actor, self.entry.id, person,
                                                 expected_version=self.entry.version)
            else:
                result = self.logbook.update_person(self.actor, self.entry.id, self.entry.people[row].id, person,
                                                    expected_version=self.entry.version)
        except VigieError as error:
            show_message(self.message, error_text(error))
            return
        self._after_side_change(result)

    def remove_person(self) -> None:
        row = self.people_list.currentRow()
        if row < 0:
            return
        if self.entry is None:
            del self.new_people[row]
            self._refresh_people()
            return
        try:
            result = self.logbook.remove_person(self.actor, self.entry.id, self.entry.people[row].id,
                                                expected_version=self.entry.version)
        except VigieError as error:
            show_message(self.message, error_text(error))
            return
        self._after_side_change(result)

    def _after_side_change(self, result) -> None:
        """People and files are saved at once; what is typed in the form stays as it is."""
        typed = self.payload() if self.dirty else None
        self.show_entry(result.entry)
        if typed is not None:
            self.apply_payload(typed)
            self.dirty = True
        self.saved.emit(result.entry)

    # -- attachments -----------------------------------------------------------------------------

    def _files_tab(self) -> QWidget:
        tab = QWidget(self)
        self.files_note = QLabel(tab)
        self.files_note.setWordWrap(True)
        self.files_note.setStyleSheet("color: #555;")
        self.files = QListWidget(tab)
        self.files.setObjectName("attachments")
        self.files.setIconSize(QSize(96, 72))
        self.files.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.files.itemActivated.connect(lambda _item: self.open_file())
        self.add_file_button = QPushButton(self.tr("Attach a file\u2026"), tab)
        self.add_file_button.setObjectName("attachmentAdd")
        self.add_file_button.clicked.connect(self.pick_files)
        self.open_file_button = QPushButton(self.tr("Open"), tab)
        self.open_file_button.clicked.connect(self.open_file)
        self.save_file_button = QPushButton(self.tr("Save a copy outside Vigie\u2026"), tab)
        self.save_file_button.setObjectName("attachmentSaveOut")
        self.save_file_button.clicked.connect(self.start_save_out)
        buttons = QHBoxLayout()
        for button in (self.add_file_button, self.open_file_button, self.save_file_button):
            buttons.addWidget(button)
        buttons.addStretch()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.files_note)
        layout.addWidget(self.files, 1)
        layout.addLayout(buttons)
        return tab

    def _refresh_files(self) -> None:
        self.files.clear()
        saved = self.entry is not None
        self.add_file_button.setEnabled(saved)
        self.files_note.setText(self.tr(
            "Photos (JPEG, PNG, WebP), PDF, office documents and e-mails (.eml): drop them here or attach "
            "them. They are kept encrypted.") if saved else self.tr(
            "Save the entry first (Ctrl+S), then attach its photos, documents and e-mails."))
        if not saved:
            self.tabs.setTabText(2, self.tr("Attachments"))
            return
        for info in self.entry.attachments:
            kind = translate("logbook", ATTACHMENT_KIND_LABELS[AttachmentKind(info.kind)])
            text = f"{info.filename}\n{kind}, {_size(info.size)}"
            if info.warning:
                text += "\n" + translate("logbook", WARNING_LABELS[info.warning])
            item = QListWidgetItem(text, self.files)
            item.setData(Qt.ItemDataRole.UserRole, info.id)
            if info.has_thumbnail:
                image = self.logbook.thumbnail(self.actor, info.id)
                if image:
                    pixmap = QPixmap()
                    pixmap.loadFromData(image)
                    item.setIcon(QIcon(pixmap))
        self.tabs.setTabText(2, self.tr("Attachments ({count})").format(count=len(self.entry.attachments)))

    def pick_files(self) -> None:
        dialog = QFileDialog(self, self.tr("Attach files"))
        dialog.setObjectName("attachmentPicker")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setNameFilters([
            self.tr("Photos, documents and e-mails (*.jpg *.jpeg *.png *.webp *.pdf *.odt *.ods *.docx *.xlsx "
                    "*.doc *.xls *.eml)"),
            self.tr("All files (*)"),
        ])
        dialog.filesSelected.connect(self.attach_paths)
        self.file_dialog = dialog
        dialog.open()

    def dragEnterEvent(self, event) -> None:
        if self.entry is not None and event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.attach_paths(paths)

    def attach_paths(self, paths: list[str]) -> None:
        """Attach each file in the background (a large photo takes a moment); refusals say why."""
        if self.entry is None:
            return
        logbook, actor, entry_id = self.logbook, self.actor, self.entry.id

        def work():
            added, refused = [], []
            for path in paths:
                try:
                    added.append(logbook.add_attachment(actor, entry_id, path))
                except VigieError as error:
                    refused.append(error_text(error))
            return added, refused

        def done(result) -> None:
            added, refused = result
            if added:
                self._after_side_change(added[-1].saved)
            notes = [translate("logbook", WARNING_LABELS[a.warning]) for a in added if a.warning] + refused
            show_message(self.message, "\n".join(notes))
            self.tabs.setCurrentIndex(2)

        self.add_file_button.setEnabled(False)
        task = run_in_background(self, work, done, lambda error: show_message(self.message, error_text(error)))
        self._tasks.append(task)

        def finished() -> None:
            self._tasks.remove(task)
            self.add_file_button.setEnabled(self.entry is not None)

        task.finished.connect(finished)

    @property
    def is_busy(self) -> bool:
        return bool(self._tasks)

    def _current_file_id(self) -> str | None:
        item = self.files.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def open_file(self) -> AttachmentViewer | None:
        attachment_id = self._current_file_id()
        if attachment_id is None:
            return None
        info = next(a for a in self.entry.attachments if a.id == attachment_id)
        try:
            viewer = AttachmentViewer(self.logbook, self.actor, info, self)
        except VigieError as error:
            show_message(self.message, error_text(error))
            return None
        self.viewer = viewer
        viewer.show()
        return viewer

    def start_save_out(self) -> None:
        attachment_id = self._current_file_id()
        if attachment_id is None:
            return
        info = next(a for a in self.entry.attachments if a.id == attachment_id)
        motives = self.services.settings.get("motives")
        dialog = MotiveDialog(self.tr("Save a copy outside Vigie"), motives, required=True, parent=self)
        dialog.setObjectName("attachmentMotive")
        dialog.accepted.connect(lambda: self._choose_target(info, dialog.motive))
        self.motive_dialog = dialog
        dialog.open()

    def _choose_target(self, info, motive: str) -> None:
        dialog = QFileDialog(self, self.tr("Save a copy"), str(Path.home() / info.filename))
        dialog.setObjectName("attachmentTarget")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.fileSelected.connect(lambda path: self.save_out(info.id, path, motive))
        self.file_dialog = dialog
        dialog.open()

    def save_out(self, attachment_id: str, path: str, motive: str) -> None:
        try:
            written = self.logbook.save_attachment(self.actor, attachment_id, path, motive)
        except VigieError as error:
            show_message(self.message, error_text(error))
            return
        show_message(self.message, "")
        self.warning.setText(self.tr("Copy saved: {path}. The export is written in the access journal.").format(
            path=str(written)))
        self.warning.show()

    # -- history ---------------------------------------------------------------------------------

    def _history_tab(self) -> QWidget:
        tab = QWidget(self)
        self.history_list = QListWidget(tab)
        self.history_list.setObjectName("history")
        self.history_view = QTextBrowser(tab)
        self.history_view.setObjectName("historyVersion")
        self.history_list.currentRowChanged.connect(self._show_version)
        layout = QHBoxLayout(tab)
        layout.addWidget(self.history_list, 2)
        layout.addWidget(self.history_view, 3)
        self.history = ()
        return tab

    def _load_history(self) -> None:
        self.history = self.logbook.history(self.actor, self.entry.id)
        self.history_list.clear()
        for item in reversed(self.history):
            change = translate("logbook", CHANGE_LABELS[item.change])
            fields = ", ".join(translate("fields", f) for f in _field_labels(item.changed_fields))
            text = self.tr("Version {version} \u2014 {change}, {when}, {who}").format(
                version=item.version, change=change, when=local_time(item.changed_at), who=item.changed_by_name)
            if fields:
                text += "\n" + self.tr("Changed: {fields}").format(fields=fields)
            QListWidgetItem(text, self.history_list)

    def _show_version(self, row: int) -> None:
        if row < 0 or row >= len(self.history):
            self.history_view.clear()
            return
        entry = list(reversed(self.history))[row].entry
        self.history_view.setPlainText("\n".join((
            f"{self.tr('Subject')}: {entry.subject}",
            f"{self.tr('Nature')}: {entry.nature_label}",
            f"{self.tr('Place')}: {entry.address}",
            f"{self.tr('Status')}: {translate('logbook', STATUS_LABELS[entry.status])}",
            f"{self.tr('Facts')}:\n{entry.facts}",
            f"{self.tr('Assessments')}:\n{entry.assessments}",
            f"{self.tr('Action taken')}:\n{entry.action_taken}",
            f"{self.tr('Outcome')}: {entry.outcome}",
        )))


FIELD_NAMES = {
    "requested_at": QT_TRANSLATE_NOOP("fields", "Requested at"), "channel": QT_TRANSLATE_NOOP("fields", "Channel"), "nature_code": QT_TRANSLATE_NOOP("fields", "Nature"), "subject": QT_TRANSLATE_NOOP("fields", "Subject"),
    "address": QT_TRANSLATE_NOOP("fields", "Place"), "latitude": QT_TRANSLATE_NOOP("fields", "GPS point"), "longitude": QT_TRANSLATE_NOOP("fields", "GPS point"), "started_at": QT_TRANSLATE_NOOP("fields", "Start"),
    "ended_at": QT_TRANSLATE_NOOP("fields", "End"), "agents": QT_TRANSLATE_NOOP("fields", "Agents"), "facts": QT_TRANSLATE_NOOP("fields", "Facts"), "assessments": QT_TRANSLATE_NOOP("fields", "Assessments"),
    "action_taken": QT_TRANSLATE_NOOP("fields", "Action taken"), "outcome": QT_TRANSLATE_NOOP("fields", "Outcome"), "status": QT_TRANSLATE_NOOP("fields", "Status"), "people": QT_TRANSLATE_NOOP("fields", "People"),
    "attachments": QT_TRANSLATE_NOOP("fields", "Attachments"), "document_number": QT_TRANSLATE_NOOP("fields", "Rapport / PV"),
}


def _field_labels(keys) -> list[str]:
    return list(dict.fromkeys(FIELD_NAMES.get(key, key) for key in keys))


def _size(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} Mo".replace(".", ",")
    return f"{max(1, round(size / 1000))} ko"


class PersonDialog(QDialog):
    """One person involved: a role and what identifies them."""

    def __init__(self, person=None, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("personDialog")
        self.setWindowTitle(self.tr("Person involved"))
        self.setMinimumWidth(520)
        self.role = QComboBox(self)
        self.role.setObjectName("personRole")
        for role in PersonRole:
            self.role.addItem(translate("people", PERSON_ROLE_LABELS[role]), str(role))
        self.last_name = QLineEdit(self)
        self.last_name.setObjectName("personLastName")
        self.first_names = QLineEdit(self)
        self.first_names.setObjectName("personFirstNames")
        self.birth_date = QDateEdit(self)
        self.birth_date.setObjectName("personBirthDate")
        self.birth_date.setDisplayFormat("dd/MM/yyyy")
        self.birth_date.setMinimumDate(QDate(1900, 1, 1))
        self.birth_date.setSpecialValueText(" ")
        self.birth_date.setDate(self.birth_date.minimumDate())
        self.birth_place = QLineEdit(self)
        self.birth_place.setObjectName("personBirthPlace")
        self.address = QLineEdit(self)
        self.address.setObjectName("personAddress")
        self.contact = QLineEdit(self)
        self.contact.setObjectName("personContact")
        self.contact.setPlaceholderText(self.tr("phone, e-mail"))
        self.guardian = QLineEdit(self)
        self.guardian.setObjectName("personGuardian")
        self.guardian.setPlaceholderText(self.tr("for a minor: name and contact of the legal guardian"))
        form = QFormLayout()
        form.addRow(self.tr("Role *"), self.role)
        form.addRow(self.tr("Last name *"), self.last_name)
        form.addRow(self.tr("First names"), self.first_names)
        form.addRow(self.tr("Born on"), self.birth_date)
        form.addRow(self.tr("Born in"), self.birth_place)
        form.addRow(self.tr("Address"), self.address)
        form.addRow(self.tr("Contact"), self.contact)
        form.addRow(self.tr("Legal guardian"), self.guardian)
        self.message = error_label(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("personOk")
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        if person is not None:
            self.role.setCurrentIndex(self.role.findData(str(person.role)))
            self.last_name.setText(person.last_name)
            self.first_names.setText(person.first_names)
            if person.birth_date:
                self.birth_date.setDate(QDate(person.birth_date.year, person.birth_date.month, person.birth_date.day))
            self.birth_place.setText(person.birth_place)
            self.address.setText(person.address)
            self.contact.setText(person.contact)
            self.guardian.setText(person.guardian)

    def person(self) -> PersonData:
        born = self.birth_date.date()
        return PersonData(
            role=self.role.currentData(), last_name=self.last_name.text().strip(),
            first_names=self.first_names.text().strip(),
            birth_date=None if born <= self.birth_date.minimumDate() else date(born.year(), born.month(), born.day()),
            birth_place=self.birth_place.text().strip(), address=self.address.text().strip(),
            contact=self.contact.text().strip(), guardian=self.guardian.text().strip(),
        )

    def try_accept(self) -> None:
        if not self.last_name.text().strip() and not self.first_names.text().strip():
            show_message(self.message, self.tr("Give at least a name."))
            self.last_name.setStyleSheet(MARKED)
            self.last_name.setFocus()
            return
        self.accept()


class AttachmentViewer(QDialog):
    """An attachment shown inside Vigie: a photo, an e-mail as read; other files are saved out to be opened."""

    def __init__(self, logbook, actor: Actor, info, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("attachmentViewer")
        self.setWindowTitle(info.filename)
        self.resize(820, 640)
        layout = QVBoxLayout(self)
        kind = AttachmentKind(info.kind)
        if kind == AttachmentKind.EMAIL and not info.warning:
            view = logbook.email_view(actor, info.id)
            header = QLabel(self.tr("From: {sender}\nTo: {to}\nDate: {date}\nSubject: {subject}").format(
                sender=view.sender, to=view.to, date=local_time(view.date), subject=view.subject), self)
            header.setObjectName("emailHeader")
            header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            body = QTextBrowser(self)
            body.setObjectName("emailText")
            body.setPlainText(view.text)
            layout.addWidget(header)
            layout.addWidget(body, 1)
            if view.parts:
                files = QListWidget(self)
                files.setObjectName("emailParts")
                files.setMaximumHeight(90)
                for part in view.parts:
                    QListWidgetItem(f"{part.filename} ({_size(part.size)})", files)
                layout.addWidget(QLabel(self.tr("Files carried by the e-mail:"), self))
                layout.addWidget(files)
        elif kind == AttachmentKind.PHOTO:
            content = logbook.open_attachment(actor, info.id)
            pixmap = QPixmap()
            pixmap.loadFromData(content.data)
            picture = QLabel(self)
            picture.setObjectName("photo")
            picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
            picture.setPixmap(pixmap.scaled(QSize(800, 580), Qt.AspectRatioMode.KeepAspectRatio,
                                            Qt.TransformationMode.SmoothTransformation))
            layout.addWidget(picture, 1)
        else:
            note = QLabel(self.tr(
                "Vigie does not display this kind of file itself. Use \u00ab Save a copy outside Vigie \u00bb "
                "to open it with another program; the copy is written in the access journal."), self)
            note.setWordWrap(True)
            layout.addWidget(note, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
