"""A backlog's swap purge in a process of its own, for tests/test_journal_purge_faults.py to fault. No test here.

Run as `python tests/test_journal_purge_support.py STATION CLOCK FAULT`: the station in STATION is
opened with the administrator's password (its clock stopped at CLOCK, an ISO time), then its journal
purged as a backlog, after the FAULT is set:

- `disk-full`: run under `unshare -rm` (a mount namespace of its own, as tests/test_faults_support.py
  explains), the station is copied into a 20 MB tmpfs, opened there, the tmpfs filled to its last
  16 KB, and the purge run; the station is copied back out as the fault left it (exit status 97:
  no tmpfs could be mounted here);
- `kill-mid-swap`: SIGKILL as the old table is about to be dropped, the kept entries copied into the
  new one, with a cache of a few pages so that the transaction's pages have spilled to the -wal;
- `kill-after-commit`: SIGKILL just after the commit, before the seal state is written.

It prints one JSON line: the error the purge met (its class, and what Vigie says of it), or the result.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SWAP_FROM = 100  # the tests' journals hold a few hundred entries


def _kill_at(engine, prefix: str) -> None:
    from sqlalchemy import event

    def traced(statement: str) -> None:
        if statement.startswith(prefix):
            os.kill(os.getpid(), signal.SIGKILL)

    @event.listens_for(engine, "checkout")
    def armed(dbapi_connection, _record, _proxy) -> None:
        dbapi_connection.execute("PRAGMA cache_size = 4")  # pages: the transaction spills to the -wal
        dbapi_connection.set_trace_callback(traced)


def _kill_after_commit() -> None:
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    def committed(_session) -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    event.listen(Session, "after_commit", committed, insert=True)  # before the seal state's own listener


def _small_disk(station: Path) -> Path | None:
    """A 20 MB tmpfs beside *station*, holding a copy of it; None if none could be mounted."""
    disk = station.parent / "small-disk"
    disk.mkdir(exist_ok=True)
    if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={DISK_SIZE}", "tmpfs", str(disk)]).returncode != 0:
        return None
    shutil.copytree(station, disk / "station")
    return disk / "station"


def main(station: Path, clock: str, fault: str) -> int:
    if fault != "disk-full":
        return purge(station, clock, fault)
    copy = _small_disk(station)
    if copy is None:
        return 97
    try:
        return purge(copy, clock, fault)
    finally:
        (copy.parent / "filler").unlink(missing_ok=True)
        shutil.rmtree(station)
        shutil.copytree(copy, station)


def purge(station: Path, clock: str, fault: str) -> int:
    from app.audit.purge import purge_expired
    from app.bootstrap import build_gate
    from app.crypto.kdf import KdfPolicy
    from app.crypto.secretstore import NoSecretStore
    from app.crypto.kdf import KdfParams
    from app.errors import VigieError
    from app.kernel.deps import StationDeps
    from tests.test_faults_support import _fill

    stopped = datetime.fromisoformat(clock)  # the tests' clock (tests/conftest.py: FakeClock), not moved here
    deps = StationDeps(clock=type("Stopped", (), {"now": lambda self: stopped})(),
                       kdf=KdfPolicy(fixed=KdfParams(iterations=1, memory_cost=1024)), secrets=NoSecretStore())
    gate = build_gate(station, deps)
    gate.purge_at_opening = False
    gate.login("admin", "correct-horse-battery")  # tests/conftest.py: ADMIN_PASSWORD
    opened = gate.services
    assert opened is not None
    if fault == "disk-full":
        _fill(station.parent, 16 * 1024)
    elif fault == "kill-mid-swap":
        _kill_at(opened.station.engine, "DROP TABLE journal_purged")
    elif fault == "kill-after-commit":
        _kill_after_commit()
    try:
        result = purge_expired(opened.station, 60, swap_from=SWAP_FROM)
        outcome = {"purged": result.purged}
    except VigieError as error:
        from app.i18n import translate_error

        # What the screens and the commands say of it, in French.
        outcome = {"error": type(error).__name__, "said": translate_error(error)}
    finally:
        (station.parent / "filler").unlink(missing_ok=True)
        gate.close()
    print(json.dumps(outcome), flush=True)
    return 0


DISK_SIZE = "20m"

if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main(Path(sys.argv[1]), sys.argv[2], sys.argv[3]))
