"""The digest after a sync: the server's count and digest compared with this station's record of what
it pushed and pulled, and the repair of what a server lost (docs/sync.md, "Digest")."""

from __future__ import annotations

import hashlib
import json
import logging
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, select, text, update
from sqlalchemy.orm import Session

from app.kernel.station import Station
from app.models import Operation, OutboxChange
from app.models.sync import SyncAccount, SyncSeen
from app.sync import protocol
from app.sync.pruning import prune_outbox
from app.sync.transport import Transport

if TYPE_CHECKING:
    from app.sync.engine import SyncReport

log = logging.getLogger("vigie.sync")
# How many times a difference is compared again after pulling what came since: each time only because the
# pull brought envelopes (another station's erasure, pushed meanwhile, deleted some this station holds).
CATCH_UP = 3


def forget_before_erasures(session: Session, erasures: dict[str, int]) -> None:
    """The server deletes a handle's envelopes older than its erasure (docs/sync.md, "What the server
    forgets"): this station forgets them too, in the transaction of the push or the page that brought the
    erasure, so that its digest still matches the server's and is not taken for envelopes lost."""
    if erasures:  # one pass over the table, whatever the number of erasures (its handles are not indexed)
        session.execute(text(_FORGET), {"erasures": json.dumps(erasures)})


# protocol.Digester's lines ("seq:handle:sha256 of the ciphertext", each ended by a newline) of a part of
# the record, in seq order.
_LINES = ("SELECT count(*), max(seq), string_agg(seq || ':' || handle || ':' || cipher_sha256 || char(10), '' "
          "ORDER BY seq) FROM (SELECT seq, handle, cipher_sha256 FROM sync_seen WHERE seq > :after AND seq <= :upto "
          "ORDER BY seq LIMIT :limit)")
DIGEST_PART = 20_000
_FORGET = ("DELETE FROM sync_seen WHERE handle IN (SELECT key FROM json_each(:erasures)) "
           "AND seq < (SELECT value FROM json_each(:erasures) WHERE key = sync_seen.handle)")


class Repair:
    """The digest's part of a sync (app/sync/engine.py's SyncEngine)."""

    station: Station
    transport: Transport
    _backed_up: int

    def _checkpoint(self) -> int:
        with self.station.read() as uow:
            return int(uow.session.scalar(select(SyncAccount.checkpoint).where(SyncAccount.id == 1)) or 0)

    # -- digest -----------------------------------------------------------------------------

    def pull(self, account: SyncAccount, report: SyncReport, checkpoint: int | None = None
             ) -> tuple[int | None, int, bool]:
        raise NotImplementedError  # SyncEngine's

    def verify(self, account: SyncAccount, head: int | None, report: SyncReport) -> int:
        """Compare the server's digest with this station's record; on a difference, repair. Returns
        how many of this station's own changes are to be sent again.

        A difference is first taken for what happened since this station's last page: an erasure that
        another station pushed meanwhile deleted envelopes this station holds, and the erasure's own
        envelope, after the checkpoint, tells it to forget them. So the pages after the checkpoint are
        pulled and the digests compared again up to their end; only a difference that no new envelope
        explains is a server that lost data."""
        checkpoint = self._checkpoint()
        for attempt in range(CATCH_UP + 1):
            if checkpoint == 0 or self._matches(checkpoint):
                if head is not None and head != checkpoint:
                    self._settle(checkpoint, head)
                return 0
            if attempt == CATCH_UP:
                break
            head, reached, _contiguous = self.pull(account, report, checkpoint)
            if reached == checkpoint:
                break  # nothing came since: the server lacks what this station holds
            checkpoint = reached
        agreed = self._last_agreed(checkpoint)
        log.warning("the sync server differs from this station's record after seq %s: repairing", agreed)
        return self._rewind(agreed)

    def _prune(self) -> None:
        with self.station.uow() as uow:
            pruned = prune_outbox(uow.session, self._backed_up)
            uow.commit()
        if pruned:
            log.info("%d pushed changes held by every backup copy of the server left the outbox", pruned)

    def _settle(self, checkpoint: int, head: int) -> None:
        """The server and this station agree up to the checkpoint, and the server holds nothing between
        it and its latest seq (sequences a restore skipped): the checkpoint moves to that seq, so that
        the next sync finds them equal and reads no digest."""
        with self.station.uow() as uow:
            uow.session.execute(update(SyncAccount).where(SyncAccount.id == 1, SyncAccount.checkpoint == checkpoint)
                                .values(checkpoint=head))
            uow.commit()

    def _local_digest(self, upto: int) -> protocol.DigestResponse:
        """protocol.Digester's count and digest over this station's record, its lines made by SQLite a part
        at a time (a Python line per envelope cost more than the rest of the comparison)."""
        digester = hashlib.sha256()
        count, after = 0, 0
        with self.station.read() as uow:
            while True:
                part, last, lines = uow.session.execute(text(_LINES), {"after": after, "upto": upto,
                                                                       "limit": DIGEST_PART}).one()
                if not part:
                    break
                digester.update(lines.encode("ascii"))
                count, after = count + part, last
        return {"count": count, "digest": digester.hexdigest()}

    def _matches(self, upto: int) -> bool:
        # The server reads its envelopes while this station reads its record: each digest reads every envelope.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="vigie-digest") as asking:
            asked = asking.submit(self.transport.json, "GET", protocol.DIGEST, params={"upto": upto})
            mine = self._local_digest(upto)
            server = asked.result()
        self._backed_up = self._backed_up or int(server.get("backed_up", 0))
        return int(server["count"]) == mine["count"] and server["digest"] == mine["digest"]

    def _last_agreed(self, upto: int) -> int:
        """The highest seq up to which the server and this station agree (bisection over seen seqs)."""
        with self.station.read() as uow:
            seqs = list(uow.session.scalars(select(SyncSeen.seq).where(SyncSeen.seq <= upto).order_by(SyncSeen.seq)))
        low, high = 0, len(seqs) - 1  # seqs[:low] agree; find the first index that differs
        while low <= high:
            middle = (low + high) // 2
            if self._matches(seqs[middle]):
                low = middle + 1
            else:
                high = middle - 1
        return seqs[low - 1] if low > 0 else 0

    def _rewind(self, agreed: int) -> int:
        """Forget what the server lost after *agreed*; this station's own changes go out again."""
        with self.station.uow() as uow:
            session = uow.session
            own = select(SyncSeen.mutation_id).where(SyncSeen.seq > agreed, SyncSeen.own)
            resent = session.scalar(select(func.count()).select_from(own.subquery())) or 0
            # One pass over the outbox (its mutation ids are not indexed: migration 0016).
            session.execute(update(OutboxChange).where(OutboxChange.pushed_at.is_not(None),
                                                       OutboxChange.mutation_id.in_(own))
                            .values(pushed_at=None))
            session.execute(delete(SyncSeen).where(SyncSeen.seq > agreed))
            session.execute(update(SyncAccount).where(SyncAccount.id == 1)
                            .values(checkpoint=agreed, journal_pushed=0))
            self.station.journal.append(session, Operation.SYNC, compartment="journal", record_kind="sync",
                                        detail=f"server lost envelopes after {agreed}: {resent} resent")
            uow.commit()
        return max(resent, 1)
