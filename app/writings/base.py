"""What every part of WritingsService shares: the lookups, the draft's lock, versions, and refusals.

The parts (drafts, signing, court, reading, printing) are mixins of
WritingsService (app/writings/service.py), which is what bootstrap builds
and what the screens call.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from app.audit.journal import Actor
from app.errors import VigieError
from app.kernel.retention import RetentionTarget
from app.kernel.rights import Access, Compartment, current, granted
from app.logbook.service import LogbookService
from app.models import Operation, Writing, WritingVersion
from app.models.writings import WritingStatus
from app.store.uow import UnitOfWork
from app.writings import store
from app.writings.types import DocumentLocked, EditConflict, NotTheAuthor, WritingNotFound

log = logging.getLogger("vigie.writings")

SERIES = "ecrits"  # the yearly numbers of PV and rapports (app/kernel/numbering.py)
RECORD_KIND = "writing"
COMPARTMENT = str(Compartment.ECRITS)
LIST_LIMIT = 500

Translate = Callable[[str, str], str]


def retention_target() -> RetentionTarget:
    return RetentionTarget(
        compartment=Compartment.ECRITS,
        record_kind=RECORD_KIND,
        recorded_before=store.recorded_before,
        erase=lambda work, ids: store.erase_writings(work.session, ids),
        erase_personal_data=lambda work, writing_id: store.erase_personal_data(work.session, writing_id),
    )


class _Refusal(Exception):
    """Raised inside a unit of work: the refusal is journaled once its transaction is gone."""

    def __init__(self, error: VigieError, writing_id: str, detail: str) -> None:
        super().__init__(detail)
        self.error, self.writing_id, self.detail = error, writing_id, detail


class WritingsBase:
    def __init__(self, kernel, logbook: LogbookService) -> None:
        self.kernel = kernel
        self.station = station = kernel.station
        # "Rédiger un rapport / PV" reads and links the main courante entry through its own service.
        self.logbook = logbook
        station.retention_targets.register(retention_target())

    def _require(self, actor: Actor, access: Access) -> None:
        """Checked before a unit of work opens: a refusal journals in a transaction of its own."""
        self.station.rights.require_compartment(actor, Compartment.ECRITS, access)

    @contextmanager
    def _unit(self, actor: Actor) -> Iterator[UnitOfWork]:
        """A unit of work whose refusals (_Refusal) are journaled after its rollback, then raised."""
        try:
            with self.station.uow() as uow:
                yield uow
        except _Refusal as refusal:
            with self.station.uow() as uow:
                self._journal(uow.session, Operation.REFUSED, actor, refusal.writing_id, detail=refusal.detail)
                uow.commit()
            raise refusal.error from None

    def _writing(self, session: Session, writing_id: str) -> Writing:
        writing = session.get(Writing, writing_id)
        if writing is None:
            raise WritingNotFound(number=writing_id)
        return writing

    def _journal(self, session: Session, operation: Operation, actor: Actor | None, writing: Writing | str,
                 **fields) -> None:
        record_id = writing if isinstance(writing, str) else writing.id
        fields.setdefault("record_kind", RECORD_KIND)
        self.station.journal.append(session, operation, actor, compartment=COMPARTMENT, record_id=record_id,
                                    **fields)

    def _changed(self, session: Session, record, kind: str = RECORD_KIND) -> None:
        self.kernel.queue(session, record)  # its kind follows from its model

    def _editable(self, session: Session, actor: Actor, writing_id: str, what: str,
                  expected_version: int | None = None) -> Writing:
        """The draft, if this actor may change it; a signed one is refused (journaled), an addendum offered."""
        writing = self._writing(session, writing_id)
        if writing.status != WritingStatus.DRAFT:
            raise _Refusal(DocumentLocked(number=writing.number), writing.id,
                           f"refused: {what} of a signed document")
        chief = granted(session, current(session, actor), Compartment.ECRITS, Access.ADMINISTER)
        if writing.author_id != actor.user_id and not chief:
            raise _Refusal(NotTheAuthor(number=writing.number), writing.id, f"refused: {what} by another than the author")
        if expected_version is not None and writing.version != expected_version:
            raise EditConflict(number=writing.number)
        return writing

    def _keep_version(self, session: Session, actor: Actor, writing: Writing, change: str) -> None:
        session.add(WritingVersion(writing_id=writing.id, writing_version=writing.version,
                                   state=store.state_json(store.state(session, writing)), change=change,
                                   replaced_by=actor.user_id, replaced_at=self.station.clock.now(), version=1))

    def _touch(self, session: Session, actor: Actor, writing: Writing) -> None:
        writing.version += 1
        writing.updated_at = self.station.clock.now()
        writing.updated_by = actor.user_id
        session.flush()
        self._changed(session, writing)
