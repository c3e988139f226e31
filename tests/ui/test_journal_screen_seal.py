"""The journal screen's period typed as everywhere else, and its verification with and without the code."""

from __future__ import annotations

from datetime import timedelta

from app.crypto.verification_code import new_code
from app.qt import QApplication, Qt
from tests.test_journal_support import sql, write_entries
from tests.ui.helpers import type_into
from tests.ui.test_journal_screen import journal_page, search, shown_column


def test_the_period_is_typed_as_dates_and_filters_the_rows(qtbot, shell, station, clock):
    page = journal_page(qtbot, shell)
    today = clock.now().astimezone().date()
    # Entries of ten days ago, out of the default week, for a period typed by hand.
    clock.advance(seconds=-10 * 86400)
    old = write_entries(station, clock, 3, record_id="ancien-0001")
    clock.advance(seconds=10 * 86400)
    past = today - timedelta(days=10)
    page.activateWindow()
    page.start_date.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.start_date, timeout=5_000)
    type_into(qtbot, page.start_date, past.strftime("%d%m%Y"))
    qtbot.keyClick(page.start_date, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.end_date  # one press leaves the field
    assert page.start_date.text() == past.strftime("%d/%m/%Y")  # tidied as people write it
    type_into(qtbot, page.end_date, past.strftime("%d/%m/%Y"))
    search(qtbot, page)
    shown = [int(seq) for seq in shown_column(page, "seq")]
    assert set(old) <= set(shown)
    assert "maire" not in shown_column(page, "login")  # today's logins are out of the period

    # A date that is none: the form's message, and the list stays as it was.
    type_into(qtbot, page.end_date, "31/02/2026")
    search(qtbot, page)
    assert page.message.isVisible()
    assert "31/02/2026" in page.message.text()
    assert "est pas une date" in page.message.text()
    assert [int(seq) for seq in shown_column(page, "seq")] == shown


def verify_with(qtbot, page, code: str):
    qtbot.mouseClick(page.verify_sealed_button, Qt.MouseButton.LeftButton)
    dialog = page.sealed_dialog
    qtbot.waitUntil(lambda: dialog.isVisible(), timeout=5_000)
    type_into(qtbot, dialog.code_field, code)
    qtbot.mouseClick(dialog.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.is_busy and dialog.verify_button.isEnabled(), timeout=20_000)
    return dialog


def test_verification_without_and_with_the_code_and_a_wrong_code_refused(qtbot, shell, station, clock):
    code = station.services.station.journal.take_verification_code()
    write_entries(station, clock, 4)
    page = journal_page(qtbot, shell)

    # Without the code: the outcome, and what could not be checked.
    qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.outcome.isVisible(), timeout=10_000)
    assert page.outcome.text().startswith("Le journal est intègre")
    assert "sans le code de vérification" in page.outcome.text().lower()

    # A code mistyped: refused in French in the dialog, which stays open to type it again.
    dialog = verify_with(qtbot, page, "pas-un-code")
    assert dialog.isVisible() and dialog.message.isVisible()
    assert "n'est pas un code de vérification" in dialog.message.text()
    # A well-formed code of another service: the journal does not hold for it, named in French.
    dialog = verify_with(qtbot, page, new_code()[0])  # well formed, not this service's
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    assert page.outcome.text().startswith("Le journal n'est pas intègre")
    assert "code de vérification" in page.outcome.text()

    # The right code: every seal checked, and the field kept nothing.
    dialog = verify_with(qtbot, page, code)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    assert dialog.code_field.text() == ""
    assert page.outcome.text().startswith("Le journal est intègre, sceaux compris")

    # An entry rewritten: the sealed verification names it.
    target = write_entries(station, clock, 1)[0] - 2
    sql(station, "UPDATE journal SET detail = 'réécrite' WHERE seq = :s", s=target)
    verify_with(qtbot, page, code)
    assert page.outcome.text().startswith("Le journal n'est pas intègre")
    assert f"{target}" in page.outcome.text()
    # Neither the code nor its groups were written anywhere on the station.
    for path in station.services.station.paths.root.rglob("*"):
        if path.is_file():
            assert code.encode() not in path.read_bytes()
