"""A restore over the station carries the replaced station's journal seal: the sealed verification holds,
and tells the rollback as what it is (the check `vigie journal verify --station --sealed` runs)."""

from __future__ import annotations

from app.audit import sealstate
from app.audit.verify import RESTORED_OVER
from app.backup.restore import Replacing, restore
from app.bootstrap import build_gate, record_kinds
from tests.conftest import ADMIN_PASSWORD, journal_entries
from tests.logbook_helpers import entry_data


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
        _remove_entry(restored, 3)  # a gap that no restore explains is still a finding
        report = restored.opened().journal.verify_station(actor, code)
        assert not report.ok and report.first is not None and report.first.seq == 3
    finally:
        restored.close()


def _remove_entry(gate, seq: int) -> None:
    """Entry *seq* deleted, as someone holding the station's key could, the triggers that forbid it put aside."""
    from sqlalchemy import text

    with gate.opened().station.uow() as uow:
        triggers = uow.session.execute(text(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'journal'")).all()
        for name, _sql in triggers:
            uow.session.execute(text(f'DROP TRIGGER "{name}"'))
        uow.session.execute(text("DELETE FROM journal WHERE seq = :seq"), {"seq": seq})
        for _name, sql in triggers:
            uow.session.execute(text(sql))
        uow.commit()
