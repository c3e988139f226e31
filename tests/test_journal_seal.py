"""Forward-secure sealing of the journal: each attack of someone holding the station's keys is caught.

The attacker here holds everything the station holds: the database key (the
integrity triggers dropped first, tests/tamper.py), the files, and the seal's
current key in `journal.seal`. What they do not hold is the key of a position
already passed, nor the journal verification code: sealed verification names
the first entry that does not hold.
"""

from __future__ import annotations

import json
import shutil

import pytest

from app.audit import chaincheck, seal, sealstate, sealverify, verify
from app.audit.chain import entry_hash, format_time
from app.audit.purge import purge_detail
from app.audit.sealer import SETTING
from app.crypto import verification_code
from app.errors import InvalidInput
from app.models import JournalEntry, Operation
from app.audit.query import JournalFilter
from tests.conftest import ADMIN_PASSWORD, AGENT_PASSWORD, reopen
from tests.test_journal_support import MOTIVE, add_mayor, last_seq, row_fields, service, sql, write_entries


@pytest.fixture
def code(gate) -> str:
    return gate.services.station.journal.take_verification_code()


def check(gate, code: str | None = None) -> verify.Report:
    """Sealed verification as Vigie runs it (SQLite serializing each entry, app/audit/verify_fast.py), which
    must tell exactly what the rows themselves tell (app/audit/chaincheck.py) after every attack."""
    station = gate.services.station
    raw = verification_code.decode(code) if code is not None else None
    args = (station.engine, station.id, sealstate.state_path(station.paths.database), raw)
    report = sealverify.verify_sealed(*args)
    assert sealverify.verify_sealed(*args, chain=chaincheck.verify_rows) == report
    return report


def first(report: verify.Report) -> tuple[int | None, str]:
    assert report.first is not None, "the journal should not hold"
    return report.first.seq, report.first.message


def test_a_journal_as_written_holds_its_seals_and_the_code_is_handed_over_once(gate, clock, code):
    write_entries(gate, clock, 12)
    assert len(code) == 65 and code.count("-") == 10
    assert gate.services.station.journal.take_verification_code() == ""
    report = check(gate, code)
    assert report.ok and report.sealed, report.findings
    assert report.checked == last_seq(gate) and report.notes == ()
    tags = [row[0] for row in sql(gate, "SELECT tag FROM journal ORDER BY seq")]
    assert all(len(tag) == 64 for tag in tags) and len(set(tags)) == len(tags)
    state = sealstate.state_path(gate.services.station.paths.database)
    assert state.stat().st_mode & 0o777 == 0o600
    # The code is on no file of the station; its public half is a setting, which syncs.
    raw = verification_code.decode(code)
    for path in gate.services.station.paths.root.rglob("*"):
        if path.is_file():
            assert raw not in path.read_bytes() and raw.hex().encode() not in path.read_bytes()
    stored = json.loads(sql(gate, "SELECT value FROM settings WHERE name = :n", n=SETTING)[0][0])
    assert stored == verification_code.public_key(raw).hex()


def test_without_the_code_the_chain_is_checked_and_the_report_says_what_was_not(gate, clock, code):
    write_entries(gate, clock, 5)
    report = check(gate)
    assert report.ok and not report.sealed
    assert [note.message for note in report.notes] == [sealverify.NO_CODE]


def test_deleting_the_newest_entries_is_named_and_their_numbers_are_never_used_again(gate, clock, code):
    write_entries(gate, clock, 10)
    end = last_seq(gate)
    sql(gate, "DELETE FROM journal WHERE seq > :keep", keep=end - 3)
    for report in (check(gate), check(gate, code)):  # the seal's position shows it even without the code
        assert first(report) == (end - 2, sealverify.TAIL_CUT)
        assert report.first.params == {"seq": end - 2, "last": end, "end": end - 3}
    (seq,) = write_entries(gate, clock, 1)
    assert seq == end + 1  # a gap, not a reuse
    report = check(gate, code)
    assert first(report) == (end - 2, verify.GAP)


def test_rewriting_an_entry_and_recomputing_every_hash_after_it_is_caught_by_its_seal(gate, clock, code):
    write_entries(gate, clock, 10)
    end = last_seq(gate)
    previous = row_fields(gate, 3)["hash"]
    for seq in range(4, end + 1):  # entry 4 rewritten, then the whole chain after it recomputed
        fields = row_fields(gate, seq)
        fields["prev_hash"] = previous
        if seq == 4:
            fields["login"] = "quelquun"
        previous = entry_hash(fields)
        sql(gate, "UPDATE journal SET login = :login, prev_hash = :prev, hash = :hash WHERE seq = :seq",
            login=fields["login"], prev=fields["prev_hash"], hash=previous, seq=seq)
    assert check(gate).ok  # the chain alone is fooled
    report = check(gate, code)
    assert first(report) == (4, sealverify.BAD_SEAL)
    assert report.first.untranslated().startswith("Entry 4 does not hold its seal")


def test_entries_put_back_in_another_order_do_not_hold_their_seals(gate, clock, code):
    write_entries(gate, clock, 8)
    a, b = row_fields(gate, 5), row_fields(gate, 6)
    sql(gate, "DELETE FROM journal WHERE seq IN (5, 6)")
    previous = row_fields(gate, 4)["hash"]
    for seq, fields in ((5, b), (6, a)):  # swapped, their seals carried along, the chain made to link again
        fields = {**fields, "seq": seq, "prev_hash": previous}
        previous = fields["hash"] = entry_hash(fields)
        with gate.services.station.engine.begin() as conn:
            conn.execute(JournalEntry.__table__.insert().values(**fields))
    after = row_fields(gate, 7)
    after["prev_hash"] = previous
    sql(gate, "UPDATE journal SET prev_hash = :p, hash = :h WHERE seq = 7", p=previous, h=entry_hash(after))
    report = check(gate, code)
    assert first(report) == (5, sealverify.BAD_SEAL)


def _plant_checkpoint(gate, seq: int, *, far: str = "2099-01-01 00:00:00.000000") -> None:
    """A checkpoint naming entry *seq* as it is (its true hash, time and seal), then every entry up to it deleted."""
    row = sql(gate, "SELECT hash, at, tag FROM journal WHERE seq = :s", s=seq)[0]
    count = sql(gate, "SELECT count(*) FROM journal WHERE seq <= :s", s=seq)[0][0]
    sql(gate, "INSERT INTO journal_checkpoint (seq, hash, entry_at, purged_at, purged_count, cutoff, tag) "
              "VALUES (:s, :h, :a, :far, :n, :far, :t)", s=seq, h=row[0], a=row[1], far=far, n=count, t=row[2])
    sql(gate, "DELETE FROM journal WHERE seq <= :s", s=seq)


def test_a_planted_checkpoint_with_every_entry_before_it_deleted_is_named(gate, clock, code):
    write_entries(gate, clock, 10)
    _plant_checkpoint(gate, 7)
    assert first(check(gate, code)) == (7, sealverify.NOT_PURGED)
    assert first(check(gate)) == (7, sealverify.NOT_PURGED)
    # With a purge entry of their own after it (the current key seals it), the dates give it away.
    planted = sql(gate, "SELECT hash FROM journal_checkpoint ORDER BY seq DESC LIMIT 1")[0][0]
    station = gate.services.station
    with station.uow() as uow:
        station.journal.append(uow.session, Operation.PURGE, None, compartment="journal", record_kind="journal",
                               detail=purge_detail(7, 60, 7, planted))
        uow.commit()
    assert first(check(gate, code)) == (7, sealverify.TOO_EARLY)


def test_a_checkpoint_naming_an_entry_that_never_was_is_named(gate, clock, code):
    write_entries(gate, clock, 6)
    sql(gate, "UPDATE journal SET hash = :h WHERE seq = 4", h="ab" * 32)  # what the checkpoint will name
    _plant_checkpoint(gate, 4)
    assert (4, sealverify.FORGED_CHECKPOINT) in [(f.seq, f.message) for f in check(gate, code).findings]


def test_a_database_put_back_from_an_older_copy_is_named(gate, clock, code, station_dir, deps):
    write_entries(gate, clock, 4)
    gate.close()
    copies = station_dir.parent / "copies"
    copies.mkdir()
    saved = [p for p in station_dir.iterdir() if p.name.startswith("vigie.db")]
    for path in saved:
        shutil.copy2(path, copies / path.name)
    gate = reopen(station_dir, deps)
    gate.admin = gate.login("admin", ADMIN_PASSWORD)
    write_entries(gate, clock, 5)
    end = last_seq(gate)
    gate.close()
    for path in station_dir.iterdir():
        if path.name.startswith("vigie.db"):
            path.unlink()
    for path in saved:
        shutil.copy2(copies / path.name, path)
    gate = reopen(station_dir, deps)
    try:
        gate.login("admin", ADMIN_PASSWORD)  # the login's entry takes the seal's position, after a gap
        report = check(gate, code)
        assert first(report)[1] == verify.GAP and report.first.params["next"] == end + 1
        assert sealverify.BAD_SEAL not in [f.message for f in report.findings]
    finally:
        gate.close()


def test_a_seal_replaced_by_a_seed_of_the_attackers_choosing_is_named(gate, clock, code):
    write_entries(gate, clock, 5)
    station = gate.services.station
    service_key = verification_code.public_key(verification_code.decode(code))
    seed = seal.new_seed()
    generations = json.loads(sql(gate, "SELECT journal_seals FROM station")[0][0])
    generations[0]["sealed_seed"] = seal.seal_seed(service_key, seed, station.id, 1)
    sql(gate, "UPDATE station SET journal_seals = :g", g=json.dumps(generations))
    key = seal.first_key(seed, station.id, 1)
    rows = sql(gate, "SELECT seq, at, hash FROM journal ORDER BY seq")
    for seq, at, digest in rows:  # every seal made again with the attacker's own keys
        sql(gate, "UPDATE journal SET tag = :t WHERE seq = :s", s=seq,
            t=seal.tag(key, seq, format_time(_utc(at)), digest))
        key = seal.evolve(key)
    state_file = sealstate.state_path(station.paths.database)
    sealstate.write(state_file, sealstate.SealState(station.id, 1, rows[-1][0] + 1, key))
    report = check(gate, code)
    assert first(report) == (1, sealverify.REPLACED)


def _utc(stored: str):
    from datetime import UTC, datetime

    return datetime.fromisoformat(stored).replace(tzinfo=UTC)


def test_a_lost_seal_state_begins_a_new_seal_which_verification_names(gate, clock, code):
    write_entries(gate, clock, 3)
    end = last_seq(gate)
    sealstate.state_path(gate.services.station.paths.database).unlink()
    write_entries(gate, clock, 2)
    begun = sql(gate, "SELECT seq, operation FROM journal WHERE seq = :s", s=end + 1)[0]
    assert tuple(begun) == (end + 1, str(Operation.SEAL))
    report = check(gate, code)
    assert first(report) == (end + 1, sealverify.RESTARTED)
    assert [f.message for f in report.findings] == [sealverify.RESTARTED]  # the new generation's seals hold


def test_a_rolled_back_operation_leaves_no_gap(gate, clock, code):
    station = gate.services.station
    end = last_seq(gate)
    with station.uow() as uow:
        station.journal.append(uow.session, Operation.CONSULT, gate.admin, compartment="main_courante")
        uow.session.flush()
    (seq,) = write_entries(gate, clock, 1)
    assert seq == end + 1
    assert check(gate, code).ok


def test_a_purge_keeps_the_journal_sealed_and_its_checkpoint_proven(gate, clock, code):
    write_entries(gate, clock, 30)
    clock.advance(days=61)
    write_entries(gate, clock, 3)
    result = service(gate).purge_expired(gate.admin)
    assert result.purged > 30
    checkpoint_tag = sql(gate, "SELECT tag FROM journal_checkpoint ORDER BY seq DESC LIMIT 1")[0][0]
    assert len(checkpoint_tag) == 64
    report = check(gate, code)
    assert report.ok, report.findings
    assert report.checkpoint_seq == result.checkpoint_seq


def test_another_services_code_and_a_mistyped_code(gate, clock, code):
    other, _raw = verification_code.new_code()
    assert first(check(gate, other))[1] == sealverify.OTHER_SERVICE
    known = verification_code.encode(bytes(range(32)))  # a fixed code: whether a typo slips by never varies
    for position, symbol in enumerate(known):  # any one symbol mistyped is told apart from a wrong code
        if symbol != "-":
            typo = known[:position] + ("A" if symbol != "A" else "B") + known[position + 1:]
            with pytest.raises(verification_code.InvalidCode):
                verification_code.decode(typo)
    with pytest.raises(verification_code.InvalidCode):  # the last symbol holds the check and the padding
        verification_code.decode(code[:-1] + ("A" if code[-1] != "A" else "B"))
    assert verification_code.decode(code.lower().replace("-", " ")) == verification_code.decode(code)
    with pytest.raises(InvalidInput):
        service(gate).verify_station(gate.admin, "not a code")


def test_a_station_that_joins_seals_with_a_seed_of_its_own_and_no_new_code(gate, clock, code):
    # As a station that received the service's key through sync and has no seal of its own yet.
    sql(gate, "UPDATE station SET journal_seals = '[]'")
    sql(gate, "DELETE FROM journal")
    sealstate.state_path(gate.services.station.paths.database).unlink()
    write_entries(gate, clock, 4)
    assert sql(gate, "SELECT operation FROM journal ORDER BY seq LIMIT 1")[0][0] == str(Operation.SEAL)
    report = check(gate, code)
    assert report.ok, report.findings
    assert [note.message for note in report.notes] == [sealverify.JOINED]


# -- extracts carry their seals ---------------------------------------------------------------------


def _forged_extract(gate, tmp_path):
    """An extract, then one entry rewritten and every hash after it recomputed, the manifest signed again with the
    station's own key: what someone holding the station can make. Only the seals tell."""
    import csv

    from app.audit import signing
    from app.audit.extract import CSV_COLUMNS, file_sha256, manifest_path
    from app.models import StationInfo

    result = service(gate).export(add_mayor(gate), JournalFilter(), "csv", tmp_path / "extrait.csv", MOTIVE)
    with open(result.path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    at = {name: CSV_COLUMNS.index(name) for name in ("detail", "prev_hash", "hash", "user_id", "seq")}
    previous = None
    for row in rows[1:]:
        if previous is not None:
            row[at["prev_hash"]] = previous
        if row[at["seq"]] == "3":
            row[at["detail"]] = "nothing happened"
        fields = dict(zip(CSV_COLUMNS, row))
        fields["seq"], fields["user_id"] = int(fields["seq"]), fields["user_id"] or None
        previous = row[at["hash"]] = entry_hash(fields)
    with open(result.path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(rows)
    manifest = json.loads(manifest_path(result.path).read_text(encoding="utf-8"))
    manifest.pop("signature")
    manifest["file_sha256"], manifest["file_size"] = file_sha256(result.path), result.path.stat().st_size
    with gate.services.station.read() as uow:
        private = uow.session.get(StationInfo, gate.services.station.id).signing_private_key
    manifest_path(result.path).write_text(json.dumps(signing.sign(manifest, private)), encoding="utf-8")
    return result.path


def test_a_sealed_extract_holds_and_one_forged_with_the_stations_own_key_does_not(gate, clock, code, tmp_path):
    from tests.test_journal_export import _doc_sample

    write_entries(gate, clock, 6)
    sample: dict = {"__name__": "journal_format_doc"}
    exec(compile(_doc_sample(), "journal-format.md", "exec"), sample)
    path = _forged_extract(gate, tmp_path)
    assert verify.verify_extract(path).ok  # signature, digest and chain all hold
    sample["check"](str(path))
    report = verify.verify_extract(path, code=verification_code.decode(code))
    assert report.sealed and first(report) == (3, sealverify.BAD_SEAL)
    with pytest.raises(sample["DoesNotHold"], match="entry 3 does not hold its seal"):
        sample["check"](str(path), None, None, code)
    mayor = gate.login("hfontaine", AGENT_PASSWORD)
    honest = service(gate).export(mayor, JournalFilter(), "csv", tmp_path / "vrai.csv", MOTIVE)
    assert verify.verify_extract(honest.path, code=verification_code.decode(code)).ok
    sample["check"](str(honest.path), None, None, code)


def test_a_station_that_had_its_own_code_then_joined_a_service_seals_to_the_services_key(
        gate, clock, code, station_dir, deps):
    write_entries(gate, clock, 3)
    service_code, service_raw = verification_code.new_code()
    # What sync brings: the service's public key in the setting that travels.
    sql(gate, "UPDATE settings SET value = :v WHERE name = :n",
        v=json.dumps(verification_code.public_key(service_raw).hex()), n=SETTING)
    gate.close()
    gate = reopen(station_dir, deps)
    try:
        gate.admin = gate.login("admin", ADMIN_PASSWORD)
        write_entries(gate, clock, 2)
        joined = check(gate, service_code)
        assert joined.ok, joined.findings
        assert [n.message for n in joined.notes] == [sealverify.BEFORE_JOINING, sealverify.JOINED]
        assert first(check(gate, code))[1] == sealverify.OTHER_SERVICE  # its own first code no longer covers it
    finally:
        gate.close()


def test_a_purge_made_with_the_clock_put_forward_is_named(gate, clock, code):
    write_entries(gate, clock, 10)
    clock.advance(days=90)  # the attacker's clock, far enough for every entry to look expired
    result = service(gate).purge_expired(gate.admin)
    clock.advance(days=-89)  # and back: the next entries are dated before the purge
    write_entries(gate, clock, 2)
    report = check(gate, code)
    assert first(report) == (result.checkpoint_seq, sealverify.DATED_AHEAD)
