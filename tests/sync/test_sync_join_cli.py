"""`vigie join` with a mistyped administrator's password: asked again on a terminal, the next line read from a
pipe; the station joins with the number its approval gave. Real processes, a real server, the approving
station in the test's process."""

from __future__ import annotations

import os
import queue
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from app.audit.query import JournalFilter
from app.models import Operation
from tests.conftest import ADMIN_PASSWORD
from tests.sync.conftest import sync_of
from tests.sync.test_sync_officers import opens
from tests.test_cli import lines
from tests.test_cli_terminal import COMMAND, DEADLINE, ENV, ROOT, _until

pytestmark = pytest.mark.present_time  # the joining command keeps the system's clock

WRONG = "pas-le-bon-mot-de-passe"
ASKED_AGAIN = "Mot de passe incorrect pour admin\u00a0: essai 2 sur 3."


@pytest.fixture
def synced(gate, sync_server):
    sync_of(gate).register(gate.admin, sync_server.url, sync_server.tenant())
    sync_of(gate).sync(gate.admin)
    return gate


@contextmanager
def joining(folder, server_url: str, stdin) -> Iterator[tuple[subprocess.Popen, queue.Queue[str | None]]]:
    """`vigie join` running, its standard output's lines read by a thread (a select() on the pipe misses lines
    already in the reader's buffer), then None at its end."""
    process = subprocess.Popen([*COMMAND, "join", "--data-dir", str(folder), "--server", server_url, "--admin",
                                "admin"], stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV,
                               cwd=ROOT, start_new_session=True)
    printed: queue.Queue[str | None] = queue.Queue()
    assert process.stdout is not None
    output = process.stdout

    def read() -> None:
        for line in output:
            printed.put(line.decode("utf-8").strip())
        printed.put(None)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        yield process, printed
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(DEADLINE)
        reader.join(DEADLINE)
        for stream in (process.stdout, process.stderr, process.stdin):
            if stream is not None:
                stream.close()


def approve_shown(a, printed: queue.Queue[str | None]) -> None:
    """The administrator approves, on *a*, the pairing code the command printed first."""
    shown = printed.get(timeout=DEADLINE)
    assert shown is not None and shown.startswith("Code d'appairage"), shown
    code = shown.rsplit(" ", 1)[-1]
    service = sync_of(a)
    service.approve(a.admin, service.pending_station(a.admin, code))


def joined_as_number_two(process: subprocess.Popen, printed: queue.Queue[str | None]) -> None:
    assert process.wait(DEADLINE) == 0
    told = list(iter(lambda: printed.get(timeout=DEADLINE), None))
    assert "Numéro de ce poste dans le service\u00a0: 2" in told, told


def failed_logins(folder, clock) -> list[tuple[str, str]]:
    """(login, detail) of each failed login in the journal of the station in *folder*."""
    found: list[tuple[str, str]] = []

    def read(b) -> None:
        rows = b.opened().journal.search(b.admin, JournalFilter(operation=Operation.LOGIN_FAILED), limit=100)
        found.extend((row.login, row.detail) for row in rows)

    assert opens(folder, clock, "admin", ADMIN_PASSWORD, read)
    return found


def test_a_wrong_password_then_the_right_one_on_standard_input_join(synced, sync_server, tmp_path, second_clock):
    folder = tmp_path / "joined"
    with joining(folder, sync_server.url, subprocess.PIPE) as (process, printed):
        assert process.stdin is not None
        process.stdin.write(lines(WRONG, ADMIN_PASSWORD).encode("utf-8"))
        process.stdin.close()
        approve_shown(synced, printed)
        joined_as_number_two(process, printed)
        assert process.stderr is not None
        assert process.stderr.read().decode("utf-8").splitlines() == [ASKED_AGAIN]
    assert failed_logins(folder, second_clock) == [("admin", "wrong password")]


def test_a_wrong_password_alone_on_standard_input_removes_the_station_as_before(synced, sync_server, tmp_path):
    folder = tmp_path / "joined"
    with joining(folder, sync_server.url, subprocess.PIPE) as (process, printed):
        assert process.stdin is not None and process.stderr is not None
        process.stdin.write(lines(WRONG).encode("utf-8"))
        process.stdin.close()
        approve_shown(synced, printed)
        assert process.wait(DEADLINE) == 1
        said = process.stderr.read().decode("utf-8").splitlines()
    assert said == ["vigie: Le mot de passe saisi n'est pas celui du compte admin, administrateur actif du "
                    "service\u00a0: le nouveau poste a été supprimé. Relancez vigie join avec le mot de passe de "
                    "cet administrateur."]
    assert not any(p for p in folder.iterdir() if p.name != "logs")


def test_a_wrong_password_typed_on_the_terminal_is_asked_again(synced, sync_server, tmp_path, second_clock):
    folder = tmp_path / "joined"
    terminal, its_side = os.openpty()  # no controlling terminal: getpass prompts on standard error
    try:
        with joining(folder, sync_server.url, its_side) as (process, printed):
            os.close(its_side)
            _until(process, "Mot de passe de l'administrateur")
            os.write(terminal, f"{WRONG}\n".encode())
            approve_shown(synced, printed)
            _until(process, f"{ASKED_AGAIN}\nMot de passe de l'administrateur\u00a0:")
            os.write(terminal, f"{ADMIN_PASSWORD}\n".encode())
            joined_as_number_two(process, printed)
    finally:
        os.close(terminal)
    assert failed_logins(folder, second_clock) == [("admin", "wrong password")]


def test_ctrl_d_when_asked_again_gives_up_and_says_so(synced, sync_server, tmp_path):
    # The person gives up at the second prompt: told as a joining given up, not as a wrong password.
    folder = tmp_path / "joined"
    terminal, its_side = os.openpty()
    try:
        with joining(folder, sync_server.url, its_side) as (process, printed):
            os.close(its_side)
            _until(process, "Mot de passe de l'administrateur")
            os.write(terminal, f"{WRONG}\n".encode())
            approve_shown(synced, printed)
            _until(process, f"{ASKED_AGAIN}\nMot de passe de l'administrateur\u00a0:")
            os.write(terminal, b"\x04")  # Ctrl+D: the end of the terminal's input
            assert process.wait(DEADLINE) == 1
            assert process.stderr is not None
            told = process.stderr.read().decode("utf-8").strip().splitlines()
    finally:
        os.close(terminal)
    assert told[-1] == ("vigie: L'adhésion au service a été annulée\u00a0: rien n'a été conservé sur cet "
                        "ordinateur."), told
    assert "Traceback" not in "\n".join(told)
    assert not any(p for p in folder.iterdir() if p.name != "logs")
