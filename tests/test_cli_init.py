"""`vigie init` and the administrator at the terminal: the password typed twice, asked again while the two
differ; and what the command line gives refused before anything is asked. Real processes, a real terminal
(a pseudo-terminal as standard input), as tests/test_cli_terminal.py drives one."""

from __future__ import annotations

import os
import selectors
import subprocess
import time
from pathlib import Path

import pytest

from app.clock import SystemClock
from app.crypto.kdf import KdfPolicy
from app.crypto.secretstore import NoSecretStore
from app.kernel.deps import StationDeps
from tests.conftest import opens_with
from tests.test_cli import INIT_ARGS, RECOVERY_CODE, assert_one_line_error, vigie
from tests.test_cli_terminal import COMMAND, DEADLINE, ENV, ROOT

FIRST, SECOND = "mot-de-passe-mal-tape", "mot-de-passe-du-poste"
PROMPT, CONFIRM = "Mot de passe de l'administrateur\u00a0:", "Confirmer le mot de passe\u00a0:"
DIFFER = "Les deux mots de passe sont différents\u00a0: tapez-les de nouveau."


class Terminal:
    """`vigie ARGS` with a terminal as standard input: what it writes on standard error is read as it comes,
    each wait looking past what the one before found."""

    def __init__(self, *args: str) -> None:
        self.terminal, its_side = os.openpty()
        self.process = subprocess.Popen([*COMMAND, *args], stdin=its_side, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, env=ENV, cwd=ROOT, start_new_session=True)
        os.close(its_side)
        self.seen = b""
        self.at = 0

    def until(self, text: str) -> None:
        assert self.process.stderr is not None
        wanted = text.encode("utf-8")
        deadline = time.monotonic() + DEADLINE
        with selectors.DefaultSelector() as selector:
            selector.register(self.process.stderr, selectors.EVENT_READ)
            while (found := self.seen.find(wanted, self.at)) < 0:
                left = deadline - time.monotonic()
                assert left > 0 and selector.select(left), f"no {text!r} after {DEADLINE} s: {self.seen!r}"
                chunk = os.read(self.process.stderr.fileno(), 65536)
                assert chunk, f"vigie ended before {text!r}: {self.seen!r}"
                self.seen += chunk
        self.at = found + len(wanted)

    def type(self, line: str) -> None:
        os.write(self.terminal, f"{line}\n".encode("utf-8"))

    def end(self) -> tuple[int, str, str]:
        """The status, standard output, and all of standard error."""
        out, err = self.process.communicate(timeout=DEADLINE)
        os.close(self.terminal)
        return self.process.returncode, out.decode("utf-8"), (self.seen + err).decode("utf-8")


def opens(data_dir: Path, password: str) -> bool:
    return opens_with(data_dir, StationDeps(SystemClock(), KdfPolicy(), NoSecretStore()), "admin", password)


def test_on_a_terminal_the_password_is_typed_twice_and_asked_again_while_the_two_differ(tmp_path):
    station = tmp_path / "station"
    run = Terminal("init", "--data-dir", str(station), *INIT_ARGS, "--admin-name", "Sophie Lemaire")
    run.until(PROMPT)
    run.type("court")  # the rules are told as soon as it is typed, and it is asked again
    run.until("Le mot de passe doit compter au moins 12 caractères.")
    run.until(PROMPT)
    run.type(FIRST)
    run.until(CONFIRM)
    run.type(SECOND)  # a typo in one of the two
    run.until(DIFFER)
    run.until(PROMPT)
    run.type(SECOND)
    run.until(CONFIRM)
    run.type(SECOND)
    status, out, err = run.end()
    assert status == 0, err
    assert len(RECOVERY_CODE.findall(out)) == 1 and "Traceback" not in err
    assert err.count(PROMPT) == 3 and err.count(CONFIRM) == 2 and err.count(DIFFER) == 1
    assert opens(station, SECOND) and not opens(station, FIRST)


def test_three_tries_that_differ_end_in_one_line_and_create_nothing(tmp_path):
    station = tmp_path / "station"
    run = Terminal("init", "--data-dir", str(station), *INIT_ARGS, "--admin-name", "Sophie Lemaire")
    for n in range(3):
        run.until(PROMPT)
        run.type(FIRST)
        run.until(CONFIRM)
        run.type(f"{SECOND}-{n}")
    status, out, err = run.end()
    assert status == 1 and out == "" and "Traceback" not in err, err
    assert err.count(DIFFER) == 3
    assert err.splitlines()[-1] == ("vigie: Aucun mot de passe n'a été choisi après 3 essais\u00a0; rien n'a été "
                                    "fait.")
    assert not (station / "vigie.db").exists() and not (station / "station.keys").exists()


def test_a_piped_password_is_read_once_as_the_help_says(tmp_path):
    # Scripts give it on one line: no confirmation is read after it (the next line is the name).
    station = tmp_path / "station"
    result = vigie("init", "--data-dir", str(station), *INIT_ARGS, stdin=f"{SECOND}\nSophie Lemaire\n")
    assert result.returncode == 0, result.stderr
    assert "Confirmer" not in result.stderr and opens(station, SECOND)


@pytest.mark.parametrize(("option", "value", "said"), [
    ("--insee", "8699", "code INSEE"),
    ("--department", "866", "département"),
    ("--admin", "Sophie Lemaire", "identifiant"),
    ("--service", " ", "Nom du service"),
], ids=["insee", "department", "login", "service"])
def test_what_the_command_line_gives_is_refused_before_anything_is_asked(tmp_path, option, value, said):
    station = tmp_path / "station"
    args = list(INIT_ARGS)
    args[args.index(option) + 1] = value
    run = Terminal("init", "--data-dir", str(station), *args)
    status, out, err = run.end()  # nothing typed: it ends without asking
    assert status == 1 and out == "" and "Mot de passe" not in err, err
    assert len(err.splitlines()) == 1 and err.startswith("vigie: ") and said in err
    # from a pipe too: the refusal, not the end of the input that would have come first
    assert_one_line_error(vigie("init", "--data-dir", str(station), *args, stdin=""), said)
    assert not (station / "vigie.db").exists()
