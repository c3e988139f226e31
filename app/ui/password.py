"""Changing one's own password (forced after a reset, or by choice)."""

from __future__ import annotations

from app.audit.actor import Actor
from app.qt import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget
from app.services.accounts import AccountService
from app.ui.messages import error_text
from app.ui.tasks import TaskManager
from app.ui.widgets import busy_bar, error_label, password_field, show_message


class ChangePasswordDialog(QDialog):
    def __init__(self, accounts: AccountService, actor: Actor, tasks: TaskManager, forced: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.accounts = accounts
        self.actor = actor
        self.setWindowTitle(self.tr("Change my password"))
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        if forced:
            notice = QLabel(
                self.tr("Your password was set by an administrator. Choose your own before going on."), self
            )
            notice.setWordWrap(True)
            layout.addWidget(notice)
        self.current = password_field(self)
        self.current.setObjectName("currentPassword")
        self.new = password_field(self)
        self.new.setObjectName("newPassword")
        self.confirm = password_field(self)
        self.confirm.setObjectName("confirmPassword")
        form = QFormLayout()
        form.addRow(self.tr("Current password:"), self.current)
        form.addRow(self.tr("New password (12 characters or more):"), self.new)
        form.addRow(self.tr("Confirm the new password:"), self.confirm)
        layout.addLayout(form)
        self.message = error_label(self)
        self.busy = busy_bar(self)
        layout.addWidget(self.message)
        layout.addWidget(self.busy)
        self.buttons = QDialogButtonBox(self)
        self.submit = self.buttons.addButton(self.tr("Change the password"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.submit.setObjectName("submit")
        if forced:
            # No way round a forced change but to leave: rejecting logs out.
            self.buttons.addButton(self.tr("Log out"), QDialogButtonBox.ButtonRole.RejectRole)
        else:
            self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.try_change)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def try_change(self) -> None:
        if self.new.text() != self.confirm.text():
            show_message(self.message, self.tr("The two new passwords differ."))
            return
        current, new = self.current.text(), self.new.text()
        self.busy.show()
        self.submit.setEnabled(False)
        accounts, actor = self.accounts, self.actor
        self.tasks.run(lambda: accounts.change_password(actor, current, new), self._succeeded, self._failed,
                       owner=self)

    def _succeeded(self, _result) -> None:
        self.busy.hide()
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.busy.hide()
        self.submit.setEnabled(True)
        show_message(self.message, error_text(error))
