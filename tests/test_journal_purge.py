"""Purging the journal: expired entries go in batches, a checkpoint keeps the rest verifiable."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.audit import verify
from app.audit.purge import purge_expired
from app.errors import AccessDenied
from app.models.journal import JournalCheckpoint
from tests.conftest import AGENT_PASSWORD, add_agent, journal_entries
from tests.test_journal_support import service, sql, write_entries


def checkpoints(gate) -> list[JournalCheckpoint]:
    with gate.services.station.uow() as uow:
        rows = list(uow.session.scalars(select(JournalCheckpoint).order_by(JournalCheckpoint.seq)))
        uow.session.expunge_all()
        return rows


def check(gate) -> verify.Report:
    return verify.verify_station(gate.services.station.engine, gate.services.station.id)


def old_then_recent(gate, clock, old: int = 30, recent: int = 10) -> tuple[list[int], list[int]]:
    """*old* entries over the first days, then *recent* ones 80 days later."""
    first = write_entries(gate, clock, old, step=timedelta(hours=2))
    clock.advance(days=80)
    second = write_entries(gate, clock, recent, step=timedelta(hours=1))
    return first, second


def test_a_purge_removes_the_expired_entries_and_the_rest_still_verifies(gate, clock):
    old, recent = old_then_recent(gate, clock)
    expired = old[-1]  # the station's own first entries are older still
    result = service(gate).purge_expired()
    assert result.purged == expired
    assert (result.checkpoint_seq, result.retention_days) == (expired, 60)
    remaining = journal_entries(gate)
    assert remaining[0].seq == recent[0]
    [checkpoint] = checkpoints(gate)
    assert (checkpoint.seq, checkpoint.purged_count) == (expired, expired)
    assert remaining[0].prev_hash == checkpoint.hash == result.checkpoint_hash
    assert checkpoint.entry_at < checkpoint.cutoff == clock.now() - timedelta(days=60)
    report = check(gate)
    assert report.ok, report.findings
    assert (report.checkpoint_seq, report.first_seq) == (expired, recent[0])


def test_the_purge_is_journaled_with_its_count_and_no_actor_at_station_start(gate, clock):
    old_then_recent(gate, clock)
    result = service(gate).purge_expired()
    entry = journal_entries(gate)[-1]
    assert (entry.operation, entry.compartment, entry.user_id, entry.login) == ("purge", "journal", None, "")
    assert entry.detail.startswith(f"{result.purged} journal entries older than 60 days purged;")
    assert f"entry {result.checkpoint_seq}" in entry.detail


def test_a_purge_in_small_batches_leaves_one_checkpoint_per_batch(gate, clock):
    old, _recent = old_then_recent(gate, clock, old=20)
    seen = []
    result = purge_expired(gate.services.station, 60, batch=7, progress=lambda done, total: seen.append(done))
    assert result.purged == old[-1]
    assert seen[-1] == old[-1] and seen == sorted(seen) and len(seen) == len(checkpoints(gate))
    assert [c.purged_count for c in checkpoints(gate)] == [7] * (old[-1] // 7) + ([old[-1] % 7] if old[-1] % 7 else [])
    # Each batch names its checkpoint in a purge entry of its own transaction; the last gives the total.
    purges = [e for e in journal_entries(gate) if e.operation == "purge"]
    assert len(purges) == len(checkpoints(gate))
    assert purges[-1].detail.startswith(f"{old[-1]} journal entries older than")
    assert check(gate).ok


def test_a_purge_cut_short_leaves_a_journal_that_verifies(gate, clock):
    old_then_recent(gate, clock, old=20)

    def stop_after_first_batch(done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        purge_expired(gate.services.station, 60, batch=5, progress=stop_after_first_batch)
    assert [c.purged_count for c in checkpoints(gate)] == [5]
    assert check(gate).ok
    assert service(gate).purge_expired().purged > 0  # the next purge takes the rest
    assert check(gate).ok


def test_the_retention_setting_decides_what_is_expired(gate, clock):
    old_then_recent(gate, clock)
    gate.services.settings.change(gate.admin, {"journal_retention_days": 120})
    assert service(gate).purge_expired().purged == 0
    assert checkpoints(gate) == []
    assert "purge" not in [e.operation for e in journal_entries(gate)]


def test_when_every_entry_expired_the_chain_goes_on_from_the_checkpoint(gate, clock):
    write_entries(gate, clock, 12)
    clock.advance(days=61)
    before = journal_entries(gate)[-1]
    result = service(gate).purge_expired()
    assert result.purged == before.seq
    [purge] = journal_entries(gate)
    assert purge.seq == before.seq + 1 and purge.prev_hash == before.hash
    write_entries(gate, clock, 2)
    report = check(gate)
    assert report.ok and report.first_seq == before.seq + 1


def test_an_entry_written_with_a_wrong_old_time_does_not_take_recent_ones_with_it(gate, clock):
    write_entries(gate, clock, 5)
    clock.advance(days=70)
    recent = write_entries(gate, clock, 3)
    clock.advance(days=-100)  # the station clock is set wrong, far in the past
    write_entries(gate, clock, 2)
    clock.advance(days=100)
    result = service(gate).purge_expired()
    assert result.purged == recent[0] - 1
    assert journal_entries(gate)[0].seq == recent[0]
    assert check(gate).ok


def test_a_purge_twice_in_a_row_removes_nothing_the_second_time(gate, clock):
    old_then_recent(gate, clock)
    service(gate).purge_expired()
    count = len(journal_entries(gate))
    assert service(gate).purge_expired().purged == 0
    assert len(journal_entries(gate)) == count


def test_a_removed_or_altered_checkpoint_is_seen(gate, clock):
    old_then_recent(gate, clock)
    result = service(gate).purge_expired()
    sql(gate, "UPDATE journal_checkpoint SET hash = :hash", hash="0" * 64)
    report = check(gate)
    assert (report.first.seq, report.first.message) == (result.checkpoint_seq + 1, verify.AFTER_CHECKPOINT)
    sql(gate, "DELETE FROM journal_checkpoint")
    report = check(gate)
    assert (report.first.seq, report.first.message) == (1, verify.GAP_AT_START)


def test_asking_for_a_purge_takes_the_journal_administration_right(gate, clock):
    old_then_recent(gate, clock)
    add_agent(gate)
    agent = gate.login("lpetit", AGENT_PASSWORD)
    with pytest.raises(AccessDenied):
        service(gate).purge_expired(agent)
    assert checkpoints(gate) == []
    result = service(gate).purge_expired(gate.admin)
    assert result.purged > 0
    assert journal_entries(gate)[-1].login == "admin"
