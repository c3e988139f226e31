"""Checking a CSV extract entry by entry, then against the ranges its manifest signs (app/audit/verify.py)."""

from __future__ import annotations

import csv
import hashlib
from array import array
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from app.audit.chain import GENESIS_HASH, canonical_row
from app.audit.extract import CSV_COLUMNS, CSV_COLUMNS_V1, CSV_COLUMNS_V2
from app.audit.query import AT, HASH, PREV_HASH, STATION_ID, TAG
from app.audit.verify import (
    BAD_HEADER,
    BROKEN_LINK,
    COUNT,
    EMPTIED,
    EXTRA,
    MISSING,
    MODIFIED,
    NOT_A_MANIFEST,
    NOT_AN_ENTRY,
    NOT_FIRST,
    OTHER_STATION,
    OUT_OF_ORDER,
    TRUNCATED,
    TWICE,
    ExtractUnreadable,
    Finding,
)
from app.reasons import os_reason


def check_csv(path: Path, manifest: dict[str, Any], seals: list[tuple] | None = None) -> tuple[int, list[Finding]]:
    """Each entry against its hash, its neighbour and its station; then the entries against the manifest.

    *seals*, when given, receives (seq, at, hash, tag) of each of the station's own entries of a version 2
    or later extract. The display columns of version 3 (the entry in words) are read past: they are
    outside the hash. A version 4 extract also holds other stations' entries, each station's chain checked
    on its own and against the entries its manifest names for it (`other_stations`).
    """
    columns = COLUMNS.get(manifest["format_version"], CSV_COLUMNS)
    station = manifest["station_id"]
    others = {str(o.get("station_id")): o for o in manifest.get("other_stations") or [] if isinstance(o, dict)}
    if not all(_names_entries(other) for other in others.values()):
        return 0, [Finding(NOT_A_MANIFEST)]
    chains: dict[str, _Chain] = {station: _Chain()}
    first_problem: Finding | None = None
    try:
        for line, row in _csv_rows(path, columns):
            if isinstance(row, Finding):
                return 0, [row]
            if row is None:
                first_problem = first_problem or Finding(NOT_AN_ENTRY, {"line": line})
                continue
            known = row[STATION_ID] == station or row[STATION_ID] in others
            chain = chains.setdefault(row[STATION_ID] if known else station, _Chain())
            problem = chain.add(row)
            if problem is None and not known:
                problem = Finding(OTHER_STATION, {"seq": row[0], "station": row[STATION_ID], "expected": station},
                                  row[0])
            first_problem = first_problem or problem
            if seals is not None and len(row) > TAG and row[STATION_ID] == station:
                seals.append((row[0], row[AT], row[HASH], row[TAG]))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ExtractUnreadable(path=str(path), reason=os_reason(exc)) from exc
    findings = [first_problem] if first_problem is not None else []
    if all(chain.ordered for chain in chains.values()):
        findings += _against_manifest(chains[station].seqs, manifest)
        for other, named in others.items():
            findings += _against_manifest(chains.get(other, _Chain()).seqs, named)
    return sum(len(chain.seqs) for chain in chains.values()), findings


def _names_entries(other: dict[str, Any]) -> bool:
    """Whether a manifest's entry for another station has the shape `_against_manifest` reads."""
    ranges = other.get("seq_ranges")
    return (isinstance(other.get("entry_count"), int) and isinstance(ranges, list)
            and all(isinstance(r, list) and len(r) == 2 and all(isinstance(n, int) for n in r) for r in ranges)
            and all(isinstance(other.get(k), (int, type(None))) for k in ("first_seq", "last_seq")))


class _Chain:
    """One station's entries as the file holds them, checked one after the other."""

    def __init__(self) -> None:
        self.seqs = array("q")
        self.ordered = True
        self.previous_seq: int | None = None
        self.previous_hash: str | None = None

    def add(self, row: tuple) -> Finding | None:
        seq = row[0]
        problem = None
        if self.previous_seq is not None and seq <= self.previous_seq:
            self.ordered = False
            problem = Finding(TWICE if seq == self.previous_seq else OUT_OF_ORDER,
                              {"seq": seq, "previous": self.previous_seq}, seq)
        elif hashlib.sha256(canonical_row(row)).hexdigest() != row[HASH]:
            problem = Finding(MODIFIED, {"seq": seq}, seq)
        elif seq == 1 and row[PREV_HASH] != GENESIS_HASH:
            problem = Finding(NOT_FIRST, {"seq": seq}, seq)
        elif self.previous_seq == seq - 1 and row[PREV_HASH] != self.previous_hash:
            problem = Finding(BROKEN_LINK, {"seq": seq, "previous": self.previous_seq}, seq)
        self.seqs.append(seq)
        self.previous_seq, self.previous_hash = seq, row[HASH]
        return problem


# The header of each format version. Versions 2 and 3 begin with the same checked columns (the chained
# fields, the hash, the seal); version 3's display columns come after them and are never read.
COLUMNS = {1: CSV_COLUMNS_V1, 2: CSV_COLUMNS_V2, 3: CSV_COLUMNS, 4: CSV_COLUMNS}
CHECKED = len(CSV_COLUMNS_V2)


def _csv_rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, tuple | Finding | None]]:
    """(line number, row) for each record, its checked columns only; a row is None when the record is not
    an entry."""
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, strict=True)
        header = next(reader, None)
        if header is not None and header and header[0].startswith("\ufeff"):
            header[0] = header[0][1:]
        if header is None or tuple(header) != columns:
            yield 1, Finding(BAD_HEADER)
            return
        for record in reader:
            line = reader.line_num
            if len(record) != len(columns) or not (record[0].isascii() and record[0].isdigit()):
                yield line, None
                continue
            values: list = [int(record[0]), *record[1:CHECKED]]
            if values[4] == "":
                values[4] = None
            yield line, tuple(values)


def _against_manifest(seqs: array, manifest: dict[str, Any]) -> list[Finding]:
    """The file's (increasing) sequence numbers against the ranges the manifest signs."""
    expected = _expand(manifest["seq_ranges"])
    found = iter(seqs)
    want, have = next(expected, None), next(found, None)
    while want is not None and have is not None:
        if want == have:
            want, have = next(expected, None), next(found, None)
        elif want < have:
            return [Finding(MISSING, {"seq": want}, want)]
        else:
            return [Finding(EXTRA, {"seq": have}, have)]
    if have is not None:
        return [Finding(EXTRA, {"seq": have}, have)]
    if want is not None:
        if not seqs:
            return [Finding(EMPTIED, {"expected": manifest["entry_count"]}, want)]
        return [Finding(TRUNCATED, {"last": seqs[-1], "expected": manifest["last_seq"]}, want)]
    if len(seqs) != manifest["entry_count"] or (seqs and (seqs[0], seqs[-1]) != (
            manifest["first_seq"], manifest["last_seq"])):
        return [Finding(COUNT, {"count": len(seqs), "expected": manifest["entry_count"]})]
    return []


def _expand(ranges: list[list[int]]) -> Iterator[int]:
    for start, end in ranges:
        yield from range(int(start), int(end) + 1)
