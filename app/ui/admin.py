"""Administration: accounts, station settings, and what identifies the station."""

from __future__ import annotations

from app.audit.actor import Actor
from app.config import SETTINGS
from app.i18n import translate
from app.models import Role
from app.models.accounts import ROLE_LABELS
from app.qt import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    Qt,
    QWidget,
    Signal,
)
from app.services.accounts import NewUser, UserSummary
from app.bootstrap import Services
from app.kernel.motives import OPERATION_LABELS
from app.kernel.rights import ACCESS_LABELS, COMPARTMENT_LABELS, Access, Compartment
from app.ui.background import run_in_background
from app.ui.messages import error_text
from app.ui.widgets import busy_bar, error_label, heading, password_field, show_message


def role_label(role: Role) -> str:
    return translate("roles", ROLE_LABELS[role])


class AdministrationPage(QWidget):
    def __init__(self, services: Services, actor: Actor, parent=None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Administration")))
        self.tabs = QTabWidget(self)
        self.users = UsersPanel(services, actor, self)
        self.settings = SettingsPanel(services, actor, self)
        self.tabs.addTab(self.users, self.tr("Accounts"))
        self.tabs.addTab(self.settings, self.tr("Settings"))
        self.rights = RightsPanel(services, actor, self)
        self.tabs.addTab(self.rights, self.tr("Access rights"))
        self.tabs.addTab(StationPanel(services, self), self.tr("Station"))
        layout.addWidget(self.tabs)


class UsersPanel(QWidget):
    COLUMNS = 6

    def __init__(self, services: Services, actor: Actor, parent=None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.users: list[UserSummary] = []
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
        self.reload()

    def reload(self) -> None:
        try:
            self.users = self.services.accounts.list_users(self.actor)
        except Exception as error:
            show_message(self.message, error_text(error))
            self.users = []
        self.table.setRowCount(len(self.users))
        for row, user in enumerate(self.users):
            status = self.tr("Active") if user.active else self.tr("Disabled")
            if user.locked_until is not None and user.active:
                status = self.tr("Locked")
            values = [user.login, user.full_name, user.grade, user.matricule, role_label(user.role), status]
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self._update_buttons()

    def selected(self) -> UserSummary | None:
        rows = self.table.selectionModel().selectedRows()
        return self.users[rows[0].row()] if rows else None

    def select_login(self, login: str) -> None:
        for row, user in enumerate(self.users):
            if user.login == login:
                self.table.selectRow(row)

    def _update_buttons(self) -> None:
        user = self.selected()
        self.disable_button.setEnabled(user is not None and user.active and user.id != self.actor.user_id)
        self.enable_button.setEnabled(user is not None and not user.active)
        self.reset_button.setEnabled(user is not None and user.active)

    def add_user(self) -> None:
        dialog = UserDialog(self.services, self.actor, self)
        dialog.created.connect(lambda user: (self.reload(), self.select_login(user.login)))
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
            self._apply(lambda: self.services.accounts.disable_user(self.actor, user.login), user.login)

    def enable_selected(self) -> None:
        user = self.selected()
        if user is not None:
            self._apply(lambda: self.services.accounts.enable_user(self.actor, user.login), user.login)

    def reset_selected(self) -> None:
        user = self.selected()
        if user is None:
            return
        dialog = ResetPasswordDialog(self.services, self.actor, user, self)
        dialog.accepted.connect(lambda: (self.reload(), self.select_login(user.login)))
        dialog.open()

    def _apply(self, action, login: str) -> None:
        show_message(self.message, "")
        try:
            action()
        except Exception as error:
            show_message(self.message, error_text(error))
        self.reload()
        self.select_login(login)


class UserDialog(QDialog):
    created = Signal(object)

    def __init__(self, services: Services, actor: Actor, parent=None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
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
        run_in_background(self, lambda: self.services.accounts.create_user(self.actor, new),
                          self._created, self._failed)

    def _created(self, user: UserSummary) -> None:
        self.busy.hide()
        self.created.emit(user)
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.busy.hide()
        self.submit.setEnabled(True)
        show_message(self.message, error_text(error))


class ResetPasswordDialog(QDialog):
    def __init__(self, services: Services, actor: Actor, user: UserSummary, parent=None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
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
        run_in_background(
            self, lambda: self.services.accounts.reset_password(self.actor, self.user.login, password),
            lambda _user: (self.busy.hide(), self.accept()), self._failed,
        )

    def _failed(self, error: Exception) -> None:
        self.busy.hide()
        self.submit.setEnabled(True)
        show_message(self.message, error_text(error))


class SettingsPanel(QWidget):
    GROUPS = ("station", "retention", "motives")

    def __init__(self, services: Services, actor: Actor, parent=None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.fields: dict[str, QSpinBox] = {}
        self.lists: dict[str, QPlainTextEdit] = {}
        self.choices: dict[str, dict[str, QCheckBox]] = {}
        values = services.settings.values()
        titles = {
            "station": self.tr("Accounts and screen lock"),
            "retention": self.tr("Retention of data"),
            "motives": self.tr("Motives for the access journal"),
        }
        columns = QHBoxLayout()
        boxes = {}
        for group in self.GROUPS:
            box = QGroupBox(titles[group], self)
            form = QFormLayout(box)
            for setting in (s for s in SETTINGS if s.group == group):
                form.addRow(translate("settings", setting.label), self._field(setting, values[setting.name]))
            boxes[group] = box
        columns.addWidget(boxes["station"], 1)
        columns.addWidget(boxes["retention"], 1)
        self.save_button = QPushButton(self.tr("Save the settings"), self)
        self.save_button.setObjectName("saveSettings")
        self.save_button.clicked.connect(self.save)
        self.message = error_label(self)
        self.saved = QLabel(self)
        self.saved.setObjectName("settingsSaved")
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(boxes["motives"])
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.saved)
        row.addStretch()
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addStretch()

    def _field(self, setting, value) -> QWidget:
        if setting.type is int:
            spin = QSpinBox(self)
            spin.setObjectName(setting.name)
            spin.setRange(setting.minimum or 0, setting.maximum or 1_000_000)
            spin.setValue(value)
            self.fields[setting.name] = spin
            return spin
        if setting.choices:
            holder = QWidget(self)
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            boxes = {}
            for choice in setting.choices:
                box = QCheckBox(translate("fields", OPERATION_LABELS[choice]), holder)
                box.setObjectName(f"{setting.name}_{choice}")
                box.setChecked(choice in value)
                column.addWidget(box)
                boxes[choice] = box
            self.choices[setting.name] = boxes
            return holder
        edit = QPlainTextEdit("\n".join(value), self)
        edit.setObjectName(setting.name)
        edit.setMinimumHeight(120)
        self.lists[setting.name] = edit
        return edit

    def collected(self) -> dict:
        changes: dict = {name: field.value() for name, field in self.fields.items()}
        changes.update({name: edit.toPlainText().splitlines() for name, edit in self.lists.items()})
        changes.update(
            {name: [c for c, box in boxes.items() if box.isChecked()] for name, boxes in self.choices.items()}
        )
        return changes

    def save(self) -> None:
        show_message(self.message, "")
        try:
            self.services.settings.change(self.actor, self.collected())
        except Exception as error:
            self.saved.clear()
            show_message(self.message, error_text(error))
            return
        self.saved.setText(self.tr("Settings saved."))


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


class RightsPanel(QWidget):
    """One row per compartment and access, one column per role: a box ticked is a right granted."""

    def __init__(self, services: Services, actor: Actor, parent=None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        # The journal is written by Vigie alone: nobody is given the right to write in it.
        self.rows = [(c, a) for c in Compartment for a in Access if (c, a) != (Compartment.JOURNAL, Access.WRITE)]
        self.roles = list(Role)
        self.table = QTableWidget(len(self.rows), len(self.roles), self)
        self.table.setObjectName("rightsTable")
        self.table.setHorizontalHeaderLabels([role_label(role) for role in self.roles])
        self.table.setVerticalHeaderLabels(
            [self.tr("{compartment}: {access}").format(
                compartment=_capitalized(translate("fields", COMPARTMENT_LABELS[c])),
                access=translate("fields", ACCESS_LABELS[a]))
             for c, a in self.rows]
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.save_button = QPushButton(self.tr("Save the rights"), self)
        self.save_button.setObjectName("saveRights")
        self.save_button.clicked.connect(self.save)
        self.message = error_label(self)
        self.saved = QLabel(self)
        note = QLabel(
            self.tr("Rights are checked by Vigie itself for every operation, whatever the screen. "
                    "Accounts, settings and these rights stay with the administrators."),
            self,
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.saved)
        row.addStretch()
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.reload()

    def reload(self) -> None:
        matrix = self.services.station.rights.matrix(self.actor)
        for r, (compartment, access) in enumerate(self.rows):
            for c, role in enumerate(self.roles):
                item = QTableWidgetItem()
                item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
                granted = access in matrix[(role, compartment)]
                item.setCheckState(Qt.CheckState.Checked if granted else Qt.CheckState.Unchecked)
                self.table.setItem(r, c, item)

    def matrix(self) -> dict:
        result = {(role, compartment): set() for role in self.roles for compartment in Compartment}
        for r, (compartment, access) in enumerate(self.rows):
            for c, role in enumerate(self.roles):
                if self.table.item(r, c).checkState() == Qt.CheckState.Checked:
                    result[(role, compartment)].add(access)
        return {key: frozenset(value) for key, value in result.items()}

    def save(self) -> None:
        show_message(self.message, "")
        try:
            self.services.station.rights.set_matrix(self.actor, self.matrix())
        except Exception as error:
            self.saved.clear()
            show_message(self.message, error_text(error))
            return
        self.saved.setText(self.tr("Rights saved."))


class StationPanel(QWidget):
    def __init__(self, services: Services, parent=None) -> None:
        super().__init__(parent)
        details = services.station.details
        form = QFormLayout(self)
        for label, value in (
            (self.tr("Service:"), details.service_name),
            (self.tr("Commune:"), details.commune),
            (self.tr("INSEE code:"), details.insee_code),
            (self.tr("Department:"), details.department),
            (self.tr("Station identifier:"), details.id),
            (self.tr("Data folder:"), str(services.station.paths.root)),
        ):
            form.addRow(label, self._value(value))
        # Whoever receives a journal extract checks its manifest against this fingerprint.
        key = services.journal.station_key()
        fingerprint = self._value(key.readable_fingerprint, "stationFingerprint")
        fingerprint.setStyleSheet("font-family: monospace; font-weight: bold;")
        form.addRow(self.tr("Signing key fingerprint:"), fingerprint)
        public_key = self._value(key.public_key, "stationPublicKey")
        public_key.setStyleSheet("font-family: monospace;")
        public_key.setWordWrap(True)
        form.addRow(self.tr("Signing public key (Ed25519):"), public_key)
        note = QLabel(self.tr(
            "Journal extracts are signed with this station's key. Give this fingerprint to whoever receives "
            "an extract: `vigie journal verify FILE --key FINGERPRINT` checks it."), self)
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        form.addRow("", note)

    def _value(self, value: str, name: str = "") -> QLabel:
        label = QLabel(value, self)
        if name:
            label.setObjectName(name)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

