"""What every part of WritingsService shares: units of work on the écrits, lookups, the draft's lock, versions.

The parts (drafts, signing, court, reading, printing) are mixins of
WritingsService (app/writings/service.py), which is what bootstrap builds
and what the screens call. Every part works through the kernel: the
actor's right on the écrits is read in the transaction of the change, and
the journal entry and the outbox rows are written in it too.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from app.audit.journal import Actor
from app.errors import VigieError
from app.kernel.pending_events import count_failed_password
from app.kernel.retention import RetentionService, RetentionTarget
from app.kernel.rights import ADMINISTRATION, Access, Compartment, current, granted
from app.kernel.work import Kernel, Work
from app.logbook.service import LogbookService
from app.models import Operation, User, Writing, WritingVersion
from app.models.writings import WritingStatus
from app.writings import store
from app.writings.types import DOCUMENT_CHANGED, DocumentLocked, EditConflict, NotTheAuthor, WritingNotFound

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
        erase=store.erase_writings,
        erase_personal_data=store.erase_personal_data,
    )


class _Refusal(Exception):
    """Raised inside a unit of work: the refusal is journaled once its transaction is gone."""

    def __init__(self, error: VigieError, writing_id: str, detail: str, wrong_password: bool = False) -> None:
        super().__init__(detail)
        self.error, self.writing_id, self.detail = error, writing_id, detail
        # A wrong signing password counts toward the lockout as a failed login does.
        self.wrong_password = wrong_password


class WritingsBase:
    def __init__(self, kernel: Kernel, logbook: LogbookService, retention: RetentionService) -> None:
        self.kernel = kernel
        self.station = station = kernel.station
        # "Rédiger un rapport / PV" reads and links the main courante entry through its own service.
        self.logbook = logbook
        station.retention_targets.register(retention_target())
        # A court outcome erases inside its own unit of work through the retention registry's targets.
        self.retention = retention

    @contextmanager
    def _unit(self, actor: Actor, access: Access = Access.WRITE) -> Iterator[Work]:
        """A unit of work on the écrits whose refusals (_Refusal) are journaled after its rollback, then raised.

        The refusal's entry is written in a unit of work of its own, under the same right: nothing
        the refused action had begun is committed with it.
        """
        try:
            with self.kernel.work(actor, Compartment.ECRITS, access) as work:
                yield work
        except _Refusal as refusal:
            with self.kernel.work(actor, Compartment.ECRITS, access) as work:
                if refusal.wrong_password:
                    self._count_wrong_password(work, actor)
                work.journal(Operation.REFUSED, refusal.writing_id, kind=RECORD_KIND, detail=refusal.detail)
                work.commit()
            raise refusal.error from None

    def _count_wrong_password(self, work: Work, actor: Actor) -> None:
        """A wrong password typed to sign: a failed login of its own, journaled and counted as one."""
        user = work.session.get(User, actor.user_id)
        if user is None:
            return
        locked = count_failed_password(work.session, user, work.now)
        detail = "wrong signing password, account locked" if locked else "wrong signing password"
        work.journal(Operation.LOGIN_FAILED, user.id, kind="user", login=user.login, detail=detail,
                     compartment=ADMINISTRATION, actor=actor)

    def _reading(self, actor: Actor, access: Access = Access.READ) -> AbstractContextManager[Work]:
        """A read-only unit of work on the écrits: no lock, no journal."""
        return self.kernel.read(actor, Compartment.ECRITS, access)

    def _writing(self, work: Work, writing_id: str) -> Writing:
        writing = work.session.get(Writing, writing_id)
        if writing is None:
            raise WritingNotFound(number=writing_id)
        return writing

    def _journal(self, work: Work, operation: Operation, writing: Writing | str, **fields: Any) -> None:
        record_id = writing if isinstance(writing, str) else writing.id
        fields.setdefault("kind", RECORD_KIND)
        work.journal(operation, record_id, **fields)

    def _editable(self, work: Work, actor: Actor, writing_id: str, what: str,
                  expected_version: int | None = None) -> Writing:
        """The draft, if this actor may change it; a signed one is refused (journaled), an addendum offered."""
        session = work.session
        writing = self._writing(work, writing_id)
        if writing.status != WritingStatus.DRAFT:
            raise _Refusal(DocumentLocked(number=writing.number), writing.id,
                           f"refused: {what} of a signed document")
        chief = granted(session, current(session, actor), Compartment.ECRITS, Access.ADMINISTER)
        if writing.author_id != actor.user_id and not chief:
            raise _Refusal(NotTheAuthor(number=writing.number), writing.id, f"refused: {what} by another than the author")
        if expected_version is not None and writing.version != expected_version:
            raise EditConflict(DOCUMENT_CHANGED, number=writing.number)
        return writing

    def _keep_version(self, work: Work, actor: Actor, writing: Writing, change: str) -> None:
        """The document as it was before *change*, kept (and synced) as its history."""
        session = work.session
        kept = WritingVersion(writing_id=writing.id, writing_version=writing.version,
                              state=store.state_json(store.state(session, writing)), change=change,
                              replaced_by=actor.user_id, replaced_at=work.now, version=1)
        session.add(kept)
        session.flush()
        work.queue(kept)

    def _touch(self, work: Work, actor: Actor, writing: Writing) -> None:
        writing.version += 1
        writing.updated_at = work.now
        writing.updated_by = actor.user_id
        work.session.flush()
        work.queue(writing)
