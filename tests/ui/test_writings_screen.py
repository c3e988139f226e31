"""Écrits on screen: a PV written from a main courante entry, signed, locked, corrected, sent, saved as PDF."""

from __future__ import annotations

from datetime import timedelta

from pypdf import PdfReader

from app.logbook.types import EntryData
from app.models.writings import WritingStatus
from app.qt import QApplication, QFileDialog, QLabel, Qt
from app.ui.logbook.screen import LogbookPage
from app.ui.writings.screen import WritingsPage
from tests.conftest import journal_entries
from tests.ui.conftest import AGENT_PASSWORD
from tests.ui.helpers import type_into, type_text
from tests.ui.test_logbook_threads import off_gui_thread, tasks  # noqa: F401 - tasks is a fixture


def writings_page(qtbot, station, tasks):
    """The Écrits page and the main courante's, linked as the main window links them."""
    services, calls = off_gui_thread(station.services)
    actor = station.services.accounts.authenticate("lpetit", AGENT_PASSWORD)
    page = WritingsPage(services, actor, tasks)
    logbook = LogbookPage(services, actor, tasks)
    for widget in (page, logbook):
        widget.gui_calls = calls
        qtbot.addWidget(widget)
    logbook.writing_opener = lambda entry_id: page.new_document(page.kind_choice.currentData(), from_entry=entry_id)
    page.show()
    qtbot.waitUntil(lambda: page.loaded and not page.is_busy, timeout=10_000)
    return logbook, page


def settled(qtbot, widget):
    qtbot.waitUntil(lambda: not widget.is_busy, timeout=10_000)


def an_entry(station) -> str:
    services = station.services
    agent = services.accounts.authenticate("lpetit", AGENT_PASSWORD)
    saved = services.logbook.create(agent, EntryData(
        requested_at=services.station.clock.now() - timedelta(hours=1), channel="patrol",
        nature_code=services.logbook.natures(agent)[0].code, subject="Dépôt sauvage d'encombrants",
        address="chemin des Vignes", facts="Un canapé et trois sacs de gravats déposés au bord du chemin."))
    return saved.entry.id


def sign_with(qtbot, dialog, password):
    dialog.password_dialog = None
    dialog.start_signing()
    qtbot.waitUntil(lambda: dialog.password_dialog is not None and dialog.password_dialog.isVisible(),
                    timeout=10_000)
    signing = dialog.password_dialog
    type_into(qtbot, signing.password, password)
    qtbot.mouseClick(signing.submit, Qt.MouseButton.LeftButton)
    settled(qtbot, dialog)


def test_a_pv_written_from_an_entry_is_signed_locked_and_corrected_by_an_addendum(qtbot, station, tasks):
    entry_id = an_entry(station)
    logbook, page = writings_page(qtbot, station, tasks)
    # "Rédiger un rapport / PV" from the main courante opens a draft prefilled from the entry.
    entry = logbook.open_entry(entry_id)
    qtbot.waitUntil(lambda: entry.ready, timeout=10_000)
    qtbot.mouseClick(entry.writing_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(page.open_dialogs) and page.open_dialogs[-1].document is not None, timeout=10_000)
    dialog = page.open_dialogs[-1]
    assert dialog.document.status == WritingStatus.DRAFT
    assert "canapé" in dialog.facts.toPlainText()
    assert dialog.document.logbook_number
    type_into(qtbot, dialog.natinf_query, "depot")
    qtbot.keyClick(dialog.natinf_query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.natinf_results.count() > 0, timeout=10_000)
    dialog.natinf_results.setCurrentRow(0)
    dialog._add_code(dialog.natinf_results.item(0))
    assert dialog.codes.text()
    assert dialog.save()
    assert not dialog.save()  # a second save while the first runs starts nothing
    settled(qtbot, dialog)
    assert not dialog.message.isVisible(), dialog.message.text()

    sign_with(qtbot, dialog, "not-my-password-at-all")
    assert dialog.document.status == WritingStatus.DRAFT
    assert "Mot de passe incorrect" in dialog.message.text()
    sign_with(qtbot, dialog, AGENT_PASSWORD)
    assert dialog.document.status == WritingStatus.SIGNED
    assert dialog.facts.isReadOnly() and not dialog.save_button.isVisible()
    assert dialog.document.content_hash in dialog.state.text()
    assert not dialog.save()
    assert "additif" in dialog.message.text()

    addendum = dialog.start_addendum()
    addendum.text.setPlainText("Il convient de lire « trois sacs » et non « deux sacs ».")
    type_into(qtbot, addendum.password, AGENT_PASSWORD)
    qtbot.mouseClick(addendum.submit, Qt.MouseButton.LeftButton)
    settled(qtbot, dialog)
    assert "Additif 1" in dialog.follow_up.text()

    sending = dialog.start_transmission()
    type_into(qtbot, sending.name, "OPJ de la brigade de Montclair")
    qtbot.mouseClick(sending.ok_button, Qt.MouseButton.LeftButton)
    settled(qtbot, dialog)
    assert "OPJ de la brigade de Montclair" in dialog.follow_up.text()
    transmissions = [e for e in journal_entries(station) if e.operation == "transmit"]
    assert transmissions and "OPJ de la brigade de Montclair" in transmissions[-1].recipient
    qtbot.waitUntil(lambda: page.table.rowCount() == 1 and not page.is_busy, timeout=5_000)
    assert page.gui_calls == []


def test_a_draft_saved_as_pdf_carries_the_watermark_and_the_save_is_journaled(qtbot, station, tasks, tmp_path):
    _logbook, page = writings_page(qtbot, station, tasks)
    page.new_document("pv_constatation")
    dialog = page.open_dialogs[-1]
    assert dialog.document is None and not dialog.pdf_button.isVisible()  # nothing recorded, no number taken
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    type_into(qtbot, dialog.subject, "Stationnement gênant")
    dialog.facts.setPlainText("Véhicule stationné sur le trottoir devant l'école.")
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.saving
    settled(qtbot, dialog)
    assert dialog.document.subject == "Stationnement gênant"
    qtbot.waitUntil(lambda: page.table.rowCount() == 1 and page.table.item(0, 4).text() == "Stationnement gênant",
                    timeout=5_000)
    type_text(qtbot, dialog.subject, " très gênant")  # saved again by its button, not the shortcut
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.saving
    settled(qtbot, dialog)
    assert dialog.document.subject == "Stationnement gênant très gênant"
    path = tmp_path / "pv.pdf"
    dialog.save_pdf(str(path), "Envoi au parquet")
    settled(qtbot, dialog)
    assert not dialog.message.isVisible(), dialog.message.text()
    pages = len(PdfReader(path).pages)
    assert dialog.notice.text() == (f"Enregistré\u00a0: {path} ({pages} page{'s' if pages > 1 else ''}). L'export est "
                                    "inscrit au journal des accès.")
    text = "\n".join(p.extract_text() for p in PdfReader(path).pages)
    assert "PROJET" in text and dialog.document.number in text
    printed = [e for e in journal_entries(station) if e.operation == "print"]
    assert printed and printed[-1].motive == "Envoi au parquet"
    dialog.show_preview()
    qtbot.waitUntil(lambda: getattr(dialog, "preview", None) is not None, timeout=10_000)
    assert dialog.preview.page_count >= 1
    assert page.gui_calls == []


def test_the_pdf_motive_is_asked_as_the_station_rule_says(qtbot, station, tasks):
    """Where printing needs a motive, the dialog says so and keeps the officer there until one is given (the
    refusal came only after the file was chosen); where it does not, Continuer goes on without one."""
    _logbook, page = writings_page(qtbot, station, tasks)
    page.new_document("pv_constatation")
    dialog = page.open_dialogs[-1]
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    type_into(qtbot, dialog.subject, "Dépôt sauvage")
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    settled(qtbot, dialog)
    qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(dialog, "motive_dialog", None) is not None and dialog.motive_dialog.isVisible())
    asked = dialog.motive_dialog
    assert "inscrite au journal des accès avec son motif" in asked.findChild(QLabel, "motiveIntro").text()
    qtbot.mouseClick(asked.submit, Qt.MouseButton.LeftButton)
    assert asked.isVisible() and asked.message.text() == "Choisissez un motif ou saisissez-le."
    qtbot.keyClick(asked, Qt.Key.Key_Escape)
    assert not asked.isVisible()

    station.services.settings.change(station.admin, {"motive_required_for": ["search_person", "export"]})
    qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.motive_dialog is not asked and dialog.motive_dialog.isVisible())
    optional = dialog.motive_dialog
    assert "Vous pouvez indiquer un motif" in optional.findChild(QLabel, "motiveIntro").text()
    qtbot.mouseClick(optional.submit, Qt.MouseButton.LeftButton)
    assert not optional.isVisible() and optional.result() == optional.DialogCode.Accepted
    file_dialog = dialog.findChild(QFileDialog, "writingPdfFile")
    assert file_dialog is not None and file_dialog.isVisible()
    file_dialog.reject()
