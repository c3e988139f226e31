"""Vigie ends when its user quits, not when the screen is empty for a moment (app/ui/application.py: start).

Between the login window and the main window (the account's rights being read) no window is on screen. With
Qt's default, the application ended there, right after a correct login, whatever the platform. The test runs
the real application loop in a process of its own, as `vigie` does.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ADMIN_PASSWORD

ROOT = Path(__file__).resolve().parent.parent.parent

LOG_IN_THEN_QUIT = """
import sys
from pathlib import Path
from app.bootstrap import build_gate
from app.clock import SystemClock
from app.crypto.kdf import KdfPolicy
from app.crypto.secretstore import NoSecretStore
from app.kernel.deps import StationDeps
from PySide6.QtTest import QTest
from app.qt import QTimer, Qt
from app.ui.application import start
from tests.conftest import CHEAP_KDF

folder, login, password, how = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
gate = build_gate(folder, StationDeps(clock=SystemClock(), kdf=KdfPolicy(fixed=CHEAP_KDF), secrets=NoSecretStore()))
app, _first, shell = start(gate, ["vigie"])
typed = []

def step():
    dialog, window = shell.login_dialog, shell.window
    if window is not None and window.isVisible():
        print("main window shown", flush=True)
        window.quit_action.trigger() if how == "quitter" else window.close()  # either ends the application
        return
    if not typed and dialog is not None and dialog.isVisible() and dialog.submit.isEnabled():
        typed.append(True)
        QTest.keyClicks(dialog.login_field, login)
        QTest.keyClicks(dialog.password_field, password)
        QTest.keyClick(dialog.password_field, Qt.Key.Key_Return)
    QTimer.singleShot(20, step)

QTimer.singleShot(0, step)
QTimer.singleShot(60_000, lambda: app.exit(7))  # neither the main window nor the end came
code = app.exec()
print("ended", code, flush=True)
shell.shutdown()
gate.close()
sys.exit(code)
"""


@pytest.mark.present_time  # the process keeps the system's clock
@pytest.mark.parametrize("how", ["quitter", "closing the window"])
def test_a_correct_login_opens_the_main_window_and_the_user_ends_the_application(gate, station_dir, how):
    gate.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    result = subprocess.run([sys.executable, "-c", LOG_IN_THEN_QUIT, str(station_dir), "admin", ADMIN_PASSWORD, how],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.stdout.splitlines() == ["main window shown", "ended 0"], result.stdout + result.stderr[-3000:]
    assert result.returncode == 0
