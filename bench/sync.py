"""Sync from a station's side, against a real server on loopback (`python -m app.server serve`, SQLite).

- sync.initial_100k: a new station pulls 100,000 records (logbook natures, sealed as a station seals
  them) and applies them; baseline: the same rows inserted raw into a fresh SQLCipher database
  (one executemany in one transaction). Value and baseline in seconds; the note gives records/s, and the
  floor of any pull that keeps a head and a seen row per record: the rows this pull wrote, inserted raw.
- sync.noop: an incremental sync with nothing to do (pull, digest, status); baseline: one GET /v1/health.
- sync.push_1k: 1,000 outbox changes pushed (two requests of 500); baseline: the same 1,000 sealed
  envelopes posted raw with httpx (to a service of their own), nothing read or marked on the station.
- sync.offline_10k: a station back from 30 days offline with 10,000 main courante entries waiting, with
  their agents and people (tests/sync/test_sync_offline.py writes them): its sync, then the other
  station's; baseline: writing them on the offline station. The note says whether each arrived once.
"""

from __future__ import annotations

import os
import resource
import selectors
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass

import httpx
import sqlcipher3

from app.crypto.kdf import KdfParams, KdfPolicy
from app.crypto.secretstore import NoSecretStore
from app.kernel.station import StationDeps
from app.server import accounts, db
from app.sync import protocol
from app.sync.envelope import Change, ServiceKeys, seal_change
from app.sync.service import SyncService
from app.store.engine import raw_key_literal
from bench._core import Goal, Outcome, Run, figure, timed, compare
from bench._station import NEW_STATION

RECORDS = 100_000
QUICK_RECORDS = 10_000
CHEAP_KDF = KdfParams(iterations=1, memory_cost=1024)


@dataclass
class Server:
    url: str
    database_url: str
    process: subprocess.Popen

    def tenant(self) -> str:
        engine = db.make_engine(self.database_url, pool_size=1)
        try:
            with db.sessions(engine)() as session:
                from datetime import UTC, datetime

                _tenant, token = accounts.add_tenant(session, "bench", datetime.now(UTC))
                session.commit()
        finally:
            engine.dispose()
        return token


def _server(run: Run) -> Server:
    return run.shared("sync.server", _start_server)


def _start_server(run: Run) -> Server:
    folder = run.workdir / "sync-server"
    folder.mkdir(parents=True, exist_ok=True)
    database_url = db.sqlite_url(folder)
    engine = db.make_engine(database_url, pool_size=1)
    db.upgrade(engine)
    engine.dispose()
    process = subprocess.Popen([sys.executable, "-m", "app.server", "serve", "--host", "127.0.0.1", "--port", "0"],
                               env={**os.environ, db.URL_ENVIRONMENT: database_url}, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
    assert process.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        if not selector.select(60):
            raise RuntimeError("the sync server did not start")
    url = process.stdout.readline().strip().rsplit(" ", 1)[-1]
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(url + protocol.HEALTH, timeout=5).status_code == 200:
                break
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
    run.on_close(process.terminate)
    return Server(url, database_url, process)


def _station(run: Run, name: str, admin_login: str = NEW_STATION.admin_login):
    from dataclasses import replace

    from app.bootstrap import build_gate

    deps = StationDeps(clock=__import__("app.clock", fromlist=["SystemClock"]).SystemClock(),
                       kdf=KdfPolicy(fixed=CHEAP_KDF), secrets=NoSecretStore())
    gate = build_gate(run.workdir / f"sync-{name}-{uuid.uuid4().hex[:6]}", deps)
    # A joining station's own first administrator has a login of their own (as in a real joining).
    gate.admin, _ = gate.create(replace(NEW_STATION, admin_login=admin_login))
    run.on_close(gate.close)
    return gate


def _enrolled(run: Run, server: Server, name: str):
    gate = _station(run, name)
    service = SyncService(gate.opened().kernel)
    service.register(gate.admin, server.url, server.tenant())
    service.sync(gate.admin)
    return gate, service


def _natures(count: int) -> list[dict]:
    return [{"code": f"bench_{index:06d}", "label": f"Nature de banc {index}", "active": True, "position": index}
            for index in range(count)]


@figure("sync.initial_100k", unit="s", goal=Goal(
    "at least 30,000 records/s and ratio <= 3",
    lambda o: o.value is not None and o.ratio is not None and o.ratio <= 3
    and (QUICK_RECORDS if o.note.startswith("quick") else RECORDS) / o.value >= 30_000))
def initial_100k(run: Run) -> Outcome:
    count = QUICK_RECORDS if run.quick else RECORDS
    server = _server(run)
    source, service = _enrolled(run, server, "source")
    account = service._account()
    keys = ServiceKeys(account.sync_key, account.handle_key)
    rows = _natures(count)
    with httpx.Client(base_url=server.url, timeout=120) as client:
        headers = {"Authorization": f"Bearer {account.device_token}"}
        for start in range(0, count, protocol.MAX_PUSH_CHANGES):
            changes = []
            for offset, payload in enumerate(rows[start:start + protocol.MAX_PUSH_CHANGES]):
                mutation_id = str(uuid.uuid4())
                handle, ciphertext = seal_change(keys, account.tenant_id, mutation_id, Change(
                    "logbook_nature", payload["code"], "upsert", payload, "bench-source", start + offset + 1))
                changes.append({"mutation_id": mutation_id, "handle": handle, "base_seq": None,
                                "ciphertext": protocol.b64encode(ciphertext)})
            client.post(protocol.PUSH, json={"changes": changes}, headers=headers).raise_for_status()
    # The new station: enrolled with the service's keys as an approval gives them, then one sync.
    fresh = _station(run, "fresh", admin_login="chef")
    fresh_service = SyncService(fresh.opened().kernel)
    from app.sync.joining import forget_own_beginnings

    forget_own_beginnings(fresh.opened().kernel, "")
    # It reads with the source's token (a device of its own needs an approval, not measured here).
    fresh_service.enrol(None, server.url, account.tenant_id, "bench-fresh", account.device_token, keys)
    started, cpu, opening = time.perf_counter(), time.process_time(), _ended_children_cpu()
    report = fresh_service.sync()
    pulled, cpu = time.perf_counter() - started, time.process_time() - cpu
    opening = _ended_children_cpu() - opening  # the pull's opening process (app/sync/pull_process.py), ended
    raw = _raw_insert(run, rows)
    floor = _raw_pull_rows(run, fresh.opened().station)
    # The station's CPU time (its threads' sum, and its opening process's) is steadier than the wall clock
    # on a loaded machine.
    return Outcome(pulled, raw, note=f"{'quick: ' if run.quick else ''}{report.pulled.records} records applied, "
                                      f"{count / pulled:,.0f} records/s; raw insert {count / raw:,.0f} records/s; "
                                      f"station CPU {cpu:.2f} s applying, {opening:.2f} s opening "
                                      f"({count / (cpu + opening):,.0f} records per CPU second); the rows the pull "
                                      f"wrote, inserted raw: {floor:.2f} s ({floor / raw:.1f}x the baseline, "
                                      f"the pull {pulled / floor:.1f}x that)")


def _ended_children_cpu() -> float:
    """The CPU time of this process's children that ended (the server, still running, is not among them)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _raw_insert(run: Run, rows: list[dict]) -> float:
    path = run.workdir / f"raw-{uuid.uuid4().hex[:6]}.db"
    connection = sqlcipher3.connect(str(path))
    connection.execute(f"PRAGMA key = \"{raw_key_literal(os.urandom(32))}\"")
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("CREATE TABLE natures (code TEXT PRIMARY KEY, label TEXT NOT NULL, active INTEGER NOT NULL, "
                       "position INTEGER NOT NULL)")
    started = time.perf_counter()
    with connection:
        connection.executemany("INSERT INTO natures VALUES (?, ?, ?, ?)",
                               [(row["code"], row["label"], 1, row["position"]) for row in rows])
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed


# The tables a pull writes for each record beside the record itself: its head (the base of the next push, so
# that a stale edit is a conflict) and its seen row (what the digest compares with the server).
_PULL_TABLES = ("logbook_natures", "sync_heads", "sync_seen")


def _raw_pull_rows(run: Run, station) -> float:
    """The floor of any pull that keeps per-record heads and seen rows: the rows this pull wrote in those
    tables, read back, then inserted raw (one executemany per table, one transaction) into a fresh SQLCipher
    database with the station's own schema for them (its indexes included). Nothing fetched, nothing opened."""
    from app.store.engine import run_outside_transaction

    run_outside_transaction(station.engine, "PRAGMA wal_checkpoint(TRUNCATE)")
    source = station.engine.raw_connection()
    try:
        marks = ", ".join("?" for _ in _PULL_TABLES)
        schema = [sql for (sql,) in source.execute(
            f"SELECT sql FROM sqlite_master WHERE tbl_name IN ({marks}) AND sql IS NOT NULL ORDER BY type DESC",
            _PULL_TABLES).fetchall()]
        contents = {table: source.execute(f"SELECT * FROM {table}").fetchall() for table in _PULL_TABLES}
    finally:
        source.close()
    path = run.workdir / f"raw-pull-{uuid.uuid4().hex[:6]}.db"
    connection = sqlcipher3.connect(str(path))
    connection.execute(f"PRAGMA key = \"{raw_key_literal(os.urandom(32))}\"")
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    for statement in schema:  # tables first (ORDER BY type DESC), then their indexes
        connection.execute(statement)
    started = time.perf_counter()
    with connection:
        for table, table_rows in contents.items():
            if table_rows:
                marks = ", ".join("?" for _ in table_rows[0])
                connection.executemany(f"INSERT INTO {table} VALUES ({marks})", table_rows)
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed


@figure("sync.noop", unit="ms", goal=Goal("under 20 ms", lambda o: o.value is not None and o.value < 20))
def noop(run: Run) -> Outcome:
    server = _server(run)
    gate, service = _enrolled(run, server, "noop")
    client = httpx.Client(base_url=server.url)
    run.on_close(client.close)
    subject = timed(lambda: service.sync(gate.admin))
    baseline = timed(lambda: client.get(protocol.HEALTH))
    value, base = compare(subject, baseline, run.rounds(5, 30))
    return Outcome(value * 1e3 if value is not None else None, base * 1e3 if base is not None else None)


@figure("sync.push_1k", unit="s", goal=Goal("under 1 s", lambda o: o.value is not None and o.value < 1))
def push_1k(run: Run) -> Outcome:
    server = _server(run)
    gate, service = _enrolled(run, server, "push")
    logbook = gate.opened().logbook
    for index in range(1000):
        logbook.add_nature(gate.admin, f"Nature à pousser {index}")
    from sqlalchemy import text

    engine = gate.opened().station.engine
    times: list[float] = []
    raws: list[float] = []
    # The baseline posts to a service of its own, so that the measured sync never pulls its envelopes.
    _raw_gate, raw_service = _enrolled(run, server, "push-raw")
    account = raw_service._account()
    keys = ServiceKeys(account.sync_key, account.handle_key)
    for _round in range(run.rounds(2, 5)):
        with engine.begin() as connection:  # the same changes, waiting again under new mutation ids
            connection.execute(text("UPDATE sync_outbox SET pushed_at = NULL, mutation_id = lower(hex(randomblob(4))) "
                                    "|| '-' || lower(hex(randomblob(2))) || '-7' || substr(lower(hex(randomblob(2))), 2) "
                                    "|| '-8' || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))) "
                                    "WHERE record_kind = 'logbook_nature'"))
        started = time.perf_counter()
        engine_report = service.sync(gate.admin)
        times.append(time.perf_counter() - started)
        assert engine_report.pushed >= 1000
        raws.append(_raw_push(server, account, keys))
    return Outcome(min(times), min(raws), note="a sync that pushes 1,000 changes and pulls them back")


def _raw_push(server: Server, account, keys: ServiceKeys) -> float:
    batches = []
    for start in range(0, 1000, 500):
        changes = []
        for index in range(start, start + 500):
            mutation_id = str(uuid.uuid4())
            handle, ciphertext = seal_change(keys, account.tenant_id, mutation_id, Change(
                "bench_raw", str(index), "upsert", {"i": index}, "bench", index))
            changes.append({"mutation_id": mutation_id, "handle": handle, "base_seq": None,
                            "ciphertext": protocol.b64encode(ciphertext)})
        batches.append(changes)
    with httpx.Client(base_url=server.url, timeout=60) as client:
        started = time.perf_counter()
        for changes in batches:
            client.post(protocol.PUSH, json={"changes": changes},
                        headers={"Authorization": f"Bearer {account.device_token}"}).raise_for_status()
        return time.perf_counter() - started



OFFLINE = 10_000
QUICK_OFFLINE = int(os.environ.get("VIGIE_BENCH_OFFLINE_QUICK", "1000"))


@figure("sync.offline_10k", unit="s", goal=Goal(
    "under 60 s, every entry once", lambda o: o.value is not None and o.value < 60 and "once" in o.note))
def offline_10k(run: Run) -> Outcome:
    """A station back after 30 days offline with 10,000 main courante entries waiting (with their agents and
    people): its sync that sends them, then the other station's sync that receives them. Baseline: writing
    them on the offline station (the demo's bulk writer, then each queued by the kernel as a save does)."""
    from app.server.settings import utc_now
    from app.sync.joining import forget_own_beginnings
    from tests.sync.test_sync_offline import logbook_of, write_offline

    count = QUICK_OFFLINE if run.quick else OFFLINE
    server = _server(run)
    offline, offline_service = _enrolled(run, server, "offline")
    account = offline_service._account()
    other = _station(run, "offline-other", admin_login="chef")
    forget_own_beginnings(other.opened().kernel, "")
    engine = db.make_engine(server.database_url, pool_size=1)
    try:
        with db.sessions(engine)() as session:
            device, token = accounts.new_device(session, account.tenant_id, "bench-other", utc_now())
            session.commit()
    finally:
        engine.dispose()
    assert token is not None
    other_service = SyncService(other.opened().kernel)
    other_service.enrol(None, server.url, account.tenant_id, device.id, token,
                        ServiceKeys(account.sync_key, account.handle_key))
    other_service.sync()
    started = time.perf_counter()
    queued = write_offline(offline, count)
    written = time.perf_counter() - started
    started = time.perf_counter()
    sent = offline_service.sync(offline.admin)
    sending = time.perf_counter() - started
    received = other_service.sync()
    synced = time.perf_counter() - started
    entries, agents, people = logbook_of(other)
    once = (logbook_of(offline) == (entries, agents, people) and len(entries) == count
            and agents + people + count == queued)
    return Outcome(synced, written, note=f"{'quick: ' if run.quick else ''}{count} entries, {queued} changes: "
                                         f"{sent.pushed} pushed in {sending:.1f} s, {received.pulled.records} "
                                         f"applied in {synced - sending:.1f} s, "
                                         f"{'each once' if once else 'COUNTS DIFFER'}")
