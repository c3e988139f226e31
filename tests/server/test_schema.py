"""schemathesis against the published OpenAPI schema (/v1/openapi.json): whatever it sends, with a
valid device token or without, the server answers 2xx or 4xx, never 5xx."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.core.errors import InvalidSchema
from schemathesis.core.result import Ok, Result
from schemathesis.schemas import APIOperation

from app.server.api import create_app
from app.server.settings import ServerSettings
from app.sync import protocol
from tests.server.conftest import POSTGRES_ENV, REQUIRE_ENV, empty_database, registration_token
from tests.server.helpers import Station

EXAMPLES = 5


@pytest.fixture
def fuzzed(request: pytest.FixtureRequest) -> Iterator[tuple[TestClient, Station]]:
    """On PostgreSQL when there is one (the stricter database: text without NUL, bounded integers),
    else on a SQLite file: one run of the fuzzer, to stay within the suite's time."""
    postgres = bool(os.environ.get(POSTGRES_ENV) or os.environ.get(REQUIRE_ENV) == "1")
    database_url: str = request.getfixturevalue("postgres_database" if postgres else "sqlite_database")
    empty_database(database_url)
    # Failed authentications are the fuzzer's daily bread: no lockout, or every later case is a 429.
    app = create_app(ServerSettings(database_url, auth_failure_limit=10 ** 6, pairing_limit=10 ** 6), migrate=False)
    with TestClient(app) as client:
        yield client, Station.register(client, registration_token(client), "Accueil")


def loaded(result: Result[APIOperation, InvalidSchema]) -> APIOperation:
    """An operation of the schema, which loads (an Err has no operation)."""
    assert isinstance(result, Ok), result.err()
    return result.ok()


def test_no_input_makes_the_server_fail(fuzzed: tuple[TestClient, Station]) -> None:
    client, station = fuzzed
    schema = schemathesis.openapi.from_asgi(protocol.OPENAPI, client.app)
    operations = [loaded(result) for result in schema.get_all_operations()]
    assert len(operations) >= 12

    for operation in operations:
        @given(case=operation.as_strategy(), authenticated=st.booleans())
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def answers_without_failing(case: schemathesis.Case, authenticated: bool) -> None:
            response = case.call(headers=station.headers if authenticated else None)
            assert response.status_code < 500, (case.method, case.path, response.text)
            if response.status_code >= 400:
                assert set(response.json()) == {"error", "detail"}, response.text

        answers_without_failing()
