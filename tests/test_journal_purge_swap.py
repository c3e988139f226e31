"""A backlog's purge swaps the journal table in one transaction: same schema, same checkpoint, same seal."""

from __future__ import annotations

import shutil
from datetime import timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from app.audit import sealstate, sealverify, verify
from app.audit.chain import entry_hash
from app.audit.purge import purge_expired
from app.audit.purge_swap import swap_purge
from app.audit.sealverify import verify_sealed
from app.crypto import verification_code
from tests.conftest import journal_entries
from tests.test_journal_purge import checkpoints, old_then_recent
from tests.test_journal_support import write_entries

OLD, RECENT = 1_500, 40  # enough for a table of many pages, few enough for a quick test


def schema(gate) -> list[tuple]:
    """Every object of the station's schema, as sqlite_master defines it (its page numbers aside)."""
    with gate.services.station.read() as uow:
        return [tuple(row) for row in uow.session.execute(text(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"))]


def rows(gate, table: str) -> list[tuple]:
    with gate.services.station.read() as uow:
        return [tuple(row) for row in uow.session.execute(text(f"SELECT * FROM {table} ORDER BY seq"))]


def sealed_report(gate, code: bytes):
    station = gate.services.station
    return verify_sealed(station.engine, station.id, sealstate.state_path(station.paths.database), code)


def refused(gate, statement: str) -> str:
    with pytest.raises(IntegrityError) as caught, gate.services.station.engine.begin() as conn:
        conn.exec_driver_sql(statement)
    return str(caught.value)


def test_a_backlog_is_purged_by_a_swap_that_leaves_the_schema_the_checkpoint_and_the_seal_as_a_batch_purge(
        gate, clock):
    code = verification_code.decode(gate.services.station.journal.take_verification_code())
    old, recent = old_then_recent(gate, clock, old=OLD, recent=RECENT)
    station = gate.services.station
    no_foreign_key_points_at_the_journal(gate)
    with station.engine.begin() as conn:  # a view on the journal names the new table once it is swapped in
        conn.exec_driver_sql("CREATE VIEW journal_operations AS SELECT operation, count(*) AS n FROM journal "
                             "GROUP BY operation")
    before, kept = schema(gate), [row for row in rows(gate, "journal") if row[0] >= recent[0]]
    purged_last = next(e for e in journal_entries(gate) if e.seq == old[-1])
    seen = []
    # Batches of 7 would leave hundreds of checkpoints: the swap leaves one.
    result = purge_expired(station, 60, batch=7, swap_from=100, progress=lambda done, total: seen.append(done))
    assert (result.purged, result.checkpoint_seq, result.checkpoint_hash) == (old[-1], old[-1], purged_last.hash)
    assert seen == [old[-1]]
    [checkpoint] = checkpoints(gate)
    assert (checkpoint.seq, checkpoint.purged_count, checkpoint.tag) == (old[-1], old[-1], purged_last.tag)
    assert schema(gate) == before  # the table, its indexes and triggers, and every other object, word for word
    with station.read() as uow:
        counted = dict(uow.session.execute(text("SELECT operation, n FROM journal_operations")).all())
    assert counted == {"consult": RECENT, "purge": 1}
    after = rows(gate, "journal")
    assert after[:-1] == kept  # the entries kept, untouched and in order, then the purge entry
    purge = journal_entries(gate)[-1]
    assert (purge.operation, purge.compartment) == ("purge", "journal")
    assert purge.detail == (f"{old[-1]} journal entries older than 60 days purged; "
                            f"the journal now begins after entry {old[-1]} (hash {purged_last.hash})")
    assert verify.verify_station(station.engine, station.id).ok
    report = sealed_report(gate, code)
    assert report.ok and report.sealed, report.findings

    # The triggers are back: the journal is append-only, and nothing but a purge takes an entry away.
    assert "append-only" in refused(gate, f"UPDATE journal SET detail = 'x' WHERE seq = {recent[0]}")
    assert "only through a purge" in refused(gate, f"DELETE FROM journal WHERE seq = {recent[-1]}")
    assert rows(gate, "journal") == after

    # The next day's purge goes in batches on the new table, behind the checkpoint trigger that names it.
    clock.advance(days=61)
    write_entries(gate, clock, 3)
    again = purge_expired(station, 60, batch=7, swap_from=100)
    assert again.purged > 0 and len(checkpoints(gate)) > 2
    report = sealed_report(gate, code)
    assert report.ok and report.sealed, report.findings


def no_foreign_key_points_at_the_journal(gate) -> None:
    with gate.services.station.read() as uow:
        tables = [name for (name,) in uow.session.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'"))]
        pointing = [table for table in tables
                    for fk in uow.session.execute(text(f"SELECT * FROM pragma_foreign_key_list('{table}')"))
                    if fk[2] == "journal"]
    assert pointing == []  # none today; the rename would leave a reference by name as it is anyway


def test_only_a_backlog_of_more_than_half_the_journal_and_at_least_the_threshold_is_swapped(gate, clock):
    code = verification_code.decode(gate.services.station.journal.take_verification_code())
    station = gate.services.station

    def purged(expired: int, kept: int) -> tuple[int, int]:
        """(entries purged, checkpoints left) by a purge of *expired* entries old enough, *kept* not."""
        write_entries(gate, clock, expired, step=timedelta(hours=1))
        clock.advance(days=80)
        write_entries(gate, clock, kept)
        made = len(checkpoints(gate))
        result = purge_expired(station, 60, batch=2, swap_from=10)
        return result.purged, len(checkpoints(gate)) - made

    assert purged(12, 22)[1] > 1  # more than it keeps: batches
    purged_now, made = purged(0, 5)  # the 22 and the purge's own entries, against 5: swapped
    assert purged_now > 10 and made == 1
    assert purged(0, 0)[1] > 1  # 6 entries, under the threshold: batches, though none is kept
    assert verify.verify_station(station.engine, station.id).ok
    report = sealed_report(gate, code)
    assert report.ok and report.sealed, report.findings


def test_a_journal_swapped_away_whole_goes_on_from_its_checkpoint(gate, clock):
    code = verification_code.decode(gate.services.station.journal.take_verification_code())
    old = write_entries(gate, clock, 200, step=timedelta(hours=2))
    clock.advance(days=80)
    result = purge_expired(gate.services.station, 60, swap_from=100)
    assert result.purged == old[-1]
    [purge] = journal_entries(gate)  # nothing was kept: the purge entry follows the checkpoint
    assert (purge.seq, purge.prev_hash) == (old[-1] + 1, result.checkpoint_hash)
    # Another Vigie process on the station purged them first: a swap finds nothing left, and writes nothing.
    now = clock.now()
    late = swap_purge(gate.services.station, old[-1], now, now - timedelta(days=60), 60, None)
    assert (late.purged, late.checkpoint_seq) == (0, None) and [e.seq for e in journal_entries(gate)] == [purge.seq]
    assert len(checkpoints(gate)) == 1
    report = sealed_report(gate, code)
    assert report.ok and report.sealed, report.findings


def test_after_a_swap_the_seal_catches_the_same_attacks_as_after_a_batch_purge(gate, clock, station_dir, deps,
                                                                               tmp_path):
    from tests.conftest import ADMIN_PASSWORD, reopen
    from tests.test_journal_seal import _plant_checkpoint, check, first
    from tests.test_journal_support import last_seq, row_fields, sql

    code = gate.services.station.journal.take_verification_code()
    old_then_recent(gate, clock, old=200, recent=12)
    swapped = purge_expired(gate.services.station, 60, swap_from=100)
    assert swapped.swap_seconds is not None
    gate.close()

    def attacked(name: str, attack) -> tuple[int | None, str]:
        copy = tmp_path / name
        shutil.copytree(station_dir, copy)
        again = reopen(copy, deps)
        again.purge_at_opening = False
        again.login("admin", ADMIN_PASSWORD)
        try:
            assert check(again, code).ok  # the swapped journal holds, sealed, before the attack
            attack(again)
            return first(check(again, code))
        finally:
            again.close()

    def cut_tail(station) -> None:
        sql(station, "DELETE FROM journal WHERE seq > :keep", keep=last_seq(station) - 1)  # the login

    def rewrite(station) -> None:  # the first entry kept rewritten, every hash after it recomputed
        seqs = [row[0] for row in sql(station, "SELECT seq FROM journal ORDER BY seq")]
        previous = swapped.checkpoint_hash
        for seq in seqs:
            fields = row_fields(station, seq)
            fields["prev_hash"] = previous
            if seq == seqs[0]:
                fields["login"] = "quelquun"
            previous = entry_hash(fields)
            sql(station, "UPDATE journal SET login = :login, prev_hash = :prev, hash = :hash WHERE seq = :seq",
                login=fields["login"], prev=fields["prev_hash"], hash=previous, seq=seq)

    def plant(station) -> None:
        _plant_checkpoint(station, swapped.checkpoint_seq + 5)

    assert attacked("tail", cut_tail)[1] == sealverify.TAIL_CUT
    assert attacked("rewrite", rewrite) == (swapped.checkpoint_seq + 1, sealverify.BAD_SEAL)
    assert attacked("planted", plant) == (swapped.checkpoint_seq + 5, sealverify.NOT_PURGED)


def test_the_purge_behind_the_window_never_swaps_a_command_opening_the_station_may(gate, clock):
    """The application purges while officers save: its purge keeps to short batches, so that no save waits
    behind a transaction of tens of seconds; a command opening the station, before its own work, may swap."""
    old_then_recent(gate, clock, old=300, recent=10)
    journal = gate.services.journal
    journal.swap_from = 100
    in_use = journal.purge_expired()
    assert in_use.purged >= 300 and in_use.swap_seconds is None
    old_then_recent(gate, clock, old=300, recent=10)
    alone = journal.purge_expired(station_in_use=False)
    assert alone.purged >= 300 and alone.swap_seconds is not None
