"""Every screen of the demo at 1280x720, and at 1920x1080 with 125 % scaling: nothing a user reads is
cut (labels, the time in the date columns, the status bar's names), the Objet column readable.
The screenshots are saved in the test's temporary folder; the scaled run also ends the application
with Session > Quitter."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from app.bootstrap import build_gate
from app.kernel.rights import Compartment
from app.ui.lock import LockDialog
from app.ui.login import LoginDialog
from app.ui.main_window import MainWindow
from app.ui.wizard import SetupWizard
from tests.ui.screens_check import loaded, problems, shoot

ROOT = Path(__file__).resolve().parent.parent.parent


def every_screen(app, window, gate, actor, tasks, empty: Path, out: Path, wait) -> dict[str, list[str]]:
    """Each module, then the login, the lock screen and the wizard: what is cut on each, each shot."""
    found: dict[str, list[str]] = {}
    wait(window.isVisible)
    for key in window.page_keys:
        page = window.show_module(key)
        wait(lambda page=page: loaded(page))
        app.processEvents()  # the status bar's last words laid out
        found[key] = problems(window)
        shoot(window, out, key)
    login = LoginDialog(gate, tasks)
    lock = LockDialog(gate.services.accounts, actor, tasks, window)
    wizard = SetupWizard(build_gate(empty, gate.deps), tasks)
    for name, dialog in (("login", login), ("lock", lock), ("wizard", wizard)):
        dialog.show()
        wait(dialog.isVisible)
        app.processEvents()
        found[name] = problems(dialog)
        shoot(dialog, out, name)
        dialog.done(0) if name != "wizard" else dialog.hide()
    return found


def test_every_screen_at_1280_by_720(demo_station, french, tasks, qtbot, qapp, tmp_path):
    gate, accounts = demo_station
    admin = next(a for a in accounts if a.login == "admin")
    actor = gate.services.accounts.authenticate(admin.login, admin.password)
    window = MainWindow(gate.services, actor, tasks, gate.services.station.rights.accesses(actor))
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    found = every_screen(qapp, window, gate, actor, tasks, tmp_path / "empty", tmp_path,
                         lambda condition: qtbot.waitUntil(condition, timeout=20_000))
    assert {name: cut for name, cut in found.items() if cut} == {}
    assert set(found) >= {"main_courante", "ecrits", "journal", "administration", "login", "lock", "wizard"}
    assert Compartment.JOURNAL in gate.services.station.rights.accesses(actor)
    assert all((tmp_path / f"{name}.png").stat().st_size > 0 for name in found)


def test_the_main_window_and_its_frame_fit_a_1280_by_720_screen(demo_station, french, tasks, qtbot):
    """Its smallest size leaves room for the title bar and the taskbar: an administrator's tabs scroll."""
    gate, accounts = demo_station
    admin = next(a for a in accounts if a.login == "admin")
    actor = gate.services.accounts.authenticate(admin.login, admin.password)
    window = MainWindow(gate.services, actor, tasks, gate.services.station.rights.accesses(actor))
    qtbot.addWidget(window)
    smallest = window.minimumSizeHint()
    assert smallest.width() <= 1280 - 24 and smallest.height() <= 720 - 48, smallest


SCALED = """
import json, sys
from functools import partial
from pathlib import Path
from app.bootstrap import build_gate
from app.demo import demo_deps
from app.crypto.kdf import KdfPolicy
from app.i18n import install_translator
from app.qt import QApplication, QTimer
from app.ui.main_window import MainWindow
from app.ui.tasks import TaskManager
from tests.conftest import CHEAP_KDF
from tests.ui.screens_check import wait
from tests.ui.test_screens import every_screen

folder, password, out = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
app = QApplication(["vigie"])
install_translator(app)
gate = build_gate(folder, demo_deps(kdf=KdfPolicy(fixed=CHEAP_KDF)))
actor = gate.login("admin", password)
tasks = TaskManager()
window = MainWindow(gate.services, actor, tasks, gate.services.station.rights.accesses(actor))
window.resize(1920 * 4 // 5, 1080 * 4 // 5)  # 1920x1080 pixels at 125 %
window.show()
found = every_screen(app, window, gate, actor, tasks, out / "empty", out, partial(wait, app))
session = window.menuBar().actions()[0].menu()
found["quit"] = [[a.text() for a in session.actions() if a.text()][-1], window.quit_action.shortcut().toString()]
print(json.dumps(found))
sys.stdout.flush()
QTimer.singleShot(0, window.quit_action.trigger)
QTimer.singleShot(20_000, lambda: app.exit(7))  # Quitter did not end the application
code = app.exec()
tasks.wait_for_done()
gate.close()
sys.exit(code)
"""


def test_every_screen_at_1920_by_1080_scaled_125_and_quitter_ends_the_application(demo_station, tmp_path):
    gate, accounts = demo_station
    admin = next(a for a in accounts if a.login == "admin")
    folder = gate.services.station.paths.root
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": "1.25"}
    result = subprocess.run([sys.executable, "-c", SCALED, str(folder), admin.password, str(tmp_path)], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found.pop("quit") == ["Quitter", "Ctrl+Q"]
    assert {name: cut for name, cut in found.items() if cut} == {}
    assert (tmp_path / "journal.png").stat().st_size > 0
