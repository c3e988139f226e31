"""Opening the station with the recovery code, and giving an administrator a new password; showing the
journal verification code once, when the station is created."""

from __future__ import annotations

from app.audit.actor import Actor
from app.qt import (
    QDialog,
    QDialogButtonBox,
    QFont,
    QFormLayout,
    QLabel,
    QLineEdit,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from app.services.gate import StationGate
from app.ui.messages import error_text
from app.ui.tasks import TaskManager
from app.ui.widgets import busy_bar, error_label, password_field, show_message


class RecoveryDialog(QDialog):
    recovered = Signal(object)

    def __init__(self, gate: StationGate, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gate = gate
        self.tasks = tasks
        self.setWindowTitle(self.tr("Recovery code"))
        self.setMinimumWidth(480)
        intro = QLabel(
            self.tr(
                "Type the recovery code kept in the safe since the station was created. "
                "It opens the station and sets a new password for an administrator."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.code = QLineEdit(self)
        self.code.setObjectName("code")
        self.code.setPlaceholderText("XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX")
        self.admin = QLineEdit(self)
        self.admin.setObjectName("admin")
        self.password = password_field(self)
        self.password.setObjectName("newPassword")
        self.confirm = password_field(self)
        self.confirm.setObjectName("confirmPassword")
        form = QFormLayout()
        form.addRow(self.tr("Recovery code:"), self.code)
        form.addRow(self.tr("Administrator's login:"), self.admin)
        form.addRow(self.tr("New password:"), self.password)
        form.addRow(self.tr("Confirm the password:"), self.confirm)
        self.message = error_label(self)
        self.busy = busy_bar(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.submit = self.buttons.addButton(self.tr("Open the station"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.submit.setObjectName("submit")
        self.buttons.accepted.connect(self.try_recover)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)

    def try_recover(self) -> None:
        if self.password.text() != self.confirm.text():
            show_message(self.message, self.tr("The two passwords differ."))
            return
        code, admin, password = self.code.text(), self.admin.text(), self.password.text()
        self.busy.show()
        self.submit.setEnabled(False)
        gate = self.gate
        self.tasks.run(lambda: gate.recover(code, admin, password), self._succeeded, self._failed, owner=self)

    def _succeeded(self, actor: Actor) -> None:
        self.busy.hide()
        self.recovered.emit(actor)
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.busy.hide()
        self.submit.setEnabled(True)
        show_message(self.message, error_text(error))


class JournalCodeBox(QWidget):
    """The journal verification code of a new station, with what it is for: shown once, kept by the mayor."""

    def __init__(self, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("Journal verification code"), self)
        bold = QFont(title.font())
        bold.setBold(True)
        title.setFont(bold)
        self.code = QLabel(code, self)
        self.code.setObjectName("journalVerificationCode")
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.code.setFont(mono)
        self.code.setWordWrap(True)
        instruction = QLabel(
            self.tr(
                "Hand this second code to the mayor, as data controller, to keep apart from the recovery code. "
                "It is shown only once and no station keeps it: it alone proves that the access journal of "
                "every station of the service was not rewritten, even by someone holding the station's keys."
            ),
            self,
        )
        instruction.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.code)
        layout.addWidget(instruction)


def show_journal_code(page: QWidget, gate: StationGate) -> JournalCodeBox | None:
    """Add the new station's journal verification code to *page* (the wizard's last page), once."""
    code = gate.opened().station.journal.take_verification_code()
    layout = page.layout()
    if not code or not isinstance(layout, QVBoxLayout):
        return None
    box = JournalCodeBox(code, page)
    box.setObjectName("journalCode")
    layout.insertWidget(max(layout.count() - 1, 0), box)  # above the page's closing stretch
    return box
