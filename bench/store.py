"""The encrypted store: opening it, unlocking it with a password, one write, one read layer by layer.

Each figure does what Vigie does, through Vigie's own code, and its baseline
does the same work with the standard library's sqlite3 on the station's
unencrypted copy (see bench/_station.py).
"""

from __future__ import annotations

import itertools
import sqlite3
import time

import sqlcipher3
from sqlalchemy import bindparam, select, text
from sqlalchemy.orm import Session

from app.crypto.secretstore import NoSecretStore
from app.ids import new_id
from app.models import Operation, User
from app.kernel.rights import Permission
from app.kernel.deps import StationDeps
from app.kernel.opening import open_with_password
from app.store.engine import make_engine, raw_key_literal
from bench._core import Goal, Outcome, Run, Timed, compare, compare_all, figure, in_unit, timed
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


# -- one read, layer by layer -------------------------------------------------------------

# A user's row read by primary key through each layer Vigie puts between a service and the file,
# from the whole stack down to the bare cipher, all timed in the same rounds (compare_all): what a
# row costs over the row below it is what that layer costs. (key, figure, what it times)
POINT_READ_LAYERS = (
    ("uow", "store.point_read", "station.uow(): Database.use, a session, BEGIN IMMEDIATE, session.get, "
                                "rollback, close"),
    ("read", "store.point_read_snapshot", "station.read(), as a service's read-only unit of work: the same "
                                          "with a deferred BEGIN"),
    ("orm", "store.point_read_orm", "a bare Session on the engine, session.get, close"),
    ("core", "store.point_read_core", "SQLAlchemy Core: engine.connect(), select() of the same columns, "
                                      ".one(), close (BEGIN and ROLLBACK by the engine)"),
    ("pool", "store.point_read_pool", "the pooled DBAPI connection: checkout, BEGIN, the SELECT on a "
                                      "cursor, ROLLBACK, return to the pool"),
    ("sqlcipher", "store.point_read_sqlcipher", "the SELECT on an open sqlcipher3 connection (same key and "
                                                "pragmas as the engine's), no pool, no SQLAlchemy"),
)
PLAIN = "plain"
POINT_SELECT = f"SELECT {', '.join(USER_COLUMNS)} FROM users WHERE id = ?"


def point_reads(run: Run) -> dict[str, float]:
    """Seconds per point read at each layer and on the plain copy, measured once per run."""
    return run.shared("store.point_reads", _measure_point_reads)


def _measure_point_reads(run: Run) -> dict[str, float]:
    bench = bench_station(run)
    station = bench.station
    engine = station.engine
    ids = itertools.cycle(bench.account_ids)
    plain = _plain_connection(bench)
    cipher = _cipher_connection(bench)
    users = User.__table__
    core = select(*(users.c[name] for name in USER_COLUMNS)).where(users.c.id == bindparam("id"))

    def through_uow() -> None:
        with station.uow() as uow:
            uow.session.get(User, next(ids))

    def through_read() -> None:
        with station.read() as uow:
            uow.session.get(User, next(ids))

    def orm() -> None:
        with Session(engine) as session:
            session.get(User, next(ids))

    def core_read() -> None:
        with engine.connect() as conn:
            conn.execute(core, {"id": next(ids)}).one()

    def pooled() -> None:
        raw = engine.raw_connection()
        try:
            cursor = raw.cursor()
            cursor.execute("BEGIN")
            cursor.execute(POINT_SELECT, (next(ids),)).fetchone()
            cursor.execute("ROLLBACK")
            cursor.close()
        finally:
            raw.close()

    operations = {"uow": through_uow, "read": through_read, "orm": orm, "core": core_read, "pool": pooled,
                  "sqlcipher": lambda: cipher.execute(POINT_SELECT, (next(ids),)).fetchone(),
                  PLAIN: lambda: plain.execute(POINT_SELECT, (next(ids),)).fetchone()}
    try:
        return compare_all({name: timed(op) for name, op in operations.items()},
                           rounds=run.rounds(51, 301), batch=20)
    finally:
        plain.close()
        cipher.close()


def _point_read_figure(index: int, key: str, name: str, what: str) -> None:
    below = POINT_READ_LAYERS[index + 1] if index + 1 < len(POINT_READ_LAYERS) else (PLAIN, "sqlite3", "")

    def measure(run: Run) -> Outcome:
        seconds = point_reads(run)
        added = in_unit(seconds[key] - seconds[below[0]], "us")
        return Outcome(in_unit(seconds[key], "us"), in_unit(seconds[PLAIN], "us"),
                       f"{what}; {added:+.0f} us over {below[1]}; baseline: the SELECT on an open sqlite3 "
                       "connection to the unencrypted copy")

    figure(name, unit="us")(measure)


for _index, (_key, _name, _what) in enumerate(POINT_READ_LAYERS):
    _point_read_figure(_index, _key, _name, _what)


# A write of one small field (SQLite skips a write that changes nothing): committed by another connection, it
# makes the reader's next transaction drop its whole page cache (WAL mode), as every commit of a purge or a save does.
TOUCH = "UPDATE users SET failed_attempts = 1 - failed_attempts WHERE id = ?"


@figure("store.point_read_sqlcipher_cold", unit="us")
def measure_point_read_cold(run: Run) -> Outcome:
    """The bare SELECT just after another connection committed: its pages are read again and decrypted."""
    bench = bench_station(run)
    ids = itertools.cycle(bench.account_ids)
    connections = [_cipher_connection(bench), _cipher_connection(bench), _plain_connection(bench),
                   _plain_connection(bench)]
    for writer in connections[1::2]:
        writer.isolation_level = None
        writer.execute("PRAGMA synchronous = OFF")  # the write is not what is measured: no fsync

    def after_a_commit(reader, writer) -> Timed:
        def run() -> float:
            record_id = next(ids)
            writer.execute(TOUCH, (record_id,))
            start = time.perf_counter()
            reader.execute(POINT_SELECT, (record_id,)).fetchone()
            return time.perf_counter() - start

        return run

    try:
        value, baseline = compare(after_a_commit(*connections[:2]), after_a_commit(*connections[2:]),
                                  rounds=run.rounds(101, 501))
    finally:
        for conn in connections:
            conn.close()
    return Outcome(in_unit(value, "us"), in_unit(baseline, "us"),
                   "the SELECT on an open sqlcipher3 connection right after another connection committed, so its "
                   "page cache is dropped and the pages are read from the WAL and decrypted again; baseline: the "
                   "same on two sqlite3 connections to the unencrypted copy")


def _cipher_connection(bench: BenchStation) -> sqlcipher3.Connection:
    """A sqlcipher3 connection configured as make_engine configures the engine's."""
    conn = sqlcipher3.connect(str(bench.paths.database), check_same_thread=False)
    conn.execute(f'PRAGMA key = "{raw_key_literal(bench.key)}"')
    for pragma in ("foreign_keys = ON", "journal_mode = WAL", "synchronous = FULL", "busy_timeout = 5000",
                   "cache_size = -32000"):
        conn.execute(f"PRAGMA {pragma}")
    return conn


def _plain_connection(bench: BenchStation) -> sqlite3.Connection:
    conn = sqlite3.connect(bench.plain)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn
