"""The `vigie` command and the person at the terminal: a temporary password is changed first, progress is for a
terminal, and Ctrl+C says what it left. Real processes, as tests/test_cli.py runs them."""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.audit.actor import Actor
from app.bootstrap import build_gate
from app.clock import SystemClock
from app.crypto.kdf import KdfPolicy
from app.crypto.secretstore import NoSecretStore
from app.kernel.deps import StationDeps
from app.models import Operation
from app.services.gate import StationGate
from tests.conftest import journal_entries
from tests.logbook_helpers import entry_data
from tests.test_cli import ADMIN_PASSWORD, INIT_ARGS, ROOT, CliStation, assert_ok, assert_one_line_error, lines, vigie

TEMPORARY = "mot-de-passe-provisoire"
ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
COMMAND = [sys.executable, "-W", "error", "-W", "ignore:no French translation:UserWarning", "-m", "app"]
DEADLINE = 60.0


@pytest.fixture(scope="module")
def station(tmp_path_factory) -> CliStation:
    data_dir = tmp_path_factory.mktemp("cli-terminal") / "station"
    result = vigie("init", "--data-dir", str(data_dir), *INIT_ARGS, "--admin-name", "Sophie Lemaire",
                   stdin=lines(ADMIN_PASSWORD))
    return CliStation(data_dir, assert_ok(result))


@contextmanager
def as_admin(data_dir: Path) -> Iterator[tuple[StationGate, Actor]]:
    """The station opened in this process, its administrator logged in."""
    gate = build_gate(data_dir, StationDeps(SystemClock(), KdfPolicy(), NoSecretStore()))
    actor = gate.login("admin", ADMIN_PASSWORD)
    try:
        yield gate, actor
    finally:
        gate.close()


def journal_of(data_dir: Path) -> list[tuple[str, str]]:
    """(operation, login) of each entry of the station's journal."""
    with as_admin(data_dir) as (gate, _admin):
        return [(entry.operation, entry.login) for entry in journal_entries(gate)]


def test_a_temporary_password_is_refused_by_every_command_before_it_does_anything(station):
    # An administrator whose password was just given: what she may do, a command does not do with it.
    assert_ok(station.as_admin("user", "add", "mbernard", "--name", "Marie Bernard", "--role", "administrateur",
                               more=(TEMPORARY,)))
    before = journal_of(station.data_dir)
    refused = station.run("user", "add", "kdiallo", "--name", "Karim Diallo", "--role", "agent", "--as", "mbernard",
                          stdin=lines(TEMPORARY, "un-autre-mot-de-passe"))
    line = assert_one_line_error(refused, "mbernard", "temporaire", "fenêtre de Vigie")
    assert refused.stdout == "" and "kdiallo" not in station.user_list()
    assert line == ("vigie: Le mot de passe de mbernard est temporaire\u00a0: changez-le d'abord en vous connectant "
                    "dans la fenêtre de Vigie sur ce poste, puis relancez la commande.")
    # Journaled as the window's refusal of the change ends a login: her login, then her logout, nothing of hers
    # between (the station's own purge at opening, as at every opening).
    after = journal_of(station.data_dir)[len(before):]
    assert [operation for operation, login in after if login == "mbernard"] == [Operation.LOGIN, Operation.LOGOUT]
    assert Operation.CREATE not in [operation for operation, _login in after]
    # `vigie restore --replace` logs in its own way (its station is closed again before the restore): refused too.
    replace = station.run("restore", str(station.data_dir), "--replace", "--as", "mbernard", stdin=lines(TEMPORARY))
    assert_one_line_error(replace, "temporaire")


def test_an_export_into_a_pipe_prints_its_summary_alone_and_on_a_terminal_its_progress(station, tmp_path):
    with as_admin(station.data_dir) as (gate, admin):  # a record of the main courante, for the import to index
        gate.opened().logbook.create(admin, entry_data(datetime.now(UTC), subject="Tapage nocturne"))
    export = ("export", "--as", "admin", "--motive", "Copie de contrôle", "--data-dir", str(station.data_dir))
    piped = vigie(*export, "--out", str(tmp_path / "piped.zip"), stdin=lines(ADMIN_PASSWORD, "phrase de passe"))
    printed = assert_ok(piped).splitlines()
    assert len(printed) == 1, printed  # no progress line: only the summary
    assert printed[0].startswith(f"Export écrit\u00a0: {tmp_path / 'piped.zip'} (")
    assert (tmp_path / "piped.zip").is_file()
    imported = vigie("import", str(tmp_path / "piped.zip"), "--admin", "admin", "--data-dir", str(tmp_path / "new"),
                     stdin=lines("phrase de passe", "nouveau-mot-de-passe"))
    assert "Import\u00a0:" not in assert_ok(imported) and "à partir de l'export" in imported.stdout

    on_terminal = on_a_terminal(*export, "--out", str(tmp_path / "terminal.zip"),
                                stdin=lines(ADMIN_PASSWORD, "phrase de passe"))
    progress = [line for line in on_terminal.splitlines() if line.startswith("Export\u00a0: ")]
    assert len(progress) > 10 and progress[-1] == "Export\u00a0: 100 %" and "Export écrit" in on_terminal


def on_a_terminal(*args: str, stdin: str) -> str:
    """What `vigie ARGS` prints when its standard output is a terminal (a pseudo-terminal the test reads)."""
    terminal, its_side = os.openpty()
    process = subprocess.Popen([*COMMAND, *args], stdin=subprocess.PIPE, stdout=its_side, stderr=subprocess.PIPE,
                               env=ENV, cwd=ROOT)
    os.close(its_side)
    assert process.stdin is not None and process.stderr is not None
    process.stdin.write(stdin.encode("utf-8"))
    process.stdin.close()
    shown = b""
    while True:
        try:
            chunk = os.read(terminal, 65536)
        except OSError:  # the terminal's last writer closed it (EIO)
            break
        if not chunk:
            break
        shown += chunk
    os.close(terminal)
    assert process.wait(DEADLINE) == 0, process.stderr.read()
    process.stderr.close()
    return shown.decode("utf-8").replace("\r\n", "\n")


def test_ctrl_c_at_the_password_prompt_says_so_and_ends_with_status_130(station):
    # Standard input a terminal (a pseudo-terminal, no controlling one: the prompt goes to standard error).
    terminal, its_side = os.openpty()
    process = subprocess.Popen([*COMMAND, "user", "list", "--as", "admin", "--data-dir", str(station.data_dir)],
                               stdin=its_side, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV, cwd=ROOT,
                               start_new_session=True, preexec_fn=_ctrl_c_stops)
    os.close(its_side)
    assert process.stderr is not None
    try:
        shown = _until(process, "Votre mot de passe\u00a0:")
        process.send_signal(signal.SIGINT)  # what Ctrl+C sends it
        out, err = process.communicate(timeout=DEADLINE)
    finally:
        os.close(terminal)
    text = (shown + err).decode("utf-8")
    assert process.returncode == 130, text
    assert "Traceback" not in text and out == b""
    assert text.endswith("vigie: Interrompu\u00a0: ce qui était en cours a été annulé et rien n'en a été enregistré"
                         "\u00a0; ce qui était déjà terminé reste enregistré.\n"), text


def _ctrl_c_stops() -> None:
    """SIGINT as a terminal's process gets it (a test runner started in the background may ignore it)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _until(process: subprocess.Popen, prompt: str) -> bytes:
    """Standard error read until *prompt* shows: the command is waiting at it."""
    assert process.stderr is not None
    seen = b""
    deadline = time.monotonic() + DEADLINE
    with selectors.DefaultSelector() as selector:
        selector.register(process.stderr, selectors.EVENT_READ)
        while prompt.encode("utf-8") not in seen:
            left = deadline - time.monotonic()
            assert left > 0 and selector.select(left), f"no prompt after {DEADLINE} s: {seen!r}"
            chunk = os.read(process.stderr.fileno(), 65536)
            assert chunk, f"vigie ended before its prompt: {seen!r}"
            seen += chunk
    return seen


def test_ctrl_c_at_a_line_typed_on_the_terminal_ends_at_once(tmp_path):
    # The administrator's name, after the password: a line read while Vigie's Qt application exists
    # (input() then waited in Qt's event loop, and Ctrl+C went unanswered until Enter).
    terminal, its_side = os.openpty()
    process = subprocess.Popen([*COMMAND, "init", "--data-dir", str(tmp_path / "station"), *INIT_ARGS],
                               stdin=its_side, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV, cwd=ROOT,
                               start_new_session=True, preexec_fn=_ctrl_c_stops)
    os.close(its_side)
    try:
        shown = _until(process, "Mot de passe de l'administrateur")
        os.write(terminal, f"{ADMIN_PASSWORD}\n".encode())
        shown += _until(process, "Confirmer le mot de passe")
        os.write(terminal, f"{ADMIN_PASSWORD}\n".encode())
        shown += _until(process, "Nom complet de l'administrateur")
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=DEADLINE)
    finally:
        os.close(terminal)
    text = (shown + err).decode("utf-8")
    assert process.returncode == 130 and "Traceback" not in text, text
    assert text.endswith("vigie: Interrompu\u00a0: ce qui était en cours a été annulé et rien n'en a été enregistré"
                         "\u00a0; ce qui était déjà terminé reste enregistré.\n"), text
    assert not (tmp_path / "station" / "vigie.db").exists()


def test_an_export_onto_a_folder_or_an_existing_file_is_refused_before_anything_is_asked(station, tmp_path):
    kept = tmp_path / "extrait.csv"
    kept.write_text("un extrait signé d'hier\n", encoding="utf-8")
    journal = ("journal", "export", "--from", "2026-01-01", "--to", "2026-12-31", "--format", "csv")
    for out, said in ((tmp_path, "est un dossier"), (kept, "existe déjà")):
        for command in (("export", "--motive", "Copie"), (*journal, "--motive", "Contrôle")):
            # Nothing on standard input: the refusal comes before the password is read, the station opened.
            refused = station.run(*command, "--out", str(out), "--as", "admin", stdin="")
            assert_one_line_error(refused, str(out), said, "rien")
    assert kept.read_text(encoding="utf-8") == "un extrait signé d'hier\n" and list(tmp_path.iterdir()) == [kept]
