"""The access journal of logins, its hash chain, record ids, and the sync outbox."""

from __future__ import annotations

import json
import time
import uuid

import pytest

from app.audit.chain import CHAINED_FIELDS, GENESIS_HASH, entry_hash
from app.errors import BadCredentials
from app.ids import new_id, uuid7
from app.models import Operation
from tests.conftest import ADMIN_PASSWORD, AGENT_PASSWORD, add_agent, journal_entries, outbox_changes, reopen


def new_entries(gate, since: int):
    return journal_entries(gate)[since:]


def summary(entry) -> tuple:
    return entry.operation, entry.login, entry.detail


def test_every_login_attempt_with_the_station_open_is_journaled(gate, clock):
    agent = add_agent(gate)
    add_agent(gate, "kdiallo", full_name="Karim Diallo")
    gate.services.accounts.disable_user(gate.admin, "kdiallo")
    since = len(journal_entries(gate))

    gate.login("lpetit", AGENT_PASSWORD)
    for _ in range(5):
        clock.advance(seconds=30)
        with pytest.raises(BadCredentials):
            gate.login("lpetit", "wrong-password-typed")
    with pytest.raises(BadCredentials):
        gate.login("lpetit", AGENT_PASSWORD)
    with pytest.raises(BadCredentials):
        gate.login("kdiallo", AGENT_PASSWORD)
    with pytest.raises(BadCredentials):
        gate.login("nobody", AGENT_PASSWORD)
    with pytest.raises(BadCredentials):
        gate.login("Mon mot de passe secret!", "")  # a password typed in the login field

    entries = new_entries(gate, since)
    assert [summary(e) for e in entries] == [
        ("login", "lpetit", ""),
        ("login_failed", "lpetit", "wrong password"),
        ("login_failed", "lpetit", "wrong password"),
        ("login_failed", "lpetit", "wrong password"),
        ("login_failed", "lpetit", "wrong password"),
        ("login_failed", "lpetit", "wrong password, account locked"),
        ("login_locked", "lpetit", ""),
        ("login_failed", "kdiallo", "disabled account"),
        ("login_failed", "nobody", "unknown login"),
        ("login_failed", "(invalid)", "unknown login"),
    ]
    assert entries[0].user_id == agent.id and entries[0].matricule == "86-86999-003"
    assert {e.record_id for e in entries[1:7]} == {agent.id}
    assert all(e.station_id == gate.services.station.id for e in entries)
    assert entries[-1].at == clock.now()
    assert "secret" not in json.dumps([[e.login, e.detail] for e in entries])


def test_attempts_while_the_station_is_closed_reach_the_journal_at_the_next_opening(gate, station_dir, deps, clock):
    gate.close()
    closed = reopen(station_dir, deps)
    attempts = []
    for login in ["admin", "nobody"]:
        clock.advance(minutes=3)
        attempts.append(clock.now())
        with pytest.raises(BadCredentials):
            closed.login(login, "wrong-password-typed")
    pending = station_dir / "pending-events.log"
    written = pending.read_bytes()
    clock.advance(minutes=3)
    closed.login("admin", ADMIN_PASSWORD)

    # The opening also runs the retention purge, which journals its own entry.
    entries = [e for e in journal_entries(closed) if e.operation != "purge"][-3:]
    assert [summary(e) for e in entries] == [
        ("login_failed", "admin", "before unlock"),
        ("login_failed", "nobody", "before unlock"),
        ("login", "admin", ""),
    ]
    assert [e.at for e in entries[:2]] == attempts
    assert not pending.exists()
    closed.close()
    pending.write_bytes(written)  # as a crash between the import's commit and the file's removal leaves it
    again = reopen(station_dir, deps)
    again.login("admin", ADMIN_PASSWORD)
    assert [e.operation for e in journal_entries(again)].count(Operation.LOGIN_FAILED) == 2  # imported once
    assert not pending.exists()
    again.close()


def test_a_damaged_line_of_pending_events_costs_only_that_event(gate, station_dir, deps, caplog):
    gate.close()
    closed = reopen(station_dir, deps)
    with pytest.raises(BadCredentials):
        closed.login("admin", "wrong-password-typed")
    pending = station_dir / "pending-events.log"
    pending.write_bytes(b'{"id": "x", "sealed": "AAAA"}\n\xff\xfe garbage\n[1, 2]\n' + pending.read_bytes())
    closed.login("admin", ADMIN_PASSWORD)
    failed = [e for e in journal_entries(closed) if e.operation == Operation.LOGIN_FAILED]
    assert [e.login for e in failed] == ["admin"]
    assert sum("pending login event" in r.getMessage() for r in caplog.records) == 3
    closed.close()


def test_the_journal_is_a_hash_chain_from_the_first_entry(gate, station_dir, deps):
    add_agent(gate)
    gate.services.accounts.reset_password(gate.admin, "lpetit", "temporary-pass-3")
    with pytest.raises(BadCredentials):
        gate.login("lpetit", "wrong-password-typed")
    gate.services.settings.change(gate.admin, {"idle_lock_minutes": 5})
    gate.close()
    closed = reopen(station_dir, deps)
    with pytest.raises(BadCredentials):
        closed.login("lpetit", "wrong-password-typed")
    closed.login("admin", ADMIN_PASSWORD)

    entries = journal_entries(closed)
    assert len(entries) >= 8
    assert [e.seq for e in entries] == list(range(1, len(entries) + 1))
    assert entries[0].prev_hash == GENESIS_HASH
    for previous, entry in zip(entries, entries[1:], strict=False):
        assert entry.prev_hash == previous.hash
    for entry in entries:
        assert entry.hash == entry_hash({name: getattr(entry, name) for name in CHAINED_FIELDS})
    closed.close()


def test_an_altered_entry_no_longer_matches_its_hash(gate):
    entry = journal_entries(gate)[-1]
    fields = {name: getattr(entry, name) for name in CHAINED_FIELDS}
    assert entry_hash(fields) == entry.hash
    assert entry_hash({**fields, "login": "someone-else"}) != entry.hash
    assert entry_hash({**fields, "at": fields["at"].replace(microsecond=1)}) != entry.hash


def test_record_ids_are_uuidv7_in_creation_order(gate):
    first = add_agent(gate)
    second = add_agent(gate, "kdiallo", full_name="Karim Diallo")
    ids = [gate.admin.user_id, first.id, second.id]
    ids += [e.id for e in journal_entries(gate)]
    ids += [c.mutation_id for c in outbox_changes(gate)]
    for value in ids:
        parsed = uuid.UUID(value)
        assert parsed.version == 7 and parsed.variant == uuid.RFC_4122
        assert str(parsed) == value
    assert gate.admin.user_id < first.id < second.id
    journal_ids = [e.id for e in journal_entries(gate)]
    assert journal_ids == sorted(journal_ids)


def test_uuidv7_ids_increase_within_one_millisecond_and_carry_the_time():
    before = time.time_ns() // 1_000_000
    ids = [uuid7() for _ in range(5000)]
    after = time.time_ns() // 1_000_000
    assert ids == sorted(ids, key=lambda u: u.int) and len(set(ids)) == len(ids)
    assert before <= ids[0].int >> 80 <= ids[-1].int >> 80 <= after + 1
    assert len(new_id()) == 36


def outbox_of(gate, user_id):
    return [c for c in outbox_changes(gate) if c.record_id == user_id]


def test_every_change_to_an_account_is_queued_for_sync(gate, station_dir, deps):
    accounts = gate.services.accounts
    agent = add_agent(gate)
    accounts.disable_user(gate.admin, "lpetit")
    accounts.enable_user(gate.admin, "lpetit")
    accounts.reset_password(gate.admin, "lpetit", "temporary-pass-4")
    actor = gate.login("lpetit", "temporary-pass-4")
    accounts.change_password(actor, "temporary-pass-4", "her-own-password-5")

    changes = outbox_of(gate, agent.id)
    assert [c.base_version for c in changes] == [0, 1, 2, 3, 4]
    states = [json.loads(c.payload) for c in changes]
    assert [s["version"] for s in states] == [1, 2, 3, 4, 5]
    assert [s["active"] for s in states] == [True, False, True, True, True]
    # The password and what guards it never ride in the account's payload.
    assert all(not {"password_hash", "must_change_password", "failed_attempts", "locked_until"} & set(s)
               for s in states)
    assert {c.record_kind for c in changes} == {"user"}
    assert all(s["full_name"] == "Laura Petit" for s in states)
    assert all(c.pushed_at is None for c in changes)

    code, admin_id = gate.recovery_code, gate.admin.user_id
    gate.close()
    rescued = reopen(station_dir, deps)
    rescued.recover(code, "admin", "new-admin-password-2026")
    admin_changes = outbox_of(rescued, admin_id)
    assert [c.base_version for c in admin_changes] == [0, 1]  # created with the station, then its new password
    rescued.close()


def test_a_change_and_its_outbox_row_and_journal_entry_commit_together(gate):
    agent = add_agent(gate)
    created = [e for e in journal_entries(gate) if e.record_id == agent.id]
    change = outbox_of(gate, agent.id)
    assert [e.operation for e in created] == [Operation.CREATE]
    assert created[0].user_id == gate.admin.user_id
    assert len(change) == 1 and change[0].at == created[0].at
