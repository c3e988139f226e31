"""`vigie sync register`, `vigie join`, `vigie sync approve`, `vigie sync now` and `status`: real processes,
a real server, the secrets on standard input."""

from __future__ import annotations

import os
import re
import queue
import subprocess
import sys
import threading

import pytest

from tests.conftest import ADMIN_PASSWORD
from tests.test_cli import INIT_ARGS, ROOT, assert_ok, lines, vigie

DEADLINE = 120


@pytest.mark.slow  # real processes with the real key-derivation cost: init, register, sync, approve, join
def test_a_second_station_joins_by_pairing_and_receives_the_service(tmp_path, sync_server):
    first = tmp_path / "first"
    assert_ok(vigie("init", "--data-dir", str(first), *INIT_ARGS, stdin=lines(ADMIN_PASSWORD, "Sophie Lemaire")))
    registered = vigie("sync", "register", sync_server.url, "--as", "admin", "--data-dir", str(first),
                       stdin=lines(ADMIN_PASSWORD, sync_server.tenant()))
    assert sync_server.url in assert_ok(registered)
    assert_ok(vigie("sync", "now", "--as", "admin", "--data-dir", str(first), stdin=lines(ADMIN_PASSWORD)))
    second = tmp_path / "second"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    joining = subprocess.Popen([sys.executable, "-W", "error", "-W", "ignore:no French translation:UserWarning",
                                "-m", "app", "join", "--data-dir", str(second), "--server", sync_server.url,
                                "--admin", "admin"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env)
    assert joining.stdin is not None and joining.stdout is not None
    joining.stdin.write(lines(ADMIN_PASSWORD))
    joining.stdin.close()
    # Its lines are read by a thread: a select() on the pipe misses lines already in the reader's buffer.
    printed: queue.Queue[str] = queue.Queue()
    output = joining.stdout
    reader = threading.Thread(target=lambda: [printed.put(line) for line in output], daemon=True)
    reader.start()
    shown = [printed.get(timeout=DEADLINE).strip() for _ in range(2)]
    code = shown[0].rsplit(" ", 1)[-1]
    fingerprint = shown[1].split(": ", 1)[-1].strip()
    refused = vigie("sync", "approve", code, "--as", "admin", "--data-dir", str(first),
                    stdin=lines(ADMIN_PASSWORD, "non"))
    assert refused.returncode == 1 and fingerprint in refused.stdout
    approved = vigie("sync", "approve", code, "--as", "admin", "--data-dir", str(first),
                     stdin=lines(ADMIN_PASSWORD, "oui"))
    assert fingerprint in assert_ok(approved)
    assert "numéro de poste 2" in approved.stdout  # the first station is 1: the new one numbers in blocks of its own
    assert joining.wait(timeout=DEADLINE) == 0
    reader.join(timeout=DEADLINE)
    told = [line.strip() for line in printed.queue]
    received = next(line for line in told if "reçu" in line)
    # The new station has its own database key, so its own recovery code, shown once as at creation.
    assert any(re.fullmatch(r"Code de secours\s?: \S.{20,}", line) for line in told), told
    assert any(re.fullmatch(r"Numéro de ce poste dans le service\s?: 2", line) for line in told), told
    joining.stdout.close()
    if joining.stderr:
        joining.stderr.close()
    assert int(re.findall(r"\d+", received)[0]) > 0  # the service's records came
    # The administrator opens the new station with the password of the service's account.
    status = assert_ok(vigie("sync", "status", "--as", "admin", "--data-dir", str(second),
                             stdin=lines(ADMIN_PASSWORD)))
    assert sync_server.url in status
    assert "Numéro de ce poste dans le service\u00a0: 2" in status.splitlines()  # as the joining said it, once
    assert "0 conflit à arbitrer." in status.splitlines()  # a count said in its plural form
    # Its own accesses (this very login among them) wait for the next sync, and the status says so.
    waiting = next(line for line in status.splitlines() if line.startswith("Entrées du journal de ce poste"))
    assert int(waiting.rsplit(" ", 1)[-1]) >= 1
