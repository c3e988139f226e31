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

import hashlib
import json
import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.kernel import numbering
from app.kernel.kinds import RecordKind, RecordKinds
from app.models import OutboxChange, Tombstone
from app.models.sync import RemoteJournalEntry, SyncConflict, SyncHead, SyncRefused, SyncSeen
from app.sync import protocol
from app.sync.local_columns import fill, prepare
from app.sync.envelope import Change, EnvelopeRefused, ServiceKeys, open_envelope

log = logging.getLogger("vigie.sync")

# Settings that belong to one station and never to the service (docs/numbering.md).
STATION_SETTINGS = frozenset({"station_number"})
# What a record made from a payload holds in its local columns: an account received from another
# station has no password here (nothing verifies against "!") until its credentials arrive.
LOCAL_DEFAULTS: dict[str, dict[str, Any]] = {"user": {"password_hash": "!", "must_change_password": False,
                                                      "failed_attempts": 0}}
REMOTE_JOURNAL_COLUMNS = frozenset(column.key for column in RemoteJournalEntry.__table__.columns) - {"at"}
# An officer's password verifier: a kind of its own, made at push time from the account's row (it is
# never in the outbox), end-to-end encrypted like every envelope.
CREDENTIAL = "user_credential"
# Marks a record whose next pushed state is a person's settlement of its conflict.
RESOLVED = "resolved"
NUMBER_SERIES = {"logbook_entry": "main_courante", "writing": "ecrits"}


@dataclass
class Applied:
    """What a page brought, for the report of a sync."""

    records: int = 0
    erased: int = 0
    journal: int = 0
    conflicts: int = 0
    refused: list[int] = field(default_factory=list)
    kinds: dict[str, int] = field(default_factory=dict)
    # Accounts whose password changed elsewhere, or were disabled: their slots here go.
    credentials: list[str] = field(default_factory=list)

    def add(self, other: Applied) -> None:
        self.records += other.records
        self.erased += other.erased
        self.journal += other.journal
        self.conflicts += other.conflicts
        self.refused += other.refused
        self.credentials += other.credentials
        for kind, count in other.kinds.items():
            self.kinds[kind] = self.kinds.get(kind, 0) + count


class PageApplier:
    """Applies envelopes of one page inside the caller's session (its transaction)."""

    def __init__(self, session: Session, kinds: RecordKinds, keys: ServiceKeys, tenant_id: str, device_id: str,
                 station_id: str, now: datetime) -> None:
        self.session = session
        self.kinds = kinds
        self.keys = keys
        self.tenant_id = tenant_id
        self.device_id = device_id
        self.station_id = station_id
        self.now = now
        self.result = Applied()
        # A page may hold a child before its parent's next state: checked at commit.
        session.execute(text("PRAGMA defer_foreign_keys = ON"))

    def apply(self, envelopes: list[protocol.Envelope]) -> Applied:
        pending = self._pending()
        for envelope in envelopes:
            self._one(envelope, pending)
        return self.result

    def _pending(self) -> set[tuple[str, str]]:
        """Records with a local state not pushed yet (usually none: a sync pushes first)."""
        rows = self.session.execute(select(OutboxChange.record_kind, OutboxChange.record_id)
                                    .where(OutboxChange.pushed_at.is_(None)))
        return {(kind, record_id) for kind, record_id in rows}

    def _one(self, envelope: protocol.Envelope, pending: set[tuple[str, str]]) -> None:
        seq, handle = int(envelope["seq"]), str(envelope["handle"])
        ciphertext = protocol.b64decode(envelope["ciphertext"])
        self.session.add(SyncSeen(seq=seq, handle=handle, cipher_sha256=hashlib.sha256(ciphertext).hexdigest(),
                                  mutation_id=str(envelope["mutation_id"]),
                                  own=envelope["device_id"] == self.device_id))
        try:
            change = open_envelope(self.keys, self.tenant_id, handle, str(envelope["mutation_id"]), ciphertext)
        except EnvelopeRefused as refused:
            self._refuse(envelope, str(refused))
            return
        if change.kind == "journal_entry":
            self._journal_entry(change)
            return
        if change.kind == CREDENTIAL:
            self._credential(change)
            return
        if change.kind not in self.kinds:
            self._refuse(envelope, f"unknown record kind {change.kind}")
            return
        kind = self.kinds[change.kind]
        head = self.session.get(SyncHead, handle)
        try:
            with self.session.begin_nested():
                self._change(kind, change, envelope, head, (change.kind, change.record_id) in pending)
        except (ValueError, TypeError, KeyError, IntegrityError) as exc:
            log.warning("envelope %s of kind %s not applicable: %s", envelope["seq"], change.kind, exc)
            self._refuse(envelope, f"not applicable: {type(exc).__name__}")
            return
        self.result.kinds[change.kind] = self.result.kinds.get(change.kind, 0) + 1

    def _refuse(self, envelope: protocol.Envelope, reason: str) -> None:
        seq = int(envelope["seq"])
        log.warning("sync envelope %s refused: %s", seq, reason)
        if self.session.get(SyncRefused, seq) is None:
            self.session.add(SyncRefused(seq=seq, handle=str(envelope["handle"]), device_id=str(envelope["device_id"]),
                                         reason=reason[:200], found_at=self.now))
        self.result.refused.append(seq)

    def _credential(self, change: Change) -> None:
        """An officer's password verifier, changed on another station: it holds here too, and the
        password slot of the old one goes (the next login with the new password makes a new slot)."""
        from app.models import User

        if change.station == self.station_id:
            return
        user = self.session.get(User, change.record_id)
        if user is None:
            return
        verifier = str(change.payload.get("password_hash", ""))
        disabled = not change.payload.get("active", True)
        if verifier and verifier != user.password_hash:
            user.password_hash = verifier
            user.must_change_password = bool(change.payload.get("must_change_password", False))
            self.result.credentials.append(user.id)
        elif disabled:
            self.result.credentials.append(user.id)

    def _journal_entry(self, change: Change) -> None:
        if change.station == self.station_id:
            return  # this station's own chain, already in its journal
        values = dict(change.payload)
        if self.session.scalar(select(RemoteJournalEntry.seq).where(RemoteJournalEntry.id == values["id"])):
            return
        at = datetime.fromisoformat(values.pop("at"))
        # Only the columns of the chain as this version knows it (a newer station may add some).
        known = {name: value for name, value in values.items() if name in REMOTE_JOURNAL_COLUMNS}
        self.session.add(RemoteJournalEntry(at=at, **known))
        self.result.journal += 1

    def _change(self, kind: RecordKind, change: Change, envelope: protocol.Envelope, head: SyncHead | None,
                local_pending: bool) -> None:
        seq = int(envelope["seq"])
        base = envelope["base_seq"]
        # 0: no envelope of this record applied yet (server sequences start at 1).
        linear = (base or 0) == (head.head_seq if head is not None else 0)
        if head is None:
            head = SyncHead(handle=str(envelope["handle"]), head_seq=0, base_seq=None, shadow=None)
            self.session.add(head)
        previous_head = head.head_seq
        head.head_seq = seq
        if change.operation == "erase":
            self._erase(kind, change.record_id)
            head.base_seq, head.shadow = seq, None
            return
        if kind.name == "setting" and change.payload.get("name") in STATION_SETTINGS:
            head.base_seq = seq
            return
        if self.session.get(Tombstone, (kind.name, change.record_id)) is not None:
            head.base_seq = seq
            return
        record = self._find(kind, change.record_id)
        if kind.append_only and record is not None:
            head.base_seq = seq
            return
        if not linear and not kind.append_only and previous_head:
            self._conflict(kind, change, seq, previous_head, head, record, local_pending)
        elif change.resolves:
            self.session.execute(delete(SyncConflict).where(SyncConflict.record_kind == kind.name,
                                                            SyncConflict.record_id == change.record_id))
        if local_pending:
            head.shadow = json.dumps(change.payload, sort_keys=True)
            return
        self._upsert(kind, record, change.payload)
        head.base_seq, head.shadow = seq, None

    def _find(self, kind: RecordKind, record_id: str) -> Any:
        key = tuple(record_id.split("|")) if len(kind.key) > 1 else record_id
        return self.session.get(kind.model, _typed_key(kind, key))

    def _upsert(self, kind: RecordKind, record: Any, payload: dict[str, Any]) -> None:
        new = record is None
        if record is None:
            record = kind.apply(None, payload)
            for name, value in LOCAL_DEFAULTS.get(kind.name, {}).items():
                setattr(record, name, value)
            prepare(self.session, kind.name, record)
            self.session.add(record)
        else:
            kind.apply(record, payload)
        self.session.flush()
        fill(self.session, kind.name, record, new)
        self.result.records += 1
        series = NUMBER_SERIES.get(kind.name)
        if series and payload.get("year") and payload.get("serial"):
            numbering.observe(self.session, series, int(payload["year"]), int(payload["serial"]))

    def _erase(self, kind: RecordKind, record_id: str) -> None:
        if self.session.get(Tombstone, (kind.name, record_id)) is None:
            self.session.add(Tombstone(record_kind=kind.name, record_id=record_id, erased_at=self.now))
            self.session.flush()
        record = self._find(kind, record_id)
        if record is not None:
            self.session.delete(record)
            self.session.flush()
        self.session.execute(delete(SyncConflict).where(SyncConflict.record_kind == kind.name,
                                                        SyncConflict.record_id == record_id))
        self.result.erased += 1

    def _conflict(self, kind: RecordKind, change: Change, seq: int, previous_seq: int, head: SyncHead,
                  record: Any, local_pending: bool) -> None:
        """Both versions kept: the later one in the table, both in sync_conflicts."""
        if head.shadow is not None and head.shadow != RESOLVED:
            other = head.shadow
        elif record is not None:
            other = json.dumps(kind.payload(record), sort_keys=True)
        else:
            return  # nothing here to compare with: the record is simply new here
        other_station = self._station_of(previous_seq)
        self.session.add(SyncConflict(
            record_kind=kind.name, record_id=change.record_id, compartment=kind.compartment, kept_seq=seq,
            kept_payload=json.dumps(change.payload, sort_keys=True), kept_station=change.station,
            other_seq=previous_seq, other_payload=other, other_station=other_station, found_at=self.now))
        self.result.conflicts += 1

    def _station_of(self, seq: int) -> str:
        seen = self.session.get(SyncSeen, seq)
        if seen is None:
            return ""
        return self.station_id if seen.own else ""


def _typed_key(kind: RecordKind, key: Any) -> Any:
    """A record id as the outbox names it, typed as the model's primary key wants it."""
    parts = key if isinstance(key, tuple) else (key,)
    by_name = {spec.name: spec for spec in kind.schema}
    typed = []
    for name, part in zip(kind.key, parts, strict=True):
        spec = by_name[name]
        typed.append(int(part) if spec.type == "integer" else part)
    return tuple(typed) if len(typed) > 1 else typed[0]
