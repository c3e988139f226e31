"""`vigie backup` and `vigie restore` as a user runs them, and killed (kill -9) in the middle of their work.

A run is stopped at a point the test controls without sleeping: its standard
output is a pipe the test fills beforehand, so that the command's first
progress line cannot be written and it waits there, inside its work, until
the test kills it (or drains the pipe to let it go on).
"""

from __future__ import annotations

import fcntl
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from app.bootstrap import build_gate
from app.models import LogbookEntry
from tests.conftest import ADMIN_PASSWORD, journal_entries
from tests.logbook_helpers import entry_data

ROOT = Path(__file__).resolve().parent.parent
F_SETPIPE_SZ = 1031
ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
COMMAND = [sys.executable, "-W", "error", "-W", "ignore:no French translation:UserWarning", "-m", "app"]


def vigie(*args: str, stdin: str = "", limit: int | None = None) -> subprocess.CompletedProcess:
    def limited() -> None:
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run([*COMMAND, *args], input=stdin, capture_output=True, text=True, encoding="utf-8",
                          env=ENV, cwd=ROOT, timeout=120, preexec_fn=limited)


class Held:
    """`vigie ARGS` whose standard output is full before it starts: it stops at its first progress line."""

    def __init__(self, *args: str, stdin: str, room: int = 0) -> None:
        self.read_end, write_end = os.pipe()
        size = fcntl.fcntl(write_end, F_SETPIPE_SZ, 4096)
        os.set_blocking(write_end, False)
        os.write(write_end, b"#" * (size - room - 1))  # room for what is printed before the progress, not a byte more
        os.set_blocking(write_end, True)
        self.process = subprocess.Popen([*COMMAND, *args], stdin=subprocess.PIPE, stdout=write_end,
                                        stderr=subprocess.PIPE, env=ENV, cwd=ROOT)
        os.close(write_end)
        assert self.process.stdin is not None
        self.process.stdin.write(stdin.encode("utf-8"))
        self.process.stdin.close()

    def wait_for(self, condition, what: str, seconds: float = 60.0) -> None:
        deadline = time.monotonic() + seconds
        stderr = self.process.stderr
        assert stderr is not None
        while not condition():
            assert self.process.poll() is None, f"vigie ended before {what}: {stderr.read()!r}"
            assert time.monotonic() < deadline, f"no {what} after {seconds} s"
            time.sleep(0.01)  # polling a condition with a deadline, not waiting for a time

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(30)
        assert self.process.returncode == -signal.SIGKILL
        self.close()

    def let_go(self) -> tuple[int, str, str]:
        out = b""
        while chunk := os.read(self.read_end, 65536):
            out += chunk
        self.process.wait(60)
        stderr = self.process.stderr.read().decode("utf-8") if self.process.stderr else ""
        self.close()
        return self.process.returncode, out.decode("utf-8", "replace").lstrip("#"), stderr

    def close(self) -> None:
        if self.process.stderr:
            self.process.stderr.close()
        os.close(self.read_end)


@pytest.fixture
def station(gate, clock, station_dir):
    """A closed station with a few entries and 6 MB of attachments; its recovery code as gate.recovery_code."""
    logbook = gate.services.logbook
    for n in range(3):
        entry = logbook.create(gate.admin, entry_data(clock.now(), subject=f"Tapage {n}")).entry
        data = b"%PDF-1.4\n" + os.urandom(2_000_000) + b"\n%%EOF\n"
        logbook.add_attachment(gate.admin, entry.id, data=data, filename=f"Plainte {n}.pdf")
    gate.close()
    return gate


def entries(station_dir: Path, deps) -> int:
    gate = build_gate(station_dir, deps)
    gate.login("admin", ADMIN_PASSWORD)
    try:
        with gate.opened().station.read() as uow:
            return len(uow.session.scalars(select(LogbookEntry.id)).all())
    finally:
        gate.close()


def back_up_here(station_dir: Path, deps, folder: Path) -> None:
    gate = build_gate(station_dir, deps)
    actor = gate.login("admin", ADMIN_PASSWORD)
    try:
        gate.opened().backup.back_up(actor, folder)
    finally:
        gate.close()


def named_backups(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("vigie-"))


def partials(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".partial-"))


def test_killed_backups_and_restores_leave_everything_as_it_was_and_a_restore_keeps_what_it_replaces(
        station, station_dir, tmp_path, deps):
    # One station through the whole story (each run of vigie costs a new process): a backup, one killed,
    # one again; a restore killed, then one that replaces the station.
    folder = tmp_path / "usb"
    folder.mkdir()
    args = ("backup", "--as", "admin", "--to", str(folder), "--data-dir", str(station_dir))
    back_up_here(station_dir, deps, folder)  # the command's own run is the one killed below
    (previous,) = named_backups(folder)
    before = {p: p.read_bytes() for p in (folder / previous).rglob("*") if p.is_file()}

    held = Held(*args, stdin=ADMIN_PASSWORD + "\n")
    held.wait_for(lambda: partials(folder), "partial backup")
    held.kill()
    assert named_backups(folder) == [previous] and partials(folder)
    assert {p: p.read_bytes() for p in (folder / previous).rglob("*") if p.is_file()} == before
    assert entries(station_dir, deps) == 3
    # the next backup removes what the killed one left
    gate = build_gate(station_dir, deps)
    actor = gate.login("admin", ADMIN_PASSWORD)
    gate.opened().logbook.create(actor, entry_data(deps.clock.now(), subject="Après la sauvegarde"))
    gate.opened().backup.back_up(actor, folder)
    gate.close()
    assert partials(folder) == [] and len(named_backups(folder)) == 2

    secrets = f"{ADMIN_PASSWORD}\n{station.recovery_code}\n"
    restore = ("restore", str(folder / previous), "--replace", "--as", "admin", "--data-dir", str(station_dir))
    shown = vigie(*restore, "--show", stdin=secrets)
    assert shown.returncode == 0, shown.stderr
    assert "Montclair-sur-Vienne" in shown.stdout and "logbook_entry\t3" in shown.stdout
    attachments = {p.relative_to(station_dir): p.read_bytes() for p in (station_dir / "attachments").rglob("*")
                   if p.is_file()}
    held = Held(*restore, stdin=secrets, room=len(shown.stdout.encode("utf-8")))
    held.wait_for(lambda: any(p.name.startswith(".station.restoring-") for p in tmp_path.iterdir()), "restore")
    held.kill()
    assert not any(p.name.startswith("station-before-restore") for p in tmp_path.iterdir())
    assert entries(station_dir, deps) == 4
    assert {p.relative_to(station_dir): p.read_bytes() for p in (station_dir / "attachments").rglob("*")
            if p.is_file()} == attachments

    restored = vigie(*restore, stdin=secrets)
    assert restored.returncode == 0, restored.stderr
    assert entries(station_dir, deps) == 3
    (kept,) = [p for p in tmp_path.iterdir() if p.name.startswith("station-before-restore-")]
    assert entries(kept, deps) == 4
    assert not any(p.name.startswith(".station.restoring-") for p in tmp_path.iterdir())
    gate = build_gate(station_dir, deps)
    gate.login("admin", ADMIN_PASSWORD)
    try:
        detail = next(e.detail for e in journal_entries(gate) if e.detail.startswith("restored from backup"))
        assert "1 entries rolled back" not in detail and "rolled back" in detail and "before-restore" in detail
    finally:
        gate.close()


def test_a_backup_folder_gone_mid_backup_is_told_and_leaves_nothing(station, station_dir, tmp_path, deps):
    folder = tmp_path / "usb"
    folder.mkdir()
    held = Held("backup", "--as", "admin", "--to", str(folder), "--data-dir", str(station_dir),
                stdin=ADMIN_PASSWORD + "\n")
    held.wait_for(lambda: partials(folder), "partial backup")
    folder.rename(tmp_path / "pulled-out")  # the USB disk goes away
    status, _out, stderr = held.let_go()
    assert status == 1 and len(stderr.splitlines()) == 1 and stderr.startswith("vigie: ")
    assert "introuvable" in stderr or "cannot be found" in stderr
    assert entries(station_dir, deps) == 3


def test_a_full_backup_disk_is_told_and_leaves_no_partial_backup(station, station_dir, tmp_path):
    folder = tmp_path / "usb"
    folder.mkdir()
    # A file-size limit gives the writes past 1 MB what a full disk gives them: an error, nothing written.
    result = vigie("backup", "--as", "admin", "--to", str(folder), "--data-dir", str(station_dir),
                   stdin=ADMIN_PASSWORD + "\n", limit=1_000_000)
    assert result.returncode == 1 and len(result.stderr.splitlines()) == 1, result.stderr
    assert "plein" in result.stderr or "full" in result.stderr
    assert [p.name for p in folder.iterdir() if p.name != ".vigie-backup.lock"] == []


def test_a_backup_whose_manifest_was_altered_is_refused_in_french(station, station_dir, tmp_path, deps):
    """The reason the command line gives ("its manifest was altered") is French, as in the application."""
    folder = tmp_path / "sauvegardes"
    folder.mkdir()
    back_up_here(station_dir, deps, folder)
    manifest = folder / named_backups(folder)[0] / "manifest.json"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("Montclair", "Montclaire"), encoding="utf-8")
    restore = ("restore", str(manifest.parent), "--show", "--data-dir", str(station_dir))
    refused = vigie(*restore, stdin=f"{station.recovery_code}\n")
    assert refused.returncode == 1 and len(refused.stderr.splitlines()) == 1, refused.stderr
    assert "endommagée ou incomplète (son manifeste a été modifié)" in refused.stderr.replace("\u00a0", " ")
