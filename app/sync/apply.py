"""Applying a page of pulled envelopes, in server order, in one transaction with the checkpoint.

Every station reads the same envelopes in the same order (the server's sequence, never a
clock), so every station reaches the same decision for each of them:

- an append-only record (a version, a journal entry, a signed document) is added once: union;
- an erasure erases, and its tombstone stays so that no stale copy brings the record back;
- a state whose base is the record's latest envelope replaces it (linear history);
- a state made without knowledge of the latest one is kept too: the table takes the later one,
  and both wait in sync_conflicts for a person, who settles them with a new version.

A record edited here and not pushed yet keeps its local state; what the server holds for it is
kept as a shadow, so that the next push is seen as concurrent rather than silently winning.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.audit.stations import SEALS_KIND, keep_remote_seals
from app.kernel import numbering
from app.kernel.kinds import RecordKind, RecordKinds
from app.kernel.outbox import still_erased
from app.models import OutboxChange, Tombstone
from app.models.sync import RemoteJournalEntry, SyncHead, SyncRefused
from app.sync import protocol
from app.sync.batch import Head, HeldHeads, NewRow, PageRows, read_in, read_keyed, string_key
from app.sync.batch import typed_key as _typed_key
from app.sync.local_columns import LocalColumns, derive_page, derives_before_insert, fill, needs_flush, prepare
from app.sync.envelope import Pulled, ServiceKeys
from app.sync.pull_applied import Applied
from app.sync.pull_conflicts import Found, conflict, settle
from app.sync.pull_credential import follow_credential
from app.sync.pull_columns import page_values
from app.sync.pull_journal import keep_alone, remote_entry
from app.sync.pull_erased import children_of, erased_by, erased_parents, files_of, held_children, parent_of
from app.sync.refusals import NOT_APPLICABLE, UNKNOWN_KIND, not_applicable
from app.sync.pull_page import OpenedPage

log = logging.getLogger("vigie.sync")

# What a record made from a payload holds in its local columns: an account received from another
# station has no password here (nothing verifies against "!") until its credentials arrive.
LOCAL_DEFAULTS: dict[str, dict[str, Any]] = {"user": {"password_hash": "!", "must_change_password": False,
                                                      "failed_attempts": 0}}
# An officer's password verifier: a kind of its own, made at push time from the account's row (it is
# never in the outbox), end-to-end encrypted like every envelope.
CREDENTIAL = "user_credential"
NUMBER_SERIES = {"logbook_entry": "main_courante", "writing": "ecrits"}
PRESENT = object()  # a record the table holds, not read (app/sync/apply.py: PageApplier._preload)


class PageRefused(Exception):
    """The database refused a page written at once: it is tried again envelope by envelope."""


class PageApplier:
    """Applies envelopes of one page inside the caller's session (its transaction)."""

    def __init__(self, session: Session, kinds: RecordKinds, keys: ServiceKeys, tenant_id: str, device_id: str,
                 station_id: str, now: datetime, careful: bool = False, held: HeldHeads | None = None) -> None:
        self.session = session
        self.kinds = kinds
        self.keys = keys
        self.tenant_id = tenant_id
        self.device_id = device_id
        self.station_id = station_id
        self.now = now
        self.result = Applied()
        # Careful: each envelope in a savepoint of its own, so that one that breaks a constraint is
        # refused alone. Not careful (the first try of every page): the page is written at once,
        # and tried again carefully if the database refuses it.
        self.careful = careful
        self._held = held  # the heads the pull may find (None: any); a careful page looks for every one
        self._made = PageRows()
        self._tombstones: set[str] = set()
        # The page's heads and records, read at once; a record absent here is absent (None).
        self._heads: dict[str, Head] = {}
        self._records: dict[str, dict[str, Any]] = {}
        self._journal_ids: set[str] = set()
        self._numbers: dict[tuple[str, int, int], int] = {}
        # Conflicts found by this page, maybe not written yet: a later settlement or erasure takes them away.
        self._found: Found = {}
        # The records written whose kind derives something once per page (app/sync/local_columns.py).
        self._touched: dict[str, list[str]] = {}
        self._converted: dict[int, dict[str, Any]] = {}  # values of new records, converted with their page's
        self.erasures: dict[str, int] = {}  # handle: seq of an erasure the server forgot the handle's past for
        # An erasure prevails over a child added meanwhile (app/sync/pull_erased.py): parents erased, children erased.
        self._children = children_of(kinds)
        self._erased_parents: set[tuple[str, str]] = set()
        self._cascade: list[tuple[RecordKind, str]] = []  # parents erased by the page: their children go at its end
        # Children erased with their parent: (kind, id, whether this station queues their erasure: the one
        # that erased the parent does, not the stations that pulled the parent's erasure).
        self.stale: list[tuple[RecordKind, str, bool]] = []
        self._erased_here: dict[tuple[str, str], bool] = {}  # parents: erased by this station, not pulled
        self.refusals: dict[int, str] = {}  # seq: why, for the journal (app/sync/pull_run.py: apply_page)
        # A page may hold a child before its parent's next state: checked at commit.
        session.execute(text("PRAGMA defer_foreign_keys = ON"))

    def apply(self, page: OpenedPage) -> Applied:
        """*page*'s envelopes, opened by the fetcher (app/sync/pull_page.py): a refused one is kept as such."""
        pending = self._pending()
        self._made.seen = page.seen
        opened: list[tuple[protocol.Envelope, Pulled | None]] = []
        for envelope, item in zip(page.envelopes, page.changes, strict=True):
            if isinstance(item, str):
                self._refuse(envelope, item)
                opened.append((envelope, None))
            else:
                opened.append((envelope, item))
        changes = [(str(envelope["handle"]), change, int(envelope["seq"])) for envelope, change in opened
                   if change is not None]
        with self.session.no_autoflush:
            self._preload(changes)
            self._converted = self._convert([change for _handle, change, _seq in changes])
            for envelope, maybe in opened:
                self._one(envelope, maybe, pending)
            self._erase_children()
        for (series, year, _station), serial in self._numbers.items():
            numbering.observe(self.session, series, year, serial)
        self.session.flush()
        self._made.finish(self.session, self.kinds)
        derive_page(self.session, self.kinds, self._touched)
        return self.result

    def _bulk(self, kind: RecordKind) -> bool:
        """Whether a new record of *kind* may wait for its kind's executemany: not in a careful page
        (savepoints), nor when something is derived from its row as it is written."""
        return (not self.careful and kind.name in self._records and not needs_flush(kind)
                and kind.name not in LOCAL_DEFAULTS)

    def _preload(self, opened: list[tuple[str, Pulled, int]]) -> None:
        """The page's heads, tombstones and records in a few reads. A record whose envelope is this station's
        own state coming back (its head's base is that seq) is only looked for (PRESENT), not read."""
        handles = list({handle for handle, _, _ in opened})  # each checked against its change when opened
        if self._held is not None and not self.careful:
            handles = self._held.among(self.session, handles)
        self._heads.update(self._made.read_heads(self.session, handles, orm=self.careful))
        by_kind: dict[str, list[tuple[str, str]]] = {}
        acknowledged: dict[str, list[str]] = {}
        for handle, change, seq in opened:
            by_kind.setdefault(change.kind, []).append((handle, change.record_id))
            if (head := self._heads.get(handle)) is not None and head.base_seq == seq:
                acknowledged.setdefault(change.kind, []).append(change.record_id)
        self._erased_parents |= erased_parents(self.session, self.kinds, [change for _, change, _ in opened])
        for name, named in by_kind.items():
            ids = self._looked_for(name, named)
            if name == "journal_entry":
                self._journal_ids |= set(read_in(self.session, lambda part: select(RemoteJournalEntry.id).where(
                    RemoteJournalEntry.id.in_(part)), ids))
                continue
            self._tombstones |= set(read_in(self.session, lambda part: select(Tombstone.record_id).where(
                Tombstone.record_kind == name, Tombstone.record_id.in_(part)), ids))
            kind = self.kinds[name] if name in self.kinds else None
            if kind is not None and len(kind.key) > 1 and not kind.identity:  # a NATINF offence: version, code
                self._records[name] = read_keyed(self.session, kind, ids)
            if kind is None or len(kind.key) != 1 or kind.identity:
                continue
            column = getattr(kind.model, kind.key[0])
            own = set(acknowledged.get(name, ()))
            self._records[name] = {str(key): PRESENT for key in read_in(
                self.session, lambda part: select(column).where(column.in_(part)), list(own))}
            self._records[name].update({str(getattr(record, kind.key[0])): record for record in read_in(
                self.session, lambda part: select(kind.model).where(column.in_(part)), list(set(ids) - own))})

    def _looked_for(self, name: str, named: list[tuple[str, str]]) -> list[str]:
        key = RemoteJournalEntry.id if name == "journal_entry" else string_key(self.kinds[name]) \
            if name in self.kinds else None
        if self._held is None or self.careful or key is None:
            return [record_id for _handle, record_id in named]
        return self._held.records_among(self.session, name, key, named)

    def _convert(self, changes: list[Pulled]) -> dict[int, dict[str, Any]]:
        """New records' values, converted a column at a time; if they do not convert, one envelope at a time."""
        try:
            return page_values(self.kinds, {name: records for name, records in self._records.items()
                                            if self._bulk(self.kinds[name])}, changes)
        except (ValueError, TypeError, KeyError) as exc:
            raise PageRefused from exc

    def _values(self, kind: RecordKind, payload: dict[str, Any]) -> dict[str, Any]:
        return self._converted.pop(id(payload), None) or kind.values(payload)

    def _pending(self) -> set[tuple[str, str]]:
        """Records with a local state not pushed yet (usually none: a sync pushes first)."""
        rows = self.session.execute(select(OutboxChange.record_kind, OutboxChange.record_id)
                                    .where(OutboxChange.pushed_at.is_(None)))
        return {(kind, record_id) for kind, record_id in rows}

    def _one(self, envelope: protocol.Envelope, change: Pulled | None, pending: set[tuple[str, str]]) -> None:
        if change is None:
            return
        if change.kind == "journal_entry":
            self._journal_entry(envelope, change)
            return
        if change.kind == CREDENTIAL:
            if ("user", change.record_id) not in pending:  # a password changed here since: its own goes out
                follow_credential(self.session, self._records, change, self.result)
            return
        if change.kind == SEALS_KIND:  # another station's journal seal generations (app/audit/stations.py)
            keep_remote_seals(self.session, change.station, change.record_id, change.payload, self.station_id,
                              self.now)
            return
        if change.kind not in self.kinds:
            self._refuse(envelope, not_applicable(f"{UNKNOWN_KIND} {change.kind}"))
            return
        kind = self.kinds[change.kind]
        head = self._heads.get(str(envelope["handle"]))
        local_pending = (change.kind, change.record_id) in pending
        try:
            if self.careful:
                with self.session.begin_nested():
                    self._change(kind, change, envelope, head, local_pending)
            else:
                self._change(kind, change, envelope, head, local_pending)
        except (ValueError, TypeError, KeyError, IntegrityError) as exc:
            if not self.careful:
                raise PageRefused from exc
            log.warning("envelope %s of kind %s not applicable: %s", envelope["seq"], change.kind, exc)
            self._refuse(envelope, not_applicable(f"{NOT_APPLICABLE}: {type(exc).__name__}"))
            return
        self.result.kinds[change.kind] = self.result.kinds.get(change.kind, 0) + 1

    def _refuse(self, envelope: protocol.Envelope, reason: str) -> None:
        seq = int(envelope["seq"])
        self.refusals[seq] = reason
        if self.session.get(SyncRefused, seq) is not None:  # pulled again after a repair, or tried again
            self.result.still_refused.append(seq)
            return
        log.warning("sync envelope %s refused: %s", seq, reason)
        self.session.add(SyncRefused(seq=seq, handle=str(envelope["handle"]), device_id=str(envelope["device_id"]),
                                     reason=reason[:200], found_at=self.now))
        self.result.refused.append(seq)

    def _journal_entry(self, envelope: protocol.Envelope, change: Pulled) -> None:
        if change.station == self.station_id:
            return  # this station's own chain, already in its journal
        row = remote_entry(change)
        if row["id"] in self._journal_ids:
            return
        if not self.careful:
            self._made.journal.append(row)
        elif not keep_alone(self.session, row):
            self._refuse(envelope, not_applicable(f"{NOT_APPLICABLE}: IntegrityError"))
            return
        self._journal_ids.add(str(row["id"]))
        self.result.journal += 1

    def _change(self, kind: RecordKind, change: Pulled, envelope: protocol.Envelope, head: Head | None,
                local_pending: bool) -> None:
        seq = int(envelope["seq"])
        if head is not None and seq <= head.head_seq:
            return  # applied before a repair rewound the checkpoint (app/sync/digest.py): pulled again, not applied
        base = envelope["base_seq"]
        # 0: no envelope of this record applied yet (server sequences start at 1).
        linear = (base or 0) == (head.head_seq if head is not None else 0)
        if head is None:
            head = self._new_head(str(envelope["handle"]))
        previous_head = head.head_seq
        head.head_seq = seq
        self.erasures.update({head.handle: seq} if change.forgets else {})  # the server forgot what came before
        if change.operation == "erase":
            self._erased_here[(kind.name, change.record_id)] = envelope["device_id"] == self.device_id
            self._erase(kind, change.record_id)
            head.base_seq, head.shadow = seq, None
            return
        if kind.stays_local(change.payload):  # a station's own setting (app/kernel/station_kinds.py)
            head.base_seq = seq
            return
        # A natural key given again by a station that knew of its erasure comes back (app/kernel/outbox.py).
        if change.record_id in self._tombstones and still_erased(self.session, kind, change.record_id, linear):
            head.base_seq = seq
            return
        if (parent := parent_of(self.kinds, kind, change.payload)) in self._erased_parents:  # erased here
            self._erase(kind, change.record_id, stale=True, queued=self._erased_by_this_station(parent))
            head.base_seq = seq
            return
        record = self._find(kind, change.record_id, present=True)
        if kind.append_only and record is not None and not change.forgets:  # forgets: emptied of erased data
            head.base_seq = seq
            return
        if not linear and not kind.append_only and previous_head:
            record = self._find(kind, change.record_id)
            self.result.conflicts += conflict(self.session, self._found, kind, change, seq, previous_head, head,
                                              record, self.station_id, self.now)
        elif change.resolves:
            settle(self.session, self._found, kind, change.record_id)
        if local_pending:
            head.shadow = json.dumps(change.payload, sort_keys=True)
            return
        if linear and head.base_seq == seq and record is not None:
            head.shadow = None  # this station's own state, acknowledged as this seq: its table holds it
            return
        if record is PRESENT:
            record = self._find(kind, change.record_id)
        self._upsert(kind, record, change.record_id, change.payload)
        head.base_seq, head.shadow = seq, None

    def _new_head(self, handle: str) -> Head:
        if self._held is not None:
            self._held.made.add(handle)  # rolled back with its page, it is only looked for in vain
        if not self.careful:
            head: Head = self._made.head(handle)
        else:
            head = SyncHead(handle=handle, head_seq=0, base_seq=None, shadow=None)
            self.session.add(head)
        self._heads[handle] = head
        return head

    def _find(self, kind: RecordKind, record_id: str, present: bool = False) -> Any:
        """The record, None when absent; PRESENT (with *present*) for one known to be here, not read yet."""
        if kind.name in self._records:
            found = self._records[kind.name].get(record_id)
            if found is PRESENT and present:
                return found
            if found is PRESENT or isinstance(found, NewRow) and found.written:  # in the table: read it
                found = self.session.get(kind.model, _typed_key(kind, record_id))
                self._records[kind.name][record_id] = found
            return found
        key = tuple(record_id.split("|")) if len(kind.key) > 1 else record_id
        return self.session.get(kind.model, _typed_key(kind, key))

    def _upsert(self, kind: RecordKind, record: Any, record_id: str, payload: dict[str, Any]) -> None:
        new = record is None
        if isinstance(record, NewRow):  # made earlier in this page, not written yet: its local columns kept
            record.values = {**record.values, **self._values(kind, payload)}
        elif record is None and self._bulk(kind):
            values = self._values(kind, payload)
            if derives_before_insert(kind):
                prepare(self.session, kind, LocalColumns(values))
            self._records[kind.name][record_id] = self._made.add(kind.name, values)
        elif record is None:
            record = kind.apply(None, payload)
            for name, value in LOCAL_DEFAULTS.get(kind.name, {}).items():
                setattr(record, name, value)
            prepare(self.session, kind, record)
            self.session.add(record)
            if kind.name in self._records:
                self._records[kind.name][kind.record_id(record)] = record
        else:
            kind.apply(record, payload)
        if self.careful or needs_flush(kind):
            self._made.write_rows(self.session, self.kinds)  # a derivation may read what the page made before
            self.session.flush()
            fill(self.session, kind, record, new)
        if kind.derive_page is not None:
            self._touched.setdefault(kind.name, []).append(record_id)
        self.result.records += 1
        series = NUMBER_SERIES.get(kind.name)
        if series and payload.get("year") and payload.get("serial"):
            serial = int(payload["serial"])
            key = (series, int(payload["year"]), numbering.station_of(serial))
            if numbering.index_of(serial) > numbering.index_of(self._numbers.get(key, 0)):
                self._numbers[key] = serial  # the page's highest of each block, observed once at its end

    def _erase(self, kind: RecordKind, record_id: str, stale: bool = False, queued: bool = False) -> None:
        """The record goes, with the children this station holds of it; *stale*: a child erased with its parent,
        *queued*: its erasure queued here (this station erased the parent)."""
        if self.session.get(Tombstone, (kind.name, record_id)) is None:
            self.session.add(Tombstone(record_kind=kind.name, record_id=record_id, erased_at=self.now))
            self.session.flush()
        self._tombstones.add(record_id)
        record = self._find(kind, record_id)
        if isinstance(record, NewRow):  # made by this page and not written: never written
            self._made.drop(kind.name, record)
            self._records[kind.name].pop(record_id, None)
        elif record is not None:
            self.result.files += files_of(kind, record) if stale else []
            self.session.delete(record)
            self.session.flush()
            self._records.get(kind.name, {}).pop(record_id, None)
        settle(self.session, self._found, kind, record_id)
        if kind.name in self._children:
            self._erased_parents.add((kind.name, record_id))
            self._cascade.append((kind, record_id))
        if stale:  # counted with the page (app/sync/pull_run.py: apply_page)
            self.stale.append((kind, record_id, queued))
        self.result.erased += not stale and record is not None  # not this station's own erasure coming back

    def _erased_by_this_station(self, parent: tuple[str, str]) -> bool:
        if parent not in self._erased_here:
            self._erased_here[parent] = erased_by(self.session, self.keys, *parent)
        return self._erased_here[parent]

    def _erase_children(self) -> None:
        """The children held of the records the page erased, a read per kind (the page's own rows written first)."""
        while self._cascade:
            erased, self._cascade = self._cascade, []
            self._made.write_rows(self.session, self.kinds)
            for child, child_id in held_children(self.session, self._children, erased):
                self._erase(child, child_id, stale=True)  # pulled: the station that erased it queues them
