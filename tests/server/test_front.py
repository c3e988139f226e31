"""The pull's short way on PostgreSQL (app/server/front.py): the ordinary way's answer, byte for byte;
its access record committed before the answer, and a 503 without it; every case but the common one
left to the ordinary way, which refuses and records it; a revocation holding at the next request in
every server process; pulls batched in one pipeline each with its own page and record, all or none."""

from __future__ import annotations

import asyncio
import contextlib
from typing import cast

import httpx2
import pytest
from fastapi.testclient import TestClient

from app.server.cli import main
from app.server.front import PullFront, pull_query
from app.server.settings import ServerSettings
from app.sync import protocol
from tests.server.helpers import Station, plain_change, refuse_access_rows
from tests.server.processes import ServerProcess
from tests.server.test_api import access_log

ON_POSTGRESQL = pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)


def front_of(client: TestClient) -> PullFront:
    front = client.app.front  # type: ignore[attr-defined]
    assert isinstance(front, PullFront)
    return front


@ON_POSTGRESQL
def test_the_short_way_answers_the_ordinary_ways_bytes_and_records_first(
        client: TestClient, station: Station, settings: ServerSettings):
    station.push([plain_change("a"), plain_change("b", size=3000), plain_change("c")])
    front = front_of(client)
    for after, limit in ((0, 2), (2, 500), (3, 1)):
        before, logged = front.answered, len(access_log(settings))
        short = client.get(protocol.PULL, params={"after": after, "limit": limit}, headers=station.headers)
        assert front.answered == before + 1 and short.status_code == 200
        rows = access_log(settings)  # committed before the answer went out
        assert len(rows) == logged + 1
        assert (rows[-1].endpoint, rows[-1].outcome, rows[-1].device_id, rows[-1].tenant_id) == (
            "GET /v1/pull", "ok", station.device_id, station.tenant_id)
        # A parameter the short way does not know: the ordinary way, which ignores it.
        ordinary = client.get(protocol.PULL, params={"after": after, "limit": limit, "other": 1},
                              headers=station.headers)
        assert front.answered == before + 1 and len(access_log(settings)) == logged + 2
        assert short.content == ordinary.content
        assert short.headers["content-type"] == ordinary.headers["content-type"] == "application/json"
        assert protocol.SERVER_TIME_HEADER in short.headers


@ON_POSTGRESQL
def test_every_other_case_goes_on_to_the_ordinary_way(client: TestClient, station: Station,
                                                     settings: ServerSettings):
    front = front_of(client)
    before = front.answered
    assert client.get(protocol.PULL, params={"after": -1}, headers=station.headers).status_code == 400
    assert client.get(protocol.PULL + "?limit=1001", headers=station.headers).status_code == 400
    assert client.get(protocol.PULL + "?after=0&after=1", headers=station.headers).status_code == 200
    assert client.get(protocol.PULL).status_code == 401
    unknown = {"Authorization": "Bearer " + protocol.new_token()}
    assert client.get(protocol.PULL, headers=unknown).status_code == 401
    assert client.request("GET", protocol.PULL, content=b"x" * (protocol.MAX_JSON_BYTES + 1),
                          headers=station.headers).status_code == 413
    assert front.answered == before
    outcomes = [row.outcome for row in access_log(settings)]
    assert outcomes == ["registered", "bad_request", "bad_request", "ok", "unauthorized", "unauthorized",
                        "too_large"]


def test_pull_query_reads_only_plain_after_and_limit():
    assert pull_query(b"") == (0, protocol.PULL_LIMIT_DEFAULT)
    assert pull_query(b"after=12&limit=3") == (12, 3)
    assert pull_query(b"limit=1000&after=0") == (0, 1000)
    for odd in (b"after=-1", b"after=%31", b"after=1&after=2", b"after=", b"after", b"limit=0", b"limit=1001",
                b"after=99999999999999999999", b"other=1", b"after=1&", b"after=+1", b"after=\xd9\xa3"):
        assert pull_query(odd) is None, odd


@ON_POSTGRESQL
def test_an_answer_whose_record_cannot_be_committed_is_a_503(client: TestClient, station: Station,
                                                             settings: ServerSettings):
    station.push([plain_change("a")])
    before = len(access_log(settings))
    refuse_access_rows(settings, True)
    try:
        refused = client.get(protocol.PULL, headers=station.headers)
    finally:
        refuse_access_rows(settings, False)
    assert refused.status_code == 503 and "envelopes" not in refused.text
    assert len(access_log(settings)) == before
    front = front_of(client)
    answered = front.answered
    assert client.get(protocol.PULL, headers=station.headers).json()["envelopes"]  # its connections go on
    assert front.answered == answered + 1


@ON_POSTGRESQL
def test_a_revocation_holds_at_the_next_pull_in_every_process(
        client: TestClient, station: Station, database_url: str, settings: ServerSettings):
    """This test's own server and a `vigie-server serve` process, both on the same PostgreSQL, both having
    answered the device the short way just before it is revoked by a third (the command line)."""
    stack = contextlib.ExitStack()
    other = ServerProcess(database_url).start()
    try:
        servers: list[httpx2.Client] = [client, stack.enter_context(httpx2.Client(base_url=other.url, timeout=30))]
        answered = front_of(client).answered
        for server in servers:
            assert server.get(protocol.PULL, headers=station.headers).status_code == 200
        assert front_of(client).answered == answered + 1
        assert main(["device", "revoke", station.device_id, "--database-url", database_url]) == 0
        for server in servers:
            refused = server.get(protocol.PULL, headers=station.headers)
            assert refused.status_code == 401 and refused.json()["error"] == protocol.ERROR_UNAUTHORIZED
    finally:
        stack.close()
        other.stop()
    assert [row.outcome for row in access_log(settings)] == ["registered", "ok", "ok", "revoked", "revoked"]


async def _answers(front: PullFront, requests: list[tuple[str, int]]) -> list[tuple[bool, bytes]]:
    """The short way's answers to pulls (token, after) made all at once: bodies, or False if passed on."""

    async def one(token: str, after: int) -> tuple[bool, bytes]:
        sent: list[dict[str, object]] = []

        async def send(message: dict[str, object]) -> None:
            sent.append(message)

        scope = {"type": "http", "method": "GET", "path": protocol.PULL, "query_string": f"after={after}".encode(),
                 "headers": [(b"authorization", f"Bearer {token}".encode())], "client": ("127.0.0.1", 4000)}
        answered = await front.answer(scope, send)  # type: ignore[arg-type]
        return answered, cast(bytes, sent[-1]["body"]) if answered else b""

    try:
        return list(await asyncio.gather(*(one(token, after) for token, after in requests)))
    finally:
        await front.close()


@ON_POSTGRESQL
def test_pulls_waiting_for_a_connection_go_together_each_with_its_own_page_and_record(
        client: TestClient, station: Station, other_tenant: Station, settings: ServerSettings):
    station.push([plain_change("a"), plain_change("b"), plain_change("c")])
    other_tenant.push([plain_change("a")])
    requests = [(s.token, after) for after in (0, 1, 2, 3) for s in (station, other_tenant)] * 4
    expected = {(token, after): client.get(protocol.PULL, params={"after": after, "other": 1},
                                           headers={"Authorization": f"Bearer {token}"}).content
                for token, after in set(requests)}
    before = len(access_log(settings))
    engine = client.app.state.server.engine  # type: ignore[attr-defined]
    front = PullFront(engine, settings, connections=1)
    answers = asyncio.run(_answers(front, requests))
    assert answers == [(True, expected[request]) for request in requests]
    assert front.connections.piped >= len(requests) // 2  # all but the first few waited, and went together
    rows = access_log(settings)[before:]
    assert sorted(str(row.device_id) for row in rows) == sorted(
        station.device_id if token == station.token else other_tenant.device_id for token, _ in requests)
    # One that fails fails its batch, none of it committed: each goes on to the ordinary way.
    refuse_access_rows(settings, True)
    try:
        failed = asyncio.run(_answers(PullFront(engine, settings, connections=1), requests[:6]))
    finally:
        refuse_access_rows(settings, False)
    assert failed == [(False, b"")] * 6 and len(access_log(settings)) == before + len(requests)
