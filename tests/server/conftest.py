"""Fixtures of the sync server's tests: the same tests on a SQLite file and on PostgreSQL.

PostgreSQL comes from VIGIE_TEST_POSTGRES_URL (.ci/run starts a cluster and sets it). Without
it the PostgreSQL variants skip, saying why, unless VIGIE_REQUIRE_POSTGRES=1 (CI), where they fail.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete, text

from app.server import accounts, db
from app.server.api import create_app
from app.server.models import Base
from app.server.settings import ServerSettings
from tests.server.helpers import Station

POSTGRES_ENV = "VIGIE_TEST_POSTGRES_URL"
REQUIRE_ENV = "VIGIE_REQUIRE_POSTGRES"


class ServerClock:
    """The server's clock in a test: real time, moved forward by hand."""

    def __init__(self) -> None:
        self.offset = timedelta()

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def advance(self, delta: timedelta) -> None:
        self.offset += delta


def postgres_url() -> str:
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        reason = f"PostgreSQL tests need {POSTGRES_ENV} (.ci/run starts a cluster and sets it)"
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return url


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    """One PostgreSQL schema for the session, made anew: one per test worker (pytest -n), since each test
    empties every table of its server's database and the workers share one PostgreSQL database."""
    from sqlalchemy import make_url

    base = postgres_url()
    schema = "vigie_" + os.environ.get("PYTEST_XDIST_WORKER", "main")
    assert schema.replace("_", "").isalnum()
    engine = db.make_engine(base, pool_size=1)
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    engine.dispose()
    url = make_url(db.normalise_url(base)).update_query_dict({"options": f"-csearch_path={schema}"})
    rendered = url.render_as_string(hide_password=False)
    engine = db.make_engine(rendered, pool_size=1)
    db.upgrade(engine)
    engine.dispose()
    yield rendered


@pytest.fixture(scope="session")
def sqlite_database(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One SQLite file for the session, migrated once."""
    url = db.sqlite_url(tmp_path_factory.mktemp("server-sqlite"))
    engine = db.make_engine(url)
    db.upgrade(engine)
    engine.dispose()
    return url


def empty_database(url: str) -> None:
    """Every row of every table gone (the schema stays): each test starts on an empty server."""
    engine = db.make_engine(url, pool_size=1)
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            names = ", ".join(table.name for table in Base.metadata.sorted_tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in reversed(Base.metadata.sorted_tables):
                connection.execute(delete(table))
    engine.dispose()



@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest) -> str:
    url: str = request.getfixturevalue("sqlite_database" if request.param == "sqlite" else "postgres_database")
    empty_database(url)
    return url


@pytest.fixture(scope="session")
def session_clock() -> ServerClock:
    return ServerClock()


@pytest.fixture
def server_clock(session_clock: ServerClock) -> ServerClock:
    session_clock.offset = timedelta()
    return session_clock


@pytest.fixture
def settings(database_url: str, server_clock: ServerClock) -> ServerSettings:
    return ServerSettings(database_url=database_url, clock=server_clock, auth_failure_limit=5, pairing_limit=3)


@pytest.fixture(scope="session")
def running_servers() -> Iterator[dict[str, TestClient]]:
    """One application per database for the whole session (building one is most of a test's cost)."""
    with contextlib.ExitStack() as stack:
        clients: dict[str, TestClient] = {}

        def close_all() -> None:
            for client in clients.values():
                client.__exit__(None, None, None)

        stack.callback(close_all)
        yield clients


@pytest.fixture
def client(settings: ServerSettings, running_servers: dict[str, TestClient]) -> TestClient:
    if settings.database_url not in running_servers:
        # The schema was made once for the session (sqlite_database, postgres_database).
        test_client = TestClient(create_app(settings, migrate=False))
        test_client.__enter__()
        running_servers[settings.database_url] = test_client
    return running_servers[settings.database_url]


def registration_token(client: TestClient, name: str = "Police municipale de Valmont") -> str:
    """What `vigie-server tenant add NAME` prints (tests/server/test_cli.py runs the command itself)."""
    server = client.app.state.server  # type: ignore[attr-defined]
    with server.sessions() as session:
        _tenant, token = accounts.add_tenant(session, name, server.settings.clock())
        session.commit()
    return str(token)


@pytest.fixture
def station(client: TestClient) -> Station:
    """A registered station of a first tenant."""
    return Station.register(client, registration_token(client), "Accueil")


@pytest.fixture
def other_tenant(client: TestClient) -> Station:
    """A registered station of a second tenant."""
    return Station.register(client, registration_token(client, "Police municipale d'Orvilliers"), "Poste")
