"""The GUI's start: Qt application, French translation, then the way through the windows.

first run -> wizard -> main window; otherwise login -> (forced password change) -> main window;
idle -> lock screen over the untouched window; logout -> login again.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.audit.actor import Actor
from app.i18n import install_translator
from app.kernel.rights import Access, Compartment
from app.qt import QApplication, QFont, QMessageBox, QObject, QTimer, QWidget
from app.services.gate import StationGate
from app.ui.login import LoginDialog
from app.ui.messages import error_text
from app.ui.tasks import TaskManager
from app.ui.widgets import show_message

if TYPE_CHECKING:  # imported when first shown, not at start
    from app.ui.idle import IdleWatcher
    from app.ui.lock import HiddenWindows, LockDialog
    from app.ui.main_window import MainWindow
    from app.ui.password import ChangePasswordDialog

MINUTE_MS = 60_000
DAY_MS = 24 * 60 * MINUTE_MS


@dataclass(frozen=True)
class Opening:
    """What the main window needs from the database before it shows, read in one task."""

    accesses: dict[Compartment, frozenset[Access]]
    idle_minutes: int


class Shell(QObject):
    """Leads the user from window to window; holds the logged-in user while there is one.

    It owns the application's one TaskManager: every window and dialog gets it, so a
    service call outlives the widget that asked, and the station closes only once
    every call has returned.
    """

    def __init__(self, gate: StationGate, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.gate = gate
        self.tasks = TaskManager(self)
        self._subscribed: object | None = None  # the kernel whose Changes the tasks relay
        # Retention runs here, off the GUI thread, once the window is up and then every day.
        gate.purge_at_opening = False
        self.purge_timer = QTimer(self)
        self.purge_timer.setInterval(DAY_MS)
        self.purge_timer.timeout.connect(self.run_purges)
        self.purge_task: int | None = None
        self.actor: Actor | None = None
        self.window: MainWindow | None = None
        self.login_dialog: LoginDialog | None = None
        self.lock_dialog: LockDialog | None = None
        self.hidden_while_locked: HiddenWindows | None = None
        self.password_dialog: ChangePasswordDialog | None = None
        self.watcher: IdleWatcher | None = None

    # -- the first window ---------------------------------------------------------------

    def begin(self) -> QWidget:
        """Show the first window (wizard, login, or the reason the station cannot open) and return it."""
        if self.gate.needs_creation():
            return self._show_wizard()
        dialog = self.show_login()
        # The window shows first; opening through the OS keyring (if this station has that slot)
        # loads the database layer, which happens behind it.
        dialog.set_waiting(True)
        self.tasks.run(self.gate.open_with_keyring, lambda _opened: dialog.set_waiting(False),
                       self._keyring_failed, owner=dialog)
        return dialog

    def _keyring_failed(self, error: Exception) -> None:
        if self.login_dialog is not None:
            self.login_dialog.hide()
        self._show_fatal(error)

    def _show_wizard(self) -> QWidget:
        from app.ui.wizard import SetupWizard

        wizard = SetupWizard(self.gate, self.tasks)
        wizard.accepted.connect(lambda: self._wizard_done(wizard.actor))
        wizard.rejected.connect(QApplication.quit)
        wizard.show()
        return wizard

    def _wizard_done(self, actor: Actor | None) -> None:
        assert actor is not None  # the wizard is accepted once its administrator is logged in
        self._logged_in(actor)

    def _show_fatal(self, error: Exception) -> QWidget:
        box = QMessageBox(QMessageBox.Icon.Critical, self.tr("Vigie"), error_text(error))
        box.setObjectName("fatalError")
        box.finished.connect(QApplication.quit)
        box.show()
        return box

    def show_login(self) -> LoginDialog:
        dialog = LoginDialog(self.gate, self.tasks)
        dialog.logged_in.connect(self._logged_in)
        dialog.rejected.connect(self._login_abandoned)
        self.login_dialog = dialog
        dialog.show()
        return dialog

    def _login_abandoned(self) -> None:
        if self.actor is None:
            QApplication.quit()

    # -- after login -----------------------------------------------------------------------

    def _logged_in(self, actor: Actor) -> None:
        self.actor = actor
        services = self.gate.opened()
        if services.kernel is not self._subscribed:
            # Once per open station: what its units of work commit reaches the views as tasks.changed.
            services.kernel.subscribe(self.tasks.relay)
            self._subscribed = services.kernel
        accounts = services.accounts
        self.tasks.run(lambda: accounts.must_change_password(actor), self._password_checked, self._opening_failed)

    def _password_checked(self, must_change: bool) -> None:
        if not must_change:
            self.open_main_window()
            return
        from app.ui.password import ChangePasswordDialog

        actor = self.actor
        if actor is None:
            return  # logged out while the account was being read
        dialog = ChangePasswordDialog(self.gate.opened().accounts, actor, self.tasks, forced=True)
        dialog.setObjectName("forcedPasswordChange")
        dialog.accepted.connect(self.open_main_window)
        dialog.rejected.connect(self.logout)
        self.password_dialog = dialog
        dialog.show()

    def open_main_window(self) -> None:
        """Read the user's rights and the idle delay in the background, then show the window."""
        gate, actor = self.gate, self.actor
        if actor is None:
            return  # logged out before the window could open

        def opening() -> Opening:
            services = gate.opened()
            return Opening(services.station.rights.accesses(actor), services.settings.get("idle_lock_minutes"))

        self.tasks.run(opening, self._show_main_window, self._opening_failed)

    def _show_main_window(self, opening: Opening) -> None:
        from app.ui.idle import IdleWatcher
        from app.ui.main_window import MainWindow

        if self.actor is None:
            return  # logged out while the window was being prepared
        window = MainWindow(self.gate.opened(), self.actor, self.tasks, opening.accesses)
        window.logout_requested.connect(self.logout)
        window.lock_requested.connect(self.lock)
        window.change_password_requested.connect(self.change_password)
        window.closed.connect(lambda: self._window_closed(window))
        self.window = window
        self.watcher = watcher = IdleWatcher(opening.idle_minutes * MINUTE_MS, self)
        watcher.idle.connect(self.lock)
        window.show()
        watcher.start()
        if not self.purge_timer.isActive():
            self.run_purges()
            self.purge_timer.start()

    def _window_closed(self, window: QWidget) -> None:
        """The main window closed by its user ends Vigie; closed by a logout or at shutdown, it is not the
        shell's window any more by then."""
        if window is self.window:
            QApplication.quit()

    def _opening_failed(self, error: Exception) -> None:
        """The account could not be read after its login: back to the login window, saying why."""
        self.logout()
        if self.login_dialog is not None:
            show_message(self.login_dialog.message, error_text(error))

    def run_purges(self) -> None:
        """Expired records and old journal entries go, in the background; the status bar says so."""
        services = self.gate.services
        if services is None or self.purge_task is not None:
            return
        if self.window is not None:
            self.window.show_activity(self.tr("Retention: erasing expired data\u2026"))
        self.purge_task = self.tasks.run(services.run_purges, self._purged, self._purge_failed)

    def _purged(self, _result: object) -> None:
        self.purge_task = None
        if self.window is not None:
            self.window.show_activity("")

    def _purge_failed(self, error: Exception) -> None:
        self.purge_task = None
        if self.window is not None:
            self.window.show_activity(self.tr("Retention could not run: {reason}").format(reason=error_text(error)))

    def lock(self) -> None:
        from app.ui.lock import HiddenWindows, LockDialog

        window, watcher, actor = self.window, self.watcher, self.actor
        if window is None or watcher is None or actor is None or self.lock_dialog is not None:
            return
        watcher.stop()
        dialog = LockDialog(self.gate.opened().accounts, actor, self.tasks, window)
        dialog.accepted.connect(self._unlocked)
        dialog.rejected.connect(self.logout)
        self.lock_dialog = dialog
        self.hidden_while_locked = HiddenWindows(window)
        window.set_locked(True)
        dialog.open()

    def _unlocked(self) -> None:
        self.lock_dialog = None
        if self.window is not None and self.watcher is not None:
            self.window.set_locked(False)
            if self.hidden_while_locked is not None:
                self.hidden_while_locked.show_again()
            self.watcher.start()
        self.hidden_while_locked = None

    def change_password(self) -> None:
        from app.ui.password import ChangePasswordDialog

        if self.actor is None:
            return
        dialog = ChangePasswordDialog(self.gate.opened().accounts, self.actor, self.tasks, parent=self.window)
        dialog.open()

    def logout(self) -> None:
        """Back to the login window, which accepts a login once every running task has returned
        (a save started in the closed window finishes under its author, not the next user)."""
        self.lock_dialog = self.hidden_while_locked = None
        if self.watcher is not None:
            self.watcher.stop()
        dialog = self.show_login()  # before the window closes: the screen is never left empty
        dialog.set_waiting(True)
        self._journal_logout()
        self.tasks.when_idle(lambda: dialog.set_waiting(False) if dialog is self.login_dialog else None)
        window, self.window = self.window, None
        if window is not None:
            window.close()
            window.deleteLater()

    def _journal_logout(self) -> None:
        services, actor = self.gate.services, self.actor
        self.actor = None
        if actor is not None and services is not None:
            self.tasks.run(lambda: services.accounts.logout(actor))

    def shutdown(self) -> None:
        """Stop watching for idleness, journal the logout, let every task return, close every window."""
        self.purge_timer.stop()
        if self.watcher is not None:
            self.watcher.stop()
            self.watcher = None
        self._journal_logout()
        # A purge or a save still running finishes before the station closes under it.
        self.tasks.wait_for_done()
        windows, self.window = (self.lock_dialog, self.window, self.login_dialog), None
        for window in windows:
            if window is not None:
                window.close()


def start(gate: StationGate, argv: list[str], on_start: Callable[[], None] | None = None):
    """Create the application and show its first window; returns (application, window, shell)."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    app.setApplicationName("Vigie")
    app.setStyle("Fusion")
    # Vigie ends when its user quits (Quitter, the main window's close button, the login window's Quitter,
    # the wizard's Cancel), not when no window is on screen: between the login window and the main
    # window, while the account's rights are read, there is none.
    app.setQuitOnLastWindowClosed(False)
    font = QFont(app.font())
    font.setPointSize(10)
    app.setFont(font)
    install_translator(app)
    if on_start is not None:
        on_start()
    shell = Shell(gate, app)
    window = shell.begin()
    return app, window, shell


def run(gate: StationGate, argv: list[str], on_start: Callable[[], None] | None = None) -> int:
    app, _window, shell = start(gate, argv, on_start)
    code = app.exec()
    shell.shutdown()
    gate.close()
    sys.stdout.flush()
    return code
