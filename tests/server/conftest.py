"""Fixtures of the sync server's tests: the same tests on a SQLite file and on PostgreSQL.

PostgreSQL comes from VIGIE_TEST_POSTGRES_URL (.ci/run starts a cluster and sets it). Without
it the PostgreSQL variants skip, saying why, unless VIGIE_REQUIRE_POSTGRES=1 (CI), where they fail.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

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
    """One PostgreSQL database for the session, its schema made anew."""
    url = postgres_url()
    engine = db.make_engine(url, pool_size=1)
    with engine.begin() as connection:
        Base.metadata.drop_all(connection)
        connection.execute(text("DROP TABLE IF EXISTS server_alembic_version"))
    db.upgrade(engine)
    engine.dispose()
    yield url


def empty_postgres(url: str) -> None:
    engine = db.make_engine(url, pool_size=1)
    names = ", ".join(table.name for table in Base.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return db.sqlite_url(tmp_path)
    url: str = request.getfixturevalue("postgres_database")
    empty_postgres(url)
    return url


@pytest.fixture
def server_clock() -> ServerClock:
    return ServerClock()


@pytest.fixture
def settings(database_url: str, server_clock: ServerClock) -> ServerSettings:
    return ServerSettings(database_url=database_url, clock=server_clock, auth_failure_limit=5, pairing_limit=3)


@pytest.fixture
def client(settings: ServerSettings) -> Iterator[TestClient]:
    # PostgreSQL's schema was made once for the session (postgres_database).
    app = create_app(settings, migrate=settings.database_url.startswith("sqlite"))
    with TestClient(app) as test_client:
        yield test_client


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
