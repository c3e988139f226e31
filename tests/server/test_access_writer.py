"""The access records of reads, committed together by the process's writer (app/server/recorder.py):
no answer goes out before its record is committed, and one whose record cannot be written is a 503."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from app.server.settings import ServerSettings
from app.sync import protocol
from tests.server.helpers import Station, plain_change, refuse_access_rows
from tests.server.test_api import access_log


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_read_is_answered_once_its_record_is_committed_and_never_without_it(
        client: TestClient, station: Station, settings: ServerSettings):
    station.push([plain_change("a")])
    for _ in range(3):
        assert client.get(protocol.PULL, headers=station.headers).status_code == 200
        assert access_log(settings)[-1].endpoint == "GET /v1/pull"  # there as soon as the answer is
    before = len(access_log(settings))
    refuse_access_rows(settings, True)
    try:
        unrecorded = client.get(protocol.PULL, headers=station.headers)
        chunks = client.get(protocol.blob_path("9" * 64), headers=station.headers)
    finally:
        refuse_access_rows(settings, False)
    assert unrecorded.status_code == 503 and unrecorded.json()["error"] == protocol.ERROR_UNAVAILABLE
    assert "envelopes" not in unrecorded.text and chunks.status_code == 503
    assert len(access_log(settings)) == before
    assert client.get(protocol.PULL, headers=station.headers).json()["envelopes"]  # the writer goes on
