"""Verifying the station's journal, and any extract with its signed manifest.

Both name the first entry that does not hold. Messages are English source
strings (context "journal") with {placeholders}; the CLI and the screens
translate them.
"""

from __future__ import annotations

import hashlib
import json
import re
from itertools import islice
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import Engine

from app.audit import signing
from app.audit.chain import CHAINED_FIELDS, GENESIS_HASH, canonical_row
from app.audit.extract import (
    FORMAT,
    READABLE_VERSIONS,
    FORMATS,
    file_sha256,
    manifest_path,
    other_manifests,
)
from app.audit.query import AT, FETCH, HASH, PREV_HASH, STATION_ID, RowReader, canonical_at, read_snapshot
from app.errors import QT_TRANSLATE_NOOP, VigieError

STATION = "station"


@dataclass(frozen=True)
class Finding:
    """One thing that does not hold; *seq* is the entry it is about, when it is about one."""

    message: str
    params: dict[str, Any] = field(default_factory=dict)
    seq: int | None = None

    def untranslated(self) -> str:
        return self.message.format(**self.params)


@dataclass(frozen=True)
class Report:
    kind: str  # "station", "csv" or "pdf"
    checked: int = 0  # entries whose hash was recomputed (for a PDF: the count its manifest signs)
    first_seq: int | None = None
    last_seq: int | None = None
    checkpoint_seq: int | None = None  # the station's journal begins after this entry
    station_id: str = ""
    service_name: str = ""
    fingerprint: str = ""  # of the key that signed the extract's manifest
    findings: tuple[Finding, ...] = ()
    named: str = ""  # the file name the manifest gives the extract: information, never a finding
    sealed: bool = False  # the station journal's seals were checked with the verification code
    notes: tuple[Finding, ...] = ()  # what could not be checked, or holds with a limit: told, never a failure

    def renamed(self, path: Path) -> bool:
        """Whether the extract *path* bears another name than the one it was made under."""
        return bool(self.named) and self.named != path.name

    @property
    def ok(self) -> bool:
        return not self.findings

    @property
    def first(self) -> Finding | None:
        return self.findings[0] if self.findings else None


class ExtractUnreadable(VigieError):
    message = QT_TRANSLATE_NOOP("errors", "Cannot read {path}: {reason}.")


class ManifestNotFound(VigieError):
    message = QT_TRANSLATE_NOOP(
        "errors", "No manifest for {path}: neither {manifest} nor another manifest of its folder signs this file.")


# -- messages ------------------------------------------------------------------------------

MODIFIED = QT_TRANSLATE_NOOP("journal", "Entry {seq} does not match its hash: it was changed after it was written.")
BROKEN_LINK = QT_TRANSLATE_NOOP(
    "journal", "Entry {seq} does not follow entry {previous}: it does not hold the hash of that entry.")
NOT_FIRST = QT_TRANSLATE_NOOP(
    "journal", "Entry {seq} does not begin the journal: it does not hold the chain's starting value.")
AFTER_CHECKPOINT = QT_TRANSLATE_NOOP(
    "journal", "Entry {seq} does not follow the checkpoint left by the last purge (entry {previous}).")
GAP = QT_TRANSLATE_NOOP(
    "journal", "Entry {seq} is missing: the journal goes from entry {previous} to entry {next}.")
RESTORED_OVER = QT_TRANSLATE_NOOP(
    "journal", "Entries {seq} to {last} are not in this journal: entry {restore} records the restore of a backup "
               "(its journal up to entry {previous}) over the station, whose journal had reached entry {last}; "
               "those entries remain in the copy of the replaced station kept beside it.")
GAP_AT_START = QT_TRANSLATE_NOOP(
    "journal", "Entry {seq} is missing: the journal begins at entry {next} and no purge left a checkpoint before it.")
FOREIGN = QT_TRANSLATE_NOOP("journal", "Entry {seq} belongs to another station ({station}).")
BAD_SIGNATURE = QT_TRANSLATE_NOOP(
    "journal", "The manifest's signature does not hold: the manifest was changed, or the key it names did not sign it.")
BAD_FINGERPRINT = QT_TRANSLATE_NOOP("journal", "The manifest's key fingerprint is not that of its public key.")
OTHER_KEY = QT_TRANSLATE_NOOP(
    "journal", "The manifest was signed with the key {fingerprint}, not with the expected key {expected}.")
BAD_DIGEST = QT_TRANSLATE_NOOP(
    "journal", "The file's SHA-256 is not the one the manifest signs: the file was changed after it was signed.")
OTHER_STATION = QT_TRANSLATE_NOOP(
    "journal", "Entry {seq} was written by the station {station}; the manifest is that of the station {expected}.")
OUT_OF_ORDER = QT_TRANSLATE_NOOP("journal", "Entry {seq} is out of order: it comes after entry {previous}.")
TWICE = QT_TRANSLATE_NOOP("journal", "Entry {seq} appears twice in the file.")
MISSING = QT_TRANSLATE_NOOP("journal", "Entry {seq} is missing from the file.")
TRUNCATED = QT_TRANSLATE_NOOP(
    "journal", "The file ends at entry {last}; the signed extract goes on to entry {expected}: it was cut short.")
EMPTIED = QT_TRANSLATE_NOOP("journal", "The file holds no entry; the signed extract holds {expected}.")
EXTRA = QT_TRANSLATE_NOOP("journal", "Entry {seq} is not part of the signed extract.")
COUNT = QT_TRANSLATE_NOOP("journal", "The file holds {count} entries; the manifest signs {expected}.")
NOT_AN_ENTRY = QT_TRANSLATE_NOOP("journal", "Line {line} of the file is not a journal entry.")
BAD_HEADER = QT_TRANSLATE_NOOP("journal", "The file does not begin with the header of a journal extract.")
NOT_A_MANIFEST = QT_TRANSLATE_NOOP("journal", "The manifest is not that of a Vigie journal extract.")
UNKNOWN_VERSION = QT_TRANSLATE_NOOP(
    "journal", "The manifest is in format version {version}, which this version of Vigie does not read.")
NOT_THIS_FILE = QT_TRANSLATE_NOOP("journal", "The manifest is that of a {format} file, not of this one.")


# -- the station's journal --------------------------------------------------------------------


def verify_station(engine: Engine, station_id: str) -> Report:
    """The whole journal, from the newest checkpoint on, read without holding the write lock."""
    with read_snapshot(engine) as reader:
        return verify_rows(reader, station_id)


class RowSeals(Protocol):
    """Each entry's seal, checked in the chain's own pass (app/audit/sealverify.py)."""

    def run(self, rows: list[tuple], start: int, stop: int) -> tuple[int, Finding] | None:
        """The first of rows[start:stop] whose seal does not hold (its index and finding), or None."""

    def __call__(self, row: tuple) -> Finding | None: ...


def verify_rows(reader: RowReader, station_id: str, sealed: RowSeals | None = None, batch_size: int = FETCH
                ) -> Report:
    """The chain from the newest checkpoint on; *sealed* checks each entry's seal in the same pass, so
    that a million entries are read once.

    Rows come *batch_size* at a time: the run of them that holds with nothing unusual (the next number, the
    link, this station, a canonical time) is hashed in one tight loop and its seals checked in another
    (the first finding of either, by entry, is the one told); the row that stops it goes through every
    check one by one, in their order, which names what does not hold.
    """
    checkpoint = reader.checkpoint()
    checkpoint_seq, expected_prev = checkpoint if checkpoint else (None, GENESIS_HASH)
    expected = (checkpoint_seq or 0) + 1
    first = last = None
    checked = 0
    notes: list[Finding] = []
    rows = iter(reader.rows())
    while batch := list(islice(rows, batch_size)):
        index = 0
        while index < len(batch):
            stop = _holding(batch, index, expected, expected_prev, station_id)
            found = sealed.run(batch, index, stop) if sealed is not None and stop > index else None
            held = stop if found is None else found[0]  # a seal that does not hold, before the chain stops
            if held > index:
                first = batch[index][0] if first is None else first
                last, expected_prev = batch[held - 1][0], batch[held - 1][HASH]
                checked, expected = checked + held - index, last + 1
            if found is not None:
                return Report(STATION, checked, first, last, checkpoint_seq, station_id, findings=(found[1],),
                              notes=tuple(notes))
            if stop == len(batch):
                break
            row = batch[stop]
            finding, row = _one(row, expected, expected_prev, station_id, checkpoint_seq, notes)
            if finding is None and sealed is not None:
                finding = sealed(row)
            if finding is not None:
                return Report(STATION, checked, first, last, checkpoint_seq, station_id, findings=(finding,),
                              notes=tuple(notes))
            first = row[0] if first is None else first
            last, expected_prev, expected, checked = row[0], row[HASH], row[0] + 1, checked + 1
            index = stop + 1
    return Report(STATION, checked, first, last, checkpoint_seq, station_id, notes=tuple(notes))


def _holding(rows: list[tuple], index: int, expected: int, previous: str, station_id: str) -> int:
    """Where the run of rows from *index* that hold, each after the one before, stops."""
    sha256, serialized, end = hashlib.sha256, canonical_row, len(rows)
    while index < end:
        row = rows[index]
        if (row[0] != expected or row[PREV_HASH] != previous or row[STATION_ID] != station_id
                or len(row[AT]) != 27 or sha256(serialized(row)).hexdigest() != row[HASH]):
            break
        previous = row[HASH]
        expected += 1
        index += 1
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
    if hashlib.sha256(canonical_row(row)).hexdigest() != row[HASH]:
        return Finding(MODIFIED, {"seq": seq}, seq), row
    if row[PREV_HASH] != previous:
        return _broken_link(seq, checkpoint_seq), row
    if row[STATION_ID] != station_id:
        return Finding(FOREIGN, {"seq": seq, "station": row[STATION_ID]}, seq), row
    return None, row


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


# -- extracts ------------------------------------------------------------------------------------


def verify_extract(path: Path, expected_fingerprint: str | None = None, code: bytes | None = None) -> Report:
    """An extract (CSV or PDF) against the manifest beside it; with *code* (the journal verification
    code's key), a CSV extract's seals too (app/audit/sealverify.py).

    Anyone can sign a forged extract with a key of their own: only
    *expected_fingerprint* (the station's, as its Administration shows it)
    proves whose the extract is; the report gives the fingerprint either way.
    """
    manifest = _read_manifest(path)
    shape = _manifest_shape(manifest)
    if shape is not None:
        return Report(_kind_of(path), findings=(shape,))
    findings: list[Finding] = []
    notes: list[Finding] = []
    public = bytes.fromhex(manifest["public_key"])
    actual = signing.fingerprint(public)
    if not signing.signature_holds(manifest, public):
        findings.append(Finding(BAD_SIGNATURE))
    if manifest["key_fingerprint"] != actual:
        findings.append(Finding(BAD_FINGERPRINT))
    if expected_fingerprint is not None and signing.normalized_fingerprint(expected_fingerprint) != actual:
        findings.append(Finding(OTHER_KEY, {
            "fingerprint": signing.readable_fingerprint(actual),
            "expected": signing.readable_fingerprint(signing.normalized_fingerprint(expected_fingerprint)),
        }))
    kind = manifest["file_format"]
    checked = manifest["entry_count"]
    if _is_pdf(path) != (kind == "pdf"):  # by its content: a renamed file may have lost its extension
        findings.append(Finding(NOT_THIS_FILE, {"format": kind.upper()}))
    elif kind == "csv":
        from app.audit.verify_csv import check_csv  # it reads this module's messages

        seals: list[tuple] | None = [] if code is not None else None
        checked, entry_findings = check_csv(path, manifest, seals)
        findings += entry_findings
        if seals is not None and code is not None:
            from app.audit.sealverify import extract_seals

            found, notes = extract_seals(manifest, seals, code)
            findings += found
    if _digest(path) != manifest["file_sha256"]:
        findings.append(Finding(BAD_DIGEST))
    named = manifest.get("file_name")
    return Report(kind, checked, manifest["first_seq"], manifest["last_seq"], None, manifest["station_id"],
                  manifest["service_name"], actual, tuple(findings), named if isinstance(named, str) else "",
                  sealed=code is not None and kind == "csv", notes=tuple(notes))


def _kind_of(path: Path) -> str:
    """What a file given without a readable manifest seems to be, by its extension."""
    return path.suffix.lower().lstrip(".")


def _is_pdf(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(5) == b"%PDF-"
    except OSError as exc:
        raise ExtractUnreadable(path=str(path), reason=exc.strerror or str(exc)) from exc


def _digest(path: Path) -> str:
    try:
        return file_sha256(path)
    except OSError as exc:
        raise ExtractUnreadable(path=str(path), reason=exc.strerror or str(exc)) from exc


def _read_manifest(path: Path) -> dict[str, Any]:
    """The manifest beside *path* (`FILE.manifest.json`) or, the file renamed, the one that signs its digest."""
    if not path.is_file():
        raise ExtractUnreadable(path=str(path), reason="no such file")
    beside = manifest_path(path)
    if beside.is_file():
        return _load_manifest(beside)
    digest = _digest(path)
    for other in other_manifests(path):
        try:
            manifest = _load_manifest(other)
        except ExtractUnreadable:
            continue  # not a manifest, or not readable: not this file's either
        if manifest.get("file_sha256") == digest:
            return manifest
    raise ManifestNotFound(path=str(path), manifest=beside.name)


def _load_manifest(beside: Path) -> dict[str, Any]:
    try:
        text = beside.read_text(encoding="utf-8")
    except OSError as exc:
        raise ExtractUnreadable(path=str(beside), reason=exc.strerror or str(exc)) from exc
    except UnicodeDecodeError as exc:
        raise ExtractUnreadable(path=str(beside), reason="not UTF-8 text") from exc
    try:
        manifest = json.loads(text)
    except ValueError as exc:
        raise ExtractUnreadable(path=str(beside), reason="not JSON") from exc
    return manifest if isinstance(manifest, dict) else {}


_SHAPE: dict[str, type | tuple[type, ...]] = {
    "format_version": int, "file_format": str, "file_sha256": str, "station_id": str, "service_name": str,
    "entry_count": int, "first_seq": (int, type(None)), "last_seq": (int, type(None)), "seq_ranges": list,
    "public_key": str, "key_fingerprint": str, "signature": str,
}


def _manifest_shape(manifest: dict[str, Any]) -> Finding | None:
    if manifest.get("format") != FORMAT:
        return Finding(NOT_A_MANIFEST)
    if manifest.get("format_version") not in READABLE_VERSIONS:
        return Finding(UNKNOWN_VERSION, {"version": manifest.get("format_version")})
    if manifest["format_version"] >= 2 and not isinstance(manifest.get("seal_generations"), list):
        return Finding(NOT_A_MANIFEST)
    for key, kind in _SHAPE.items():
        if not isinstance(manifest.get(key), kind) or isinstance(manifest.get(key), bool):
            return Finding(NOT_A_MANIFEST)
    try:
        public = bytes.fromhex(manifest["public_key"])
        ranges = [(int(a), int(b)) for a, b in manifest["seq_ranges"]]
    except (ValueError, TypeError):
        return Finding(NOT_A_MANIFEST)
    if len(public) != 32 or manifest["file_format"] not in FORMATS or any(a > b for a, b in ranges):
        return Finding(NOT_A_MANIFEST)
    return None
