"""The login dialog, the main window and its modules, as each role sees them."""

from __future__ import annotations

from sqlalchemy import select

from app.bootstrap import build_gate
from app.models import JournalEntry
from app.qt import QLabel, Qt
from tests.conftest import ADMIN_PASSWORD
from tests.ui.conftest import AGENT_PASSWORD, MAYOR_PASSWORD
from tests.ui.helpers import log_in, login_dialog, type_into, type_text


def navigation_titles(window) -> list[str]:
    return [window.navigation.item(i).text() for i in range(window.navigation.count())]


def test_login_dialog_speaks_french(shell, qtbot):
    dialog = login_dialog(qtbot, shell)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Vigie \u2014 Connexion"
    assert dialog.submit.text() == "Se connecter"
    assert not dialog.grab().isNull()


def test_wrong_password_is_refused_with_the_standard_message(shell, station, qtbot):
    dialog = login_dialog(qtbot, shell)
    type_into(qtbot, dialog.login_field, "lpetit")
    type_into(qtbot, dialog.password_field, "not-her-password")
    qtbot.mouseClick(dialog.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.message.isVisible, timeout=10_000)
    assert dialog.message.text() == "Identifiant ou mot de passe incorrect."
    assert dialog.password_field.text() == ""
    assert shell.window is None
    with station.services.station.uow() as uow:
        last = uow.session.scalars(select(JournalEntry).order_by(JournalEntry.seq.desc())).first()
        assert (last.operation, last.login) == ("login_failed", "lpetit")


def test_empty_fields_are_refused_before_any_check(shell, qtbot):
    dialog = login_dialog(qtbot, shell)
    qtbot.mouseClick(dialog.submit, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "Saisissez votre identifiant et votre mot de passe."


def test_administrator_sees_every_module_and_the_status_bar(shell, qtbot):
    window = log_in(qtbot, shell, "admin", ADMIN_PASSWORD)
    assert navigation_titles(window) == [
        "Main courante", "\u00c9crits", "Demandes", "Registres", "Journal", "Administration",
    ]
    # Whole in their tooltips; shown whole too when the window is wide enough, else elided in the middle.
    assert window.user_label.toolTip().endswith("Sophie Lemaire (admin)")
    assert window.station_label.toolTip() == (
        "Poste\u00a0: Police municipale de Montclair-sur-Vienne, Montclair-sur-Vienne"
    )
    assert window.sync_label.text() == "Synchronisation\u00a0: non configurée"


def test_an_officer_has_no_administration(shell, qtbot):
    window = log_in(qtbot, shell, "lpetit", AGENT_PASSWORD)
    assert navigation_titles(window) == ["Main courante", "\u00c9crits", "Demandes", "Registres"]


def test_the_mayor_only_reaches_the_journal(shell, qtbot):
    window = log_in(qtbot, shell, "maire", MAYOR_PASSWORD)
    assert navigation_titles(window) == ["Journal"]


def test_modules_not_built_yet_say_so(shell, qtbot):
    window = log_in(qtbot, shell, "lpetit", AGENT_PASSWORD)
    page = window.show_module("demandes")
    notice = page.findChild(QLabel, "notAvailable")
    assert notice.text() == "Ce module n'est pas encore disponible dans cette version de Vigie."


def test_logout_returns_to_the_login_dialog_and_is_journaled(shell, station, qtbot):
    window = log_in(qtbot, shell, "lpetit", AGENT_PASSWORD)
    window.logout_action.trigger()
    qtbot.waitUntil(lambda: shell.login_dialog.isVisible(), timeout=5_000)
    assert shell.window is None
    # The login window takes the next user once the logout (and any task left running) is done.
    qtbot.waitUntil(shell.login_dialog.submit.isEnabled, timeout=10_000)
    with station.services.station.uow() as uow:
        # Retention's purge runs in the background once the window is up; its entry may come between.
        operations = uow.session.scalars(
            select(JournalEntry.operation).where(JournalEntry.operation != "purge").order_by(JournalEntry.seq)
        ).all()
    assert operations[-2:] == ["login", "logout"]


def test_a_reset_password_must_be_changed_before_the_main_window(shell, station, qtbot):
    station.services.accounts.reset_password(station.admin, "lpetit", "temporary-password-1")
    dialog = login_dialog(qtbot, shell)
    type_into(qtbot, dialog.login_field, "lpetit")
    type_into(qtbot, dialog.password_field, "temporary-password-1")
    qtbot.mouseClick(dialog.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(shell, "password_dialog", None) is not None, timeout=10_000)
    change = shell.password_dialog
    assert shell.window is None
    # The typing starts in the current password's field, and Tab goes down the fields to the button.
    for field, text in ((change.current, "temporary-password-1"), (change.new, "her-own-password-2026"),
                        (change.confirm, "her-own-password-2026")):
        assert change.focusWidget() is field
        type_text(qtbot, field, text)
        qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert change.focusWidget() is change.submit
    qtbot.keyClick(change.submit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shell.window is not None, timeout=10_000)
    assert station.services.accounts.authenticate("lpetit", "her-own-password-2026").login == "lpetit"


def test_a_station_with_a_keyring_slot_opens_behind_the_login_window(station_dir, new_station, clock, french, qtbot):
    from app.crypto.kdf import KdfPolicy
    from app.crypto.secretstore import MemorySecretStore
    from app.kernel.deps import StationDeps
    from app.services.gate import StationGate
    from app.store.layout import StationPaths
    from app.ui.application import Shell
    from tests.conftest import CHEAP_KDF

    deps = StationDeps(clock=clock, kdf=KdfPolicy(fixed=CHEAP_KDF), secrets=MemorySecretStore())
    first = build_gate(station_dir, deps)
    first.create(new_station)
    first.close()
    gate = build_gate(station_dir, deps)
    shell = Shell(gate)
    dialog = shell.begin()
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    qtbot.waitUntil(dialog.submit.isEnabled, timeout=10_000)
    assert gate.is_open  # the keyring's slot opened it: the password is now checked against the account
    gate.close()


def test_retention_runs_in_the_background_once_the_window_is_up(shell, station, qtbot):
    log_in(qtbot, shell, "lpetit", AGENT_PASSWORD)
    assert shell.purge_timer.isActive()
    qtbot.waitUntil(lambda: shell.purge_task is None, timeout=10_000)
    assert shell.window.activity_label.text() == ""
    with station.services.station.uow() as uow:
        purges = uow.session.scalars(select(JournalEntry.detail).where(JournalEntry.operation == "purge")).all()
    assert any(detail.startswith("records erased: main_courante=") for detail in purges)
