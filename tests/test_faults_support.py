"""Faults made real for tests/test_faults.py: a small file system that fills, a write that fails at a chosen
byte, a `vigie` process killed with SIGKILL. This module holds no test.

The small file system is a 20 MB tmpfs mounted in a mount namespace of its own (`unshare -rm`: a user
namespace maps the caller to root there, so no privilege is needed where the kernel allows user
namespaces, as on most Linux CI machines). The test's process cannot see that mount, so the whole
scenario runs inside the namespace: this file, run as a script, mounts the tmpfs, copies the station
in, runs each step (fill the disk to a few KB, run a `vigie` command through app.cli.main, free
the disk, remount read-only) and copies the station back out with the results, for the test to
open and check.
Where no mount namespace can be made, those tests are skipped, saying why.

A write that fails at a chosen byte is RLIMIT_FSIZE in the child process (SIGXFSZ ignored): the
kernel refuses to write past that offset of any file with EFBIG, which SQLite takes as a short
write, SQLITE_FULL, exactly as it takes a full disk. It needs no privilege at all.
"""

from __future__ import annotations

import importlib
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DISK_SIZE = "20m"


def vigie_env() -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}


def vigie_command(*args: str) -> list[str]:
    # Every warning is an error, except a string still waiting for its French translation
    # (tests/ui/test_translation.py is the test that fails for those).
    return [sys.executable, "-W", "error", "-W", "ignore:no French translation:UserWarning", "-m", "app", *args]


def run_vigie(*args: str, stdin: str = "", file_size_limit: int | None = None) -> dict:
    """`vigie ARGS` in a new process; with *file_size_limit*, no file can be written past that byte."""

    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of the signal's death
        assert file_size_limit is not None
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))

    done = subprocess.run(vigie_command(*args), input=stdin, capture_output=True, text=True, encoding="utf-8",
                          env=vigie_env(), cwd=ROOT, timeout=120,
                          preexec_fn=limited if file_size_limit is not None else None)
    return {"args": list(args), "returncode": done.returncode, "stdout": done.stdout, "stderr": done.stderr}


def small_disk(work: Path, station: Path, steps: list[dict]) -> tuple[list[dict], Path]:
    """Run *steps* on a copy of *station* in a 20 MB tmpfs; the results, and the station as the steps left it.

    Each step is one of {"fill": bytes left free}, {"free": True}, {"read_only": True},
    {"drop_reserve": True} (the station's reserve for the journal, app/store/reserve.py, removed),
    {"lock_screen": [password, wrong password]} (StationGate and AccountService in this process),
    {"sync_open": [login, password, wrong password]} (the same with a sync first, app/sync/service.py), or
    {"vigie": [args...], "stdin": "..."} whose result is kept, or {"patch": [module, name, value]} (a
    module's constant set in the namespace's interpreter, for the steps after it: a smaller group of a
    pull, app/sync/pull_run.py). In a "vigie" step's args, "{station}" and "{disk}" stand for the
    station's folder and the tmpfs. A "vigie" step's result holds the disk's free bytes and the size of
    the station's -wal after it.
    """
    import pytest

    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("no unshare(1) here to mount a small file system")
    plan = work / "plan.json"
    plan.write_text(json.dumps({"station": str(station), "steps": steps}), encoding="utf-8")
    done = subprocess.run([unshare, "-rm", sys.executable, __file__, str(work)], capture_output=True, text=True,
                          cwd=ROOT, timeout=300, env=vigie_env())
    if done.returncode == 97:
        pytest.skip(f"no mount namespace with a tmpfs can be made here: {done.stderr.strip()}")
    if done.returncode != 0 and "unshare" in done.stderr:
        pytest.skip(f"no user and mount namespace here: {done.stderr.strip()}")
    assert done.returncode == 0, done.stderr
    return json.loads((work / "results.json").read_text(encoding="utf-8")), work / "after"


# -- inside the namespace -----------------------------------------------------------------------


def _fill(disk: Path, left: int) -> None:
    filler = disk / "filler"
    free = shutil.disk_usage(disk).free
    if free <= left:  # full enough already (the step before wrote its journal entries into the room left)
        return
    with open(filler, "ab") as handle:
        os.posix_fallocate(handle.fileno(), handle.seek(0, os.SEEK_END), free - left)


def _vigie_here(args: list[str], stdin: str) -> dict:
    """`vigie ARGS` run by this process (app.cli.main, what `python -m app` runs), its output captured.

    The steps on the small disk share one interpreter: one start instead of one per command.
    """
    import contextlib
    import io
    import traceback
    import warnings

    from app.cli import main

    out, err = io.StringIO(), io.StringIO()
    given, sys.stdin = sys.stdin, io.StringIO(stdin)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), warnings.catch_warnings():
            warnings.simplefilter("error")
            warnings.filterwarnings("ignore", "no French translation")
            try:
                code = main(args)
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else 1
            except BaseException:  # noqa: BLE001 - reported to the test as a traceback, which it refuses
                traceback.print_exc(file=err)
                code = -1
    finally:
        sys.stdin = given
    return {"args": args, "returncode": code, "stdout": out.getvalue(), "stderr": err.getvalue()}


def _lock_screen(station: Path, disk: Path, password: str, wrong: str) -> dict:
    """The lock screen's path: the station open, the disk filled to 8 KB, then a wrong password typed."""
    from app.bootstrap import build_gate
    from app.errors import VigieError

    gate = build_gate(station)
    try:
        gate.login("admin", password)
        _fill(disk, 8 * 1024)
        assert gate.services is not None
        gate.services.accounts.authenticate("admin", wrong)
        answer = "accepted"
    except VigieError as error:
        answer = type(error).__name__
    finally:
        gate.close()
    return {"args": ["lock screen"], "returncode": 0, "stdout": answer, "stderr": ""}


def _sync_open(station: Path, disk: Path, login: str, password: str, wrong: str) -> dict:
    """The application's path: the station open, a sync, and its -wal and the disk's room looked at while the
    station is still open; then the disk filled to 8 KB and a wrong password typed on the lock screen."""
    from app.bootstrap import build_gate
    from app.errors import VigieError

    gate = build_gate(station)
    try:
        actor = gate.login(login, password)
        assert gate.services is not None
        try:
            gate.services.sync.sync(actor)
            answer = "synced"
        except VigieError as error:
            answer = f"{type(error).__name__} {error.params.get('count', '')}".strip()
        except Exception as error:  # noqa: BLE001 - what the screen would call an unexpected error
            answer = f"unexpected {type(error).__name__}"
        wal = station / "vigie.db-wal"
        held, free = (wal.stat().st_size if wal.exists() else 0), shutil.disk_usage(disk).free
        _fill(disk, 8 * 1024)
        try:
            gate.services.accounts.authenticate(login, wrong)
            locked = "accepted"
        except VigieError as error:
            locked = type(error).__name__
    finally:
        gate.close()
    return {"args": ["sync open"], "returncode": 0, "stdout": answer, "stderr": "", "wal": held, "free": free,
            "locked": locked}


def _close_logs() -> None:
    import logging

    logger = logging.getLogger("vigie")
    for handler in list(logger.handlers):
        handler.close()
        logger.removeHandler(handler)


def _inside(work: Path) -> int:
    plan = json.loads((work / "plan.json").read_text(encoding="utf-8"))
    disk = work / "disk"
    disk.mkdir(exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={DISK_SIZE}", "tmpfs", str(disk)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        print(mounted.stderr.strip(), file=sys.stderr)
        return 97
    station = disk / "station"
    shutil.copytree(plan["station"], station)
    results = []
    for step in plan["steps"]:
        if "fill" in step:
            _fill(disk, step["fill"])
        elif "lock_screen" in step:
            results.append(_lock_screen(station, disk, *step["lock_screen"]))
        elif "sync_open" in step:
            results.append(_sync_open(station, disk, *step["sync_open"]))
        elif "drop_reserve" in step:
            (station / "space-reserve").unlink(missing_ok=True)
        elif "free" in step:
            (disk / "filler").unlink(missing_ok=True)
        elif "patch" in step:
            module, name, value = step["patch"]
            setattr(importlib.import_module(module), name, value)
        elif "read_only" in step:
            _close_logs()  # the log files the commands opened keep the mount busy
            subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        else:
            args = [a.format(station=station, disk=disk) for a in step["vigie"]]
            result = _vigie_here(args, step.get("stdin", ""))
            result["free"] = shutil.disk_usage(disk).free
            wal = station / "vigie.db-wal"
            result["wal"] = wal.stat().st_size if wal.exists() else 0
            results.append(result)
    _close_logs()
    shutil.copytree(station, work / "after")
    (work / "results.json").write_text(json.dumps(results), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(_inside(Path(sys.argv[1])))
