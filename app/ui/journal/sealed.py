"""The journal's verification, told in French: the outcome, its notes, and the dialog for the code.

The journal verification code opens the seals (app/audit/sealverify.py). It
is typed in a password field, handed to the service for one verification and
cleared: it is never logged, never written to the settings, and the dialog
keeps no copy once the verification is done.
"""

from __future__ import annotations

from app.audit.sealverify import NO_CODE
from app.audit.stations import ChainReport
from app.audit.verify import Finding, Report
from app.errors import QT_TRANSLATE_NOOP
from app.i18n import translate
from app.qt import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
    Signal,
)
from app.ui.widgets import busy_bar, error_label, password_field, show_message

DOES_NOT_HOLD = QT_TRANSLATE_NOOP("journal", "The journal does not hold. {finding}")
HOLDS_SEALED = QT_TRANSLATE_NOOP(
    "journal", "The journal holds, seals included: %n entries checked, from entry {first} to entry {last}.", None, 1)
HOLDS = QT_TRANSLATE_NOOP(
    "journal", "The journal holds: %n entries checked, from entry {first} to entry {last}.", None, 1)
# The service's note says how to give the code on the command line; the screen says it its own way.
NO_CODE_HERE = QT_TRANSLATE_NOOP(
    "journal", "Not checked: without the journal verification code the seals were not checked, so an entry rewritten "
               "with every hash after it recomputed, entries put back in another order or a forged checkpoint cannot "
               "be ruled out. Verify with the code to check them.")
NOTE = QT_TRANSLATE_NOOP("journal", "Note: {note}")
OTHER_HOLDS = QT_TRANSLATE_NOOP(
    "journal", "{station}: its journal holds as received here, %n entries from entry {first} to entry {last}.",
    None, 1)
OTHER_EMPTY = QT_TRANSLATE_NOOP("journal", "{station}: none of its entries is kept here.")
OTHER_DOES_NOT_HOLD = QT_TRANSLATE_NOOP("journal", "{station}: its journal does not hold. {finding}")


def report_text(report: Report) -> str:
    """The outcome of a verification, then what could not be checked, one paragraph each."""
    finding = report.first  # None when the report is ok
    if finding is not None:
        text = translate("journal", DOES_NOT_HOLD, finding=finding_text(finding))
    else:
        text = translate("journal", HOLDS_SEALED if report.sealed else HOLDS, None, report.checked,
                         first=report.first_seq or "-", last=report.last_seq or "-")
    return "\n\n".join([text, *(note_text(note) for note in report.notes)])


def stations_text(report: Report, others: list[ChainReport]) -> str:
    """This station's outcome, then each other station's chain as received here, each on its own."""
    from app.ui.journal.model import station_label

    parts = [report_text(report)]
    for other in others:
        station, checked = station_label(other.station), other.report
        if checked.first is not None:
            text = translate("journal", OTHER_DOES_NOT_HOLD, station=station, finding=finding_text(checked.first))
        elif checked.checked:
            text = translate("journal", OTHER_HOLDS, None, checked.checked, station=station,
                             first=checked.first_seq or "-", last=checked.last_seq or "-")
        else:
            text = translate("journal", OTHER_EMPTY, station=station)
        parts.append("\n".join([text, *(note_text(note) for note in checked.notes)]))
    return "\n\n".join(parts)


def finding_text(finding: Finding) -> str:
    return translate("journal", finding.message, **finding.params)


def note_text(note: Finding) -> str:
    if note.message == NO_CODE:
        return translate("journal", NO_CODE_HERE)
    return translate("journal", NOTE, note=finding_text(note))


class SealedVerifyDialog(QDialog):
    """Asks the journal verification code; the page runs the verification and answers here."""

    code_given = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("journalSealedVerify")
        self.setWindowTitle(self.tr("Verify the journal with its code"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Type the journal verification code the mayor keeps (eleven groups of letters and digits). "
            "It checks every entry's seal; it is used for this verification only and kept nowhere."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.code_field = password_field(self)
        self.code_field.setObjectName("journalVerificationCode")
        layout.addWidget(self.code_field)
        self.busy = busy_bar(self)
        self.busy.hide()
        layout.addWidget(self.busy)
        self.message = error_label(self)
        self.message.setObjectName("journalSealedMessage")
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.verify_button = self.buttons.addButton(self.tr("Verify"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.verify_button.setObjectName("journalSealedVerifyButton")
        self.verify_button.setDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def submit(self) -> None:
        code = self.code_field.text().strip()
        if not code:
            show_message(self.message, self.tr("Type the journal verification code."))
            return
        show_message(self.message, "")
        self._waiting(True)
        self.code_given.emit(code)

    def refused(self, text: str) -> None:
        """The verification could not run with what was typed: say why and let it be typed again."""
        self._waiting(False)
        show_message(self.message, text)
        self.code_field.selectAll()
        self.code_field.setFocus()

    def finished_verifying(self) -> None:
        self._waiting(False)
        self.code_field.clear()
        self.accept()

    def reject(self) -> None:
        self.code_field.clear()
        super().reject()

    def _waiting(self, waiting: bool) -> None:
        self.busy.setVisible(waiting)
        self.verify_button.setEnabled(not waiting)
        self.code_field.setEnabled(not waiting)
