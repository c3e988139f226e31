"""The application as a user meets it: how long until the first window shows.

Each measurement is a new process, timed from the parent: from the moment
it is spawned to the moment its "shown" line arrives on standard output.
Both children (bench/_children/) run offscreen (QT_QPA_PLATFORM=offscreen)
with the same interpreter and environment; they are plain scripts, so that
importing the bench package costs neither of them anything.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench._core import Goal, NotAvailable, Outcome, Run, Timed, compare, figure, in_unit
from bench._station import bench_station

HERE = Path(__file__).resolve().parent
REPOSITORY = HERE.parent
# Scripts in a folder of their own: run from bench/, "import app" would find bench/app.py.
VIGIE_CHILD = HERE / "_children" / "vigie_window.py"
BARE_CHILD = HERE / "_children" / "bare_window.py"
CHILD_TIMEOUT_S = 60.0


class ChildFailed(Exception):
    """A cold-start child did not show its window."""


def child_environment(pycache: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    # An installed Vigie starts from compiled bytecode. Where the environment forbids writing it
    # (PYTHONDONTWRITEBYTECODE), every child would compile Vigie's sources again: keep the bytecode
    # in the run's scratch folder instead, out of the source tree, for both children alike.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    # The children find Vigie in this tree even when it is not installed in the interpreter.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPOSITORY), env.get("PYTHONPATH")]))
    return env


def spawn_until_shown(script: Path, *args: str, cwd: Path) -> tuple[float, str]:
    """Seconds from spawning *script* to its first line on standard output, and that line."""
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace") as errors:
        start = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, str(script), *args], stdout=subprocess.PIPE, stderr=errors,
            stdin=subprocess.DEVNULL, env=child_environment(cwd / "pycache"), cwd=cwd, text=True,
        )
        watchdog = threading.Timer(CHILD_TIMEOUT_S, process.kill)
        watchdog.start()
        try:
            line = process.stdout.readline()
            elapsed = time.perf_counter() - start
            process.stdout.read()
            code = process.wait()
        finally:
            watchdog.cancel()
            process.stdout.close()
        if line.startswith("shown") and code == 0:
            return elapsed, line.strip()
        if line.startswith("unavailable"):
            raise NotAvailable(line.split(":", 1)[1].strip())
        errors.seek(0)
        tail = errors.read()[-2000:]
        raise ChildFailed(f"{script.name} exited with {code} after {line.strip()!r}: {tail}")


def cold_start(script: Path, *args: str, cwd: Path) -> Timed:
    def run() -> float:
        return spawn_until_shown(script, *args, cwd=cwd)[0]

    return run


@figure("app.cold_start", unit="ms", goal=Goal.ratio_at_most(2.5))
def measure_cold_start(run: Run) -> Outcome:
    data_dir = bench_station(run).paths.root
    vigie = cold_start(VIGIE_CHILD, str(data_dir), cwd=run.workdir)
    bare = cold_start(BARE_CHILD, cwd=run.workdir)
    rounds = run.rounds(4, 15)
    try:
        _seconds, shown = spawn_until_shown(VIGIE_CHILD, str(data_dir), cwd=run.workdir)
    except NotAvailable as exc:
        # Vigie's start is not there: say so, and still measure the baseline for later comparison.
        baseline, _ = compare(bare, None, rounds=rounds)
        return Outcome(None, in_unit(baseline, "ms"), f"not available: {exc}")
    value, baseline = compare(vigie, bare, rounds=rounds)
    window = shown.split(" ", 1)[1] if " " in shown else "window"
    return Outcome(in_unit(value, "ms"), in_unit(baseline, "ms"),
                   f"spawn to {window} exposed, offscreen; baseline: bare PySide6 process showing one QWidget")
