"""The collector's pace while syncs run (app/sync/collecting.py): slower from the first sync that begins,
the process's own again when the last one ends, even by an error; a sync in the application's process
leaves it as it found it."""

from __future__ import annotations

import gc
import threading

import pytest

from app.sync.collecting import SYNC_YOUNG_THRESHOLD, collecting_less
from app.sync.engine import SyncEngine
from tests.sync.conftest import sync_of


@pytest.fixture
def pace():
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)  # CPython's own
    yield
    gc.set_threshold(*before)


def test_syncs_at_once_keep_the_slower_pace_until_the_last_one_ends_even_by_an_error(pace):
    first_in, second_done = threading.Event(), threading.Event()
    seen: list[tuple[int, int, int]] = []

    def first_sync() -> None:
        with collecting_less():
            first_in.set()
            second_done.wait(30)
            seen.append(gc.get_threshold())  # the second ended: this one still runs

    thread = threading.Thread(target=first_sync)
    thread.start()
    assert first_in.wait(30)
    with pytest.raises(RuntimeError), collecting_less():
        assert gc.get_threshold() == (SYNC_YOUNG_THRESHOLD, 10, 10)
        raise RuntimeError("the server went away")
    second_done.set()
    thread.join(30)
    assert seen == [(SYNC_YOUNG_THRESHOLD, 10, 10)]
    assert gc.get_threshold() == (700, 10, 10)


def test_a_pace_already_slower_than_a_syncs_is_kept(pace):
    gc.set_threshold(100_000, 5, 5)
    with collecting_less():
        assert gc.get_threshold() == (100_000, 5, 5)
    assert gc.get_threshold() == (100_000, 5, 5)


def test_a_sync_runs_at_the_slower_pace_and_leaves_the_process_at_its_own(pace, pair, monkeypatch):
    a, b = pair
    during: list[tuple[int, int, int]] = []
    run = SyncEngine._run

    def watched(self, *args, **kwargs):
        during.append(gc.get_threshold())
        return run(self, *args, **kwargs)

    monkeypatch.setattr(SyncEngine, "_run", watched)
    a.opened().logbook.add_nature(a.admin, "Divagation d'animal")
    assert sync_of(a).sync(a.admin).pushed  # the nature among what a had not pushed yet
    assert during == [(SYNC_YOUNG_THRESHOLD, 10, 10)]
    assert gc.get_threshold() == (700, 10, 10)
