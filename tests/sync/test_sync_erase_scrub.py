"""A court outcome erases the personal data of a main courante entry on one station, which keeps the
entry: its emptied history reaches the server as states that replace the earlier ones, a real server
(SQLite, and PostgreSQL when VIGIE_TEST_POSTGRES_URL is set) then holds none of the earlier ciphertexts,
the other station's history is emptied too, and a station joining afterwards holds the name nowhere."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from sqlalchemy import select, text

from app.logbook.types import PersonData
from app.models import LogbookPerson, LogbookVersion
from app.models.sync import SyncAccount
from app.server import db
from app.server.models import Envelope
from app.sync import protocol
from app.sync.envelope import ServiceKeys, open_envelope
from tests.conftest import FakeClock
from tests.logbook_helpers import entry_data
from tests.server.conftest import empty_database, postgres_database  # noqa: F401 (a fixture)
from tests.server.processes import ServerProcess
from tests.server.test_blind import dump
from tests.server.test_erasure import traces
from tests.sync.conftest import RunningServer, enrolled_pair, join_by_pairing, make_gate, sync_of

NAME, FIRST_NAMES, ADDRESS = "Quintavalle", "Hermeline", "7 impasse des Tilleuls"


@pytest.fixture(params=["sqlite", "postgresql"])
def scrub_server(request) -> Iterator[RunningServer]:
    if request.param == "sqlite":
        yield request.getfixturevalue("sync_server")
        return
    url = request.getfixturevalue("postgres_database")
    empty_database(url)
    running = RunningServer(ServerProcess(url, pairings_per_address=1000).start(), url)
    yield running
    running.stop()


def server_envelopes(database_url: str) -> list[tuple[int, str, str, str, bytes]]:
    engine = db.make_engine(database_url, pool_size=1)
    try:
        with engine.connect() as connection:
            rows = connection.execute(select(Envelope.seq, Envelope.tenant_id, Envelope.handle, Envelope.mutation_id,
                                             Envelope.ciphertext).order_by(Envelope.seq))
            return [(int(seq), tenant, handle, mutation, bytes(cipher)) for seq, tenant, handle, mutation, cipher
                    in rows]
    finally:
        engine.dispose()


def plaintexts(gate, database_url: str) -> list[str]:
    """Every envelope of the station's service on the server, opened with the service's keys."""
    with gate.opened().station.read() as uow:
        account = uow.session.get(SyncAccount, 1)
        keys, tenant_id = ServiceKeys(account.sync_key, account.handle_key), account.tenant_id
    opened = []
    for _seq, tenant, handle, mutation_id, ciphertext in server_envelopes(database_url):
        if tenant == tenant_id:
            change = open_envelope(keys, tenant_id, handle, mutation_id, ciphertext)
            opened.append(f"{change.kind} {change.operation} {change.payload}")
    return opened


def everything_stored(gate) -> str:
    """Every row of every table of the station's database, its search index's included, as text."""
    with gate.opened().station.read() as uow:
        names = uow.session.scalars(text("SELECT name FROM sqlite_master WHERE type = 'table'")).all()
        return "\n".join(str(row) for name in names for row in uow.session.execute(text(f'SELECT * FROM "{name}"')))


def test_personal_data_erased_by_a_court_outcome_leave_the_server_and_every_station(
        gate, other_station, scrub_server, clock, new_station, tmp_path):
    a, b = gate, other_station
    enrolled_pair(a, scrub_server, b)
    logbook = a.opened().logbook
    entry = logbook.create(a.admin, entry_data(clock.now(), subject="Différend de voisinage"),
                           [PersonData("suspect", NAME, FIRST_NAMES, address=ADDRESS)]).entry
    logbook.update(a.admin, entry.id, entry_data(clock.now(), subject="Différend de voisinage, suite"),
                   expected_version=entry.version)
    for station in (a, b):
        sync_of(station).sync(station.admin)
    earlier = [protocol.b64encode(cipher) for *_, cipher in server_envelopes(scrub_server.database_url)]
    assert any(NAME in plain for plain in plaintexts(a, scrub_server.database_url))
    assert NAME in everything_stored(b)  # the search below finds what is there

    a.opened().retention.erase_case_personal_data(a.admin, "logbook_entry", entry.id, "Relaxe du 12 mars")
    for station in (a, b):
        assert sync_of(station).sync(station.admin).repaired == 0

    # The server: none of what held the name, neither in its envelopes opened nor as bytes in its files.
    assert [plain for plain in plaintexts(a, scrub_server.database_url) if NAME in plain or ADDRESS in plain] == []
    content = dump(scrub_server.database_url)
    now_there = {protocol.b64encode(cipher) for *_, cipher in server_envelopes(scrub_server.database_url)}
    gone = [cipher for cipher in earlier if cipher not in now_there]
    assert gone and [piece for cipher in gone for piece in traces(cipher) if piece in content] == []

    # The other station's history was emptied as the first one's was; neither holds the name anywhere.
    for station in (a, b):
        with station.opened().station.read() as uow:
            states = uow.session.scalars(select(LogbookVersion.state).where(LogbookVersion.entry_id == entry.id)).all()
            assert states and all('"people": []' in state for state in states)
            assert uow.session.scalars(select(LogbookPerson).where(LogbookPerson.entry_id == entry.id)).all() == []
        assert NAME not in everything_stored(station) and ADDRESS not in everything_stored(station)
        assert station.opened().logbook.search(station.admin, NAME, motive="Enquête", people=True).rows == ()

    # A station joining afterwards receives the entry and its emptied history, and the name nowhere.
    c = make_gate(tmp_path / "third", FakeClock())
    try:
        c.admin, _ = c.create(replace(new_station, admin_login="brigadier", admin_full_name="Léa Roux"))
        join_by_pairing(a, scrub_server, c, 3)
        sync_of(c).sync(c.admin)
        history = c.opened().logbook.history(c.admin, entry.id)
        assert len(history) >= 3
        assert NAME not in everything_stored(c) and ADDRESS not in everything_stored(c)
        assert c.opened().logbook.search(c.admin, NAME, motive="Enquête", people=True).rows == ()
        assert sync_of(c).sync(c.admin).repaired == 0
    finally:
        c.close()


def test_an_acquittal_empties_the_document_and_its_addendum_on_the_other_station_and_the_server(pair, sync_server):
    """A signed PV and its addendum (append-only), emptied by an acquittal on one station: the other station
    holds the emptied addendum and document, and the server none of the states that named the people."""
    from datetime import date

    from app.models.writings import OutcomeKind
    from app.writings.types import OutcomeData
    from tests.conftest import ADMIN_PASSWORD
    from tests.test_writings_support import draft_pv

    a, b = pair
    writings = a.opened().writings
    signed = writings.sign(a.admin, draft_pv(a).id, ADMIN_PASSWORD)
    writings.add_addendum(a.admin, signed.id, "M. Dupré a rappelé le service.", ADMIN_PASSWORD)
    for station in (a, b):
        sync_of(station).sync(station.admin)
    assert "Dupré" in everything_stored(b)
    writings.record_outcome(a.admin, signed.id, OutcomeData(OutcomeKind.ACQUITTAL, date(2027, 1, 15),
                                                            "Parquet de Poitiers"))
    for station in (a, b):
        assert sync_of(station).sync(station.admin).repaired == 0
    assert [plain for plain in plaintexts(a, sync_server.database_url) if "Dupré" in plain or "Tilleuls" in plain] == []
    for station in (a, b):
        assert "Dupré" not in everything_stored(station) and "Tilleuls" not in everything_stored(station)
    shown = b.opened().writings.get(b.admin, signed.id)
    assert shown.personal_data_erased_at is not None and shown.people == () and shown.facts == ""
    assert [addendum.text for addendum in shown.addenda] == [""]
