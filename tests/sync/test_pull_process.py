"""A long pull's pages are opened in a process of their own (app/sync/pull_process.py), against a real
server: every record arrives once, a tampered envelope is refused there as on a thread, the service's
keys and the device token are never on that process's command line nor in its environment, and the
process is gone at the end. Killed, it leaves the pull to a thread; a server gone stops the pull with
the pages applied kept; a station killed takes its opening process with it."""

from __future__ import annotations

import base64
import os
import select
import signal
import subprocess
import sys
import uuid
from datetime import UTC, datetime
from pathlib import Path

import httpx
import orjson
import pytest
from sqlalchemy import func, select as select_rows

from app.models import LogbookNature
from app.models.sync import SyncAccount
from app.sync import protocol, pull_process, pull_run
from app.sync.envelope import Change, Opener, ServiceKeys, seal_change
from app.sync.pull_page import open_page
from app.sync.transport import SyncOffline
from tests.sync.conftest import push_sealed, sync_of
from tests.sync.test_sync_kill import reopened, sync_now_killed_when

NATURES = 2_200  # three pages of the server's thousand: the first on a thread, the others from the process
FROM = 500  # envelopes still to come after the first page from which its pull goes to a process


class Watched(pull_process.ProcessFetcher):
    """The opening process as started, with what its command line and environment held at its start, and
    whether it took the work (began)."""

    started: list[Watched] = []
    before_start = staticmethod(lambda: None)
    after_start = staticmethod(lambda process: None)
    after_begin = staticmethod(lambda process: None)
    ready_from = 1  # the first take asking whether the process is ready that waits for it (then its answer)

    def __init__(self, *args, **kwargs) -> None:
        Watched.before_start()
        super().__init__(*args, **kwargs)
        self.seen: bytes = Path(f"/proc/{self._process.pid}/cmdline").read_bytes() + Path(
            f"/proc/{self._process.pid}/environ").read_bytes()
        Watched.started.append(self)
        self.began = False
        self.asked = 0
        Watched.after_start(self._process)

    def ready(self) -> bool:
        """Not yet before the take *ready_from*; from it, once the process said so or ended: the pages the
        thread gives meanwhile do not depend on how fast the machine starts an interpreter."""
        self.asked += 1
        if self.asked < Watched.ready_from:
            return False
        self._connection.poll(60)
        return super().ready()

    def begin(self, after: int) -> bool:
        self.began = super().begin(after)
        if self.began:
            Watched.after_begin(self._process)
        return self.began


@pytest.fixture
def watched(monkeypatch):
    monkeypatch.setattr(pull_process, "PROCESS_FROM", FROM)
    monkeypatch.setattr(pull_run, "ProcessFetcher", Watched)
    Watched.started = []
    yield Watched
    Watched.before_start = staticmethod(lambda: None)
    Watched.after_start = staticmethod(lambda process: None)
    Watched.after_begin = staticmethod(lambda process: None)
    Watched.ready_from = 1


def _natures(count: int) -> list[Change]:
    return [Change("logbook_nature", f"long_{index:05d}", "upsert", {
        "code": f"long_{index:05d}", "label": f"Nature du long tirage {index}", "active": True, "position": index},
        "station-a", index + 1) for index in range(count)]


def _push_tampered(server_url: str, account) -> int:
    """One envelope whose ciphertext was altered after sealing (still base64): its seq."""
    keys = ServiceKeys(account.sync_key, account.handle_key)
    mutation_id = str(uuid.uuid4())
    handle, ciphertext = seal_change(keys, account.tenant_id, mutation_id, Change(
        "logbook_nature", "long_altered", "upsert", {"code": "long_altered", "label": "Altérée", "active": True,
                                                     "position": 0}, "station-a", 0))
    altered = ciphertext[:40] + bytes([ciphertext[40] ^ 1]) + ciphertext[41:]
    answer = httpx.post(server_url + protocol.PUSH, headers={"Authorization": f"Bearer {account.device_token}"},
                        json={"changes": [{"mutation_id": mutation_id, "handle": handle, "base_seq": None,
                                           "ciphertext": protocol.b64encode(altered)}]})
    answer.raise_for_status()
    return int(answer.json()["results"][0]["seq"])


def _long_natures(b) -> int:
    with b.opened().station.read() as uow:
        return int(uow.session.scalar(select_rows(func.count()).select_from(LogbookNature)
                                      .where(LogbookNature.code.like("long_%"))) or 0)


def _checkpoint(gate) -> int:
    with gate.opened().station.read() as uow:
        return int(uow.session.get(SyncAccount, 1).checkpoint)


def _synced(pair):
    a, b = pair
    sync_of(a).sync(a.admin)
    sync_of(b).sync(b.admin)
    return a, b, sync_of(a)._account()


def test_a_page_reads_back_from_the_opening_process_as_it_was_opened_there():
    keys, tenant = ServiceKeys.draw(), str(uuid.uuid4())
    payloads = [{"code": "vol_etalage", "label": "Vol à l'étalage – « caisse 3 »", "active": True, "position": 2},
                {"id": "01a2", "places": ["Quai de l'Œuvre", None], "weight": 0.1, "count": 2**62}, {}]
    envelopes = []
    for seq, payload in enumerate(payloads, start=7):
        handle, ciphertext = seal_change(keys, tenant, f"m-{seq}", Change("logbook_nature", f"r{seq}", "upsert",
                                                                          payload, "station-a", seq, resolves=True))
        if seq == 9:
            ciphertext = ciphertext[:-1] + bytes([ciphertext[-1] ^ 1])
        envelopes.append({"seq": seq, "handle": handle, "base_seq": None if seq == 7 else seq - 1,
                          "device_id": "d-1" if seq == 8 else "d-2", "mutation_id": f"m-{seq}",
                          "ciphertext": protocol.b64encode(ciphertext)})
    opened = open_page(Opener(keys, tenant), "d-1", {"envelopes": envelopes, "last_seq": 9, "more": True, "head": 12})
    answered = datetime(2026, 12, 2, 4, 31, 5, 123456, tzinfo=UTC)

    page, server_time = pull_process._decoded(orjson.loads(pull_process._encoded(opened, answered)))
    assert page == opened._replace(envelopes=[{name: value for name, value in envelope.items()
                                               if name != "ciphertext"} for envelope in envelopes])
    assert [type(change).__name__ for change in page.changes] == ["Pulled", "Pulled", "str"]
    assert page.changes[0].resolves and type(page.seen[0]) is tuple and server_time == answered


def test_a_long_pull_is_opened_in_a_process_that_never_holds_the_secrets_on_its_command_line(
        pair, sync_server, watched, capfd):
    a, b, account = _synced(pair)
    natures = _natures(NATURES)
    push_sealed(sync_server.url, account, natures[:2_100])
    altered = _push_tampered(sync_server.url, account)  # on the third page, from the process
    push_sealed(sync_server.url, account, natures[2_100:])

    watched.ready_from = 2  # the second page from the thread while the process starts, the third from it
    capfd.readouterr()
    report = sync_of(b).sync(b.admin)
    assert capfd.readouterr().err == ""  # the opening process wrote nothing: no warning, no traceback
    assert report.pulled.kinds["logbook_nature"] == NATURES and _long_natures(b) == NATURES
    assert report.pulled.refused == [altered] and sync_of(b).status().refused == 1  # refused there, told here
    assert report.repaired == 0  # the digest matches: every envelope recorded as pulled, once
    [opening] = watched.started
    secrets = [account.device_token.encode(), account.sync_key, account.handle_key]
    secrets += [base64.b64encode(key) for key in (account.sync_key, account.handle_key)]
    secrets += [key.hex().encode() for key in (account.sync_key, account.handle_key)]
    assert not [secret for secret in secrets if secret in opening.seen]
    assert opening.began and opening._thread is None  # the process took the work, and kept it to the end
    assert opening.asked == 2
    assert opening._process.exitcode == 0 and not pull_process.multiprocessing.active_children()
    again = sync_of(b).sync(b.admin)
    assert not again.moved and not again.pulled.refused


def test_an_opening_process_killed_leaves_the_rest_of_the_pull_to_a_thread_and_nothing_is_lost(
        pair, sync_server, watched):
    a, b, account = _synced(pair)
    push_sealed(sync_server.url, account, _natures(NATURES))
    watched.after_begin = staticmethod(lambda process: os.kill(process.pid, signal.SIGKILL))

    report = sync_of(b).sync(b.admin)
    [opening] = watched.started
    assert opening._process.exitcode == -signal.SIGKILL and opening._thread is not None  # the thread took over
    assert report.pulled.kinds["logbook_nature"] == NATURES and _long_natures(b) == NATURES
    assert report.repaired == 0 and not report.pulled.refused
    assert not sync_of(b).sync(b.admin).moved


def test_an_opening_process_killed_before_it_is_ready_leaves_the_whole_pull_to_the_thread(
        pair, sync_server, watched, caplog):
    a, b, account = _synced(pair)
    push_sealed(sync_server.url, account, _natures(NATURES))
    watched.after_start = staticmethod(lambda process: os.kill(process.pid, signal.SIGKILL))

    report = sync_of(b).sync(b.admin)
    [opening] = watched.started
    assert opening._process.exitcode == -signal.SIGKILL and not opening.began
    assert report.pulled.kinds["logbook_nature"] == NATURES and _long_natures(b) == NATURES
    assert report.repaired == 0 and not report.pulled.refused
    assert "ended before it took the work" in caplog.text
    assert not sync_of(b).sync(b.admin).moved


def test_a_server_gone_during_a_long_pull_keeps_the_pages_applied_and_the_next_sync_ends_it(
        own_pair, own_server, watched):
    a, b, account = _synced(own_pair)
    push_sealed(own_server.url, account, _natures(NATURES))
    before = _checkpoint(b)
    watched.before_start = staticmethod(own_server.process.kill)  # once the first page is in, on a thread

    with pytest.raises(SyncOffline):
        sync_of(b).sync(b.admin)
    [opening] = watched.started
    assert not pull_process.multiprocessing.active_children()  # the opening process is gone with the pull
    assert _long_natures(b) == protocol.PULL_LIMIT_MAX and _checkpoint(b) == before + protocol.PULL_LIMIT_MAX
    assert sync_of(b).status().offline

    own_server.process.start(own_server.process.port)  # the same address, as after a restart
    report = sync_of(b).sync(b.admin)
    assert report.pulled.kinds["logbook_nature"] == NATURES - protocol.PULL_LIMIT_MAX
    assert _long_natures(b) == NATURES and report.repaired == 0


_SYNC_WITH_A_LOW_THRESHOLD = ("-c", f"import app.sync.pull_process as p; p.PROCESS_FROM = {FROM}; "
                                    "from app.cli import main; raise SystemExit(main())")


def _opening_process_of(station: int) -> int | None:
    """The pid of the opening process that *station* started, if it runs."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == station and b"multiprocessing" in command:
            if b"resource_tracker" not in command:
                return int(entry.name)
    return None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc and waits on a pidfd")
@pytest.mark.present_time  # killed in a command on the system's clock, then reopened here
def test_a_station_killed_during_a_long_pull_takes_its_opening_process_with_it(apart_pair, apart_server):
    a, b, account = _synced(apart_pair)
    push_sealed(apart_server.url, account, _natures(NATURES))
    opening: list[int] = []

    def opening_started(station: subprocess.Popen) -> bool:
        found = _opening_process_of(station.pid)
        if found is not None:
            opening.append(os.pidfd_open(found))
        return found is not None

    sync_now_killed_when(b, "chef", opening_started, python=_SYNC_WITH_A_LOW_THRESHOLD)
    # Its pipe broken, the opening process ends (a pidfd is readable once its process has ended).
    readable, _, _ = select.select(opening, [], [], 60)
    assert readable == opening, "the opening process outlived its station"
    os.close(opening[0])
    reopened(b, "chef")
    report = sync_of(b).sync(b.admin)
    assert _long_natures(b) == NATURES and report.repaired == 0
