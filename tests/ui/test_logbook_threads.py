"""The main courante form never waits on the database: saves run in the background, one at a time, and a form
closed while its save runs leaves the save done and nothing touched.

`off_gui_thread` wraps the services as the screens get them: a call made on
the GUI thread is recorded and fails, so a screen that queries the database
directly fails its test.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from typing import Any

import pytest

from app.qt import QApplication, Qt, isValid
from app.ui.tasks import TaskManager
from tests.conftest import journal_entries
from tests.ui.helpers import type_into


@pytest.fixture
def tasks(station, qapp):
    """The application's task manager, hearing the kernel's Changes as the application wires it."""
    manager = TaskManager()
    station.services.kernel.subscribe(manager.relay)
    yield manager
    manager.wait_for_done()
    QApplication.processEvents()


class _OffGuiThread:
    """A service whose every method refuses to run on the GUI thread; *hold* may delay chosen methods."""

    def __init__(self, target: Any, name: str, calls: list[str], hold: dict[str, threading.Event],
                 inner: tuple[str, ...] = ()) -> None:
        self._target, self._name, self._calls, self._hold = target, name, calls, hold
        self._inner = {attr: _OffGuiThread(getattr(target, attr), f"{name}.{attr}", calls, hold) for attr in inner}

    def __getattr__(self, attr: str) -> Any:
        if attr in self._inner:
            return self._inner[attr]
        value = getattr(self._target, attr)
        if not callable(value):
            return value
        where = f"{self._name}.{attr}"

        def call(*args: Any, **kwargs: Any) -> Any:
            if threading.current_thread() is threading.main_thread():
                self._calls.append(where)
                raise AssertionError(f"{where} called on the GUI thread")
            if where in self._hold:
                self._hold[where].wait()
            return value(*args, **kwargs)

        return call


def off_gui_thread(services: Any, hold: dict[str, threading.Event] | None = None) -> tuple[Any, list[str]]:
    """*services* as a screen gets them, each database call refused on the GUI thread; and the list of those."""
    calls: list[str] = []
    held = hold or {}

    def wrap(name: str, inner: tuple[str, ...] = ()) -> _OffGuiThread:
        return _OffGuiThread(getattr(services, name), name, calls, held, inner)

    guarded = replace(
        services, station=wrap("station", ("rights",)), accounts=wrap("accounts"), settings=wrap("settings"),
        retention=wrap("retention"), journal=wrap("journal"), logbook=wrap("logbook"),
        writings=wrap("writings"), natinf=wrap("natinf"), writing_templates=wrap("writing_templates"),
    )
    return guarded, calls


def _page(qtbot, station, tasks, hold: dict[str, threading.Event] | None = None):
    from app.ui.logbook.screen import LogbookPage
    from tests.ui.conftest import AGENT_PASSWORD

    services, calls = off_gui_thread(station.services, hold)
    page = LogbookPage(services, station.services.accounts.authenticate("lpetit", AGENT_PASSWORD), tasks)
    setattr(page, "gui_calls", calls)  # noqa: B010 - the test's own attribute, read back as page.gui_calls
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.loaded and not page.is_busy, timeout=10_000)
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    return page


def _typed_entry(qtbot, page, subject: str):
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(page.open_dialogs) and page.open_dialogs[-1].ready)
    dialog = page.open_dialogs[-1]
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.nature.setCurrentIndex(1)
    type_into(qtbot, dialog.subject, subject)
    return dialog


def _created(station) -> list:
    return [e for e in journal_entries(station) if e.operation == "create" and e.record_kind == "logbook_entry"]


def _when_idle(qtbot, tasks) -> None:
    if tasks.running:
        with qtbot.waitSignal(tasks.idle, timeout=10_000):
            pass


def test_a_second_ctrl_s_while_the_save_runs_saves_nothing_more(qtbot, station, tasks):
    release = threading.Event()
    page = _page(qtbot, station, tasks, hold={"logbook.save": release})
    dialog = _typed_entry(qtbot, page, "Tapage nocturne place du Marché")
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.saving and not dialog.save_button.isEnabled() and dialog.busy.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    release.set()
    qtbot.waitUntil(lambda: not dialog.is_busy, timeout=10_000)
    assert dialog.entry is not None and dialog.save_button.isEnabled()
    assert len(_created(station)) == 1
    qtbot.waitUntil(lambda: page.today_model.rowCount() == 1 and not page.is_busy, timeout=5_000)
    assert page.gui_calls == []


def test_a_form_left_while_its_save_runs_is_saved_and_gone_quietly(qtbot, station, tasks):
    release = threading.Event()
    page = _page(qtbot, station, tasks, hold={"logbook.save": release})
    dialog = _typed_entry(qtbot, page, "Chien errant square Pasteur")
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    question = dialog.drop_question
    qtbot.waitUntil(question.isVisible)
    qtbot.mouseClick(question.button(question.StandardButton.Yes), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not isValid(dialog), timeout=5_000)
    assert page.open_dialogs == []
    release.set()
    _when_idle(qtbot, tasks)
    assert len(_created(station)) == 1
    qtbot.waitUntil(lambda: page.today_model.rowCount() == 1, timeout=5_000)
    assert station.services.logbook.drafts_for(page.actor) == []
    assert page.gui_calls == []


def test_escape_asks_before_dropping_what_was_typed(qtbot, station, tasks):
    page = _page(qtbot, station, tasks)
    dialog = _typed_entry(qtbot, page, "Véhicule en stationnement abusif")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    question = dialog.drop_question
    qtbot.waitUntil(question.isVisible)
    qtbot.mouseClick(question.button(question.StandardButton.No), Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.subject.text() == "Véhicule en stationnement abusif"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    question = dialog.drop_question
    qtbot.waitUntil(question.isVisible)
    qtbot.mouseClick(question.button(question.StandardButton.Yes), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not isValid(dialog), timeout=5_000)
    _when_idle(qtbot, tasks)
    assert _created(station) == []
    assert station.services.logbook.drafts_for(page.actor) == []
