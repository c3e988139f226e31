"""What a server process is given when it is built: its database, its clock, its limits."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class ServerSettings:
    database_url: str
    clock: Callable[[], datetime] = utc_now
    # Failed authentications from one client address within the window before every attempt
    # from it is refused (429) until the window has moved past them.
    auth_failure_limit: int = 10
    auth_failure_window: timedelta = timedelta(minutes=10)
    # Pairings opened from one client address within the window.
    pairing_limit: int = 20
    pairing_window: timedelta = timedelta(minutes=10)
    access_log_retention: timedelta = timedelta(days=60)
    purge_every: timedelta = field(default=timedelta(hours=1))
    # Threads that run the endpoints (each holds at most one database connection at a time).
    worker_threads: int = 8
