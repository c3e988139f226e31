"""`vigie backup` and `vigie restore` stopped by Ctrl+C (SIGINT) in the middle of their work: they end within a
moment, say so in the project's line with status 130, and leave nothing half-written.

The station is large enough that checking a backup takes a second or more: SQLite's quick_check and
SQLCipher's page check are each one C call that long, and Python runs a signal's handler only once such a
call returns, so a command stopped there used to go on to the check's end.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.backup.check import check_backup
from app.backup.writer import database_key, kind_tables
from app.bootstrap import build_gate
from app.clock import SystemClock
from app.crypto.kdf import KdfPolicy
from app.crypto.keyslots import KeyFile
from app.crypto.secretstore import NoSecretStore
from app.demo_logbook import fill_logbook
from app.kernel.deps import StationDeps
from app.kernel.station import NewStation
from tests.conftest import ADMIN_PASSWORD, CHEAP_KDF
from tests.test_backup_cli import COMMAND, ENV, ROOT, Held, entries, named_backups, partials

ENTRIES = 150_000
INTERRUPTED = ("vigie: Interrompu\u00a0: ce qui était en cours a été annulé et rien n'en a été enregistré\u00a0; "
               "ce qui était déjà terminé reste enregistré.")


@dataclass(frozen=True)
class Big:
    data_dir: Path
    folder: Path  # the backups' folder, holding one backup
    backup: Path
    recovery_code: str
    deps: StationDeps
    entries: int  # of the main courante
    tables: list[tuple[str, str]]
    check_seconds: float  # checking that backup as a restore does (its files hashed too)
    after_writing_seconds: float  # as a backup checks what it just wrote (the files not hashed again)


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> Big:
    root = tmp_path_factory.mktemp("interrupted")
    deps = StationDeps(SystemClock(), KdfPolicy(fixed=CHEAP_KDF), NoSecretStore())
    gate = build_gate(root / "station", deps)
    admin, code = gate.create(NewStation(
        service_name="Police municipale de Montclair-sur-Vienne", commune="Montclair-sur-Vienne", insee_code="86999",
        department="86", admin_login="admin", admin_full_name="Sophie Lemaire", admin_password=ADMIN_PASSWORD))
    folder = root / "usb"
    folder.mkdir()
    try:
        services = gate.opened()
        fill_logbook(services.station, admin, ENTRIES)
        backup = Path(services.backup.back_up(admin, folder).path)
        key, tables = database_key(services.station), kind_tables(services.kernel.kinds)
    finally:
        gate.close()
    started = time.perf_counter()
    check_backup(backup, key, tables)
    checked = time.perf_counter()
    check_backup(backup, key, tables, hashes=False)
    after_writing = time.perf_counter() - checked
    return Big(root / "station", folder, backup, code, deps, entries(root / "station", deps), tables,
               checked - started, after_writing)


def started(*args: str, stdin: str) -> subprocess.Popen:
    process = subprocess.Popen([*COMMAND, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=ENV, cwd=ROOT)
    assert process.stdin is not None
    process.stdin.write(stdin.encode("utf-8"))
    process.stdin.close()
    process.stdin = None  # written whole: communicate() has nothing more to send
    return process


def interrupted(process: subprocess.Popen) -> tuple[float, str]:
    """SIGINT sent to *process* (what Ctrl+C sends it); the seconds it took to end, and its standard error."""
    sent = time.perf_counter()
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=60)
    return time.perf_counter() - sent, err.decode("utf-8")


def held_interrupted(held: Held) -> tuple[float, str]:
    """The same for a Held run, its standard output drained so that it can end."""
    sent = time.perf_counter()
    held.process.send_signal(signal.SIGINT)
    _status, _out, err = held.let_go()
    return time.perf_counter() - sent, err


def assert_interrupted(process: subprocess.Popen, stderr: str) -> None:
    assert process.returncode == 130, stderr
    assert stderr.splitlines()[-1] == INTERRUPTED and "Traceback" not in stderr, stderr


def wait_until(process: subprocess.Popen, condition, what: str, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert process.poll() is None, f"vigie ended before {what}: {process.communicate()[1]!r}"
        assert time.monotonic() < deadline, f"no {what} after {seconds} s"
        time.sleep(0.01)  # polling a condition with a deadline, not waiting for a time


def times_open(process: subprocess.Popen, path: Path) -> int:
    """How many of *process*'s descriptors are on *path* (Linux's /proc, as the pipes' size set by Held is Linux's)."""
    try:
        links = [os.readlink(f"/proc/{process.pid}/fd/{fd}") for fd in os.listdir(f"/proc/{process.pid}/fd")]
    except OSError:  # a descriptor closed while listed
        return 0
    return links.count(str(path.resolve()))


def left_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != ".vigie-backup.lock")


def test_ctrl_c_stops_the_check_of_a_backup_within_a_moment(big):
    # In this process: the signal is sent once half of the files are hashed, while SQLite checks the
    # database on the main thread's behalf; the check is left within a moment, no thread nor process behind.
    key = KeyFile.load(big.backup / "station.keys").open_recovery(big.recovery_code)[-1]
    main = threading.main_thread().ident
    assert main is not None
    sent: list[float] = []

    def progress(done: int, total: int) -> None:
        if not sent and done * 2 >= total:
            sent.append(time.perf_counter())
            signal.pthread_kill(main, signal.SIGINT)

    with pytest.raises(KeyboardInterrupt):
        check_backup(big.backup, key, big.tables, progress)
    late = time.perf_counter() - sent[0]
    assert late < min(0.5, big.check_seconds / 3), (late, big.check_seconds)
    assert not [t.name for t in threading.enumerate() if t.name.startswith("backup-")]
    assert multiprocessing.active_children() == []


def test_a_backup_stopped_in_its_copy_or_its_check_leaves_nothing_and_says_so(big):
    args = ("backup", "--as", "admin", "--to", str(big.folder), "--data-dir", str(big.data_dir))
    before = left_in(big.folder)
    # In its copy: its standard output full, it waits at its first progress line.
    held = Held(*args, stdin=ADMIN_PASSWORD + "\n")
    held.wait_for(lambda: partials(big.folder), "partial backup")
    seconds, stderr = held_interrupted(held)
    assert_interrupted(held.process, stderr)
    assert left_in(big.folder) == before and seconds < 5
    # In its check: its manifest is written last, then what it wrote is checked, for as long as SQLite takes.
    process = started(*args, stdin=ADMIN_PASSWORD + "\n")
    wait_until(process, lambda: any((big.folder / name / "manifest.json").exists() for name in partials(big.folder)),
               "the check")
    seconds, stderr = interrupted(process)
    assert_interrupted(process, stderr)
    assert seconds < big.after_writing_seconds / 2, (seconds, big.after_writing_seconds)  # not to the check's end
    assert left_in(big.folder) == before and named_backups(big.folder) == [big.backup.name]
    assert entries(big.data_dir, big.deps) == big.entries  # the station as it was


def test_a_restore_stopped_in_its_check_or_its_copy_leaves_the_station_as_it_was(big):
    secrets = f"{ADMIN_PASSWORD}\n{big.recovery_code}\n"
    restore = ("restore", str(big.backup), "--replace", "--as", "admin", "--data-dir", str(big.data_dir))
    root = big.data_dir.parent
    # In its check, before anything is written: the backup's database is open for it, hashed on one thread
    # and opened by SQLite on another.
    process = started(*restore, stdin=secrets)
    wait_until(process, lambda: times_open(process, big.backup / "vigie.db") >= 2, "the check")
    seconds, stderr = interrupted(process)
    assert_interrupted(process, stderr)
    assert seconds < big.check_seconds / 2, (seconds, big.check_seconds)  # not to the check's end
    # In its copy: its standard output full past the summary it shows first, it waits at its first progress line.
    shown = subprocess.run([*COMMAND, *restore, "--show"], input=secrets, capture_output=True, text=True, env=ENV,
                           cwd=ROOT, timeout=120)
    assert shown.returncode == 0, shown.stderr
    held = Held(*restore, stdin=secrets, room=len(shown.stdout.encode("utf-8")))
    held.wait_for(lambda: any(p.name.startswith(".station.restoring-") for p in root.iterdir()), "restore")
    seconds, stderr = held_interrupted(held)
    assert_interrupted(held.process, stderr)
    assert seconds < 5
    assert sorted(p.name for p in root.iterdir()) == ["station", "usb"]  # no copy aside, no restore left
    assert entries(big.data_dir, big.deps) == big.entries


def test_a_ctrl_c_while_a_station_is_put_in_place_comes_once_it_is_done():
    # The renames of a restore (app/backup/restore.py): between two of them, the folder a Ctrl+C would have
    # had removed held the station being replaced.
    from app.backup.interrupt import held_back

    done = []
    with pytest.raises(KeyboardInterrupt):
        with held_back():
            signal.raise_signal(signal.SIGINT)
            done.append("renamed")
    assert done == ["renamed"] and signal.getsignal(signal.SIGINT) is signal.default_int_handler
