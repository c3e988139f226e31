"""A copy of a station's folder run as a station of its own (a restored snapshot, a cloned disk) pushes
journal entries at places of that station's chain already taken: each is refused alone, said once, and the
other stations go on syncing."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from app.models import JournalEntry
from app.models.sync import SyncAccount
from app.sync.envelope import Change
from tests.conftest import journal_entries
from tests.sync.conftest import push_sealed, sync_of
from tests.sync.test_sync import sync_all


def test_a_twins_journal_entry_at_a_taken_place_is_refused_alone_and_the_sync_goes_on(pair):
    a, b = pair
    sync_all(a, b)
    station = b.opened()
    with station.station.read() as uow:
        entry = uow.session.scalars(select(JournalEntry).where(JournalEntry.station_id == station.station.id)
                                    .order_by(JournalEntry.seq.desc())).first()
        account = uow.session.get(SyncAccount, 1)
        assert entry is not None and account is not None
        uow.session.expunge_all()
        twin = {**station.kernel.kinds["journal_entry"].payload(entry), "id": str(uuid.uuid4()),
                "detail": "la copie du poste"}
    (seq,) = push_sealed(account.server_url, account, [
        Change("journal_entry", twin["id"], "upsert", twin, station.station.id, entry.seq)])
    report = sync_of(a).sync(a.admin)
    assert report.pulled.refused == [seq]
    assert sync_of(a).status().refused == 1
    assert [e for e in journal_entries(a) if f"envelope {seq} refused" in e.detail]
    again = sync_of(a).sync(a.admin)  # the next sync goes on, and says nothing more of it
    assert again.pulled.refused == [] and sync_of(a).status().refused == 1
