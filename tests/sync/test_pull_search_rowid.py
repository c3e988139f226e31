"""Main courante entries received from another station take their full-text index rowids with one read of the
index's last rowid per pulled transaction, not one per entry, and each is found by the search as one typed here."""

from __future__ import annotations

from sqlalchemy import event, text

from tests.logbook_helpers import entry_data
from tests.sync.conftest import sync_of

ENTRIES = 30


def test_received_entries_read_the_last_rowid_once_and_are_found(pair, sync_server, clock):
    a, b = pair
    made = [a.opened().logbook.create(a.admin, entry_data(clock.now(), subject=f"Tapage nocturne numéro{index}")).entry
            for index in range(ENTRIES)]
    sync_of(a).sync(a.admin)
    reads: list[str] = []

    def executed(connection, cursor, statement, parameters, context, many) -> None:
        if "max(search_rowid)" in statement:
            reads.append(statement)

    engine = b.opened().station.engine
    event.listen(engine, "before_cursor_execute", executed)
    try:
        report = sync_of(b).sync(b.admin)
    finally:
        event.remove(engine, "before_cursor_execute", executed)
    assert report.pulled.kinds["logbook_entry"] == ENTRIES and len(reads) == 1
    for index in (0, 17, ENTRIES - 1):
        assert [row.id for row in b.opened().logbook.search(b.admin, f"numéro{index}").rows] == [made[index].id]
    with b.opened().station.read() as uow:
        indexed = set(uow.session.execute(text("SELECT rowid FROM logbook_search")).scalars())
        rowids = list(uow.session.execute(text("SELECT search_rowid FROM logbook_entries")).scalars())
    assert len(set(rowids)) == len(rowids) and indexed == set(rowids)
    # An entry typed on b afterwards takes a rowid of its own and is found too.
    typed = b.opened().logbook.create(b.admin, entry_data(clock.now(), subject="Tapage nocturne numérodernier")).entry
    assert [row.id for row in b.opened().logbook.search(b.admin, "numérodernier").rows] == [typed.id]
