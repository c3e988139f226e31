"""A rekey never runs under another process that has the station open (app/kernel/in_use.py).

Before, `vigie rekey` run beside the open windows rewrote the pages under them: the windows then called
the database another station's or damaged, and an account they added meanwhile got a slot that the
old key alone opened, which the end of the rekey dropped: that officer could no longer log in.
"""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest

from app.errors import StationError
from app.filelock import held
from app.kernel import in_use
from app.store.layout import StationPaths
from tests.conftest import ADMIN_PASSWORD, AGENT_PASSWORD, add_agent, opens_with, reopen
from tests.test_cli import ROOT, assert_ok, assert_one_line_error, lines, vigie

pytestmark = pytest.mark.present_time  # the commands below keep the system's clock


def rekey_command(station_dir) -> subprocess.CompletedProcess:
    return vigie("rekey", "--data-dir", str(station_dir), "--as", "admin", stdin=lines(ADMIN_PASSWORD))


def test_a_rekey_is_refused_while_the_windows_have_the_station_open(gate, station_dir, deps):
    keys_before = gate.paths.keys.read_bytes()
    refused = rekey_command(station_dir)
    assert_one_line_error(refused, "Le poste est ouvert ailleurs sur ce PC", "Rien n'a été changé")
    assert gate.paths.keys.read_bytes() == keys_before
    # The windows go on: they read and write, and an account they add opens the station afterwards.
    agent = add_agent(gate)
    assert agent.login == "lpetit"
    gate.close()
    assert "nouvelle clé" in assert_ok(rekey_command(station_dir))
    assert opens_with(station_dir, deps, "lpetit", AGENT_PASSWORD)
    assert opens_with(station_dir, deps, "admin", ADMIN_PASSWORD)


def test_a_station_left_open_by_a_killed_process_does_not_stop_a_rekey(gate, station_dir, deps):
    # Another process opens the station, then is killed: the system lets its mark go, its file stays.
    opener = (
        "import os, signal, sys\n"
        "from app.bootstrap import build_gate\n"
        "from tests.conftest import CHEAP_KDF\n"
        "from app.clock import SystemClock\n"
        "from app.crypto.kdf import KdfPolicy\n"
        "from app.crypto.secretstore import NoSecretStore\n"
        "from app.kernel.station import StationDeps\n"
        "deps = StationDeps(clock=SystemClock(), kdf=KdfPolicy(fixed=CHEAP_KDF), secrets=NoSecretStore())\n"
        f"build_gate(sys.argv[1], deps).login('admin', {ADMIN_PASSWORD!r})\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    killed = subprocess.run([sys.executable, "-c", opener, str(station_dir)], cwd=ROOT, capture_output=True,
                            timeout=120)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    marks = StationPaths(station_dir).in_use
    assert len([p for p in marks.iterdir() if p.name != in_use.REKEY_LOCK]) == 2  # ours and the dead one's

    gate.services.station.rekey(gate.admin)
    assert [p for p in marks.iterdir() if p.name != in_use.REKEY_LOCK] == [gate.services.station.in_use.path]
    gate.close()
    assert opens_with(station_dir, deps, "admin", ADMIN_PASSWORD)


def test_an_opening_during_a_rekey_waits_for_it_then_says_so(gate, station_dir, deps, monkeypatch):
    gate.close()
    monkeypatch.setattr(in_use, "OPENING_WAIT", 0.2)
    with held(StationPaths(station_dir).in_use / in_use.REKEY_LOCK):  # as a rekey holds it
        with pytest.raises(StationError, match="being re-encrypted"):
            reopen(station_dir, deps).login("admin", ADMIN_PASSWORD)
    assert opens_with(station_dir, deps, "admin", ADMIN_PASSWORD)  # the rekey over, it opens
