"""An extract names erased records the same whichever way it reads their erasures: all at once (a journal
of few erasures) or batch by batch through the record index (a journal of many), and gives its
connection's page cache back as it was."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import text

from app.audit.query import RecordNamer, batched, read_snapshot
from app.models import Operation
from tests.conftest import AGENT_PASSWORD, add_agent
from tests.logbook_helpers import entry_data
from tests.test_journal_support import write_entries


def test_erasures_read_batch_by_batch_name_the_records_as_erasures_read_at_once(gate, clock):
    station = gate.services.station
    add_agent(gate)
    agent = gate.login("lpetit", AGENT_PASSWORD)
    kept, once, twice = (gate.services.logbook.create(agent, entry_data(clock.now(), subject=s)).entry
                         for s in ("Tapage", "Chien errant", "Stationnement"))
    clock.advance(minutes=5)
    gate.services.logbook.erase(gate.admin, once.id, "Saisie en double")
    gate.services.logbook.erase(gate.admin, twice.id, "Erreur de saisie")
    clock.advance(minutes=5)
    with station.uow() as uow:  # the same record erased again (received from another station): the last one says
        station.journal.append(uow.session, Operation.ERASE, gate.admin, compartment="main_courante",
                               record_kind="logbook_entry", record_id=twice.id, motive="Seconde demande")
        uow.commit()
    with station.engine.begin() as conn:  # a record known only by its tombstone (its entries purged)
        conn.execute(text("INSERT INTO tombstones (record_kind, record_id, erased_at) VALUES "
                          "('intervention', 'record-0003', '2026-11-20 10:00:00.000000')"))
    for record in (kept.id, once.id, twice.id):
        write_entries(gate, clock, 4, actor=agent, record_kind="logbook_entry", record_id=record,
                      step=timedelta(minutes=1))
    write_entries(gate, clock, 6, actor=agent, step=timedelta(minutes=1))  # record-0000 ... record-0005

    kinds = gate.services.journal.kinds
    with station.database.use(), read_snapshot(station.engine) as reader:
        dbapi = reader.connection.dbapi_connection
        cache = dbapi.execute("PRAGMA cache_size").fetchone()[0]
        rows = list(reader.rows())
        at_once = RecordNamer(reader.connection, kinds)
        whole = dict(at_once(rows))
        by_batch = RecordNamer(reader.connection, kinds, whole_erasures=0)
        for batch in batched(rows, 7):
            named = by_batch(batch)
        assert dbapi.execute("PRAGMA cache_size").fetchone()[0] != cache  # the larger cache, for the lookups
    assert (at_once.by_batch, by_batch.by_batch) == (False, True)
    assert named == whole
    assert whole[("logbook_entry", kept.id)].erased_at is None
    assert whole[("logbook_entry", once.id)].motive == "Saisie en double"
    assert whole[("logbook_entry", twice.id)].motive == "Seconde demande"
    assert whole[("intervention", "record-0003")].erased_at == datetime(2026, 11, 20, 10, tzinfo=UTC)
    assert dbapi.execute("PRAGMA cache_size").fetchone()[0] == cache  # given back with the connection
