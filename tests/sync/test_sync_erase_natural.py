"""A record keyed by a natural key (the commune's logo, a letterhead named "logo") removed on one station
while the other had just changed it: the erasure prevails and is said as such, not as a conflict; the
earlier ciphertexts of both stations leave the server as any erased record's do, the other station
removes it too, the digests still agree, and a logo set again afterwards (the same key, so the same
handle) is stored by the server, which an erasure closing the handle would have refused, and reaches
the other station, whose tombstone of it goes."""

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
THIRD_LOGO = b"\x89PNG\r\n\x1a\n" + b"armoiries de Montclair, dessin de 2027" * 8


def logo(gate) -> bytes | None:
    with gate.opened().station.read() as uow:
        row = uow.session.get(WritingLetterhead, "logo")
        return None if row is None else bytes(row.data)


def test_a_logo_removed_over_a_change_leaves_the_server_and_is_stored_again_when_set_again(pair, sync_server, qapp):
    from app.cli.sync import SyncCounts
    from app.i18n import install_translator

    install_translator(qapp)
    a, b = pair
    a.opened().writing_templates.set_logo(a.admin, FIRST_LOGO)
    for gate in (a, b):
        sync_of(gate).sync(gate.admin)
    b.opened().writing_templates.set_logo(b.admin, SECOND_LOGO)
    sync_of(b).sync(b.admin)
    handle = handle_of(a, "writing_letterhead", "logo")
    earlier = ciphertexts_on_the_server(sync_server.database_url, handle)
    assert len(earlier) == 2

    a.opened().writing_templates.set_logo(a.admin, None)  # a has not received the second logo
    report = sync_of(a).sync(a.admin)
    # The erasure prevails by rule: said in a sentence of its own, no conflict counted nor waiting.
    assert (report.erasures_over_stale, report.conflicts_pushed, report.pulled.conflicts) == (1, 0, 0)
    said = SyncCounts().of(report)
    assert "1 effacement envoyé d'un enregistrement modifié entre-temps sur un autre poste\u00a0: l'effacement " \
           "l'emporte, rien à arbitrer." in said
    assert not [line for line in said if "conflit" in line]
    assert sync_of(b).sync(b.admin).repaired == 0 and report.repaired == 0
    assert logo(a) is None and logo(b) is None
    assert sync_of(a).status().conflicts == sync_of(b).status().conflicts == 0
    [tombstone] = ciphertexts_on_the_server(sync_server.database_url, handle)
    assert tombstone not in earlier
    content = dump(sync_server.database_url)
    assert [piece for cipher in earlier for piece in traces(cipher) if piece in content] == []

    a.opened().writing_templates.set_logo(a.admin, THIRD_LOGO)
    for gate in (a, b):
        assert sync_of(gate).sync(gate.admin).repaired == 0
    assert ciphertexts_on_the_server(sync_server.database_url, handle)[0] == tombstone
    assert len(ciphertexts_on_the_server(sync_server.database_url, handle)) == 2
    assert logo(a) == logo(b) == THIRD_LOGO  # set again knowing the removal: the other station takes it
    for gate in (a, b):
        assert digest_agrees(gate) and told_of_lost_envelopes(gate) == []


def test_the_counts_of_conflicts_and_of_erasures_over_a_change_take_their_french_plural(qapp):
    from app.cli.sync import SyncCounts
    from app.i18n import install_translator

    install_translator(qapp)
    counts = SyncCounts()
    assert [counts.erasures_over_stale(3), counts.to_settle(0), counts.to_settle(1), counts.to_settle(2)] == [
        "3 effacements envoyés d'enregistrements modifiés entre-temps sur un autre poste\u00a0: l'effacement "
        "l'emporte, rien à arbitrer.", "0 conflit à arbitrer.", "1 conflit à arbitrer.", "2 conflits à arbitrer."]
