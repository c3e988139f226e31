"""Administration: the station's settings, as declared once in app.config."""

from __future__ import annotations

from app.audit.actor import Actor
from app.config import SETTINGS
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
)
from app.bootstrap import Services
from app.ui.messages import error_text
from app.ui.widgets import error_label, show_message


class SettingsPanel(QWidget):
    GROUPS = ("station", "retention", "motives")

    def __init__(self, services: Services, actor: Actor, parent=None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.fields: dict[str, QSpinBox] = {}
        self.lists: dict[str, QPlainTextEdit] = {}
        self.choices: dict[str, dict[str, QCheckBox]] = {}
        values = services.settings.values()
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
                form.addRow(translate("settings", setting.label), self._field(setting, values[setting.name]))
            boxes[group] = box
        columns.addWidget(boxes["station"], 1)
        columns.addWidget(boxes["retention"], 1)
        self.save_button = QPushButton(self.tr("Save the settings"), self)
        self.save_button.setObjectName("saveSettings")
        self.save_button.clicked.connect(self.save)
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

    def _field(self, setting, value) -> QWidget:
        if setting.type is int:
            spin = QSpinBox(self)
            spin.setObjectName(setting.name)
            spin.setRange(setting.minimum or 0, setting.maximum or 1_000_000)
            spin.setValue(value)
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
                box.setChecked(choice in value)
                column.addWidget(box)
                boxes[choice] = box
            self.choices[setting.name] = boxes
            return holder
        edit = QPlainTextEdit("\n".join(value), self)
        edit.setObjectName(setting.name)
        edit.setMinimumHeight(120)
        self.lists[setting.name] = edit
        return edit

    def collected(self) -> dict:
        changes: dict = {name: field.value() for name, field in self.fields.items()}
        changes.update({name: edit.toPlainText().splitlines() for name, edit in self.lists.items()})
        changes.update(
            {name: [c for c, box in boxes.items() if box.isChecked()] for name, boxes in self.choices.items()}
        )
        return changes

    def save(self) -> None:
        show_message(self.message, "")
        try:
            self.services.settings.change(self.actor, self.collected())
        except Exception as error:
            self.saved.clear()
            show_message(self.message, error_text(error))
            return
        self.saved.setText(self.tr("Settings saved."))
