"""Two real stations and a real server: records travel, numbers stay unique, edits made offline
on both sides are both kept, altered ciphertexts are refused, a server that lost data is repaired."""

from __future__ import annotations

import sqlite3

from sqlalchemy import select

from app.models import LogbookEntry, OutboxChange
from app.models.sync import SyncRefused
from app.sync.settling import list_conflicts, resolve_conflict
from tests.conftest import journal_entries
from tests.logbook_helpers import entry_data
from tests.sync.conftest import sync_of


def entries(gate) -> dict[str, tuple[str, str, int]]:
    with gate.opened().station.read() as uow:
        return {e.id: (e.number, e.subject, e.version) for e in uow.session.scalars(select(LogbookEntry))}


def tenant_of(gate) -> str:
    from app.models.sync import SyncAccount
    with gate.opened().station.read() as uow:
        account = uow.session.get(SyncAccount, 1)
        assert account is not None
        return account.tenant_id


def sync_all(*gates) -> None:
    for gate in (*gates, *gates):
        sync_of(gate).sync(gate.admin)


def test_records_travel_both_ways_and_numbers_never_meet(pair, clock):
    a, b = pair
    for _ in range(3):
        a.opened().logbook.create(a.admin, entry_data(clock.now(), subject="Tapage nocturne"))
        b.opened().logbook.create(b.admin, entry_data(clock.now(), subject="Stationnement gênant"))
    sync_all(a, b)
    assert entries(a) == entries(b) and len(entries(a)) == 6
    numbers = [number for number, _, _ in entries(a).values()]
    assert len(set(numbers)) == 6
    assert {n.split("/")[1][0] for n in numbers} == {"0", "1"}  # station 1's block and station 2's
    # Each station keeps its own journal, and shows the accesses made on the other one.
    assert sync_of(b).status().waiting == 0 and sync_of(a).status().conflicts == 0
    from app.models.sync import RemoteJournalEntry
    with a.opened().station.read() as uow:
        remote = uow.session.scalars(select(RemoteJournalEntry.login)).all()
    assert "chef" in remote
    # A record created on B after the sync takes the next number of B's block, never one A gave.
    created = b.opened().logbook.create(b.admin, entry_data(clock.now())).entry
    assert created.number not in numbers


def test_one_record_edited_offline_on_both_stations_keeps_both_until_a_person_settles(pair, clock):
    a, b = pair
    entry = a.opened().logbook.create(a.admin, entry_data(clock.now(), subject="Rixe")).entry
    sync_all(a, b)
    a.opened().logbook.update(a.admin, entry.id, entry_data(clock.now(), subject="Rixe sur la place"),
                              expected_version=entry.version)
    b.opened().logbook.update(b.admin, entry.id, entry_data(clock.now(), subject="Rixe devant le bar"),
                              expected_version=entry.version)
    sync_all(a, b)
    assert entries(a) == entries(b)  # the same version in both tables
    conflicts_a, conflicts_b = list_conflicts(a.opened().kernel), list_conflicts(b.opened().kernel)
    assert len(conflicts_a) == len(conflicts_b) == 1
    subjects = {conflicts_a[0].kept["subject"], conflicts_a[0].other["subject"]}
    assert subjects == {"Rixe sur la place", "Rixe devant le bar"}  # no edit lost
    assert "subject" in conflicts_a[0].differing
    resolve_conflict(a.opened().kernel, a.admin, conflicts_a[0], {"subject": "Rixe sur la place, devant le bar"})
    sync_all(a, b)
    assert list_conflicts(a.opened().kernel) == list_conflicts(b.opened().kernel) == []
    assert entries(a) == entries(b)
    assert entries(b)[entry.id][1] == "Rixe sur la place, devant le bar"


def test_a_retry_after_a_lost_answer_stores_nothing_twice(pair, clock, sync_server):
    a, b = pair
    a.opened().logbook.create(a.admin, entry_data(clock.now()))
    sync_of(a).sync(a.admin)
    # The server committed, the answer was lost: the station pushes the same changes again.
    with a.opened().station.uow() as uow:
        uow.session.execute(OutboxChange.__table__.update().values(pushed_at=None))
        uow.commit()
    report = sync_of(a).sync(a.admin)
    assert report.pushed > 0 and report.pulled.records == 0
    sync_all(b)
    assert entries(a) == entries(b) and len(entries(b)) == 1
    with sqlite3.connect(sync_server.database_url.removeprefix("sqlite:///")) as server:
        mutations = [row[0] for row in server.execute("SELECT mutation_id FROM envelopes WHERE tenant_id = ?",
                                                      (tenant_of(a),))]
    assert len(mutations) == len(set(mutations))


def test_an_altered_ciphertext_is_refused_reported_and_never_applied(pair, clock, sync_server):
    a, b = pair
    a.opened().logbook.create(a.admin, entry_data(clock.now(), subject="Vol à l'étalage"))
    sync_of(a).sync(a.admin)
    with sqlite3.connect(sync_server.database_url.removeprefix("sqlite:///")) as server:
        seq, blob = server.execute("SELECT seq, ciphertext FROM envelopes WHERE tenant_id = ? "
                                   "ORDER BY length(ciphertext) DESC", (tenant_of(a),)).fetchone()
        altered = bytes(blob[:40]) + bytes([blob[40] ^ 1]) + bytes(blob[41:])
        server.execute("UPDATE envelopes SET ciphertext = ? WHERE tenant_id = ? AND seq = ?",
                       (altered, tenant_of(a), seq))
    report = sync_of(b).sync(b.admin)
    assert set(report.pulled.refused) == {seq}
    assert sync_of(b).status().refused == 1
    with b.opened().station.read() as uow:
        assert uow.session.get(SyncRefused, seq) is not None
    assert any(e.operation == "sync" and f"envelope {seq} refused" in e.detail for e in journal_entries(b))


def test_a_server_restored_from_an_older_copy_gets_back_what_it_lost(own_pair, clock, own_server, tmp_path):
    a, b = own_pair
    sync_server = own_server
    a.opened().logbook.create(a.admin, entry_data(clock.now(), subject="Avant la sauvegarde"))
    sync_all(a, b)
    database = sync_server.database_url.removeprefix("sqlite:///")
    copy = tmp_path / "yesterday.db"
    with sqlite3.connect(database) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    a.opened().logbook.create(a.admin, entry_data(clock.now(), subject="Après la sauvegarde"))
    sync_all(a)
    with sqlite3.connect(copy) as source, sqlite3.connect(database) as target:
        source.backup(target)  # the server's disk is back to yesterday
    report = sync_of(a).sync(a.admin)
    assert report.repaired > 0
    sync_all(b)
    assert entries(a) == entries(b) and len(entries(b)) == 2


def test_an_officer_logs_in_on_the_other_station_and_a_new_password_or_a_disabled_account_follows(pair):
    from app.crypto.keyslots import SlotLocked
    from app.errors import BadCredentials
    import pytest
    from tests.conftest import AGENT_PASSWORD, add_agent

    a, b = pair
    add_agent(a)
    sync_all(a, b)
    b_accounts = b.opened().accounts
    officer = b_accounts.authenticate("lpetit", AGENT_PASSWORD)  # the verifier came with the account
    assert b.opened().station.keyfile.has_password_slot(officer.user_id)
    a.opened().accounts.change_password(a.opened().accounts.authenticate("lpetit", AGENT_PASSWORD),
                                        AGENT_PASSWORD, "nouveau-mot-de-passe-2026")
    sync_all(a, b)
    keyfile = b.opened().station.keyfile  # the new password opens it, the old one nothing (docs/keys.md)
    assert keyfile.open_password("lpetit", "nouveau-mot-de-passe-2026")[0] == officer.user_id
    with pytest.raises(SlotLocked):
        keyfile.open_password("lpetit", AGENT_PASSWORD)
    with pytest.raises(BadCredentials):
        b_accounts.authenticate("lpetit", AGENT_PASSWORD)
    b_accounts.authenticate("lpetit", "nouveau-mot-de-passe-2026")
    a.opened().accounts.disable_user(a.admin, "lpetit")
    sync_all(a, b)
    with pytest.raises(BadCredentials):
        b_accounts.authenticate("lpetit", "nouveau-mot-de-passe-2026")
    with a.opened().station.read() as uow:  # the verifier never waits in the outbox
        assert not any("argon2" in c.payload for c in uow.session.scalars(select(OutboxChange)))


def test_an_erasure_happens_on_every_station_and_a_stale_copy_never_brings_it_back(pair, clock):
    a, b = pair
    entry = a.opened().logbook.create(a.admin, entry_data(clock.now(), subject="Saisie en double")).entry
    sync_all(a, b)
    assert entry.id in entries(b)
    a.opened().logbook.erase(a.admin, entry.id, "Saisie en double")
    sync_all(a, b)
    assert entry.id not in entries(b) and entries(a) == entries(b)
    from app.models.outbox import Tombstone
    with b.opened().station.read() as uow:
        assert uow.session.get(Tombstone, ("logbook_entry", entry.id)) is not None


def test_a_station_whose_clock_is_a_day_off_says_so_and_still_syncs(pair, clock, second_clock):
    a, b = pair
    second_clock.advance(days=1)
    a.opened().logbook.create(a.admin, entry_data(clock.now(), subject="Chien errant"))
    sync_all(a, b)
    assert entries(a) == entries(b) and len(entries(b)) == 1
    # The test clocks stand on a day of their own: the station's is a day further from the server's.
    assert sync_of(b).status().clock_off
    assert sync_of(b).status().clock_skew - sync_of(a).status().clock_skew > 23 * 3600


def outbox_entries(gate) -> set[str]:
    """The main courante entries with a state in the outbox (pushed or not)."""
    with gate.opened().station.read() as uow:
        return set(uow.session.scalars(select(OutboxChange.record_id)
                                       .where(OutboxChange.record_kind == "logbook_entry")))


def requests_seen(server) -> list[str]:
    """The endpoints the server recorded, in order (its access log: every request but /health)."""
    from app.server import db
    from app.server.models import AccessLog

    engine = db.make_engine(server.database_url, pool_size=1)
    try:
        with engine.connect() as connection:
            return list(connection.scalars(select(AccessLog.endpoint).order_by(AccessLog.id)))
    finally:
        engine.dispose()


def test_a_quiet_sync_is_one_pull_the_outbox_keeps_what_no_copy_holds_and_a_restore_is_noticed(
        own_pair, clock, own_server, tmp_path):
    from datetime import date

    from app.server import backup, db

    a, b = own_pair
    a.opened().logbook.create(a.admin, entry_data(clock.now(), subject="Avant la sauvegarde"))
    sync_all(a, b)
    sync_all(a, b)  # each sync's own journal entry goes out with the next one
    (first,) = entries(a)
    assert outbox_entries(a) == {first}  # pushed, and kept: the server has no backup copy yet
    before = len(requests_seen(own_server))
    assert not sync_of(b).sync(b.admin).moved
    assert requests_seen(own_server)[before:] == ["GET /v1/pull"]  # no push of nothing, no digest
    engine = db.make_engine(own_server.database_url, pool_size=1)
    copy = backup.make_backup(engine, tmp_path / "copies", date(2026, 12, 1))
    a.opened().logbook.create(a.admin, entry_data(clock.now(), subject="Après la sauvegarde"))
    sync_all(a, b)
    (second,) = set(entries(a)) - {first}
    assert outbox_entries(a) == {second}  # the copy holds the first: it left the outbox (docs/sync.md)
    backup.restore(engine, copy)  # every sequence moved past those given since the copy
    engine.dispose()
    # b, with nothing of its own to send, notices by the server's latest seq alone; a sends its entry again.
    assert sync_of(b).sync(b.admin).repaired > 0
    assert sync_of(a).sync(a.admin).repaired > 0
    sync_all(b, a)
    assert entries(a) == entries(b) and len(entries(b)) == 2
    sync_all(a, b)
    before = len(requests_seen(own_server))
    assert not sync_of(a).sync(a.admin).moved
    assert requests_seen(own_server)[before:] == ["GET /v1/pull"]  # the skipped sequences settled
