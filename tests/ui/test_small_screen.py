"""The long forms on a small screen (a laptop's 1280×720, less its taskbar and the window's frame): they open
within the screen, and their buttons stay in sight while the fields scroll."""

from __future__ import annotations

from app.qt import QPoint
from tests.ui.test_logbook_screen import logbook_page, new_entry
from tests.ui.test_logbook_threads import tasks  # noqa: F401 - tasks is a fixture
from tests.ui.test_writings_screen import writings_page

LAPTOP_ROOM = (1240, 630)


def in_sight(dialog, button) -> bool:
    corner = button.mapTo(dialog, QPoint(button.width(), button.height()))
    return button.isVisible() and corner.x() <= dialog.width() and corner.y() <= dialog.height()


def test_a_main_courante_entry_keeps_its_buttons_in_sight_on_a_laptop_screen(qtbot, station, tasks):
    page = logbook_page(qtbot, station, tasks)
    dialog = new_entry(qtbot, page)
    room = dialog.screen().availableGeometry()
    assert dialog.width() <= room.width() and dialog.height() <= room.height()
    dialog.resize(*LAPTOP_ROOM)
    qtbot.waitUntil(lambda: dialog.size().toTuple() == LAPTOP_ROOM)
    assert in_sight(dialog, dialog.save_button)
    dialog.reject()


def test_a_proces_verbal_keeps_its_buttons_in_sight_on_a_laptop_screen(qtbot, station, tasks):
    _logbook, page = writings_page(qtbot, station, tasks)
    page.new_document("pv_constatation")
    dialog = page.open_dialogs[-1]
    qtbot.waitUntil(dialog.isVisible)
    room = dialog.screen().availableGeometry()
    assert dialog.width() <= room.width() and dialog.height() <= room.height()
    dialog.resize(*LAPTOP_ROOM)
    qtbot.waitUntil(lambda: dialog.size().toTuple() == LAPTOP_ROOM)
    assert in_sight(dialog, dialog.save_button) and in_sight(dialog, dialog.sign_button)
    dialog.reject()
