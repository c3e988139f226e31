"""A station killed (SIGKILL) in the middle of a long push and in the middle of a long pull, as a real
`vigie sync now` process against a real server: it opens again, its journal holds, and the next
syncs converge with the other station, nothing duplicated, nothing lost."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable

import pytest
from sqlalchemy import func, select

from app.kernel.rights import Access, Compartment
from app.models import Operation, OutboxChange
from app.models.logbook import LogbookNature
from app.models.sync import SyncAccount, SyncSeen
from tests.conftest import ADMIN_PASSWORD
from tests.sync.conftest import sync_of
from tests.test_cli import ROOT

RECORDS = 1050  # three pushes (500, 500, 50), two pulls (1,000 and the rest)
DEADLINE = 120.0


def seed_natures(gate, count: int) -> None:
    """*count* natures made on the station, five hundred per unit of work (each one change in its outbox)."""
    kernel = gate.opened().kernel
    for start in range(0, count, 500):
        with kernel.work(gate.admin, Compartment.MAIN_COURANTE, Access.ADMINISTER) as work:
            natures = [LogbookNature(code=f"lot_{index:05d}", label=f"Nature du lot {index}", active=True,
                                     position=1000 + index) for index in range(start, min(start + 500, count))]
            work.session.add_all(natures)
            work.session.flush()
            work.journal(Operation.ADMINISTER, kind="logbook_nature", detail=f"{len(natures)} natures added")
            with work.session.no_autoflush:  # the natures are flushed; each one's queueing need not flush again
                work.queue(*natures)
            work.commit()


def server_count(server, sql: str, *params) -> int:
    with sqlite3.connect(server.database_url.removeprefix("sqlite:///")) as db:
        return int(db.execute(sql, params).fetchone()[0])


def sync_now_killed_when(gate, login: str, condition: Callable[[subprocess.Popen], bool],
                         python: tuple[str, ...] = ("-m", "app")) -> None:
    """`vigie sync now` on *gate*'s folder (Python started with *python*), killed with SIGKILL as soon
    as *condition* holds of its process."""
    folder = gate.paths.root
    gate.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    process = subprocess.Popen([sys.executable, "-W", "error", "-W", "ignore:no French translation:UserWarning",
                                *python, "sync", "now", "--as", login, "--data-dir", str(folder)],
                               stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               cwd=ROOT, env=env)
    assert process.stdin is not None
    process.stdin.write(f"{ADMIN_PASSWORD}\n".encode())
    process.stdin.close()
    deadline = time.monotonic() + DEADLINE
    try:
        while not condition(process):
            if process.poll() is not None:
                error = process.stderr.read().decode() if process.stderr is not None else ""
                raise AssertionError(f"the sync ended ({process.returncode}) before it could be cut: {error}")
            assert time.monotonic() < deadline, "the sync never reached the point where it is cut"
        process.send_signal(signal.SIGKILL)
        assert process.wait(timeout=DEADLINE) == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if process.stderr is not None:
            process.stderr.close()


def reopened(gate, login: str):
    gate.admin = gate.login(login, ADMIN_PASSWORD)
    report = gate.opened().journal.verify_station(gate.admin)
    assert report.ok, report.findings
    return gate


def device_of(gate) -> tuple[str, str]:
    with gate.opened().station.read() as uow:
        account = uow.session.get(SyncAccount, 1)
        return account.device_id, account.tenant_id


@pytest.mark.present_time  # killed in a command on the system's clock, then reopened here
def test_a_station_killed_mid_push_and_mid_pull_opens_again_and_converges(apart_pair, apart_server):
    a, b = apart_pair
    a_device, tenant = device_of(a)
    b_device, _ = device_of(b)
    seed_natures(a, RECORDS)
    envelopes = "SELECT count(*) FROM envelopes WHERE tenant_id = ?"
    before = server_count(apart_server, envelopes, tenant)

    # A is killed once the server holds its first push of 500, with more to come.
    sync_now_killed_when(a, "admin", lambda _: server_count(apart_server, envelopes, tenant) >= before + 500)
    reached = server_count(apart_server, envelopes, tenant)
    assert reached < before + RECORDS  # killed mid-push
    reopened(a, "admin")
    sync_of(a).sync(a.admin)
    with a.opened().station.read() as uow:
        assert uow.session.scalar(select(func.count()).select_from(OutboxChange)
                                  .where(OutboxChange.pushed_at.is_(None))) == 0
    mutations = server_count(apart_server, "SELECT count(DISTINCT mutation_id) FROM envelopes WHERE tenant_id = ?",
                             tenant)
    assert mutations == server_count(apart_server, envelopes, tenant)  # nothing stored twice

    # B is killed while it pulls: once the server has answered its first page, with another waiting.
    pulls = "SELECT count(*) FROM access_log WHERE device_id = ? AND endpoint = 'GET /v1/pull'"
    asked = server_count(apart_server, pulls, b_device)
    sync_now_killed_when(b, "chef", lambda _: server_count(apart_server, pulls, b_device) >= asked + 1)
    reopened(b, "chef")
    last = server_count(apart_server, "SELECT last_seq FROM tenants WHERE id = ?", tenant)
    with b.opened().station.read() as uow:
        checkpoint = uow.session.scalar(select(SyncAccount.checkpoint))
        # The pages applied are whole: the checkpoint is the last seq the station has seen.
        assert checkpoint == (uow.session.scalar(select(func.max(SyncSeen.seq))) or 0)
    assert checkpoint < last  # killed mid-pull

    report = sync_of(b).sync(b.admin)
    assert report.repaired == 0
    sync_of(a).sync(a.admin)
    codes = []
    for gate in (a, b):
        with gate.opened().station.read() as uow:
            codes.append(sorted(uow.session.scalars(select(LogbookNature.code))))
    assert codes[0] == codes[1]
    assert sum(code.startswith("lot_") for code in codes[1]) == RECORDS
