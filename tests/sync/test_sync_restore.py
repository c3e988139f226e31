"""A server restored from its backup: the stations send again what it lost, and a station's own records
pulled again after the repair are neither received from another station nor in conflict with themselves."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from app.models.sync import SyncConflict
from app.server import backup, db
from tests.logbook_helpers import entry_data
from tests.sync.conftest import sync_of
from tests.sync.test_sync import entries, sync_all


def conflicts_held(gate) -> int:
    with gate.opened().station.read() as uow:
        return int(uow.session.scalar(select(func.count()).select_from(SyncConflict)) or 0)


def test_records_written_after_a_restore_are_sent_once_and_conflict_with_nothing(own_pair, clock, own_server,
                                                                                   tmp_path):
    a, b = own_pair
    a.opened().logbook.create(a.admin, entry_data(clock.now(), subject="Avant la sauvegarde"))
    sync_all(a, b)
    engine = db.make_engine(own_server.database_url, pool_size=1)
    copy = backup.make_backup(engine, tmp_path / "copies", date(2026, 12, 1))
    for subject in ("Après la sauvegarde", "Encore après"):
        a.opened().logbook.create(a.admin, entry_data(clock.now(), subject=subject))
    sync_all(a, b)
    backup.restore(engine, copy)  # the two entries after the copy are lost
    engine.dispose()
    for subject in ("Après la restauration", "Encore après la restauration"):
        a.opened().logbook.create(a.admin, entry_data(clock.now(), subject=subject))
    report = sync_of(a).sync(a.admin)  # pushes the two new ones, finds the loss, sends the lost ones again
    assert report.repaired > 0
    assert report.pulled.records == 0 and report.pulled.conflicts == 0  # its own records, nobody else's
    assert conflicts_held(a) == 0 and sync_of(a).status().conflicts == 0
    sync_all(b, a)
    assert conflicts_held(b) == 0 and conflicts_held(a) == 0
    assert entries(a) == entries(b) and len(entries(b)) == 5


def test_a_ciphertext_the_servers_disk_altered_is_refused_once_and_starts_no_repair(pair, clock, sync_server):
    import sqlite3

    from app.models.sync import SyncRefused
    from app.sync.pull_page import ALTERED_ON_SERVER
    from tests.sync.test_sync import tenant_of

    a, b = pair
    a.opened().logbook.create(a.admin, entry_data(clock.now(), subject="Vol à l'étalage"))
    sync_of(a).sync(a.admin)
    with sqlite3.connect(sync_server.database_url.removeprefix("sqlite:///")) as server:  # bit rot: the stored
        seq, blob = server.execute("SELECT seq, ciphertext FROM envelopes WHERE tenant_id = ? "  # hash stays
                                   "ORDER BY length(ciphertext) DESC", (tenant_of(a),)).fetchone()
        server.execute("UPDATE envelopes SET ciphertext = ? WHERE tenant_id = ? AND seq = ?",
                       (bytes(blob[:40]) + bytes([blob[40] ^ 1]) + bytes(blob[41:]), tenant_of(a), seq))
    assert sync_of(b).sync(b.admin).pulled.refused == [seq]
    for subject in ("Tapage", "Stationnement gênant"):
        for gate in (a, b):
            gate.opened().logbook.create(gate.admin, entry_data(clock.now(), subject=subject))
            report = sync_of(gate).sync(gate.admin)
            assert report.repaired == 0 and report.pulled.conflicts == 0 and report.pulled.refused == []
    with b.opened().station.read() as uow:
        refused = uow.session.get(SyncRefused, seq)
        assert refused is not None and refused.reason == ALTERED_ON_SERVER
    assert conflicts_held(a) == conflicts_held(b) == 0 and sync_of(b).status().refused == 1
