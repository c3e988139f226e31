"""Refusals, each recorded: revoked devices, unknown tokens until the address is rate limited (across
processes), requests too large, pairing codes replayed or expired, and the access log's 60 days."""

from __future__ import annotations

import base64
import os
import socket
from collections.abc import Iterator
from datetime import timedelta

from fastapi.testclient import TestClient

from app.server import accounts, db
from app.server.api import create_app
from app.server.settings import ServerSettings
from app.sync import protocol
from tests.server.conftest import ServerClock
from tests.server.helpers import Station, plain_change
from tests.server.test_api import access_log


def revoke(client: TestClient, device_id: str) -> None:
    server = client.app.state.server  # type: ignore[attr-defined]
    with server.sessions() as session:
        accounts.revoke(session, device_id, server.settings.clock())
        session.commit()


def test_a_revoked_device_is_refused_and_recorded(client: TestClient, station: Station, settings: ServerSettings):
    station.push([plain_change("a")])
    revoke(client, station.device_id)
    refused = client.get(protocol.PULL, headers=station.headers)
    assert refused.status_code == 401 and refused.json()["error"] == protocol.ERROR_UNAUTHORIZED
    pushed = client.post(protocol.PUSH, json={"changes": [plain_change("b")]}, headers=station.headers)
    assert pushed.status_code == 401
    last = access_log(settings)[-1]
    assert (last.outcome, last.device_id, last.tenant_id, last.endpoint) == (
        "revoked", station.device_id, station.tenant_id, "POST /v1/push")


def test_a_revoked_device_trying_again_does_not_lock_out_the_stations_beside_it(
        client: TestClient, station: Station, other_tenant: Station, settings: ServerSettings):
    revoke(client, station.device_id)
    for _ in range(settings.auth_failure_limit + 3):  # an old PC's timer, every two minutes, from one address
        assert client.get(protocol.PULL, headers=station.headers).status_code == 401
    assert client.get(protocol.PULL, headers=other_tenant.headers).status_code == 200
    assert [row.outcome for row in access_log(settings)].count("revoked") == settings.auth_failure_limit + 3


def test_failed_authentications_lock_out_the_address_in_every_process(
        client: TestClient, station: Station, settings: ServerSettings):
    for _ in range(settings.auth_failure_limit):
        bad = client.get(protocol.PULL, headers={"Authorization": "Bearer " + protocol.new_token()})
        assert bad.status_code == 401
    assert client.get(protocol.PULL).status_code == 429
    # A second process on the same database refuses the address too, even with a good token.
    with TestClient(create_app(settings, migrate=False)) as other_process:
        limited = other_process.get(protocol.PULL, headers=station.headers)
        assert limited.status_code == 429 and limited.json()["error"] == protocol.ERROR_RATE_LIMITED
    outcomes = [row.outcome for row in access_log(settings)]
    assert outcomes.count("unauthorized") == settings.auth_failure_limit and outcomes[-2:] == ["rate_limited"] * 2
    settings.clock.advance(settings.auth_failure_window)  # type: ignore[attr-defined]
    assert client.get(protocol.PULL, headers=station.headers).status_code == 200


def test_requests_too_large_are_refused_with_413(client: TestClient, station: Station):
    many = client.post(protocol.PUSH, json={"changes": [plain_change("a") for _ in range(501)]},
                       headers=station.headers)
    assert many.status_code == 413 and many.json()["error"] == protocol.ERROR_TOO_LARGE
    huge = [plain_change("b", size=3 * 1024 * 1024) for _ in range(3)]
    assert client.post(protocol.PUSH, json={"changes": huge}, headers=station.headers).status_code == 413
    chunk = client.put(protocol.chunk_path("f" * 64, 0), content=os.urandom(protocol.MAX_CHUNK_BYTES + 1),
                       headers=station.headers)
    assert chunk.status_code == 413
    name = client.post(protocol.REGISTER, json={"registration_token": "x", "device_name": "n" * 70_000})
    assert name.status_code == 413

    def streamed() -> Iterator[bytes]:  # no Content-Length: counted as it comes
        yield b'{"changes": ['
        for _ in range(9):
            yield b'{"mutation_id": "m", "handle": "h", "base_seq": null, "ciphertext": "' + b"A" * 2 ** 20 + b'"},'
        yield b"]}"

    cut = client.post(protocol.PUSH, content=streamed(),
                      headers={**station.headers, "Content-Type": "application/json"})
    assert cut.status_code == 413 and cut.json()["error"] == protocol.ERROR_TOO_LARGE
    assert station.pull_all() == []


def test_bad_input_is_a_4xx_never_a_5xx(client: TestClient, station: Station):
    bad_b64 = {**plain_change("a"), "ciphertext": "not base64!"}
    assert client.post(protocol.PUSH, json={"changes": [bad_b64]}, headers=station.headers).status_code == 400
    odd_b64 = {**plain_change("a"), "ciphertext": "QUJD="}
    assert client.post(protocol.PUSH, json={"changes": [odd_b64]}, headers=station.headers).status_code == 400
    huge_seq = {**plain_change("a"), "base_seq": 2 ** 70}
    assert client.post(protocol.PUSH, json={"changes": [huge_seq]}, headers=station.headers).status_code == 400
    assert client.post(protocol.PUSH, content=b"{not json", headers=station.headers).status_code == 400
    nul = client.post(protocol.REGISTER, json={"registration_token": "abc", "device_name": "a\x00b"})
    assert nul.status_code == 400 and set(nul.json()) == {"error", "detail"}
    assert client.get(protocol.PULL, params={"after": -1}, headers=station.headers).status_code == 400
    assert client.get(protocol.chunk_path("A" * 64, 0), headers=station.headers).status_code == 400


def _open_pairing(client: TestClient) -> tuple[bytes, protocol.PairingOpened]:
    public_key = os.urandom(protocol.X25519_KEY_BYTES)
    opened = client.post(protocol.PAIRINGS, json={"public_key": base64.b64encode(public_key).decode()})
    assert opened.status_code == 200, opened.text
    body: protocol.PairingOpened = opened.json()
    assert protocol.PAIRING_CODE_RE.match(body["pairing_code"])
    return public_key, body


def test_pairing_hands_the_sealed_keys_once(client: TestClient, station: Station, settings: ServerSettings):
    public_key, opened = _open_pairing(client)
    code, secret = opened["pairing_code"], opened["claim_secret"]
    claim = {"pairing_code": code, "claim_secret": secret}
    assert client.post(protocol.PAIRING_CLAIM, json=claim).status_code == 202
    shown = client.get(protocol.pairing_path(code.lower().replace("-", " ")), headers=station.headers).json()
    assert base64.b64decode(shown["public_key"]) == public_key
    sealed = base64.b64encode(b"sealed for the new station").decode()
    approved = client.post(protocol.approve_path(code), json={"sealed_keys": sealed, "device_name": "Voiture"},
                           headers=station.headers)
    assert approved.status_code == 200
    wrong = client.post(protocol.PAIRING_CLAIM, json={**claim, "claim_secret": protocol.b64encode(b"guess")})
    assert wrong.status_code == 404
    enrolled = client.post(protocol.PAIRING_CLAIM, json=claim)
    assert enrolled.status_code == 200
    body = enrolled.json()
    assert (body["tenant_id"], body["device_id"], body["sealed_keys"]) == (
        station.tenant_id, approved.json()["device_id"], sealed)
    assert client.post(protocol.PAIRING_CLAIM, json=claim).status_code == 404  # replayed
    assert client.get(protocol.pairing_path(code), headers=station.headers).status_code == 404
    newcomer = Station(client, body)
    station.push([plain_change("a")])
    assert len(newcomer.pull_all()) == 1
    assert "bad_claim" in [row.outcome for row in access_log(settings)]


def test_an_expired_pairing_code_is_refused(client: TestClient, station: Station, server_clock: ServerClock):
    _key, opened = _open_pairing(client)
    server_clock.advance(protocol.PAIRING_TTL + timedelta(seconds=1))
    claim = {"pairing_code": opened["pairing_code"], "claim_secret": opened["claim_secret"]}
    gone = client.post(protocol.PAIRING_CLAIM, json=claim)
    assert gone.status_code == 410 and gone.json()["error"] == protocol.ERROR_GONE
    assert client.get(protocol.pairing_path(opened["pairing_code"]), headers=station.headers).status_code == 404
    late = client.post(protocol.approve_path(opened["pairing_code"]), headers=station.headers,
                       json={"sealed_keys": "AAAA", "device_name": "Voiture"})
    assert late.status_code == 404


def test_opening_pairings_is_rate_limited_per_address(client: TestClient, settings: ServerSettings):
    for _ in range(settings.pairing_limit):
        _open_pairing(client)
    assert client.post(protocol.PAIRINGS, json={"public_key": base64.b64encode(bytes(32)).decode()}
                       ).status_code == 429


def test_the_access_log_keeps_sixty_days(client: TestClient, station: Station, settings: ServerSettings,
                                         server_clock: ServerClock):
    station.pull_all()
    before = len(access_log(settings))
    server_clock.advance(timedelta(days=59))
    station.pull_all()
    assert client.app.state.server.purge() == 0  # type: ignore[attr-defined]
    server_clock.advance(timedelta(days=2))
    assert client.app.state.server.purge() == before  # type: ignore[attr-defined]
    assert [row.endpoint for row in access_log(settings)] == ["GET /v1/pull"]
    assert db.normalise_url(settings.database_url)


def test_a_database_away_is_a_503_a_station_retries_not_a_crash():
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there now
    app = create_app(ServerSettings(f"postgresql://vigie:x@127.0.0.1:{port}/vigie"), migrate=False)
    with TestClient(app) as client:
        answer = client.get(protocol.PULL, headers={"Authorization": "Bearer " + protocol.new_token()})
    assert answer.status_code == 503 and answer.json()["error"] == protocol.ERROR_UNAVAILABLE
    assert answer.headers["Retry-After"] == "30"
