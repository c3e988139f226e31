"""The encrypted store: opening it, unlocking it with a password, one write, one read.

Each figure does what Vigie does, through Vigie's own code, and its baseline
does the same work with the standard library's sqlite3 on the station's
unencrypted copy (see bench/_station.py).
"""

from __future__ import annotations

import itertools
import sqlite3
import time

from sqlalchemy import text

from app.crypto.secretstore import NoSecretStore
from app.ids import new_id
from app.models import Operation, User
from app.kernel.rights import Permission
from app.kernel.station import StationDeps, open_with_password
from app.store.engine import make_engine
from bench._core import Goal, Outcome, Run, Timed, compare, figure, in_unit, timed
from bench._station import ADMIN_LOGIN, ADMIN_PASSWORD, BenchStation, bench_station, new_account

# What the station reads first once open: its own row.
FIRST_QUERY = "SELECT service_name, commune FROM station"

USER_COLUMNS = ("id", "version", "login", "full_name", "grade", "matricule", "role", "active", "password_hash",
                "must_change_password", "failed_attempts", "locked_until", "created_at", "updated_at")


# -- opening ---------------------------------------------------------------------------------


def open_raw_key(bench: BenchStation) -> Timed:
    """make_engine (SQLCipher, raw key, WAL, synchronous=FULL) and the first query."""
    query = text(FIRST_QUERY)

    def run() -> float:
        start = time.perf_counter()
        engine = make_engine(bench.paths.database, bench.key)
        with engine.connect() as conn:
            conn.execute(query).one()
        elapsed = time.perf_counter() - start
        engine.dispose()
        return elapsed

    return run


def open_plain(bench: BenchStation) -> Timed:
    def run() -> float:
        start = time.perf_counter()
        conn = sqlite3.connect(bench.plain)
        conn.execute(FIRST_QUERY).fetchone()
        elapsed = time.perf_counter() - start
        conn.close()
        return elapsed

    return run


@figure("store.open_raw_key", unit="ms", goal=Goal.ratio_at_most(5))
def measure_open_raw_key(run: Run) -> Outcome:
    bench = bench_station(run)
    bench.close_connections()
    value, baseline = compare(open_raw_key(bench), open_plain(bench), rounds=run.rounds(51, 301))
    return Outcome(in_unit(value, "ms"), in_unit(baseline, "ms"))


@figure("store.unlock_password", unit="s", goal=Goal.value_between(0.3, 1.0, "s"))
def measure_unlock_password(run: Run) -> Outcome:
    bench = bench_station(run)
    bench.close_connections()
    deps = StationDeps(kdf=bench.station.deps.kdf, secrets=NoSecretStore())

    def unlock() -> float:
        start = time.perf_counter()
        station, _user_id = open_with_password(bench.paths, ADMIN_LOGIN, ADMIN_PASSWORD, deps)
        elapsed = time.perf_counter() - start
        station.close()
        return elapsed

    value, baseline = compare(unlock, open_raw_key(bench), rounds=run.rounds(3, 11))
    kdf = next(s["kdf"] for s in bench.station.keyfile.slots if s["kind"] == "password")
    note = (f"Argon2id t={kdf['iterations']}, m={kdf['memory_cost'] // 1024} MiB, calibrated here for 0.5 s; "
            "no plain-sqlite3 equivalent: baseline is the bare SQLCipher open with the raw key")
    return Outcome(in_unit(value, "s"), in_unit(baseline, "s"), note)


# -- one write, one read ---------------------------------------------------------------------


@figure("store.insert_commit", unit="ms", goal=Goal.ratio_at_most(4))
def measure_insert_commit(run: Run) -> Outcome:
    bench = bench_station(run)
    station = bench.station
    numbers = itertools.count(100_000)

    def insert_vigie() -> None:
        # What AccountService.create_user writes, without its Argon2id hashing and key slot.
        with bench.kernel.administer(bench.admin, Permission.ADMINISTER_USERS) as work:
            user = new_account(station, next(numbers), bench.password_hash)
            work.session.add(user)
            work.session.flush()
            work.journal(Operation.CREATE, user.id, kind="user")
            work.queue(user)
            work.commit()

    conn = _plain_connection(bench)
    insert = (f"INSERT INTO users ({', '.join(USER_COLUMNS)}) "
              f"VALUES ({', '.join('?' for _ in USER_COLUMNS)})")

    def insert_plain() -> None:
        number = next(numbers)
        now = station.clock.now().isoformat(sep=" ")
        conn.execute(insert, (new_id(), 1, f"agent{number:05d}", f"Agent {number:05d}", "Gardien-brigadier",
                              f"86-86999-{number:05d}", "agent", True, bench.password_hash, True, 0, None, now, now))
        conn.commit()

    try:
        value, baseline = compare(timed(insert_vigie), timed(insert_plain), rounds=run.rounds(61, 401))
    finally:
        conn.close()
    return Outcome(in_unit(value, "ms"), in_unit(baseline, "ms"),
                   "baseline: one INSERT and COMMIT, unencrypted, WAL, synchronous=FULL")


@figure("store.point_read", unit="us")
def measure_point_read(run: Run) -> Outcome:
    bench = bench_station(run)
    station = bench.station
    vigie_ids = itertools.cycle(bench.account_ids)
    plain_ids = itertools.cycle(bench.account_ids)

    def read_vigie() -> None:
        with station.uow() as uow:
            uow.session.get(User, next(vigie_ids))

    conn = _plain_connection(bench)
    select = f"SELECT {', '.join(USER_COLUMNS)} FROM users WHERE id = ?"

    def read_plain() -> None:
        conn.execute(select, (next(plain_ids),)).fetchone()

    try:
        value, baseline = compare(timed(read_vigie), timed(read_plain), rounds=run.rounds(51, 301), batch=20)
    finally:
        conn.close()
    return Outcome(in_unit(value, "us"), in_unit(baseline, "us"),
                   "one unit of work with session.get vs one SELECT on an open sqlite3 connection")


def _plain_connection(bench: BenchStation) -> sqlite3.Connection:
    conn = sqlite3.connect(bench.plain)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn
