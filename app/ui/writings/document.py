"""The form of one procès-verbal or rapport: a draft edited freely, then signed and read-only.

A signed document is corrected by an addendum; it then records its
transmissions and the court's outcome (see follow_up), and is previewed,
printed or saved as PDF (see output).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields

from app.audit.actor import Actor
from app.models.writings import WritingKind
from app.qt import (
    QDialog,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QShortcut,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from app.bootstrap import Services
from app.writings.types import PersonData, WritingData, WritingDetail
from app.ui.dates import first_problem, local_time
from app.ui.messages import error_text
from app.ui.forms import Jobs, PersonDialog, ask_to_drop
from app.ui.widgets import fit_to_screen, scrolled, show_message
from app.ui.writings.fields import WritingFields
from app.ui.writings.follow_up import WritingFollowUp
from app.ui.writings.labels import kind_label, status_label
from app.ui.writings.output import WritingOutput
from app.ui.tasks import TaskManager


class WritingDialog(WritingFields, WritingFollowUp, WritingOutput, QDialog):
    changed = Signal()

    def __init__(self, services: Services, actor: Actor, tasks: TaskManager, writing_id: str | None,
                 parent: QWidget | None = None, kind: str | None = None) -> None:
        """The document *writing_id*, or (None) a new one of *kind*, recorded and numbered at its first save."""
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.tasks = tasks
        self.writings = services.writings
        self.document: WritingDetail | None = None
        self.kind = kind
        self.saving = False
        self.dirty = False
        self._filling = False
        self.jobs = Jobs(tasks, self, lambda error: show_message(self.message, error_text(error)))
        self.setObjectName("writingDialog")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        fit_to_screen(self, 1000, 780)
        self.people: list[PersonData] = []
        self._build_fields()
        self.altered_banner = QLabel(self.tr("Content altered: this document no longer matches its signature"),
                                     self)
        self.altered_banner.setObjectName("writingAltered")
        self.altered_banner.setWordWrap(True)
        self.altered_banner.setStyleSheet("color: white; background: #b00020; font-weight: bold; padding: 6px;")
        self.altered_banner.hide()
        form = self._build_form()
        buttons = self._build_buttons()
        top = QHBoxLayout()
        top.addWidget(self.header)
        top.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.state)
        layout.addWidget(self.message)
        layout.addWidget(self.altered_banner)
        layout.addWidget(self.notice)
        layout.addWidget(scrolled(form, self), 1)
        layout.addWidget(self.busy)
        layout.addLayout(buttons)
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self.save)
        self._watch_edits()
        if writing_id is None:
            self._show_new()
            return
        self.setEnabled(False)  # until the document is read
        writings = self.writings
        self.jobs.run(lambda: writings.get(actor, writing_id), self._loaded)

    @property
    def is_busy(self) -> bool:
        return self.jobs.running > 0

    def _loaded(self, document: WritingDetail) -> None:
        self.setEnabled(True)
        self.show_document(document)
        self.subject.setFocus()

    def _watch_edits(self) -> None:
        """Every edit a person makes marks the form changed: Escape then asks before dropping it."""
        for field in self.line_fields():
            field.textEdited.connect(self._edited)
        for box in (self.facts, self.assessments):
            box.textChanged.connect(self._edited)

    def _edited(self, *_args: object) -> None:
        if not self._filling:
            self.dirty = True

    def _build_buttons(self) -> QHBoxLayout:
        self.save_button = QPushButton(self.tr("Save the draft (Ctrl+S)"), self)
        self.save_button.setObjectName("writingSave")
        self.save_button.clicked.connect(lambda: self.save())  # not clicked(bool)'s False as *then*
        self.sign_button = QPushButton(self.tr("Sign\u2026"), self)
        self.sign_button.setObjectName("writingSign")
        self.sign_button.clicked.connect(self.start_signing)
        self.preview_button = QPushButton(self.tr("Preview"), self)
        self.preview_button.setObjectName("writingPreview")
        self.preview_button.clicked.connect(self.show_preview)
        self.pdf_button = QPushButton(self.tr("Save as PDF\u2026"), self)
        self.pdf_button.setObjectName("writingPdf")
        self.pdf_button.clicked.connect(lambda: self.start_output("pdf"))
        self.print_button = QPushButton(self.tr("Print\u2026"), self)
        self.print_button.setObjectName("writingPrint")
        self.print_button.clicked.connect(lambda: self.start_output("print"))
        self.addendum_button = QPushButton(self.tr("Addendum\u2026"), self)
        self.addendum_button.setObjectName("writingAddendum")
        self.addendum_button.clicked.connect(self.start_addendum)
        self.transmit_button = QPushButton(self.tr("Record a transmission\u2026"), self)
        self.transmit_button.setObjectName("writingTransmit")
        self.transmit_button.clicked.connect(self.start_transmission)
        self.outcome_button = QPushButton(self.tr("Court outcome\u2026"), self)
        self.outcome_button.setObjectName("writingOutcome")
        self.outcome_button.clicked.connect(self.start_outcome)
        self.delete_button = QPushButton(self.tr("Delete the draft…"), self)
        self.delete_button.setObjectName("writingDelete")
        self.delete_button.clicked.connect(self.ask_delete)
        buttons = QHBoxLayout()
        for button in (self.save_button, self.sign_button, self.preview_button, self.pdf_button, self.print_button,
                       self.addendum_button, self.transmit_button, self.outcome_button, self.delete_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch()
        return buttons

    # -- showing ---------------------------------------------------------------------------------

    def _show_new(self) -> None:
        assert self.kind is not None  # a new document is of a kind
        title = self.tr("New {kind}").format(kind=kind_label(self.kind))
        self.setWindowTitle(title)
        self.header.setText(title)
        self.state.setText(self.tr("Not recorded yet: the document takes its number when it is first saved."))
        self.follow_up.setText(self.tr("(none yet)"))
        for button in (self.preview_button, self.pdf_button, self.print_button, self.addendum_button,
                       self.transmit_button, self.outcome_button, self.delete_button):
            button.setVisible(False)

    def show_document(self, document: WritingDetail) -> None:
        self.document = document
        self.setWindowTitle(f"{kind_label(document.kind)} {document.number}")
        self.header.setText(f"{kind_label(document.kind)} n\u00b0 {document.number}")
        state = self.tr("{status} \u2014 by {grade} {name}, matricule {matricule}").format(
            status=status_label(document.status), grade=document.author_grade, name=document.author_name,
            matricule=document.author_matricule)
        if document.signed:
            state += "\n" + self.tr("Signed on {when}; content hash {hash}").format(
                when=local_time(document.signed_at), hash=document.content_hash)
        if document.logbook_number:
            state += "\n" + self.tr("From the main courante entry {number}").format(number=document.logbook_number)
        self.state.setText(state)
        self._filling = True
        try:
            self.fill(document)
        finally:
            self._filling = False
        self.dirty = False
        signed = document.signed
        self.lock_fields(signed)
        for widget in (self.save_button, self.sign_button, self.add_person_button, self.remove_person_button,
                       self.natinf_query, self.natinf_results, self.delete_button):
            widget.setVisible(not signed)
        # A document that no longer matches its signature is neither previewed nor printed: it is examined.
        self.altered_banner.setVisible(document.altered)
        for button in (self.preview_button, self.pdf_button, self.print_button):
            button.setVisible(True)
            button.setEnabled(not document.altered)
        for button in (self.addendum_button, self.transmit_button, self.outcome_button):
            button.setVisible(signed)
        if signed:
            self.notice.setText(self.tr(
                "This document is signed: it can no longer be changed. A correction is an addendum."))
            self.notice.show()

    # -- editing a draft ---------------------------------------------------------------------------

    def save(self, then: Callable[[], object] | None = None) -> bool:
        """Ctrl+S: the draft saved in the background (*then* runs once it is); False when nothing started."""
        show_message(self.message, "")
        if (self.document is None and self.kind is None) or self.saving:
            return False
        if self.document is not None and self.document.signed:
            show_message(self.message, self.tr(
                "This document is signed and can no longer be changed. To correct it, write an addendum."))
            return False
        unreadable = first_problem((self.occurred_at, self.handed_over_at))
        if unreadable is not None:
            unreadable[0].setFocus()
            show_message(self.message, unreadable[1])
            return False
        writings, actor, data = self.writings, self.actor, self.data()
        if self.document is None:
            if not _typed(data):
                show_message(self.message, self.tr("Type the document before saving it: an empty draft takes no "
                                                   "number."))
                return False
            assert self.kind is not None  # a form is of a document or of a kind
            kind = WritingKind(self.kind)
            work: Callable[[], WritingDetail] = lambda: writings.create_draft(actor, kind, data)
        else:
            writing_id, version = self.document.id, self.document.version
            work = lambda: writings.update_draft(actor, writing_id, data, expected_version=version)

        def saved(document: WritingDetail) -> None:
            self._set_saving(False)
            self.show_document(document)
            self.changed.emit()
            if then is not None:
                then()

        def failed(error: Exception) -> None:
            self._set_saving(False)
            show_message(self.message, error_text(error))

        self._set_saving(True)
        self.jobs.run(work, saved, failed)
        return True

    def _set_saving(self, saving: bool) -> None:
        self.saving = saving
        for button in (self.save_button, self.sign_button):
            button.setEnabled(not saving)

    def search_natinf(self) -> None:
        natinf, actor, query = self.services.natinf, self.actor, self.natinf_query.text()
        self.natinf_results.clear()
        self.jobs.run_latest("natinf", lambda: natinf.search(actor, query),
                             lambda found: self._show_natinf(query, found))

    def _show_natinf(self, query: str, found: list) -> None:
        for offence in found:
            item = QListWidgetItem(f"{offence.code} \u2014 {offence.qualification}", self.natinf_results)
            item.setData(Qt.ItemDataRole.UserRole, offence.code)
        if not found and query.strip():  # an empty list looked like a search that had not run
            none = QListWidgetItem(self.tr("No offence of the loaded NATINF table matches \u201c{query}\u201d.")
                                   .format(query=query.strip()), self.natinf_results)
            none.setFlags(Qt.ItemFlag.NoItemFlags)
        if found:  # Enter in the search, then Enter on a result adds its code
            self.natinf_results.setCurrentRow(0)
            self.natinf_results.setFocus()

    def _add_code(self, item: QListWidgetItem) -> None:
        if self.document is not None and self.document.signed:
            return
        code = item.data(Qt.ItemDataRole.UserRole)
        codes = [c.strip() for c in self.codes.text().split(",") if c.strip()]
        if code not in codes:
            codes.append(code)
        self.codes.setText(", ".join(codes))
        self.dirty = True

    def add_person(self) -> PersonDialog:
        dialog = PersonDialog(PersonData, extra=("identity_document", "profession"), parent=self)
        dialog.accepted.connect(lambda: self._person_added(dialog.person()))
        self.person_dialog = dialog
        dialog.open()
        return dialog

    def _person_added(self, person: PersonData) -> None:
        self.people.append(person)
        self._show_people()
        self.dirty = True

    def remove_person(self) -> None:
        row = self.people_list.currentRow()
        if 0 <= row < len(self.people):
            del self.people[row]
            self._show_people()
            self.dirty = True

    # -- leaving, deleting ----------------------------------------------------------------------------

    def reject(self) -> None:
        """Escape: a change not saved is asked about first (a signed document has none)."""
        if not self.dirty or (self.document is not None and self.document.signed):
            super().reject()
            return
        self.drop_question = ask_to_drop(self, self.tr("Leave this document without saving what you typed?"),
                                         super().reject)

    def ask_delete(self) -> QMessageBox:
        """'Delete the draft?', asked without blocking; yes deletes it and voids its number."""
        assert self.document is not None  # the button shows on a recorded draft only
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Delete the draft"), self.tr(
            "Delete the draft {number}? What it holds is lost, and its number is voided: it will not be given "
            "again.").format(number=self.document.number),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("deleteDraft")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        yes = box.button(QMessageBox.StandardButton.Yes)
        box.finished.connect(lambda _answer: self._delete() if box.clickedButton() is yes else None)
        self.delete_question = box
        box.open()
        return box

    def _delete(self) -> None:
        assert self.document is not None
        writings, actor = self.writings, self.actor
        writing_id, version = self.document.id, self.document.version

        def deleted(_number: str) -> None:
            self.dirty = False
            self.changed.emit()
            self.done(QDialog.DialogCode.Rejected)

        self.jobs.run(lambda: writings.delete_draft(actor, writing_id, expected_version=version), deleted)

    # -- signing, addenda ---------------------------------------------------------------------------


def _typed(data: WritingData) -> bool:
    """Whether anything was typed in a new document (the template's legal bases are not typing)."""
    values = [getattr(data, field.name) for field in fields(data) if field.name != "legal_bases"]
    return any(value.strip() if isinstance(value, str) else bool(value) for value in values)
