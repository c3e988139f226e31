"""What follows a signature: signing itself, addenda, transmissions and the court's outcome."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, ClassVar

from app.i18n import translate
from app.models.writings import OUTCOME_LABELS, RECIPIENT_LABELS, OutcomeKind, RecipientKind
from app.qt import QComboBox, QLabel, QLineEdit, QPlainTextEdit, Signal
from app.writings.types import OutcomeData, TransmissionData, WritingDetail
from app.ui.dates import DateField, DateTimeField
from app.ui.forms import FormDialog, Jobs
from app.ui.widgets import DialogPart, password_field, show_message

if TYPE_CHECKING:
    from app.audit.actor import Actor
    from app.bootstrap import Services
    from app.writings.service import WritingsService

    # What the part calls of WritingDialog. Declared for the type checker only, outside the class: an `if` in a
    # class body hides the strings of the module's classes from lupdate.
    class _WritingForm(DialogPart):
        def save(self, then: Callable[[], object] | None = None) -> bool: ...
        def show_document(self, document: WritingDetail) -> None: ...
else:
    _WritingForm = DialogPart


class WritingFollowUp(_WritingForm):
    """Part of WritingDialog: signing, addenda, transmissions, outcomes, each saved in the background."""

    services: Services
    actor: Actor
    writings: WritingsService
    jobs: Jobs
    document: WritingDetail | None  # read before the form is enabled: there once a button can be pressed
    message: QLabel
    changed: ClassVar[Signal]

    def start_signing(self) -> None:
        """The draft is saved first; the password is asked once it is (the dialog is `self.password_dialog`)."""
        self.save(then=self._ask_password)

    def _ask_password(self) -> PasswordDialog:
        dialog = PasswordDialog(self.tr("Sign the document"), self.tr(
            "Signing locks the document: it can no longer be changed, only corrected by an addendum. "
            "Type your password to sign."), self)
        dialog.accepted.connect(lambda: self._sign(dialog.password.text()))
        self.password_dialog = dialog
        dialog.open()
        return dialog

    def _sign(self, password: str) -> None:
        assert self.document is not None  # signing follows a save, which needs the document
        writings, actor, writing_id = self.writings, self.actor, self.document.id
        self._record(lambda: writings.sign(actor, writing_id, password))

    def _record(self, work: Callable[[], WritingDetail]) -> None:
        """A change of the document, in the background; the form shows the document it returns."""
        def done(document: WritingDetail) -> None:
            show_message(self.message, "")
            self.show_document(document)
            self.changed.emit()

        self.jobs.run(work, done)

    def start_addendum(self) -> AddendumDialog:
        dialog = AddendumDialog(self)
        dialog.accepted.connect(lambda: self._add_addendum(dialog.text.toPlainText(), dialog.password.text()))
        self.addendum_dialog = dialog
        dialog.open()
        return dialog

    def _add_addendum(self, text: str, password: str) -> None:
        assert self.document is not None  # the addendum button shows on a signed document only
        writings, actor, writing_id = self.writings, self.actor, self.document.id

        def work() -> WritingDetail:
            writings.add_addendum(actor, writing_id, text, password)
            return writings.get(actor, writing_id)

        self._record(work)

    # -- transmissions and outcomes ---------------------------------------------------------------

    def start_transmission(self) -> TransmissionDialog:
        dialog = TransmissionDialog(self.services.station.clock.now(), self)
        dialog.accepted.connect(lambda: self._transmit(dialog.sending()))
        self.transmission_dialog = dialog
        dialog.open()
        return dialog

    def _transmit(self, sending: TransmissionData) -> None:
        assert self.document is not None  # the transmission button shows on a signed document only
        writings, actor, writing_id = self.writings, self.actor, self.document.id
        motive = self.tr("Transmission of the procedure")
        self._record(lambda: writings.record_transmission(actor, writing_id, sending, motive=motive))

    def start_outcome(self) -> OutcomeDialog:
        dialog = OutcomeDialog(self.services.station.clock.now().astimezone().date(), self)
        dialog.accepted.connect(lambda: self._record_outcome(dialog.outcome()))
        self.outcome_dialog = dialog
        dialog.open()
        return dialog

    def _record_outcome(self, outcome: OutcomeData) -> None:
        assert self.document is not None  # the outcome button shows on a signed document only
        writings, actor, writing_id = self.writings, self.actor, self.document.id
        self._record(lambda: writings.record_outcome(actor, writing_id, outcome))


class PasswordDialog(FormDialog):
    """The author's password, typed again to sign."""

    def __init__(self, title: str, text: str, parent=None) -> None:
        super().__init__(parent=parent, ok_text=self.tr("Sign"))
        self.setObjectName("signDialog")
        self.setWindowTitle(title)
        intro = QLabel(text, self)
        intro.setWordWrap(True)
        self.body.insertWidget(0, intro)
        self.password = password_field(self)
        self.password.setObjectName("signPassword")
        self.form.addRow(self.tr("Your password"), self.password)  # not a change to keep: Escape just leaves
        self.submit = self.ok_button
        self.submit.setObjectName("submit")


class AddendumDialog(FormDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent=parent, ok_text=self.tr("Sign the addendum"))
        self.setObjectName("addendumDialog")
        self.setWindowTitle(self.tr("Addendum"))
        self.resize(620, 420)
        intro = QLabel(self.tr("The addendum corrects or completes the signed document; it is numbered and signed "
                               "with your password."), self)
        intro.setWordWrap(True)
        self.body.insertWidget(0, intro)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("addendumText")
        self.text.setTabChangesFocus(True)
        self.row(self.tr("Text"), self.text, "text")
        self.password = password_field(self)
        self.password.setObjectName("addendumPassword")
        self.form.addRow(self.tr("Your password"), self.password)
        self.submit = self.ok_button
        self.submit.setObjectName("submit")


class TransmissionDialog(FormDialog):
    def __init__(self, now: datetime, parent=None) -> None:
        super().__init__(parent=parent)
        self.setObjectName("transmissionDialog")
        self.setWindowTitle(self.tr("Record a transmission"))
        self.kind = QComboBox(self)
        self.kind.setObjectName("recipientKind")
        for kind in RecipientKind:
            self.kind.addItem(translate("writings", RECIPIENT_LABELS[kind]), str(kind))
        self.name = QLineEdit(self)
        self.name.setObjectName("recipientName")
        self.name.setPlaceholderText(self.tr("e.g. OPJ of the gendarmerie of Montclair, parquet of Poitiers"))
        self.sent_at = DateTimeField(self, optional=False, value=now)
        self.sent_at.setObjectName("transmissionSentAt")
        self.means = QComboBox(self)
        self.means.setObjectName("transmissionMeans")
        self.means.setEditable(True)
        for means in (self.tr("e-mail"), self.tr("handed in person"), self.tr("post"), self.tr("fax")):
            self.means.addItem(means)
        self.row(self.tr("Recipient"), self.kind, "recipient_kind")
        self.row(self.tr("Name, service"), self.name, "recipient_name")
        self.row(self.tr("Sent on"), self.sent_at, "sent_at")
        self.row(self.tr("Means"), self.means, "means")

    def sending(self) -> TransmissionData:
        sent_at = self.sent_at.value()
        assert sent_at is not None  # a required field: the dialog is accepted once it reads
        return TransmissionData(RecipientKind(self.kind.currentData()), self.name.text().strip(), sent_at,
                                self.means.currentText().strip())


class OutcomeDialog(FormDialog):
    def __init__(self, today: date, parent=None) -> None:
        super().__init__(parent=parent)
        self.setObjectName("outcomeDialog")
        self.setWindowTitle(self.tr("Court outcome"))
        self.kind = QComboBox(self)
        self.kind.setObjectName("outcomeKind")
        for kind in OutcomeKind:
            self.kind.addItem(translate("writings", OUTCOME_LABELS[kind]), str(kind))
        self.decided_on = DateField(self, optional=False, value=today)
        self.decided_on.setObjectName("outcomeDecidedOn")
        self.authority = QLineEdit(self)
        self.authority.setObjectName("outcomeAuthority")
        self.detail = QLineEdit(self)
        self.detail.setObjectName("outcomeDetail")
        self.codes = QLineEdit(self)
        self.codes.setObjectName("outcomeCodes")
        self.codes.setPlaceholderText(self.tr("for a requalification: the new NATINF codes"))
        note = QLabel(self.tr("An acquittal, a dismissal (classement sans suite) or a non-lieu erases the personal "
                              "data of the case at once."), self)
        note.setWordWrap(True)
        note.setStyleSheet("color: #8a5a00;")
        self.row(self.tr("Decision"), self.kind, "kind")
        self.row(self.tr("Decided on"), self.decided_on, "decided_on")
        self.row(self.tr("Court or office"), self.authority, "authority")
        self.row(self.tr("Details"), self.detail, "detail")
        self.row(self.tr("New NATINF codes"), self.codes, "codes")
        self.body.insertWidget(1, note)

    def outcome(self) -> OutcomeData:
        decided_on = self.decided_on.value()
        assert decided_on is not None  # a required field: the dialog is accepted once it reads
        codes = tuple(c.strip() for c in self.codes.text().split(",") if c.strip())
        return OutcomeData(OutcomeKind(self.kind.currentData()), decided_on, self.authority.text().strip(),
                           self.detail.text().strip(), codes)
