"""The intervention tab of the entry form: its fields in the order they are told, read back as EntryData.

Also what a draft keeps of them (payload) and how a draft fills them again.
"""

from __future__ import annotations

from datetime import datetime

from app.qt import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    Qt,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from app.i18n import translate
from app.logbook.types import AgentRef, EntryData, EntryDetail, EntryInvalid, InputWarning, NatureInfo
from app.models.logbook import CHANNEL_LABELS, Channel
from app.ui.dates import DateTimeField, first_problem
from app.ui.messages import error_text
from app.ui.widgets import DialogPart, mark, show_message


class EntryFields(DialogPart):
    """Part of EntryDialog: the intervention's fields."""

    entry: EntryDetail | None
    tabs: QTabWidget
    message: QLabel
    warning: QLabel

    # -- building -----------------------------------------------------------------------------------

    def _facts_tab(self) -> QWidget:
        tab = QWidget(self)
        self.requested_at = DateTimeField(tab, optional=False, label=self.tr("Requested at"))
        self.requested_at.setObjectName("requestedAt")
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
        self.started_at = DateTimeField(tab, label=self.tr("Start of the intervention"))
        self.started_at.setObjectName("startedAt")
        self.ended_at = DateTimeField(tab, label=self.tr("End of the intervention"))
        self.ended_at.setObjectName("endedAt")
        for field in (self.requested_at, self.started_at, self.ended_at):
            field.report_to(self.message)
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

        self._facts_layout(tab)
        return tab

    def _facts_layout(self, tab: QWidget) -> None:
        when = QHBoxLayout()
        when.addWidget(self.started_at)
        when.addWidget(QLabel(self.tr("to"), tab))
        when.addWidget(self.ended_at)
        form = QFormLayout()
        # "form label": a label starts with a capital, where the same word inside a sentence (a field named
        # in a message) does not.
        self.required_labels = {}
        for label, field, key in (
            (self.tr("Requested at *"), self.requested_at, "requested_at"),
            (self.tr("Came by *"), self.channel, "channel"),
            (self.tr("Nature *"), self.nature, "nature_code"),
            (self.tr("Subject *"), self.subject, "subject"),
            (self.tr("Place"), self.address, "address"),
            (self.tr("GPS point", "form label"), self.gps, "latitude"),
        ):
            form.addRow(label, field)
            self.required_labels[key] = field
        form.addRow(self.tr("Intervention from"), when)
        form.addRow(self.tr("Agents", "form label"), self.agents)
        form.addRow(self.tr("Facts", "form label"), self.facts)
        form.addRow(self.tr("Assessments", "form label"), self.assessments)
        form.addRow(self.tr("Action taken", "form label"), self.action_taken)
        form.addRow(self.tr("Outcome", "form label"), self.outcome)
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
        self._tab_order()

    def _tab_order(self) -> None:
        """Tab follows the order an intervention is told in, whatever the layout's rows."""
        order = (self.requested_at, self.channel, self.nature, self.subject, self.address, self.gps,
                 self.started_at, self.ended_at, self.agents, self.facts, self.assessments, self.action_taken,
                 self.outcome)
        for first, second in zip(order, order[1:]):
            QWidget.setTabOrder(first, second)

    def _text_box(self, parent: QWidget, name: str, placeholder: str) -> QPlainTextEdit:
        box = QPlainTextEdit(parent)
        box.setObjectName(name)
        box.setPlaceholderText(placeholder)
        box.setTabChangesFocus(True)
        box.setMinimumHeight(70)
        return box

    def fill_choices(self, natures: list[NatureInfo], agents: list[AgentRef], me: str) -> None:
        for channel in Channel:
            self.channel.addItem(translate("logbook", CHANNEL_LABELS[channel]), str(channel))
        self.nature.addItem(self.tr("(choose)"), "")
        for nature in natures:
            self.nature.addItem(nature.label, nature.code)
        for agent in agents:
            text = f"{agent.full_name} ({agent.matricule})" if agent.matricule else agent.full_name
            item = QListWidgetItem(text, self.agents)
            item.setData(Qt.ItemDataRole.UserRole, agent.user_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if agent.user_id == me else Qt.CheckState.Unchecked)

    def watch_fields(self, changed) -> None:
        """*changed* hears every edit a person makes in the fields."""
        for field in (self.subject, self.address, self.gps, self.outcome, *self.moments()):
            field.textEdited.connect(changed)
        for box in (self.facts, self.assessments, self.action_taken):
            box.textChanged.connect(changed)
        for combo in (self.channel, self.nature):
            combo.currentIndexChanged.connect(changed)
        self.agents.itemChanged.connect(changed)

    def fill(self, entry: EntryDetail) -> None:
        """The fields as *entry* has them."""
        self.requested_at.set_value(entry.requested_at)
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
        self._check_agents({agent.user_id for agent in entry.agents})
        self.facts.setPlainText(entry.facts)
        self.assessments.setPlainText(entry.assessments)
        self.action_taken.setPlainText(entry.action_taken)
        self.outcome.setText(entry.outcome)

    def _check_agents(self, chosen: set[str]) -> None:
        for row in range(self.agents.count()):
            item = self.agents.item(row)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in chosen
                               else Qt.CheckState.Unchecked)

    # -- reading back -------------------------------------------------------------------------------

    def moments(self) -> tuple[DateTimeField, ...]:
        return self.requested_at, self.started_at, self.ended_at

    def unreadable_moment(self) -> bool:
        """Mark the first date that cannot be read, say how to type it, and return True; False when all read."""
        found = first_problem(self.moments())
        if found is None:
            return False
        field, problem = found
        self.tabs.setCurrentIndex(0)
        field.setFocus()
        show_message(self.message, problem)
        return True

    def data(self) -> EntryData:
        """The entry as typed; its dates are read first (unreadable_moment())."""
        latitude, longitude = self._gps()
        requested_at = self.requested_at.value()
        assert requested_at is not None  # a required field, checked before
        return EntryData(
            requested_at=requested_at,
            channel=self.channel.currentData(), nature_code=self.nature.currentData() or "",
            subject=self.subject.text(), address=self.address.text(), latitude=latitude, longitude=longitude,
            started_at=self.started_at.value(), ended_at=self.ended_at.value(),
            agent_ids=self._agent_ids(),
            facts=self.facts.toPlainText(), assessments=self.assessments.toPlainText(),
            action_taken=self.action_taken.toPlainText(), outcome=self.outcome.text(),
        )

    def _agent_ids(self) -> tuple[str, ...]:
        return tuple(self.agents.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.agents.count())
                     if self.agents.item(row).checkState() == Qt.CheckState.Checked)

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

    def payload(self) -> dict:
        """What a draft keeps: every field as typed (a date that does not read yet is kept as its text)."""
        payload: dict = {
            "entry_id": self.entry.id if self.entry else None,
            "version": self.entry.version if self.entry else None,
            "channel": self.channel.currentData(), "nature_code": self.nature.currentData() or "",
            "subject": self.subject.text(), "address": self.address.text(), "gps": self.gps.text(),
            "agent_ids": list(self._agent_ids()), "facts": self.facts.toPlainText(),
            "assessments": self.assessments.toPlainText(), "action_taken": self.action_taken.toPlainText(),
            "outcome": self.outcome.text(), "typed": {},
        }
        for key, field in zip(("requested_at", "started_at", "ended_at"), self.moments()):
            try:
                moment = field.value()
            except ValueError:
                moment = None
                payload["typed"][key] = field.text()
            payload[key] = moment.isoformat() if moment else None
        return payload

    def apply_payload(self, payload: dict) -> None:
        def moment(value: str | None) -> datetime | None:
            return datetime.fromisoformat(value) if value else None

        requested_at = moment(payload.get("requested_at"))
        if requested_at is not None:
            self.requested_at.set_value(requested_at)
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
        for key, text in payload.get("typed", {}).items():
            getattr(self, key).setText(text)  # kept as typed, to be corrected
        self._check_agents(set(payload.get("agent_ids", [])))
        self.facts.setPlainText(payload.get("facts", ""))
        self.assessments.setPlainText(payload.get("assessments", ""))
        self.action_taken.setPlainText(payload.get("action_taken", ""))
        self.outcome.setText(payload.get("outcome", ""))

    # -- what the service said -------------------------------------------------------------------

    def _show_warnings(self, warnings: tuple[InputWarning, ...], ask: bool) -> None:
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
            mark(field)
            self.tabs.setCurrentIndex(0)
            field.setFocus()
        show_message(self.message, error_text(error))

    def _clear_marks(self) -> None:
        for field in set(self.fields.values()):
            mark(field, False)
        show_message(self.message, "")
