"""The unit of work's own statements: the right read after BEGIN in the write's transaction, the
outbox rows written straight on its connection, and what a busy station or a right taken away does."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event, func, select

from app.bootstrap import build_gate
from app.crypto.kdf import KdfPolicy
from app.crypto.secretstore import NoSecretStore
from app.errors import AccessDenied
from app.kernel.rights import Access, Compartment, Permission
from app.kernel.station import NewStation, StationDeps
from app.kernel.station_kinds import SETTING, USER
from app.models import Operation, OutboxChange, Role, SettingValue, Tombstone, User
from app.store.database import StationBusy
from tests.conftest import (
    ADMIN_PASSWORD,
    AGENT_PASSWORD,
    CHEAP_KDF,
    FakeClock,
    add_agent,
    journal_entries,
    outbox_changes,
)


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """One station for the tests of this module, each counting from what it finds: (gate, clock)."""
    clock = FakeClock()
    gate = build_gate(tmp_path_factory.mktemp("kernel-work") / "station",
                      StationDeps(clock=clock, kdf=KdfPolicy(fixed=CHEAP_KDF), secrets=NoSecretStore()))
    gate.admin, _code = gate.create(NewStation(
        service_name="Police municipale de Montclair-sur-Vienne", commune="Montclair-sur-Vienne",
        insee_code="86999", department="86", admin_login="admin", admin_full_name="Sophie Lemaire",
        admin_password=ADMIN_PASSWORD, admin_grade="Directrice de police municipale",
        admin_matricule="86-86999-001"))
    yield gate, clock
    gate.close()


@pytest.fixture
def gate(shared):
    return shared[0]


@pytest.fixture
def clock(shared):
    return shared[1]


@contextmanager
def statements(engine) -> Iterator[list[str]]:
    """Every statement SQLite runs on the connections checked out meanwhile, in order."""
    seen: list[str] = []

    def traced(dbapi_connection, record, proxy) -> None:
        dbapi_connection.set_trace_callback(seen.append)

    def untraced(dbapi_connection, record) -> None:
        dbapi_connection.set_trace_callback(None)

    event.listen(engine, "checkout", traced)
    event.listen(engine, "checkin", untraced)
    try:
        yield seen
    finally:
        event.remove(engine, "checkout", traced)
        event.remove(engine, "checkin", untraced)


def new_user(now, number: int) -> User:
    return User(login=f"agent{number}", full_name=f"Agent {number}", grade="Gardien-brigadier",
                matricule=f"86-86999-{number:03d}", role=Role.AGENT, active=True, password_hash="x",
                must_change_password=True, failed_attempts=0, created_at=now, updated_at=now, version=1)


def test_the_right_is_read_after_begin_in_the_transaction_that_writes_and_commits(gate):
    kernel = gate.services.kernel
    with statements(kernel.station.engine) as seen:
        with kernel.administer(gate.admin, Permission.ADMINISTER_USERS) as work:
            user = new_user(work.now, 101)
            work.session.add(user)
            work.session.flush()
            work.journal(Operation.CREATE, user.id, kind="user")
            work.queue(user)
            work.commit()
        with kernel.work(gate.admin, Compartment.MAIN_COURANTE, Access.WRITE) as work:
            work.changed("main_courante")
            work.commit()
    words = [" ".join(statement.split()[:2]) if statement.startswith("BEGIN") else statement.split()[0]
             for statement in seen]
    begins = [i for i, word in enumerate(words) if word == "BEGIN IMMEDIATE"]
    assert len(begins) == 2 and words.count("COMMIT") == 2, seen
    first, second = seen[begins[0] + 1], seen[begins[1] + 1]
    # The first statement of each transaction is the right's read, and nothing ends it before the commit.
    assert first.startswith("SELECT role FROM users"), seen
    assert second.startswith("SELECT 1 FROM users u JOIN rights r"), seen
    between = words[begins[0]:words.index("COMMIT")]
    assert "ROLLBACK" not in between and between.count("INSERT") == 3, seen


def test_outbox_rows_written_on_the_connection_read_back_as_the_model_holds_them_in_queued_order(gate, clock):
    kernel = gate.services.kernel
    before = len(outbox_changes(gate))
    with kernel.administer(gate.admin, Permission.ADMINISTER_USERS) as work:
        first, second = new_user(work.now, 102), new_user(work.now, 103)
        work.session.add_all([first, second])
        work.session.flush()
        work.queue(first)
        work.erased(USER, "01000000-0000-7000-8000-000000000001")
        second.version = 4
        work.queue(second)
        # Visible at once in the unit of work's own transaction.
        assert work.session.scalar(select(func.count()).select_from(OutboxChange)) == before + 3
        work.commit()
    rows = outbox_changes(gate)[before:]
    assert [(r.operation, r.record_kind, r.record_id) for r in rows] == [
        ("upsert", "user", first.id), ("erase", "user", "01000000-0000-7000-8000-000000000001"),
        ("upsert", "user", second.id)]
    assert [r.seq for r in rows] == sorted(r.seq for r in rows)
    assert all(r.at == clock.now() and r.at.tzinfo is not None and r.pushed_at is None for r in rows)
    assert [r.base_version for r in rows] == [0, 0, 3]
    assert [r.compartment for r in rows] == ["administration"] * 3
    assert len({r.mutation_id for r in rows}) == 3 and all(len(r.mutation_id) == 36 for r in rows)
    assert json.loads(rows[0].payload) == USER.payload(first) and "password_hash" not in rows[0].payload
    assert rows[1].payload == "{}"


def test_an_erasure_leaves_one_tombstone_and_a_natural_key_given_again_takes_it_away(gate, clock):
    kernel = gate.services.kernel
    erased_at = clock.now()
    for _ in range(2):
        with kernel.administer(gate.admin, Permission.ADMINISTER_STATION) as work:
            work.erased(SETTING, "motives")
            work.commit()
        clock.advance(minutes=5)
    with gate.services.station.read() as uow:
        stones = list(uow.session.scalars(select(Tombstone).where(Tombstone.record_id == "motives")))
        assert [(s.record_kind, s.erased_at) for s in stones] == [("setting", erased_at)]
    with kernel.administer(gate.admin, Permission.ADMINISTER_STATION) as work:
        setting = SettingValue(name="motives", value='["Contrôle interne"]', updated_at=work.now)
        work.session.add(setting)
        work.session.flush()
        work.queue(setting)
        work.commit()
    with gate.services.station.read() as uow:
        assert uow.session.get(Tombstone, ("setting", "motives")) is None
    assert outbox_changes(gate)[-1].operation == "upsert"


def test_a_role_taken_away_between_two_units_of_work_refuses_the_second_with_only_its_refusal(gate):
    add_agent(gate, "adjoint", role=Role.ADMINISTRATEUR, full_name="Paul Adjoint")
    adjoint = gate.login("adjoint", AGENT_PASSWORD)
    kernel = gate.services.kernel
    with kernel.administer(adjoint, Permission.ADMINISTER_USERS) as work:
        work.changed("accounts")
        work.commit()
    with kernel.administer(gate.admin, Permission.ADMINISTER_USERS) as work:
        work.session.get(User, adjoint.user_id).role = Role.AGENT
        work.commit()
    journal, outbox = len(journal_entries(gate)), len(outbox_changes(gate))
    with pytest.raises(AccessDenied):
        with kernel.administer(adjoint, Permission.ADMINISTER_USERS) as work:
            work.session.add(new_user(work.now, 104))
            work.commit()
    after = journal_entries(gate)
    assert len(after) == journal + 1 and (after[-1].operation, after[-1].login) == ("refused", "adjoint")
    assert len(outbox_changes(gate)) == outbox
    with gate.services.station.read() as uow:
        assert uow.session.scalar(select(User).where(User.login == "agent104")) is None


def test_a_write_lock_held_elsewhere_is_a_busy_station_and_the_connection_serves_again(gate):
    station = gate.services.station
    engine = station.engine
    engine.dispose()
    holder, spare = engine.raw_connection(), engine.raw_connection()
    spare.dbapi_connection.execute("PRAGMA busy_timeout = 0")  # the station's own waits 5 s
    spare.close()  # the pool's one idle connection: the unit of work's
    holder.dbapi_connection.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StationBusy):
            with gate.services.kernel.administer(gate.admin, Permission.ADMINISTER_USERS):
                pytest.fail("the unit of work began without the write lock")
    finally:
        holder.dbapi_connection.execute("ROLLBACK")
        holder.close()
    with gate.services.kernel.administer(gate.admin, Permission.ADMINISTER_USERS) as work:
        work.changed("accounts")
        assert work.commit()
    engine.dispose()  # the connection whose busy timeout was cut goes: the next ones are the station's own
