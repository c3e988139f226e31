"""One engine shared by the GUI thread, background tasks and the purge: no connection is ever
closed, reset or handed to another thread while a thread has it checked out."""

from __future__ import annotations

import faulthandler
import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select, text

from app.models import LogbookEntry
from app.store.database import StationBusy, StationClosed
from tests.logbook_helpers import entry_data


def test_a_held_write_transaction_survives_a_dozen_threads_taking_and_returning_connections(gate):
    station = gate.services.station
    started, finish = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def churn() -> None:
        try:
            started.wait()
            for _ in range(20):
                raw = station.engine.raw_connection()  # a checkout from the pool, and its return
                try:
                    raw.cursor().execute("SELECT count(*) FROM sqlite_master").fetchall()
                finally:
                    raw.close()
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    with station.uow() as uow:
        uow.session.execute(text("CREATE TEMP TABLE held (x INTEGER)"))
        uow.session.execute(text("INSERT INTO held VALUES (1)"))
        threads = [threading.Thread(target=churn) for _ in range(12)]
        for thread in threads:
            thread.start()
        started.set()
        for thread in threads:
            thread.join()
        finish.set()
        # The transaction is still this thread's, on a connection nobody closed.
        assert uow.session.execute(text("SELECT count(*) FROM held")).scalar() == 1
        uow.session.execute(text("INSERT INTO held VALUES (2)"))
        assert uow.session.execute(text("SELECT count(*) FROM held")).scalar() == 2
    assert errors == []


def test_many_threads_reading_and_writing_through_the_services_lose_nothing(gate, clock):
    if not faulthandler.is_enabled():  # CI's (tests/conftest.py) writes to a file: keep it
        faulthandler.enable()
    logbook = gate.services.logbook
    saved: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def writer(index: int) -> None:
        try:
            for n in range(6):
                detail = logbook.create(gate.admin, entry_data(clock.now() - timedelta(minutes=n),
                                                               subject=f"Appel {index}-{n}")).entry
                with lock:
                    saved.append(detail.id)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    def reader() -> None:
        try:
            for _ in range(25):
                logbook.today(gate.admin)
                logbook.count(gate.admin)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(4)]
    threads += [threading.Thread(target=reader) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with gate.services.station.uow() as uow:
        stored = set(uow.session.scalars(select(LogbookEntry.id)))
        assert uow.session.scalar(select(func.count()).select_from(LogbookEntry)) == 24
    assert stored == set(saved)


def test_closing_the_station_waits_for_the_unit_of_work_still_running(gate):
    station = gate.services.station
    inside, release = threading.Event(), threading.Event()
    outcome: list[int] = []

    def long_task() -> None:
        with station.uow() as uow:
            inside.set()
            release.wait(10)
            outcome.append(uow.session.execute(text("SELECT count(*) FROM journal")).scalar())

    task = threading.Thread(target=long_task)
    task.start()
    inside.wait(10)
    closer = threading.Thread(target=station.close)
    closer.start()
    closer.join(0.2)
    assert closer.is_alive(), "close() must wait for the running unit of work"
    release.set()
    task.join(10)
    closer.join(10)
    assert not closer.is_alive()
    assert outcome and outcome[0] > 0
    with pytest.raises(StationClosed):
        with station.uow():
            pass


def test_closing_from_inside_a_unit_of_work_is_refused_rather_than_waiting_for_itself(gate):
    station = gate.services.station
    with station.uow():
        with pytest.raises(StationBusy):
            station.close()
    station.close()


def test_writers_of_one_process_take_turns_in_arrival_order_and_may_nest(gate):
    station = gate.services.station
    order: list[int] = []
    holding, release = threading.Event(), threading.Event()

    def first() -> None:
        with station.uow():
            with station.uow():  # a unit of work opened inside another one on the same thread
                holding.set()
                release.wait(10)
        order.append(0)

    def later(n: int, queued: threading.Event) -> None:
        queued.set()
        with station.uow():
            order.append(n)

    threads = [threading.Thread(target=first)]
    threads[0].start()
    assert holding.wait(10)
    for n in (1, 2, 3):
        queued = threading.Event()
        thread = threading.Thread(target=later, args=(n, queued))
        thread.start()
        queued.wait(10)
        _wait_until(lambda: station.database._writers._next_ticket >= n + 1)  # it has taken its ticket
        threads.append(thread)
    release.set()
    for thread in threads:
        thread.join(10)
    assert order == [0, 1, 2, 3]


def _wait_until(condition, seconds: float = 10.0) -> None:
    """Poll a condition no signal announces (a writer queued inside the store), within a deadline."""
    import time

    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the condition never held"
        threading.Event().wait(0.001)
