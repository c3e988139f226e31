"""The history of an entry: every version, what changed in each, and the version chosen shown whole.

The history is read once, when the form opens (that read is journaled as a
consultation); a save then adds its own version from the save's result
rather than reading the history again.
"""

from __future__ import annotations

from collections.abc import Iterable

from app.errors import QT_TRANSLATE_NOOP
from app.i18n import translate
from app.logbook.types import CHANGE_LABELS, Change, EntryDetail, EntryHistoryItem, HistoryItem
from app.models.logbook import STATUS_LABELS
from app.qt import QHBoxLayout, QListWidget, QListWidgetItem, QTextBrowser, QWidget
from app.ui.dates import local_time
from app.ui.widgets import DialogPart


class EntryHistory(DialogPart):
    """Part of EntryDialog: the history tab, newest version first."""

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
        self.history: list[HistoryItem[EntryDetail]] = []  # newest first, as listed
        return tab

    def show_history(self, items: Iterable[HistoryItem[EntryDetail]]) -> None:
        """*items* oldest first, as the service gives them."""
        self.history = list(reversed(list(items)))
        self.history_list.clear()
        for item in self.history:
            QListWidgetItem(self._history_text(item), self.history_list)

    def add_version(self, item: HistoryItem[EntryDetail]) -> None:
        """The version a save just made, on top of the list."""
        if self.history and self.history[0].version >= item.version:
            return
        self.history.insert(0, item)
        self.history_list.insertItem(0, QListWidgetItem(self._history_text(item)))

    def _history_text(self, item: HistoryItem[EntryDetail]) -> str:
        change = translate("logbook", CHANGE_LABELS[Change(item.change)])
        if isinstance(item, EntryHistoryItem) and item.concurrent:
            # Two stations edited the entry offline: each of their versions, with its station.
            text = self.tr("Version {version}, station {station} (made at the same time as another) "
                           "\u2014 {change}, {when}, {who}").format(
                version=item.version, station=item.station or "?", change=change,
                when=local_time(item.changed_at), who=item.changed_by_name)
        else:
            text = self.tr("Version {version} \u2014 {change}, {when}, {who}").format(
                version=item.version, change=change, when=local_time(item.changed_at), who=item.changed_by_name)
        fields = ", ".join(translate("fields", f) for f in _field_labels(item.changed_fields))
        if fields:
            text += "\n" + self.tr("Changed: {fields}").format(fields=fields)
        return text

    def _show_version(self, row: int) -> None:
        if row < 0 or row >= len(self.history):
            self.history_view.clear()
            return
        entry = self.history[row].record
        self.history_view.setPlainText(self.tr(
            "Subject: {subject}\nNature: {nature}\nPlace: {place}\nStatus: {status}\nFacts:\n{facts}\n"
            "Assessments:\n{assessments}\nAction taken:\n{action_taken}\nOutcome: {outcome}").format(
            subject=entry.subject, nature=entry.nature_label, place=entry.address,
            status=translate("logbook", STATUS_LABELS[entry.status]), facts=entry.facts,
            assessments=entry.assessments, action_taken=entry.action_taken, outcome=entry.outcome))


FIELD_NAMES = {
    "requested_at": QT_TRANSLATE_NOOP("fields", "Requested at"),
    "channel": QT_TRANSLATE_NOOP("fields", "Channel"),
    "nature_code": QT_TRANSLATE_NOOP("fields", "Nature"),
    "subject": QT_TRANSLATE_NOOP("fields", "Subject"),
    "address": QT_TRANSLATE_NOOP("fields", "Place"),
    "latitude": QT_TRANSLATE_NOOP("fields", "GPS point"),
    "longitude": QT_TRANSLATE_NOOP("fields", "GPS point"),
    "started_at": QT_TRANSLATE_NOOP("fields", "Start"),
    "ended_at": QT_TRANSLATE_NOOP("fields", "End"),
    "agents": QT_TRANSLATE_NOOP("fields", "Agents"),
    "facts": QT_TRANSLATE_NOOP("fields", "Facts"),
    "assessments": QT_TRANSLATE_NOOP("fields", "Assessments"),
    "action_taken": QT_TRANSLATE_NOOP("fields", "Action taken"),
    "outcome": QT_TRANSLATE_NOOP("fields", "Outcome"),
    "status": QT_TRANSLATE_NOOP("fields", "Status"),
    "people": QT_TRANSLATE_NOOP("fields", "People"),
    "attachments": QT_TRANSLATE_NOOP("fields", "Attachments"),
    "document_number": QT_TRANSLATE_NOOP("fields", "Rapport / PV"),
}


def _field_labels(keys: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(FIELD_NAMES.get(key, key) for key in keys))
