"""The application's task manager: outcomes on the GUI thread, owners that go, Changes relayed, lazy pages."""

from __future__ import annotations

import threading

from sqlalchemy import select

from app.models import JournalEntry, User
from app.qt import QApplication, QThread, Qt
from app.services.accounts import NewUser
from app.models import Role
from app.ui.admin import UserDialog
from app.ui.table_model import LazyTableModel
from tests.ui.helpers import type_into


def fill_new_account(qtbot, dialog: UserDialog, login: str) -> None:
    type_into(qtbot, dialog.login, login)
    type_into(qtbot, dialog.full_name, "Karim Diallo")
    type_into(qtbot, dialog.password, "mot-de-passe-provisoire")
    type_into(qtbot, dialog.confirm, "mot-de-passe-provisoire")


def test_a_dialog_closed_while_its_save_runs_gets_no_callback_and_the_save_is_kept(station, tasks, qtbot):
    admin = station.admin
    dialog = UserDialog(station.services, admin, tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    fill_new_account(qtbot, dialog, "kdiallo")
    heard: list[object] = []
    # The dialog hands its bound callbacks to the task manager when the save starts.
    dialog._created = heard.append
    dialog._failed = heard.append
    # Another window of the station holds the write lock: the save waits in its worker meanwhile.
    with station.services.station.uow():
        qtbot.mouseClick(dialog.submit, Qt.MouseButton.LeftButton)
        assert not dialog.submit.isEnabled()  # a second click cannot start a second save
        assert tasks.running == 1
        with qtbot.waitSignal(dialog.destroyed, timeout=5_000):
            dialog.close()
            dialog.deleteLater()
    with qtbot.waitSignal(tasks.idle, timeout=10_000):
        pass
    assert heard == []
    with station.services.station.read() as uow:
        user = uow.session.scalar(select(User).where(User.login == "kdiallo"))
        assert user is not None and user.full_name == "Karim Diallo"
        created = uow.session.scalars(select(JournalEntry.login).where(
            JournalEntry.operation == "create", JournalEntry.record_id == user.id)).all()
    assert created == ["admin"]


def test_changes_committed_in_a_worker_reach_the_views_on_the_gui_thread(station, tasks, qtbot):
    committing_threads: list[QThread] = []

    def listener(changes) -> None:  # the kernel calls its listeners on the committing thread
        committing_threads.append(QThread.currentThread())
        tasks.relay(changes)

    station.services.kernel.subscribe(listener)
    admin = station.admin
    accounts = station.services.accounts
    heard: list[tuple[object, bool]] = []
    tasks.changed.connect(lambda changes: heard.append((changes, QThread.currentThread() is QApplication.instance().thread())))
    new = NewUser("kdiallo", "Karim Diallo", Role.AGENT, "mot-de-passe-provisoire")
    with qtbot.waitSignal(tasks.changed, timeout=10_000):
        tasks.run(lambda: accounts.create_user(admin, new))
    changes, on_gui_thread = heard[0]
    assert "administration" in changes and on_gui_thread
    assert committing_threads and committing_threads[0] is not QApplication.instance().thread()


class Numbers(LazyTableModel[int]):
    COLUMNS = (("value", "Value"),)
    CONTEXT = "tests"

    def display(self, row: int, key: str, role: Qt.ItemDataRole) -> object:
        return str(row) if role == Qt.ItemDataRole.DisplayRole else None


class HeldPages:
    """Pages of numbers that a worker serves only once the test lets it (no sleeping: an Event)."""

    def __init__(self) -> None:
        self.calls: list[int] = []
        self.release = threading.Event()

    def __call__(self, cursor: int) -> tuple[list[int], int | None]:
        self.calls.append(cursor)
        assert self.release.wait(10)
        page = list(range(cursor, cursor + 10))
        return page, (cursor + 10 if cursor < 30 else None)


def test_a_page_is_fetched_once_at_a_time_then_inserted(tasks, qtbot):
    model = Numbers(tasks)
    pages = HeldPages()
    model.reset(list(range(10)), 10, pages)
    assert model.canFetchMore()
    model.fetchMore()
    model.fetchMore()  # Qt asks again as the view scrolls: nothing more starts while a page is on its way
    assert not model.canFetchMore() and model.fetching
    with qtbot.waitSignal(model.page_arrived, timeout=10_000):
        pages.release.set()
    assert pages.calls == [10]
    assert model.rowCount() == 20 and model.data(model.index(19, 0)) == "19"
    assert model.canFetchMore()


def test_a_reset_drops_the_page_fetched_for_the_old_result(tasks, qtbot):
    model = Numbers(tasks)
    pages = HeldPages()
    model.reset(list(range(10)), 10, pages)
    model.fetchMore()
    model.reset([100, 101], None, None)  # new filters while the old page is on its way
    with qtbot.waitSignal(tasks.idle, timeout=10_000):
        pages.release.set()
    assert model.rows == [100, 101]
    assert not model.canFetchMore() and not model.fetching


def test_a_failed_page_is_said_and_can_be_asked_again(tasks, qtbot):
    model = Numbers(tasks)
    attempts: list[int] = []

    def fetch(cursor: int) -> tuple[list[int], int | None]:
        attempts.append(cursor)
        if len(attempts) == 1:
            raise OSError("disk unplugged")
        return [cursor], None

    model.reset([0], 1, fetch)
    with qtbot.waitSignal(model.fetch_failed, timeout=10_000) as failure:
        model.fetchMore()
    assert isinstance(failure.args[0], OSError)
    assert model.rowCount() == 1 and model.canFetchMore()
    with qtbot.waitSignal(model.page_arrived, timeout=10_000):
        model.fetchMore()
    assert model.rows == [0, 1] and not model.canFetchMore()
