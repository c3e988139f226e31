"""The automatic lock: the window is covered, what was typed survives, only the password opens it."""

from __future__ import annotations

from app.qt import Qt
from app.ui.admin import UserDialog
from tests.ui.conftest import AGENT_PASSWORD
from tests.ui.helpers import log_in, type_into


def go_idle(qtbot, shell) -> None:
    shell.watcher.set_interval(50)
    with qtbot.waitSignal(shell.watcher.idle, timeout=5_000):
        pass
    qtbot.waitUntil(lambda: shell.lock_dialog is not None and shell.lock_dialog.isVisible(), timeout=5_000)


def test_idle_delay_comes_from_the_station_setting(shell, station, qtbot):
    station.services.settings.change(station.admin, {"idle_lock_minutes": 3})
    log_in(qtbot, shell, "lpetit", AGENT_PASSWORD)
    assert shell.watcher.timer.interval() == 3 * 60_000


def test_lock_covers_the_window_hides_its_dialogs_and_keeps_what_was_typed(shell, station, qtbot):
    from tests.conftest import ADMIN_PASSWORD

    window = log_in(qtbot, shell, "admin", ADMIN_PASSWORD)
    form = UserDialog(station.services, shell.actor, shell.tasks, window)
    form.show()
    type_into(qtbot, form.full_name, "Karim Diallo")
    go_idle(qtbot, shell)
    assert window.is_locked
    assert not form.isVisible()  # an open record is not left readable above the cover
    lock = shell.lock_dialog
    type_into(qtbot, lock.password, "wrong-password-xx")
    qtbot.mouseClick(lock.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lock.message.isVisible, timeout=10_000)
    assert lock.message.text() == "Mot de passe incorrect."
    assert window.is_locked
    type_into(qtbot, lock.password, ADMIN_PASSWORD)
    qtbot.mouseClick(lock.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.is_locked, timeout=10_000)
    assert form.isVisible() and form.full_name.text() == "Karim Diallo"
    form.close()


def test_a_dialog_that_closes_while_the_session_is_locked_does_not_come_back(shell, station, qtbot):
    from tests.conftest import ADMIN_PASSWORD

    window = log_in(qtbot, shell, "admin", ADMIN_PASSWORD)
    form = UserDialog(station.services, shell.actor, shell.tasks, window)
    form.open()
    go_idle(qtbot, shell)
    assert not form.isVisible()
    form.reject()  # as a save that ends while the station is locked closes its dialog
    type_into(qtbot, shell.lock_dialog.password, ADMIN_PASSWORD)
    qtbot.keyClick(shell.lock_dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.is_locked, timeout=10_000)
    assert not form.isVisible()


def test_escape_does_not_open_the_lock(shell, qtbot):
    window = log_in(qtbot, shell, "lpetit", AGENT_PASSWORD)
    go_idle(qtbot, shell)
    qtbot.keyClick(shell.lock_dialog, Qt.Key.Key_Escape)
    assert shell.lock_dialog.isVisible()
    assert window.is_locked


def test_log_out_from_the_lock_screen(shell, qtbot):
    log_in(qtbot, shell, "lpetit", AGENT_PASSWORD)
    go_idle(qtbot, shell)
    logout = shell.lock_dialog.buttons.buttons()[-1]
    qtbot.mouseClick(logout, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shell.window is None and shell.login_dialog.isVisible(), timeout=5_000)
