"""A command run with --as is a session of the access journal, as a window's is: its login, then its logout,
whatever became of the command, so that the supervisor reads where each session ended. Real processes."""

from __future__ import annotations

import pytest

from app.models import Operation
from tests.test_cli import ADMIN_PASSWORD, INIT_ARGS, CliStation, assert_ok, assert_one_line_error, lines, vigie
from tests.test_cli_terminal import journal_of


@pytest.fixture(scope="module")
def station(tmp_path_factory) -> CliStation:
    data_dir = tmp_path_factory.mktemp("cli-session") / "station"
    return CliStation(data_dir, assert_ok(vigie("init", "--data-dir", str(data_dir), *INIT_ARGS, "--admin-name",
                                                "Sophie Lemaire", stdin=lines(ADMIN_PASSWORD))))


def sessions_of_admin(station: CliStation, command: tuple[str, ...], ok: bool) -> list[str]:
    """The administrator's logins and logouts that *command* journaled (read by a login of this test's own,
    journaled after them and left out)."""
    before = journal_of(station.data_dir)
    result = station.as_admin(*command)
    if ok:
        assert_ok(result)
    else:
        assert_one_line_error(result)
    after = journal_of(station.data_dir)[len(before):]
    sessions = [operation for operation, login in after
                if login == "admin" and operation in (Operation.LOGIN, Operation.LOGOUT)]
    assert sessions[-1] == Operation.LOGIN  # this test's own, to read the journal
    return sessions[:-1]


def test_a_command_that_succeeds_ends_its_session_with_a_logout(station):
    assert sessions_of_admin(station, ("user", "list"), ok=True) == [Operation.LOGIN, Operation.LOGOUT]


def test_a_command_refused_after_its_login_ends_its_session_too(station):
    # No such account to disable: refused in one line, after the login.
    assert sessions_of_admin(station, ("user", "disable", "personne"), ok=False) == [Operation.LOGIN, Operation.LOGOUT]


def test_ctrl_d_at_a_password_prompt_is_said_as_the_end_of_input(station):
    # Ctrl+D instead of a password, on a real terminal: one French line, as when a pipe ends; no "unexpected error".
    import os
    import subprocess

    from tests.test_cli_terminal import COMMAND, DEADLINE, ENV, ROOT, _until

    terminal, its_side = os.openpty()
    process = subprocess.Popen([*COMMAND, "user", "list", "--as", "admin", "--data-dir", str(station.data_dir)],
                               stdin=its_side, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV, cwd=ROOT,
                               start_new_session=True)
    os.close(its_side)
    try:
        shown = _until(process, "Votre mot de passe")
        os.write(terminal, b"\x04")
        out, err = process.communicate(timeout=DEADLINE)
    finally:
        os.close(terminal)
    said = (shown + err).decode("utf-8")
    assert process.returncode == 1 and out == b"" and "Traceback" not in said, said
    assert said.rstrip("\n").endswith("vigie: L'entrée standard s'est terminée avant cette ligne\u00a0: Votre mot de "
                                      "passe\u00a0:"), said
