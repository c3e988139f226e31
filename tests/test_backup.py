"""Backups: made online and still encrypted, checked, rotated, journaled; restored with the recovery code alone."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from app.backup import manifest as mf
from app.backup.errors import BackupDamaged, BackupDiskFull, BackupFolderMissing, OtherService, RestoreTarget
from app.backup.restore import open_backup, restore
from app.bootstrap import build_gate, record_kinds
from app.errors import AccessDenied, BadCredentials
from app.kernel.creating import create_station
from app.models import JournalEntry, LogbookEntry
from app.store.layout import StationPaths
from tests.conftest import ADMIN_PASSWORD, add_agent, journal_entries
from tests.logbook_helpers import entry_data

PHOTO = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40


@pytest.fixture(scope="module")
def made(tmp_path_factory, new_station_module):
    """One station with entries and an attachment, and one backup of it: for the tests that only read them."""
    from app.crypto.kdf import KdfPolicy
    from app.crypto.secretstore import NoSecretStore
    from app.kernel.deps import StationDeps
    from tests.conftest import CHEAP_KDF, FakeClock

    root = tmp_path_factory.mktemp("made")
    clock = FakeClock()
    deps = StationDeps(clock=clock, kdf=KdfPolicy(fixed=CHEAP_KDF), secrets=NoSecretStore())
    gate = build_gate(root / "station", deps)
    gate.admin, gate.recovery_code = gate.create(new_station_module)
    logbook = gate.services.logbook
    entries = [logbook.create(gate.admin, entry_data(clock.now(), subject=f"Tapage {n}")).entry for n in range(3)]
    logbook.add_attachment(gate.admin, entries[0].id, data=b"%PDF-1.4\n%%EOF\n", filename="Plainte.pdf")
    (root / "usb").mkdir()
    done = gate.services.backup.back_up(gate.admin, root / "usb")
    yield gate, Path(done.path), done, deps
    gate.close()


@pytest.fixture(scope="module")
def new_station_module():
    from app.kernel.station import NewStation

    return NewStation(service_name="Police municipale de Montclair-sur-Vienne", commune="Montclair-sur-Vienne",
                      insee_code="86999", department="86", admin_login="admin", admin_full_name="Sophie Lemaire",
                      admin_password=ADMIN_PASSWORD)


@pytest.fixture
def folder(tmp_path):
    path = tmp_path / "usb"
    path.mkdir()
    return path


def _count(gate, model) -> int:
    with gate.services.station.read() as uow:
        return len(uow.session.scalars(select(model)).all())


def test_a_backup_is_encrypted_checked_and_journaled(made):
    gate, path, done, _deps = made
    assert sorted(p.name for p in path.iterdir()) == ["attachments", "manifest.json", "station.keys", "vigie.db"]
    assert not (path / "vigie.db").read_bytes().startswith(b"SQLite format 3")  # still encrypted
    assert done.counts["logbook_entry"] == 3 and done.counts["logbook_attachment"] == 1
    keys = json.loads((path / "station.keys").read_text())
    assert {slot["kind"] for slot in keys["slots"]} == {"password", "recovery"}
    last = [e for e in journal_entries(gate) if e.record_kind == "backup"][-1]
    assert (last.operation, last.record_kind, last.login) == ("export", "backup", "admin")
    assert "checked good" in last.detail


def test_only_an_administrator_backs_up(made, folder):
    filled = made[0]
    agent = add_agent(filled)
    actor = filled.services.accounts.authenticate(agent.login, "agent-password-2026")
    with pytest.raises(AccessDenied):
        filled.services.backup.back_up(actor, folder)
    assert list(folder.iterdir()) == []


def test_the_recovery_code_alone_restores_it_into_a_new_folder(made, tmp_path):
    filled, path, _done, deps = made
    target = tmp_path / "replacement-pc"
    restored = restore(path, filled.recovery_code, target, deps, record_kinds())
    assert restored.summary.counts["logbook_entry"] == 3
    gate = build_gate(target, deps)
    gate.recover(filled.recovery_code, "admin", "a-brand-new-password")
    try:
        assert _count(gate, LogbookEntry) == 3
        attachment = gate.services.logbook.open_attachment(gate.admin if hasattr(gate, "admin") else
                                                           gate.services.accounts.authenticate(
                                                               "admin", "a-brand-new-password"),
                                                           _first_attachment(gate))
        assert attachment.data == b"%PDF-1.4\n%%EOF\n"
        details = [e.detail for e in journal_entries(gate)]
        assert any(d.startswith("restored from backup") for d in details)
    finally:
        gate.close()


def _first_attachment(gate) -> str:
    from app.models import LogbookAttachment

    with gate.services.station.read() as uow:
        return uow.session.scalars(select(LogbookAttachment.id)).one()


def test_the_old_password_opens_a_restored_station_too(made, tmp_path):
    filled, path, _done, deps = made
    restore(path, filled.recovery_code, tmp_path / "other", deps, record_kinds())
    gate = build_gate(tmp_path / "other", deps)
    try:
        gate.login("admin", ADMIN_PASSWORD)
    finally:
        gate.close()


def test_a_wrong_recovery_code_opens_nothing(made, tmp_path):
    _filled, path, _done, deps = made
    with pytest.raises(BadCredentials):
        restore(path, "AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA", tmp_path / "x", deps, record_kinds())
    assert not (tmp_path / "x").exists()


@pytest.mark.parametrize("damage", ["truncate_db", "flip_attachment", "edit_manifest", "drop_attachment"])
def test_a_damaged_backup_is_found_before_anything_is_replaced(made, tmp_path, damage):
    filled, path, _done, deps = made
    made = tmp_path / path.name  # a copy, damaged
    shutil.copytree(path, made)
    blob = next(p for p in (made / "attachments").rglob("*") if p.is_file())
    if damage == "truncate_db":
        data = (made / "vigie.db").read_bytes()
        (made / "vigie.db").write_bytes(data[: len(data) // 2])
    elif damage == "flip_attachment":
        data = bytearray(blob.read_bytes())
        data[-1] ^= 1
        blob.write_bytes(bytes(data))
    elif damage == "drop_attachment":
        blob.unlink()
    else:
        manifest = json.loads((made / "manifest.json").read_text())
        manifest["counts"]["logbook_entry"] = 2
        (made / "manifest.json").write_text(json.dumps(manifest))
    target = tmp_path / "target"
    with pytest.raises(BackupDamaged):
        restore(made, filled.recovery_code, target, deps, record_kinds())
    assert not target.exists()
    assert not any(p.name.startswith(".target.restoring") for p in tmp_path.iterdir())


def test_a_backup_is_not_restored_over_a_station_of_another_service(made, tmp_path, new_station):
    from dataclasses import replace

    from app.backup.restore import Replacing

    filled, path, _done, deps = made
    other = replace(new_station, service_name="Police municipale de Villebrune", insee_code="86998")
    other_dir = tmp_path / "villebrune"
    station, _code = create_station(StationPaths(other_dir), other, deps)
    station.close()
    before = {p: p.read_bytes() for p in other_dir.rglob("*") if p.is_file()}
    replacing = Replacing(other.service_name, other.insee_code, filled.admin, b"")
    with pytest.raises(OtherService) as refused:
        restore(path, filled.recovery_code, other_dir, deps, record_kinds(), replacing=replacing)
    assert "Montclair" in refused.value.untranslated() and "Villebrune" in refused.value.untranslated()
    assert {p: p.read_bytes() for p in other_dir.rglob("*") if p.is_file()} == before


def test_a_new_folder_that_holds_a_station_is_refused(made):
    filled, path, _done, deps = made
    with pytest.raises(RestoreTarget):
        restore(path, filled.recovery_code, filled.paths.root, deps, record_kinds())


def test_rotation_keeps_the_last_ones_a_week_and_a_month(gate, folder, clock):
    filled = gate
    services = filled.services
    services.settings.change(filled.admin, {"backup_keep_last": 2, "backup_keep_weeks": 2, "backup_keep_months": 2})
    made = []
    for _ in range(6):  # one every ten days
        made.append(services.backup.back_up(filled.admin, folder))
        clock.advance(days=10)
    names = {p.name for p in folder.iterdir() if p.name.startswith("vigie-")}
    # made on 22/11, 2/12, 12/12, 22/12, 1/1 and 11/1: the last two (also the newest of each of the last two
    # weeks), and the newest of each of the last two months (January's is the last; December's the 22nd)
    assert names == {"vigie-20270111-080000", "vigie-20270101-080000", "vigie-20261222-080000"}
    assert {name for m in made for name in m.removed} == {"vigie-20261122-080000", "vigie-20261202-080000",
                                                          "vigie-20261212-080000"}


def test_a_missing_folder_is_told_and_journaled(gate, tmp_path):
    filled = gate
    with pytest.raises(BackupFolderMissing):
        filled.services.backup.back_up(filled.admin, tmp_path / "unplugged")
    assert "backup failed" in journal_entries(filled)[-1].detail


def test_status_says_when_the_last_good_backup_is_old(gate, folder, clock):
    filled = gate
    services = filled.services
    assert services.backup.status().stale
    services.backup.configure(filled.admin, str(folder))
    assert services.backup.status().due
    services.backup.back_up_if_due()
    status = services.backup.status()
    assert not status.stale and not status.due and status.folder_present
    clock.advance(hours=13)
    assert services.backup.status().due and not services.backup.status().stale
    clock.advance(hours=36)
    assert services.backup.status().stale
    folder.rename(folder.with_name("away"))
    status = services.backup.status()
    assert not status.folder_present and not status.due
    assert services.backup.back_up_if_due() is None


@pytest.mark.parametrize("page", ["first", "last"])
def test_a_page_changed_in_the_database_is_found_by_the_check_made_after_writing(made, tmp_path, page):
    # Right after writing, the files are not hashed again: the database's own checks must find it,
    # SQLCipher's (every page's HMAC, beside: on a thread, or in a process of its own for a large database)
    # beside SQLite's.
    from app.backup.check import BAD_DATABASE, check_backup
    from app.backup.pages import PageCheck, pages_authentic
    from app.backup.writer import database_key, kind_tables
    from app.store.engine import raw_key_literal

    filled, path, _done, _deps = made
    copy = tmp_path / path.name
    shutil.copytree(path, copy)
    database = copy / mf.DATABASE
    data = bytearray(database.read_bytes())
    offset = 100 if page == "first" else len(data) - 4096 + 100  # inside the page's encrypted content
    data[offset] ^= 1
    database.write_bytes(bytes(data))
    key, tables = database_key(filled.services.station), kind_tables(filled.services.kernel.kinds)
    literal = raw_key_literal(key)
    assert pages_authentic(path / mf.DATABASE, literal) and not pages_authentic(database, literal)
    checks = [PageCheck(file, literal, process_from=0) for file in (path / mf.DATABASE, database)]
    try:
        assert [check.result() for check in checks] == [True, False]  # the same answers from the process
    finally:
        for check in checks:
            check.stop()
    check_backup(path, key, tables, hashes=False)  # the backup itself holds
    with pytest.raises(BackupDamaged) as raised:
        check_backup(copy, key, tables, hashes=False)
    assert raised.value.params["reason"] == BAD_DATABASE
