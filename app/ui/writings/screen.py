"""Écrits: the list of procès-verbaux and rapports, and the form of one, from draft to signed and sent.

A draft is edited freely by its author; "Signer" asks the password again and
locks it. A signed document shows read-only: a correction is an addendum,
and the document then records its transmissions and the court's outcome.
Preview, printing and saving as PDF render the same reportlab document;
printing and saving are journaled with their motive and recipient. The list
and every form read and write through the task manager, never on the GUI
thread; the list reloads when a unit of work says the écrits changed.
"""

from __future__ import annotations

from typing import Any

from app.audit.actor import Actor
from app.kernel.work import Changes
from app.models.writings import WritingKind
from app.qt import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTimer,
    QVBoxLayout,
    QWidget,
)
from app.bootstrap import Services
from app.writings.types import WritingRow
from app.ui.dates import local_time
from app.ui.forms import Jobs
from app.ui.messages import error_text
from app.ui.tasks import TaskManager
from app.ui.widgets import error_label, heading, show_message
from app.ui.writings.document import WritingDialog
from app.ui.writings.labels import kind_label, status_label


class WritingsPage(QWidget):
    """Every document of the service, newest first; Enter opens one."""

    def __init__(self, services: Services, actor: Actor, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.tasks = tasks
        self.writings = services.writings
        self.loaded = False
        self.rows: list[WritingRow] = []
        self.open_dialogs: list[WritingDialog] = []
        self.jobs = Jobs(tasks, self, lambda error: show_message(self.message, error_text(error)))
        # A save seen by its form and the kernel's Changes for it make one reload.
        self.stale = QTimer(self)
        self.stale.setSingleShot(True)
        self.stale.setInterval(0)
        self.stale.timeout.connect(self.refresh)
        tasks.changed.connect(self._on_changes)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(heading(self.tr("\u00c9crits: proc\u00e8s-verbaux and rapports")))
        top.addStretch()
        self.kind_choice = QComboBox(self)
        self.kind_choice.setObjectName("writingKind")
        for kind in WritingKind:
            self.kind_choice.addItem(kind_label(kind), str(kind))
        self.new_button = QPushButton(self.tr("New document"), self)
        self.new_button.setObjectName("writingNew")
        self.new_button.clicked.connect(lambda: self.new_document(self.kind_choice.currentData()))
        top.addWidget(self.kind_choice)
        top.addWidget(self.new_button)
        layout.addLayout(top)
        self.message = error_label(self)
        layout.addWidget(self.message)
        self.table = QTableWidget(0, 6, self)
        self.table.setObjectName("writingsTable")
        self.table.setHorizontalHeaderLabels([self.tr("No."), self.tr("Type"), self.tr("Status"), self.tr("Date"),
                                              self.tr("Subject"), self.tr("Author")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((95, 180, 80, 120)):
            self.table.setColumnWidth(column, width)
        self.table.activated.connect(lambda index: self.open_document(self.rows[index.row()].id))
        layout.addWidget(self.table, 1)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if not self.loaded:
            self.loaded = True
            self.refresh()

    @property
    def is_busy(self) -> bool:
        return self.jobs.running > 0

    def _on_changes(self, changes: Changes) -> None:
        if self.loaded and "ecrits" in changes:
            self.stale.start()

    def refresh(self) -> None:
        writings, actor = self.writings, self.actor
        self.jobs.run(lambda: writings.documents(actor), self._show_rows)

    def _show_rows(self, rows: list[WritingRow]) -> None:
        self.rows = list(rows)
        self.table.setRowCount(len(self.rows))
        for row, document in enumerate(self.rows):
            moment = document.signed_at or document.occurred_at or document.created_at
            for column, text in enumerate((document.number, kind_label(document.kind), status_label(document.status),
                                           local_time(moment), document.subject, document.author_name)):
                self.table.setItem(row, column, QTableWidgetItem(text))

    def new_document(self, kind: str, from_entry: str | None = None) -> None:
        """A draft is made in the background, then opened (the form is the last of `open_dialogs`)."""
        writings, actor = self.writings, self.actor
        self.jobs.run(lambda: writings.create_draft(actor, WritingKind(kind), from_entry=from_entry),
                      lambda detail: self._created(detail.id))

    def _created(self, writing_id: str) -> None:
        self.stale.start()
        self.open_document(writing_id)

    def open_document(self, writing_id: str) -> WritingDialog:
        dialog = WritingDialog(self.services, self.actor, self.tasks, writing_id, self)
        dialog.changed.connect(self.stale.start)
        dialog.finished.connect(lambda _result: self._forget(dialog))
        self.open_dialogs.append(dialog)
        dialog.show()
        return dialog

    def _forget(self, dialog: WritingDialog) -> None:
        if dialog in self.open_dialogs:
            self.open_dialogs.remove(dialog)
        dialog.deleteLater()
