"""Time, passed in as a dependency so that lockouts and retention can be tested."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware, in UTC."""


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


def local_midnight(day: date) -> datetime:
    """The start of *day* on this machine's wall clock, with that moment's own offset: on a day after a
    change of time, not the present's (the present's would move the day's edges by an hour)."""
    return datetime.combine(day, time(0)).astimezone()
