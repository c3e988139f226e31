"""The registry of figures and the timing helpers every area of benchmarks shares.

A figure is a function decorated with `@figure(...)` in an area module
(bench/store.py, bench/app.py...). It receives the `Run` and returns an
`Outcome`: its value and the value of its baseline, both measured in this
run, in the figure's unit. The machine Vigie is measured on is shared and
noisy, so a figure times its operation and its baseline in alternating
rounds and keeps the medians (`compare`).
"""

from __future__ import annotations

import contextlib
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Seconds expressed in each unit a timing figure may use.
UNIT_SCALE = {"s": 1.0, "ms": 1e3, "us": 1e6}


class NotAvailable(Exception):
    """The figure cannot be measured in this tree (its subject does not exist yet)."""


@dataclass(frozen=True)
class Goal:
    """What a figure should reach, said in words and checked on its outcome."""

    text: str
    check: Callable[[Outcome], bool]

    @classmethod
    def ratio_at_most(cls, limit: float) -> Goal:
        return cls(f"ratio <= {limit:g}", lambda o: o.ratio is not None and o.ratio <= limit)

    @classmethod
    def value_between(cls, low: float, high: float, unit: str) -> Goal:
        return cls(f"{low:g} to {high:g} {unit}",
                   lambda o: o.value is not None and low <= o.value <= high)


@dataclass(frozen=True)
class Outcome:
    """A figure's value and its baseline's, in the figure's unit; None when not measured."""

    value: float | None
    baseline: float | None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.baseline:
            return None
        return self.value / self.baseline


@dataclass(frozen=True)
class Figure:
    name: str
    unit: str
    goal: Goal | None
    measure: Callable[[Run], Outcome]
    order: int


FIGURES: dict[str, Figure] = {}


def figure(name: str, *, unit: str, goal: Goal | None = None):
    """Register *measure* as the figure *name* (area.what, e.g. "store.point_read")."""

    def register(measure: Callable[[Run], Outcome]) -> Callable[[Run], Outcome]:
        if name in FIGURES:
            raise ValueError(f"figure {name} is registered twice")
        FIGURES[name] = Figure(name, unit, goal, measure, len(FIGURES))
        return measure

    return register


@dataclass(frozen=True)
class _Failed:
    error: Exception


@dataclass
class Run:
    """One run of the benchmarks: its mode, its scratch folder, and what figures share."""

    quick: bool
    workdir: Path
    _shared: dict[str, Any] = field(default_factory=dict)
    _cleanup: contextlib.ExitStack = field(default_factory=contextlib.ExitStack)

    def rounds(self, quick: int, full: int) -> int:
        return quick if self.quick else full

    def shared(self, key: str, make: Callable[[Run], Any]) -> Any:
        """What several figures use (a station filled with data), made once per run.

        If making it failed, the figures after the first one say so, instead of
        trying again on what the failed attempt left in the scratch folder.
        """
        if key not in self._shared:
            try:
                self._shared[key] = make(self)
            except Exception as exc:
                self._shared[key] = _Failed(exc)
                raise
        value = self._shared[key]
        if isinstance(value, _Failed):
            raise RuntimeError(f"{key} could not be made: {type(value.error).__name__}: {value.error}")
        return value

    def on_close(self, callback: Callable[[], Any]) -> None:
        self._cleanup.callback(callback)

    def close(self) -> None:
        self._cleanup.close()


# -- timing ------------------------------------------------------------------------------

# An operation to time: it runs once and returns the seconds that count, so that its
# own set-up and tear-down (disposing an engine, closing a file) stay out of the figure.
Timed = Callable[[], float]


def timed(operation: Callable[[], Any]) -> Timed:
    """The plain case: all of *operation* counts."""

    def run() -> float:
        start = time.perf_counter()
        operation()
        return time.perf_counter() - start

    return run


def compare(subject: Timed, baseline: Timed | None, rounds: int, batch: int = 1, warmup: int | None = None
            ) -> tuple[float, float | None]:
    """Median seconds per operation of *subject* and of *baseline*, timed in alternating rounds.

    Each round runs *batch* operations of one then of the other, and the order
    flips every round, so that a burst of load on the machine (or a slow fsync
    on a shared disk) falls on both. Prefer many small rounds to a few large
    ones: the median then ignores the bursts. The first *warmup* rounds (a
    tenth by default) fill caches and are not kept. The garbage collector runs
    as it does in Vigie: the side that makes garbage pays for it.
    """
    if warmup is None:
        warmup = max(1, rounds // 10)
    subject_times: list[float] = []
    baseline_times: list[float] = []
    for index in range(warmup + rounds):
        pair = [(subject, subject_times), (baseline, baseline_times)]
        if index % 2:
            pair.reverse()
        for operation, times in pair:
            if operation is None:
                continue
            seconds = sum(operation() for _ in range(batch)) / batch
            if index >= warmup:
                times.append(seconds)
    return statistics.median(subject_times), statistics.median(baseline_times) if baseline_times else None


def compare_all(operations: dict[str, Timed], rounds: int, batch: int = 1, warmup: int | None = None
                ) -> dict[str, float]:
    """Median seconds per operation of each of *operations*, timed in the same rounds.

    As `compare`, for more than two: each round runs *batch* of each, in an
    order that is reversed every other round, so that the layers of one
    operation (bench/store.py's point reads) are set side by side under the
    same load.
    """
    if warmup is None:
        warmup = max(1, rounds // 10)
    times: dict[str, list[float]] = {name: [] for name in operations}
    names = list(operations)
    for index in range(warmup + rounds):
        for name in reversed(names) if index % 2 else names:
            seconds = sum(operations[name]() for _ in range(batch)) / batch
            if index >= warmup:
                times[name].append(seconds)
    return {name: statistics.median(kept) for name, kept in times.items()}


def in_unit(seconds: float | None, unit: str) -> float | None:
    return None if seconds is None else seconds * UNIT_SCALE[unit]
