"""The history of an entry: every version, what changed in each, and the version chosen shown whole."""

from __future__ import annotations

from app.errors import QT_TRANSLATE_NOOP
from app.i18n import translate
from app.models.logbook import STATUS_LABELS
from app.qt import QHBoxLayout, QListWidget, QListWidgetItem, QTextBrowser, QWidget
from app.logbook.types import CHANGE_LABELS
from app.ui.dates import local_time


class EntryHistory:
    """Part of EntryDialog: the history tab."""

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
