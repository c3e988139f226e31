"""A restore over the station carries the replaced station's journal seal: the sealed verification holds,
and tells the rollback as what it is."""

from __future__ import annotations

from app.audit import sealstate
from app.audit.verify import RESTORED_OVER
from app.backup.restore import Replacing, restore
from app.bootstrap import build_gate, record_kinds
from tests.conftest import ADMIN_PASSWORD, journal_entries
from tests.logbook_helpers import entry_data
from tests.test_cli import lines, vigie


def _replacing(station_dir, deps) -> Replacing:
    """As `vigie restore --replace --as admin` logs in to the station it replaces, then closes it."""
    gate = build_gate(station_dir, deps)
    actor = gate.login("admin", ADMIN_PASSWORD)
    try:
        station = gate.opened().station
        return Replacing(station.details.service_name, station.details.insee_code, actor, station.backup_key())
    finally:
        gate.close()


def test_after_a_restore_over_the_station_the_sealed_journal_holds_and_names_the_rollback(
        gate, clock, station_dir, deps, tmp_path):
    code = gate.services.station.journal.take_verification_code()
    logbook = gate.services.logbook
    logbook.create(gate.admin, entry_data(clock.now(), subject="Avant la sauvegarde"))
    folder = tmp_path / "usb"
    folder.mkdir()
    backup = gate.services.backup.back_up(gate.admin, folder)
    for n in range(3):
        logbook.create(gate.admin, entry_data(clock.now(), subject=f"Après la sauvegarde {n}"))
    recovery = gate.recovery_code
    gate.close()

    replacing = _replacing(station_dir, deps)
    replaced_state = sealstate.read(sealstate.state_path(station_dir / "vigie.db"))
    done = restore(backup.path, recovery, station_dir, deps, record_kinds(), replacing=replacing)
    assert done.kept_copy and done.rolled_back >= 3
    restored = build_gate(station_dir, deps)
    actor = restored.login("admin", ADMIN_PASSWORD)
    try:
        entries = journal_entries(restored)
        restore_entry = next(e for e in entries if e.detail.startswith("restored from backup"))
        assert replaced_state is not None and restore_entry.seq == replaced_state.next_seq  # where the seal was
        gap = [e.seq for e in entries if e.seq < restore_entry.seq][-1]
        assert restore_entry.seq - gap - 1 == done.rolled_back
        report = restored.opened().journal.verify_station(actor, code)
        assert report.ok and report.sealed, [f.untranslated() for f in report.findings]
        (note,) = [n for n in report.notes if n.message == RESTORED_OVER]
        assert note.params == {"seq": gap + 1, "last": restore_entry.seq - 1, "restore": restore_entry.seq,
                               "previous": gap}
    finally:
        restored.close()
    sealed = vigie("journal", "verify", "--station", "--sealed", "--as", "admin", "--data-dir", str(station_dir),
                   stdin=lines(ADMIN_PASSWORD, code))
    assert sealed.returncode == 0, sealed.stdout + sealed.stderr


def test_a_gap_that_no_restore_explains_is_still_a_finding(gate, clock, station_dir, deps):
    from sqlalchemy import text

    code = gate.services.station.journal.take_verification_code()
    for n in range(3):
        gate.services.logbook.create(gate.admin, entry_data(clock.now(), subject=f"Tapage {n}"))
    entries = journal_entries(gate)
    middle = entries[len(entries) // 2]
    with gate.services.station.uow() as uow:  # an entry removed, the triggers that forbid it put aside
        triggers = uow.session.execute(text(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'journal'")).all()
        for name, _sql in triggers:
            uow.session.execute(text(f'DROP TRIGGER "{name}"'))
        uow.session.execute(text("DELETE FROM journal WHERE seq = :seq"), {"seq": middle.seq})
        for _name, sql in triggers:
            uow.session.execute(text(sql))
        uow.commit()
    report = gate.services.journal.verify_station(gate.admin, code)
    assert not report.ok and report.first is not None and report.first.seq == middle.seq
    assert not [n for n in report.notes if n.message == RESTORED_OVER]
