"""A real sync server (uvicorn on loopback, SQLite in a temporary folder) and enrolled stations."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import cast

import httpx
import pytest

from app.bootstrap import build_gate
from app.kernel.station import StationDeps
from app.server import accounts, db
from app.services.gate import StationGate
from app.sync import protocol
from app.sync.envelope import Change, ServiceKeys, seal_change
from app.sync.service import SyncService
from tests.conftest import CHEAP_KDF, AdminGate, FakeClock, clock_for
from tests.server.processes import ServerProcess


@dataclass
class RunningServer:
    """`python -m app.server serve` on loopback, its SQLite database in a temporary folder."""

    process: ServerProcess
    database_url: str

    @property
    def url(self) -> str:
        return self.process.url

    def tenant(self, name: str = "Police municipale de Montclair-sur-Vienne") -> str:
        """A new service on the server: its one-time registration token."""
        engine = db.make_engine(self.database_url, pool_size=1)
        try:
            with db.sessions(engine)() as session:
                _tenant, token = accounts.add_tenant(session, name, datetime.now(UTC))
                session.commit()
        finally:
            engine.dispose()
        return token

    def stop(self) -> None:
        self.process.stop()


def start_server(folder: Path) -> RunningServer:
    folder.mkdir(parents=True, exist_ok=True)
    database_url = db.sqlite_url(folder)
    engine = db.make_engine(database_url, pool_size=1)
    db.upgrade(engine)
    engine.dispose()
    # Every test station pairs from 127.0.0.1: the session's pairings would reach a hosted server's
    # limit per address (tests/server/test_security.py tests that limit).
    return RunningServer(ServerProcess(database_url, pairings_per_address=1000).start(), database_url)


@pytest.fixture(scope="session")
def sync_server(tmp_path_factory) -> Iterator[RunningServer]:
    """One server for the session (starting one costs seconds); each test is a service of its own."""
    running = start_server(tmp_path_factory.mktemp("server"))
    yield running
    running.stop()


@pytest.fixture(scope="session")
def apart_server(tmp_path_factory) -> Iterator[RunningServer]:
    """A second server for the session: the pairings of the tests that use it do not count against the
    first one's limit of pairings opened from one address (20 in 10 minutes), which the others near."""
    running = start_server(tmp_path_factory.mktemp("apart-server"))
    yield running
    running.stop()


@pytest.fixture
def own_server(tmp_path) -> Iterator[RunningServer]:
    """A server for one test alone (whose disk the test rolls back)."""
    running = start_server(tmp_path / "server")
    yield running
    running.stop()


def sync_of(gate: StationGate) -> SyncService:
    return SyncService(gate.opened().kernel)


@pytest.fixture
def second_clock(request: pytest.FixtureRequest) -> FakeClock:
    return clock_for(request)


def make_gate(folder: Path, clock: FakeClock) -> AdminGate:
    """A new gate, closed; the test keeps its administrator's actor on it once created or logged in."""
    from app.crypto.kdf import KdfPolicy
    from app.crypto.secretstore import NoSecretStore

    gate = build_gate(folder, StationDeps(clock=clock, kdf=KdfPolicy(fixed=CHEAP_KDF), secrets=NoSecretStore()))
    return cast(AdminGate, gate)


def enrolled_pair(gate: AdminGate, sync_server: RunningServer, other: AdminGate) -> None:
    """*gate* registers the service; *other* joins it by pairing, approved on *gate*."""
    sync_of(gate).register(gate.admin, sync_server.url, sync_server.tenant())
    join_by_pairing(gate, sync_server, other, 2)


def join_by_pairing(gate: AdminGate, sync_server: RunningServer, other: AdminGate, number: int) -> None:
    """*other* joins the service of the enrolled *gate*, approved there; its station number is *number*."""
    from app.sync.joining import claim, open_pairing
    from app.sync.transport import Transport

    with Transport(sync_server.url) as transport:
        pairing = open_pairing(transport)
        assert claim(transport, pairing) is None  # waiting for the administrator
        service = sync_of(gate)
        pending = service.pending_station(gate.admin, pairing.code)
        assert pending.fingerprint == pairing.fingerprint
        service.approve(gate.admin, pending)
        claimed = claim(transport, pairing)
    assert claimed is not None
    from app.sync.joining import forget_own_beginnings

    # As `vigie join` does: what creating the station queued stays on it (its own first account aside).
    first_account = other.admin.user_id
    forget_own_beginnings(other.opened().kernel, "")
    assert first_account
    sync_of(other).enrol(other.admin, sync_server.url, claimed.tenant_id, claimed.device_id, claimed.device_token,
                         claimed.keys)
    other.opened().settings.change(other.admin, {"station_number": number})


@pytest.fixture
def other_station(tmp_path, second_clock, new_station) -> Iterator[AdminGate]:
    from dataclasses import replace

    gate = make_gate(tmp_path / "second", second_clock)
    gate.admin, _ = gate.create(replace(new_station, admin_login="chef", admin_full_name="Marc Girard"))
    yield gate
    gate.close()


@pytest.fixture
def pair(gate, sync_server, other_station):
    enrolled_pair(gate, sync_server, other_station)
    return gate, other_station


@pytest.fixture
def apart_pair(gate, apart_server, other_station):
    enrolled_pair(gate, apart_server, other_station)
    return gate, other_station


@pytest.fixture
def own_pair(gate, own_server, other_station):
    enrolled_pair(gate, own_server, other_station)
    return gate, other_station


def push_sealed(server_url: str, account, changes: list[Change], bases: list[int] | None = None) -> list[int]:
    """*changes* sealed with the service's keys and posted as a station would post them, each on the
    envelope of its record given in *bases* (none: a new record): their seqs."""
    keys = ServiceKeys(account.sync_key, account.handle_key)
    seqs: list[int] = []
    with httpx.Client(base_url=server_url, timeout=60) as client:
        for start in range(0, len(changes), protocol.MAX_PUSH_CHANGES):
            sent = []
            for index, change in enumerate(changes[start:start + protocol.MAX_PUSH_CHANGES], start):
                mutation_id = str(uuid.uuid4())
                handle, ciphertext = seal_change(keys, account.tenant_id, mutation_id, change)
                sent.append({"mutation_id": mutation_id, "handle": handle,
                             "base_seq": bases[index] if bases is not None else None,
                             "ciphertext": protocol.b64encode(ciphertext)})
            answer = client.post(protocol.PUSH, json={"changes": sent},
                                 headers={"Authorization": f"Bearer {account.device_token}"})
            answer.raise_for_status()
            seqs += [result["seq"] for result in answer.json()["results"]]
    return seqs
