"""The /v1 API as a station meets it, on SQLite and on PostgreSQL (contract: app/sync/protocol.py)."""

from __future__ import annotations

from datetime import datetime

from fastapi.testclient import TestClient
from sqlalchemy import select

from app.server import db
from app.server.models import AccessLog
from app.server.settings import ServerSettings
from app.sync import protocol
from tests.server.helpers import Station, local_digest, plain_change


def access_log(settings: ServerSettings) -> list[AccessLog]:
    engine = db.make_engine(settings.database_url, pool_size=1)
    with db.sessions(engine)() as session:
        rows = list(session.scalars(select(AccessLog).order_by(AccessLog.id)))
    engine.dispose()
    return rows


def test_health_time_and_schema_are_published(client: TestClient):
    answer = client.get(protocol.HEALTH)
    assert answer.json()["status"] == "ok"
    stamped = datetime.fromisoformat(answer.headers[protocol.SERVER_TIME_HEADER])
    offset = stamped.utcoffset()
    assert offset is not None and offset.total_seconds() == 0
    schema = client.get(protocol.OPENAPI).json()
    assert {"/v1/push", "/v1/pull", "/v1/digest", "/v1/register", "/v1/pairings/claim"} <= set(schema["paths"])
    assert protocol.SERVER_TIME_HEADER in client.get("/v1/nowhere").headers


def test_push_pull_and_digest_in_sequence(station: Station):
    first = station.push([plain_change("a"), plain_change("b")])
    assert [r["status"] for r in first] == ["stored", "stored"]
    assert [r["seq"] for r in first] == [1, 2]
    second = station.push([plain_change("a", base_seq=1)])
    assert second[0] == {**second[0], "status": "stored", "seq": 3, "head_seq": 3}
    pulled = station.pull_all(limit=2)
    assert [e["seq"] for e in pulled] == [1, 2, 3]
    assert all(e["device_id"] == station.device_id for e in pulled)
    assert station.digest(2) == local_digest(pulled, 2)
    assert station.digest(99) == local_digest(pulled, 99) and station.digest(99)["count"] == 3
    nothing = station.http.get(protocol.PULL, params={"after": 3}, headers=station.headers).json()
    assert nothing == {"envelopes": [], "last_seq": 3, "more": False, "head": 3}
    # A page says the tenant's latest seq, so that a station whose checkpoint is not it asks for the digest.
    early = station.http.get(protocol.PULL, params={"after": 0, "limit": 1}, headers=station.headers).json()
    assert (early["last_seq"], early["more"], early["head"]) == (1, True, 3)
    beyond = station.http.get(protocol.PULL, params={"after": 7}, headers=station.headers).json()
    assert (beyond["last_seq"], beyond["head"]) == (7, 3)


def test_duplicated_and_reordered_requests_store_once_and_never_overwrite(station: Station):
    changes = [plain_change("a"), plain_change("b")]
    stored = station.push(changes)
    again = station.push(list(reversed(changes)))
    assert [r["status"] for r in again] == ["duplicate", "duplicate"]
    assert [r["seq"] for r in again] == [stored[1]["seq"], stored[0]["seq"]]
    # Two stations based their edit on seq 1; the later one arrives first.
    edit_late, edit_early = plain_change("a", base_seq=1), plain_change("a", base_seq=1)
    assert station.push([edit_late])[0]["status"] == "stored"
    conflict = station.push([edit_early])[0]
    assert conflict["status"] == "conflict" and conflict["head_seq"] == conflict["seq"]
    assert station.push([edit_early])[0]["status"] == "duplicate"
    # A new record pushed twice in one request, and a record re-created where one exists.
    twin = plain_change("c")
    results = station.push([twin, twin, plain_change("b", base_seq=None)])
    assert [r["status"] for r in results] == ["stored", "duplicate", "conflict"]
    pulled = station.pull_all()
    assert len(pulled) == 6 and len({e["mutation_id"] for e in pulled}) == 6


def test_a_tenant_never_reads_or_writes_another(station: Station, other_tenant: Station):
    shared = plain_change("a")
    station.push([shared, plain_change("b")])
    # The same mutation id in another tenant is that tenant's own first envelope.
    assert other_tenant.push([shared])[0] == {"mutation_id": shared["mutation_id"], "status": "stored",
                                              "seq": 1, "head_seq": 1}
    assert [e["seq"] for e in other_tenant.pull_all()] == [1]
    assert other_tenant.digest(10)["count"] == 1
    blob = "d" * 64
    assert station.http.put(protocol.chunk_path(blob, 0), content=b"secret", headers=station.headers
                            ).status_code == 204
    assert other_tenant.http.get(protocol.chunk_path(blob, 0), headers=other_tenant.headers).status_code == 404
    assert other_tenant.http.get(protocol.blob_path(blob), headers=other_tenant.headers).json() == {"chunks": []}
    assert station.http.get(protocol.chunk_path(blob, 0), headers=station.headers).content == b"secret"


def test_blob_chunks_are_idempotent_and_listed_for_resuming(station: Station):
    blob = "e" * 64
    for index in (0, 2, 2):
        assert station.http.put(protocol.chunk_path(blob, index), content=bytes([index]) * 1000,
                                headers=station.headers).status_code == 204
    assert station.http.get(protocol.blob_path(blob), headers=station.headers).json() == {"chunks": [0, 2]}
    assert station.http.get(protocol.chunk_path(blob, 1), headers=station.headers).status_code == 404
    assert station.http.get(protocol.chunk_path(blob, 2), headers=station.headers).content == b"\x02" * 1000


def test_registration_token_is_single_use(client: TestClient, settings: ServerSettings):
    from tests.server.conftest import registration_token

    token = registration_token(client)
    Station.register(client, token, "Accueil")
    again = client.post(protocol.REGISTER, json={"registration_token": token, "device_name": "Autre"})
    assert again.status_code == 403 and again.json()["error"] == protocol.ERROR_FORBIDDEN
    assert [row.outcome for row in access_log(settings)][-2:] == ["registered", "bad_registration"]


def test_a_pulls_bounds_are_checked_and_each_refusal_recorded(client: TestClient, station: Station,
                                                             settings: ServerSettings):
    station.push([plain_change("a"), plain_change("b")])
    for query in ({"after": -1}, {"after": "1.0"}, {"after": "x"}, {"after": 2 ** 62 + 1}, {"limit": 0},
                  {"limit": protocol.PULL_LIMIT_MAX + 1}, {"limit": " 5"}):
        refused = client.get(protocol.PULL, params=query, headers=station.headers)
        assert refused.status_code == 400 and refused.json()["error"] == protocol.ERROR_BAD_REQUEST, query
    assert [row.outcome for row in access_log(settings)][-7:] == ["bad_request"] * 7
    page = client.get(protocol.PULL, params={"after": 1, "limit": 1}, headers=station.headers).json()
    assert [e["seq"] for e in page["envelopes"]] == [2] and page["more"] is False
