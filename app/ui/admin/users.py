"""Administration: the accounts (list, creation, disabling, password reset)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.audit.actor import Actor
from app.i18n import translate
from app.models import Role
from app.models.accounts import ROLE_LABELS
from app.qt import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from app.services.accounts import NewUser, UserSummary
from app.bootstrap import Services
from app.kernel.rights import ADMINISTRATION
from app.kernel.work import Changes
from app.ui.messages import error_text
from app.ui.tasks import TaskManager
from app.ui.widgets import busy_bar, error_label, password_field, show_message


def role_label(role: Role) -> str:
    return translate("roles", ROLE_LABELS[role])


class UsersPanel(QWidget):
    """The accounts, read through the task manager; the list follows the "administration" changes."""

    COLUMNS = 6
    loaded = Signal()  # the table shows the accounts as the station holds them now

    def __init__(self, services: Services, actor: Actor, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.tasks = tasks
        self.users: list[UserSummary] = []
        self._running = 0
        self.table = QTableWidget(0, self.COLUMNS, self)
        self.table.setObjectName("usersTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Login"), self.tr("Name"), self.tr("Grade"), self.tr("Matricule"), self.tr("Role"),
             self.tr("Status")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.add_button = QPushButton(self.tr("New account\u2026"), self)
        self.add_button.setObjectName("addUser")
        self.disable_button = QPushButton(self.tr("Disable"), self)
        self.disable_button.setObjectName("disableUser")
        self.enable_button = QPushButton(self.tr("Enable again"), self)
        self.enable_button.setObjectName("enableUser")
        self.reset_button = QPushButton(self.tr("Reset the password\u2026"), self)
        self.reset_button.setObjectName("resetPassword")
        self.add_button.clicked.connect(self.add_user)
        self.disable_button.clicked.connect(self.disable_selected)
        self.enable_button.clicked.connect(self.enable_selected)
        self.reset_button.clicked.connect(self.reset_selected)
        self.message = error_label(self)

        buttons = QHBoxLayout()
        for button in (self.add_button, self.disable_button, self.enable_button, self.reset_button):
            buttons.addWidget(button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        note = QLabel(
            self.tr("Accounts are never deleted: a disabled account keeps its history in the journal."), self
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        tasks.changed.connect(self._changed)
        self.reload()

    def _changed(self, changes: Changes) -> None:
        if ADMINISTRATION in changes:
            self.reload()

    def reload(self, select: str | None = None) -> None:
        """Read the accounts again; *select* (a login), or the account selected now, stays selected."""
        accounts, actor = self.services.accounts, self.actor
        self._run(lambda: accounts.list_users(actor), lambda users: self._show(users, select))

    def _show(self, users: list[UserSummary], select: str | None) -> None:
        # The selection as it is when the list arrives, not when it was asked: reloads may cross.
        current = self.selected()
        login = select or (current.login if current is not None else None)
        self.users = users
        self.table.setRowCount(len(self.users))
        for row, user in enumerate(self.users):
            status = self.tr("Active") if user.active else self.tr("Disabled")
            if user.locked_until is not None and user.active:
                status = self.tr("Locked")
            values = [user.login, user.full_name, user.grade, user.matricule, role_label(user.role), status]
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        if login is not None:
            self.select_login(login)
        self._update_buttons()
        self.loaded.emit()

    def _run(self, work: Callable[[], Any], on_success: Callable[[Any], None]) -> None:
        """A service call through the task manager; the buttons wait while one runs."""
        self._running += 1
        self._update_buttons()

        def done() -> None:
            self._running -= 1
            self._update_buttons()

        def succeeded(result: Any) -> None:
            done()
            on_success(result)

        def failed(error: Exception) -> None:
            done()
            show_message(self.message, error_text(error))

        self.tasks.run(work, succeeded, failed, owner=self)

    @property
    def is_busy(self) -> bool:
        return self._running > 0

    def selected(self) -> UserSummary | None:
        rows = self.table.selectionModel().selectedRows()
        return self.users[rows[0].row()] if rows else None

    def select_login(self, login: str) -> None:
        for row, user in enumerate(self.users):
            if user.login == login:
                self.table.selectRow(row)

    def _update_buttons(self) -> None:
        user = None if self._running else self.selected()
        self.disable_button.setEnabled(user is not None and user.active and user.id != self.actor.user_id)
        self.enable_button.setEnabled(user is not None and not user.active)
        self.reset_button.setEnabled(user is not None and user.active)

    def add_user(self) -> None:
        dialog = UserDialog(self.services, self.actor, self.tasks, self)
        dialog.created.connect(lambda user: self.reload(select=user.login))
        dialog.open()

    def disable_selected(self) -> None:
        user = self.selected()
        if user is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Disable the account"),
            self.tr("Disable the account of {name}? They will no longer be able to log in; "
                    "their history is kept.").format(name=user.full_name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            accounts, actor = self.services.accounts, self.actor
            self._apply(lambda: accounts.disable_user(actor, user.login), user.login)

    def enable_selected(self) -> None:
        user = self.selected()
        if user is not None:
            accounts, actor = self.services.accounts, self.actor
            self._apply(lambda: accounts.enable_user(actor, user.login), user.login)

    def reset_selected(self) -> None:
        user = self.selected()
        if user is None:
            return
        dialog = ResetPasswordDialog(self.services, self.actor, self.tasks, user, self)
        dialog.accepted.connect(lambda: self.reload(select=user.login))
        dialog.open()

    def _apply(self, action: Callable[[], UserSummary], login: str) -> None:
        show_message(self.message, "")
        self._run(action, lambda _user: self.reload(select=login))


class UserDialog(QDialog):
    created = Signal(object)

    def __init__(self, services: Services, actor: Actor, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.tasks = tasks
        self.setWindowTitle(self.tr("New account"))
        self.setMinimumWidth(460)
        self.login = QLineEdit(self)
        self.login.setObjectName("login")
        self.full_name = QLineEdit(self)
        self.full_name.setObjectName("fullName")
        self.grade = QLineEdit(self)
        self.grade.setObjectName("grade")
        self.matricule = QLineEdit(self)
        self.matricule.setObjectName("matricule")
        self.role = QComboBox(self)
        self.role.setObjectName("role")
        for role in Role:
            self.role.addItem(role_label(role), role)
        self.password = password_field(self)
        self.password.setObjectName("password")
        self.confirm = password_field(self)
        self.confirm.setObjectName("confirm")
        form = QFormLayout()
        form.addRow(self.tr("Login:"), self.login)
        form.addRow(self.tr("Full name:"), self.full_name)
        form.addRow(self.tr("Grade:"), self.grade)
        form.addRow(self.tr("Matricule:"), self.matricule)
        form.addRow(self.tr("Role:"), self.role)
        form.addRow(self.tr("Temporary password:"), self.password)
        form.addRow(self.tr("Confirm the password:"), self.confirm)
        hint = QLabel(self.tr("The new user will choose their own password at first login."), self)
        hint.setWordWrap(True)
        self.message = error_label(self)
        self.busy = busy_bar(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.submit = self.buttons.addButton(self.tr("Create the account"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.submit.setObjectName("submit")
        self.buttons.accepted.connect(self.try_create)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.message)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)

    def try_create(self) -> None:
        if self.password.text() != self.confirm.text():
            show_message(self.message, self.tr("The two passwords differ."))
            return
        new = NewUser(self.login.text(), self.full_name.text(), self.role.currentData(), self.password.text(),
                      self.grade.text(), self.matricule.text())
        self.busy.show()
        self.submit.setEnabled(False)
        accounts, actor = self.services.accounts, self.actor
        self.tasks.run(lambda: accounts.create_user(actor, new), self._created, self._failed, owner=self)

    def _created(self, user: UserSummary) -> None:
        self.busy.hide()
        self.created.emit(user)
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.busy.hide()
        self.submit.setEnabled(True)
        show_message(self.message, error_text(error))


class ResetPasswordDialog(QDialog):
    def __init__(self, services: Services, actor: Actor, tasks: TaskManager, user: UserSummary,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.tasks = tasks
        self.user = user
        self.setWindowTitle(self.tr("Reset the password"))
        intro = QLabel(
            self.tr("Temporary password for {name}. They will have to change it at their next login; "
                    "this also unlocks the account.").format(name=user.full_name),
            self,
        )
        intro.setWordWrap(True)
        self.password = password_field(self)
        self.password.setObjectName("password")
        self.confirm = password_field(self)
        self.confirm.setObjectName("confirm")
        form = QFormLayout()
        form.addRow(self.tr("Temporary password:"), self.password)
        form.addRow(self.tr("Confirm the password:"), self.confirm)
        self.message = error_label(self)
        self.busy = busy_bar(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.submit = self.buttons.addButton(self.tr("Reset"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.submit.setObjectName("submit")
        self.buttons.accepted.connect(self.try_reset)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)

    def try_reset(self) -> None:
        if self.password.text() != self.confirm.text():
            show_message(self.message, self.tr("The two passwords differ."))
            return
        password = self.password.text()
        self.busy.show()
        self.submit.setEnabled(False)
        accounts, actor, login = self.services.accounts, self.actor, self.user.login
        self.tasks.run(lambda: accounts.reset_password(actor, login, password),
                       self._reset_done, self._failed, owner=self)

    def _reset_done(self, _user: object) -> None:
        self.busy.hide()
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.busy.hide()
        self.submit.setEnabled(True)
        show_message(self.message, error_text(error))
