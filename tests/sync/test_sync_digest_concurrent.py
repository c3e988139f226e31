"""The digest tells an erasure made meanwhile from a server that lost data. Another station's erasure,
pushed between this station's last pulled page and its digest comparison, deletes envelopes this
station holds: the station pulls what came since, forgets them, and finds the digests equal, with no
repair journaled. A server restored from an older copy really lacks envelopes: the repair is journaled
and the lost data sent again (two stations, a real server on loopback)."""

from __future__ import annotations

import sqlite3

from app.models import LogbookEntry
from tests.logbook_helpers import entry_data
from tests.sync.conftest import sync_of
from tests.sync.test_sync_erasure import (
    RETENTION_DAYS, ciphertexts_on_the_server, digest_agrees, handle_of, told_of_lost_envelopes,
)


def subjects(gate) -> set[str]:
    with gate.opened().station.read() as uow:
        return set(uow.session.scalars(LogbookEntry.__table__.select().with_only_columns(LogbookEntry.subject)))


def test_an_erasure_pushed_between_the_last_page_and_the_digest_is_no_loss(pair, sync_server, clock, second_clock):
    a, b = pair
    erased = a.opened().logbook.create(a.admin, entry_data(clock.now(), subject="Différend, M. Lefebvre")).entry
    for gate in (a, b):
        sync_of(gate).sync(gate.admin)
    handle = handle_of(a, "logbook_entry", erased.id)
    assert ciphertexts_on_the_server(sync_server.database_url, handle)
    second_clock.advance(days=RETENTION_DAYS + 1)
    b.opened().logbook.create(b.admin, entry_data(second_clock.now(), subject="Chien errant"))
    sync_of(b).sync(b.admin)
    assert b.opened().retention.purge_expired()["main_courante"] == 1  # queued on b, not pushed yet

    pushed_meanwhile: list[int] = []

    def after_a_page(step: str, _count: int) -> None:
        if step == "pull" and not pushed_meanwhile:  # a has applied its page; its digest comes next
            pushed_meanwhile.append(sync_of(b).sync(b.admin).pushed)

    report = sync_of(a).sync(a.admin, after_a_page)
    assert pushed_meanwhile and pushed_meanwhile[0] >= 1
    [tombstone] = ciphertexts_on_the_server(sync_server.database_url, handle)  # the server forgot the rest
    assert report.repaired == 0 and report.pulled.erased >= 1
    assert told_of_lost_envelopes(a) == []
    assert digest_agrees(a) and digest_agrees(b)
    assert subjects(a) == subjects(b) == {"Chien errant"}


def test_a_server_restored_from_an_older_copy_is_repaired_and_says_so(own_pair, own_server, clock, tmp_path):
    a, b = own_pair
    a.opened().logbook.create(a.admin, entry_data(clock.now(), subject="Avant la sauvegarde"))
    for gate in (a, b):
        sync_of(gate).sync(gate.admin)
    database, copy = own_server.database_url.removeprefix("sqlite:///"), tmp_path / "yesterday.db"
    with sqlite3.connect(database) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    a.opened().logbook.create(a.admin, entry_data(clock.now(), subject="Après la sauvegarde"))
    sync_of(a).sync(a.admin)
    with sqlite3.connect(copy) as source, sqlite3.connect(database) as target:
        source.backup(target)  # the server's disk is back to the copy: it lost the second entry

    report = sync_of(a).sync(a.admin)
    assert report.repaired > 0
    assert [detail for detail in told_of_lost_envelopes(a) if detail.startswith("server lost envelopes after")]
    sync_of(b).sync(b.admin)
    assert subjects(b) == subjects(a) == {"Avant la sauvegarde", "Après la sauvegarde"}
    assert digest_agrees(a) and digest_agrees(b)
