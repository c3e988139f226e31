"""The lock screen: the window stays as it was underneath, only the password opens it again."""

from __future__ import annotations

from app.audit.actor import Actor
from app.errors import BadCredentials
from app.qt import QApplication, QDialog, QDialogButtonBox, QFormLayout, QLabel, Qt, QVBoxLayout, QWidget, isValid
from app.services.accounts import AccountService
from app.ui.messages import error_text
from app.ui.tasks import TaskManager
from app.ui.widgets import busy_bar, error_label, heading, password_field, show_message


class LockDialog(QDialog):
    """Accepted when the same user typed their password; rejected means "log out"."""

    def __init__(self, accounts: AccountService, actor: Actor, tasks: TaskManager,
                 parent: QWidget | None = None, *, by_hand: bool | None = None) -> None:
        super().__init__(parent)
        # Locked with Ctrl+L, or after a while without activity; the window that asked knows which.
        if by_hand is None:
            by_hand = bool(getattr(parent, "locked_by_hand", False))
        self.tasks = tasks
        self.accounts = accounts
        self.actor = actor
        self.setWindowTitle(self.tr("Vigie \u2014 Session locked"))
        self.setModal(True)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        self.setMinimumWidth(420)
        self.password = password_field(self)
        self.password.setObjectName("password")
        form = QFormLayout()
        form.addRow(self.tr("Password:"), self.password)
        self.message = error_label(self)
        self.busy = busy_bar(self)
        self.buttons = QDialogButtonBox(self)
        self.submit = self.buttons.addButton(self.tr("Unlock"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.submit.setObjectName("submit")
        self.submit.setDefault(True)
        switch = self.buttons.addButton(self.tr("Log out"), QDialogButtonBox.ButtonRole.RejectRole)
        switch.setObjectName("logout")
        switch.setAutoDefault(False)
        self.buttons.accepted.connect(self.try_unlock)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Session locked")))
        if by_hand:
            text = self.tr("The session of {name} is locked. Type your password to go back to your work.")
        else:
            text = self.tr("The session of {name} was locked after a period without activity. "
                           "Type your password to go back to your work.")
        self.explanation = who = QLabel(text.format(name=actor.full_name), self)
        who.setObjectName("lockExplanation")
        who.setWordWrap(True)
        layout.addWidget(who)
        # The dialog takes the height its wrapped text needs, whatever the font and the scaling.
        layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetMinimumSize)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)
        self.password.setFocus()

    def try_unlock(self) -> None:
        password = self.password.text()
        if not password:
            return
        self.busy.show()
        self.submit.setEnabled(False)
        accounts, login = self.accounts, self.actor.login
        self.tasks.run(lambda: accounts.authenticate(login, password), self._succeeded, self._failed, owner=self)

    def _succeeded(self, _actor) -> None:
        self.busy.hide()
        self.password.clear()
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.busy.hide()
        self.submit.setEnabled(True)
        self.password.clear()
        if isinstance(error, BadCredentials):  # only the password was asked: no "login or password" here
            show_message(self.message, self.tr("Incorrect password."))
        else:
            show_message(self.message, error_text(error))

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # Escape must not close the lock screen and reveal the window.
        if event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        super().keyPressEvent(event)


class HiddenWindows:
    """The windows open above the main window (an entry being edited, a question, a message), hidden while the
    session is locked and shown again as they were once it is unlocked: the cover over the main window alone
    left an open record readable by whoever passed by the station."""

    def __init__(self, main_window: QWidget) -> None:
        self.windows: list[QWidget] = []
        self.active = QApplication.activeWindow()  # raised again first when they come back
        while (popup := QApplication.activePopupWidget()) is not None:  # a calendar, a list, a menu
            popup.close()
        for widget in QApplication.topLevelWidgets():
            if widget is main_window or not widget.isVisible() or widget.windowType() == Qt.WindowType.ToolTip:
                continue
            self.windows.append(widget)
            widget.destroyed.connect(lambda _=None, gone=widget: self._forget(gone))
            if isinstance(widget, QDialog):  # a save that ends while locked closes its dialog for good
                widget.finished.connect(lambda _=0, gone=widget: self._forget(gone))
            widget.hide()

    def _forget(self, widget: QWidget) -> None:
        self.windows = [window for window in self.windows if window is not widget]

    def show_again(self) -> None:
        for widget in self.windows:
            if isValid(widget):
                widget.show()
        active = self.active
        if active is not None and any(window is active for window in self.windows) and isValid(active):
            active.raise_()
            active.activateWindow()
        self.windows = []
