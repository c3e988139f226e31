"""The records "à arbitrer": two versions of one record side by side, field by field, each saying who
made it, when and on which station.

A person keeps one version whole, or picks a side for each field that differs: no side is picked
beforehand, so that a merge saved without looking cannot drop one side's change. The service makes
the choice a new version of the record, which syncs and settles the conflict on every station. The
list and the settlement run in the task manager; the service checks the right and journals what is shown.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any

from app.audit.actor import Actor
from app.errors import QT_TRANSLATE_NOOP
from app.i18n import translate
from app.qt import (
    QAbstractItemView,
    QColor,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QKeyEvent,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from app.models.logbook import CHANNEL_LABELS, STATUS_LABELS
from app.sync.service import SyncService
from app.sync.settling import Conflict, Provenance
from app.ui.logbook.history import FIELD_NAMES
from app.ui.messages import error_text
from app.ui.tasks import TaskManager
from app.ui.widgets import error_label, fit_to_screen, heading, show_message

KEPT, OTHER = 0, 1
# Fields that only the machinery reads: not offered for a choice, carried by the service.
HIDDEN = frozenset({"id", "version", "created_at", "updated_at", "created_by", "updated_by", "last_change",
                    "serial", "year", "station_number", "request_id", "writing_id"})
ISO_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d")


# Fields of the conflicts' kinds that the logbook's history does not name.
MORE_NAMES = {
    "number": QT_TRANSLATE_NOOP("fields", "Number"),
    "closed_at": QT_TRANSLATE_NOOP("fields", "Closed at"),
    # The history names the two "GPS point" (they change together); side by side, each is its own row.
    "latitude": QT_TRANSLATE_NOOP("fields", "Latitude"),
    "longitude": QT_TRANSLATE_NOOP("fields", "Longitude"),
}
# Fields whose stored value is a code: shown as the form shows it ("Patrouille", not "patrol").
VALUE_LABELS: dict[str, dict[Any, str]] = {"channel": dict(CHANNEL_LABELS), "status": dict(STATUS_LABELS)}
CHANGED = QColor("#fff1b8")

# Who made a version, as far as this station knows (app/sync/settling.py: Provenance).
MADE_BY_ON_AT = QT_TRANSLATE_NOOP("sync", "{side} made by {author} on {when}, {station}.")
MADE_BY_ON = QT_TRANSLATE_NOOP("sync", "{side} made by {author} on {when}.")
MADE_ON_AT = QT_TRANSLATE_NOOP("sync", "{side} made on {when}, {station}.")
MADE_ON = QT_TRANSLATE_NOOP("sync", "{side} made on {when}.")
MADE_AT = QT_TRANSLATE_NOOP("sync", "{side} made at {station}.")
MADE_UNKNOWN = QT_TRANSLATE_NOOP("sync", "{side} who made it and when is not known on this station.")


def field_label(name: str) -> str:
    """The field's French label where Vigie has one, otherwise its name."""
    label = MORE_NAMES.get(name) or FIELD_NAMES.get(name)
    if not label:
        return name
    text = translate("fields", label)
    return text[:1].upper() + text[1:]


def provenance_text(side: str, made: Provenance) -> str:
    """"Version en place : faite par Léa Petit le 03/12/2026 14:05, sur le poste 2 (ce poste)." """
    from app.audit.stations import station_text

    when = made.at.astimezone().strftime("%d/%m/%Y %H:%M") if made.at is not None else ""
    station = station_text(made.station, translate) if made.station is not None else ""
    if made.author and when:
        template = MADE_BY_ON_AT if station else MADE_BY_ON
    elif when:
        template = MADE_ON_AT if station else MADE_ON
    else:
        template = MADE_AT if station else MADE_UNKNOWN
    return translate("sync", template).format(side=side, author=made.author, when=when, station=station)


def shown_value(value: Any, name: str = "", labels: dict[str, dict[str, str]] | None = None) -> str:
    if value is None or value == "":
        return "\u2014"
    if isinstance(value, str) and value in VALUE_LABELS.get(name, {}):
        return translate("logbook", VALUE_LABELS[name][value])
    if isinstance(value, str) and value in (labels or {}).get(name, {}):
        return (labels or {})[name][value]  # the service's own label, French as typed
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, indent=1)
    if isinstance(value, str) and ISO_TIME.match(value):
        try:
            return datetime.fromisoformat(value).astimezone().strftime("%d/%m/%Y %H:%M")
        except ValueError:
            return value
    return str(value)


class ConflictsDialog(QDialog):
    listed = Signal(int)  # how many conflicts the list now shows (tests wait on it)
    settled = Signal(str)  # the record id just settled

    def __init__(self, sync: SyncService, actor: Actor, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Records to settle"))
        fit_to_screen(self, 1100, 640)
        self.sync = sync
        self.actor = actor
        self.tasks = tasks
        self.conflicts: list[Conflict] = []
        self.current: Conflict | None = None
        self.choices: dict[str, QComboBox] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Records to settle")))
        note = QLabel(self.tr("Two stations changed these records while apart. Both versions are kept until "
                              "you choose: keep one, or take each field from one side."), self)
        note.setWordWrap(True)
        layout.addWidget(note)
        splitter = QSplitter(self)
        self.list = QListWidget(splitter)
        self.list.setObjectName("conflictList")
        self.list.setMinimumWidth(200)
        self.list.currentRowChanged.connect(self._select)
        splitter.addWidget(self.list)
        splitter.addWidget(self._versions(splitter))
        splitter.setStretchFactor(1, 3)
        layout.addWidget(splitter, 1)
        self.message = error_label(self)
        layout.addWidget(self.message)
        close = QPushButton(self.tr("Close"), self)
        close.setAutoDefault(False)  # no default button: see keyPressEvent
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(close)
        layout.addLayout(row)
        self.reload()

    def _versions(self, parent: QWidget) -> QWidget:
        holder = QWidget(parent)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel("", holder)
        self.title.setStyleSheet("font-weight: bold;")
        column.addWidget(self.title)
        self.made = (QLabel("", holder), QLabel("", holder))
        for label, name in zip(self.made, ("keptMade", "otherMade")):
            label.setObjectName(name)
            label.setWordWrap(True)
            column.addWidget(label)
        self.table = QTableWidget(0, 4, holder)
        self.table.setObjectName("conflictFields")
        self.table.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Version in the table"),
                                              self.tr("Concurrent version"), self.tr("Keep")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab goes from the table to each field's choice, not cell to cell
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Fixed)
        self.table.setColumnWidth(3, 190)
        self.table.verticalHeader().hide()
        column.addWidget(self.table, 1)
        self.keep_kept = self._settling_button(self.tr("Keep the version in the table"), "keepKept", holder)
        self.keep_kept.clicked.connect(lambda: self._settle(self._whole(KEPT)))
        self.keep_other = self._settling_button(self.tr("Keep the concurrent version"), "keepOther", holder)
        self.keep_other.clicked.connect(lambda: self._settle(self._whole(OTHER)))
        self.merge = self._settling_button(self.tr("Save the field-by-field choice"), "merge", holder)
        self.merge.clicked.connect(lambda: self._settle(self._merged()))
        self.left_to_choose = QLabel("", holder)
        self.left_to_choose.setObjectName("leftToChoose")
        # Two rows: in French the five on one line asked for more than a 1280-pixel screen.
        whole = QHBoxLayout()
        whole.addWidget(self.keep_kept)
        whole.addWidget(self.keep_other)
        whole.addStretch()
        column.addLayout(whole)
        by_field = QHBoxLayout()
        by_field.addWidget(self.left_to_choose, 1)
        by_field.addWidget(self.merge)
        column.addLayout(by_field)
        self._enable(False)
        return holder

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        """Enter presses the button that has the focus, and nothing else: a dialog's default button (the first
        one, "keep the version in the table") settled a conflict at an Enter pressed in the list."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focused = self.focusWidget()
            if isinstance(focused, QPushButton) and focused.isEnabled():
                focused.click()
            return
        super().keyPressEvent(event)

    @staticmethod
    def _settling_button(text: str, name: str, parent: QWidget) -> QPushButton:
        """A button that settles: never the dialog's default (keyPressEvent)."""
        button = QPushButton(text, parent)
        button.setObjectName(name)
        button.setAutoDefault(False)
        return button

    # -- the list -------------------------------------------------------------------------

    def reload(self) -> None:
        self.tasks.run(lambda: self.sync.conflicts(self.actor), self._listed, self._failed, owner=self)

    def _listed(self, conflicts: list[Conflict]) -> None:
        self.conflicts = conflicts
        self.list.clear()
        for conflict in conflicts:
            item = QListWidgetItem(self._name(conflict), self.list)
            item.setToolTip(", ".join(field_label(name) for name in conflict.differing if name not in HIDDEN))
        if conflicts:
            self.list.setCurrentRow(0)
        else:
            self._select(-1)
        self.list.setFocus()  # on the records, not on a button that would settle one
        self.listed.emit(len(conflicts))

    def _name(self, conflict: Conflict) -> str:
        kinds = self.sync.kernel.kinds
        noun = kinds[conflict.record_kind].noun if conflict.record_kind in kinds else ""
        number = conflict.kept.get("number") or conflict.other.get("number") or conflict.record_id[:8]
        return self.tr("{noun} {number}").format(noun=translate("kinds", noun) if noun else conflict.record_kind,
                                                 number=number)

    def _select(self, row: int) -> None:
        self.current = self.conflicts[row] if 0 <= row < len(self.conflicts) else None
        self.table.setRowCount(0)
        self.choices = {}
        self._enable(self.current is not None)
        if self.current is None:
            self.title.setText(self.tr("Nothing to settle."))
            for label in self.made:
                label.clear()
            self._count_left()
            return
        self.title.setText(self._name(self.current))
        kept, other = self.current.provenance
        self.made[KEPT].setText(provenance_text(self.tr("Version in the table:"), kept))
        self.made[OTHER].setText(provenance_text(self.tr("Concurrent version:"), other))
        self._fill(self.current)
        self._count_left()

    def _fill(self, conflict: Conflict) -> None:
        names = [n for n in conflict.differing if n not in HIDDEN]
        names += [n for n in sorted(set(conflict.kept) | set(conflict.other)) if n not in names and n not in HIDDEN]
        self.table.setRowCount(len(names))
        for row, name in enumerate(names):
            differs = name in conflict.differing
            cells = (field_label(name), shown_value(conflict.kept.get(name), name, conflict.labels),
                     shown_value(conflict.other.get(name), name, conflict.labels))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if differs:
                    item.setBackground(CHANGED)
                self.table.setItem(row, column, item)
            if differs:
                choice = QComboBox(self.table)
                choice.addItems([self.tr("Version in the table"), self.tr("Concurrent version")])
                choice.setPlaceholderText(self.tr("To choose"))
                choice.setCurrentIndex(-1)  # no side beforehand: the person reads both and picks
                choice.setObjectName(f"choice_{name}")
                choice.currentIndexChanged.connect(self._count_left)
                self.table.setCellWidget(row, 3, choice)
                self.choices[name] = choice
        self.table.resizeRowsToContents()
        # Tab: the list, the table, each field's choice from the top, then the buttons.
        chain = [self.list, self.table, *self.choices.values(), self.keep_kept, self.keep_other, self.merge]
        for before, after in zip(chain, chain[1:]):
            QWidget.setTabOrder(before, after)

    # -- settling -------------------------------------------------------------------------

    def choose(self, name: str, side: int) -> None:
        """One field's side, as a person picks it in the field's list."""
        self.choices[name].setCurrentIndex(side)

    def _whole(self, side: int) -> dict:
        assert self.current is not None
        version = self.current.kept if side == KEPT else self.current.other
        return {name: version.get(name) for name in self.current.differing if name not in HIDDEN}

    def _count_left(self) -> None:
        """The merge is saved once every field that differs has its side."""
        left = sum(1 for box in self.choices.values() if box.currentIndex() < 0)
        if left:
            self.left_to_choose.setText(self.tr("%n field(s) left to choose", "", left))
        else:  # said, not emptied: the row keeps its place
            self.left_to_choose.setText(self.tr("Every field that differs has its side.") if self.choices else "")
        self.merge.setEnabled(self.current is not None and not left)

    def _merged(self) -> dict:
        assert self.current is not None
        return {name: (self.current.kept if box.currentIndex() == KEPT else self.current.other).get(name)
                for name, box in self.choices.items()}

    def _settle(self, chosen: dict) -> None:
        conflict = self.current
        if conflict is None:
            return
        self._enable(False)
        self.message.hide()
        self.tasks.run(lambda: self.sync.resolve(self.actor, conflict, chosen),
                       lambda _none: self._settled(conflict), self._failed, owner=self)

    def _settled(self, conflict: Conflict) -> None:
        self.settled.emit(conflict.record_id)
        self.reload()

    def _failed(self, error: Exception) -> None:
        from app.sync.settling import ConflictGone

        self._enable(self.current is not None)
        show_message(self.message, error_text(error))
        if isinstance(error, ConflictGone):  # settled by another station's choice: the list as it is now
            self.reload()

    def _enable(self, on: bool) -> None:
        for button in (self.keep_kept, self.keep_other):
            button.setEnabled(on)
        self.merge.setEnabled(on and all(box.currentIndex() >= 0 for box in self.choices.values()))
