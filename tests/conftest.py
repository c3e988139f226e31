"""Shared fixtures: real encrypted stations in temporary folders, with a cheap key derivation.

The real Argon2id cost (about half a second) is kept for the tests marked
`slow` that check calibration; elsewhere the cost is lowered so that the
suite stays fast, while every other part (SQLCipher, slots, journal) is real.
"""

from __future__ import annotations

import faulthandler
import gc
import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlalchemy import select  # noqa: E402

from app.audit.actor import Actor  # noqa: E402
from app.bootstrap import build_gate
from app.crypto.kdf import KdfParams, KdfPolicy  # noqa: E402
from app.crypto.secretstore import NoSecretStore  # noqa: E402
from app.models import JournalEntry, OutboxChange, Role, User  # noqa: E402
from app.services.accounts import NewUser  # noqa: E402
from app.services.gate import StationGate  # noqa: E402
from app.kernel.station import NewStation, StationDeps  # noqa: E402
from app.store.layout import StationPaths  # noqa: E402

if TYPE_CHECKING:
    class AdminGate(StationGate):
        """A test's gate, on which the test keeps its administrator's actor once logged in (gate.admin)
        and, for the `gate` fixture, the recovery code its creation showed: a StationGate at run time."""

        admin: Actor
        recovery_code: str
else:
    AdminGate = StationGate

CHEAP_KDF = KdfParams(iterations=1, memory_cost=1024)
ADMIN_PASSWORD = "correct-horse-battery"
AGENT_PASSWORD = "agent-password-2026"


class FakeClock:
    """A clock the test moves by hand (lockout expiry, retention)."""

    def __init__(self, start: datetime | None = None) -> None:
        self.current = start or datetime(2026, 11, 22, 8, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.current

    def advance(self, **delta) -> None:
        self.current += timedelta(**delta)


def pytest_sessionstart(session: pytest.Session) -> None:
    """With VIGIE_FAULT_LOG_DIR set (CI sets it), a test process that dies of a crash inside Qt leaves
    every thread's Python stack in that folder, where a worker's own stderr would be lost."""
    folder = os.environ.get("VIGIE_FAULT_LOG_DIR")
    if folder:
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        handle = open(Path(folder) / f"faults-{worker}-{os.getpid()}.log", "w")  # noqa: SIM115 - open until exit
        faulthandler.enable(file=handle, all_threads=True)
        session.config.stash[FAULT_LOG] = handle


def pytest_sessionfinish(session: pytest.Session) -> None:
    handle = session.config.stash.get(FAULT_LOG, None)
    if handle is not None:
        faulthandler.disable()
        handle.close()


FAULT_LOG = pytest.StashKey[TextIO]()


@pytest.fixture(autouse=True)
def widgets_collected_between_tests(request: pytest.FixtureRequest) -> Iterator[None]:
    """The widgets a test with Qt leaves behind are deleted at its end (this fixture's teardown comes
    after every other one's), on the GUI thread, between two tests.

    Left to the cyclic garbage collector, a dialog of an earlier test could be destroyed at any
    allocation of a later one, in the middle of building a widget: test workers crashed that way,
    after tests outside tests/ui (sync, stress, faults) had left widgets behind."""
    yield
    if not {"qtbot", "qapp"} & set(request.fixturenames):
        return
    from app.qt import QApplication

    application = QApplication.instance()
    if application is not None:
        application.processEvents()  # the deleteLater() calls of the test's end
        gc.collect()
        application.processEvents()

@pytest.fixture
def paris(monkeypatch) -> Iterator[None]:
    """The machine on Paris time, as the service's PCs are (summer time from 29 March to 25 October 2026)."""
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def clock(request: pytest.FixtureRequest) -> FakeClock:
    return clock_for(request)


def clock_for(request: pytest.FixtureRequest) -> FakeClock:
    """22 November 2026, 08:00 UTC; the present for a test marked `present_time`, whose station is then
    opened by a command on the system's clock (which would purge, 60 days on, what a clock in the past wrote,
    and find a purge dated after entries written later)."""
    if request.node.get_closest_marker("present_time") is not None:
        return FakeClock(datetime.now(UTC))
    return FakeClock()


@pytest.fixture
def deps(clock) -> StationDeps:
    return StationDeps(clock=clock, kdf=KdfPolicy(fixed=CHEAP_KDF), secrets=NoSecretStore())


@pytest.fixture
def new_station() -> NewStation:
    return NewStation(
        service_name="Police municipale de Montclair-sur-Vienne",
        commune="Montclair-sur-Vienne",
        insee_code="86999",
        department="86",
        admin_login="admin",
        admin_full_name="Sophie Lemaire",
        admin_password=ADMIN_PASSWORD,
        admin_grade="Directrice de police municipale",
        admin_matricule="86-86999-001",
    )


@pytest.fixture
def station_dir(tmp_path) -> Path:
    return tmp_path / "station"


@pytest.fixture
def gate(station_dir, deps, new_station):
    """A created station, open, its administrator logged in (gate.admin)."""
    gate = build_gate(station_dir, deps)
    gate.admin, gate.recovery_code = gate.create(new_station)
    yield gate
    gate.close()


# -- helpers ----------------------------------------------------------------------------


def reopen(station_dir: Path, deps: StationDeps) -> StationGate:
    """The station in *station_dir*, as a new start of Vigie finds it: closed."""
    return build_gate(station_dir, deps)


def opens_with(station_dir: Path, deps: StationDeps, login: str, password: str) -> bool:
    """Whether this password opens the closed station file."""
    from app.errors import BadCredentials

    gate = reopen(station_dir, deps)
    try:
        gate.login(login, password)
    except BadCredentials:
        return False
    finally:
        gate.close()
    return True


def add_agent(gate: AdminGate, login: str = "lpetit", password: str = AGENT_PASSWORD, **fields):
    """An officer's account made by the administrator, its password already chosen."""
    new = NewUser(
        login=login,
        full_name=fields.pop("full_name", "Laura Petit"),
        role=fields.pop("role", Role.AGENT),
        password=password,
        grade=fields.pop("grade", "Brigadier-chef principal"),
        matricule=fields.pop("matricule", "86-86999-003"),
    )
    assert gate.services is not None
    return gate.services.accounts.create_user(gate.admin, new, must_change_password=False)


def _detached(gate: StationGate, query) -> list:
    """Rows as the database holds them now, readable after their session is gone."""
    assert gate.services is not None
    with gate.services.station.uow() as uow:
        rows = list(uow.session.scalars(query))
        uow.session.expunge_all()
        return rows


def journal_entries(gate: StationGate) -> list[JournalEntry]:
    return _detached(gate, select(JournalEntry).order_by(JournalEntry.seq))


def outbox_changes(gate: StationGate) -> list[OutboxChange]:
    return _detached(gate, select(OutboxChange).order_by(OutboxChange.seq))


def user_row(gate: StationGate, login: str) -> User | None:
    rows = _detached(gate, select(User).where(User.login == login))
    return rows[0] if rows else None


def station_files(station_dir: Path) -> dict[str, bytes]:
    """Every file of the station folder and its bytes, to show that nothing was touched; not the marks of the
    processes that have it open (app/kernel/in_use.py), which come and go with them."""
    marks = StationPaths(station_dir).in_use
    return {
        str(path.relative_to(station_dir)): path.read_bytes()
        for path in sorted(station_dir.rglob("*"))
        if path.is_file() and path.parent != marks
    }


@pytest.fixture(scope="session")
def demo_station(tmp_path_factory):
    """The demo station as `vigie --demo` makes it (the tests' cheap key derivation), made once, open.

    Shared by the tests that read the demo (its story's dates, its journal's names): do not change it.
    """
    from app.demo import make_demo_station

    gate, accounts = make_demo_station(tmp_path_factory.mktemp("demo") / "station", kdf=KdfPolicy(fixed=CHEAP_KDF))
    yield gate, accounts
    gate.close()
