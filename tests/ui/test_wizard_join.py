"""First run, joining: the wizard pairs this PC with a service through a real server, an administrator
approves it on an enrolled station, and the new station opens with that administrator's password."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from app.bootstrap import build_gate
from app.qt import QPushButton, QWizard, Qt
from app.store.layout import StationPaths
from app.ui.wizard import SetupWizard
from tests.conftest import ADMIN_PASSWORD, FakeClock, add_agent
from tests.sync.conftest import RunningServer, make_gate, start_server, sync_of
from tests.ui.helpers import type_into

DEADLINE_MS = 60_000


@pytest.fixture(scope="module")
def join_server(tmp_path_factory) -> Iterator[RunningServer]:
    running = start_server(tmp_path_factory.mktemp("join-server"))
    yield running
    running.stop()


@pytest.fixture
def enrolled(gate, join_server):
    """Station A, with an agent of its own, enrolled with the server and synced."""
    add_agent(gate, "lpetit", full_name="Laura Petit")
    sync_of(gate).register(gate.admin, join_server.url, join_server.tenant())
    sync_of(gate).sync(gate.admin)
    return gate


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def joining_wizard(qtbot, tasks, folder, clock: FakeClock) -> SetupWizard:
    wizard = SetupWizard(make_gate(folder, clock), tasks)
    qtbot.addWidget(wizard)
    wizard.resize(1280, 720)
    wizard.show()
    click(qtbot, wizard.service_page.choose_join)
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # the service is the other stations'
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    assert wizard.currentPage() is wizard.join_page
    return wizard


def ask_to_join(qtbot, wizard: SetupWizard, url: str, password: str) -> str:
    """Types the server and the administrator, clicks Next: the pairing code, once shown."""
    page = wizard.join_page
    type_into(qtbot, page.server, url)
    type_into(qtbot, page.login, "admin")
    type_into(qtbot, page.password, password)
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    qtbot.waitUntil(lambda: page.waiting.isVisible() and bool(page.code.text()), timeout=DEADLINE_MS)
    assert not page.server.isEnabled() and not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert "Administration > Synchronisation" in page.instruction.text()
    return page.code.text()


def approve(a, code: str, fingerprint: str) -> None:
    service = sync_of(a)
    pending = service.pending_station(a.admin, code)
    assert pending.fingerprint == fingerprint  # what the administrator compares
    service.approve(a.admin, pending)


def nothing_in(folder) -> bool:
    return not StationPaths(folder).is_station() and (not folder.exists() or not any(folder.iterdir()))


def asked_again(qtbot, wizard: SetupWizard, attempt: int) -> None:
    """The joining, approved, waits for the password typed again: said on the page, the password alone open."""
    page = wizard.join_page
    qtbot.waitUntil(lambda: page.message.isVisible(), timeout=DEADLINE_MS)
    assert page.message.text() == ("Le mot de passe saisi n'est pas celui du compte admin, administrateur actif du "
                                   f"service. Saisissez-le de nouveau et cliquez sur Suivant (essai {attempt} sur "
                                   "3)\u00a0: ce poste reste approuvé entre-temps.")
    assert page.password.isEnabled() and not page.server.isEnabled() and not page.login.isEnabled()
    assert not page.waiting.isVisible() and not page.busy.isVisible()
    assert not wizard.button(QWizard.WizardButton.BackButton).isEnabled()


def type_again(qtbot, wizard: SetupWizard, password: str) -> None:
    page = wizard.join_page
    type_into(qtbot, page.password, password)
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    assert not page.message.isVisible() and page.busy.isVisible() and not page.password.isEnabled()


def failed_logins(station) -> list[tuple[str, str]]:
    from sqlalchemy import select

    from app.models import JournalEntry, Operation

    with station.opened().station.read() as uow:
        entries = uow.session.scalars(select(JournalEntry).where(JournalEntry.operation == Operation.LOGIN_FAILED))
        return [(entry.login, entry.detail) for entry in entries]


def test_the_wizard_asks_a_wrong_password_again_and_joins_with_the_number_approved(
        enrolled, join_server, tmp_path, tasks, french, qtbot):
    folder, clock = tmp_path / "joined", FakeClock()
    wizard = joining_wizard(qtbot, tasks, folder, clock)
    page = wizard.join_page
    code = ask_to_join(qtbot, wizard, join_server.url, "pas-le-bon-mot-de-passe")
    approve(enrolled, code, page.fingerprint.text())
    asked_again(qtbot, wizard, 2)
    type_into(qtbot, page.password, "")
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # nothing typed yet
    type_again(qtbot, wizard, ADMIN_PASSWORD)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.code_page, timeout=DEADLINE_MS)
    recovery = wizard.code_page.code.text()
    assert re.fullmatch(r"([A-Z2-9]{5}-){5}[A-Z2-9]{5}", recovery)
    # The number its one approval gave: the wrong password cost none of the service's ten.
    assert wizard.code_page.subTitle() == ("Le poste a rejoint le service, avec le numéro de poste 2. "
                                           "Ce code n'est affiché qu'une seule fois.")
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    wizard.code_page.kept.setChecked(True)
    with qtbot.waitSignal(wizard.accepted, timeout=DEADLINE_MS):
        click(qtbot, finish)
    assert wizard.actor is not None and wizard.actor.login == "admin"
    wizard.gate.close()

    station = make_gate(folder, clock)
    station.login("admin", ADMIN_PASSWORD)
    try:
        with station.opened().station.read() as uow:
            from sqlalchemy import select

            from app.models import User

            assert set(uow.session.scalars(select(User.login))) == {"admin", "lpetit"}
        assert failed_logins(station) == [("admin", "wrong password")]  # journaled, it syncs to the others
    finally:
        station.close()
    assert build_gate(folder, station.deps).recover(recovery, "admin", "nouveau-mot-de-passe-2026")


def test_three_wrong_passwords_in_the_wizard_leave_nothing_and_a_new_pairing_then_joins(
        enrolled, join_server, tmp_path, tasks, french, qtbot):
    folder, clock = tmp_path / "joined", FakeClock()
    wizard = joining_wizard(qtbot, tasks, folder, clock)
    page = wizard.join_page
    code = ask_to_join(qtbot, wizard, join_server.url, "pas-le-bon-mot-de-passe")
    approve(enrolled, code, page.fingerprint.text())
    for attempt, password in ((2, "encore-faux"), (3, "toujours-faux")):
        asked_again(qtbot, wizard, attempt)
        type_again(qtbot, wizard, password)
    qtbot.waitUntil(lambda: page.message.isVisible(), timeout=DEADLINE_MS)
    assert page.message.text().startswith("Le mot de passe saisi n'est pas celui du compte admin, administrateur "
                                          "actif du service\u00a0: rien n'a été conservé sur cet ordinateur.")
    assert nothing_in(folder)
    assert page.server.isEnabled() and page.password.isEnabled() and not page.waiting.isVisible()

    again = ask_to_join(qtbot, wizard, join_server.url, ADMIN_PASSWORD)
    assert again != code and not page.message.isVisible()
    approve(enrolled, again, page.fingerprint.text())
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.code_page, timeout=DEADLINE_MS)
    # The refused joining's approval gave 2 (the station that no longer exists might have numbered with it).
    assert wizard.code_page.subTitle() == ("Le poste a rejoint le service, avec le numéro de poste 3. "
                                           "Ce code n'est affiché qu'une seule fois.")
    wizard.gate.close()


def test_cancel_while_the_password_is_asked_again_stops_and_leaves_nothing(enrolled, join_server, tmp_path, tasks,
                                                                           french, qtbot):
    folder = tmp_path / "joined"
    wizard = joining_wizard(qtbot, tasks, folder, FakeClock())
    page = wizard.join_page
    approve(enrolled, ask_to_join(qtbot, wizard, join_server.url, "pas-le-bon-mot-de-passe"), page.fingerprint.text())
    asked_again(qtbot, wizard, 2)
    click(qtbot, wizard.button(QWizard.WizardButton.CancelButton))
    box = wizard.quit_box
    # Approved already: no pairing code to leave unapproved, but a station received, which goes.
    assert box is not None and box.text().startswith("Abandonner l'adhésion et quitter ? Ce poste, déjà "
                                                     "approuvé et rempli, sera supprimé")
    with qtbot.waitSignal(wizard.rejected, timeout=DEADLINE_MS):
        click(qtbot, box.findChild(QPushButton, "quit"))
    tasks.wait_for_done()
    assert nothing_in(folder)


def test_the_wizard_says_when_the_registering_station_has_not_synced_yet(gate, join_server, tmp_path, tasks,
                                                                         french, qtbot):
    sync_of(gate).register(gate.admin, join_server.url, join_server.tenant())  # registered, not synced
    folder = tmp_path / "joined"
    wizard = joining_wizard(qtbot, tasks, folder, FakeClock())
    page = wizard.join_page
    approve(gate, ask_to_join(qtbot, wizard, join_server.url, ADMIN_PASSWORD), page.fingerprint.text())
    qtbot.waitUntil(lambda: page.message.isVisible(), timeout=DEADLINE_MS)
    assert page.message.text().startswith("Aucun compte du service n'est encore arrivé sur le serveur")
    assert "Administration > Synchronisation" in page.message.text() and nothing_in(folder)
    wizard.gate.close()


def test_cancel_while_waiting_asks_then_stops_and_leaves_nothing(enrolled, join_server, tmp_path, tasks, french,
                                                                 qtbot):
    folder = tmp_path / "joined"
    wizard = joining_wizard(qtbot, tasks, folder, FakeClock())
    ask_to_join(qtbot, wizard, join_server.url, ADMIN_PASSWORD)
    click(qtbot, wizard.button(QWizard.WizardButton.CancelButton))
    box = wizard.quit_box
    assert box is not None and "Cesser d'attendre l'approbation" in box.text()
    with qtbot.waitSignal(wizard.rejected, timeout=DEADLINE_MS):
        click(qtbot, box.findChild(QPushButton, "quit"))
    tasks.wait_for_done()
    assert nothing_in(folder)


def test_an_unreachable_server_is_said_on_the_page_and_leaves_nothing(tmp_path, tasks, french, qtbot):
    folder = tmp_path / "joined"
    wizard = joining_wizard(qtbot, tasks, folder, FakeClock())
    page = wizard.join_page
    type_into(qtbot, page.server, "http://127.0.0.1:1")
    type_into(qtbot, page.login, "admin")
    type_into(qtbot, page.password, ADMIN_PASSWORD)
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    qtbot.waitUntil(lambda: page.message.isVisible(), timeout=DEADLINE_MS)
    assert page.message.text() == ("Le serveur de synchronisation http://127.0.0.1:1 est injoignable\u00a0: vérifiez son "
                                   "adresse et le réseau de cet ordinateur, puis cliquez de nouveau sur Suivant.")
    assert page.server.isEnabled() and wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert not page.waiting.isVisible() and nothing_in(folder)
