"""Two real stations and a real server: a main courante entry erased by retention on one station while the
other, offline, edits it (a new history row) or names a new person in it. The erasure prevails: the
station that erased it does not insert the children it pulls (their parent is erased) but erases them too
and says so; the station that edited erases the children it holds as it applies the erasure; nothing is
stuck, both hold the same records, the server keeps no ciphertext of the children, and both journal it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.logbook.types import PersonData
from app.models import (JournalEntry, LogbookAttachment, LogbookEntry, LogbookPerson, LogbookVersion, OutboxChange,
                        Tombstone)
from app.sync.attachments import blob_handle
from tests.logbook_helpers import entry_data
from tests.server.test_blind import dump
from tests.server.test_erasure import traces
from tests.sync.conftest import sync_of
from tests.sync.test_sync_attachments import keys_of, report_pdf, server_chunks
from tests.sync.test_sync_erasure import RETENTION_DAYS, ciphertexts_on_the_server, digest_agrees, handle_of


def ids_of(gate, model, entry_id: str) -> set[str]:
    with gate.opened().station.read() as uow:
        return set(uow.session.scalars(select(model.id).where(model.entry_id == entry_id)))


def erasures_journaled(gate, kind: str, record_id: str) -> int:
    with gate.opened().station.read() as uow:
        return len(list(uow.session.scalars(select(JournalEntry.id).where(
            JournalEntry.operation == "erase", JournalEntry.record_kind == kind, JournalEntry.record_id == record_id))))


CHILDREN = (LogbookVersion, LogbookPerson, LogbookAttachment)


def children_of_entry(gate, entry_id: str) -> set[str]:
    return set().union(*(ids_of(gate, model, entry_id) for model in CHILDREN))


# sent_first: b sends the child before the erasure reaches the server, so that b holds it, pulled back,
# when the erasure arrives (the erasure takes it along); else b's child comes back after it (not written).
@pytest.mark.parametrize(("child", "sent_first"), [("version", False), ("person", False), ("attachment", False),
                                                   ("person", True)])
def test_an_entry_erased_while_another_station_adds_a_child_erases_the_child_everywhere(
        pair, sync_server, clock, second_clock, child, sent_first):
    a, b = pair
    entry = a.opened().logbook.create(a.admin, entry_data(clock.now(), subject="Différend, M. Lefebvre")).entry
    for gate in (a, b):
        sync_of(gate).sync(gate.admin)
    clock.advance(days=RETENTION_DAYS + 1)
    second_clock.advance(days=RETENTION_DAYS + 1)
    before = children_of_entry(b, entry.id)

    # b, offline, changes the entry: a new history row, and a new person for one of the two cases.
    if child == "person":
        b.opened().logbook.add_person(b.admin, entry.id, PersonData("witness", "Martin", "Apolline"),
                                      expected_version=entry.version)
    elif child == "attachment":
        b.opened().logbook.add_attachment(b.admin, entry.id, data=report_pdf(), filename="plainte.pdf")
    else:
        b.opened().logbook.update(b.admin, entry.id, entry_data(clock.now(), subject="Différend, plainte déposée"),
                                  expected_version=entry.version)
    added = children_of_entry(b, entry.id) - before
    assert added
    with b.opened().station.read() as uow:
        files = list(uow.session.scalars(select(LogbookAttachment.blob).where(LogbookAttachment.entry_id == entry.id)))
    if sent_first:
        sync_of(b).sync(b.admin)
    assert a.opened().retention.purge_expired()["main_courante"] == 1
    first = sync_of(a).sync(a.admin)  # the erasure reaches the server (before the child, unless sent_first)
    reports = [sync_of(b).sync(b.admin)]
    # b pulled the erasure and erased the children it held: only a, which erased the entry, queues their
    # erasures (as each child reaches it), so b sends none.
    assert waiting(b) == [] and reports[0].erasures_over_stale == 0
    reports += [sync_of(gate).sync(gate.admin) for gate in (a, b, a)]

    # The children b made are not refused by a: erased over a stale change, said in the report.
    assert [len(report.pulled.refused) for report in reports] == [0, 0, 0, 0]
    assert first.pulled.erased_over_stale + reports[1].pulled.erased_over_stale == len(added)
    assert first.erasures_over_stale + reports[1].erasures_over_stale >= len(added)
    children = tombstoned(a, added)
    assert len(children) == len(added) and sorted(tombstoned(b, added)) == sorted(children)
    for gate in (a, b):
        assert children_of_entry(gate, entry.id) == set()
        with gate.opened().station.read() as uow:
            assert uow.session.get(LogbookEntry, entry.id) is None
        assert digest_agrees(gate)
        # Each station journals the erasure of the children: a over the pulled ones, b as it applied the erasure.
        assert all(erasures_journaled(gate, kind, record_id) == 1 for kind, record_id in children)
    with a.opened().station.read() as uow:  # a's retention, as any purge
        assert uow.session.scalars(select(JournalEntry.id).where(JournalEntry.operation == "purge",
                                                                 JournalEntry.record_kind == "retention")).all()

    assert erasures_queued(b, added) == [] and len(erasures_queued(a, added)) == len(added)
    # Nothing is stuck: a third sync of each moves nothing.
    for gate in (a, b):
        again = sync_of(gate).sync(gate.admin)
        assert not again.moved and not again.pulled.refused
    # The server keeps no ciphertext of the children b made: each handle holds its erasure alone.
    content = dump(sync_server.database_url)
    for kind, record_id in children:
        [erasure] = ciphertexts_on_the_server(sync_server.database_url, handle_of(a, kind, record_id))
        assert any(piece in content for piece in traces(erasure))
    # The file of an attachment b made leaves the server and b's disk.
    keys, _tenant = keys_of(b)
    for name in files:
        assert server_chunks(sync_server, blob_handle(keys, name)) == []
        assert not (b.opened().station.paths.attachments / name[:2] / name).exists()


def waiting(gate) -> list[tuple[str, str, str]]:
    with gate.opened().station.read() as uow:
        return [tuple(row) for row in uow.session.execute(select(
            OutboxChange.operation, OutboxChange.record_kind, OutboxChange.record_id).where(
            OutboxChange.pushed_at.is_(None)))]


def erasures_queued(gate, ids: set[str]) -> list[str]:
    with gate.opened().station.read() as uow:
        return list(uow.session.scalars(select(OutboxChange.record_id).where(
            OutboxChange.operation == "erase", OutboxChange.record_id.in_(ids))))


def tombstoned(gate, ids: set[str]) -> list[tuple[str, str]]:
    with gate.opened().station.read() as uow:
        return [(kind, record_id) for kind, record_id in uow.session.execute(
            select(Tombstone.record_kind, Tombstone.record_id).where(Tombstone.record_id.in_(ids)))]



def test_every_kind_with_a_parent_names_it_by_a_foreign_key(gate):
    """Each kind declared with a parent (the main courante's and the écrits' children) is found as a child of
    it, by the column that holds its parent's key: an erasure finds every child of the erased record."""
    from app.sync.pull_erased import children_of

    kinds = gate.opened().kernel.kinds
    parented = {kind.name: kind.parent for kind in kinds if kind.parent}
    assert {"logbook_version", "logbook_person", "logbook_attachment", "logbook_agent", "writing_person",
            "writing_offence", "writing_addendum", "writing_qualification"} <= set(parented)
    children = children_of(kinds)
    found = {child.name: (parent, column) for parent, named in children.items() for child, column in named}
    assert {name: parent for name, (parent, _column) in found.items()} == parented
    assert {column for _parent, column in found.values()} == {"entry_id", "writing_id"}
