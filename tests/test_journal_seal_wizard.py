"""The first-run wizard shows the journal verification code beside the recovery code, once."""

from __future__ import annotations

from app.bootstrap import build_gate
from app.crypto import verification_code
from app.qt import QLabel
from app.ui.application import Shell
from app.ui.wizard import SetupWizard
from tests.ui.test_wizard import click_next, fill_admin, fill_service


def test_the_wizard_shows_the_journal_verification_code_that_verifies_the_station(station_dir, deps, qtbot):
    gate = build_gate(station_dir, deps)
    shell = Shell(gate)
    wizard = shell.begin()
    qtbot.addWidget(wizard)
    assert isinstance(wizard, SetupWizard)
    fill_service(qtbot, wizard)
    click_next(qtbot, wizard)
    fill_admin(qtbot, wizard)
    click_next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.findChild(QLabel, "journalVerificationCode") is not None, timeout=10_000)
    shown = wizard.findChild(QLabel, "journalVerificationCode")
    assert shown.isVisibleTo(wizard.code_page) and wizard.currentPage() is wizard.code_page
    station = gate.opened().station
    assert station.journal.take_verification_code() == ""  # shown once, kept nowhere
    from app.audit import sealstate, sealverify

    report = sealverify.verify_sealed(station.engine, station.id, sealstate.state_path(station.paths.database),
                                      verification_code.decode(shown.text()))
    assert report.ok and report.sealed, report.findings
    shell.shutdown()
    gate.close()
