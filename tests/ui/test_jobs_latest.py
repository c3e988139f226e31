"""A list asked for again while its first reading runs shows the second reading (app/ui/forms.py: Jobs.run_latest).

The Whole log tab reads its default period as it is first shown; a person who types a period and applies it at
once has a second reading running beside the first. Whichever ended last used to fill the list: the period
typed could read "Aucune main courante ne correspond à ces filtres" with the rows of the one before.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest

from app.qt import QWidget
from app.ui.forms import Jobs


@pytest.fixture
def jobs(qtbot, tasks) -> tuple[Jobs, list[Exception]]:
    """A widget's jobs, and the errors they told."""
    owner = QWidget()
    qtbot.addWidget(owner)
    errors: list[Exception] = []
    return Jobs(tasks, owner, errors.append), errors


def overtaken(qtbot, jobs: Jobs, key: str, first: Callable[[], str], second: str) -> list[str]:
    """*first* is asked, then *second*; *first* ends only once *second* is shown. What was shown, in order."""
    shown: list[str] = []
    first_may_end = threading.Event()

    def first_reading() -> str:
        first_may_end.wait(10)
        return first()

    jobs.run_latest(key, first_reading, shown.append)
    jobs.run_latest(key, lambda: second, shown.append)
    qtbot.waitUntil(lambda: shown == [second], timeout=10_000)
    first_may_end.set()
    qtbot.waitUntil(lambda: jobs.running == 0, timeout=10_000)
    return shown


def test_a_reading_that_ends_after_a_newer_one_is_dropped_and_the_newer_one_stays_shown(qtbot, jobs):
    runner, errors = jobs
    shown = overtaken(qtbot, runner, "all", lambda: "the default period's rows", "the typed period's rows")
    assert shown == ["the typed period's rows"] and errors == []


def test_a_failure_of_an_older_reading_is_not_told_over_the_newer_ones_rows(qtbot, jobs):
    runner, errors = jobs

    def failing() -> str:
        raise OSError("the first reading failed")

    assert overtaken(qtbot, runner, "today", failing, "today's rows") == ["today's rows"] and errors == []
    runner.run_latest("today", failing, lambda _rows: None)  # the newest, failing: told
    qtbot.waitUntil(lambda: len(errors) == 1, timeout=10_000)
