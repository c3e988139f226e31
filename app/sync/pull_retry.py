"""Envelopes this station refused because it could not apply them, tried again (docs/sync.md, "Refused").

A pulled envelope is refused for one of two reasons, and `sync_refused.reason` says which:

- it is not authentic (it does not decrypt under the service's key, or names another record than its
  handle): it stays refused, whatever the version of Vigie, since no later version makes it authentic;
- this station could not apply it: its database refused it (a constraint: the NATINF offences a
  signed PV brings, before the fix of their search key), a value did not convert, or its record kind
  is one this version does not know (made by a newer Vigie). A later Vigie may apply it.

The second kind's reason begins with "not applicable" or "unknown record kind" (so did every such
reason written since the first version, so an older release's rows are told apart without a
migration), and ends with the version that last tried it ("… [Vigie 0.1.0]"). At the first sync of a
session of the station (app/sync/service.py: an older version's rows can only be there already), if one
of them was not tried by this version, the station fetches those envelopes again from the server
(pages of the ordinary pull, from each refused seq), and applies them in server order, each in a
savepoint of its own, as the careful try of a page. One applied leaves `sync_refused` (no longer
counted in `vigie sync status`), journaled; one the server no longer holds (its record was erased
since: the server forgot its past) or whose record has a later state here leaves it too; one that
still does not apply stays, marked as tried by this version, and is tried again by the next one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.models import Operation
from app.models.sync import SyncAccount, SyncHead, SyncRefused
from app.sync import protocol
from app.sync.apply import PageApplier, PageRefused
from app.sync.batch import rows_in
from app.sync.digest import forget_before_erasures
from app.sync.envelope import Opener, Pulled, ServiceKeys
from app.sync.pull_applied import Applied
from app.sync.pull_erased import record_stale
from app.sync.pull_page import OpenedPage, open_page
from app.sync.pull_run import after_commit
from app.sync.refusals import MARK, could_not_apply, not_applicable

if TYPE_CHECKING:
    from app.sync.engine import SyncEngine, SyncReport

log = logging.getLogger("vigie.sync")

Opened = tuple[protocol.Envelope, Pulled | str]


def due(session: Session) -> list[int]:
    """The seqs to try again now: every envelope refused as not applicable, once one of them was not tried
    by this version yet (their order matters: a child refused because its parent was)."""
    rows = [(seq, reason) for seq, reason in session.execute(select(SyncRefused.seq, SyncRefused.reason))
            if could_not_apply(reason)]
    if all(reason.endswith(MARK) for _seq, reason in rows):
        return []
    return sorted(seq for seq, _reason in rows)


def fetch(fetch_page: Callable[[int], dict[str, Any]], opened: Callable[[dict[str, Any]], OpenedPage],
          seqs: list[int]) -> tuple[list[Opened], list[int]]:
    """The envelopes of *seqs* the server still holds, opened, in order; and the seqs it no longer holds."""
    found: list[Opened] = []
    gone: list[int] = []
    index = 0
    while index < len(seqs):
        page = opened(fetch_page(seqs[index] - 1))
        got = {int(envelope["seq"]): (envelope, change) for envelope, change in zip(page.envelopes, page.changes,
                                                                                   strict=True)}
        # The page holds every envelope from seqs[index] to its last seq; nothing after it if it is the last.
        while index < len(seqs) and (not page.more or not page.envelopes or seqs[index] <= page.last_seq):
            seq = seqs[index]
            found.append(got[seq]) if seq in got else gone.append(seq)
            index += 1
    return found, gone


def retry_refused(engine: SyncEngine, account: SyncAccount, report: SyncReport) -> None:
    """Envelopes refused as not applicable here, fetched again and applied (see the module's text)."""
    with engine.station.read() as uow:
        seqs = due(uow.session)
    if not seqs:
        return
    keys = ServiceKeys(account.sync_key, account.handle_key)
    opener = partial(open_page, Opener(keys, account.tenant_id), account.device_id)
    found, gone = fetch(engine.fetch_page, opener, seqs)
    try:
        with engine.station.uow() as uow:
            applied = _apply(engine, uow.session, account, keys, found, gone)
            uow.commit()
    except (PageRefused, IntegrityError) as refused:  # a deferred foreign key, checked at the commit
        log.warning("envelopes refused before still do not apply: %r", refused.__cause__ or refused)
        with engine.station.uow() as uow:
            _mark(uow.session, [seq for seq in seqs if seq not in gone])
            uow.commit()
        return
    after_commit(engine, report, applied)


def _apply(engine: SyncEngine, session: Session, account: SyncAccount, keys: ServiceKeys, found: list[Opened],
           gone: list[int]) -> Applied:
    later = _superseded(session, found)
    kept = [(envelope, change) for envelope, change in found if int(envelope["seq"]) not in later]
    applier = PageApplier(session, engine.kinds, keys, account.tenant_id, account.device_id, engine.station.id,
                          engine.station.clock.now(), careful=True)
    page = OpenedPage([envelope for envelope, _ in kept], [change for _, change in kept], [], 0, False, None)
    applied = applier.apply(page)
    forget_before_erasures(session, applier.erasures)
    record_stale(session, engine.station.journal, applier.now, applier.stale)
    applied.erased_over_stale = len(applier.stale)
    applied.queued_over_stale = sum(queued for _kind, _id, queued in applier.stale)
    still = set(applied.refused) | set(applied.still_refused)
    applied.refused, applied.still_refused = [], []  # still refused, not refused anew: nothing more to say of them
    _mark(session, sorted(still))
    outcome = {seq: "applied" for seq in (int(envelope["seq"]) for envelope, _ in kept) if seq not in still}
    outcome.update({seq: "no longer on the server: nothing to apply" for seq in gone})
    outcome.update({seq: "superseded by a later state of its record here" for seq in later})
    for part in _parts(sorted(outcome)):
        session.execute(delete(SyncRefused).where(SyncRefused.seq.in_(part)))
    for seq, what in sorted(outcome.items()):
        engine.station.journal.append(session, Operation.SYNC, compartment="journal", record_kind="sync",
                                      record_id=str(seq),
                                      detail=f"envelope {seq}, refused before as not applicable here, {what}")
    return applied


def _superseded(session: Session, found: list[Opened]) -> set[int]:
    """The seqs whose record has a later envelope applied here (its head is past them): applying them now
    would put an older state over a newer one."""
    wanted = {str(envelope["handle"]): int(envelope["seq"]) for envelope, _ in found}
    heads = rows_in(session, lambda part: select(SyncHead.handle, SyncHead.head_seq).where(
        SyncHead.handle.in_(part)), list(wanted))
    return {wanted[handle] for handle, head_seq in heads if head_seq > wanted[handle]}


def _mark(session: Session, seqs: list[int]) -> None:
    """These envelopes were tried by this version and still do not apply: tried again by the next one."""
    for part in _parts(seqs):
        for seq, reason in session.execute(select(SyncRefused.seq, SyncRefused.reason)
                                           .where(SyncRefused.seq.in_(part))).all():
            if could_not_apply(reason):
                session.execute(update(SyncRefused).where(SyncRefused.seq == seq)
                                .values(reason=not_applicable(reason)))


def _parts(seqs: list[int], size: int = 500) -> list[list[int]]:
    return [seqs[start:start + size] for start in range(0, len(seqs), size)]
