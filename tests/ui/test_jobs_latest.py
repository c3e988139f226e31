"""A list asked for again while its first reading runs shows the second reading (app/ui/forms.py: Jobs.run_latest).

The Whole log tab reads its default period as it is first shown; a person who types a period and applies it at
once has a second reading running beside the first. Whichever ended last used to fill the list: the period
typed could read "Aucune main courante ne correspond à ces filtres" with the rows of the one before.
"""

from __future__ import annotations

import threading

from app.qt import QWidget
from app.ui.forms import Jobs


def test_a_reading_that_ends_after_a_newer_one_is_dropped_and_the_newer_one_stays_shown(qtbot, tasks):
    owner = QWidget()
    qtbot.addWidget(owner)
    errors: list[Exception] = []
    jobs = Jobs(tasks, owner, errors.append)
    shown: list[str] = []
    first_may_end = threading.Event()

    def first_reading() -> str:
        first_may_end.wait(10)
        return "the default period's rows"

    jobs.run_latest("all", first_reading, shown.append)
    jobs.run_latest("all", lambda: "the typed period's rows", shown.append)
    qtbot.waitUntil(lambda: shown == ["the typed period's rows"], timeout=10_000)
    first_may_end.set()
    qtbot.waitUntil(lambda: jobs.running == 0, timeout=10_000)
    assert shown == ["the typed period's rows"] and errors == []


def test_a_failure_of_an_older_reading_is_not_told_over_the_newer_ones_rows(qtbot, tasks):
    owner = QWidget()
    qtbot.addWidget(owner)
    errors: list[Exception] = []
    jobs = Jobs(tasks, owner, errors.append)
    shown: list[str] = []
    first_may_end = threading.Event()

    def failing_reading() -> str:
        first_may_end.wait(10)
        raise OSError("the first reading failed")

    jobs.run_latest("today", failing_reading, shown.append)
    jobs.run_latest("today", lambda: "today's rows", shown.append)
    qtbot.waitUntil(lambda: shown == ["today's rows"], timeout=10_000)
    first_may_end.set()
    qtbot.waitUntil(lambda: jobs.running == 0, timeout=10_000)
    assert errors == [] and shown == ["today's rows"]
    jobs.run_latest("today", failing_reading, shown.append)  # the newest, failing: told
    qtbot.waitUntil(lambda: len(errors) == 1, timeout=10_000)
