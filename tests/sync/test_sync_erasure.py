"""Two real stations and a real server: a main courante entry erased by retention on one station is
pushed as an erasure, the server forgets its earlier ciphertexts, both stations forget those envelopes
in their record of what they pulled, the digests still agree (nothing is taken for envelopes the server
lost), and the other station erases the entry too."""

from __future__ import annotations

from sqlalchemy import select

from app.models import JournalEntry, LogbookEntry, Tombstone
from app.models.sync import SyncAccount, SyncSeen
from app.server import db
from app.server.models import Envelope
from app.sync import protocol
from app.sync.engine import SyncEngine, SyncReport
from app.sync.envelope import ServiceKeys
from app.sync.transport import Transport
from tests.logbook_helpers import entry_data
from tests.server.test_blind import dump
from tests.server.test_erasure import traces
from tests.sync.conftest import sync_of

RETENTION_DAYS = 1095  # the main courante's default


def handle_of(gate, kind: str, record_id: str) -> str:
    with gate.opened().station.read() as uow:
        account = uow.session.get(SyncAccount, 1)
        return ServiceKeys(account.sync_key, account.handle_key).handle(kind, record_id)


def ciphertexts_on_the_server(database_url: str, handle: str) -> list[str]:
    engine = db.make_engine(database_url, pool_size=1)
    try:
        with engine.connect() as connection:
            rows = connection.execute(select(Envelope.ciphertext).where(Envelope.handle == handle)
                                      .order_by(Envelope.seq))
            return [protocol.b64encode(bytes(ciphertext)) for (ciphertext,) in rows]
    finally:
        engine.dispose()


def seen_seqs(gate, handle: str) -> list[int]:
    with gate.opened().station.read() as uow:
        return list(uow.session.scalars(select(SyncSeen.seq).where(SyncSeen.handle == handle)
                                        .order_by(SyncSeen.seq)))


def digest_agrees(gate) -> bool:
    """The comparison a sync makes after moving records, made now: no repair, nothing to resend."""
    with gate.opened().station.read() as uow:
        account = uow.session.get(SyncAccount, 1)
        uow.session.expunge(account)
    kernel = gate.opened().kernel
    with Transport(account.server_url, account.device_token) as transport:
        return SyncEngine(kernel.station, kernel.kinds, transport).verify(account, None, SyncReport()) == 0


def told_of_lost_envelopes(gate) -> list[str]:
    with gate.opened().station.read() as uow:
        return list(uow.session.scalars(select(JournalEntry.detail).where(
            JournalEntry.detail.like("server lost envelopes%"))))


def test_an_entry_erased_by_retention_leaves_no_ciphertext_and_no_difference(pair, sync_server, clock):
    a, b = pair
    entry = a.opened().logbook.create(a.admin, entry_data(clock.now(), subject="Différend, M. Lefebvre")).entry
    sync_of(a).sync(a.admin)
    a.opened().logbook.update(a.admin, entry.id, entry_data(clock.now(), subject="Différend, plainte retirée"),
                              expected_version=entry.version)
    for gate in (a, b, a, b):
        sync_of(gate).sync(gate.admin)
    handle = handle_of(a, "logbook_entry", entry.id)
    earlier = ciphertexts_on_the_server(sync_server.database_url, handle)
    assert len(earlier) == 2 and len(seen_seqs(a, handle)) == len(seen_seqs(b, handle)) == 2
    assert b.opened().logbook.get(b.admin, entry.id) is not None

    clock.advance(days=RETENTION_DAYS + 1)
    assert a.opened().retention.purge_expired()["main_courante"] == 1
    pushed = sync_of(a).sync(a.admin)
    assert pushed.repaired == 0 and pushed.pulled.erased == 0  # its own erasure back: nothing received
    pulled = sync_of(b).sync(b.admin)
    assert pulled.pulled.erased >= 1 and pulled.repaired == 0

    # The server holds the erasure alone; none of the entry's earlier ciphertexts is in its files.
    [tombstone] = ciphertexts_on_the_server(sync_server.database_url, handle)
    content = dump(sync_server.database_url)
    assert [piece for c in earlier for piece in traces(c) if piece in content] == []
    assert any(piece in content for piece in traces(tombstone))
    # Each station's record holds the erasure alone, as the server does: the digests agree.
    for gate in (a, b):
        assert len(seen_seqs(gate, handle)) == 1
        assert sync_of(gate).sync(gate.admin).repaired == 0
        assert digest_agrees(gate)
        assert told_of_lost_envelopes(gate) == []
    with b.opened().station.read() as uow:
        assert uow.session.get(LogbookEntry, entry.id) is None
        assert uow.session.get(Tombstone, ("logbook_entry", entry.id)) is not None
