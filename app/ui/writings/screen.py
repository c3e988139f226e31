"""Écrits: the list of procès-verbaux and rapports, and the form of one, from draft to signed and sent.

A draft is edited freely by its author; "Signer" asks the password again and
locks it. A signed document shows read-only: a correction is an addendum,
and the document then records its transmissions and the court's outcome.
Preview, printing and saving as PDF render the same reportlab document;
printing and saving are journaled with their motive and recipient.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from app.audit.actor import Actor
from app.errors import VigieError
from app.i18n import translate
from app.models.writings import (
    KIND_LABELS,
    OUTCOME_LABELS,
    PERSON_ROLE_LABELS,
    RECIPIENT_LABELS,
    STATUS_LABELS,
    OutcomeKind,
    PersonRole,
    RecipientKind,
    WritingKind,
    WritingStatus,
)
from app.qt import (
    QAbstractItemView,
    QBuffer,
    QByteArray,
    QComboBox,
    QDate,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QKeySequence,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPainter,
    QPlainTextEdit,
    QPushButton,
    QShortcut,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
    pdf_widgets,
    print_support,
)
from app.bootstrap import Services
from app.writings.types import OutcomeData, PersonData, TransmissionData, WritingData
from app.ui.logbook.entry import OptionalDateTime, from_qdatetime, to_qdatetime
from app.ui.logbook.model import local_time
from app.ui.messages import error_text
from app.ui.motive import MotiveDialog
from app.ui.widgets import error_label, heading, password_field, show_message


def kind_label(kind) -> str:
    return translate("writings", KIND_LABELS[WritingKind(kind)])


def status_label(status) -> str:
    return translate("writings", STATUS_LABELS[WritingStatus(status)])


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


class WritingDialog(QDialog):
    changed = Signal()

    def __init__(self, services: Services, actor: Actor, writing_id: str, parent=None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.writings = services.writings
        self.setObjectName("writingDialog")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(1000, 780)
        self.people: list[PersonData] = []
        self.header = heading("", 14)
        self.state = QLabel(self)
        self.state.setObjectName("writingState")
        self.state.setWordWrap(True)
        self.message = error_label(self)
        self.notice = QLabel(self)
        self.notice.setObjectName("writingNotice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #1f3a5f; background: #e8eef6; padding: 4px;")
        self.notice.hide()

        self.subject = QLineEdit(self)
        self.subject.setObjectName("writingSubject")
        self.occurred_at = OptionalDateTime(self)
        self.occurred_at.setObjectName("writingOccurredAt")
        self.place = QLineEdit(self)
        self.place.setObjectName("writingPlace")
        self.offence_nature = QLineEdit(self)
        self.offence_nature.setObjectName("writingOffenceNature")
        self.codes = QLineEdit(self)
        self.codes.setObjectName("writingCodes")
        self.codes.setPlaceholderText(self.tr("NATINF codes, separated by commas (search below)"))
        self.natinf_query = QLineEdit(self)
        self.natinf_query.setObjectName("natinfQuery")
        self.natinf_query.setPlaceholderText(self.tr("Search the NATINF table: a code or words (stationnement\u2026)"))
        self.natinf_query.returnPressed.connect(self.search_natinf)
        self.natinf_results = QListWidget(self)
        self.natinf_results.setObjectName("natinfResults")
        self.natinf_results.setMaximumHeight(90)
        self.natinf_results.itemActivated.connect(self._add_code)
        self.plate = QLineEdit(self)
        self.plate.setObjectName("writingPlate")
        self.assisting = QLineEdit(self)
        self.assisting.setObjectName("writingAssisting")
        self.facts = QPlainTextEdit(self)
        self.facts.setObjectName("writingFacts")
        self.facts.setTabChangesFocus(True)
        self.assessments = QPlainTextEdit(self)
        self.assessments.setObjectName("writingAssessments")
        self.assessments.setTabChangesFocus(True)
        self.handed_over_at = OptionalDateTime(self)
        self.handed_over_to = QLineEdit(self)
        self.people_list = QListWidget(self)
        self.people_list.setObjectName("writingPeople")
        self.people_list.setMaximumHeight(80)
        self.add_person_button = QPushButton(self.tr("Add a person\u2026"), self)
        self.add_person_button.clicked.connect(self.add_person)
        self.remove_person_button = QPushButton(self.tr("Remove"), self)
        self.remove_person_button.clicked.connect(self.remove_person)
        self.follow_up = QLabel(self)
        self.follow_up.setObjectName("writingFollowUp")
        self.follow_up.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Subject"), self.subject)
        form.addRow(self.tr("Date and time of the facts"), self.occurred_at)
        form.addRow(self.tr("Place"), self.place)
        form.addRow(self.tr("Nature of the offence"), self.offence_nature)
        form.addRow(self.tr("NATINF"), self.codes)
        form.addRow("", self.natinf_query)
        form.addRow("", self.natinf_results)
        form.addRow(self.tr("Vehicle plate"), self.plate)
        form.addRow(self.tr("Assisting agents"), self.assisting)
        form.addRow(self.tr("Facts (what was established)"), self.facts)
        form.addRow(self.tr("Assessments (kept apart from the facts)"), self.assessments)
        handed = QHBoxLayout()
        handed.addWidget(self.handed_over_at)
        handed.addWidget(self.handed_over_to, 1)
        form.addRow(self.tr("Person handed to an OPJ (when, to whom)"), handed)
        people_buttons = QHBoxLayout()
        people_buttons.addWidget(self.add_person_button)
        people_buttons.addWidget(self.remove_person_button)
        people_buttons.addStretch()
        people = QVBoxLayout()
        people.addWidget(self.people_list)
        people.addLayout(people_buttons)
        form.addRow(self.tr("People involved"), people)
        form.addRow(self.tr("Follow-up"), self.follow_up)

        self.save_button = QPushButton(self.tr("Save the draft (Ctrl+S)"), self)
        self.save_button.setObjectName("writingSave")
        self.save_button.clicked.connect(self.save)
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
        buttons = QHBoxLayout()
        for button in (self.save_button, self.sign_button, self.preview_button, self.pdf_button, self.print_button,
                       self.addendum_button, self.transmit_button, self.outcome_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch()

        top = QHBoxLayout()
        top.addWidget(self.header)
        top.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.state)
        layout.addWidget(self.message)
        layout.addWidget(self.notice)
        layout.addLayout(form, 1)
        layout.addLayout(buttons)
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self.save)
        self.show_document(self.writings.get(actor, writing_id))

    # -- showing ---------------------------------------------------------------------------------

    def show_document(self, document) -> None:
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
        self.subject.setText(document.subject)
        self.occurred_at.set_value(document.occurred_at)
        self.place.setText(document.place)
        self.offence_nature.setText(document.offence_nature)
        self.codes.setText(", ".join(o.code for o in document.offences))
        self.plate.setText(document.vehicle_plate)
        self.assisting.setText(document.assisting_agents)
        self.facts.setPlainText(document.facts)
        self.assessments.setPlainText(document.assessments)
        self.handed_over_at.set_value(document.handed_over_at)
        self.handed_over_to.setText(document.handed_over_to)
        self.people = [p.data() for p in document.people]
        self._show_people()
        self.follow_up.setText(self._follow_up_text(document))
        signed = document.signed
        for field in (self.subject, self.place, self.offence_nature, self.codes, self.plate, self.assisting,
                      self.handed_over_to, self.natinf_query):
            field.setReadOnly(signed)
        for box in (self.facts, self.assessments):
            box.setReadOnly(signed)
        for edit in (self.occurred_at, self.handed_over_at):
            edit.setReadOnly(signed)
        for widget in (self.save_button, self.sign_button, self.add_person_button, self.remove_person_button,
                       self.natinf_query, self.natinf_results):
            widget.setVisible(not signed)
        for button in (self.addendum_button, self.transmit_button, self.outcome_button):
            button.setVisible(signed)
        if signed:
            self.notice.setText(self.tr(
                "This document is signed: it can no longer be changed. A correction is an addendum."))
            self.notice.show()

    def _show_people(self) -> None:
        self.people_list.clear()
        for person in self.people:
            role = translate("people", PERSON_ROLE_LABELS[PersonRole(person.role)])
            QListWidgetItem(f"{role} \u2014 {person.last_name.upper()} {person.first_names}".strip(),
                            self.people_list)

    def _follow_up_text(self, document) -> str:
        lines = []
        for addendum in document.addenda:
            lines.append(self.tr("Addendum {number} of {when}").format(number=addendum.number,
                                                                       when=local_time(addendum.signed_at)))
        for sending in document.transmissions:
            lines.append(self.tr("Sent to {kind} {name} on {when} ({means})").format(
                kind=translate("writings", RECIPIENT_LABELS[RecipientKind(sending.recipient_kind)]),
                name=sending.recipient_name, when=local_time(sending.sent_at), means=sending.means))
        for outcome in document.outcomes:
            lines.append(self.tr("{kind} on {when} ({authority})").format(
                kind=translate("writings", OUTCOME_LABELS[OutcomeKind(outcome.kind)]),
                when=outcome.decided_on.strftime("%d/%m/%Y"), authority=outcome.authority))
        if document.personal_data_erased_at:
            lines.append(self.tr("Personal data of the case erased on {when}.").format(
                when=local_time(document.personal_data_erased_at)))
        return "\n".join(lines) or self.tr("(none yet)")

    # -- editing a draft ---------------------------------------------------------------------------

    def data(self) -> WritingData:
        codes = tuple(c.strip() for c in self.codes.text().replace(";", ",").split(",") if c.strip())
        return WritingData(
            subject=self.subject.text(), occurred_at=self.occurred_at.value(), place=self.place.text(),
            facts=self.facts.toPlainText(), assessments=self.assessments.toPlainText(),
            offence_nature=self.offence_nature.text(), vehicle_plate=self.plate.text(), natinf_codes=codes,
            people=tuple(self.people), legal_bases=self.document.legal_bases,
            assisting_agents=self.assisting.text(), handed_over_at=self.handed_over_at.value(),
            handed_over_to=self.handed_over_to.text(),
        )

    def save(self) -> bool:
        show_message(self.message, "")
        if self.document.signed:
            show_message(self.message, self.tr(
                "This document is signed and can no longer be changed. To correct it, write an addendum."))
            return False
        try:
            document = self.writings.update_draft(self.actor, self.document.id, self.data(),
                                                  expected_version=self.document.version)
        except VigieError as error:
            show_message(self.message, error_text(error))
            return False
        self.show_document(document)
        self.changed.emit()
        return True

    def search_natinf(self) -> None:
        self.natinf_results.clear()
        try:
            found = self.services.natinf.search(self.actor, self.natinf_query.text())
        except VigieError as error:
            show_message(self.message, error_text(error))
            return
        for offence in found:
            item = QListWidgetItem(f"{offence.code} \u2014 {offence.qualification}", self.natinf_results)
            item.setData(Qt.ItemDataRole.UserRole, offence.code)

    def _add_code(self, item: QListWidgetItem) -> None:
        if self.document.signed:
            return
        code = item.data(Qt.ItemDataRole.UserRole)
        codes = [c.strip() for c in self.codes.text().split(",") if c.strip()]
        if code not in codes:
            codes.append(code)
        self.codes.setText(", ".join(codes))

    def add_person(self):
        dialog = WritingPersonDialog(self)
        dialog.accepted.connect(lambda: self._person_added(dialog.person()))
        self.person_dialog = dialog
        dialog.open()
        return dialog

    def _person_added(self, person: PersonData) -> None:
        self.people.append(person)
        self._show_people()

    def remove_person(self) -> None:
        row = self.people_list.currentRow()
        if 0 <= row < len(self.people):
            del self.people[row]
            self._show_people()

    # -- signing, addenda ---------------------------------------------------------------------------

    def start_signing(self):
        if not self.save():
            return None
        dialog = PasswordDialog(self.tr("Sign the document"), self.tr(
            "Signing locks the document: it can no longer be changed, only corrected by an addendum. "
            "Type your password to sign."), self)
        dialog.accepted.connect(lambda: self._sign(dialog.password.text()))
        self.password_dialog = dialog
        dialog.open()
        return dialog

    def _sign(self, password: str) -> None:
        try:
            document = self.writings.sign(self.actor, self.document.id, password)
        except VigieError as error:
            show_message(self.message, error_text(error))
            return
        show_message(self.message, "")
        self.show_document(document)
        self.changed.emit()

    def start_addendum(self):
        dialog = AddendumDialog(self)
        dialog.accepted.connect(lambda: self._add_addendum(dialog.text.toPlainText(), dialog.password.text()))
        self.addendum_dialog = dialog
        dialog.open()
        return dialog

    def _add_addendum(self, text: str, password: str) -> None:
        try:
            self.writings.add_addendum(self.actor, self.document.id, text, password)
        except VigieError as error:
            show_message(self.message, error_text(error))
            return
        self.show_document(self.writings.get(self.actor, self.document.id))
        self.changed.emit()

    # -- transmissions and outcomes ---------------------------------------------------------------

    def start_transmission(self):
        dialog = TransmissionDialog(self.services.station.clock.now(), self)
        dialog.accepted.connect(lambda: self._transmit(dialog.sending()))
        self.transmission_dialog = dialog
        dialog.open()
        return dialog

    def _transmit(self, sending: TransmissionData) -> None:
        try:
            document = self.writings.record_transmission(self.actor, self.document.id, sending,
                                                         motive=self.tr("Transmission of the procedure"))
        except VigieError as error:
            show_message(self.message, error_text(error))
            return
        self.show_document(document)
        self.changed.emit()

    def start_outcome(self):
        dialog = OutcomeDialog(self.services.station.clock.now().astimezone().date(), self)
        dialog.accepted.connect(lambda: self._record_outcome(dialog.outcome()))
        self.outcome_dialog = dialog
        dialog.open()
        return dialog

    def _record_outcome(self, outcome: OutcomeData) -> None:
        try:
            document = self.writings.record_outcome(self.actor, self.document.id, outcome)
        except VigieError as error:
            show_message(self.message, error_text(error))
            return
        self.show_document(document)
        self.changed.emit()

    # -- preview, PDF, printing ---------------------------------------------------------------------

    def show_preview(self):
        try:
            data = self.writings.preview(self.actor, self.document.id, translate=translate)
        except VigieError as error:
            show_message(self.message, error_text(error))
            return None
        viewer = PdfPreview(data, self.windowTitle(), self)
        self.preview = viewer
        viewer.show()
        return viewer

    def start_output(self, how: str):
        """Ask the motive and the recipient, then where to save (PDF) or which printer."""
        motives = self.services.settings.get("motives")
        title = self.tr("Print the document") if how == "print" else self.tr("Save the document as PDF")
        dialog = MotiveDialog(title, motives, required=False, ask_recipient=False, parent=self)
        dialog.setObjectName("writingOutputMotive")
        dialog.accepted.connect(lambda: self._output(how, dialog.motive))
        self.motive_dialog = dialog
        dialog.open()
        return dialog

    def _output(self, how: str, motive: str) -> None:
        if how == "pdf":
            name = f"{self.document.number.replace('/', '-')}.pdf"
            dialog = QFileDialog(self, self.tr("Save as PDF"), str(Path.home() / name))
            dialog.setObjectName("writingPdfFile")
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
            dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
            dialog.setDefaultSuffix("pdf")
            dialog.fileSelected.connect(lambda path: self.save_pdf(path, motive))
            self.file_dialog = dialog
            dialog.open()
            return
        self.print_on_paper(motive)

    def save_pdf(self, path: str, motive: str, recipient: str = "") -> bool:
        try:
            result = self.writings.print_to(self.actor, self.document.id, path, motive, recipient,
                                            translate=translate)
        except VigieError as error:
            show_message(self.message, error_text(error))
            return False
        show_message(self.message, "")
        self.notice.setText(self.tr("Saved: {path} ({pages} pages). The export is written in the access journal.")
                            .format(path=result.path, pages=result.pages))
        self.notice.show()
        return True

    def print_on_paper(self, motive: str) -> None:
        """The system's print dialog; the pages printed are those of the PDF, journaled as a print."""
        printer_class, dialog_class = print_support()
        printer = printer_class(printer_class.PrinterMode.HighResolution)
        dialog = dialog_class(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            data = self.writings.print_bytes(self.actor, self.document.id, motive, translate=translate)
        except VigieError as error:
            show_message(self.message, error_text(error))
            return
        document_class, _view = pdf_widgets()
        pdf = document_class(self)
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QBuffer.OpenModeFlag.ReadOnly)
        pdf.load(buffer)
        painter = QPainter(printer)
        for page in range(pdf.pageCount()):
            if page:
                printer.newPage()
            target = painter.viewport().size()
            image = pdf.render(page, target)
            painter.drawImage(0, 0, image)
        painter.end()


class PdfPreview(QDialog):
    """The PDF as it will print, inside Vigie (nothing written to disk)."""

    def __init__(self, data: bytes, title: str, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPreview")
        self.setWindowTitle(title)
        self.resize(820, 900)
        document_class, view_class = pdf_widgets()
        self.buffer = QBuffer(self)
        self.buffer.setData(QByteArray(data))
        self.buffer.open(QBuffer.OpenModeFlag.ReadOnly)
        self.pdf = document_class(self)
        self.pdf.load(self.buffer)
        self.view = view_class(self)
        self.view.setPageMode(view_class.PageMode.MultiPage)
        self.view.setZoomMode(view_class.ZoomMode.FitToWidth)
        self.view.setDocument(self.pdf)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)

    @property
    def page_count(self) -> int:
        return self.pdf.pageCount()


class PasswordDialog(QDialog):
    def __init__(self, title: str, text: str, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("signDialog")
        self.setWindowTitle(title)
        intro = QLabel(text, self)
        intro.setWordWrap(True)
        self.password = password_field(self)
        self.password.setObjectName("signPassword")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.submit = buttons.addButton(self.tr("Sign"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.submit.setObjectName("submit")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.password)
        layout.addWidget(buttons)


class AddendumDialog(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("addendumDialog")
        self.setWindowTitle(self.tr("Addendum"))
        self.resize(620, 420)
        intro = QLabel(self.tr("The addendum corrects or completes the signed document; it is numbered and signed "
                               "with your password."), self)
        intro.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("addendumText")
        self.password = password_field(self)
        self.password.setObjectName("addendumPassword")
        form = QFormLayout()
        form.addRow(self.tr("Text"), self.text)
        form.addRow(self.tr("Your password"), self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.submit = buttons.addButton(self.tr("Sign the addendum"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.submit.setObjectName("submit")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)


class TransmissionDialog(QDialog):
    def __init__(self, now: datetime, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("transmissionDialog")
        self.setWindowTitle(self.tr("Record a transmission"))
        self.kind = QComboBox(self)
        self.kind.setObjectName("recipientKind")
        for kind in RecipientKind:
            self.kind.addItem(translate("writings", RECIPIENT_LABELS[kind]), str(kind))
        self.name = QLineEdit(self)
        self.name.setObjectName("recipientName")
        self.name.setPlaceholderText(self.tr("e.g. OPJ of the gendarmerie of Montclair, parquet of Poitiers"))
        self.sent_at = QDateTimeEdit(to_qdatetime(now), self)
        self.sent_at.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.sent_at.setCalendarPopup(True)
        self.means = QComboBox(self)
        self.means.setObjectName("transmissionMeans")
        self.means.setEditable(True)
        for means in (self.tr("e-mail"), self.tr("handed in person"), self.tr("post"), self.tr("fax")):
            self.means.addItem(means)
        form = QFormLayout()
        form.addRow(self.tr("Recipient"), self.kind)
        form.addRow(self.tr("Name, service"), self.name)
        form.addRow(self.tr("Sent on"), self.sent_at)
        form.addRow(self.tr("Means"), self.means)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def sending(self) -> TransmissionData:
        return TransmissionData(RecipientKind(self.kind.currentData()), self.name.text().strip(),
                                from_qdatetime(self.sent_at.dateTime()), self.means.currentText().strip())


class OutcomeDialog(QDialog):
    def __init__(self, today: date, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("outcomeDialog")
        self.setWindowTitle(self.tr("Court outcome"))
        self.kind = QComboBox(self)
        self.kind.setObjectName("outcomeKind")
        for kind in OutcomeKind:
            self.kind.addItem(translate("writings", OUTCOME_LABELS[kind]), str(kind))
        self.decided_on = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.decided_on.setDisplayFormat("dd/MM/yyyy")
        self.decided_on.setCalendarPopup(True)
        self.authority = QLineEdit(self)
        self.authority.setObjectName("outcomeAuthority")
        self.detail = QLineEdit(self)
        self.codes = QLineEdit(self)
        self.codes.setObjectName("outcomeCodes")
        self.codes.setPlaceholderText(self.tr("for a requalification: the new NATINF codes"))
        note = QLabel(self.tr("An acquittal, a dismissal (classement sans suite) or a non-lieu erases the personal "
                              "data of the case at once."), self)
        note.setWordWrap(True)
        note.setStyleSheet("color: #8a5a00;")
        form = QFormLayout()
        form.addRow(self.tr("Decision"), self.kind)
        form.addRow(self.tr("Decided on"), self.decided_on)
        form.addRow(self.tr("Court or office"), self.authority)
        form.addRow(self.tr("Details"), self.detail)
        form.addRow(self.tr("New NATINF codes"), self.codes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def outcome(self) -> OutcomeData:
        day = self.decided_on.date()
        codes = tuple(c.strip() for c in self.codes.text().split(",") if c.strip())
        return OutcomeData(OutcomeKind(self.kind.currentData()), date(day.year(), day.month(), day.day()),
                           self.authority.text().strip(), self.detail.text().strip(), codes)


class WritingPersonDialog(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("writingPersonDialog")
        self.setWindowTitle(self.tr("Person involved"))
        self.setMinimumWidth(520)
        self.role = QComboBox(self)
        self.role.setObjectName("writingPersonRole")
        for role in PersonRole:
            self.role.addItem(translate("people", PERSON_ROLE_LABELS[role]), str(role))
        self.fields = {}
        form = QFormLayout()
        form.addRow(self.tr("Role"), self.role)
        for key, label in (("last_name", self.tr("Last name")), ("first_names", self.tr("First names")),
                           ("birth_place", self.tr("Born in")), ("address", self.tr("Address")),
                           ("identity_document", self.tr("Identity document")),
                           ("profession", self.tr("Profession")), ("contact", self.tr("Contact"))):
            field = QLineEdit(self)
            field.setObjectName(f"writingPerson_{key}")
            self.fields[key] = field
            form.addRow(label, field)
        self.birth_date = QDateEdit(self)
        self.birth_date.setDisplayFormat("dd/MM/yyyy")
        self.birth_date.setMinimumDate(QDate(1900, 1, 1))
        self.birth_date.setSpecialValueText(" ")
        self.birth_date.setDate(self.birth_date.minimumDate())
        form.addRow(self.tr("Born on"), self.birth_date)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def person(self) -> PersonData:
        born = self.birth_date.date()
        birth = None if born <= self.birth_date.minimumDate() else date(born.year(), born.month(), born.day())
        values = {key: field.text().strip() for key, field in self.fields.items()}
        return PersonData(role=PersonRole(self.role.currentData()), birth_date=birth, **values)

