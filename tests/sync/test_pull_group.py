"""Several pulled pages are applied in one transaction with the checkpoint after them; when the database
refuses one envelope of them (an account whose login another account holds), the pages are applied
again one by one and that envelope alone is refused, reported and journaled, every other applied once."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select

from app.models import LogbookNature, User
from app.models.sync import SyncAccount
from app.sync.envelope import Change
from tests.conftest import journal_entries
from tests.sync.conftest import push_sealed, sync_of

NATURES = 1_100  # two pages of the server's thousand


def test_pages_applied_together_refuse_the_one_envelope_the_database_refuses_and_keep_the_others(pair, sync_server):
    a, b = pair
    sync_of(a).sync(a.admin)
    sync_of(b).sync(b.admin)  # b holds a's administrator now
    account = sync_of(a)._account()
    with a.opened().station.read() as uow:
        admin = uow.session.scalars(select(User).where(User.login == "admin")).one()
        twin = a.opened().kernel.kinds["user"].payload(admin) | {"id": str(uuid.uuid4())}
    natures = [Change("logbook_nature", f"banc_{index:05d}", "upsert", {
        "code": f"banc_{index:05d}", "label": f"Nature {index}", "active": True, "position": index}, "station-a",
        index + 1) for index in range(NATURES)]
    bad = Change("user", twin["id"], "upsert", twin, "station-a", 0)
    seqs = push_sealed(sync_server.url, account, [*natures[:1_050], bad, *natures[1_050:]])
    report = sync_of(b).sync(b.admin)
    assert report.pulled.refused == [seqs[1_050]]
    assert report.pulled.kinds["logbook_nature"] == NATURES and sync_of(b).status().refused == 1
    with b.opened().station.read() as uow:
        session = uow.session
        assert session.scalar(select(func.count()).select_from(LogbookNature)
                              .where(LogbookNature.code.like("banc_%"))) == NATURES
        assert session.scalar(select(func.count()).select_from(User).where(User.login == "admin")) == 1
        assert session.get(SyncAccount, 1).checkpoint >= seqs[-1]  # and b's own journal entries after them
    assert any(e.operation == "sync" and f"envelope {seqs[1_050]} refused" in e.detail for e in journal_entries(b))
    again = sync_of(b).sync(b.admin)  # nothing applied twice
    assert not again.moved and not again.pulled.refused
