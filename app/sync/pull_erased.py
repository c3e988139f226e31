"""An erasure prevails over whatever arrives for the erased record, its children included.

A record erased on one station (a main courante entry by retention) may meanwhile have been given a
child on another station, offline (a history row, a person, an attachment): that child names an erased
parent. Where the erasure is applied, the children the station holds go with their parent; where such a
child arrives after its parent was erased here, it is not written (its parent is gone) but erased too:
its own tombstone, the station's journal told, and the sync's report counting it as an erasure over a
stale change (never a refused page). The station that erased the parent also queues the child's erasure,
so that the server forgets its ciphertext; the stations that pulled the parent's erasure do not (they
would push the same erasure again): a child on the server reaches the station that erased its parent.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.kernel.kinds import RecordKind, RecordKinds
from app.kernel.outbox import drop_states, queue_erasure_at
from app.models import Operation
from app.models.outbox import ChangeOperation, OutboxChange, Tombstone
from app.models.sync import SyncSeen
from app.sync.batch import read_in

# The columns that name a file of a record (its file and thumbnail, kept apart: app/sync/attachments.py).
FILE_COLUMNS = {"logbook_attachment": ("blob", "thumbnail_blob")}

# The children of a kind: each child kind with the column that names its parent's key.
Children = dict[str, tuple[tuple[RecordKind, str], ...]]


@cache
def parent_column(child: RecordKind, parent: RecordKind) -> str:
    """The column of *child* that holds its parent record's key (its foreign key to the parent's table)."""
    table = parent.model.__table__
    for column in child.model.__table__.columns:
        if any(key.column.table is table for key in column.foreign_keys):
            return str(column.key)
    raise LookupError(f"kind {child.name} names no {parent.name}")


def children_of(kinds: RecordKinds) -> Children:
    found: dict[str, list[tuple[RecordKind, str]]] = {}
    for kind in kinds:
        if kind.parent is not None and kind.parent in kinds:
            found.setdefault(kind.parent, []).append((kind, parent_column(kind, kinds[kind.parent])))
    return {name: tuple(children) for name, children in found.items()}


def parent_of(kinds: RecordKinds, kind: RecordKind, payload: dict[str, Any]) -> tuple[str, str] | None:
    """The (kind, id) of the record *payload* hangs on, for a kind with a parent."""
    if kind.parent is None or kind.parent not in kinds:
        return None
    value = payload.get(parent_column(kind, kinds[kind.parent]))
    return None if value is None else (kind.parent, str(value))


def erased_parents(session: Session, kinds: RecordKinds, changes: list[Any]) -> set[tuple[str, str]]:
    """Of the parents the page's children name, those erased here: their tombstones, in one read per kind."""
    parents: dict[str, set[str]] = {}
    for change in changes:
        named = kinds[change.kind] if change.kind in kinds else None
        if named is not None and named.parent and (parent := parent_of(kinds, named, change.payload)):
            parents.setdefault(parent[0], set()).add(parent[1])
    erased: set[tuple[str, str]] = set()
    for name, ids in parents.items():
        erased |= {(name, str(record_id)) for record_id in read_in(session, lambda part: select(
            Tombstone.record_id).where(Tombstone.record_kind == name, Tombstone.record_id.in_(part)), list(ids))}
    return erased


def held_children(session: Session, children: Children, erased: list[tuple[RecordKind, str]]
                  ) -> list[tuple[RecordKind, str]]:
    """The children of these erased records this station holds (the rows naming them), a read per child kind."""
    by_kind: dict[str, list[str]] = {}
    for kind, record_id in erased:
        by_kind.setdefault(kind.name, []).append(record_id)
    held: list[tuple[RecordKind, str]] = []
    for name, ids in by_kind.items():
        for child, column in children.get(name, ()):
            if len(child.key) != 1:
                continue
            key, parent = getattr(child.model, child.key[0]), getattr(child.model, column)
            held += [(child, str(value)) for value in read_in(session, lambda part: select(key).where(
                parent.in_(part)), ids)]
    return held


def files_of(kind: RecordKind, record: Any) -> list[str]:
    """The files an erased record named: deleted after the commit if nothing else names them."""
    names = (getattr(record, column, None) for column in FILE_COLUMNS.get(kind.name, ()))
    return [str(name) for name in names if name]


def forget_files(station: Any, names: list[str]) -> None:
    """After the commit (a file cannot roll back with it): the files of children erased over a stale change
    that no record names any more. A file never sent has no transfer state for app/sync/attachments.py."""
    if not names:
        return
    from app.logbook.erasure import unreferenced
    from app.store.attachments import BlobStore

    with station.read() as uow:
        gone = unreferenced(uow.session, set(names))
    BlobStore(station.paths.attachments, station.clock).remove(gone)


def erased_by(session: Session, keys: Any, kind: str, record_id: str) -> bool:
    """Whether this station erased the record itself (its erasure is in its outbox, or came back as its own
    envelope), rather than applied another station's: the station that erased a parent queues the erasure of
    a child that arrives after it, and only that one, so that no two stations push it. After the erasure, its
    envelope is the only one of the record this station keeps (the earlier ones are forgotten with it)."""
    if session.scalar(select(OutboxChange.seq).where(
            OutboxChange.record_kind == kind, OutboxChange.record_id == record_id,
            OutboxChange.operation == ChangeOperation.ERASE.value).limit(1)) is not None:
        return True
    handle = keys.handle(kind, record_id)
    return session.scalar(select(SyncSeen.seq).where(SyncSeen.handle == handle, SyncSeen.own).limit(1)) is not None


def record_stale(session: Session, journal: Any, now: datetime, stale: list[tuple[RecordKind, str, bool]]) -> None:
    """Children erased over a stale change, journaled in the transaction of the page. The erasures of those the
    station erased the parent of are queued (the server forgets them); of the others, the unsent states go."""
    for kind, record_id, queued in stale:
        if queued:
            queue_erasure_at(session, now, kind, record_id)
        else:
            drop_states(session, kind, [record_id])
        journal.append(session, Operation.ERASE, compartment=kind.compartment, record_kind=kind.name,
                       record_id=record_id, detail="erased on synchronisation: the record it belongs to was erased")
