"""Verifying the station's journal: it holds as written, and each kind of tampering is named at its entry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.audit import chaincheck, verify
from app.audit.chain import format_time
from app.errors import AccessDenied
from app.models import JournalEntry, Operation
from tests.conftest import AGENT_PASSWORD, add_agent, journal_entries
from tests.logbook_helpers import entry_data
from tests.test_journal_support import last_seq, rehash, row_fields, service, sql, write_entries


def check(gate) -> verify.Report:
    """Verification as Vigie runs it (app/audit/verify_fast.py), which must tell exactly what the rows
    themselves tell (app/audit/chaincheck.py) after every kind of tampering."""
    station = gate.services.station
    report = verify.verify_station(station.engine, station.id)
    assert verify.verify_station(station.engine, station.id, chain=chaincheck.verify_rows) == report
    return report


def test_a_journal_as_written_holds(gate, clock):
    write_entries(gate, clock, 20)
    report = check(gate)
    assert report.ok, report.findings
    assert (report.first_seq, report.last_seq, report.checked) == (1, last_seq(gate), last_seq(gate))
    assert report.checkpoint_seq is None


def test_a_modified_field_is_named_at_its_entry(gate, clock):
    write_entries(gate, clock, 10)
    sql(gate, "UPDATE journal SET record_id = 'another-record' WHERE seq = 6")
    report = check(gate)
    assert not report.ok
    assert report.first.seq == 6 and report.first.message == verify.MODIFIED
    assert report.first.untranslated() == "Entry 6 does not match its hash: it was changed after it was written."
    assert report.checked == 5


def test_a_modified_entry_given_a_new_hash_breaks_the_link_of_the_next(gate, clock):
    write_entries(gate, clock, 10)
    fields = row_fields(gate, 6)
    fields["login"] = "someone-else"
    sql(gate, "UPDATE journal SET login = :login, hash = :hash WHERE seq = 6", login="someone-else",
        hash=rehash(fields))
    report = check(gate)
    assert (report.first.seq, report.first.message) == (7, verify.BROKEN_LINK)
    assert report.first.params == {"seq": 7, "previous": 6}


def test_a_deleted_entry_is_named(gate, clock):
    write_entries(gate, clock, 10)
    sql(gate, "DELETE FROM journal WHERE seq = 4")
    report = check(gate)
    assert (report.first.seq, report.first.message) == (4, verify.GAP)
    assert report.first.untranslated() == "Entry 4 is missing: the journal goes from entry 3 to entry 5."


def test_deleting_the_first_entries_is_seen_without_a_checkpoint(gate, clock):
    write_entries(gate, clock, 5)
    sql(gate, "DELETE FROM journal WHERE seq <= 2")
    report = check(gate)
    assert (report.first.seq, report.first.message) == (1, verify.GAP_AT_START)


def test_an_entry_added_at_the_end_with_a_made_up_hash_is_named(gate, clock):
    write_entries(gate, clock, 5)
    fields = row_fields(gate, last_seq(gate))
    forged = {**fields, "seq": fields["seq"] + 1, "id": "forged", "prev_hash": fields["hash"], "hash": "f" * 64}
    _insert(gate, forged)
    report = check(gate)
    assert (report.first.seq, report.first.message) == (forged["seq"], verify.MODIFIED)


def test_an_entry_slipped_between_two_others_is_seen_at_the_one_it_displaced(gate, clock):
    write_entries(gate, clock, 8)
    end = last_seq(gate)
    # Make room after entry 4, then insert a well-formed entry that links to it.
    sql(gate, "UPDATE journal SET seq = -seq WHERE seq > 4")
    sql(gate, "UPDATE journal SET seq = 1 - seq WHERE seq < 0")
    fields = row_fields(gate, 4)
    forged = {**fields, "seq": 5, "id": "forged", "detail": "slipped in", "prev_hash": fields["hash"]}
    forged["hash"] = rehash(forged)
    _insert(gate, forged)
    assert last_seq(gate) == end + 1
    report = check(gate)
    assert (report.first.seq, report.first.message) == (6, verify.MODIFIED)


def test_two_swapped_entries_are_seen_at_the_first(gate, clock):
    write_entries(gate, clock, 8)
    sql(gate, "UPDATE journal SET seq = -1 WHERE seq = 3")
    sql(gate, "UPDATE journal SET seq = 3 WHERE seq = 6")
    sql(gate, "UPDATE journal SET seq = 6 WHERE seq = -1")
    report = check(gate)
    assert (report.first.seq, report.first.message) == (3, verify.MODIFIED)


def test_an_entry_of_another_station_is_named(gate, clock):
    write_entries(gate, clock, 3)
    fields = row_fields(gate, 2)
    fields["station_id"] = "0190aaaa-0000-7000-8000-000000000000"
    fields["hash"] = rehash(fields)
    sql(gate, "UPDATE journal SET station_id = :station, hash = :hash WHERE seq = 2",
        station=fields["station_id"], hash=fields["hash"])
    sql(gate, "DELETE FROM journal WHERE seq > 2")
    report = check(gate)
    assert (report.first.seq, report.first.message) == (2, verify.FOREIGN)


def test_verifying_from_the_service_is_journaled_with_its_outcome(gate, clock):
    write_entries(gate, clock, 3)
    report = service(gate).verify_station(gate.admin)
    assert report.ok
    entry = journal_entries(gate)[-1]
    assert (entry.operation, entry.compartment, entry.login) == ("consult", "journal", "admin")
    assert entry.detail == f"verification: the journal holds ({report.checked} entries)"
    sql(gate, "UPDATE journal SET detail = 'changed' WHERE seq = 2")
    assert service(gate).verify_station(gate.admin).first.seq == 2
    assert journal_entries(gate)[-1].detail == "verification: entry 2 does not hold"


def test_an_officer_without_the_journal_right_cannot_verify_it(gate):
    add_agent(gate)
    agent = gate.login("lpetit", AGENT_PASSWORD)
    with pytest.raises(AccessDenied):
        service(gate).verify_station(agent)


# -- a clock moved backwards -----------------------------------------------------------------------


def test_a_clock_moved_back_is_journaled_and_the_order_stays_by_sequence(gate, clock):
    write_entries(gate, clock, 3)
    before = journal_entries(gate)[-1]
    clock.advance(hours=-3)
    write_entries(gate, clock, 2)
    entries = journal_entries(gate)
    jump, after = entries[-3], entries[-2]
    assert jump.seq == before.seq + 1 and after.seq == jump.seq + 1
    assert jump.operation == Operation.CLOCK == "clock"
    assert jump.compartment == "journal" and jump.user_id is None
    assert format_time(before.at) in jump.detail and format_time(jump.at) in jump.detail
    assert jump.at < before.at and after.at >= jump.at
    assert [e.operation for e in entries].count("clock") == 1  # the next entries follow the new time
    assert check(gate).ok


def test_an_event_carrying_its_own_earlier_time_is_not_a_clock_jump(gate, clock):
    station = gate.services.station
    with station.uow() as uow:
        station.journal.append(uow.session, Operation.LOGIN_FAILED, login="lpetit", detail="before unlock",
                               at=clock.now() - timedelta(hours=1))
        uow.commit()
    assert "clock" not in [e.operation for e in journal_entries(gate)]
    assert check(gate).ok


def test_an_empty_journal_holds(gate):
    sql(gate, "DELETE FROM journal")
    report = check(gate)
    assert report.ok and report.checked == 0 and report.first_seq is None


def _insert(gate, fields: dict) -> None:
    columns = [c.name for c in JournalEntry.__table__.columns]
    values = {name: fields[name] for name in columns}
    at = values["at"]
    values["at"] = (at if isinstance(at, datetime) else at).astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    sql(gate, f"INSERT INTO journal ({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)})",
        **values)


# Every compartment docs/journal-format.md allows for an entry.
FORMAT_COMPARTMENTS = {"main_courante", "ecrits", "registres", "demandes", "journal", "administration"}


def test_a_retention_purge_journals_the_compartment_it_erased_from(gate, clock):
    gate.services.logbook.create(gate.admin, entry_data(clock.now()))
    gate.services.retention.purge_expired()  # nothing is old enough yet
    clock.advance(days=3 * 365 + 2)
    gate.services.retention.purge_expired()
    purges = [(e.compartment, e.detail) for e in journal_entries(gate)
              if e.operation == "purge" and e.record_kind == "retention"]
    assert purges[-2:] == [
        ("journal", "records erased: main_courante=0, ecrits=0, registres=0, demandes=0"),
        ("main_courante", "records erased: main_courante=1, ecrits=0, registres=0, demandes=0"),
    ]
    assert {e.compartment for e in journal_entries(gate)} <= FORMAT_COMPARTMENTS
