"""`vigie --demo` leaves no temporary folder behind: not when Qt cannot start, not on Ctrl+C, and
the folder of a demo that was killed outright goes at the next demo."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.cli.demo_folder import OWNER_FILE, PREFIX, remove_orphans

ROOT = Path(__file__).resolve().parent.parent


# `vigie --demo` as a terminal starts it, Ctrl+C raising KeyboardInterrupt: a suite started in the
# background (`cmd &` in a script) hands its children SIGINT ignored, which Python then keeps.
AS_A_TERMINAL_STARTS_IT = ("import runpy, signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
                           "sys.argv = ['vigie', '--demo']; runpy.run_module('app', run_name='__main__')")


def demo(tmp: Path, platform: str) -> subprocess.Popen:
    env = {**os.environ, "TMPDIR": str(tmp), "QT_QPA_PLATFORM": platform}
    return subprocess.Popen([sys.executable, "-c", AS_A_TERMINAL_STARTS_IT], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def dead_pid() -> int:
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                              text=True, check=True)
    return int(finished.stdout)


def orphan(tmp: Path, pid: int) -> Path:
    folder = tmp / f"{PREFIX}left{pid}"
    (folder / "station").mkdir(parents=True)
    (folder / OWNER_FILE).write_text(str(pid), encoding="ascii")
    return folder


@pytest.mark.skipif(os.name != "posix", reason="process ids and signals as POSIX has them")
def test_qt_that_cannot_start_leaves_no_folder_and_orphans_go(tmp_path):
    killed = orphan(tmp_path, dead_pid())
    running = orphan(tmp_path, os.getpid())  # this test's own process runs: its folder stays
    foreign = tmp_path / f"{PREFIX}other"
    foreign.mkdir()  # no owner mark: not made by the demo, left alone
    process = demo(tmp_path, "no-such-platform")
    _out, err = process.communicate(timeout=60)
    assert process.returncode != 0 and "no-such-platform" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([running.name, foreign.name])
    assert not killed.exists()


@pytest.mark.skipif(os.name != "posix", reason="process ids and signals as POSIX has them")
def test_ctrl_c_while_the_demo_is_made_removes_its_folder(tmp_path):
    process = demo(tmp_path, "offscreen")
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(f"{PREFIX}*/station/*")):
        assert process.poll() is None and time.monotonic() < deadline, process.stderr.read() if process.stderr else ""
        time.sleep(0.05)  # polling the folder with a deadline: no sleep stands for a wait here
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "Traceback" not in err and "vigie: la démonstration a été interrompue" in err
    assert list(tmp_path.iterdir()) == []


def test_orphans_are_only_the_folders_of_processes_gone(tmp_path):
    gone = orphan(tmp_path, dead_pid())
    here = orphan(tmp_path, os.getpid())
    assert remove_orphans(tmp_path) == ([gone] if os.name == "posix" else [])
    assert here.exists()


@pytest.mark.skipif(os.name != "posix", reason="process ids and signals as POSIX has them")
def test_ctrl_c_as_the_demo_window_opens_closes_it_and_removes_its_folder(tmp_path):
    """Ctrl+C right after the logins are printed, while the window is being built and before Qt's loop
    runs, ends the demo all the same (a signal then was once lost: the demo ran on, its folder kept)."""
    import queue
    import threading

    process = demo(tmp_path, "offscreen")
    assert process.stdout is not None
    printed: queue.Queue[str] = queue.Queue()
    output = process.stdout
    reader = threading.Thread(target=lambda: [printed.put(line) for line in output], daemon=True)
    reader.start()
    try:
        while "demo-agent" not in printed.get(timeout=60):  # the last lines are the logins
            pass
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=60) == 130
        assert list(tmp_path.iterdir()) == []
        assert process.stderr is not None and "vigie: la démonstration a été interrompue" in process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        reader.join(timeout=60)
        output.close()
        if process.stderr:
            process.stderr.close()
