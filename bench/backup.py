"""Backups at scale: a station of 1,000,000 main courante entries and 1 GB of attachments.

The station is the logbook figures' (the demo's bulk writer, `--entries N`);
1 GB of attachment files (already encrypted, as the station keeps them) is
written beside it directly. The service's backup is two steps, timed apart
as the issue asks: `backup.station_1m` times the copy (the database file's
encrypted bytes copied under one read transaction, the attachments, each file
hashed and written to the disk with fsync, the key slots, the manifest, the
rename that makes the backup visible), against a plain copy of the same bytes
(shutil.copyfile of the database file and every attachment, each written to
the disk with fsync, as the backup's files are) in the same run;
`backup.verify_1m` times the check of that backup, as a restore runs it (every
file hashed, cipher_integrity_check, quick_check, counts per kind). A backup
made by the service runs both: the check after writing (without hashing the
files again) comes between the copy and the rename.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from app.backup.check import check_backup
from app.backup.files import remove_tree
from app.backup.writer import database_key, kind_tables, publish, write_backup
from bench._core import Goal, Outcome, Run, figure
from bench.logbook import logbook_bench

FILE_SIZE = 1 << 20


def _attachments(run: Run) -> int:
    """Bytes of attachment files written into the station (1 GB; 100 MB with --quick)."""

    def make(run: Run) -> int:
        bench = logbook_bench(run)
        folder = bench.gate.opened().station.paths.attachments
        count = 100 if run.quick else 1000
        for _ in range(count):
            name = os.urandom(32).hex()
            (folder / name[:2]).mkdir(parents=True, exist_ok=True)
            (folder / name[:2] / name).write_bytes(b"VGB1" + os.urandom(FILE_SIZE))
        return count * (FILE_SIZE + 4)

    return run.shared("backup.attachments", make)


def _plain_copy(station, target: Path) -> float:
    """cp of the same files, each then written to the disk (fsync) as a backup's are: a copy still
    in the page cache is not yet a copy that outlives the station's disk."""
    remove_tree(target)
    target.mkdir()
    started = time.perf_counter()
    _copied(station.paths.database, target / "vigie.db")
    for blob in station.paths.attachments.rglob("*"):
        if blob.is_file():
            _copied(blob, target / blob.name)
    fd = os.open(target, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    return time.perf_counter() - started


def _copied(source: Path, target: Path) -> None:
    shutil.copyfile(source, target)
    with open(target, "rb+") as handle:
        os.fsync(handle.fileno())


@figure("backup.station_1m", unit="s", goal=Goal.ratio_at_most(2.0))
def measure_backup(run: Run) -> Outcome:
    bench = logbook_bench(run)
    size = _attachments(run)
    services = bench.gate.opened()
    station = services.station
    folder = run.workdir / "backups"
    folder.mkdir(exist_ok=True)
    from app.store.engine import run_outside_transaction

    run_outside_transaction(station.engine, "PRAGMA wal_checkpoint(TRUNCATE)")  # both sides copy one file
    times, plain, made = [], [], None
    for _ in range(run.rounds(1, 2)):
        plain.append(_plain_copy(station, run.workdir / "plain-copy"))
        if made is not None:
            remove_tree(made)
        started = time.perf_counter()
        made = publish(write_backup(station, services.kernel.kinds, folder, services.kernel.clock.now()))
        times.append(time.perf_counter() - started)
    run.shared("backup.made", lambda _run: made)
    remove_tree(run.workdir / "plain-copy")
    database = station.paths.database.stat().st_size
    return Outcome(min(times), min(plain), f"{bench.entries:,} entries, database {database / 1e9:.2f} GB, "
                                           f"attachments {size / 1e9:.2f} GB; the copy, its check apart "
                                           "(backup.verify_1m); baseline: a plain copy, fsynced")


@figure("backup.verify_1m", unit="s", goal=Goal("under 30 s", lambda o: o.value is not None and o.value < 30))
def measure_verify(run: Run) -> Outcome:
    bench = logbook_bench(run)
    made = run.shared("backup.made", lambda run: _made(run))
    station = bench.gate.opened().station
    tables = kind_tables(bench.gate.opened().kernel.kinds)
    started = time.perf_counter()
    check_backup(made, database_key(station), tables)
    return Outcome(time.perf_counter() - started, None, f"{bench.entries:,} entries; every file hashed, "
                                                        "cipher_integrity_check, quick_check, counts per kind")


def _made(run: Run) -> Path:
    measure_backup(run)
    return run.shared("backup.made", lambda _run: None)
