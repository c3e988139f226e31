"""Faults against real server processes: an answer lost after the commit, a server SIGKILLed in the
middle of a push, and (on PostgreSQL) two server processes on one database with stations alternating
between them, a push cut on one retried on the other as a load balancer would. Every retry carries
the same mutation ids; at the end nothing is lost and nothing is stored twice."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import httpx2
import pytest

from app.server import accounts, db
from app.server.settings import utc_now
from app.sync import protocol
from tests.server.helpers import Station, plain_change
from tests.server.processes import CutProxy, ServerProcess


def enrol_two_devices(database_url: str) -> tuple[protocol.Enrolment, protocol.Enrolment]:
    engine = db.make_engine(database_url, pool_size=1)
    db.upgrade(engine)
    with db.sessions(engine)() as session:
        tenant, _token = accounts.add_tenant(session, "Police municipale de Valmont", utc_now())
        enrolments = []
        for name in ("Accueil", "Bureau du chef de poste"):
            device, token = accounts.new_device(session, tenant.id, name, utc_now())
            assert token is not None
            enrolments.append(protocol.Enrolment(tenant_id=tenant.id, device_id=device.id, device_token=token))
        session.commit()
    engine.dispose()
    return enrolments[0], enrolments[1]


@pytest.fixture
def servers(database_url: str) -> Iterator[list[ServerProcess]]:
    engine = db.make_engine(database_url, pool_size=1)
    db.upgrade(engine)
    engine.dispose()
    count = 2 if database_url.startswith("postgresql") else 1
    started = [ServerProcess(database_url).start() for _ in range(count)]
    yield started
    for server in started:
        server.stop()


def push_until_answered(station: Station, changes: list[protocol.Change]) -> list[protocol.PushResult]:
    for _ in range(3):
        try:
            return station.push(changes)
        except httpx2.TransportError:
            continue  # the same request, the same mutation ids
    raise AssertionError("no answer after three tries")


def alternate(stations: list[Station], sent: list[protocol.Change]) -> None:
    """Two stations pushing at once, each request to the next server process in turn."""
    lock = threading.Lock()

    def work(first: int) -> None:
        for round_ in range(6):
            changes = [plain_change("a")] + [plain_change(str(first)) for _ in range(9)]
            with lock:
                sent.extend(changes)
            push_until_answered(stations[(first + round_) % len(stations)], changes)

    threads = [threading.Thread(target=work, args=(n,)) for n in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
        assert not thread.is_alive()


def test_faults_lose_nothing_and_store_nothing_twice(servers: list[ServerProcess], database_url: str):
    first = servers[0]
    proxy = CutProxy(first.port, on_kill=first.kill)
    clients = [httpx2.Client(base_url=proxy.url, timeout=30),
               httpx2.Client(base_url=servers[1].url if len(servers) > 1 else proxy.url, timeout=30)]
    enrolments = enrol_two_devices(database_url)
    stations = [Station(clients[0], enrolments[0]), Station(clients[1], enrolments[1])]
    sent: list[protocol.Change] = []
    try:
        alternate(stations, sent)

        proxy.faults.append("drop_answer")  # committed, then the answer is lost
        dropped = [plain_change("b") for _ in range(50)]
        sent += dropped
        retried = push_until_answered(stations[0], dropped)
        assert proxy.cut.is_set() and {r["status"] for r in retried} == {"duplicate"}

        proxy.cut.clear()
        proxy.faults.append("kill_mid_body")
        killed = [plain_change("c") for _ in range(300)]
        sent += killed
        with pytest.raises(httpx2.TransportError):
            stations[0].push(killed)
        assert proxy.cut.is_set()
        if len(servers) == 1:
            proxy.target_port = first.start().port  # the same server, restarted
        else:
            stations[0].http = clients[1]  # the load balancer's other process
        statuses = {r["status"] for r in push_until_answered(stations[0], killed)}
        assert "duplicate" not in statuses  # half a request never committed

        seen = [station.pull_all() for station in stations]
        assert seen[0] == seen[1]
        seqs = [e["seq"] for e in seen[0]]
        assert seqs == list(range(1, len(sent) + 1))
        assert sorted(e["mutation_id"] for e in seen[0]) == sorted(c["mutation_id"] for c in sent)
        assert stations[0].digest(seqs[-1]) == stations[1].digest(seqs[-1])
        assert stations[1].push([plain_change("a", base_seq=1)])[0]["status"] == "conflict"
    finally:
        for client in clients:
            client.close()
        proxy.close()
