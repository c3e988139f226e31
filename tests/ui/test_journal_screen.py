"""The supervisor's journal screen: read by the mayor, filtered, fetched lazily, exported, verified."""

from __future__ import annotations

import csv
from datetime import timedelta

import pytest
from pypdf import PdfReader

from app.audit import verify
from app.audit.extract import manifest_path
from app.errors import BadCredentials
from app.qt import QLabel, Qt
from app.services.journal import PAGE_SIZE
from app.ui.journal.screen import COLUMNS
from tests.conftest import ADMIN_PASSWORD
from tests.test_journal_support import write_entries
from tests.ui.conftest import AGENT_PASSWORD, MAYOR_PASSWORD
from tests.ui.helpers import log_in, type_into


def journal_page(qtbot, shell, login="maire", password=MAYOR_PASSWORD):
    window = log_in(qtbot, shell, login, password)
    # Retention runs in the background once the window is up; let it write its entry first.
    qtbot.waitUntil(lambda: shell.purge_task is None, timeout=10_000)
    page = window.show_module("journal")
    qtbot.waitUntil(lambda: page.searched and not page.is_busy, timeout=10_000)
    return page


def search(qtbot, page) -> None:
    qtbot.mouseClick(page.search_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.is_busy, timeout=10_000)


def shown_column(page, name: str) -> list[str]:
    column = [key for key, _label in COLUMNS].index(name)
    model = page.model
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def test_the_mayor_reads_the_journal_and_sees_her_own_login_and_consultation(qtbot, shell):
    page = journal_page(qtbot, shell)
    operations = shown_column(page, "operation")
    assert "Connexion" in operations
    assert "maire" in shown_column(page, "login")
    assert "entrées correspondantes" in page.count_label.text()
    # Opening the journal is itself a consultation of the journal, written in it.
    def consultations():
        return [(op, comp) for op, comp in zip(shown_column(page, "operation"), shown_column(page, "compartment"))
                if op == "Consultation"]

    before = consultations()
    search(qtbot, page)
    assert consultations() == [("Consultation", "Journal des accès"), *before]


def test_filters_by_operation_and_user_keep_only_matching_entries(qtbot, shell, station):
    # The agent mistypes once; the mayor then looks for failed logins.
    with pytest.raises(BadCredentials):
        station.login("lpetit", "not-the-password-at-all")
    page = journal_page(qtbot, shell)
    page.operation_choice.setCurrentIndex(page.operation_choice.findData("login_failed"))
    search(qtbot, page)
    assert set(shown_column(page, "operation")) == {"Échec de connexion"}
    assert shown_column(page, "login") == ["lpetit"]
    station_column = [key for key, _title in page.model.COLUMNS].index("station")
    assert page.table.isColumnHidden(station_column)  # a station alone: no column repeating its name
    page.operation_choice.setCurrentIndex(0)
    type_into(qtbot, page.login_field, "lpetit")
    search(qtbot, page)
    assert set(shown_column(page, "login")) == {"lpetit"}


def test_the_list_fetches_the_next_page_only_when_scrolled_to(qtbot, shell, station, clock):
    write_entries(station, clock, 3 * PAGE_SIZE + 10, step=timedelta(seconds=1))
    page = journal_page(qtbot, shell)
    assert page.model.rowCount() == PAGE_SIZE
    assert page.model.total > 3 * PAGE_SIZE
    assert page.model.pages_fetched == 1
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() > PAGE_SIZE, timeout=5_000)
    assert page.model.pages_fetched == 2
    seqs = [int(s) for s in shown_column(page, "seq")]
    assert seqs == sorted(seqs, reverse=True) and len(set(seqs)) == len(seqs)


def test_an_empty_period_says_so(qtbot, shell):
    page = journal_page(qtbot, shell)
    page.start_date.set_value(page.start_date.value() - timedelta(days=3 * 365))
    page.end_date.set_value(page.start_date.value() + timedelta(days=1))
    search(qtbot, page)
    assert page.model.rowCount() == 0
    assert page.count_label.text() == "Aucune entrée ne correspond à ces filtres."


def export_through_the_dialogs(qtbot, page, fmt, path, motive_details="Demande de la CNIL n° 2026-118"):
    button = page.export_pdf_button if fmt == "pdf" else page.export_csv_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    # The station's pick list of motives is read first, through the task manager.
    qtbot.waitUntil(lambda: page.motive_dialog is not None and page.motive_dialog.isVisible(), timeout=10_000)
    dialog = page.motive_dialog
    # No motive: the dialog refuses and says why.
    qtbot.mouseClick(dialog.submit, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.message.text() == "Choisissez un motif ou saisissez-le."
    dialog.choice.setCurrentIndex(1)
    type_into(qtbot, dialog.details, motive_details)
    qtbot.mouseClick(dialog.submit, Qt.MouseButton.LeftButton)
    files = page.file_dialog
    qtbot.waitUntil(lambda: files is not None and files.isVisible())
    files.selectFile(str(path))
    files.accept()
    qtbot.waitUntil(lambda: page.outcome.isVisible() or page.message.isVisible(), timeout=20_000)
    assert not page.message.isVisible(), page.message.text()
    return dialog.choice.itemText(1)


def test_the_mayor_exports_a_pdf_extract_that_reads_in_french_and_verifies(qtbot, shell, tmp_path):
    page = journal_page(qtbot, shell)
    path = tmp_path / "extrait-journal.pdf"
    motive = export_through_the_dialogs(qtbot, page, "pdf", path)
    assert path.exists() and manifest_path(path).exists()
    report = verify.verify_extract(path)
    assert report.ok
    text = "\n".join(p.extract_text() for p in PdfReader(path).pages)
    assert "Extrait du journal des accès" in text
    assert "Police municipale de Montclair-sur-Vienne" in text
    assert motive in text and "Demande de la CNIL n° 2026-118" in text
    assert "Page 1/" in text
    fingerprint = page.journal.station_key().readable_fingerprint
    assert fingerprint in page.outcome.text()


def test_a_csv_extract_from_the_screen_holds_what_the_screen_showed(qtbot, shell, tmp_path):
    page = journal_page(qtbot, shell)
    path = tmp_path / "extrait.csv"
    export_through_the_dialogs(qtbot, page, "csv", path)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    exported = {row["seq"] for row in rows}
    assert set(shown_column(page, "seq")) <= exported
    # Beside the codes, the entry in the words the screen shows.
    assert "Utilisateur lpetit" in {row["record_label"] for row in rows}
    assert "Connexion" in {row["operation_label"] for row in rows}
    assert verify.verify_extract(path).ok


def test_an_export_that_cannot_be_written_says_why_and_leaves_nothing(qtbot, shell, tmp_path):
    page = journal_page(qtbot, shell)
    page.export_to("csv", str(tmp_path / "missing-folder" / "extrait.csv"), "Contrôle interne")
    qtbot.waitUntil(lambda: not page.is_busy, timeout=10_000)
    assert page.message.isVisible()
    assert "Rien n'a été exporté" in page.message.text()
    assert not (tmp_path / "missing-folder").exists()


def test_verifying_the_whole_journal_from_the_screen(qtbot, shell):
    page = journal_page(qtbot, shell)
    qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.outcome.isVisible(), timeout=10_000)
    assert page.outcome.text().startswith("Le journal est intègre")


def test_an_agent_has_no_journal_module(qtbot, shell):
    window = log_in(qtbot, shell, "lpetit", AGENT_PASSWORD)
    assert "journal" not in window.page_keys


def test_administration_shows_the_station_signing_key_fingerprint(qtbot, shell, station):
    window = log_in(qtbot, shell, "admin", ADMIN_PASSWORD)
    page = window.show_module("administration")
    key = station.services.journal.station_key()
    label = page.findChild(QLabel, "stationFingerprint")
    # The key is read in a worker, beside the other tabs' first reads.
    qtbot.waitUntil(lambda: label.text() == key.readable_fingerprint, timeout=10_000)
    assert len(key.fingerprint) == 64
