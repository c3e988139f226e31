"""A station upgraded from a Vigie that could not apply some envelopes (the NATINF offences a signed PV
brings, refused by a constraint before the fix of their search key) gets them at its next sync: fetched
again from a real server, applied, no longer refused nor counted, journaled. An envelope refused as not
authentic stays refused; one the server no longer holds, or whose record has a later state, leaves the
list, journaled too."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import delete, func, select

from app.models import JournalEntry, NatinfOffence
from app.models.sync import SyncHead, SyncRefused, SyncSeen
from tests.conftest import ADMIN_PASSWORD
from tests.sync.conftest import sync_of
from tests.sync.test_sync_attachments import keys_of
from tests.sync.test_sync_erasure import digest_agrees
from tests.test_writings_support import draft_pv

OLD_REASON = "not applicable: IntegrityError"  # as the release before this one stored it
NOT_AUTHENTIC = "the ciphertext does not decrypt under the service's key"


def seqs_of(gate, handle: str) -> list[int]:
    with gate.opened().station.read() as uow:
        return list(uow.session.scalars(select(SyncSeen.seq).where(SyncSeen.handle == handle).order_by(SyncSeen.seq)))


def refused(gate) -> dict[int, str]:
    with gate.opened().station.read() as uow:
        return dict(uow.session.execute(select(SyncRefused.seq, SyncRefused.reason)).all())


def journaled(gate, like: str) -> list[str]:
    with gate.opened().station.read() as uow:
        return list(uow.session.scalars(select(JournalEntry.detail).where(JournalEntry.detail.like(like))
                                        .order_by(JournalEntry.detail)))


def as_an_older_vigie_left_it(gate, offences: list[tuple[str, str]], others: dict[int, str]) -> list[int]:
    """*offences* missing here, their envelopes in sync_refused as not applicable (no head: the refused
    envelope's savepoint took it back), as the release before this one left a station; and *others* refused."""
    keys, _tenant = keys_of(gate)
    handles = {keys.handle("natinf_offence", f"{version}|{code}"): (version, code) for version, code in offences}
    at = datetime(2026, 11, 20, tzinfo=UTC)
    with gate.opened().station.uow() as uow:
        session = uow.session
        seqs = []
        for handle, (version, code) in handles.items():
            [seq] = session.scalars(select(SyncSeen.seq).where(SyncSeen.handle == handle))
            seqs.append(seq)
            session.execute(delete(NatinfOffence).where(NatinfOffence.version_id == version,
                                                        NatinfOffence.code == code))
            session.execute(delete(SyncHead).where(SyncHead.handle == handle))
            session.add(SyncRefused(seq=seq, handle=handle, device_id="older", reason=OLD_REASON, found_at=at))
        for seq, reason in others.items():
            session.add(SyncRefused(seq=seq, handle="h" * 64, device_id="older", reason=reason, found_at=at))
        uow.commit()
    return sorted(seqs)


def test_envelopes_an_older_vigie_could_not_apply_are_fetched_again_and_applied(pair, sync_server):
    a, b = pair
    draft = draft_pv(a)
    sync_of(a).sync(a.admin)
    signed = a.opened().writings.sign(a.admin, draft.id, ADMIN_PASSWORD)
    version = a.services.natinf.current(a.admin)
    sync_of(a).sync(a.admin)
    sync_of(b).sync(b.admin)
    found = b.services.natinf.search(b.admin, "dépôt", version_id=version.id)
    missing = [(version.id, entry.code) for entry in found[:3]]
    assert len(missing) == 3
    # The PV's first state, refused here, has a later one applied: applying it now would go back in time.
    keys, _tenant = keys_of(b)
    first_pv, _signed_pv = seqs_of(b, keys.handle("writing", signed.id))[:2]
    gone = 10 ** 9  # an envelope the server no longer holds (its record erased since)
    authentic_seq = seqs_of(b, keys.handle("natinf_version", version.id))[0]
    seqs = as_an_older_vigie_left_it(b, missing, {first_pv: OLD_REASON, gone: OLD_REASON,
                                                  authentic_seq: NOT_AUTHENTIC})
    assert b.services.natinf.search(b.admin, "dépôt", version_id=version.id) != found
    # The digest does not notice: it compares the ciphertexts received, and these were received.
    assert digest_agrees(b)
    assert sync_of(b).status().refused == 6

    report = sync_of(b).sync(b.admin)

    assert report.pulled.kinds == {"natinf_offence": 3} and report.pulled.refused == []
    assert b.services.natinf.search(b.admin, "dépôt", version_id=version.id) == found
    assert refused(b) == {authentic_seq: NOT_AUTHENTIC}  # not authentic: refused whatever the version
    assert sync_of(b).status().refused == 1
    assert b.opened().writings.get(b.admin, signed.id).number == a.opened().writings.get(a.admin, signed.id).number
    assert journaled(b, "%refused before%") == sorted(
        [f"envelope {seq}, refused before as not applicable here, applied" for seq in seqs]
        + [f"envelope {gone}, refused before as not applicable here, no longer on the server: nothing to apply",
           f"envelope {first_pv}, refused before as not applicable here, superseded by a later state of its "
           "record here"])
    assert digest_agrees(b)
    again = sync_of(b).sync(b.admin)
    assert not again.moved and refused(b) == {authentic_seq: NOT_AUTHENTIC}
    with b.opened().station.read() as uow:
        assert uow.session.scalar(select(func.count()).select_from(NatinfOffence).where(
            NatinfOffence.version_id == version.id)) == a_offences(a, version.id)


def a_offences(gate, version_id: str) -> int:
    with gate.opened().station.read() as uow:
        return int(uow.session.scalar(select(func.count()).select_from(NatinfOffence)
                                      .where(NatinfOffence.version_id == version_id)))
