"""Administration: the station's settings, as declared once in app.config."""

from __future__ import annotations

from typing import Any

from app.audit.actor import Actor
from app.config import SETTINGS, Setting
from app.i18n import translate
from app.kernel.motives import OPERATION_LABELS
from app.qt import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    Signal,
)
from app.bootstrap import Services
from app.ui.messages import error_text
from app.ui.tasks import TaskManager
from app.ui.widgets import error_label, show_message


class SettingsPanel(QWidget):
    """The settings as declared in app.config; their values are read and saved through the task manager.

    The form does not follow other windows' changes: reloading under the administrator's hands
    would throw away what they are typing. It shows what the station holds after each save.
    """

    GROUPS = ("station", "retention", "motives")
    loaded = Signal()  # the fields show the station's values

    def __init__(self, services: Services, actor: Actor, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.tasks = tasks
        self.fields: dict[str, QSpinBox] = {}
        self.lists: dict[str, QPlainTextEdit] = {}
        self.choices: dict[str, dict[str, QCheckBox]] = {}
        titles = {
            "station": self.tr("Accounts and screen lock"),
            "retention": self.tr("Retention of data"),
            "motives": self.tr("Motives for the access journal"),
        }
        columns = QHBoxLayout()
        boxes = {}
        for group in self.GROUPS:
            box = QGroupBox(titles[group], self)
            form = QFormLayout(box)
            for setting in (s for s in SETTINGS if s.group == group):
                form.addRow(translate("settings", setting.label), self._field(setting))
            boxes[group] = box
        columns.addWidget(boxes["station"], 1)
        columns.addWidget(boxes["retention"], 1)
        self.save_button = QPushButton(self.tr("Save the settings"), self)
        self.save_button.setObjectName("saveSettings")
        self.save_button.clicked.connect(self.save)
        self.save_button.setEnabled(False)
        self.message = error_label(self)
        self.saved = QLabel(self)
        self.saved.setObjectName("settingsSaved")
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(boxes["motives"])
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.saved)
        row.addStretch()
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addStretch()
        self._busy = True
        settings = services.settings
        tasks.run(settings.values, self._fill, self._failed, owner=self)

    def _field(self, setting: Setting) -> QWidget:
        if setting.type is int:
            spin = QSpinBox(self)
            spin.setObjectName(setting.name)
            spin.setRange(setting.minimum or 0, setting.maximum or 1_000_000)
            self.fields[setting.name] = spin
            return spin
        if setting.choices:
            holder = QWidget(self)
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            boxes = {}
            for choice in setting.choices:
                box = QCheckBox(translate("fields", OPERATION_LABELS[choice]), holder)
                box.setObjectName(f"{setting.name}_{choice}")
                column.addWidget(box)
                boxes[choice] = box
            self.choices[setting.name] = boxes
            return holder
        edit = QPlainTextEdit(self)
        edit.setObjectName(setting.name)
        edit.setMinimumHeight(120)
        self.lists[setting.name] = edit
        return edit

    def _fill(self, values: dict[str, Any]) -> None:
        for name, spin in self.fields.items():
            spin.setValue(values[name])
        for name, edit in self.lists.items():
            edit.setPlainText("\n".join(values[name]))
        for name, boxes in self.choices.items():
            for choice, box in boxes.items():
                box.setChecked(choice in values[name])
        self._set_busy(False)
        self.loaded.emit()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.save_button.setEnabled(not busy)

    @property
    def is_busy(self) -> bool:
        return self._busy

    def collected(self) -> dict[str, Any]:
        changes: dict[str, Any] = {name: field.value() for name, field in self.fields.items()}
        changes.update({name: edit.toPlainText().splitlines() for name, edit in self.lists.items()})
        changes.update(
            {name: [c for c, box in boxes.items() if box.isChecked()] for name, boxes in self.choices.items()}
        )
        return changes

    def save(self) -> None:
        show_message(self.message, "")
        self.saved.clear()
        self._set_busy(True)
        settings, actor, changes = self.services.settings, self.actor, self.collected()
        self.tasks.run(lambda: settings.change(actor, changes), self._saved, self._failed, owner=self)

    def _saved(self, values: dict[str, Any]) -> None:
        self._fill(values)
        self.saved.setText(self.tr("Settings saved."))

    def _failed(self, error: Exception) -> None:
        self._set_busy(False)
        show_message(self.message, error_text(error))
