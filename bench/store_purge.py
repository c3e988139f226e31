"""Reading and saving in the main courante while the journal purge runs: what a user waits for.

The station is made once per run from the journal figures' template
(bench/journal.py: 1,000,000 expired entries chained with their real hashes,
then 2,000 recent ones; 100,000 expired with --quick), with ENTRIES entries of
the main courante saved through LogbookService. Each round opens a fresh copy
of it and runs, on a thread of its own, `JournalService.purge_expired` as the
GUI's task manager runs it after login, while this thread calls the service
as a screen does, one call after the other, each call timed. Only calls made
while the purge runs are kept; the baseline is the same loop on the same copy
with no purge, for as many calls.
"""

from __future__ import annotations

import math
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from itertools import count as numbers

from app.audit.journal import Actor
from app.bootstrap import Services, build_gate
from app.crypto.secretstore import NoSecretStore
from app.kernel.station import StationDeps
from app.logbook.types import EntryData
from app.store.database import StationBusy
from app.store.engine import run_outside_transaction
from app.store.layout import StationPaths
from bench._core import Goal, Outcome, Run, figure
from bench._station import ADMIN_LOGIN, ADMIN_PASSWORD
from bench.journal import CHEAP_KDF, EXPIRED, template

ENTRIES = 300
QUICK_EXPIRED = 100_000
# Saves are paced: back to back, the saving thread would take the write lock again as soon as it let it
# go, and starve the purge (SQLite's lock is not a queue), which is not what a station sees.
SAVE_INTERVAL = 0.05
# The loop's call, made anew for each round's open station: it returns nothing, only its time counts.
Call = Callable[[], object]
MakeCall = Callable[[Services, Actor], Call]


def under_ms(limit: float) -> Goal:
    return Goal(f"under {limit:g} ms", lambda o: o.value is not None and o.value < limit)


@dataclass(frozen=True)
class PurgeTemplate:
    paths: StationPaths  # closed: copied for each round, never opened
    expired: int  # the journal entries a purge removes


def purge_template(run: Run) -> PurgeTemplate:
    return run.shared("store.purge_template", _make_template)


def _make_template(run: Run) -> PurgeTemplate:
    journal = template(run, QUICK_EXPIRED if run.quick else EXPIRED)
    paths = _copy(journal.paths, run.workdir / "purge-template")
    with _opened(paths) as (services, actor):
        logbook = services.logbook
        now = services.station.clock.now()
        for minutes in range(ENTRIES):
            logbook.create(actor, entry(now - timedelta(minutes=minutes), actor))
        run_outside_transaction(services.station.engine, "PRAGMA wal_checkpoint(TRUNCATE)")
    return PurgeTemplate(paths, journal.expired_upto)


def entry(at, actor: Actor) -> EntryData:
    """A noise complaint as an agent records it (the fields of tests/logbook_helpers.py's entry_data)."""
    return EntryData(requested_at=at, channel="phone", nature_code="tapage", subject="Musique forte",
                     address="12 rue de l\u2019\u00c9glise", started_at=at + timedelta(minutes=10),
                     ended_at=at + timedelta(minutes=40), agent_ids=(actor.user_id,),
                     facts="Constat : musique audible depuis la rue.",
                     action_taken="Rappel \u00e0 la r\u00e9glementation.")


def _copy(source: StationPaths, target) -> StationPaths:
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source.root, target)
    return StationPaths(target)


@contextmanager
def _opened(paths: StationPaths) -> Iterator[tuple[Services, Actor]]:
    """The station in *paths*, its administrator logged in; no purge at opening: the round starts it."""
    gate = build_gate(paths.root, StationDeps(kdf=CHEAP_KDF, secrets=NoSecretStore()))
    gate.purge_at_opening = False
    actor = gate.login(ADMIN_LOGIN, ADMIN_PASSWORD)
    try:
        if gate.services is None:
            raise RuntimeError("the station did not open")
        yield gate.services, actor
    finally:
        gate.close()


# -- the loops ----------------------------------------------------------------------------------


@dataclass
class Samples:
    """Seconds per call, with and without the purge running, and what the purges did."""

    during: list[float] = field(default_factory=list)
    without: list[float] = field(default_factory=list)
    purge_seconds: list[float] = field(default_factory=list)
    longest_batch: float = 0.0
    batches: int = 0


def _timed_calls(call: Call, go_on: Callable[[int], bool], interval: float, stop: threading.Event
                 ) -> list[float]:
    """*call* while *go_on*(calls so far), starting one every *interval* seconds at most."""
    times: list[float] = []
    while go_on(len(times)):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
        if interval:
            stop.wait(interval - (time.perf_counter() - start))  # ends early when *stop* is set
    return times


def _during_purge(services: Services, call: Call, interval: float, samples: Samples, expired: int) -> None:
    """*call* in a loop on this thread for as long as the purge runs on another one."""
    done = threading.Event()
    outcome: list = []
    ends = [time.perf_counter()]

    def purge() -> None:
        try:
            outcome.append(services.journal.purge_expired(
                progress=lambda _done, _total: ends.append(time.perf_counter())))
        except BaseException as exc:  # raised again on this thread, after the loop
            outcome.append(exc)
        finally:
            done.set()

    worker = threading.Thread(target=purge, name="journal-purge")
    worker.start()
    samples.during += _timed_calls(call, lambda _n: not done.is_set(), interval, done)
    worker.join()
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    if outcome[0].purged != expired:
        raise RuntimeError(f"purged {outcome[0].purged} entries, expected {expired}")
    samples.purge_seconds.append(ends[-1] - ends[0])
    samples.longest_batch = max(samples.longest_batch, *(b - a for a, b in zip(ends, ends[1:])))
    samples.batches += len(ends) - 1


def measure_loop(run: Run, make_call: MakeCall, rounds: int, interval: float = 0.0) -> Samples:
    """Rounds of the loop during a purge and without one, each on a fresh copy, in alternating order."""
    tmpl = purge_template(run)
    samples = Samples()
    last = 0  # calls made during the last purge: the baseline makes as many
    for index in range(rounds):
        paths = _copy(tmpl.paths, run.workdir / "purge-round")
        try:
            with _opened(paths) as (services, actor):
                call = make_call(services, actor)
                call()  # the first call fills the caches: kept out of both sides
                if index % 2:
                    samples.without += _timed_calls(call, lambda n: n < last, interval, threading.Event())
                before = len(samples.during)
                _during_purge(services, call, interval, samples, tmpl.expired)
                last = len(samples.during) - before
                if not index % 2:
                    samples.without += _timed_calls(call, lambda n: n < last, interval, threading.Event())
        finally:
            shutil.rmtree(paths.root, ignore_errors=True)
    return samples


def p99(times: list[float]) -> float:
    """The 99th percentile by nearest rank: 1 call in 100 took longer."""
    ordered = sorted(times)
    return ordered[max(0, math.ceil(0.99 * len(ordered)) - 1)]


def _outcome(run: Run, samples: Samples, what: str) -> Outcome:
    tmpl = purge_template(run)
    if not samples.during:
        raise RuntimeError("the purge ended before the first call")
    purge = sum(samples.purge_seconds) / len(samples.purge_seconds)
    size = f"{tmpl.expired:,} expired journal entries" + (" (--quick: a smaller journal)" if run.quick else "")
    note = (f"{what}; {len(samples.during):,} calls while the purge of {size} ran ({purge:.1f} s, "
            f"{samples.batches:,} transactions, the longest {samples.longest_batch * 1000:.0f} ms with its wait "
            f"for the lock; "
            f"median {_median_ms(samples.during):.1f} ms, max {max(samples.during) * 1000:.0f} ms); "
            f"baseline: the same loop, {len(samples.without):,} calls, no purge "
            f"(median {_median_ms(samples.without):.1f} ms)")
    return Outcome(p99(samples.during) * 1000, p99(samples.without) * 1000, note)


def _median_ms(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[len(ordered) // 2] * 1000


# -- the figures ----------------------------------------------------------------------------------


@figure("store.read_during_purge_p99", unit="ms", goal=under_ms(50))
def measure_read_during_purge(run: Run) -> Outcome:
    def make_call(services: Services, actor: Actor) -> Call:
        logbook = services.logbook

        def refresh() -> None:
            logbook.today(actor)
            logbook.count(actor)

        return refresh

    # A million-entry purge gives thousands of calls in one round; --quick's short one needs more rounds.
    samples = measure_loop(run, make_call, run.rounds(2, 1))
    return _outcome(run, samples, f"one refresh of the Today view: LogbookService.today and count, "
                                  f"{ENTRIES} entries")


@figure("store.save_during_purge_p99", unit="ms", goal=under_ms(100))
def measure_save_during_purge(run: Run) -> Outcome:
    refused = []

    def make_call(services: Services, actor: Actor) -> Call:
        logbook, clock, serial = services.logbook, services.station.clock, numbers()

        def save() -> None:
            try:
                logbook.create(actor, entry(clock.now() - timedelta(seconds=next(serial)), actor))
            except StationBusy:  # the write lock was not had within busy_timeout: the form says so
                refused.append(1)

        return save

    samples = measure_loop(run, make_call, run.rounds(3, 1), SAVE_INTERVAL)
    return _outcome(run, samples, f"one entry saved as the form saves it (LogbookService.create with an agent, "
                                  f"committed, synchronous=FULL), one started every "
                                  f"{SAVE_INTERVAL * 1000:.0f} ms; {len(refused)} refused as busy")
