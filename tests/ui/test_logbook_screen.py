"""The main courante as an officer uses it: typing an entry, saving, reopening, people, files, search, drafts.

The page is built as the main window builds it, on the application's task
manager, over services that fail any call made on the GUI thread.
"""

from __future__ import annotations

import io
from dataclasses import fields
from datetime import UTC, datetime, timedelta

from PIL import Image

from app.errors import StorageFailed
from app.logbook.types import EntryData, Saved
from app.qt import QApplication, QFont, Qt
from app.ui.dates import local_time
from app.ui.logbook import entry as logbook_entry
from app.ui.logbook.screen import LogbookPage
from app.ui.widgets import MARKED
from tests.conftest import journal_entries
from tests.ui.conftest import AGENT_PASSWORD
from tests.ui.helpers import type_into
from tests.ui.test_logbook_threads import off_gui_thread, tasks  # noqa: F401 - tasks is a fixture


def logbook_page(qtbot, station, tasks):
    services, calls = off_gui_thread(station.services)
    actor = station.services.accounts.authenticate("lpetit", AGENT_PASSWORD)
    page = LogbookPage(services, actor, tasks)
    page.gui_calls = calls
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.loaded and not page.is_busy, timeout=10_000)
    # Shortcuts reach the active window, as they do on the station's screen.
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    return page


def new_entry(qtbot, page):
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(page.open_dialogs))
    dialog = page.open_dialogs[-1]
    qtbot.waitUntil(lambda: dialog.ready and dialog.isVisible() and QApplication.activeWindow() is dialog)
    return dialog


def opened(qtbot, page, entry_id):
    dialog = page.open_entry(entry_id)
    qtbot.waitUntil(lambda: dialog.ready, timeout=5_000)
    return dialog


def fill_required(qtbot, dialog, subject="Stationnement gênant devant l'école Jules-Ferry"):
    dialog.nature.setCurrentIndex(1)
    type_into(qtbot, dialog.subject, subject)
    type_into(qtbot, dialog.address, "12 rue Victor-Hugo")


def save(qtbot, dialog):
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.saving and not dialog.save_button.isEnabled()  # shown while it runs, in the background
    qtbot.waitUntil(lambda: not dialog.is_busy, timeout=10_000)


def some_entries(station, count: int) -> None:
    services = station.services
    agent = services.accounts.authenticate("lpetit", AGENT_PASSWORD)
    nature = services.logbook.natures(agent)[0].code
    now = services.station.clock.now()
    for number in range(count):
        services.logbook.create(agent, EntryData(
            requested_at=now - timedelta(minutes=number), channel="phone", nature_code=nature,
            subject=f"Appel n° {number} : tapage nocturne", address="place du Marché"))


def test_an_officer_types_saves_reopens_and_edits_an_entry_with_its_history(qtbot, station, tasks):
    page = logbook_page(qtbot, station, tasks)
    dialog = new_entry(qtbot, page)
    fill_required(qtbot, dialog)
    dialog.facts.setPlainText("Véhicule AB-123-CD sur le passage piéton.")
    dialog.assessments.setPlainText("Gêne manifeste à la sortie des classes.")
    save(qtbot, dialog)
    assert not dialog.message.isVisible(), dialog.message.text()
    number = dialog.entry.number
    assert dialog.header.text() == f"Main courante {number}"
    qtbot.waitUntil(lambda: page.today_model.rowCount() == 1 and not page.is_busy, timeout=5_000)
    dialog.close()

    page.today_table.setFocus()
    page.today_table.selectRow(0)
    qtbot.keyClick(page.today_table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(page.open_dialogs) and page.open_dialogs[-1].ready)
    reopened = page.open_dialogs[-1]
    assert reopened.subject.text() == "Stationnement gênant devant l'école Jules-Ferry"
    assert reopened.facts.toPlainText() == "Véhicule AB-123-CD sur le passage piéton."
    assert reopened.assessments.toPlainText() == "Gêne manifeste à la sortie des classes."
    assert reopened.history_list.count() == 1
    consulted = [e.id for e in journal_entries(station) if e.operation == "consult" and e.detail == "history"]
    type_into(qtbot, reopened.subject, "Stationnement très gênant devant l'école")
    save(qtbot, reopened)
    assert reopened.entry.version == 2
    assert reopened.subject.text() == "Stationnement très gênant devant l'école"
    # The save's own result shows; the history is not read (nor journaled as consulted) again.
    assert [e.id for e in journal_entries(station) if e.operation == "consult" and e.detail == "history"] == consulted
    if "history_item" in {f.name for f in fields(Saved)}:
        assert reopened.history_list.count() == 2
        assert "objet" in reopened.history_list.item(0).text().lower()
        reopened.history_list.setCurrentRow(1)
    else:
        assert reopened.history_list.count() == 1
        reopened.history_list.setCurrentRow(0)
    assert "Stationnement gênant devant l'école Jules-Ferry" in reopened.history_view.toPlainText()
    assert page.gui_calls == []


def test_a_missing_subject_is_marked_and_nothing_is_saved(qtbot, station, tasks):
    page = logbook_page(qtbot, station, tasks)
    dialog = new_entry(qtbot, page)
    dialog.nature.setCurrentIndex(1)
    save(qtbot, dialog)
    assert dialog.entry is None
    assert dialog.subject.styleSheet() == MARKED
    assert dialog.message.isVisible() and "objet" in dialog.message.text().lower()
    assert station.services.logbook.count(page.actor) == 0


def test_an_end_before_the_start_is_refused(qtbot, station, tasks):
    page = logbook_page(qtbot, station, tasks)
    dialog = new_entry(qtbot, page)
    fill_required(qtbot, dialog)
    start = station.services.station.clock.now()
    type_into(qtbot, dialog.started_at, local_time(start))
    type_into(qtbot, dialog.ended_at, local_time(start - timedelta(hours=1)).replace("/", "").replace(":", ""))
    save(qtbot, dialog)
    assert dialog.entry is None
    assert dialog.ended_at.styleSheet() == MARKED
    assert "précède son début" in dialog.message.text()


def test_a_date_far_ahead_warns_and_a_second_save_keeps_it(qtbot, station, tasks):
    page = logbook_page(qtbot, station, tasks)
    dialog = new_entry(qtbot, page)
    fill_required(qtbot, dialog)
    type_into(qtbot, dialog.requested_at, local_time(station.services.station.clock.now() + timedelta(days=400)))
    save(qtbot, dialog)
    assert dialog.entry is None
    assert dialog.warning.isVisible() and "futur" in dialog.warning.text()
    save(qtbot, dialog)
    assert dialog.entry is not None


def test_a_corrected_field_loses_its_mark_and_a_corrected_date_its_warning(qtbot, station, tasks):
    page = logbook_page(qtbot, station, tasks)
    dialog = new_entry(qtbot, page)
    type_into(qtbot, dialog.subject, "Chien errant place du Marché")
    save(qtbot, dialog)
    assert dialog.entry is None and dialog.nature.styleSheet() == MARKED
    dialog.nature.setFocus()
    qtbot.keyClick(dialog.nature, Qt.Key.Key_Down)  # a nature chosen with the keyboard
    assert dialog.nature.currentIndex() == 1 and dialog.nature.styleSheet() == ""
    type_into(qtbot, dialog.requested_at, local_time(station.services.station.clock.now() + timedelta(days=400)))
    save(qtbot, dialog)
    assert dialog.entry is None and dialog.warning.isVisible()
    type_into(qtbot, dialog.requested_at, local_time(station.services.station.clock.now()))
    assert not dialog.warning.isVisible()  # "press Save again to save as it is" no longer holds


def test_long_text_emoji_and_right_to_left_names_come_back_intact(qtbot, station, tasks):
    page = logbook_page(qtbot, station, tasks)
    dialog = new_entry(qtbot, page)
    fill_required(qtbot, dialog, subject="Rixe signalée \U0001F6A8 par \u0645\u062d\u0645\u062f \u0627\u0644\u0639\u0644\u064a")
    long_text = ("Rapport de nuit. " * 6_000)[:100_000]
    dialog.facts.setPlainText(long_text)
    save(qtbot, dialog)
    entry_id = dialog.entry.id
    dialog.close()
    again = opened(qtbot, page, entry_id)
    assert again.subject.text() == "Rixe signalée \U0001F6A8 par \u0645\u062d\u0645\u062f \u0627\u0644\u0639\u0644\u064a"
    assert again.facts.toPlainText() == long_text


def test_people_are_added_to_the_entry_with_their_role(qtbot, station, tasks):
    page = logbook_page(qtbot, station, tasks)
    dialog = new_entry(qtbot, page)
    fill_required(qtbot, dialog)
    save(qtbot, dialog)
    person = dialog.edit_person(None)
    person.role.setCurrentIndex(person.role.findData("victim"))
    type_into(qtbot, person.last_name, "Martin")
    type_into(qtbot, person.first_names, "Élodie")
    qtbot.mouseClick(person.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not person.isVisible(), timeout=5_000)
    assert dialog.people_list.count() == 1
    assert dialog.people_list.item(0).text().startswith("Victime — MARTIN Élodie")
    assert dialog.tabs.tabText(1) == "Personnes (1)"
    assert dialog.entry.version == 2


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (30, 80, 160)).save(buffer, "PNG")
    return buffer.getvalue()


def test_a_photo_is_attached_with_its_thumbnail_and_a_fake_one_is_refused(qtbot, station, tasks, tmp_path):
    page = logbook_page(qtbot, station, tasks)
    dialog = new_entry(qtbot, page)
    fill_required(qtbot, dialog)
    assert not dialog.add_file_button.isEnabled()
    save(qtbot, dialog)
    photo = tmp_path / "vehicule.png"
    photo.write_bytes(png_bytes())
    fake = tmp_path / "facture.pdf"
    fake.write_bytes(b"not a pdf at all, just text")
    dialog.attach_paths([str(photo), str(fake)])
    qtbot.waitUntil(lambda: not dialog.is_busy, timeout=10_000)
    assert dialog.files.count() == 1
    item = dialog.files.item(0)
    assert item.text().startswith("vehicule.png\nPhoto")
    assert not item.icon().isNull()
    assert "facture.pdf" in dialog.message.text() and "ne correspond pas" in dialog.message.text()


def test_the_whole_log_fetches_its_rows_a_page_at_a_time(qtbot, station, tasks):
    some_entries(station, 130)
    page = logbook_page(qtbot, station, tasks)
    page.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: page.all_model.pages_fetched == 1 and not page.is_busy, timeout=10_000)
    assert page.all_model.rowCount() == 100
    assert page.all_label.text() == "130 mains courantes correspondent."
    page.all_table.scrollToBottom()
    assert page.all_model.fetching  # the next page is on its way, off the GUI thread
    qtbot.waitUntil(lambda: page.all_model.rowCount() == 130, timeout=5_000)
    assert page.all_model.pages_fetched == 2
    assert page.gui_calls == []


def test_a_month_typed_in_summer_begins_at_midnight_of_its_first_day_in_winter_time(
        paris, qtbot, station, tasks, clock):
    clock.current = datetime(2026, 4, 2, 8, 0, tzinfo=UTC)  # 10:00 in Paris, summer time
    services = station.services
    agent = services.accounts.authenticate("lpetit", AGENT_PASSWORD)
    nature = services.logbook.natures(agent)[0].code
    for at, subject in ((datetime(2026, 2, 28, 22, 30, tzinfo=UTC), "Le 28 février à 23 h 30"),
                        (datetime(2026, 2, 28, 23, 30, tzinfo=UTC), "Le 1er mars à 0 h 30")):
        services.logbook.create(agent, EntryData(requested_at=at, channel="phone", nature_code=nature,
                                                 subject=subject, address="place du Marché"))
    page = logbook_page(qtbot, station, tasks)
    page.tabs.setCurrentIndex(1)
    type_into(qtbot, page.start_date, "01/03/2026")
    type_into(qtbot, page.end_date, "31/03/2026")
    qtbot.mouseClick(page.filter_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.all_label.text() == "1 main courante correspond." and not page.is_busy,
                    timeout=20_000)
    assert [row.subject for row in page.all_model.rows] == ["Le 1er mars à 0 h 30"]


def test_a_page_of_the_whole_log_that_cannot_be_read_is_said_and_read_at_the_next_scroll(
        qtbot, station, tasks, monkeypatch):
    some_entries(station, 130)
    logbook = station.services.logbook
    read_page = logbook.list_page
    failed: list[object] = []

    def unplugged_once(actor, filters, after=None):
        if after is not None and not failed:
            failed.append(after)
            raise StorageFailed(path="vigie.db", reason="disk I/O error")
        return read_page(actor, filters, after=after)

    monkeypatch.setattr(logbook, "list_page", unplugged_once)
    page = logbook_page(qtbot, station, tasks)
    page.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: page.all_model.pages_fetched == 1 and not page.is_busy, timeout=10_000)
    with qtbot.waitSignal(page.all_model.fetch_failed, timeout=5_000):
        page.all_table.scrollToBottom()
    assert page.message.isVisible() and "vigie.db" in page.message.text()
    assert page.all_model.rowCount() == 100
    page.all_table.scrollToTop()
    page.all_table.scrollToBottom()
    qtbot.waitUntil(lambda: page.all_model.rowCount() == 130, timeout=5_000)
    assert len(failed) == 1 and page.all_model.pages_fetched == 2
    assert page.gui_calls == []


def test_searching_words_then_a_person_who_needs_a_motive(qtbot, station, tasks):
    services = station.services
    agent = services.accounts.authenticate("lpetit", AGENT_PASSWORD)
    from app.logbook.types import PersonData

    services.logbook.create(agent, EntryData(
        requested_at=services.station.clock.now(), channel="counter",
        nature_code=services.logbook.natures(agent)[0].code, subject="Chien errant square Pasteur"),
        people=[PersonData(role="requester", last_name="Lefèvre", first_names="Jeanne")])
    page = logbook_page(qtbot, station, tasks)
    qtbot.keyClick(page, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search_field.hasFocus()
    qtbot.keyClicks(page.search_field, "chien errant")
    qtbot.keyClick(page.search_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not page.is_busy and page.search_model.rowCount() == 1, timeout=5_000)
    # The name is not found by a plain search: a person is looked for only with a motive.
    type_into(qtbot, page.search_field, "Lefevre")
    qtbot.keyClick(page.search_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not page.is_busy and page.search_model.rowCount() == 0, timeout=5_000)
    page.person_search.setChecked(True)
    qtbot.keyClick(page.search_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.motive_dialog is not None and page.motive_dialog.isVisible())
    dialog = page.motive_dialog
    dialog.choice.setCurrentIndex(1)
    qtbot.mouseClick(dialog.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.is_busy and page.search_model.rowCount() == 1, timeout=5_000)
    searches = [e for e in journal_entries(station) if e.operation == "search" and e.detail == "person search"]
    assert searches and searches[-1].motive == dialog.choice.itemText(1)


def test_typing_interrupted_by_a_crash_is_offered_again_at_the_next_login(qtbot, station, tasks, monkeypatch):
    monkeypatch.setattr(logbook_entry, "DRAFT_EVERY_MS", 50)
    page = logbook_page(qtbot, station, tasks)
    dialog = new_entry(qtbot, page)
    fill_required(qtbot, dialog, subject="Accident rue des Lilas, deux véhicules")
    dialog.facts.setPlainText("Choc arrière, pas de blessé.")
    qtbot.waitUntil(lambda: not dialog.dirty and not dialog.is_busy, timeout=5_000)  # the draft timer kept it
    # The crash: the form and the page vanish without a save nor a cancel.
    dialog.draft_timer.stop()
    dialog.hide()
    page.close()
    page = logbook_page(qtbot, station, tasks)
    qtbot.waitUntil(lambda: getattr(page, "draft_offer", None) is not None and page.draft_offer.isVisible(),
                    timeout=5_000)
    offer = page.draft_offer
    assert "(1 formulaire non enregistré)" in offer.text()  # one form, said in the singular
    restore = next(b for b in offer.buttons() if b.text() == "Le rouvrir")
    qtbot.mouseClick(restore, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(page.open_dialogs) and page.open_dialogs[-1].ready, timeout=5_000)
    restored = page.open_dialogs[-1]
    assert restored.subject.text() == "Accident rue des Lilas, deux véhicules"
    assert restored.facts.toPlainText() == "Choc arrière, pas de blessé."
    save(qtbot, restored)
    assert restored.entry is not None
    assert station.services.logbook.drafts_for(page.actor) == []
    assert page.gui_calls == []


def test_the_list_shows_each_number_and_date_whole_in_a_larger_font(qtbot, station, tasks):
    """A station whose font is larger (a 1080p screen at 125 %, a user's setting): the columns are as wide as
    their text, not fixed pixels that cut the time off."""
    some_entries(station, 2)
    usual = QApplication.font()
    larger = QFont(usual)
    larger.setPointSizeF(usual.pointSizeF() * 1.4)
    QApplication.setFont(larger)
    try:
        page = logbook_page(qtbot, station, tasks)
    finally:
        QApplication.setFont(usual)
    table = page.today_table
    qtbot.waitUntil(lambda: table.model().rowCount() == 2, timeout=5_000)
    metrics = table.fontMetrics()
    for column in (0, 1):  # the number, the date and time: never cut ("22/11/2026 16:…")
        text = table.model().index(0, column).data()
        assert table.columnWidth(column) > metrics.horizontalAdvance(text), text
