"""A record keyed by a natural key (the commune's logo, a letterhead named "logo") erased on one station:
its earlier ciphertexts leave the server as any erased record's do, the other station erases it too, the
digests still agree, and a logo set again afterwards (the same key, so the same handle) is stored by the
server, which an erasure closing the handle would have refused."""

from __future__ import annotations

from app.models import WritingLetterhead
from tests.server.test_blind import dump
from tests.server.test_erasure import traces
from tests.sync.conftest import sync_of
from tests.sync.test_sync_erasure import (
    ciphertexts_on_the_server, digest_agrees, handle_of, told_of_lost_envelopes,
)

FIRST_LOGO = b"\x89PNG\r\n\x1a\n" + b"armoiries de Montclair, premier dessin" * 8
SECOND_LOGO = b"\x89PNG\r\n\x1a\n" + b"armoiries de Montclair, second dessin" * 8


def logo(gate) -> bytes | None:
    with gate.opened().station.read() as uow:
        row = uow.session.get(WritingLetterhead, "logo")
        return None if row is None else bytes(row.data)


def test_a_logo_removed_leaves_the_server_which_stores_it_again_when_set_again(pair, sync_server):
    a, b = pair
    templates = a.opened().writing_templates
    templates.set_logo(a.admin, FIRST_LOGO)
    for gate in (a, b):
        sync_of(gate).sync(gate.admin)
    assert logo(b) == FIRST_LOGO
    handle = handle_of(a, "writing_letterhead", "logo")
    [earlier] = ciphertexts_on_the_server(sync_server.database_url, handle)

    templates.set_logo(a.admin, None)
    for gate in (a, b):
        assert sync_of(gate).sync(gate.admin).repaired == 0
    [tombstone] = ciphertexts_on_the_server(sync_server.database_url, handle)
    assert tombstone != earlier
    assert [piece for piece in traces(earlier) if piece in dump(sync_server.database_url)] == []
    assert logo(b) is None

    templates.set_logo(a.admin, SECOND_LOGO)
    for gate in (a, b):
        assert sync_of(gate).sync(gate.admin).repaired == 0
    assert ciphertexts_on_the_server(sync_server.database_url, handle)[0] == tombstone
    assert len(ciphertexts_on_the_server(sync_server.database_url, handle)) == 2
    for gate in (a, b):
        assert digest_agrees(gate) and told_of_lost_envelopes(gate) == []
