"""One unit of work per user action, with the actor's right read in the same transaction.

    with kernel.work(actor, Compartment.MAIN_COURANTE, Access.WRITE) as work:
        entry = ...; work.session.add(entry)
        work.journal(Operation.CREATE, entry.id, kind="logbook_entry")
        work.queue(entry)          # the outbox row, by the kind's sync schema
        work.commit()              # then subscribers hear Changes({"main_courante"})

A refused right leaves the transaction untouched (rolled back), is journaled
in a short transaction of its own, and raises AccessDenied. A read-only work
(`kernel.read`) begins deferred and takes no lock: it can neither journal
nor queue, because a consultation that is journaled is a write.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from app.audit.actor import Actor
from app.errors import AccessDenied
from app.kernel.kinds import RecordKind, RecordKinds
from app.kernel.outbox import drop_states, queue_erasure, queue_state
from app.kernel.rights import (
    ADMINISTRATION,
    COMPARTMENT_LABELS,
    Access,
    Compartment,
    Permission,
    holds,
    role_allows,
    role_now,
)
from app.models import Operation
from app.models.outbox import ChangeOperation
from app.models.base import Base
from app.store.uow import UnitOfWork

if TYPE_CHECKING:
    from app.clock import Clock
    from app.kernel.station import Station

log = logging.getLogger("vigie.kernel")


@dataclass(frozen=True)
class Changes:
    """What a committed unit of work changed, by area (a compartment, or "accounts", "settings"...)."""

    areas: frozenset[str] = frozenset()

    def __contains__(self, area: object) -> bool:
        return str(area) in self.areas

    def __bool__(self) -> bool:
        return bool(self.areas)


class ReadOnlyWork(RuntimeError):
    """A programming error: a read-only unit of work was asked to write."""


class Work:
    """The unit of work of one user action (see the module's docstring)."""

    def __init__(self, kernel: Kernel, uow: UnitOfWork, actor: Actor | None, compartment: str,
                 writes: bool) -> None:
        self.kernel = kernel
        self._uow = uow
        self.actor = actor
        self.compartment = compartment
        self._writes = writes
        self._areas: set[str] = set()

    @property
    def session(self) -> Session:
        return self._uow.session

    @property
    def now(self) -> datetime:
        return self.kernel.clock.now()

    def journal(self, operation: Operation, record_id: str = "", *, kind: str = "", detail: str = "",
                motive: str = "", recipient: str = "", compartment: str | None = None,
                login: str = "", at: datetime | None = None, entry_id: str | None = None,
                actor: Actor | None = None) -> None:
        """The access journal's entry for this action, committed with it or not at all.

        *actor* names someone else than the work's own actor (the user a login has just proven).
        """
        self._require_writes()
        self.kernel.station.journal.append(
            self.session, operation, actor or self.actor, login=login, compartment=compartment or self.compartment,
            record_kind=kind, record_id=record_id, motive=motive, recipient=recipient, detail=detail, at=at,
            entry_id=entry_id,
        )

    def queue(self, *records: Base) -> None:
        """Each record's new state goes to the sync outbox, by its kind's schema."""
        self._require_writes()
        for record in records:
            kind = self.kernel.kinds.of(record)
            queue_state(self.session, self.kernel.clock, kind, record)
            self._areas.add(kind.compartment)

    def erased(self, kind: str | RecordKind, *record_ids: str) -> None:
        """These records are gone: a tombstone each, which syncs; their states in the outbox are dropped."""
        self._require_writes()
        declared = self.kernel.kinds[kind] if isinstance(kind, str) else kind
        for record_id in record_ids:
            queue_erasure(self.session, self.kernel.clock, declared, record_id)
        self._areas.add(declared.compartment)

    def scrubbed(self, *records: Base) -> None:
        """These records stay but were emptied of erased data (a court outcome, retention): their
        states in the outbox (sent or not), which still hold it, go, and their new state is queued as one that
        replaces them: the server and the other stations forget the earlier ones. Not an erasure: no tombstone."""
        self._require_writes()
        for record in records:
            kind = self.kernel.kinds.of(record)
            drop_states(self.session, kind, [kind.record_id(record)])
            queue_state(self.session, self.kernel.clock, kind, record, ChangeOperation.SCRUB)
            self._areas.add(kind.compartment)

    def changed(self, *areas: str) -> None:
        """Say what the views should reload, beyond the compartments of the queued records."""
        self._areas.update(str(area) for area in areas)

    def commit(self) -> Changes:
        self._require_writes()
        self._uow.commit()
        changes = Changes(frozenset(self._areas))
        self._areas.clear()
        if changes:
            self.kernel.publish(changes)
        return changes

    def _require_writes(self) -> None:
        if not self._writes:
            raise ReadOnlyWork("a read-only unit of work cannot journal, queue or commit")


@dataclass
class Kernel:
    """What features stand on: the station, its record kinds, and units of work with rights."""

    station: Station
    kinds: RecordKinds
    _subscribers: list[Callable[[Changes], None]] = field(default_factory=list)

    @property
    def clock(self) -> Clock:
        return self.station.clock

    @contextmanager
    def work(self, actor: Actor, compartment: Compartment, access: Access = Access.WRITE, *,
             write: bool = True) -> Iterator[Work]:
        """A unit of work in which *actor* holds *access* on *compartment*, read in its transaction."""
        station = self.station
        with (station.uow() if write else station.read()) as uow:
            if holds(uow.session, actor, compartment, access):
                yield Work(self, uow, actor, str(compartment), write)
                return
        # Outside the rolled-back transaction: the refusal's own entry, then AccessDenied.
        station.rights.require_compartment(actor, compartment, access)
        raise AccessDenied(what=COMPARTMENT_LABELS[compartment])  # granted between the two reads

    def read(self, actor: Actor, compartment: Compartment,
             access: Access = Access.READ) -> AbstractContextManager[Work]:
        """A read-only unit of work: no lock, no waiting for writers, no journal."""
        return self.work(actor, compartment, access, write=False)

    @contextmanager
    def administer(self, actor: Actor, permission: Permission, *, write: bool = True) -> Iterator[Work]:
        """A unit of work of the station's administration (accounts, settings, the rights matrix)."""
        station = self.station
        with (station.uow() if write else station.read()) as uow:
            if role_allows(role_now(uow.session, actor), permission):
                yield Work(self, uow, actor, ADMINISTRATION, write)
                return
        station.rights.require(actor, permission)
        raise AccessDenied(what=str(permission))

    @contextmanager
    def system(self, compartment: str, *, write: bool = True) -> Iterator[Work]:
        """The station's own work, with no user behind it (retention, events recorded before login)."""
        with (self.station.uow() if write else self.station.read()) as uow:
            yield Work(self, uow, None, compartment, write)

    def queue(self, session: Session, *records: Base) -> None:
        """Outbox rows for *records* in *session*'s transaction, by their kinds' schemas."""
        for record in records:
            queue_state(session, self.clock, self.kinds.of(record), record)

    def subscribe(self, listener: Callable[[Changes], None]) -> None:
        """*listener* hears every commit's Changes, on the committing thread."""
        self._subscribers.append(listener)

    def publish(self, changes: Changes) -> None:
        for listener in list(self._subscribers):
            try:
                listener(changes)
            except Exception:  # a view's failure never undoes a committed action
                log.exception("a listener of changes failed")
