"""Écrits: the list of procès-verbaux and rapports, and the form of one, from draft to signed and sent.

A draft is edited freely by its author; "Signer" asks the password again and
locks it. A signed document shows read-only: a correction is an addendum,
and the document then records its transmissions and the court's outcome.
Preview, printing and saving as PDF render the same reportlab document;
printing and saving are journaled with their motive and recipient.
"""

from __future__ import annotations

from app.audit.actor import Actor
from app.errors import VigieError
from app.models.writings import WritingKind
from app.qt import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from app.bootstrap import Services
from app.ui.dates import local_time
from app.ui.messages import error_text
from app.ui.widgets import error_label, heading, show_message
from app.ui.writings.document import WritingDialog
from app.ui.writings.labels import kind_label, status_label


class WritingsPage(QWidget):
    """Every document of the service, newest first; Enter opens one."""

    def __init__(self, services: Services, actor: Actor, parent=None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.writings = services.writings
        self.loaded = False
        self.rows = []
        self.open_dialogs: list[WritingDialog] = []
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

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self.loaded:
            self.loaded = True
            self.refresh()

    def refresh(self) -> None:
        try:
            self.rows = self.writings.documents(self.actor)
        except VigieError as error:
            show_message(self.message, error_text(error))
            return
        self.table.setRowCount(len(self.rows))
        for row, document in enumerate(self.rows):
            moment = document.signed_at or document.occurred_at or document.created_at
            for column, text in enumerate((document.number, kind_label(document.kind), status_label(document.status),
                                           local_time(moment), document.subject, document.author_name)):
                self.table.setItem(row, column, QTableWidgetItem(text))

    def new_document(self, kind: str, from_entry: str | None = None):
        try:
            detail = self.writings.create_draft(self.actor, WritingKind(kind), from_entry=from_entry)
        except VigieError as error:
            show_message(self.message, error_text(error))
            return None
        self.refresh()
        return self.open_document(detail.id)

    def open_document(self, writing_id: str):
        dialog = WritingDialog(self.services, self.actor, writing_id, self)
        dialog.changed.connect(self.refresh)
        dialog.finished.connect(lambda _result: self.open_dialogs.remove(dialog))
        self.open_dialogs.append(dialog)
        dialog.show()
        return dialog
