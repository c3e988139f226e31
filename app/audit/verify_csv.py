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
    NOT_AN_ENTRY,
    NOT_FIRST,
    OTHER_STATION,
    OUT_OF_ORDER,
    TRUNCATED,
    TWICE,
    ExtractUnreadable,
    Finding,
)


def check_csv(path: Path, manifest: dict[str, Any], seals: list[tuple] | None = None) -> tuple[int, list[Finding]]:
    """Each entry against its hash, its neighbour and its station; then the entries against the manifest.

    *seals*, when given, receives (seq, at, hash, tag) of each entry of a version 2 or 3 extract. The
    display columns of version 3 (the entry in words) are read past: they are outside the hash.
    """
    columns = COLUMNS.get(manifest["format_version"], CSV_COLUMNS)
    seqs = array("q")
    first_problem: Finding | None = None
    ordered = True
    previous_seq, previous_hash = None, None
    sha256 = hashlib.sha256
    station = manifest["station_id"]
    try:
        for line, row in _csv_rows(path, columns):
            if isinstance(row, Finding):
                return 0, [row]
            if row is None:
                first_problem = first_problem or Finding(NOT_AN_ENTRY, {"line": line})
                continue
            seq = row[0]
            problem = None
            if previous_seq is not None and seq <= previous_seq:
                ordered = False
                problem = Finding(TWICE if seq == previous_seq else OUT_OF_ORDER,
                                  {"seq": seq, "previous": previous_seq}, seq)
            elif sha256(canonical_row(row)).hexdigest() != row[HASH]:
                problem = Finding(MODIFIED, {"seq": seq}, seq)
            elif seq == 1 and row[PREV_HASH] != GENESIS_HASH:
                problem = Finding(NOT_FIRST, {"seq": seq}, seq)
            elif previous_seq == seq - 1 and row[PREV_HASH] != previous_hash:
                problem = Finding(BROKEN_LINK, {"seq": seq, "previous": previous_seq}, seq)
            elif row[STATION_ID] != station:
                problem = Finding(OTHER_STATION, {"seq": seq, "station": row[STATION_ID], "expected": station}, seq)
            first_problem = first_problem or problem
            seqs.append(seq)
            previous_seq, previous_hash = seq, row[HASH]
            if seals is not None and len(row) > TAG:
                seals.append((seq, row[AT], row[HASH], row[TAG]))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ExtractUnreadable(path=str(path), reason=getattr(exc, "strerror", None) or str(exc)) from exc
    findings = [first_problem] if first_problem is not None else []
    if ordered:
        findings += _against_manifest(seqs, manifest)
    return len(seqs), findings


# The header of each format version. Versions 2 and 3 begin with the same checked columns (the chained
# fields, the hash, the seal); version 3's display columns come after them and are never read.
COLUMNS = {1: CSV_COLUMNS_V1, 2: CSV_COLUMNS_V2, 3: CSV_COLUMNS}
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
