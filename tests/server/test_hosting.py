"""What the operator of a hosted server notices: its files readable by the server's account alone, one
`serve` per SQLite file, and a stop that says how it went. Real processes on real files."""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import os
import signal
import stat
from pathlib import Path

import httpx2
import pytest

from app.server import backup as backups, db, stopping
from app.sync import protocol
from tests.server.helpers import Station, plain_change
from tests.server.processes import HeldRequest, ServerProcess, command, wait_until_refused

DATABASE = db.DATABASE_FILE
SERVED_FILES = (DATABASE, f"{DATABASE}-wal", f"{DATABASE}-shm", DATABASE + backups.LOCK_SUFFIX,
                DATABASE + backups.SERVE_LOCK_SUFFIX)
PAIRING = json.dumps({"public_key": base64.b64encode(bytes(32)).decode()}).encode()


def modes(folder: Path) -> dict[str, int]:
    return {path.name: stat.S_IMODE(path.stat().st_mode) for path in folder.iterdir()}


def served(folder: Path, umask: int = -1) -> ServerProcess:
    return ServerProcess(db.sqlite_url(folder), data_dir=folder, umask=umask)


def open_pairing(server: ServerProcess) -> None:
    """A request that writes (its access row): the server's database and its WAL are open."""
    assert httpx2.post(server.url + protocol.PAIRINGS, content=PAIRING, timeout=30,
                       headers={"Content-Type": "application/json"}).status_code in (200, 201)


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o277], ids=["umask-000", "umask-022", "umask-277"])
def test_the_database_is_for_the_servers_account_alone_from_its_creation(tmp_path: Path, umask: int):
    """Token hashes and the access log (client addresses): 0600 whatever the umask, which may be wider than
    the system's usual one or narrower (277 would leave the owner unable to write)."""
    made = tmp_path / "tenant-add"
    added = command("tenant", "add", "Police municipale de Valmont", "--data-dir", str(made), umask=umask)
    assert added.returncode == 0, added.stderr
    assert modes(made) == {DATABASE: 0o600} and stat.S_IMODE(made.stat().st_mode) == 0o700
    copies = tmp_path / "copies"
    assert command("backup", "--data-dir", str(made), "--out", str(copies)).returncode == 0
    restored = tmp_path / "restore"
    [copy] = copies.iterdir()
    assert command("restore", str(copy), "--data-dir", str(restored), umask=umask).returncode == 0
    assert modes(restored) == {DATABASE: 0o600, DATABASE + backups.LOCK_SUFFIX: 0o600}
    server = served(tmp_path / "serve", umask).start()
    try:
        open_pairing(server)
        assert modes(tmp_path / "serve") == dict.fromkeys(SERVED_FILES, 0o600)
    finally:
        server.stop()


def test_files_an_older_version_left_readable_by_all_are_tightened_at_start(tmp_path: Path):
    folder = tmp_path / "serveur"
    server = served(folder).start()
    open_pairing(server)
    server.kill()  # its WAL and shared memory left behind, as a crash leaves them
    for path in folder.iterdir():
        path.chmod(0o644)
    assert modes(folder) == dict.fromkeys(SERVED_FILES, 0o644)
    server.start()
    try:
        assert modes(folder) == dict.fromkeys(SERVED_FILES, 0o600)
    finally:
        server.stop()


def test_a_second_serve_of_one_sqlite_folder_refuses_and_the_first_serves_on(tmp_path: Path):
    """One writer at a time: a SQLite file serves one process (several processes: PostgreSQL)."""
    folder = tmp_path / "serveur"
    token = command("tenant", "add", "Police municipale de Valmont", "--data-dir", str(folder)).stdout.split()[-1]
    first = served(folder).start()
    try:
        with httpx2.Client(base_url=first.url, timeout=30) as http:
            station = Station.register(http, token, "Accueil")
            station.push([plain_change("a")])
            before = sorted(folder.iterdir())
            second = command("serve", "--data-dir", str(folder), "--port", "0")
            assert (second.returncode, second.stdout) == (1, "")
            assert second.stderr == ("vigie-server: un serveur (vigie-server serve) sert déjà cette base\u00a0: un "
                                     "fichier SQLite ne sert qu'un processus (pour plusieurs, PostgreSQL)\u00a0; rien "
                                     "n'a été changé.\n")
            assert sorted(folder.iterdir()) == before
            assert len(station.pull_all()) == 1 and station.push([plain_change("b")])[0]["seq"] == 2
    finally:
        first.stop()


def test_a_serve_during_a_restore_is_told_to_wait(tmp_path: Path):
    folder = tmp_path / "serveur"
    assert command("tenant", "add", "Police municipale de Valmont", "--data-dir", str(folder)).returncode == 0
    with backups.stopped(db.sqlite_url(folder)):  # what `vigie-server restore` holds while it works
        refused = command("serve", "--data-dir", str(folder), "--port", "0")
    assert (refused.returncode, refused.stdout, refused.stderr) == (
        1, "", "vigie-server: une restauration (vigie-server restore) est en cours sur cette base\u00a0: attendez "
               "qu'elle finisse.\n")


@pytest.mark.parametrize("signum, status", [(signal.SIGTERM, 0), (signal.SIGINT, 130)], ids=["SIGTERM", "SIGINT"])
def test_a_stopped_server_serves_the_request_in_progress_and_says_so(tmp_path: Path, signum: int, status: int):
    """A service manager's stop (SIGTERM) is a normal end, status 0; Ctrl+C (SIGINT) ends with 130. The lines
    that say it listens and that it stopped open as its errors do, with the program's name."""
    server = served(tmp_path / "serveur").start()
    assert server.listening == f"vigie-server: à l'écoute sur {server.url}" and server.url.startswith("http://127.")
    held = HeldRequest(server.port, protocol.PAIRINGS, PAIRING)
    try:
        assert server.process is not None
        os.kill(server.process.pid, signum)
        wait_until_refused(server.port)  # stopping: no new connection, but the request begun is served
        assert held.finish() in (200, 201)
        assert server.ended() == (status, "vigie-server: arrêté\u00a0; les requêtes en cours ont été servies.\n")
    finally:
        held.close()
        server.stop()


def test_a_request_cut_short_by_the_end_of_the_graceful_delay_is_said_without_a_traceback(tmp_path: Path):
    """A body that never comes: after the server's 5 seconds the request is cancelled (its station sends it
    again to the next server), and the farewell says so, alone: not after uvicorn's English line that it
    cancels the request, nor a traceback."""
    server = served(tmp_path / "serveur").start()
    held = HeldRequest(server.port, protocol.PAIRINGS, PAIRING)
    try:
        assert server.process is not None
        os.kill(server.process.pid, signal.SIGTERM)
        status, err = server.ended()
    finally:
        held.close()
        server.stop()
    assert (status, err) == (0, "vigie-server: arrêté\u00a0; des requêtes en cours ont été interrompues (leurs "
                                "postes les referont).\n")


def test_only_what_the_farewell_says_is_kept_out_of_uvicorns_errors() -> None:
    """While serving, uvicorn's line on the requests it cancels and their cancellations' tracebacks are left
    out; any other error of uvicorn's (an application's exception, its own cancellation included) is kept."""
    kept: list[str] = []

    class Kept(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            kept.append(record.getMessage())

    errors = logging.getLogger("uvicorn.error")
    handler = Kept()
    errors.addHandler(handler)
    try:
        with stopping.stopping():
            errors.error(stopping.CANCELLING, 1)
            _log_exception(errors, asyncio.CancelledError("Task cancelled, timeout graceful shutdown exceeded"))
            errors.error("Cancel %s running task(s) by hand", 2)
            _log_exception(errors, RuntimeError("the database went away"))
        errors.error(stopping.CANCELLING, 3)  # outside serve's stop, nothing is left out
    finally:
        errors.removeHandler(handler)
    assert kept == ["Cancel 2 running task(s) by hand", "Exception in ASGI application",
                    "Cancel 3 running task(s), timeout graceful shutdown exceeded"]


def _log_exception(logger: logging.Logger, error: BaseException) -> None:
    try:
        raise error
    except BaseException:
        logger.exception("Exception in ASGI application")
