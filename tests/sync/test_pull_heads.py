"""A new station's first pull does not look for heads it cannot hold (app/sync/batch.py: HeldHeads).
Another sync of the same station (a `vigie sync now` beside the application's timer) that ran meanwhile
is met twice: the envelopes it applied are not applied again (the checkpoint, read under the write
lock), and a record it made a head for, edited since, is met by the heads' key, so the pages are applied
carefully: each record once, the edit applied, nothing refused, the digests equal."""

from __future__ import annotations

import json
from dataclasses import replace

from sqlalchemy import func, select

from app.models import LogbookNature, SyncConflict
from app.models.sync import SyncHead
from app.sync import pull_run
from app.sync.pull_run import after_commit
from app.sync.envelope import Change
from tests.sync.conftest import push_sealed, sync_of

NATURES = 1_100  # two pages
EDITED = 10


def seeded(gate) -> int:
    """The natures a station is made with, which the station that registered the service sent (queue_held)."""
    with gate.opened().station.read() as uow:
        return int(uow.session.scalar(select(func.count()).select_from(LogbookNature)
                                      .where(LogbookNature.code.not_like("tete_%"))) or 0)


def _natures() -> list[Change]:
    return [Change("logbook_nature", f"tete_{index:05d}", "upsert", {
        "code": f"tete_{index:05d}", "label": f"Nature {index}", "active": True, "position": index}, "station-a",
        index + 1) for index in range(NATURES)]


def test_a_first_pull_meets_what_another_sync_of_its_station_did_meanwhile_and_applies_each_record_once(
        pair, sync_server, monkeypatch):
    a, b = pair
    sync_of(a).sync(a.admin)
    account = sync_of(a)._account()
    natures = _natures()
    seqs = push_sealed(sync_server.url, account, natures)
    with b.opened().station.read() as uow:
        assert uow.session.scalar(select(func.count()).select_from(SyncHead)) == 0  # never pulled
    inner: list = []

    class ThenAnotherSync(pull_run.LongPull):
        def __enter__(self) -> pull_run.LongPull:
            if not inner:  # once this pull has read that there are no heads, another one runs to its end
                inner.append(None)
                inner[0] = sync_of(b).sync(b.admin)
                edits = [replace(change, payload={**change.payload, "label": f"Nature {index} (renommée)"},
                                 counter=NATURES + index + 1) for index, change in enumerate(natures[:EDITED])]
                push_sealed(sync_server.url, account, edits, bases=seqs[:EDITED])
            return super().__enter__()

    monkeypatch.setattr(pull_run, "LongPull", ThenAnotherSync)
    outer = sync_of(b).sync(b.admin)

    assert inner[0].pulled.kinds["logbook_nature"] == NATURES + seeded(a)
    assert outer.pulled.kinds == {"logbook_nature": EDITED}  # the edits only: the rest was applied already
    assert not outer.pulled.refused and not outer.pulled.conflicts and outer.repaired == 0
    with b.opened().station.read() as uow:
        labels = dict(uow.session.execute(select(LogbookNature.code, LogbookNature.label)
                                          .where(LogbookNature.code.like("tete_%"))).all())
        assert uow.session.scalar(select(func.count()).select_from(SyncConflict)) == 0
    assert len(labels) == NATURES and labels["tete_00000"] == "Nature 0 (renommée)"
    assert sum(label.endswith("(renommée)") for label in labels.values()) == EDITED
    assert not sync_of(b).sync(b.admin).moved


def test_a_nature_typed_by_hand_during_a_first_pull_with_the_code_of_one_pulled_later_is_kept_not_overwritten(
        pair, sync_server, monkeypatch):
    """A first pull looks only for the records its station held when it met their kind, and those it made
    (HeldHeads.records_among): one typed here meanwhile, whose code a later page brings, waits in the outbox,
    and the page keeps it with the server's state as its shadow, as it would had the nature been there first."""
    a, b = pair
    sync_of(a).sync(a.admin)
    push_sealed(sync_server.url, sync_of(a)._account(), _natures())
    typed: list = []

    def then_typed_by_hand(engine, report, applied) -> None:
        after_commit(engine, report, applied)
        if not typed:  # the first page committed: the kind is met, the write lock free
            typed.append(b.opened().logbook.add_nature(b.admin, "Tete 01050"))

    monkeypatch.setattr(pull_run, "GROUP_ENVELOPES", 1)  # each page committed on its own
    monkeypatch.setattr(pull_run, "after_commit", then_typed_by_hand)
    report = sync_of(b).sync(b.admin)

    assert typed[0].code == "tete_01050"
    assert report.pulled.kinds["logbook_nature"] == NATURES + seeded(a) and not report.pulled.refused
    with b.opened().station.read() as uow:
        labels = dict(uow.session.execute(select(LogbookNature.code, LogbookNature.label)
                                          .where(LogbookNature.code.like("tete_%"))).all())
    assert len(labels) == NATURES
    assert labels["tete_01050"] == "Tete 01050"  # what was typed here, not yet pushed
    assert labels["tete_01049"] == "Nature 1049" and labels["tete_00000"] == "Nature 0"
    # Pushed at the next sync, over a server that has its own: both kept, for a person to settle.
    assert sync_of(b).sync(b.admin).pulled.conflicts == 1
    with b.opened().station.read() as uow:
        kept, other = uow.session.execute(select(SyncConflict.kept_payload, SyncConflict.other_payload)
                                          .where(SyncConflict.record_id == "tete_01050")).one()
    assert {json.loads(kept)["label"], json.loads(other)["label"]} == {"Tete 01050", "Nature 1050"}
