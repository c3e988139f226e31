"""Retention: records disappear by themselves when their period ends, unless a legal hold keeps them.

Each module that keeps records registers a RetentionTarget for its
compartment: how to find the records recorded before a date, how to erase
them (with their dependent rows), and how to erase the personal data of one
case at once (after an acquittal, a dismissal or a non-lieu). The purge runs
when the station opens and every day; it journals counts per compartment,
never the erased content, and removes attachment files only once the
erasure is committed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.journal import Actor
from app.errors import QT_TRANSLATE_NOOP, InvalidInput, NotFound
from app.models import LegalHold, Operation
from app.kernel import validation
from app.kernel.rights import Access, Compartment
from app.kernel.settings import read_setting

if TYPE_CHECKING:
    from app.kernel.work import Work

log = logging.getLogger("vigie.retention")

# Records erased per transaction: small enough that a read or a save never waits long behind it.
BATCH = 200

RETENTION_SETTING = {
    Compartment.MAIN_COURANTE: "retention_main_courante_days",
    Compartment.ECRITS: "retention_ecrits_days",
    Compartment.REGISTRES: "retention_registres_days",
    Compartment.DEMANDES: "retention_demandes_days",
}


@dataclass(frozen=True)
class RetentionTarget:
    """How one kind of record is found and erased (registered by the module that owns it)."""

    compartment: Compartment
    record_kind: str
    # Ids of the records recorded before the cutoff (UTC), oldest first, at most `limit`.
    recorded_before: Callable[[Session, datetime, int], list[str]]
    # Erase these records and everything that hangs on them, with their tombstones (work.erased);
    # returns the attachment files to remove once the work has committed.
    erase: Callable[[Work, list[str]], list[Path]]
    # Erase the personal data of one record (people, identities, their attachments); returns files.
    erase_personal_data: Callable[[Work, str], list[Path]] | None = None


@dataclass
class RetentionRegistry:
    targets: list[RetentionTarget] = field(default_factory=list)

    def register(self, target: RetentionTarget) -> None:
        if any(t.record_kind == target.record_kind for t in self.targets):
            return
        self.targets.append(target)

    def target(self, record_kind: str) -> RetentionTarget:
        for target in self.targets:
            if target.record_kind == record_kind:
                return target
        raise NotFound(QT_TRANSLATE_NOOP("errors", "Unknown kind of record: {kind}."), kind=record_kind)


@dataclass(frozen=True)
class HoldSummary:
    id: str
    compartment: str
    record_kind: str
    record_id: str
    reason: str
    placed_by: str
    placed_at: datetime
    until: datetime
    released_at: datetime | None


class RetentionService:
    def __init__(self, kernel, registry: RetentionRegistry) -> None:
        self.kernel = kernel
        self.station = kernel.station
        self.registry = registry

    # -- the purge -------------------------------------------------------------------

    def purge_expired(self) -> dict[str, int]:
        """Erase every record past its retention and not on hold; returns counts per compartment.

        Batch by batch, each in a short transaction of its own with its journal entry: a purge of
        thousands of records never holds the write lock for long, and what it committed is journaled.
        """
        now = self.station.clock.now()
        counts: dict[str, int] = {str(c): 0 for c in RETENTION_SETTING}
        with self.station.read() as uow:
            cutoffs = {t.record_kind: now - timedelta(days=read_setting(uow.session, RETENTION_SETTING[t.compartment]))
                       for t in self.registry.targets}
            held = {t.record_kind: _held_ids(uow.session, t.record_kind, now) for t in self.registry.targets}
        for target in self.registry.targets:
            while erased := self._purge_batch(target, cutoffs[target.record_kind], held[target.record_kind]):
                counts[str(target.compartment)] += erased
        if not any(counts.values()):
            self._journal_purge(counts)
        return counts

    def _purge_batch(self, target: RetentionTarget, cutoff: datetime, held: set[str]) -> int:
        """Erase one batch of *target*'s expired records, journaled in the same transaction; 0 when done."""
        with self.kernel.system(str(target.compartment)) as work:
            candidates = target.recorded_before(work.session, cutoff, BATCH + len(held))
            batch = [record_id for record_id in candidates if record_id not in held][:BATCH]
            if not batch:
                return 0
            files = target.erase(work, batch)
            counts = {str(c): 0 for c in RETENTION_SETTING}
            counts[str(target.compartment)] = len(batch)
            self._journal_purge(counts, work, target.compartment)
            work.commit()
        remove_files(files)
        return len(batch)

    def _journal_purge(self, counts: dict[str, int], work: Work | None = None,
                       compartment: Compartment = Compartment.JOURNAL) -> None:
        """The purge's entry: counts per compartment, never what was erased.

        A batch's entry carries the compartment of the records it erased; the entry of a purge
        that found nothing to erase carries the journal's own compartment.
        """
        detail = "records erased: " + ", ".join(f"{name}={count}" for name, count in counts.items())
        if work is not None:
            work.journal(Operation.PURGE, kind="retention", detail=detail, compartment=str(compartment))
            return
        with self.kernel.system(str(Compartment.JOURNAL)) as work:
            self._journal_purge(counts, work)
            work.commit()

    # -- erasing at once ---------------------------------------------------------------

    def erase_case_personal_data(
        self, actor: Actor, record_kind: str, record_id: str, reason: str
    ) -> None:
        """Erase the personal data of a case now (court outcome: acquittal, dismissal, non-lieu)."""
        target = self._target_with_personal_data(record_kind)
        with self.kernel.work(actor, target.compartment, Access.WRITE) as work:
            files = self.erase_case_in(work, record_kind, record_id, reason)
            work.commit()
        remove_files(files)

    def erase_case_in(self, work: Work, record_kind: str, record_id: str, reason: str) -> list[Path]:
        """The same erasure inside the caller's unit of work (the court outcome that orders it).

        Returns the attachment files to remove once that unit of work has committed (remove_files).
        """
        target = self._target_with_personal_data(record_kind)
        reason = validation.required(reason, QT_TRANSLATE_NOOP("fields", "Reason"), max_length=2000)
        assert target.erase_personal_data is not None
        files = target.erase_personal_data(work, record_id)
        work.journal(Operation.ERASE, record_id, kind=record_kind, motive=reason, detail="personal data erased",
                     compartment=str(target.compartment))
        return files

    def _target_with_personal_data(self, record_kind: str) -> RetentionTarget:
        target = self.registry.target(record_kind)
        if target.erase_personal_data is None:
            raise InvalidInput(QT_TRANSLATE_NOOP("errors", "This kind of record holds no personal data to erase."))
        return target

    # -- legal holds -------------------------------------------------------------------

    def place_hold(
        self, actor: Actor, compartment: Compartment, record_kind: str, record_id: str, reason: str,
        until: datetime,
    ) -> HoldSummary:
        with self.kernel.work(actor, compartment, Access.ADMINISTER) as work:
            reason = validation.required(reason, QT_TRANSLATE_NOOP("fields", "Reason"), max_length=2000)
            if until <= work.now:
                raise InvalidInput(QT_TRANSLATE_NOOP("errors", "A legal hold must end in the future."))
            hold = LegalHold(compartment=str(compartment), record_kind=record_kind, record_id=record_id,
                             reason=reason, placed_by=actor.user_id, placed_at=work.now, until=until)
            work.session.add(hold)
            work.session.flush()
            work.queue(hold)
            work.journal(Operation.ADMINISTER, record_id, kind=record_kind, motive=reason,
                         detail=f"legal hold until {until.date().isoformat()}")
            work.commit()
            return _hold_summary(hold)

    def release_hold(self, actor: Actor, hold_id: str, reason: str) -> HoldSummary:
        reason = validation.required(reason, QT_TRANSLATE_NOOP("fields", "Reason"), max_length=2000)
        with self.station.read() as uow:
            hold = uow.session.get(LegalHold, hold_id)
            if hold is None:
                raise NotFound
            compartment = Compartment(hold.compartment)
        # The hold names its compartment, whose administer right is then read in the release's transaction.
        with self.kernel.work(actor, compartment, Access.ADMINISTER) as work:
            hold = work.session.get(LegalHold, hold_id)
            if hold is None:
                raise NotFound
            hold.released_at = work.now
            hold.released_by = actor.user_id
            work.queue(hold)
            work.journal(Operation.ADMINISTER, hold.record_id, kind=hold.record_kind, motive=reason,
                         detail="legal hold released")
            work.commit()
            return _hold_summary(hold)

    def holds(self, actor: Actor, compartment: Compartment) -> list[HoldSummary]:
        with self.kernel.read(actor, compartment, Access.ADMINISTER) as work:
            rows = work.session.scalars(
                select(LegalHold).where(LegalHold.compartment == str(compartment)).order_by(LegalHold.placed_at)
            ).all()
            return [_hold_summary(h) for h in rows]

    def is_held(self, record_kind: str, record_id: str) -> bool:
        with self.station.read() as uow:
            return record_id in _held_ids(uow.session, record_kind, self.station.clock.now())


def _held_ids(session: Session, record_kind: str, now: datetime) -> set[str]:
    return set(
        session.scalars(
            select(LegalHold.record_id).where(
                LegalHold.record_kind == record_kind,
                LegalHold.released_at.is_(None),
                LegalHold.until > now,
            )
        )
    )


def remove_files(files: list[Path]) -> None:
    """Remove erased attachments from disk; called after the erasure committed."""
    for path in files:
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            log.error("an erased attachment could not be removed from disk: %s", exc.strerror)


def _hold_summary(hold: LegalHold) -> HoldSummary:
    return HoldSummary(hold.id, hold.compartment, hold.record_kind, hold.record_id, hold.reason, hold.placed_by,
                       hold.placed_at, hold.until, hold.released_at)
