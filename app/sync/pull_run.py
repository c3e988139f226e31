"""The pull of one sync: every page above the checkpoint, fetched and opened ahead (app/sync/pull_page.py;
a long pull's in a process of its own, app/sync/pull_process.py), applied in server order, several
pages in one transaction with the checkpoint after the last of them.

A commit waits for the disk (SQLCipher in WAL mode with synchronous=FULL: an fsync, tens of
milliseconds on a busy disk) and writes every page of the database the transaction touched (the
handles' index takes its rows in random places): committing each pulled page cost about as much as
applying it. A transaction therefore takes the pages that follow, until it holds GROUP_ENVELOPES
envelopes or has been open GROUP_SECONDS (the station's write lock is held about that long at most,
as by a long save; the next pages are fetched and opened meanwhile). A cut at any point leaves the
station before or after a whole transaction: its pages' rows, refusals and checkpoint go together.
A transaction the database refuses (a constraint) is applied again page by page, each written at
once and, if refused again, envelope by envelope.

After each transaction its frames are copied into the database and the -wal is cut (when nothing is in
the way): the -wal holds one transaction at most, never committed ones waiting for the automatic
checkpoint. When pages follow, the disk must have room for one more transaction like it, else the pull
stops there (room_for_another): a disk that fills is met between two transactions rather than in one.
One that fills it anyway (larger than the one before) is rolled back, and the -wal cut then gives its
pages back to the disk. Either way the sync says how much it kept (PullDiskFull, kept_before_full_disk),
and the next one goes on from the checkpoint.
"""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Callable
from contextlib import ExitStack
from functools import partial
from typing import TYPE_CHECKING

from sqlalchemy import Update, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.errors import LOW_SPACE, DiskFull, PullDiskFull, disk_refused, storage_error
from app.models import Operation
from app.models.sync import SyncAccount
from app.store.engine import cut_wal, truncate_wal
from app.sync.apply import Applied, PageApplier, PageRefused
from app.sync.batch import HeldHeads
from app.sync.digest import forget_before_erasures
from app.sync.envelope import Opener, ServiceKeys
from app.sync.pull_erased import forget_files, record_stale
from app.sync.pull_page import OpenedPage, PageFetcher, open_page
from app.sync.pull_process import LongPull, ProcessFetcher
from app.sync.refusals import could_not_apply

if TYPE_CHECKING:
    from app.kernel.station import Station
    from app.sync.engine import SyncEngine, SyncReport

log = logging.getLogger("vigie.sync")

GROUP_ENVELOPES = 10_000
GROUP_SECONDS = 1.0


def pull(engine: SyncEngine, account: SyncAccount, report: SyncReport, checkpoint: int
         ) -> tuple[int | None, int, bool]:
    """Every page above *checkpoint*: the server's latest seq as its last page said (None from a server
    that does not say), the checkpoint reached, and whether the seqs pulled followed each other."""
    keys = ServiceKeys(account.sync_key, account.handle_key)
    opened = partial(open_page, Opener(keys, account.tenant_id), account.device_id)
    contiguous = True

    def on_thread(after: int) -> PageFetcher:
        return PageFetcher(engine.fetch_page, opened, after)

    def in_process() -> ProcessFetcher:
        return ProcessFetcher(engine.transport, account.device_token, keys, account.tenant_id, account.device_id,
                              on_thread)

    with LongPull(on_thread, in_process, checkpoint) as pages:
        group = _Group(engine, account, keys, report, HeldHeads())
        try:
            while True:
                try:
                    page = pages.take()
                except BaseException:
                    group.commit()  # the pages applied before the fetch failed (offline) are kept
                    raise
                if page.envelopes:
                    seqs = [seen[0] for seen in page.seen]
                    contiguous = contiguous and seqs == list(range(checkpoint + 1, checkpoint + 1 + len(seqs)))
                    checkpoint = page.last_seq  # committed with the page's rows
                    group.add(page)
                last = not page.envelopes or not page.more
                if last or group.full():
                    group.commit(more=not last)
                if last:
                    return page.head, checkpoint, contiguous
        finally:
            group.close()  # a transaction that failed is rolled back


class _Group:
    """Pages applied in one transaction, committed with the checkpoint after the last of them."""

    def __init__(self, engine: SyncEngine, account: SyncAccount, keys: ServiceKeys, report: SyncReport,
                 held: HeldHeads) -> None:
        self.engine = engine
        self.held = held
        self.account = account
        self.keys = keys
        self.report = report
        self.pages: list[OpenedPage] = []
        self._stack: ExitStack | None = None
        self._session: Session | None = None
        self._commit: Callable[[], None] = lambda: None
        self._applied = Applied()
        self._started = 0.0
        self._count = 0

    def add(self, page: OpenedPage) -> None:
        self.pages.append(page)
        if self._stack is None and len(self.pages) == 1:
            # The -wal cut first (what the sync's push or a save committed): a rollback then leaves it nothing
            # that has to go into the database, which a full disk could not take, before it is cut again.
            room_for_another(self.engine.station, more=True)
            self._stack = ExitStack()
            uow = self._stack.enter_context(self.engine.station.uow())
            self._session = uow.session
            self._commit = uow.commit
            self._started = time.monotonic()
        if self._session is None:
            return  # the group failed: its pages are applied again one by one at its commit
        try:
            self._applied.add(apply_page(self.engine, self._session, self.account, self.keys, page, careful=False,
                                         held=self.held))
        except (PageRefused, IntegrityError) as refused:
            self._abandon(refused)
        self._count += len(page.envelopes)

    def full(self) -> bool:
        return self._count >= GROUP_ENVELOPES or (bool(self.pages)
                                                  and time.monotonic() - self._started >= GROUP_SECONDS)

    def commit(self, more: bool = False) -> None:
        """The group's pages committed; *more*: pages follow, for which the disk must have room."""
        if not self.pages:
            return
        if self._session is not None:
            try:
                self._session.execute(forward(self.pages[-1].last_seq))
                self._commit()
            except IntegrityError as refused:  # a deferred foreign key, checked at the commit
                self._abandon(refused)
        if self._session is None:
            self._close_stack()
            for page in self.pages:
                self._one_by_one(page)
        else:
            self._close_stack()
            self._done(self._applied)
        self.pages, self._applied, self._count, self._session = [], Applied(), 0, None
        room_for_another(self.engine.station, more)

    def close(self) -> None:
        self._close_stack()

    def _abandon(self, refused: Exception) -> None:
        log.info("pages from %s are applied one by one: %r", self.pages[0].envelopes[0]["seq"],
                 refused.__cause__ or refused)
        self._session = None
        self._close_stack()

    def _close_stack(self) -> None:
        stack, self._stack = self._stack, None
        if stack is not None:
            stack.close()  # the unit of work rolls back what was not committed

    def _one_by_one(self, page: OpenedPage) -> None:
        for careful in (False, True):
            try:
                with self.engine.station.uow() as uow:
                    applied = apply_page(self.engine, uow.session, self.account, self.keys, page, careful, self.held)
                    uow.session.execute(forward(page.last_seq))
                    uow.commit()
            except (PageRefused, IntegrityError) as refused:
                if careful:
                    raise
                log.info("a page from %s is applied envelope by envelope: %r", page.envelopes[0]["seq"],
                         refused.__cause__ or refused)
                continue
            self._done(applied)
            return

    def _done(self, applied: Applied) -> None:
        after_commit(self.engine, self.report, applied)


def room_for_another(station: Station, more: bool) -> None:
    """After a transaction of the pull: its frames copied into the database and the -wal cut. With *more* to
    pull, room on the disk for one more like it (its frames in the -wal, then at most as many new pages in
    the database, and LOW_SPACE besides), else DiskFull: the pull stops with all it committed, before a
    transaction that would fill the disk (kept_before_full_disk says how much it kept)."""
    root = station.paths.root
    try:
        held = cut_wal(station.engine)
    except Exception as exc:
        full = storage_error(exc, root)
        if more and isinstance(full, DiskFull):
            raise full from exc  # what the -wal keeps is committed: copied into the database once there is room
        if not disk_refused(exc):
            raise
        log.warning("the -wal could not be checkpointed after a pulled transaction, the disk refused: %s", exc)
        return
    if more and held is not None and shutil.disk_usage(root).free < 2 * held + LOW_SPACE:
        log.warning("the disk has no room for another pulled transaction of %d bytes: the pull stops here", held)
        raise DiskFull(path=str(root))


def kept_before_full_disk(station: Station, report: SyncReport, exc: BaseException) -> DiskFull | None:
    """What a sync that *exc* stopped says when it is the disk's being full, else None: PullDiskFull with
    what *report* shows committed before (each transaction with its checkpoint: the next sync goes on from
    there), or DiskFull when it received nothing. Called once every transaction of the sync has ended, the
    one that failed rolled back: the -wal is cut, and its pages go back to the disk."""
    full = storage_error(exc, station.paths.root)  # read before the cut, which may free what it judges by
    if not isinstance(full, DiskFull):
        return None
    try:
        if not truncate_wal(station.engine, wait=False):
            log.warning("a full disk stopped the sync, and its -wal could not be cut yet")
    except Exception:  # noqa: BLE001 - the full disk is what to tell; the cut only helps the disk
        log.exception("a full disk stopped the sync, and its -wal could not be cut")
    pulled = report.pulled
    kept = pulled.records + pulled.erased + pulled.journal
    log.warning("the disk is full: the sync stopped after keeping %d items pulled", kept)
    return PullDiskFull(path=full.params.get("path", str(station.paths.root)), count=kept) if kept else full


def after_commit(engine: SyncEngine, report: SyncReport, applied: Applied) -> None:
    """What follows the commit of applied envelopes: credentials, the report, files, progress."""
    for user_id in applied.credentials:
        # After the commit (a key file write cannot roll back with it): the new password opens this
        # station, the old one no longer does (docs/keys.md).
        engine.station.follow_credential(user_id, applied.unlocks.get(user_id))
    report.pulled.add(applied)
    report.erasures_over_stale += applied.queued_over_stale  # sent: the erasure prevails, nothing to settle
    forget_files(engine.station, applied.files)
    engine.progress("pull", report.pulled.records)


def apply_page(engine: SyncEngine, session: Session, account: SyncAccount, keys: ServiceKeys, page: OpenedPage,
               careful: bool, held: HeldHeads | None = None) -> Applied:
    """One page's envelopes, its erasures' forgetting and its refusals' journal entries, in *session*."""
    page = not_applied_yet(session, page)
    applier = PageApplier(session, engine.kinds, keys, account.tenant_id, account.device_id, engine.station.id,
                          engine.station.clock.now(), careful, held)
    applied = applier.apply(page)
    forget_before_erasures(session, applier.erasures)
    record_stale(session, engine.station.journal, applier.now, applier.stale)
    applied.erased_over_stale = len(applier.stale)
    applied.queued_over_stale = sum(queued for _kind, _id, queued in applier.stale)
    for seq in applied.refused:
        why = "not applicable here" if could_not_apply(applier.refusals.get(seq, "")) else "not authentic"
        engine.station.journal.append(session, Operation.SYNC, compartment="journal", record_kind="sync",
                                      record_id=str(seq), detail=f"envelope {seq} refused: {why}")
    return applied


def not_applied_yet(session: Session, page: OpenedPage) -> OpenedPage:
    """*page* without the envelopes another sync of this station applied since this one began (a `vigie sync
    now` beside the application's timer), as the checkpoint says, read in the transaction that applies it
    (which holds the write lock from its first statement)."""
    reached = int(session.scalar(select(SyncAccount.checkpoint).where(SyncAccount.id == 1)) or 0)
    if not page.envelopes or int(page.envelopes[0]["seq"]) > reached:
        return page
    kept = [index for index, envelope in enumerate(page.envelopes) if int(envelope["seq"]) > reached]
    return page._replace(envelopes=[page.envelopes[index] for index in kept],
                         changes=[page.changes[index] for index in kept], seen=[page.seen[index] for index in kept])


def forward(last_seq: int) -> Update:
    """The checkpoint moved to *last_seq*, never back (another sync of the station may have gone further)."""
    return update(SyncAccount).where(SyncAccount.id == 1).values(
        checkpoint=func.max(SyncAccount.checkpoint, last_seq))
