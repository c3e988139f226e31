"""The access journal at a million entries: purging them, exporting 100,000, verifying them all.

A station is made once per run and its journal filled, with raw SQL in one
transaction, with 1,000,000 expired entries (400 to 70 days old) chained
with their real hashes and sealed with the station's real keys (its seal
state moved on past them, as the station itself would), then 2,000 recent
ones. That station is kept closed
as a template: the purge works on a fresh copy each round, and export and
verification on one copy opened for them. Each baseline does the same work
with the standard library's sqlite3 on an unencrypted copy of the template.

Filling a million entries takes minutes: with VIGIE_BENCH_JOURNAL_TEMPLATE=DIR
the template (station, plain copy, and what the figures need to use them) is
kept in DIR and used again by the next runs, which then measure at once.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import sqlite3
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.audit import seal, sealstate
from app.audit.chain import row_hash
from app.audit.query import JournalFilter, stored
from app.audit.sealverify import verify_sealed
from app.crypto import verification_code
from app.crypto.kdf import KdfParams, KdfPolicy
from app.crypto.keyslots import KeyFile
from app.crypto.secretstore import NoSecretStore
from app.kernel.rights import Access, Compartment
from app.bootstrap import build_gate
from app.services.journal import JournalService
from app.kernel.deps import StationDeps
from app.kernel.opening import open_with_keys
from app.store.engine import run_outside_transaction
from app.store.layout import StationPaths
from bench._core import Goal, Outcome, Run, compare, figure
from bench._station import ADMIN_LOGIN, ADMIN_PASSWORD, NEW_STATION, export_plain_copy

EXPIRED = 1_000_000
RECENT = 2_000
EXPORTED = 100_000
# The filled station does not measure logins: a cheap key derivation keeps its making short.
CHEAP_KDF = KdfPolicy(fixed=KdfParams(iterations=1, memory_cost=1024))
COLUMNS = ("seq, id, at, station_id, user_id, login, matricule, operation, compartment, record_kind, record_id, "
           "motive, recipient, detail, prev_hash, hash, tag")
OPERATIONS = ("consult", "search", "create", "modify", "print", "consult", "consult", "erase")
COMPARTMENTS = ("main_courante", "ecrits", "registres", "demandes")
AGENTS = 24


def under(seconds: float) -> Goal:
    return Goal(f"under {seconds:g} s", lambda o: o.value is not None and o.value < seconds)


class ShiftedClock:
    """The real clock, moved by *offset*: the template's station is made 400 days in the past."""

    def __init__(self, offset: timedelta) -> None:
        self.offset = offset

    def now(self) -> datetime:
        return datetime.now(UTC) + self.offset


@dataclass
class Template:
    paths: StationPaths  # closed: copied, never opened
    key: bytes
    plain: Path  # unencrypted copy, same schema and rows
    station_id: str
    expired_upto: int  # the last expired entry's seq
    code: bytes  # the journal verification code's key: sealed verification reads it


KEEP = "VIGIE_BENCH_JOURNAL_TEMPLATE"  # a folder where the template is kept between runs


def template(run: Run, expired: int = EXPIRED) -> Template:
    """The closed station whose journal holds *expired* entries past retention, then RECENT ones."""
    return run.shared(f"journal.template.{expired}", lambda run: _kept_template(run, expired))


def _kept_template(run: Run, expired: int) -> Template:
    """The template of an earlier run kept in $VIGIE_BENCH_JOURNAL_TEMPLATE, or a new one (kept there if set)."""
    keep = os.environ.get(KEEP)
    if not keep:
        return _make_template(run.workdir, expired)
    folder = Path(keep)
    facts = folder / f"journal-template-{expired}.json"
    if facts.exists():
        known = json.loads(facts.read_text(encoding="utf-8"))
        paths = StationPaths(folder / f"journal-template-{expired}")
        _user_id, keys = KeyFile.load(paths.keys).open_password(ADMIN_LOGIN, ADMIN_PASSWORD)
        print(f"  the journal template kept in {folder} is used again", flush=True)
        return Template(paths, keys[0], folder / f"journal-plain-{expired}.db", known["station_id"],
                        known["expired_upto"], bytes.fromhex(known["code"]))
    shutil.rmtree(folder / f"journal-template-{expired}", ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    made = _make_template(folder, expired)
    # A scratch station of the bench's own (its password is in bench/_station.py): its code may be kept beside it.
    facts.write_text(json.dumps({"station_id": made.station_id, "expired_upto": made.expired_upto,
                                 "code": made.code.hex()}), encoding="utf-8")
    facts.chmod(0o600)
    return made


def _make_template(workdir: Path, expired: int) -> Template:
    paths = StationPaths(workdir / f"journal-template-{expired}")
    clock = ShiftedClock(-timedelta(days=400))
    gate = build_gate(paths.root, StationDeps(clock=clock, kdf=CHEAP_KDF, secrets=NoSecretStore()))
    gate.create(NEW_STATION)
    station = gate.services.station
    code = verification_code.decode(station.journal.take_verification_code())
    print(f"  filling the journal with {expired + RECENT:,} entries...", flush=True)
    now = datetime.now(UTC)
    fill(station, expired, now - timedelta(days=400), now - timedelta(days=70))
    expired_upto = _max_seq(station)
    fill(station, RECENT, now - timedelta(days=20), now - timedelta(minutes=1))
    _user_id, keys = station.keyfile.open_password(ADMIN_LOGIN, ADMIN_PASSWORD)
    plain = workdir / f"journal-plain-{expired}.db"
    export_plain_copy(station, keys[0], plain)
    run_outside_transaction(station.engine, "PRAGMA wal_checkpoint(TRUNCATE)")
    gate.close()
    return Template(paths, keys[0], plain, station.id, expired_upto, code)


def fill(station, count: int, first: datetime, last: datetime) -> None:
    """*count* entries from *first* to *last*, chained after the journal's last one and sealed, in one transaction.

    Each is sealed with the key of its position, from the station's seal state, which is then moved on past
    them: what the station's own journal writer does, entry by entry.
    """
    state_file = sealstate.state_path(station.paths.database)
    state = sealstate.read(state_file)
    if state is None:
        raise RuntimeError("the bench station has no seal state")
    key = state.key
    raw = station.engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("BEGIN IMMEDIATE")
        seq, prev_hash = cursor.execute("SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1").fetchone()
        if state.next_seq != seq + 1:
            raise RuntimeError(f"the seal state is at entry {state.next_seq}, the journal at entry {seq}")
        step = (last - first) / count
        base = first.replace(tzinfo=None)
        agents = [(f"0190{n:04x}-0000-7000-8000-{n:012x}", f"agent{n:02d}", f"86-86999-{n:03d}")
                  for n in range(AGENTS)]
        insert = f"INSERT INTO journal ({COLUMNS}) VALUES ({', '.join('?' * 17)})"
        rows = []
        for number in range(count):
            seq += 1
            at = base + step * number
            user_id, login, matricule = agents[number % AGENTS]
            row = [seq, f"{seq:08x}-0000-7000-8000-{number:012x}", at.isoformat() + "Z",
                   station.id, user_id, login, matricule, OPERATIONS[number % len(OPERATIONS)],
                   COMPARTMENTS[number % len(COMPARTMENTS)], "intervention",
                   f"0199{number % 9973:04x}-0000-7000-8000-{number:012x}", "", "", "", prev_hash]
            if at.microsecond == 0:
                row[2] = at.isoformat() + ".000000Z"
            prev_hash = row_hash(row)
            tag = seal.tag(key, seq, row[2], prev_hash)
            key = seal.evolve(key)
            row[2] = row[2][:10] + " " + row[2][11:-1]
            row.append(prev_hash)
            row.append(tag)
            rows.append(row)
            if len(rows) == 20_000:
                cursor.executemany(insert, rows)
                rows.clear()
        cursor.executemany(insert, rows)
        cursor.execute("COMMIT")
    finally:
        raw.close()
    sealstate.write(state_file, sealstate.SealState(state.station_id, state.generation, seq + 1, key))


def _max_seq(station) -> int:
    value = run_outside_transaction(station.engine, "SELECT max(seq) FROM journal")
    while isinstance(value, (list, tuple)):  # rows of one column, however the helper nests them
        value = value[0]
    return int(value)


def _copy(source: StationPaths, target: Path) -> StationPaths:
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source.root, target)
    return StationPaths(target)


def _open(paths: StationPaths, key: bytes):
    deps = StationDeps(kdf=CHEAP_KDF, secrets=NoSecretStore())
    return open_with_keys(paths, KeyFile.load(paths.keys), [key], deps)


def _plain(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    return conn


# -- purge ----------------------------------------------------------------------------------


@figure("journal.purge_1m", unit="s", goal=under(10))
def measure_purge(run: Run) -> Outcome:
    tmpl = template(run)
    longest: list[float] = []
    plain_secure: list[int] = []

    def purge() -> float:
        paths = _copy(tmpl.paths, run.workdir / "journal-purge")
        station = _open(paths, tmpl.key)
        batches = [time.perf_counter()]
        try:
            start = time.perf_counter()
            # As a command opening the station purges (nobody works on it meanwhile): the backlog is swapped.
            result = JournalService(station).purge_expired(progress=lambda done, total: batches.append(
                time.perf_counter()), station_in_use=False)
            elapsed = time.perf_counter() - start
        finally:
            station.close()
            shutil.rmtree(paths.root, ignore_errors=True)
        if result.purged != tmpl.expired_upto:
            raise RuntimeError(f"purged {result.purged} entries, expected {tmpl.expired_upto}")
        longest.append(result.swap_seconds if result.swap_seconds is not None
                       else max(b - a for a, b in zip(batches, batches[1:])))
        return elapsed

    def plain_delete() -> float:
        target = run.workdir / "journal-purge-plain.db"
        shutil.copyfile(tmpl.plain, target)
        conn = _plain(target)
        try:
            # The plain copy carries the integrity triggers (migration 0009), which refuse a bare DELETE.
            triggers = conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'journal'")
            for (name,) in triggers.fetchall():
                conn.execute(f"DROP TRIGGER {name}")
            plain_secure.append(conn.execute("PRAGMA secure_delete").fetchone()[0])  # as this sqlite3 was built
            start = time.perf_counter()
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("DELETE FROM journal WHERE seq <= ?", (tmpl.expired_upto,))
            conn.execute("COMMIT")
            elapsed = time.perf_counter() - start
        finally:
            conn.close()
            target.unlink()
            for suffix in ("-wal", "-shm"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
        return elapsed

    value, baseline = compare(purge, plain_delete, rounds=run.rounds(1, 3), warmup=0)
    return Outcome(value, baseline, f"{tmpl.expired_upto:,} entries of {tmpl.expired_upto + RECENT:,}, a backlog: "
                                    "the journal table swapped in one transaction (checkpoint with the last purged "
                                    "entry's seal, the kept entries copied, the old table cleared and dropped with "
                                    "secure_delete, its indexes and triggers made again, the sealed purge entry); "
                                    f"the swap took {max(longest):.2f} s at most (its transaction, holding the "
                                    "write lock, then the checkpoint and the -wal cut to nothing); baseline: one "
                                    "sqlite3 DELETE of the same rows, unencrypted, without the triggers, one "
                                    f"transaction, secure_delete {'on' if all(plain_secure) else 'off'} (this "
                                    "sqlite3's default)")


# -- export and verification ---------------------------------------------------------------------


@dataclass
class Opened:
    station: object
    service: JournalService
    admin: object


def opened(run: Run) -> Opened:
    """A copy of the template, open, its administrator logged in."""

    def make(run: Run) -> Opened:
        tmpl = template(run)
        paths = _copy(tmpl.paths, run.workdir / "journal-open")
        gate = build_gate(paths.root, StationDeps(kdf=CHEAP_KDF, secrets=NoSecretStore()))
        # The expired entries are what export and verification read: retention must not run first.
        gate.purge_at_opening = False
        admin = gate.login(ADMIN_LOGIN, ADMIN_PASSWORD)
        run.on_close(gate.close)
        return Opened(gate.services.station, JournalService(gate.services.station), admin)

    return run.shared("journal.opened", make)


def _exported_period(tmpl: Template) -> tuple[datetime, datetime]:
    """From the time of the entry EXPORTED before the last expired one, to just after that one."""
    conn = sqlite3.connect(tmpl.plain)
    try:
        first, last = (conn.execute("SELECT at FROM journal WHERE seq = ?", (seq,)).fetchone()[0]
                       for seq in (tmpl.expired_upto - EXPORTED + 1, tmpl.expired_upto))
    finally:
        conn.close()
    start = datetime.fromisoformat(first).replace(tzinfo=UTC)
    return start, datetime.fromisoformat(last).replace(tzinfo=UTC) + timedelta(microseconds=1)


@figure("journal.export_100k", unit="s", goal=under(5))
def measure_export(run: Run) -> Outcome:
    tmpl = template(run)
    subject = opened(run)
    start, end = _exported_period(tmpl)
    filters = JournalFilter(start=start, end=end)
    out = run.workdir / "extract.csv"
    counts = []

    def export() -> float:
        begin = time.perf_counter()
        result = subject.service.export(subject.admin, filters, "csv", out, "Contr\u00f4le interne")
        elapsed = time.perf_counter() - begin
        counts.append(result.count)
        return elapsed

    def plain_csv() -> float:
        conn = sqlite3.connect(tmpl.plain)
        try:
            begin = time.perf_counter()
            rows = conn.execute(f"SELECT {COLUMNS} FROM journal WHERE at >= ? AND at < ? ORDER BY seq",
                                (stored(start), stored(end)))
            with open(run.workdir / "plain.csv", "w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(COLUMNS.split(", "))
                writer.writerows(rows)
            return time.perf_counter() - begin
        finally:
            conn.close()

    value, baseline = compare(export, plain_csv, rounds=run.rounds(2, 5))
    if set(counts) != {EXPORTED}:
        raise RuntimeError(f"exported {sorted(set(counts))} entries, expected {EXPORTED}")
    return Outcome(value, baseline, "CSV, manifest signed, EXPORT entry committed, files renamed; baseline: the "
                                    "same rows read with sqlite3 (unencrypted) and written with csv.writer")


@figure("journal.verify_1m", unit="s", goal=under(10))
def measure_verify(run: Run) -> Outcome:
    tmpl = template(run)
    subject = opened(run)
    checked = []

    def verify() -> float:
        begin = time.perf_counter()
        station = subject.station
        report = verify_sealed(station.engine, station.id, sealstate.state_path(station.paths.database), tmpl.code)
        elapsed = time.perf_counter() - begin
        if not report.ok or not report.sealed:
            raise RuntimeError(report.first.untranslated() if report.first else "the seals were not checked")
        checked.append(report.checked)
        return elapsed

    def plain_hash() -> float:
        conn = sqlite3.connect(tmpl.plain)
        try:
            begin = time.perf_counter()
            sha256 = hashlib.sha256
            for row in conn.execute(f"SELECT {COLUMNS} FROM journal ORDER BY seq"):
                sha256("|".join(map(str, row[:15])).encode()).hexdigest()
            return time.perf_counter() - begin
        finally:
            conn.close()

    value, baseline = compare(verify, plain_hash, rounds=run.rounds(1, 3))
    return Outcome(value, baseline, f"{min(checked):,} entries read (SQLCipher) 5,000 at a time, each batch "
                                    "serialized by SQLite (json_object) on a reading thread while the batch before "
                                    "is hashed, its links, numbers and seals recomputed from the verification code "
                                    "checked, in one pass; the checkpoint and seal state checked; baseline: the "
                                    "same rows read with sqlite3 (unencrypted) and each hashed with hashlib over "
                                    "its joined fields")


# -- consultation ------------------------------------------------------------------------------

CONSULTED_ENTRIES = 200


@figure("journal.consult_overhead", unit="ms", goal=Goal.ratio_at_most(1.5))
def measure_consult_overhead(run: Run) -> Outcome:
    """Opening a main courante entry as the form does (with its consultation journaled), against the
    same read in the same service without the journal entry."""
    from app.logbook.types import EntryData

    paths = StationPaths(run.workdir / "journal-consult")
    gate = build_gate(paths.root, StationDeps(kdf=CHEAP_KDF, secrets=NoSecretStore()))
    admin, _code = gate.create(NEW_STATION)
    run.on_close(gate.close)
    logbook = gate.services.logbook
    nature = logbook.natures(admin)[0].code
    now = datetime.now(UTC)
    ids = [logbook.create(admin, EntryData(requested_at=now - timedelta(minutes=n), channel="phone",
                                           nature_code=nature, subject=f"Appel {n} : tapage nocturne",
                                           address="place du Marché", facts="Musique forte signalée.")).entry.id
           for n in range(CONSULTED_ENTRIES)]
    turn = iter(range(10**9))

    def consult() -> float:
        entry_id = ids[next(turn) % len(ids)]
        start = time.perf_counter()
        logbook.get(admin, entry_id)
        return time.perf_counter() - start

    def read_only() -> float:
        entry_id = ids[next(turn) % len(ids)]
        start = time.perf_counter()
        with logbook.kernel.work(admin, Compartment.MAIN_COURANTE, Access.READ) as work:
            logbook._detail(work.session, logbook._entry(work.session, entry_id))
        return time.perf_counter() - start

    value, baseline = compare(consult, read_only, rounds=run.rounds(30, 200))
    return Outcome(value * 1000, baseline * 1000,
                   "LogbookService.get (rights, entry with people and files, CONSULT entry chained and committed "
                   "with synchronous=FULL); baseline: the same unit of work and read, without the journal entry "
                   "(nothing to commit)")
