"""The login dialog: identifier, password, and the way in with the recovery code."""

from __future__ import annotations

from app.audit.actor import Actor
from app.qt import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from app.services.gate import StationGate
from app.ui.messages import error_text
from app.ui.tasks import TaskManager
from app.ui.widgets import busy_bar, error_label, heading, password_field, show_message


class LoginDialog(QDialog):
    """Accepted once a user is logged in; `actor` then says who."""

    logged_in = Signal(object)

    def __init__(self, gate: StationGate, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gate = gate
        self.tasks = tasks
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("Vigie \u2014 Login"))
        self.setMinimumWidth(420)

        self.login_field = QLineEdit(self)
        self.login_field.setObjectName("login")
        self.password_field = password_field(self)
        self.password_field.setObjectName("password")
        self.message = error_label(self)
        self.busy = busy_bar(self)

        form = QFormLayout()
        form.addRow(self.tr("&Login:"), self.login_field)
        form.addRow(self.tr("&Password:"), self.password_field)
        self._label_buddies(form)

        self.buttons = QDialogButtonBox(self)
        self.submit = self.buttons.addButton(self.tr("Log in"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.submit.setObjectName("submit")
        self.submit.setDefault(True)
        quit_button = self.buttons.addButton(self.tr("Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.try_login)
        self.buttons.rejected.connect(self.reject)
        quit_button.setAutoDefault(False)

        self.recovery_button = QPushButton(self.tr("All passwords lost? Use the recovery code\u2026"), self)
        self.recovery_button.setObjectName("recovery")
        self.recovery_button.setFlat(True)
        self.recovery_button.setAutoDefault(False)
        self.recovery_button.clicked.connect(self.open_recovery)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Vigie"), 18))
        subtitle = QLabel(self.tr("Municipal police station. Log in with your personal account."), self)
        subtitle.setWordWrap(True)
        layout.addWidget(subtitle)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)
        layout.addWidget(self.recovery_button, alignment=Qt.AlignmentFlag.AlignLeft)
        # The window grows when a message appears, rather than squash the fields (their text was cut).
        layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetFixedSize)
        self.login_field.setFocus()

    def _label_buddies(self, form: QFormLayout) -> None:
        for row, field in enumerate((self.login_field, self.password_field)):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            assert isinstance(label, QLabel)  # each row was added with its label's text
            label.setBuddy(field)

    def try_login(self) -> None:
        login, password = self.login_field.text(), self.password_field.text()
        if not login.strip() or not password:
            show_message(self.message, self.tr("Enter your login and your password."))
            return
        self._set_busy(True)
        gate = self.gate
        self.tasks.run(lambda: gate.login(login, password), self._succeeded, self._failed, owner=self)

    def _succeeded(self, actor: Actor) -> None:
        self._set_busy(False)
        self.actor = actor
        self.password_field.clear()
        self.logged_in.emit(actor)
        self.accept()

    def _failed(self, error: Exception) -> None:
        self._set_busy(False)
        self.password_field.clear()
        self.password_field.setFocus()
        show_message(self.message, error_text(error))

    def set_waiting(self, waiting: bool) -> None:
        """While the station opens behind the window, nothing can be submitted yet."""
        self.busy.setVisible(waiting)
        self.submit.setEnabled(not waiting)
        self.recovery_button.setEnabled(not waiting)

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for widget in (self.login_field, self.password_field, self.submit, self.recovery_button):
            widget.setEnabled(not busy)
        if busy:
            show_message(self.message, "")

    def open_recovery(self) -> None:
        from app.ui.recovery import RecoveryDialog

        dialog = RecoveryDialog(self.gate, self.tasks, self)
        dialog.recovered.connect(self._succeeded)
        dialog.open()
