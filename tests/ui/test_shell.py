"""The shell as a user meets it: the wizard's first page, quitting it, the lock screen's words,
Ctrl+1… between modules, and Shift+Tab back to the module list (Session > Quitter ends the real
application in tests/ui/test_screens.py)."""

from __future__ import annotations

from app.qt import QApplication, QTableView, Qt, QWizard
from app.bootstrap import build_gate
from app.store.layout import StationPaths
from app.ui.wizard import SetupWizard
from tests.ui.conftest import AGENT_PASSWORD
from tests.ui.helpers import log_in, login_dialog, type_into
from tests.ui.test_idle_lock import go_idle
from tests.ui.test_wizard import click_next, fill_service


def new_wizard(station_dir, deps, tasks, qtbot) -> SetupWizard:
    wizard = SetupWizard(build_gate(station_dir, deps), tasks)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def test_a_bad_insee_code_is_told_on_its_own_page(station_dir, deps, french, tasks, qtbot):
    wizard = new_wizard(station_dir, deps, tasks, qtbot)
    fill_service(qtbot, wizard, insee="8699")
    click_next(qtbot, wizard)
    page = wizard.service_page
    assert wizard.currentPage() is page
    assert page.message.isVisible()
    assert page.message.text() == "Le code INSEE compte cinq caractères, par exemple 86194 ou 2A004."
    assert wizard.focusWidget() is page.insee
    type_into(qtbot, page.insee, "86999")
    click_next(qtbot, wizard)
    assert wizard.currentPage() is wizard.admin_page
    assert not StationPaths(station_dir).is_station()


def test_cancel_asks_before_leaving_the_wizard(station_dir, deps, french, tasks, qtbot):
    wizard = new_wizard(station_dir, deps, tasks, qtbot)
    fill_service(qtbot, wizard)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CancelButton), Qt.MouseButton.LeftButton)
    box = wizard.quit_box
    assert box is not None and box.isVisible()
    assert box.text() == "Quitter sans créer le poste\u00a0? Ce que vous avez saisi sera perdu."
    assert sorted(button.text() for button in box.buttons()) == ["Continuer", "Quitter"]
    qtbot.keyClick(box, Qt.Key.Key_Escape)  # Escape answers "Continuer"
    qtbot.waitUntil(lambda: wizard.quit_box is None)
    assert wizard.isVisible() and wizard.service_page.commune.text() == "Montclair-sur-Vienne"
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)  # Escape on the wizard asks too
    box = wizard.quit_box
    assert box is not None
    with qtbot.waitSignal(wizard.rejected, timeout=5_000):
        qtbot.mouseClick(box.findChild(type(box.buttons()[0]), "quit"), Qt.MouseButton.LeftButton)
    assert not wizard.isVisible()
    assert not StationPaths(station_dir).is_station()


def explanation_fits(dialog) -> bool:
    label = dialog.explanation
    return label.height() >= label.heightForWidth(label.width()) and label.width() <= dialog.width()


def test_the_lock_screen_says_why_it_is_locked_and_asks_only_the_password(shell, qtbot):
    window = log_in(qtbot, shell, "lpetit", AGENT_PASSWORD)
    window.lock_action.trigger()  # Ctrl+L
    lock = shell.lock_dialog
    qtbot.waitUntil(lambda: lock.isVisible())
    assert lock.explanation.text() == (
        "La session de Laura Petit est verrouillée. Saisissez votre mot de passe pour reprendre votre travail.")
    qtbot.waitUntil(lambda: explanation_fits(lock))
    type_into(qtbot, lock.password, "wrong-password-xx")
    qtbot.mouseClick(lock.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lock.message.isVisible, timeout=10_000)
    assert lock.message.text() == "Mot de passe incorrect."
    type_into(qtbot, lock.password, AGENT_PASSWORD)
    qtbot.mouseClick(lock.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.is_locked, timeout=10_000)
    # Locked again by the idle watcher: now it is inactivity that locked it.
    go_idle(qtbot, shell)
    assert "après une période d’inactivité" in shell.lock_dialog.explanation.text() \
        or "après une période d'inactivité" in shell.lock_dialog.explanation.text()
    qtbot.waitUntil(lambda: explanation_fits(shell.lock_dialog))


def test_ctrl_and_a_digit_goes_to_a_module(shell, qtbot):
    window = log_in(qtbot, shell, "lpetit", AGENT_PASSWORD)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    keys = window.page_keys
    assert len(keys) >= 3
    for index in (2, len(keys) - 1, 0):
        qtbot.keyClick(window.pages.currentWidget(), getattr(Qt.Key, f"Key_{index + 1}"),
                       Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: window.pages.currentIndex() == index)
        assert window.navigation.currentRow() == index
        assert window.navigation.hasFocus()
    assert window.navigation.item(1).toolTip() == "Ctrl+2"


def test_shift_tab_from_anywhere_reaches_the_module_list(shell, qtbot):
    """From where the window puts the focus, Shift+Tab pressed again and again comes to the modules."""
    window = log_in(qtbot, shell, "lpetit", AGENT_PASSWORD)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    for index in range(len(window.page_keys)):
        window.show_module(window.page_keys[index])
        page = window.pages.currentWidget()
        tables = page.findChildren(QTableView)
        (tables[0] if tables else page.nextInFocusChain()).setFocus()
        seen = []
        for _press in range(40):
            widget = QApplication.focusWidget()
            if widget is window.navigation:
                break
            seen.append(type(widget).__name__)
            qtbot.keyClick(widget, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        assert QApplication.focusWidget() is window.navigation, (window.page_keys[index], seen)


def test_a_refused_login_keeps_its_fields_whole(shell, qtbot):
    """The message appears below the fields and the window grows: the fields were squashed, their text cut."""
    dialog = login_dialog(qtbot, shell)
    heights = (dialog.login_field.height(), dialog.password_field.height())
    type_into(qtbot, dialog.login_field, "admin")
    type_into(qtbot, dialog.password_field, "not-the-password")
    qtbot.mouseClick(dialog.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.message.isVisible, timeout=10_000)
    qtbot.waitUntil(lambda: (dialog.login_field.height(), dialog.password_field.height()) == heights)
    assert dialog.login_field.height() >= dialog.login_field.sizeHint().height()


def test_an_officer_without_administration_reaches_the_records_to_settle_from_the_menu(shell, qtbot):
    from app.ui.sync import ConflictsDialog

    window = log_in(qtbot, shell, "lpetit", AGENT_PASSWORD)
    menus = {action.text(): action.menu() for action in window.menuBar().actions()}
    assert "S&ynchronisation" in menus
    entries = [action.text() for action in menus["S&ynchronisation"].actions()]
    assert entries == ["Fiches à arbitrer…"]
    window.settle_action.trigger()
    dialog = window.findChild(ConflictsDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.title.text() == "Rien à arbitrer.", timeout=10_000)
    assert not dialog.merge.isEnabled() and not dialog.keep_kept.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
