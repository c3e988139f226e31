"""Logging in, lockout and its expiry, disabled accounts, and the administration of accounts."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import event

from app.errors import (
    AccessDenied,
    BadCredentials,
    InvalidInput,
    StationError,
    StorageFailed,
)
from app.models import Role
from app.services.accounts import NewUser
from tests.conftest import (
    ADMIN_PASSWORD,
    AGENT_PASSWORD,
    add_agent,
    journal_entries,
    opens_with,
    outbox_changes,
    reopen,
    station_files,
    user_row,
)


def fail_logins(gate, login, times):
    for _ in range(times):
        with pytest.raises(BadCredentials):
            gate.login(login, "wrong-password-typed")


def test_an_officer_logs_in_with_the_password_the_administrator_chose(gate):
    add_agent(gate)
    actor = gate.login("lpetit", AGENT_PASSWORD)
    assert (actor.login, actor.full_name, actor.role) == ("lpetit", "Laura Petit", "agent")
    assert actor.matricule == "86-86999-003"


def test_a_new_account_must_change_its_password_at_first_login(gate):
    gate.services.accounts.create_user(
        gate.admin, NewUser("kdiallo", "Karim Diallo", Role.AGENT, "temporary-pass-1")
    )
    actor = gate.login("kdiallo", "temporary-pass-1")
    assert gate.services.accounts.must_change_password(actor)
    gate.services.accounts.change_password(actor, "temporary-pass-1", "my-own-password-99")
    assert not gate.services.accounts.must_change_password(actor)


def test_a_wrong_password_is_refused_with_the_same_words_as_an_unknown_login(gate):
    add_agent(gate)
    with pytest.raises(BadCredentials) as wrong:
        gate.login("lpetit", "not-her-password")
    with pytest.raises(BadCredentials) as unknown:
        gate.login("nobody", AGENT_PASSWORD)
    assert str(wrong.value) == str(unknown.value) == "Incorrect login or password."


def test_five_failures_lock_the_account_for_fifteen_minutes(gate, clock):
    add_agent(gate)
    fail_logins(gate, "lpetit", 4)
    assert gate.login("lpetit", AGENT_PASSWORD).login == "lpetit"  # success resets the count
    fail_logins(gate, "lpetit", 5)
    with pytest.raises(BadCredentials) as locked:
        gate.login("lpetit", AGENT_PASSWORD)
    # During the lock the right password gets the answer a wrong one gets: guessing learns nothing.
    assert str(locked.value) == "Incorrect login or password."
    assert user_row(gate, "lpetit").locked_until.strftime("%H:%M") == "08:15"  # UTC
    clock.advance(minutes=14, seconds=59)
    with pytest.raises(BadCredentials):
        gate.login("lpetit", AGENT_PASSWORD)
    clock.advance(seconds=1)
    assert gate.login("lpetit", AGENT_PASSWORD).login == "lpetit"


def test_a_lock_leaves_other_accounts_alone(gate):
    add_agent(gate)
    fail_logins(gate, "lpetit", 5)
    assert gate.login("admin", ADMIN_PASSWORD).login == "admin"


def test_the_lockout_threshold_and_duration_are_settings(gate, clock):
    gate.services.settings.change(gate.admin, {"lockout_threshold": 3, "lockout_minutes": 60})
    add_agent(gate)
    fail_logins(gate, "lpetit", 3)
    clock.advance(minutes=59)
    with pytest.raises(BadCredentials):
        gate.login("lpetit", AGENT_PASSWORD)
    clock.advance(minutes=1)
    assert gate.login("lpetit", AGENT_PASSWORD).login == "lpetit"


def test_failures_while_the_station_is_closed_lock_the_account_too(gate, station_dir, deps, clock):
    add_agent(gate)
    gate.close()
    closed = reopen(station_dir, deps)
    fail_logins(closed, "lpetit", 5)
    assert not closed.is_open
    with pytest.raises(BadCredentials):
        closed.login("lpetit", AGENT_PASSWORD)
    assert not closed.is_open  # the right password of a locked account leaves nothing open
    clock.advance(minutes=10)
    fail_logins(closed, "lpetit", 5)  # tried again during the lock: the lock does not grow
    clock.advance(minutes=5)
    assert closed.login("lpetit", AGENT_PASSWORD).login == "lpetit"
    closed.close()


def test_a_reset_password_unlocks_and_is_changed_at_next_login(gate):
    add_agent(gate)
    fail_logins(gate, "lpetit", 5)
    summary = gate.services.accounts.reset_password(gate.admin, "lpetit", "temporary-pass-2")
    assert summary.must_change_password and summary.locked_until is None
    with pytest.raises(BadCredentials):
        gate.login("lpetit", AGENT_PASSWORD)
    actor = gate.login("lpetit", "temporary-pass-2")
    assert gate.services.accounts.must_change_password(actor)


def test_a_disabled_account_is_refused_and_keeps_its_history(gate, station_dir, deps):
    add_agent(gate)
    agent = gate.login("lpetit", AGENT_PASSWORD)
    gate.services.accounts.disable_user(gate.admin, "lpetit")
    with pytest.raises(BadCredentials):
        gate.login("lpetit", AGENT_PASSWORD)
    assert any(e.user_id == agent.user_id for e in journal_entries(gate))
    listed = {u.login: u.active for u in gate.services.accounts.list_users(gate.admin)}
    assert listed == {"admin": True, "lpetit": False}
    gate.close()
    closed = reopen(station_dir, deps)
    with pytest.raises(BadCredentials):
        closed.login("lpetit", AGENT_PASSWORD)
    assert not closed.is_open


def test_an_enabled_account_logs_in_again(gate):
    add_agent(gate)
    gate.services.accounts.disable_user(gate.admin, "lpetit")
    gate.services.accounts.enable_user(gate.admin, "lpetit")
    assert gate.login("lpetit", AGENT_PASSWORD).login == "lpetit"


def test_an_administrator_cannot_disable_their_own_account(gate):
    with pytest.raises(InvalidInput, match="your own account"):
        gate.services.accounts.disable_user(gate.admin, "admin")
    assert user_row(gate, "admin").active is True


def test_a_disabled_administrator_cannot_disable_the_last_active_one(gate):
    add_agent(gate, "adjoint", role=Role.ADMINISTRATEUR, full_name="Paul Adjoint")
    adjoint = gate.login("adjoint", AGENT_PASSWORD)
    gate.services.accounts.disable_user(gate.admin, "adjoint")
    # The adjoint's window was still open on another desk: the account's rights went with it.
    with pytest.raises(AccessDenied):
        gate.services.accounts.disable_user(adjoint, "admin")
    assert user_row(gate, "admin").active is True


def test_only_an_administrator_manages_accounts(gate):
    add_agent(gate)
    agent = gate.login("lpetit", AGENT_PASSWORD)
    with pytest.raises(AccessDenied):
        gate.services.accounts.create_user(agent, NewUser("intrus", "Intrus", Role.ADMINISTRATEUR, "x" * 16))
    with pytest.raises(AccessDenied):
        gate.services.accounts.list_users(agent)
    with pytest.raises(AccessDenied):
        gate.services.accounts.reset_password(agent, "admin", "taken-over-now")
    with pytest.raises(AccessDenied):
        gate.services.settings.change(agent, {"lockout_threshold": 50})
    assert user_row(gate, "intrus") is None


@pytest.mark.parametrize(
    ("login", "password", "message"),
    [
        ("lpetit", AGENT_PASSWORD, "already taken"),
        ("jdupont", "eleven-char", "at least 12 characters"),
        ("jdupont", " leading-space-pass", "space"),
        ("J Dupont", AGENT_PASSWORD, "The login must be"),
    ],
)
def test_a_refused_account_leaves_no_row_no_journal_entry_no_outbox_change(gate, login, password, message):
    add_agent(gate)
    journal, outbox = len(journal_entries(gate)), len(outbox_changes(gate))
    keys = (gate.paths.keys).read_bytes()
    with pytest.raises(InvalidInput, match=message):
        gate.services.accounts.create_user(gate.admin, NewUser(login, "Jean Dupont", Role.AGENT, password))
    assert sorted(u.login for u in gate.services.accounts.list_users(gate.admin)) == ["admin", "lpetit"]
    assert user_row(gate, "jdupont") is None
    assert len(journal_entries(gate)) == journal
    assert len(outbox_changes(gate)) == outbox
    assert gate.paths.keys.read_bytes() == keys


def fill_disk_on_next_outbox_write(engine):
    """Make the next write to the sync outbox meet a full disk, as SQLite reports it.

    The database may not grow past its present size, and writing an outbox row
    first asks for a megabyte: SQLite answers "database or disk is full"
    after the user row and its journal entry were already written.
    """
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE filler (data BLOB)")
        conn.exec_driver_sql(
            "CREATE TRIGGER fill_disk BEFORE INSERT ON sync_outbox "
            "BEGIN INSERT INTO filler VALUES (zeroblob(1000000)); END"
        )
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()

    @event.listens_for(engine, "begin")
    def full_disk(conn):
        conn.exec_driver_sql(f"PRAGMA max_page_count = {pages + 2}")


def test_a_full_disk_during_an_account_creation_saves_nothing_and_says_why(gate):
    station = gate.services.station
    journal, outbox = len(journal_entries(gate)), len(outbox_changes(gate))
    keys = gate.paths.keys.read_bytes()
    fill_disk_on_next_outbox_write(station.engine)
    with pytest.raises(StorageFailed) as caught:
        add_agent(gate)
    assert "disk is full" in str(caught.value)
    assert str(gate.paths.root) in str(caught.value)  # the folder whose disk is full
    assert user_row(gate, "lpetit") is None
    assert len(journal_entries(gate)) == journal
    assert len(outbox_changes(gate)) == outbox
    assert gate.paths.keys.read_bytes() == keys
    assert gate.login("admin", ADMIN_PASSWORD).login == "admin"  # the station carries on


def test_a_failed_login_leaves_the_station_files_as_they_were(gate, station_dir, deps):
    gate.close()
    closed = reopen(station_dir, deps)
    closed.login("admin", ADMIN_PASSWORD)
    closed.close()
    before = station_files(station_dir)
    again = reopen(station_dir, deps)
    with pytest.raises(BadCredentials):
        again.login("unknown-login", ADMIN_PASSWORD)
    after = station_files(station_dir)
    after.pop("pending-events.log")
    assert after == before


def block_key_file_writes(station_dir):
    """The folder refuses a new key file: its temporary copy cannot be created."""
    blocker = station_dir / "station.keys.tmp"
    blocker.mkdir()
    return blocker


def test_an_account_whose_slot_cannot_be_written_is_not_created(gate, station_dir):
    journal, outbox = len(journal_entries(gate)), len(outbox_changes(gate))
    keys = gate.paths.keys.read_bytes()
    blocker = block_key_file_writes(station_dir)
    with pytest.raises(StationError, match="Cannot write in the folder") as caught:
        add_agent(gate)
    assert str(station_dir) in str(caught.value)
    assert user_row(gate, "lpetit") is None
    assert (len(journal_entries(gate)), len(outbox_changes(gate))) == (journal, outbox)
    assert gate.paths.keys.read_bytes() == keys
    blocker.rmdir()
    assert add_agent(gate).login == "lpetit"


def test_a_password_change_that_cannot_reach_the_key_file_changes_nothing(gate, station_dir, deps):
    add_agent(gate)
    actor = gate.login("lpetit", AGENT_PASSWORD)
    blocker = block_key_file_writes(station_dir)
    with pytest.raises(StationError, match="Cannot write in the folder"):
        gate.services.accounts.change_password(actor, AGENT_PASSWORD, "a-brand-new-password")
    blocker.rmdir()
    assert gate.login("lpetit", AGENT_PASSWORD).login == "lpetit"
    gate.close()
    assert opens_with(station_dir, deps, "lpetit", AGENT_PASSWORD)
    assert not opens_with(station_dir, deps, "lpetit", "a-brand-new-password")


def test_a_password_change_the_database_refuses_leaves_the_old_password_in_the_key_file(gate, station_dir, deps):
    add_agent(gate)
    actor = gate.login("lpetit", AGENT_PASSWORD)
    keys = gate.paths.keys.read_bytes()
    fill_disk_on_next_outbox_write(gate.services.station.engine)
    with pytest.raises(StorageFailed):
        gate.services.accounts.change_password(actor, AGENT_PASSWORD, "a-brand-new-password")
    assert gate.paths.keys.read_bytes() == keys
    gate.close()
    assert opens_with(station_dir, deps, "lpetit", AGENT_PASSWORD)
    assert not opens_with(station_dir, deps, "lpetit", "a-brand-new-password")


def test_an_account_whose_slot_cannot_be_removed_stays_enabled(gate, station_dir, deps):
    add_agent(gate)
    blocker = block_key_file_writes(station_dir)
    with pytest.raises(StationError, match="Cannot write in the folder"):
        gate.services.accounts.disable_user(gate.admin, "lpetit")
    blocker.rmdir()
    assert user_row(gate, "lpetit").active is True
    gate.close()
    assert opens_with(station_dir, deps, "lpetit", AGENT_PASSWORD)


def attempt_time(gate, login: str) -> float:
    """The shortest of three refused attempts, in seconds."""
    times = []
    for _ in range(3):
        start = time.perf_counter()
        with pytest.raises(BadCredentials):
            gate.login(login, "wrong-password-typed")
        times.append(time.perf_counter() - start)
    return min(times)


@pytest.mark.parametrize("station_open", [False, True], ids=["closed", "open"])
def test_an_unknown_login_takes_as_long_as_a_wrong_password(station_dir, clock, new_station, station_open):
    from app.crypto.kdf import KdfParams, KdfPolicy
    from app.kernel.station import StationDeps

    # A derivation long enough to stand out from the rest of an attempt (about 20 ms).
    deps = StationDeps(clock=clock, kdf=KdfPolicy(fixed=KdfParams(iterations=2, memory_cost=16384)))
    gate = reopen(station_dir, deps)
    admin, _code = gate.create(new_station)
    gate.services.settings.change(admin, {"lockout_threshold": 50})  # no lock while measuring
    if not station_open:
        gate.close()
    wrong, unknown = attempt_time(gate, "admin"), attempt_time(gate, "nobody")
    assert unknown > 0.6 * wrong
    gate.close()
