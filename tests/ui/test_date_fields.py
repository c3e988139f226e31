"""Every date and time field typed as an officer types it: in French order, Tab out in one press, read back saved.

The bug these tests keep away: on an empty "Né(e) le", the birth date,
birthplace, address and phone typed in turn all landed in the date box, and
the person was saved with none of them; typing while tabbing through "Date
et heure de la demande" turned 07:55 into 07:12.
"""

from __future__ import annotations

from datetime import date, datetime

from app.qt import QApplication, QMessageBox, Qt
from app.ui.dates import DateField, DateTimeField, parse_moment
from app.ui.widgets import MARKED
from tests.ui.conftest import AGENT_PASSWORD
from tests.ui.helpers import type_text
from tests.ui.test_logbook_screen import logbook_page, new_entry, save
from tests.ui.test_logbook_threads import tasks  # noqa: F401 - tasks is a fixture
from tests.ui.test_writings_screen import settled, sign_with, writings_page


def focused():
    return QApplication.focusWidget()


def typed(qtbot, widget, text: str) -> None:
    """*text* typed into *widget*, which has the focus, then Tab: the focus leaves it in one press."""
    assert focused() is widget, f"the focus is on {focused().objectName()!r}, not on {widget.objectName()!r}"
    type_text(qtbot, widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Tab)
    assert focused() is not widget


def active(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.isVisible() and QApplication.activeWindow() is window, timeout=10_000)


def local(moment: datetime) -> tuple[int, int, int, int, int]:
    shown = moment.astimezone()
    return shown.day, shown.month, shown.year, shown.hour, shown.minute


def type_person(qtbot, person, born: str) -> None:
    """The person dialog filled with the keyboard alone, from its last name to its phone."""
    active(qtbot, person)
    person.last_name.setFocus()
    for widget, text in ((person.last_name, "Martin"), (person.first_names, "Julie"), (person.birth_date, born),
                         (person.birth_place, "Poitiers"), (person.address, "3 rue des Lilas, Montclair")):
        typed(qtbot, widget, text)
    while focused() is not person.contact:  # the feature's own fields (identity document, guardian...)
        typed(qtbot, focused(), "")
    typed(qtbot, person.contact, "06 12 34 56 78")


def new_pv(qtbot, station, tasks):
    """A new PV's dialog, active, and the page it was opened from."""
    _logbook, page = writings_page(qtbot, station, tasks)
    page.new_document("pv_constatation")
    dialog = page.open_dialogs[-1]
    active(qtbot, dialog)
    return page, dialog


def search_natinf(qtbot, dialog, words: str) -> None:
    """Words typed into the NATINF search, then Enter."""
    dialog.natinf_query.setFocus()
    type_text(qtbot, dialog.natinf_query, words)
    qtbot.keyClick(dialog.natinf_query, Qt.Key.Key_Return)


def test_a_pv_typed_field_by_field_keeps_each_date_person_and_time_where_it_was_typed(qtbot, station, tasks):
    _page, dialog = new_pv(qtbot, station, tasks)
    dialog.subject.setFocus()
    typed(qtbot, dialog.subject, "Tapage nocturne")
    typed(qtbot, dialog.occurred_at, "21112026 2330")
    assert dialog.occurred_at.text() == "21/11/2026 23:30"  # tidied on leaving, the same moment
    typed(qtbot, dialog.place, "place du Marché")
    dialog.facts.setFocus()
    type_text(qtbot, dialog.facts, "Musique amplifiée audible depuis la rue.")
    dialog.handed_over_at.setFocus()
    typed(qtbot, dialog.handed_over_at, "22/11/2026 à 7h55")
    person = dialog.add_person()
    type_person(qtbot, person, "14031991")
    qtbot.mouseClick(person.ok_button, Qt.MouseButton.LeftButton)
    assert not person.isVisible() and dialog.people_list.count() == 1
    assert dialog.save()
    settled(qtbot, dialog)
    assert not dialog.message.isVisible(), dialog.message.text()

    agent = station.services.accounts.authenticate("lpetit", AGENT_PASSWORD)
    saved = station.services.writings.get(agent, dialog.document.id)
    assert local(saved.occurred_at) == (21, 11, 2026, 23, 30)
    assert local(saved.handed_over_at) == (22, 11, 2026, 7, 55)
    (someone,) = saved.people
    assert (someone.last_name, someone.first_names, someone.birth_date, someone.birth_place, someone.address,
            someone.contact) == ("Martin", "Julie", date(1991, 3, 14), "Poitiers", "3 rue des Lilas, Montclair",
                                 "06 12 34 56 78")

    sign_with(qtbot, dialog, AGENT_PASSWORD)
    sending = dialog.start_transmission()
    active(qtbot, sending)
    sending.name.setFocus()
    typed(qtbot, sending.name, "Parquet de Poitiers")
    sending.sent_at.selectAll()
    typed(qtbot, sending.sent_at, "22112026 0755")
    assert focused() is sending.means
    qtbot.mouseClick(sending.ok_button, Qt.MouseButton.LeftButton)
    settled(qtbot, dialog)
    assert dialog.occurred_at.isReadOnly() and not dialog.occurred_at.calendar_button.isVisible()
    blank = dialog.subject.grab().toImage()
    assert blank.pixelColor(blank.width() - 3, blank.height() // 2) == dialog.palette().window().color()
    outcome = dialog.start_outcome()
    active(qtbot, outcome)
    outcome.kind.setCurrentIndex(outcome.kind.findData("dismissal"))
    outcome.decided_on.setFocus()
    outcome.decided_on.selectAll()
    typed(qtbot, outcome.decided_on, "22.11.2026")
    type_text(qtbot, outcome.authority, "Tribunal de police de Poitiers")
    qtbot.mouseClick(outcome.ok_button, Qt.MouseButton.LeftButton)
    settled(qtbot, dialog)
    assert not dialog.message.isVisible(), dialog.message.text()
    saved = station.services.writings.get(agent, dialog.document.id)
    assert [local(t.sent_at) for t in saved.transmissions] == [(22, 11, 2026, 7, 55)]
    assert [o.decided_on for o in saved.outcomes] == [date(2026, 11, 22)]
    # The dismissal erased the case's personal data: the subject says so, not an empty box.
    assert dialog.subject.text() == "" and dialog.subject.placeholderText().startswith("Effacé le ")
    assert "(Classement sans suite)" in dialog.subject.placeholderText()


def test_the_time_of_a_call_typed_while_tabbing_is_saved_as_typed(qtbot, station, tasks):
    page = logbook_page(qtbot, station, tasks)
    qtbot.waitUntil(lambda: page.today_label.text() == "Aucune main courante aujourd'hui, aucune en cours.")
    dialog = new_entry(qtbot, page)
    dialog.requested_at.setFocus()
    dialog.requested_at.selectAll()
    typed(qtbot, dialog.requested_at, "22112026 0755")
    assert focused() is dialog.channel  # one Tab, not five
    form = dialog.facts.parentWidget().layout().itemAt(0).layout()
    assert [form.labelForField(f).text() for f in (dialog.gps, dialog.facts, dialog.outcome)] == [
        "Point GPS", "Faits", "Issue"]
    assert dialog.requested_at.text() == "22/11/2026 07:55"
    dialog.nature.setCurrentIndex(1)
    dialog.subject.setFocus()
    typed(qtbot, dialog.subject, "Chien errant")
    typed(qtbot, dialog.address, "rue de la Gare")
    dialog.started_at.setFocus()
    typed(qtbot, dialog.started_at, "22/11/2026 08:05")
    typed(qtbot, dialog.ended_at, "221120260820")
    dialog.tabs.setCurrentIndex(1)
    person = dialog.edit_person(None)
    type_person(qtbot, person, "01/02/1970")
    qtbot.mouseClick(person.ok_button, Qt.MouseButton.LeftButton)
    dialog.activateWindow()  # the window manager's part, after a dialog over the form closes
    save(qtbot, dialog)
    assert dialog.entry is not None, dialog.message.text()
    assert dialog.requested_at.text() == "22/11/2026 07:55"
    qtbot.waitUntil(lambda: page.today_label.text() == "1 main courante du jour ou en cours, dont 1 en cours.")

    agent = station.services.accounts.authenticate("lpetit", AGENT_PASSWORD)
    saved = station.services.logbook.get(agent, dialog.entry.id)
    assert local(saved.requested_at) == (22, 11, 2026, 7, 55)
    assert local(saved.started_at) == (22, 11, 2026, 8, 5) and local(saved.ended_at) == (22, 11, 2026, 8, 20)
    assert [(p.last_name, p.birth_date, p.birth_place, p.contact) for p in saved.people] == [
        ("Martin", date(1970, 2, 1), "Poitiers", "06 12 34 56 78")]
    assert "né(e) le 01/02/1970" in dialog.people_list.item(0).text()
    # A date alone changed is a change: Escape asks before dropping it.
    dialog.started_at.setFocus()
    type_text(qtbot, dialog.started_at, "5")
    qtbot.keyClick(dialog.started_at, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: dialog.drop_question.isVisible())
    qtbot.mouseClick(dialog.drop_question.button(QMessageBox.StandardButton.No), Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    dialog.history_list.setCurrentRow(0)
    shown = dialog.history_view.toPlainText()
    # toPlainText gives the no-break spaces before the colons as plain ones.
    assert "Objet : Chien errant" in shown and "État : " in shown and "Subject" not in shown


def test_an_unreadable_date_is_refused_and_leaving_untouched_takes_no_number(qtbot, station, tasks):
    _logbook, page = writings_page(qtbot, station, tasks)
    page.new_document("rapport_information")
    dialog = page.open_dialogs[-1]
    active(qtbot, dialog)
    person = dialog.add_person()
    type_person(qtbot, person, "31/02/1991")
    assert person.birth_date.text() == "31/02/1991"  # kept as typed, to be corrected
    assert person.birth_date.styleSheet() == MARKED
    assert "«\u00a031/02/1991\u00a0» n'est pas une date" in person.message.text() and person.message.isVisible()
    qtbot.mouseClick(person.ok_button, Qt.MouseButton.LeftButton)
    assert person.isVisible() and focused() is person.birth_date  # refused on OK too
    person.birth_date.clear()
    qtbot.mouseClick(person.ok_button, Qt.MouseButton.LeftButton)
    assert not person.isVisible()  # optional: left empty
    assert dialog.people[0].birth_date is None and dialog.people[0].birth_place == "Poitiers"

    dialog.activateWindow()
    active(qtbot, dialog)
    dialog.occurred_at.setFocus()
    typed(qtbot, dialog.occurred_at, "22/11/2026")
    assert "donnez aussi l'heure" in dialog.message.text()
    assert not dialog.save() and focused() is dialog.occurred_at
    dialog.occurred_at.setText("22/11/2026 0755")
    dialog.occurred_at.tidy()
    assert not dialog.message.isVisible() and dialog.occurred_at.styleSheet() == ""
    dialog.people.clear()
    dialog.occurred_at.clear()
    dialog.dirty = False
    dialog.reject()

    # Leaving a new document untouched takes no number; a changed date alone is asked about.
    page.new_document("pv_constatation")
    dialog = page.open_dialogs[-1]
    active(qtbot, dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    agent = station.services.accounts.authenticate("lpetit", AGENT_PASSWORD)
    assert station.services.writings.documents(agent) == []

    page.new_document("pv_constatation")
    dialog = page.open_dialogs[-1]
    active(qtbot, dialog)
    dialog.occurred_at.setFocus()
    type_text(qtbot, dialog.occurred_at, "22/11/2026 07:55")
    qtbot.keyClick(dialog.occurred_at, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: dialog.drop_question.isVisible())
    assert dialog.isVisible()
    qtbot.mouseClick(dialog.drop_question.button(QMessageBox.StandardButton.No), Qt.MouseButton.LeftButton)
    assert dialog.isVisible()


def test_a_calendar_pick_keeps_the_typed_time_and_speaks_french(qtbot, french):
    field = DateTimeField(label="Date")
    qtbot.addWidget(field)
    field.setText("14/03/1991 07:55")
    calendar = field.open_calendar()
    assert calendar.locale().monthName(3) == "mars"
    calendar.clicked.emit(calendar.selectedDate().addDays(2))
    assert field.text() == "16/03/1991 07:55"
    assert parse_moment(field.text()) == datetime(1991, 3, 16, 7, 55)
    day = DateField()
    qtbot.addWidget(day)
    assert day.value() is None and day.error() == ""
    day.setText("1/3/1991")
    day.tidy()
    assert day.text() == "01/03/1991" and day.value() == date(1991, 3, 1)


def test_the_natinf_search_takes_enter_and_a_saved_draft_is_deleted_with_its_number_voided(qtbot, station, tasks):
    page, dialog = new_pv(qtbot, station, tasks)
    search_natinf(qtbot, dialog, "stationnement")
    qtbot.waitUntil(lambda: dialog.natinf_results.count() > 3, timeout=10_000)
    assert getattr(dialog, "person_dialog", None) is None  # Enter searched, and opened no person dialog
    assert dialog.natinf_results.height() >= 5 * dialog.natinf_results.sizeHintForRow(0)
    assert focused() is dialog.natinf_results
    qtbot.keyClick(dialog.natinf_results, Qt.Key.Key_Return)
    assert dialog.codes.text() == dialog.natinf_results.item(0).data(Qt.ItemDataRole.UserRole)
    dialog.subject.setFocus()
    type_text(qtbot, dialog.subject, "Stationnement sur un passage piéton")
    assert dialog.save()
    settled(qtbot, dialog)
    number = dialog.document.number
    assert dialog.delete_button.isVisible()
    question = dialog.ask_delete()
    assert number in question.text()
    qtbot.mouseClick(question.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog not in page.open_dialogs, timeout=10_000)  # closed, then deleted
    agent = station.services.accounts.authenticate("lpetit", AGENT_PASSWORD)
    assert station.services.writings.documents(agent) == []
    assert [(g.number, g.voided) for g in station.services.writings.number_gaps(agent)] == [(number, True)]


def test_a_birth_date_in_the_future_is_refused_in_the_person_dialog(qtbot, station, tasks):
    """Said where it was typed, not only once the whole document is saved; corrected, the person is kept."""
    _page, dialog = new_pv(qtbot, station, tasks)
    person = dialog.add_person()
    next_year = date.today().year + 1
    type_person(qtbot, person, f"1503{next_year}")
    qtbot.mouseClick(person.ok_button, Qt.MouseButton.LeftButton)
    assert person.isVisible() and person.message.text() == "La date de naissance est dans le futur."
    assert person.birth_date.hasFocus()
    person.birth_date.selectAll()
    typed(qtbot, person.birth_date, "15031990")
    qtbot.mouseClick(person.ok_button, Qt.MouseButton.LeftButton)
    assert not person.isVisible() and dialog.people_list.count() == 1


def test_a_natinf_search_that_finds_nothing_says_so(qtbot, station, tasks):
    _page, dialog = new_pv(qtbot, station, tasks)
    search_natinf(qtbot, dialog, "zzzinconnu")
    qtbot.waitUntil(lambda: dialog.natinf_results.count() == 1, timeout=10_000)
    said = dialog.natinf_results.item(0)
    assert said.text() == "Aucune infraction de la table NATINF chargée ne correspond à «\u00a0zzzinconnu\u00a0»."
    assert not said.flags() & Qt.ItemFlag.ItemIsEnabled  # nothing to add: Enter on it adds no code
    assert focused() is dialog.natinf_query and dialog.codes.text() == ""
