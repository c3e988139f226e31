"""Écrits on screen: a PV written from a main courante entry, signed, locked, corrected, sent, saved as PDF."""

from __future__ import annotations

from datetime import timedelta

from pypdf import PdfReader

from app.models.writings import WritingStatus
from app.qt import QApplication, Qt
from app.logbook.types import EntryData
from tests.conftest import journal_entries
from tests.ui.conftest import AGENT_PASSWORD
from tests.ui.helpers import log_in, type_into


def writings_page(qtbot, shell):
    window = log_in(qtbot, shell, "lpetit", AGENT_PASSWORD)
    qtbot.waitUntil(lambda: shell.purge_task is None, timeout=10_000)
    return window, window.show_module("ecrits")


def an_entry(station) -> str:
    services = station.services
    agent = services.accounts.authenticate("lpetit", AGENT_PASSWORD)
    saved = services.logbook.create(agent, EntryData(
        requested_at=services.station.clock.now() - timedelta(hours=1), channel="patrol",
        nature_code=services.logbook.natures(agent)[0].code, subject="Dépôt sauvage d'encombrants",
        address="chemin des Vignes", facts="Un canapé et trois sacs de gravats déposés au bord du chemin."))
    return saved.entry.id


def test_a_pv_written_from_an_entry_is_signed_locked_and_corrected_by_an_addendum(qtbot, shell, station):
    entry_id = an_entry(station)
    window, page = writings_page(qtbot, shell)
    # "Rédiger un rapport / PV" from the main courante opens a draft prefilled from the entry.
    logbook = window.show_module("main_courante")
    qtbot.waitUntil(lambda: logbook.loaded and not logbook.is_busy, timeout=10_000)
    entry = logbook.open_entry(entry_id)
    qtbot.mouseClick(entry.writing_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(page.open_dialogs))
    dialog = page.open_dialogs[-1]
    assert dialog.document.status == WritingStatus.DRAFT
    assert "canapé" in dialog.facts.toPlainText()
    assert dialog.document.logbook_number
    type_into(qtbot, dialog.natinf_query, "depot")
    qtbot.keyClick(dialog.natinf_query, Qt.Key.Key_Return)
    assert dialog.natinf_results.count() > 0
    dialog.natinf_results.setCurrentRow(0)
    dialog._add_code(dialog.natinf_results.item(0))
    assert dialog.codes.text()
    assert dialog.save(), dialog.message.text()

    signing = dialog.start_signing()
    type_into(qtbot, signing.password, "not-my-password-at-all")
    qtbot.mouseClick(signing.submit, Qt.MouseButton.LeftButton)
    assert dialog.document.status == WritingStatus.DRAFT
    assert "Mot de passe incorrect" in dialog.message.text()
    signing = dialog.start_signing()
    type_into(qtbot, signing.password, AGENT_PASSWORD)
    qtbot.mouseClick(signing.submit, Qt.MouseButton.LeftButton)
    assert dialog.document.status == WritingStatus.SIGNED
    assert dialog.facts.isReadOnly() and not dialog.save_button.isVisible()
    assert dialog.document.content_hash in dialog.state.text()
    assert not dialog.save()
    assert "additif" in dialog.message.text()

    addendum = dialog.start_addendum()
    addendum.text.setPlainText("Il convient de lire « trois sacs » et non « deux sacs ».")
    type_into(qtbot, addendum.password, AGENT_PASSWORD)
    qtbot.mouseClick(addendum.submit, Qt.MouseButton.LeftButton)
    assert "Additif 1" in dialog.follow_up.text()

    sending = dialog.start_transmission()
    type_into(qtbot, sending.name, "OPJ de la brigade de Montclair")
    qtbot.mouseClick(sending.ok_button, Qt.MouseButton.LeftButton)
    assert "OPJ de la brigade de Montclair" in dialog.follow_up.text()
    transmissions = [e for e in journal_entries(station) if e.operation == "transmit"]
    assert transmissions and "OPJ de la brigade de Montclair" in transmissions[-1].recipient


def test_a_draft_saved_as_pdf_carries_the_watermark_and_the_save_is_journaled(qtbot, shell, station, tmp_path):
    _window, page = writings_page(qtbot, shell)
    qtbot.waitUntil(lambda: page.loaded)
    dialog = page.new_document("pv_constatation")
    type_into(qtbot, dialog.subject, "Stationnement gênant")
    dialog.facts.setPlainText("Véhicule stationné sur le trottoir devant l'école.")
    assert dialog.save(), dialog.message.text()
    assert page.table.rowCount() == 1
    path = tmp_path / "pv.pdf"
    assert dialog.save_pdf(str(path), "Envoi au parquet")
    text = "\n".join(p.extract_text() for p in PdfReader(path).pages)
    assert "PROJET" in text and dialog.document.number in text
    printed = [e for e in journal_entries(station) if e.operation == "print"]
    assert printed and printed[-1].motive == "Envoi au parquet"
    preview = dialog.show_preview()
    assert preview.page_count >= 1
