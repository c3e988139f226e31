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
    QColor,
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
from app.writings.types import NumberGap, WritingRow
from app.ui.dates import local_time
from app.ui.forms import Jobs
from app.ui.messages import error_text
from app.ui.tasks import TaskManager
from app.ui.widgets import error_label, heading, show_message
from app.ui.writings.document import WritingDialog
from app.ui.writings.labels import erasure_label, kind_label, status_label


class WritingsPage(QWidget):
    """Every document of the service, newest first; Enter opens one.

    A signed document that no longer matches its signature shows "contenu altéré" in red; a
    number of the sequence that no document bears shows in its place, missing or voided.
    """

    def __init__(self, services: Services, actor: Actor, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.tasks = tasks
        self.writings = services.writings
        self.loaded = False
        self.rows: list[WritingRow | NumberGap] = []
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
        self.table.activated.connect(lambda index: self._activated(index.row()))
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
        self.jobs.run_latest("documents", lambda: (writings.documents(actor), writings.number_gaps(actor)),
                             lambda found: self._show_rows(*found))

    def _show_rows(self, documents: list[WritingRow], gaps: list[NumberGap] | None = None) -> None:
        self.rows = _in_sequence(documents, gaps or [])
        self.table.setRowCount(len(self.rows))
        for row, item in enumerate(self.rows):
            cells = self._gap_cells(item) if isinstance(item, NumberGap) else self._document_cells(item)
            for column, cell in enumerate(cells):
                self.table.setItem(row, column, cell)

    def _document_cells(self, document: WritingRow) -> list[QTableWidgetItem]:
        moment = document.signed_at or document.occurred_at or document.created_at
        status = status_label(document.status)
        if document.altered:
            status = self.tr("{status}: content altered").format(status=status)
        subject = document.subject
        if document.personal_data_erased_at is not None and not subject:
            subject = erasure_label(document.personal_data_erased_at, document.erased_by)
        cells = [QTableWidgetItem(text) for text in (document.number, kind_label(document.kind), status,
                                                     local_time(moment), subject, document.author_name)]
        if subject is not document.subject:
            cells[4].setForeground(QColor("#6b6b6b"))
        if document.altered:
            why = self.tr("This signed document no longer matches its signature: it was changed outside Vigie. "
                          "It is neither shown nor printed; have it examined.")
            for cell in cells:
                cell.setForeground(QColor("#b00020"))
                cell.setToolTip(why)
        return cells

    def _gap_cells(self, gap: NumberGap) -> list[QTableWidgetItem]:
        if gap.voided:
            texts = (gap.number, "", self.tr("Number voided"), local_time(gap.voided_at) if gap.voided_at else "",
                     gap.reason, "")
        else:
            texts = (gap.number, "", self.tr("Number missing"), "",
                     self.tr("No document of this station bears this number"), "")
        cells = [QTableWidgetItem(text) for text in texts]
        for cell in cells:
            cell.setForeground(QColor("#6b6b6b"))
        return cells

    def _activated(self, row: int) -> None:
        item = self.rows[row]
        if isinstance(item, WritingRow):
            self.open_document(item.id)

    def new_document(self, kind: str, from_entry: str | None = None) -> None:
        """A new document's form (the last of `open_dialogs`): recorded, and numbered, at its first save.
        From a main courante entry, the draft is made at once, prefilled, then opened."""
        if from_entry is None:
            self.open_document(None, kind)
            return
        writings, actor = self.writings, self.actor
        self.jobs.run(lambda: writings.create_draft(actor, WritingKind(kind), from_entry=from_entry),
                      lambda detail: self._created(detail.id))

    def _created(self, writing_id: str) -> None:
        self.stale.start()
        self.open_document(writing_id)

    def open_document(self, writing_id: str | None, kind: str | None = None) -> WritingDialog:
        dialog = WritingDialog(self.services, self.actor, self.tasks, writing_id, self, kind=kind)
        dialog.changed.connect(self.stale.start)
        dialog.finished.connect(lambda _result: self._forget(dialog))
        self.open_dialogs.append(dialog)
        dialog.show()
        return dialog

    def _forget(self, dialog: WritingDialog) -> None:
        if dialog in self.open_dialogs:
            self.open_dialogs.remove(dialog)
        dialog.deleteLater()


def _in_sequence(documents: list[WritingRow], gaps: list[NumberGap]) -> list[WritingRow | NumberGap]:
    """The documents as listed (newest first), each gap placed before the first document numbered below it."""
    def key(number: str) -> tuple[int, int]:
        year, _, serial = number.partition("/")
        return (int(year), int(serial)) if year.isdigit() and serial.isdigit() else (0, 0)

    waiting = sorted(gaps, key=lambda gap: (gap.year, gap.serial), reverse=True)
    merged: list[WritingRow | NumberGap] = []
    for document in documents:
        while waiting and (waiting[0].year, waiting[0].serial) > key(document.number):
            merged.append(waiting.pop(0))
        merged.append(document)
    return merged + waiting
