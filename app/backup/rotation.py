"""Which backups to keep: the last N, one a week for W weeks, one a month for M months.

The newest good backup is never deleted, whatever the settings say.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Policy:
    keep_last: int = 14
    keep_weeks: int = 8
    keep_months: int = 12


def to_delete(made: dict[str, datetime], now: datetime, policy: Policy) -> set[str]:
    """The names among *made* (name: time it was made) that the policy lets go."""
    newest_first = sorted(made, key=lambda name: made[name], reverse=True)
    keep = set(newest_first[: max(policy.keep_last, 1)])
    week_start = now - timedelta(weeks=policy.keep_weeks)
    month_start = _months_before(now, policy.keep_months - 1)  # this month is the first
    weeks: set[tuple[int, int]] = set()
    months: set[tuple[int, int]] = set()
    for name in newest_first:
        at = made[name]
        week = tuple(at.isocalendar())[:2]
        if policy.keep_weeks and at >= week_start and week not in weeks:
            weeks.add((week[0], week[1]))
            keep.add(name)
        month = (at.year, at.month)
        if policy.keep_months and at >= month_start and month not in months:
            months.add(month)
            keep.add(name)
    return set(made) - keep


def _months_before(now: datetime, months: int) -> datetime:
    year, month = divmod(now.year * 12 + now.month - 1 - months, 12)
    return now.replace(year=year, month=month + 1, day=1, hour=0, minute=0, second=0, microsecond=0)
