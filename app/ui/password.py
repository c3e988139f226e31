"""Changing one's own password (forced after a reset, or by choice)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.audit.actor import Actor
from app.qt import QDialogButtonBox, QLabel, QWidget
from app.services.accounts import AccountService
from app.ui.forms import FormDialog
from app.ui.tasks import TaskManager
from app.ui.widgets import busy_bar, password_field, show_message


class ChangePasswordDialog(FormDialog):
    """Three passwords; the change runs in the background (Argon2id takes a moment), the bar shows it."""

    def __init__(self, accounts: AccountService, actor: Actor, tasks: TaskManager, forced: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(tasks, parent, ok_text=self.tr("Change the password"))
        self.accounts = accounts
        self.actor = actor
        self.setWindowTitle(self.tr("Change my password"))
        self.setMinimumWidth(440)
        if forced:
            notice = QLabel(
                self.tr("Your password was set by an administrator. Choose your own before going on."), self
            )
            notice.setWordWrap(True)
            self.body.insertWidget(0, notice)
            # No way round a forced change but to leave: rejecting logs out.
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Log out"))
        self.current = password_field(self)
        self.current.setObjectName("currentPassword")
        self.new = password_field(self)
        self.new.setObjectName("newPassword")
        self.confirm = password_field(self)
        self.confirm.setObjectName("confirmPassword")
        # Passwords are not rows of `fields`: Escape leaves at once, nothing typed here is worth keeping.
        self.form.addRow(self.tr("Current password:"), self.current)
        self.form.addRow(self.tr("New password (12 characters or more):"), self.new)
        self.form.addRow(self.tr("Confirm the new password:"), self.confirm)
        # The fields were made after the buttons: Tab goes down them (FormDialog puts the typing in the first).
        QWidget.setTabOrder(self.current, self.new)
        QWidget.setTabOrder(self.new, self.confirm)
        QWidget.setTabOrder(self.confirm, self.ok_button)
        self.busy = busy_bar(self)
        self.body.insertWidget(self.body.indexOf(self.buttons), self.busy)
        self.submit = self.ok_button
        self.submit.setObjectName("submit")

    def check(self) -> bool:
        if self.new.text() != self.confirm.text():
            show_message(self.message, self.tr("The two new passwords differ."))
            return False
        return True

    def submission(self) -> Callable[[], Any]:
        accounts, actor, current, new = self.accounts, self.actor, self.current.text(), self.new.text()
        return lambda: accounts.change_password(actor, current, new)

    def set_saving(self, saving: bool) -> None:
        super().set_saving(saving)
        self.busy.setVisible(saving)
