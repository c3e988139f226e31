"""What one user action writes at its commit: the encrypted pages of its row, its journal entry and its
outbox row, and no index page the journal does not need (bench: store.insert_commit)."""

from __future__ import annotations

import struct
from pathlib import Path

from app.kernel.rights import Permission
from app.models import Operation, Role, User
from app.store.engine import run_outside_transaction

# The row's table and its two unique indexes (id, login); the journal's table and its indexes by time,
# login and record; the outbox's table and its index by record (ids made here have none: migration 0016).
PAGES_OF_AN_ACCOUNT = 3 + 4 + 2


def _last_commit_frames(wal: Path) -> int:
    """How many pages the newest transaction in *wal* wrote (its frames, up to its commit frame)."""
    data = wal.read_bytes()
    page_size = struct.unpack(">I", data[8:12])[0]
    salts = data[16:24]
    group = last = 0
    for offset in range(32, len(data) - 24 - page_size + 1, 24 + page_size):
        if data[offset + 8:offset + 16] != salts:
            break  # a frame of the WAL's previous round, overwritten from its start since
        group += 1
        if struct.unpack(">I", data[offset + 4:offset + 8])[0]:  # the commit frame: the database's size after it
            last, group = group, 0
    return last


def _add_account(kernel, admin, number: int) -> None:
    now = kernel.clock.now()
    with kernel.administer(admin, Permission.ADMINISTER_USERS) as work:
        user = User(login=f"agent{number:03d}", full_name=f"Agent {number:03d}", grade="Gardien-brigadier",
                    matricule=f"86-86999-{number:03d}", role=Role.AGENT, active=True, password_hash="x",
                    must_change_password=True, failed_attempts=0, created_at=now, updated_at=now, version=1)
        work.session.add(user)
        work.session.flush()
        work.journal(Operation.CREATE, user.id, kind="user")
        work.queue(user)
        work.commit()


def test_an_account_added_in_one_unit_of_work_writes_the_pages_of_its_three_rows_only(gate):
    kernel = gate.services.kernel
    wal = gate.services.station.paths.database.with_name("vigie.db-wal")
    counts = []
    for number in range(1, 16):
        _add_account(kernel, gate.admin, number)
        counts.append(_last_commit_frames(wal))
    # A commit that splits a page writes its new page and its parent too: the usual commit is the median.
    assert sorted(counts)[len(counts) // 2] == PAGES_OF_AN_ACCOUNT, counts


def test_the_operation_index_holds_erasures_and_purges_but_no_everyday_entry(gate):
    engine = gate.services.station.engine

    def plan(query: str, *params) -> str:
        raw = engine.raw_connection()
        try:
            return " ".join(str(row[-1]) for row in raw.execute(f"EXPLAIN QUERY PLAN {query}", params).fetchall())
        finally:
            raw.close()

    # Verification's purges, retention's erasures, and a supervisor's filter on a rarer operation.
    assert "ix_journal_operation" in plan("SELECT seq FROM journal WHERE operation = 'erase' ORDER BY seq")
    assert "ix_journal_operation" in plan("SELECT seq FROM journal WHERE operation = 'purge' AND seq > ? "
                                          "ORDER BY seq", 0)
    assert "ix_journal_operation" in plan("SELECT seq FROM journal WHERE operation = ? ORDER BY seq", "export")
    [[sql]] = run_outside_transaction(engine, "SELECT sql FROM sqlite_master WHERE name = 'ix_journal_operation'")[0]
    everyday = ("consult", "search", "create", "modify", "login", "logout")
    assert " WHERE " in sql and not any(f"'{name}'" in sql for name in everyday), sql


def test_the_times_and_payloads_an_action_writes_are_the_documented_text():
    from datetime import UTC, datetime, timedelta, timezone

    from app.audit.chain import format_time
    from app.kernel.outbox import stored_time
    from app.kernel.station_kinds import USER

    zones = (UTC, timezone.utc, timezone(timedelta(hours=2)), timezone(timedelta(hours=-9, minutes=-30)))
    moments = (datetime(2026, 11, 22, 7, 52, 7, 830000), datetime(2026, 3, 29, 1, 0), datetime(999, 12, 31, 23, 59),
               datetime(2024, 2, 29, 23, 59, 59, 999999))
    for moment in moments:
        for zone in zones:
            at = moment.replace(tzinfo=zone)
            assert format_time(at) == at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
            naive = at.astimezone(UTC).replace(tzinfo=None)
            assert stored_time(at) == naive.isoformat(sep=" ", timespec="microseconds")
    now = datetime(2026, 11, 22, 7, 52, 7, tzinfo=timezone(timedelta(hours=1)))
    user = User(id="0193a1b2-7c3d-7e4f-8a5b-6c7d8e9f0a1b", login="lpetit", full_name="Léa Petit", grade="Brigadier",
                matricule="86-86999-002", role=Role.AGENT, active=False, password_hash="secret", version=3,
                must_change_password=False, failed_attempts=0, created_at=now, updated_at=now)
    assert USER.record_id(user) == user.id
    assert USER.payload(user) == {
        "id": user.id, "version": 3, "login": "lpetit", "full_name": "Léa Petit", "grade": "Brigadier",
        "matricule": "86-86999-002", "role": "agent", "active": False,
        "created_at": "2026-11-22T06:52:07+00:00", "updated_at": "2026-11-22T06:52:07+00:00"}
