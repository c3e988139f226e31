"""The journal writes its entries straight on the transaction's connection: what it wrote is what the
models read back, and it commits or rolls back with the operation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from app.audit.chain import entry_hash
from app.models import Operation
from app.models.journal import JournalEntry
from tests.conftest import add_agent, journal_entries, user_row


def test_an_entry_reads_back_through_the_models_as_it_was_written_and_chained(gate, clock):
    station = gate.services.station
    before = journal_entries(gate)[-1]
    # An hour east of UTC, microseconds: stored in UTC, read back the same instant.
    at = datetime(2026, 11, 22, 8, 52, 7, 830001, tzinfo=timezone(timedelta(hours=1)))
    with station.uow() as uow:
        written = station.journal.append(uow.session, Operation.CONSULT, gate.admin, compartment="main_courante",
                                         record_kind="intervention", record_id="r-1", detail="Hélène \"dit\"",
                                         at=at)
        read = uow.session.get(JournalEntry, written.seq)  # the same transaction sees it at once
        assert read is not None and read.at == at
        uow.commit()
    entry = journal_entries(gate)[-1]
    assert (entry.seq, entry.id, entry.hash, entry.tag) == (written.seq, written.id, written.hash, written.tag)
    assert entry.seq == before.seq + 1 and entry.prev_hash == before.hash
    assert entry.at == at and entry.at.tzinfo == UTC
    assert (entry.login, entry.user_id, entry.detail) == (gate.admin.login, gate.admin.user_id, "Hélène \"dit\"")
    fields = {name: getattr(entry, name) for name in ("seq", "id", "at", "station_id", "user_id", "login",
                                                      "matricule", "operation", "compartment", "record_kind",
                                                      "record_id", "motive", "recipient", "detail", "prev_hash")}
    assert entry_hash(fields) == entry.hash and len(entry.tag) == 64
    add_agent(gate, "mdurand")  # the account's row (ORM) and its CREATE entry (direct) in one commit
    entry, user = journal_entries(gate)[-1], user_row(gate, "mdurand")
    assert user is not None and (entry.operation, entry.record_id) == ("create", user.id)


def test_an_entry_goes_with_a_rolled_back_operation_and_a_time_without_a_zone_writes_nothing(gate, clock):
    station = gate.services.station
    last = journal_entries(gate)[-1].seq
    with station.uow() as uow:
        station.journal.append(uow.session, Operation.CONSULT, gate.admin, compartment="main_courante")
        # not committed
    assert journal_entries(gate)[-1].seq == last
    with station.uow() as uow:
        written = station.journal.append(uow.session, Operation.CONSULT, gate.admin, compartment="main_courante")
        uow.commit()
    assert written.seq == last + 1 and journal_entries(gate)[-1].hash == written.hash
    with station.uow() as uow, pytest.raises(ValueError):
        station.journal.append(uow.session, Operation.CONSULT, gate.admin, at=datetime(2026, 11, 22, 8, 0))
    assert journal_entries(gate)[-1].seq == written.seq
