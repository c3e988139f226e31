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
from typing import TYPE_CHECKING, Any

from sqlalchemy import inspect
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Mapper, Session, make_transient_to_detached
from sqlalchemy.sql import ClauseElement

from app.audit.actor import Actor
from app.audit.journal import execute_direct
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

    def insert(self, *records: Base) -> None:
        """New records in the database now, as session.add then session.flush would put them, each with one
        statement of its own (DirectInserts; bench: store.insert_commit). A record an INSERT alone
        cannot write (relationships to cascade, a key the database makes) is flushed instead."""
        self._require_writes()
        self.kernel.inserts.insert(self.session, records)

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


# An attribute the record was given no value for, told from one given None.
_UNSET: Any = object()


@dataclass(frozen=True, slots=True)
class _Insert:
    """How a new row of one model is written without a flush: its statement, and per column the
    attribute that holds its value, its default (made as the column's default makes it), its bind processor."""

    statement: str
    columns: tuple[tuple[str, Callable[[], Any] | None, Callable[[Any], Any] | None], ...]
    key: tuple[int, ...]  # the places of the primary key's columns


class DirectInserts:
    """New records written as session.add then session.flush write them, with one INSERT each.

    A flush of one new record is most of a user action's Python (bench: store.insert_commit): the ORM
    sorts its unit of work, compiles and executes the statement through the Core, then makes the record
    persistent. Here the row is bound as the flush binds it (each column's default when the record has no
    value for it or None, each type's own bind processing: UTC times, enums, booleans), goes to the
    transaction's DBAPI connection (as the journal's and the outbox's rows, app/audit/journal.py), and the
    record becomes persistent in the session as a flushed one does: in its identity map, each attribute
    holding what the row holds, and given back transient if the transaction rolls back.

    What is pending in the session is flushed first, so that a parent added before reaches the table
    before its child. A record only a flush can write goes through one: a model with relationships
    (their cascades), inheritance, a version counter or mapper events, a default or key the database
    makes, a session with flush events, a record that is not new.
    """

    def __init__(self) -> None:
        self._plans: dict[tuple[Mapper[Any], Dialect], _Insert | None] = {}

    def insert(self, session: Session, records: tuple[Base, ...]) -> None:
        session.flush()
        dispatch = session.dispatch
        listened = dispatch.before_flush or dispatch.after_flush or dispatch.after_flush_postexec
        dialect = session.get_bind().dialect
        for record in records:
            state = inspect(record)
            plan = None if listened or not state.transient else self._plan(state.mapper, dialect)
            if plan is None or not _write(session, plan, record):
                session.add(record)
                session.flush()

    def _plan(self, mapper: Mapper[Any], dialect: Dialect) -> _Insert | None:
        found = self._plans.get((mapper, dialect), _UNSET)
        if found is _UNSET:
            found = self._plans[(mapper, dialect)] = _plan(mapper, dialect)
        return found


def _plan(mapper: Mapper[Any], dialect: Dialect) -> _Insert | None:
    if (mapper.relationships or mapper.inherits is not None or mapper.version_id_col is not None
            or mapper.dispatch.before_insert or mapper.dispatch.after_insert):
        return None
    table = mapper.local_table
    columns: list[tuple[str, Callable[[], Any] | None, Callable[[Any], Any] | None]] = []
    for column in table.columns:
        default = column.default
        if column.server_default is not None or (
                default is not None and not (default.is_scalar or default.is_callable)):
            return None
        make: Callable[[], Any] | None = None
        if default is not None:
            # A callable default is called as the Core calls it; Vigie's take no context (new_id).
            make = (lambda value: lambda: value)(default.arg) if default.is_scalar else (
                lambda call: lambda: call(None))(default.arg)
        process = column.type.dialect_impl(dialect).bind_processor(dialect)
        columns.append((mapper.get_property_by_column(column).key, make, process))
    quote = dialect.identifier_preparer
    names = ", ".join(quote.quote(column.name) for column in table.columns)
    statement = f"INSERT INTO {quote.format_table(table)} ({names}) VALUES ({', '.join('?' * len(columns))})"
    key = tuple(index for index, column in enumerate(table.columns) if column.primary_key)
    return _Insert(statement, tuple(columns), key)


def _write(session: Session, plan: _Insert, record: Base) -> bool:
    """The record's row written, the record persistent in *session*; False if the database makes a value of it."""
    state = inspect(record)
    given = state.dict
    values = []
    for name, make, _process in plan.columns:
        value = given.get(name)
        if value is None and make is not None:
            value = make()
        elif isinstance(value, ClauseElement):
            return False  # a value the database computes (a SQL expression): the flush's to write and read back
        values.append(value)
    if any(values[index] is None for index in plan.key):
        return False
    execute_direct(session, plan.statement, tuple(value if process is None else process(value)
                                                  for value, (_name, _make, process) in zip(values, plan.columns)))
    for (name, _make, _process), value in zip(plan.columns, values):
        given[name] = value  # what the row holds: nothing is expired, nothing read again
    make_transient_to_detached(record)
    session.add(record)
    # As a flushed record: a rollback of this transaction (or savepoint) expunges it, leaving it transient.
    transaction = session.get_nested_transaction() or session.get_transaction()
    if transaction is not None:
        transaction._new[state] = True
    return True


@dataclass
class Kernel:
    """What features stand on: the station, its record kinds, and units of work with rights."""

    station: Station
    kinds: RecordKinds
    inserts: DirectInserts = field(default_factory=DirectInserts)
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
