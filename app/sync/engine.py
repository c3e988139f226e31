"""One sync of an enrolled station: push the outbox and the journal, pull in pages, check the
server's digest against the station's own record, and repair what the server lost.

Every step is safe to cut at any point and run again: a push is marked done only after the
server answered (a retry carries the same mutation ids, which the server recognises); a page's
rows and the checkpoint after it are one transaction.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy import func, select, update

from app.kernel.kinds import RecordKinds
from app.kernel.station import Station
from app.models import JournalEntry, Operation, OutboxChange
from app.models.outbox import ChangeOperation
from app.models.sync import SyncAccount, SyncHead
from app.sync import protocol, pull_page, pull_run
from app.sync.apply import CREDENTIAL, Applied
from app.sync.attachments import AttachmentSync, BlobReport, files_to_move
from app.sync.batch import descend
from app.sync.collecting import collecting_less
from app.sync.digest import Repair, forget_before_erasures
from app.sync.envelope import Change, ServiceKeys, seal_change
from app.sync.pull_conflicts import RESOLVED
from app.sync.pull_retry import retry_refused
from app.sync.transport import Transport

log = logging.getLogger("vigie.sync")

JOURNAL_NAMESPACE = uuid.UUID("5f0b6d2e-7f3c-4b7e-9a43-2c1d8f5e6a10")
PUSH_BATCH = 500
# Half the request limit: a batch is cut before it nears it, whatever the payloads.
PUSH_BYTES = protocol.MAX_PUSH_BYTES // 2
SKEW_TOLERANCE = 120.0  # seconds
ATTACHMENT_KIND = "logbook_attachment"  # a record whose file travels apart (app/sync/attachments.py)


@dataclass
class SyncReport:
    """What one sync moved, for `vigie sync now` and the status bar."""

    pushed: int = 0
    pushed_journal: int = 0
    conflicts_pushed: int = 0  # states pushed over one this station had not pulled: a conflict to settle
    # Erasures pushed over a state this station had not pulled: no conflict, the erasure prevails by rule.
    erasures_over_stale: int = 0
    pulled: Applied = field(default_factory=Applied)
    repaired: int = 0  # changes sent again to a server that had lost them
    files: BlobReport = field(default_factory=BlobReport)  # attachments' files (app/sync/attachments.py)
    skew: float = 0.0

    @property
    def moved(self) -> bool:
        return bool(self.pushed or self.pulled.records or self.pulled.erased or self.repaired)


@dataclass
class _Outgoing:
    change: protocol.Change
    source: str  # "outbox" or "journal"
    local_seq: int
    size: int
    erases: bool = False  # a tombstone: a stale base is no conflict (the erasure prevails)


Progress = Callable[[str, int], None]


class SyncEngine(Repair):
    def __init__(self, station: Station, kinds: RecordKinds, transport: Transport,
                 progress: Progress | None = None) -> None:
        self.station = station
        self.kinds = kinds
        self.transport = transport
        self.progress = progress or (lambda step, count: None)
        self._backed_up = 0  # what every backup copy of the server holds, as its digest answer said
        self._files_waiting: bool | None = None  # an attachment file to move, as the first read of the sync said

    # -- the whole sync ---------------------------------------------------------------------

    def run(self, account: SyncAccount | None = None, check_files: bool = False, retry: bool = True) -> SyncReport:
        """One sync, with the account as the caller read it (else read here). *check_files*: look for
        attachment files missing or damaged here even if the digest is not compared. *retry*: try again the
        envelopes an older Vigie could not apply (app/sync/pull_retry.py), if any. A disk that fills stops it
        with PullDiskFull, which says how much it received and kept (app/sync/pull_run.py)."""
        account = account or self._account()
        report = SyncReport()
        try:
            with collecting_less():
                self._run(account, report, check_files, retry)
        except Exception as exc:
            full = pull_run.kept_before_full_disk(self.station, report, exc)
            if full is None:
                raise
            raise full from exc
        return report

    def _run(self, account: SyncAccount, report: SyncReport, check_files: bool, retry: bool) -> None:
        self.push(account, report)
        head, checkpoint, contiguous = self.pull(account, report, account.checkpoint)
        if retry:
            retry_refused(self, account, report)
        # The digest reads every envelope on both sides: only when something moved, or when the server's
        # sequence skipped (a restore moves it forward) or ends elsewhere than this station's checkpoint
        # (a server that lost envelopes).
        compared = report.moved or head is None or head != checkpoint or not contiguous
        if compared:
            report.repaired += self.verify(account, head, report)
            if not report.repaired:
                self._prune()
        if report.repaired:
            self.push(account, report)
            self.pull(account, report)
        # The files when something may move them, and their repair whenever the records' digest is compared.
        if compared or check_files or self._files_waiting or report.pulled.erased \
                or report.pulled.kinds.get(ATTACHMENT_KIND):
            report.files = AttachmentSync(self.station, self.transport, account).run(
                repair=compared or check_files, read_files=check_files)
        self._finish(report)

    def _account(self) -> SyncAccount:
        with self.station.read() as uow:
            account = uow.session.get(SyncAccount, 1)
            if account is None:
                raise LookupError("the station is not enrolled")
            uow.session.expunge(account)
            return account

    # -- push -------------------------------------------------------------------------------

    def push(self, account: SyncAccount, report: SyncReport) -> None:
        keys = ServiceKeys(account.sync_key, account.handle_key)
        while True:
            batch = self._outgoing(account, keys)
            if not batch:
                return
            sendable = [item.change for item in batch if item.change["mutation_id"]]
            results: list[protocol.PushResult] = []
            if sendable:
                body: protocol.PushRequest = {"changes": sendable}
                results = self.transport.json("POST", protocol.PUSH, body=body)["results"]
            self._pushed(batch, results)
            report.pushed += sum(1 for item in batch if item.source == "outbox")
            report.pushed_journal += sum(1 for item in batch if item.source == "journal")
            erasures = {item.change["mutation_id"] for item in batch if item.erases}
            stale = [r["mutation_id"] in erasures for r in results if r["status"] == protocol.CONFLICT]
            report.conflicts_pushed += stale.count(False)
            report.erasures_over_stale += stale.count(True)
            self.progress("push", report.pushed + report.pushed_journal)

    def _outgoing(self, account: SyncAccount, keys: ServiceKeys) -> list[_Outgoing]:
        batch: list[_Outgoing] = []
        total = 0
        with self.station.read() as uow:
            session = uow.session
            if self._files_waiting is None:
                self._files_waiting = files_to_move(session)
            rows = session.scalars(select(OutboxChange).where(OutboxChange.pushed_at.is_(None))
                                   .order_by(OutboxChange.seq).limit(PUSH_BATCH)).all()
            handles = [keys.handle(row.record_kind, row.record_id) for row in rows]
            heads = {head.handle: head for head in session.scalars(select(SyncHead)
                                                                   .where(SyncHead.handle.in_(handles)))}
            latest = {handle: row.seq for row, handle in zip(rows, handles, strict=True)}
            scrubbed = {handle for row, handle in zip(rows, handles, strict=True)
                        if row.operation == ChangeOperation.SCRUB.value}
            for row, handle in zip(rows, handles, strict=True):
                if len(batch) + (2 if row.record_kind == "user" else 1) > PUSH_BATCH:
                    break  # an account's record travels with its verifier: both in one request, within the limit
                kind = self.kinds[row.record_kind] if row.record_kind in self.kinds else None
                append_only = kind is not None and kind.append_only
                payload = json.loads(row.payload)
                # A record's older states in the same batch are superseded by its latest: only that
                # one travels, based on the record's head (a version history is its own append-only kind).
                superseded = not append_only and latest[handle] != row.seq
                if kind is not None and kind.stays_local(payload) or superseded:
                    payload = None
                head = heads.get(handle)
                base = None if append_only or head is None else head.base_seq
                change = _travelling(row, payload or {}, self.station.id, head is not None and head.shadow == RESOLVED,
                                     not append_only and handle in scrubbed)
                item = self._seal(account, keys, row.mutation_id, change, base, "outbox", row.seq, payload is None)
                total += item.size
                batch.append(item)
                if row.record_kind == "user" and payload is not None:
                    batch.append(self._credential(session, account, keys, row))
                if total > PUSH_BYTES:
                    return batch
            room = PUSH_BATCH - len(batch) - 1  # one more: the seal generations beside the entries
            if room > 0:
                pushed = session.scalar(select(SyncAccount.journal_pushed).where(SyncAccount.id == 1)) or 0
                entries = session.scalars(select(JournalEntry).where(JournalEntry.seq > pushed,
                                                                     JournalEntry.station_id == self.station.id)
                                          .order_by(JournalEntry.seq).limit(room)).all()
                journal = self.kinds["journal_entry"]
                for entry in entries:
                    mutation_id = str(uuid.uuid5(JOURNAL_NAMESPACE, entry.id))
                    change = Change("journal_entry", entry.id, "upsert", journal.payload(entry), self.station.id,
                                    entry.seq)
                    item = self._seal(account, keys, mutation_id, change, None, "journal", entry.seq, False)
                    total += item.size
                    batch.append(item)
                    if total > PUSH_BYTES:
                        break
                if entries:
                    batch.append(self._seals(session, account, keys))
        return batch

    def _seals(self, session, account: SyncAccount, keys: ServiceKeys) -> _Outgoing:
        """This station's journal seal generations, beside its entries, so that the verification code checks
        their seals on the other stations too; the same generations are the same mutation (stored once)."""
        from app.audit.stations import SEALS_KIND, seals_payload

        payload = seals_payload(session, self.station.id)
        mutation_id = str(uuid.uuid5(JOURNAL_NAMESPACE, f"seals|{self.station.id}|{payload['digest']}"))
        change = Change(SEALS_KIND, self.station.id, "upsert", payload, self.station.id, 0)
        return self._seal(account, keys, mutation_id, change, None, "seals", 0, False)

    def _credential(self, session, account: SyncAccount, keys: ServiceKeys, row: OutboxChange) -> _Outgoing:
        """The account's verifier as it is now, beside its record (read here: never kept in the outbox)."""
        from app.models import User

        user = session.get(User, row.record_id)
        payload = {} if user is None else {"password_hash": user.password_hash, "active": user.active,
                                           "must_change_password": user.must_change_password,
                                           # What lets the password open the other stations (docs/keys.md).
                                           "unlock": self.station.keyfile.unlock_key(user.id) if user.active
                                           else None}
        mutation_id = str(uuid.uuid5(JOURNAL_NAMESPACE, f"credential|{row.mutation_id}"))
        change = Change(CREDENTIAL, row.record_id, "upsert", payload, self.station.id, row.seq)
        return self._seal(account, keys, mutation_id, change, None, "credential", row.seq, user is None)

    def _seal(self, account: SyncAccount, keys: ServiceKeys, mutation_id: str, change: Change, base: int | None,
              source: str, local_seq: int, skip: bool) -> _Outgoing:
        erases = source == "outbox" and change.operation == ChangeOperation.ERASE.value
        if erases:
            change = replace(change, forgets=True)  # the receiving stations forget its earlier envelopes too
        handle, ciphertext = seal_change(keys, account.tenant_id, mutation_id, change)
        if skip:
            # A station's own setting: marked pushed, never sent. An empty change keeps the batch simple.
            return _Outgoing({"mutation_id": "", "handle": handle, "base_seq": None, "ciphertext": ""}, source,
                             local_seq, 0)
        text = protocol.b64encode(ciphertext)
        sent: protocol.Change = {"mutation_id": mutation_id, "handle": handle, "base_seq": base, "ciphertext": text}
        if erases and self._final(change):
            sent["erasure"] = True  # the server deletes the record's earlier ciphertexts (docs/sync.md)
        elif change.forgets:
            sent["forget_earlier"] = True  # the same, and the record's later states are stored as usual
        return _Outgoing(sent, source, local_seq, len(text) + 200, erases)

    def _final(self, change: Change) -> bool:
        """An erasure whose record never comes back: one of a kind with made-up ids, never given again. A
        natural key (a nature's code, a letterhead's name) may be given again, and the server refuses every
        state of a handle it holds an erasure of: such a tombstone forgets the earlier states without closing
        the handle."""
        return change.kind in self.kinds and self.kinds[change.kind].key == ("id",)

    def _pushed(self, batch: list[_Outgoing], results: list[protocol.PushResult]) -> None:
        """The server holds them: marked pushed, and this station's state descends from them."""
        now = self.station.clock.now()
        with self.station.uow() as uow:
            session = uow.session
            outbox = [item.local_seq for item in batch if item.source == "outbox"]
            for start in range(0, len(outbox), 500):
                session.execute(update(OutboxChange).where(OutboxChange.seq.in_(outbox[start:start + 500]))
                                .values(pushed_at=now))
            by_id = {result["mutation_id"]: result for result in results}
            based: dict[str, int] = {}  # handle: the seq of its state pushed last in the batch
            for item in batch:
                result = by_id.get(item.change["mutation_id"])
                if item.source == "outbox" and result is not None:
                    based[item.change["handle"]] = int(result["seq"])
            descend(session, based, RESOLVED)
            # The server deleted what came before each erasure: so does this station's record of it.
            forget_before_erasures(session, {item.change["handle"]: int(by_id[item.change["mutation_id"]]["seq"])
                                             for item in batch if (item.change.get("erasure")
                                                                   or item.change.get("forget_earlier"))
                                             and item.change["mutation_id"] in by_id})
            journal = [item.local_seq for item in batch if item.source == "journal"]
            if journal:
                session.execute(update(SyncAccount).where(SyncAccount.id == 1)
                                .values(journal_pushed=max(journal)))
            uow.commit()

    # -- pull -------------------------------------------------------------------------------

    def pull(self, account: SyncAccount, report: SyncReport, checkpoint: int | None = None
             ) -> tuple[int | None, int, bool]:
        """Every page above the checkpoint (app/sync/pull_run.py). Returns the server's latest seq as its
        last page said (None from a server that does not say), the checkpoint reached, and whether the
        sequences pulled followed each other (a server gives each seq once, in order, and skips none but
        by a restore)."""
        if checkpoint is None:  # the run's first pull is given the one its account was read with
            checkpoint = self._checkpoint()
        return pull_run.pull(self, account, report, checkpoint)

    def fetch_page(self, after: int) -> dict:
        return pull_page.fetch_page(self.transport, after)

    # -- status -----------------------------------------------------------------------------

    def _finish(self, report: SyncReport) -> None:
        now = self.station.clock.now()
        server_time = self.transport.server_time
        report.skew = (now - server_time).total_seconds() if server_time else 0.0
        with self.station.uow() as uow:
            values: dict[str, object] = {"last_sync_at": now, "clock_skew": report.skew, "last_error": ""}
            uow.session.execute(update(SyncAccount).where(SyncAccount.id == 1).values(**values))
            if report.moved:
                self.station.journal.append(
                    uow.session, Operation.SYNC, compartment="journal", record_kind="sync",
                    detail=f"pushed {report.pushed}, pulled {report.pulled.records}, erased {report.pulled.erased}, "
                           f"conflicts {report.pulled.conflicts}")
            uow.commit()


def _travelling(row: OutboxChange, payload: dict, station_id: str, resolves: bool, after_scrub: bool) -> Change:
    """An outbox row as it travels. A state emptied of erased data (SCRUB) travels as a state that makes its
    record's earlier ones forgotten, and so does a later state of the record that supersedes it in a batch."""
    scrub = row.operation == ChangeOperation.SCRUB.value
    return Change(row.record_kind, row.record_id, ChangeOperation.UPSERT.value if scrub else row.operation, payload,
                  station_id, row.seq, resolves=resolves, forgets=scrub or after_scrub)


def count_waiting(session) -> int:
    return int(session.scalar(select(func.count()).select_from(OutboxChange)
                              .where(OutboxChange.pushed_at.is_(None))) or 0)


def count_journal_waiting(session, station_id: str, pushed: int) -> int:
    """This station's own journal entries not sent yet (they go after the outbox, at each sync)."""
    return int(session.scalar(select(func.count()).select_from(JournalEntry)
                              .where(JournalEntry.seq > pushed, JournalEntry.station_id == station_id)) or 0)


def last_sync(session) -> datetime | None:
    return session.scalar(select(SyncAccount.last_sync_at).where(SyncAccount.id == 1))
