"""First run: the wizard creates the station and shows the recovery code once."""

from __future__ import annotations

import re

from app.qt import QWizard, Qt
from app.bootstrap import build_gate
from app.store.layout import StationPaths
from app.ui.application import Shell
from app.ui.wizard import SetupWizard
from tests.ui.helpers import type_into


def fill_service(qtbot, wizard: SetupWizard, insee: str = "86999") -> None:
    page = wizard.service_page
    type_into(qtbot, page.service, "Police municipale de Montclair-sur-Vienne")
    type_into(qtbot, page.commune, "Montclair-sur-Vienne")
    type_into(qtbot, page.insee, insee)
    type_into(qtbot, page.department, "86")


def fill_admin(qtbot, wizard: SetupWizard, password: str = "premier-mot-de-passe") -> None:
    page = wizard.admin_page
    type_into(qtbot, page.login, "slemaire")
    type_into(qtbot, page.full_name, "Sophie Lemaire")
    type_into(qtbot, page.grade, "Directrice de police municipale")
    type_into(qtbot, page.password, password)
    type_into(qtbot, page.confirm, password)


def click_next(qtbot, wizard: SetupWizard) -> None:
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)


def test_an_empty_folder_starts_the_wizard_which_creates_the_station(station_dir, deps, french, qtbot):
    gate = build_gate(station_dir, deps)
    shell = Shell(gate)
    wizard = shell.begin()
    qtbot.addWidget(wizard)
    assert isinstance(wizard, SetupWizard)
    assert wizard.windowTitle() == "Vigie \u2014 Nouveau poste"
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    fill_service(qtbot, wizard)
    click_next(qtbot, wizard)
    fill_admin(qtbot, wizard)
    click_next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.code_page, timeout=10_000)
    code = wizard.code_page.code.text()
    assert re.fullmatch(r"([A-Z2-9]{5}-){5}[A-Z2-9]{5}", code)
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert not finish.isEnabled()  # not before the code is declared kept
    wizard.code_page.kept.setChecked(True)
    assert finish.isEnabled()
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shell.window is not None, timeout=5_000)
    assert shell.window.services.station.details.commune == "Montclair-sur-Vienne"
    shell.shutdown()  # the window closes and retention, started behind it, ends
    gate.close()
    # The recovery code shown is the one that opens the station.
    again = build_gate(station_dir, deps)
    assert again.recover(code, "slemaire", "nouveau-mot-de-passe").login == "slemaire"
    again.close()


def test_passwords_that_differ_are_refused(station_dir, deps, french, tasks, qtbot):
    wizard = SetupWizard(build_gate(station_dir, deps), tasks)
    qtbot.addWidget(wizard)
    wizard.show()
    fill_service(qtbot, wizard)
    click_next(qtbot, wizard)
    fill_admin(qtbot, wizard)
    type_into(qtbot, wizard.admin_page.confirm, "autre-mot-de-passe")
    click_next(qtbot, wizard)
    assert wizard.admin_page.message.text() == "Les deux mots de passe sont différents."
    assert not StationPaths(station_dir).is_station()
