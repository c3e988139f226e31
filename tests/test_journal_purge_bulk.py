"""The journal's index by record, which a backlog's purge once dropped while it ran, is built again if missing."""

from __future__ import annotations

from sqlalchemy import text

from app.audit.purge import RECORD_INDEX, purge_expired
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


def test_an_index_by_record_left_dropped_by_a_purge_cut_short_is_built_again_by_the_next_purge(gate, clock):
    # A backlog's purge once dropped it while it ran (a backlog now swaps the table in one transaction:
    # tests/test_journal_purge_swap.py); a station that purge was cut short on is mended at its next purge.
    old_then_recent(gate, clock, old=60, recent=3)
    station = gate.services.station
    drop_index(gate)
    assert RECORD_INDEX not in plan(gate)
    purge_expired(station, 60, batch=10)
    assert index_sql(gate) == INDEX_SQL and RECORD_INDEX in plan(gate)
    drop_index(gate)
    assert purge_expired(station, 60).purged == 0  # even with nothing to purge
    assert index_sql(gate) == INDEX_SQL
