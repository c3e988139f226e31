"""A purge of a long backlog goes without the journal's index by record, and leaves it built again."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from app.audit import sealstate, verify
from app.audit.purge import RECORD_INDEX, purge_expired
from app.audit.sealverify import verify_sealed
from app.crypto import verification_code
from tests.conftest import journal_entries
from tests.test_journal_purge import old_then_recent

INDEX_SQL = f"CREATE INDEX {RECORD_INDEX} ON journal (record_id)"  # as migration 0001 made it


def index_sql(gate) -> str | None:
    with gate.services.station.read() as uow:
        return uow.session.execute(text("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = :name"),
                                   {"name": RECORD_INDEX}).scalar()


def drop_index(gate) -> None:
    """What a purge killed mid-way leaves (the integrity triggers stay)."""
    with gate.services.station.engine.begin() as conn:
        conn.exec_driver_sql(f"DROP INDEX {RECORD_INDEX}")


def plan(gate) -> str:
    with gate.services.station.read() as uow:
        rows = uow.session.execute(text("EXPLAIN QUERY PLAN SELECT seq FROM journal WHERE record_id = 'x'")).all()
    return " ".join(str(row[-1]) for row in rows)


def test_a_backlog_is_purged_without_the_index_by_record_which_is_built_again_and_all_verifies(gate, clock):
    code = verification_code.decode(gate.services.station.journal.take_verification_code())
    old, recent = old_then_recent(gate, clock, old=60, recent=3)
    station = gate.services.station
    seen: list[str | None] = []
    result = purge_expired(station, 60, batch=10, bulk_from=20, progress=lambda _d, _t: seen.append(index_sql(gate)))
    assert result.purged == old[-1] and len(seen) > 1
    assert seen == [None] * len(seen)  # gone while the batches ran
    assert index_sql(gate) == INDEX_SQL and RECORD_INDEX in plan(gate)
    assert journal_entries(gate)[0].seq == recent[0]
    report = verify.verify_station(station.engine, station.id)
    assert report.ok, report.findings
    sealed = verify_sealed(station.engine, station.id, sealstate.state_path(station.paths.database), code)
    assert sealed.ok and sealed.sealed, sealed.findings


def test_a_purge_that_fails_or_was_cut_short_leaves_the_index_built_again(gate, clock):
    old_then_recent(gate, clock, old=60, recent=3)
    station = gate.services.station

    def fail(_done: int, _total: int) -> None:
        raise OSError("the purge's task ended")

    with pytest.raises(OSError):
        purge_expired(station, 60, batch=10, bulk_from=20, progress=fail)
    assert index_sql(gate) == INDEX_SQL  # built again on the way out
    # Killed mid-purge (nothing ran on the way out): the next purge builds it first, even with nothing to purge.
    drop_index(gate)
    purge_expired(station, 60, batch=10, bulk_from=20)
    assert index_sql(gate) == INDEX_SQL
    drop_index(gate)
    assert purge_expired(station, 60).purged == 0
    assert index_sql(gate) == INDEX_SQL


def test_a_purge_that_leaves_many_entries_keeps_the_index(gate, clock):
    old_then_recent(gate, clock, old=30, recent=20)
    station = gate.services.station
    seen: list[str | None] = []
    # 30-odd expired entries, 20 kept: fewer than BULK_SHARE times the entries kept, however low the threshold.
    purge_expired(station, 60, batch=10, bulk_from=1, progress=lambda _d, _t: seen.append(index_sql(gate)))
    assert seen and set(seen) == {INDEX_SQL}
