"""Administration screens: accounts and settings, through the real dialogs."""

from __future__ import annotations

from app.models import Role
from app.qt import QMessageBox, Qt
from app.kernel.rights import Access, Compartment
from app.ui.admin import UserDialog
from tests.conftest import ADMIN_PASSWORD
from tests.ui.conftest import MAYOR_PASSWORD
from tests.ui.helpers import log_in, type_into


def open_admin(qtbot, shell):
    window = log_in(qtbot, shell, "admin", ADMIN_PASSWORD)
    page = window.show_module("administration")
    # Accounts, settings and rights arrive from the task manager; the panels wait for them.
    qtbot.waitUntil(lambda: not page.is_busy and page.users.table.rowCount() > 0, timeout=10_000)
    return page


def table_rows(panel) -> dict[str, list[str]]:
    table = panel.table
    return {
        table.item(row, 0).text(): [table.item(row, c).text() for c in range(table.columnCount())]
        for row in range(table.rowCount())
    }


def test_accounts_are_listed_with_french_roles(shell, qtbot):
    page = open_admin(qtbot, shell)
    rows = table_rows(page.users)
    assert rows["lpetit"] == ["lpetit", "Laura Petit", "Brigadier-chef principal", "86-86999-003", "Agent", "Actif"]
    assert rows["maire"][4] == "Maire (lecture seule)"


def test_create_an_account_through_the_dialog(shell, station, qtbot):
    page = open_admin(qtbot, shell)
    qtbot.mouseClick(page.users.add_button, Qt.MouseButton.LeftButton)
    dialog = page.users.findChild(UserDialog)
    type_into(qtbot, dialog.login, "kdiallo")
    type_into(qtbot, dialog.full_name, "Karim Diallo")
    type_into(qtbot, dialog.grade, "Gardien-brigadier")
    type_into(qtbot, dialog.matricule, "86-86999-004")
    dialog.role.setCurrentIndex(0)
    type_into(qtbot, dialog.password, "mot-de-passe-provisoire")
    type_into(qtbot, dialog.confirm, "mot-de-passe-provisoire")
    with qtbot.waitSignal(dialog.created, timeout=10_000):
        qtbot.mouseClick(dialog.submit, Qt.MouseButton.LeftButton)
    # Two readings follow the creation (the dialog's, which selects the new account, and the station's change
    # notice's): the account is listed, then selected once the dialog's reading is in, whichever ends first.
    qtbot.waitUntil(lambda: "kdiallo" in table_rows(page.users) and not page.users.is_busy, timeout=10_000)
    selected = page.users.selected()
    assert selected is not None and selected.login == "kdiallo"
    assert table_rows(page.users)["kdiallo"][1:5] == ["Karim Diallo", "Gardien-brigadier", "86-86999-004", "Agent"]


def test_a_taken_login_is_explained_in_the_dialog(shell, qtbot):
    page = open_admin(qtbot, shell)
    dialog = UserDialog(page.users.services, page.users.actor, shell.tasks, page)
    qtbot.addWidget(dialog)
    dialog.show()
    type_into(qtbot, dialog.login, "lpetit")
    type_into(qtbot, dialog.full_name, "Quelqu'un d'autre")
    type_into(qtbot, dialog.password, "mot-de-passe-provisoire")
    type_into(qtbot, dialog.confirm, "mot-de-passe-provisoire")
    qtbot.mouseClick(dialog.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.message.isVisible, timeout=10_000)
    assert dialog.message.text() == "L'identifiant «\u00a0lpetit\u00a0» est déjà pris."


def test_disable_an_account(shell, qtbot, monkeypatch):
    page = open_admin(qtbot, shell)
    page.users.select_login("lpetit")
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(page.users.disable_button, Qt.MouseButton.LeftButton)
    assert not page.users.disable_button.isEnabled()  # no second click while the change is saved
    qtbot.waitUntil(lambda: table_rows(page.users)["lpetit"][5] == "Désactivé", timeout=10_000)
    qtbot.waitUntil(lambda: not page.users.is_busy, timeout=10_000)
    assert page.users.enable_button.isEnabled()


def test_one_cannot_disable_oneself(shell, qtbot):
    page = open_admin(qtbot, shell)
    page.users.select_login("admin")
    assert not page.users.disable_button.isEnabled()


def test_settings_are_saved_and_journaled(shell, station, qtbot):
    page = open_admin(qtbot, shell)
    panel = page.settings
    assert panel.fields["lockout_threshold"].value() == 5
    panel.fields["lockout_threshold"].setValue(3)
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
        assert not panel.save_button.isEnabled()  # the save runs; a second one waits for it
    assert panel.saved.text() == "Paramètres enregistrés."
    assert station.services.settings.get("lockout_threshold") == 3


def test_settings_cannot_go_below_their_floor(shell, qtbot):
    page = open_admin(qtbot, shell)
    field = page.settings.fields["password_min_length"]
    field.setValue(4)
    assert field.value() == 12


def test_rights_are_edited_as_a_grid_of_roles(shell, station, qtbot):
    page = open_admin(qtbot, shell)
    panel = page.rights
    headers = [panel.table.horizontalHeaderItem(c).text() for c in range(panel.table.columnCount())]
    assert headers == ["Agent", "Chef de poste", "Administrateur", "Maire (lecture seule)"]
    row = panel.rows.index((Compartment.MAIN_COURANTE, Access.EXPORT))
    assert panel.table.verticalHeaderItem(row).text() == "Main courante\u00a0: impression et export"
    item = panel.table.item(row, panel.roles.index(Role.AGENT))
    assert item.checkState() == Qt.CheckState.Unchecked
    item.setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert panel.saved.text() == "Droits enregistrés."
    agent = station.services.accounts.authenticate("lpetit", "agent-password-long")
    assert station.services.station.rights.can(agent, Compartment.MAIN_COURANTE, Access.EXPORT)


def test_motive_settings_show_the_pick_list_and_the_operations(shell, station, qtbot):
    page = open_admin(qtbot, shell)
    panel = page.settings
    assert "Réquisition judiciaire" in panel.lists["motives"].toPlainText().splitlines()
    boxes = panel.choices["motive_required_for"]
    assert boxes["export"].text() == "exporter" and boxes["export"].isChecked()
    boxes["export"].setChecked(False)
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert station.services.settings.get("motive_required_for") == ["search_person", "print", "transmit"]


def mayor_modules(qtbot, shell) -> list[str]:
    window = log_in(qtbot, shell, "maire", MAYOR_PASSWORD)
    keys = list(window.page_keys)
    window.logout_action.trigger()
    qtbot.waitUntil(shell.login_dialog.submit.isEnabled, timeout=10_000)
    return keys


def set_mayor_reading_the_main_courante(qtbot, shell, granted: bool) -> None:
    page = open_admin(qtbot, shell)
    panel = page.rights
    row = panel.rows.index((Compartment.MAIN_COURANTE, Access.READ))
    state = Qt.CheckState.Checked if granted else Qt.CheckState.Unchecked
    panel.table.item(row, panel.roles.index(Role.MAIRE)).setCheckState(state)
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    shell.window.logout_action.trigger()
    qtbot.waitUntil(shell.login_dialog.submit.isEnabled, timeout=10_000)


def test_the_modules_follow_the_rights_matrix_from_the_next_login(shell, qtbot):
    assert mayor_modules(qtbot, shell) == ["journal"]
    set_mayor_reading_the_main_courante(qtbot, shell, granted=True)
    assert mayor_modules(qtbot, shell) == ["main_courante", "journal"]
    set_mayor_reading_the_main_courante(qtbot, shell, granted=False)
    assert mayor_modules(qtbot, shell) == ["journal"]
