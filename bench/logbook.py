"""The main courante at scale: the list's first page, a period filter, full-text search, saving an entry.

The station is the demo's (app/demo.py), filled with `--entries N` fictional
entries (default 1,000,000) by the demo's bulk writer, then copied without
encryption for the baselines: each figure runs the same SQL on the standard
library's sqlite3 over the same rows. The service's figures go through
LogbookService as a screen calls it: rights read in the transaction, rows
turned into plain data, and (for search and save) the journal entry, the
history and the outbox written and committed.
"""

from __future__ import annotations

import math
import random
import sqlite3
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from app.audit.journal import Actor
from app.services.gate import StationGate
from app.logbook.store import TEXT_COLUMNS, db_time
from app.logbook.types import EntryData, ListFilter
from app.store.fts import match_expression
from bench._core import Goal, Outcome, Run, compare, figure, in_unit
from bench._station import export_plain_copy

DEFAULT_ENTRIES = 1_000_000
PAGE = 100

SEARCHES = ("eglise", "chien errant", "vehicule trottoir", "musique", "portefeuille", "gambetta", "alarme commerce",
            "tags", "velo", "pompiers", "marche hebdo", "vign", "fourriere", "ecole", "mediation voisins",
            "objet", "republique", "ivresse", "constat photos", "itineraire")

ROW_SQL = ("SELECT e.id, e.number, e.requested_at, e.channel, e.nature_code, e.subject, e.address, e.status, "
           "e.started_at, e.ended_at, e.document_number FROM logbook_entries e {where} "
           "ORDER BY e.requested_at DESC, e.id DESC LIMIT 101")
SEARCH_SQL = ("SELECT e.id, e.number, e.requested_at, e.channel, e.nature_code, e.subject, e.address, e.status, "
              "e.started_at, e.ended_at, e.document_number FROM logbook_search s "
              "JOIN logbook_entries e ON e.search_rowid = s.rowid WHERE logbook_search MATCH ? "
              "ORDER BY s.rowid DESC LIMIT 101")


@dataclass
class LogbookBench:
    gate: StationGate
    actor: Actor
    plain: Path
    entries: int

    @property
    def logbook(self):
        return self.gate.services.logbook

    def connect_plain(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.plain, isolation_level=None)
        conn.execute("PRAGMA synchronous = FULL")
        return conn


def logbook_bench(run: Run) -> LogbookBench:
    return run.shared("logbook", _make)


def _make(run: Run) -> LogbookBench:
    from app.demo import make_demo_station

    entries = run.shared("options.entries", lambda _run: None) or DEFAULT_ENTRIES
    started = time.perf_counter()
    gate, _accounts = make_demo_station(run.workdir / "logbook", entries=entries)
    run.on_close(gate.close)
    print(f"  logbook: {entries} demo entries written in {time.perf_counter() - started:.0f} s", flush=True)
    station = gate.services.station
    _user_id, keys = station.keyfile.open_password("admin", "demo-admin-Montclair")
    plain = run.workdir / "logbook-plain.db"
    export_plain_copy(station, keys[0], plain)
    _plain_search_index(plain)
    actor = gate.services.accounts.authenticate("lpetit", "demo-agent-Montclair")
    return LogbookBench(gate, actor, plain, entries)


def _plain_search_index(plain: Path) -> None:
    """The copy's index rebuilt without secure-delete, whose file format the standard library's SQLite
    (3.40 here) cannot read; the sqlcipher3 build of SQLite does it, on the unencrypted file (no key)."""
    import sqlcipher3

    conn = sqlcipher3.connect(str(plain), isolation_level=None)
    try:
        conn.execute("BEGIN")
        conn.execute("CREATE VIRTUAL TABLE search_copy USING fts5(subject, narrative, address, nature, people, "
                     "tokenize = 'unicode61 remove_diacritics 2')")
        conn.execute("INSERT INTO search_copy (rowid, subject, narrative, address, nature, people) "
                     "SELECT rowid, subject, narrative, address, nature, people FROM logbook_search")
        conn.execute("DROP TABLE logbook_search")
        conn.execute("ALTER TABLE search_copy RENAME TO logbook_search")
        conn.execute("COMMIT")
    finally:
        conn.close()


def _agents_and_counts(conn: sqlite3.Connection, ids: list[str]) -> None:
    """What the service reads for a page's rows besides the rows: agents, people and attachment counts."""
    marks = ", ".join("?" * len(ids))
    conn.execute(f"SELECT entry_id, full_name FROM logbook_agents WHERE entry_id IN ({marks}) "
                 "ORDER BY entry_id, position", ids).fetchall()
    conn.execute(f"SELECT entry_id, count(*) FROM logbook_people WHERE entry_id IN ({marks}) GROUP BY entry_id",
                 ids).fetchall()
    conn.execute(f"SELECT entry_id, count(*) FROM logbook_attachments WHERE entry_id IN ({marks}) "
                 "GROUP BY entry_id", ids).fetchall()
    conn.execute("SELECT code, label FROM logbook_natures").fetchall()


def _under(limit: float, unit: str) -> Goal:
    return Goal(f"under {limit:g} {unit}", lambda o: o.value is not None and o.value < limit)


def _note(bench: LogbookBench, what: str) -> str:
    return f"{bench.entries:,} entries; baseline: {what} with sqlite3 on the unencrypted copy"


# -- the list ---------------------------------------------------------------------------------------


@figure("logbook.first_page", unit="ms", goal=_under(50, "ms"))
def measure_first_page(run: Run) -> Outcome:
    bench = logbook_bench(run)
    conn = bench.connect_plain()
    run.on_close(conn.close)

    def service() -> float:
        start = time.perf_counter()
        bench.logbook.list_page(bench.actor, ListFilter(), limit=PAGE)
        return time.perf_counter() - start

    def plain() -> float:
        start = time.perf_counter()
        rows = conn.execute(ROW_SQL.format(where="")).fetchall()
        _agents_and_counts(conn, [r[0] for r in rows[:PAGE]])
        return time.perf_counter() - start

    value, baseline = compare(service, plain, rounds=run.rounds(21, 101))
    return Outcome(in_unit(value, "ms"), in_unit(baseline, "ms"),
                   _note(bench, "the page's query and its agents and counts"))


@figure("logbook.filter_period", unit="ms", goal=_under(100, "ms"))
def measure_filter_period(run: Run) -> Outcome:
    """A week picked at random in the log: its first page and how many entries it holds."""
    bench = logbook_bench(run)
    conn = bench.connect_plain()
    run.on_close(conn.close)
    now = bench.gate.services.station.clock.now()
    span = max(7, min(990, bench.entries // 40))
    rng = random.Random(7)
    weeks = [now - timedelta(days=rng.randrange(7, span)) for _ in range(500)]
    turn = {"service": 0, "plain": 0}

    def period(side: str) -> tuple:
        start = weeks[turn[side] % len(weeks)]
        turn[side] += 1
        return start, start + timedelta(days=7)

    def service() -> float:
        start, end = period("service")
        filters = ListFilter(start=start, end=end)
        began = time.perf_counter()
        bench.logbook.list_page(bench.actor, filters, limit=PAGE)
        bench.logbook.count(bench.actor, filters)
        return time.perf_counter() - began

    def plain() -> float:
        start, end = period("plain")
        params = (db_time(start), db_time(end))
        where = "WHERE e.requested_at >= ? AND e.requested_at < ?"
        began = time.perf_counter()
        rows = conn.execute(ROW_SQL.format(where=where), params).fetchall()
        _agents_and_counts(conn, [r[0] for r in rows[:PAGE]])
        conn.execute(f"SELECT count(*) FROM logbook_entries e {where}", params).fetchone()
        return time.perf_counter() - began

    value, baseline = compare(service, plain, rounds=run.rounds(21, 101))
    return Outcome(in_unit(value, "ms"), in_unit(baseline, "ms"),
                   _note(bench, "the same first page and count of a random week"))


# -- search -------------------------------------------------------------------------------------------


def _p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]


@figure("logbook.search_p95", unit="ms", goal=_under(100, "ms"))
def measure_search(run: Run) -> Outcome:
    """The 95th percentile of a first page of full-text results over typical searches (journaled, committed)."""
    bench = logbook_bench(run)
    conn = bench.connect_plain()
    run.on_close(conn.close)
    subject_times, baseline_times = [], []
    rounds = run.rounds(2, 6)
    for index in range(rounds + 1):
        for query in SEARCHES:
            expression = match_expression(query, TEXT_COLUMNS)
            pair = [("service", query), ("plain", expression)]
            if index % 2:
                pair.reverse()
            for side, typed in pair:
                start = time.perf_counter()
                if side == "service":
                    bench.logbook.search(bench.actor, typed)
                else:
                    rows = conn.execute(SEARCH_SQL, (typed,)).fetchall()
                    _agents_and_counts(conn, [r[0] for r in rows[:PAGE]] or [""])
                elapsed = time.perf_counter() - start
                if index:  # the first pass over the queries warms the caches
                    (subject_times if side == "service" else baseline_times).append(elapsed)
    return Outcome(in_unit(_p95(subject_times), "ms"), in_unit(_p95(baseline_times), "ms"),
                   _note(bench, f"p95 over {len(subject_times)} searches of {len(SEARCHES)} kinds; the same "
                                "MATCH, join and page queries"))


# -- saving -------------------------------------------------------------------------------------------


ENTRY_INSERT = (
    "INSERT INTO logbook_entries (id, version, search_rowid, number, year, serial, requested_at, channel, address, "
    "place_key, nature_code, subject, facts, assessments, action_taken, outcome, status, document_number, "
    "last_change, created_by, created_at, updated_by, updated_at) "
    "VALUES (?, 1, ?, ?, 2099, ?, ?, 'phone', ?, ?, 'tapage', ?, ?, '', '', '', 'open', '', 'created', ?, ?, ?, ?)"
)
SEARCH_INSERT = "INSERT INTO logbook_search (rowid, subject, narrative, address, nature, people) VALUES (?, ?, ?, ?, ?, '')"


@figure("logbook.save_entry", unit="ms", goal=_under(10, "ms"))
def measure_save(run: Run) -> Outcome:
    """A new entry saved as the form saves it: number, agents, index, journal, outbox, commit."""
    from app.ids import new_id

    bench = logbook_bench(run)
    conn = bench.connect_plain()
    run.on_close(conn.close)
    clock = bench.gate.services.station.clock
    serial = iter(range(1, 10**9))
    rowid = iter(range(10**9, 2 * 10**9))

    def service() -> float:
        data = EntryData(requested_at=clock.now(), channel="phone", nature_code="tapage",
                         subject="Musique forte", address="12 rue de l\u2019\u00c9glise",
                         agent_ids=(bench.actor.user_id,), facts="Constat : musique audible depuis la rue.")
        start = time.perf_counter()
        bench.logbook.create(bench.actor, data)
        return time.perf_counter() - start

    def plain() -> float:
        now = db_time(clock.now())
        n, r = next(serial), next(rowid)
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(ENTRY_INSERT, (new_id(), r, f"2099/{n:07d}", n, now, "12 rue de l\u2019\u00c9glise",
                                    "12 rue de l'eglise", "Musique forte", "Constat : musique audible depuis la rue.",
                                    bench.actor.user_id, now, bench.actor.user_id, now))
        conn.execute(SEARCH_INSERT, (r, "Musique forte", "Constat : musique audible depuis la rue.",
                                     "12 rue de l\u2019\u00c9glise", "Tapage / nuisances sonores"))
        conn.execute("COMMIT")
        return time.perf_counter() - start

    value, baseline = compare(service, plain, rounds=run.rounds(21, 201))
    return Outcome(in_unit(value, "ms"), in_unit(baseline, "ms"),
                   _note(bench, "INSERT of the entry row and its index row (without FTS5 secure-delete), "
                                "COMMIT (WAL, synchronous=FULL)"))


# -- memory ------------------------------------------------------------------------------------


@figure("logbook.rss_mb", unit="MB", goal=_under(300, "MB"))
def measure_rss(run: Run) -> Outcome:
    """Vigie's resident memory with the main courante open on the whole log, in a process of its own."""
    import subprocess
    import sys

    from bench.app import HERE, child_environment

    bench = logbook_bench(run)
    child = HERE / "_children" / "logbook_window.py"

    def resident(*args: str) -> tuple[float, str]:
        done = subprocess.run([sys.executable, str(child), *args], capture_output=True, text=True, timeout=600,
                              env=child_environment(run.workdir / "pycache"), cwd=run.workdir)
        line = next((l for l in done.stdout.splitlines() if l.startswith("rss ")), None)
        if line is None:
            raise RuntimeError(f"the memory child failed: {done.stderr.strip()[-500:]}")
        return int(line.split()[1]) / 1024, line

    rounds = run.rounds(1, 3)
    values = sorted(resident(str(bench.gate.paths.root)) for _ in range(rounds))
    baselines = sorted(resident("--bare")[0] for _ in range(rounds))
    value, line = values[len(values) // 2]
    return Outcome(value, baselines[len(baselines) // 2],
                   f"{bench.entries:,} entries; the main window on the main courante, a year of the log loaded "
                   f"and scrolled down five pages ({line.split(' ', 2)[-1]} fetched); "
                   f"baseline: a bare PySide6 window with an empty table")
