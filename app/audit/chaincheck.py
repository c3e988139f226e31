"""The chain of the station's journal checked over its rows: the run that holds in one tight loop, the entry
that stops it through every check in their order, which names what does not hold (app/audit/verify.py
tells the findings; app/audit/verify_fast.py reads the station's own journal faster, and comes here for
any entry it does not take for certain).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from itertools import islice
from typing import Protocol

from app.audit.chain import CHAINED_FIELDS, GENESIS_HASH, canonical_row
from app.audit.query import AT, FETCH, HASH, PREV_HASH, STATION_ID, RowReader, canonical_at
from app.audit.verify import (
    AFTER_CHECKPOINT, BROKEN_LINK, FOREIGN, GAP, GAP_AT_START, MODIFIED, NOT_FIRST, RESTORED_OVER, STATION, Finding,
    Report,
)


class RowSeals(Protocol):
    """Each entry's seal, checked in the chain's own pass (app/audit/sealverify.py)."""

    key: bytes | None  # the key of the position `following`: app/audit/verify_fast.py seals inline with it
    following: int
    boundaries: set[int]  # where a generation begins: the key is found anew there

    def run(self, rows: list[tuple], start: int, stop: int) -> tuple[int, Finding] | None:
        """The first of rows[start:stop] whose seal does not hold (its index and finding), or None."""

    def __call__(self, row: tuple) -> Finding | None: ...


@dataclass
class Chain:
    """How far a verification went: the entry expected next and the hash it must hold."""

    station_id: str
    checkpoint_seq: int | None
    expected: int
    previous: str
    first: int | None = None
    last: int | None = None
    checked: int = 0
    notes: list[Finding] = field(default_factory=list)

    @classmethod
    def begin(cls, reader: RowReader, station_id: str) -> Chain:
        checkpoint = reader.checkpoint()
        checkpoint_seq, previous = checkpoint if checkpoint else (None, GENESIS_HASH)
        return cls(station_id, checkpoint_seq, (checkpoint_seq or 0) + 1, previous)

    def held(self, first: int, last: int, last_hash: str, count: int) -> None:
        """Entries *first* to *last* (*count* of them) held, the last with the hash *last_hash*."""
        self.first = first if self.first is None else self.first
        self.last, self.previous, self.expected, self.checked = last, last_hash, last + 1, self.checked + count

    def report(self, finding: Finding | None = None) -> Report:
        return Report(STATION, self.checked, self.first, self.last, self.checkpoint_seq, self.station_id,
                      findings=(finding,) if finding is not None else (), notes=tuple(self.notes))


def verify_rows(reader: RowReader, station_id: str, sealed: RowSeals | None = None, batch_size: int = FETCH
                ) -> Report:
    """The chain from the newest checkpoint on, from the rows themselves; *sealed* checks each entry's seal
    in the same pass, so that a million entries are read once. Rows come *batch_size* at a time."""
    chain = Chain.begin(reader, station_id)
    rows = iter(reader.rows())
    while batch := list(islice(rows, batch_size)):
        finding = check_rows(chain, batch, sealed)
        if finding is not None:
            return chain.report(finding)
    return chain.report()


def check_rows(chain: Chain, batch: list[tuple], sealed: RowSeals | None) -> Finding | None:
    """The rows of *batch*, each following what *chain* holds: the first finding, or None, *chain* moved on.

    The run of them that holds with nothing unusual (the next number, the link, this station, a canonical
    time) is hashed in one tight loop and its seals checked in another (the first finding of either, by
    entry, is the one told); the row that stops it goes through every check one by one, in their order,
    which names what does not hold.
    """
    index = 0
    while index < len(batch):
        stop = _holding(batch, index, chain.expected, chain.previous, chain.station_id)
        found = sealed.run(batch, index, stop) if sealed is not None and stop > index else None
        held = stop if found is None else found[0]  # a seal that does not hold, before the chain stops
        if held > index:
            chain.held(batch[index][0], batch[held - 1][0], batch[held - 1][HASH], held - index)
        if found is not None:
            return found[1]
        if stop == len(batch):
            return None
        finding, row = _one(batch[stop], chain.expected, chain.previous, chain.station_id, chain.checkpoint_seq,
                            chain.notes)
        if finding is None and sealed is not None:
            finding = sealed(row)
        if finding is not None:
            return finding
        chain.held(row[0], row[0], row[HASH], 1)
        index = stop + 1
    return None


def _holding(rows: list[tuple], index: int, expected: int, previous: str, station_id: str) -> int:
    """Where the run of rows from *index* that hold, each after the one before, stops."""
    sha256, serialized, end = hashlib.sha256, canonical_row, len(rows)
    try:
        while index < end:
            row = rows[index]
            if (row[0] != expected or row[PREV_HASH] != previous or row[STATION_ID] != station_id
                    or len(row[AT]) != 27 or sha256(serialized(row)).hexdigest() != row[HASH]):
                break
            previous = row[HASH]
            expected += 1
            index += 1
    except (TypeError, AttributeError):  # a field that is not text: _one names the entry
        pass
    return index


def _one(row: tuple, expected: int, previous: str, station_id: str, checkpoint_seq: int | None,
         notes: list[Finding]) -> tuple[Finding | None, tuple]:
    """Every check of one row, in their order (its time made canonical first): its finding, and the row."""
    seq = row[0]
    if len(row[AT]) != 27:
        row = (*row[:AT], canonical_at(row[AT]), *row[AT + 1:])
    restored = _restored_over(row, expected) if seq != expected else None
    if restored is not None:
        notes.append(restored)  # a rollback, told as one; the entry itself is checked below like any other
    if seq != expected and restored is None:
        return _gap(expected, seq, checkpoint_seq), row
    if _digest_of(row) != row[HASH]:
        return Finding(MODIFIED, {"seq": seq}, seq), row
    if row[PREV_HASH] != previous:
        return _broken_link(seq, checkpoint_seq), row
    if row[STATION_ID] != station_id:
        return Finding(FOREIGN, {"seq": seq, "station": row[STATION_ID]}, seq), row
    return None, row


def _digest_of(row: tuple) -> str | None:
    """The hash of *row*'s canonical serialization; None when a field is not text (only an entry's user may be
    missing, docs/journal-format.md): no entry as written holds one."""
    try:
        return hashlib.sha256(canonical_row(row)).hexdigest()
    except (TypeError, AttributeError):
        return None


# The detail app/backup/restore.py gives the restore of a backup over a station.
_RESTORE = re.compile(r"; replaced station's journal at seq (\d+) \([0-9a-f]*\), restored journal at seq (\d+) \(")
_OPERATION, _RECORD_KIND, _DETAIL = (CHAINED_FIELDS.index(name) for name in ("operation", "record_kind", "detail"))


def _restored_over(row: tuple, expected: int) -> Finding | None:
    """The note for entries missing before *row* when *row* is the restore that set the journal back to
    exactly before them, and names the replaced journal's head as exactly the entry before itself."""
    if row[_OPERATION] != "administer" or row[_RECORD_KIND] != "backup":
        return None
    named = _RESTORE.search(row[_DETAIL] or "")
    seq = row[0]
    if named is None or int(named[1]) != seq - 1 or int(named[2]) != expected - 1 or seq <= expected:
        return None
    return Finding(RESTORED_OVER, {"seq": expected, "last": seq - 1, "restore": seq, "previous": expected - 1},
                   expected)


def _gap(expected: int, found: int, checkpoint_seq: int | None) -> Finding:
    if expected == (checkpoint_seq or 0) + 1 and checkpoint_seq is None:
        return Finding(GAP_AT_START, {"seq": expected, "next": found}, expected)
    return Finding(GAP, {"seq": expected, "previous": expected - 1, "next": found}, expected)


def _broken_link(seq: int, checkpoint_seq: int | None) -> Finding:
    if seq == 1:
        return Finding(NOT_FIRST, {"seq": seq}, seq)
    if checkpoint_seq is not None and seq == checkpoint_seq + 1:
        return Finding(AFTER_CHECKPOINT, {"seq": seq, "previous": checkpoint_seq}, seq)
    return Finding(BROKEN_LINK, {"seq": seq, "previous": seq - 1}, seq)
