"""Verifying the station's journal, and any extract with its signed manifest.

Both name the first entry that does not hold. Messages are English source
strings (context "journal") with {placeholders}; the CLI and the screens
translate them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from sqlalchemy import Engine

from app.audit import signing
from app.audit.extract import (
    FORMAT,
    READABLE_VERSIONS,
    FORMATS,
    file_sha256,
    manifest_path,
    other_manifests,
)
from app.audit.query import FETCH, RowReader, read_snapshot
from app.errors import QT_TRANSLATE_NOOP, VigieError
from app.reasons import A_FOLDER, NO_SUCH_FILE, NOT_JSON, NOT_UTF8, Reason, os_reason

if TYPE_CHECKING:
    from app.audit.chaincheck import RowSeals

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


def verify_station(engine: Engine, station_id: str, chain: Callable[..., Report] | None = None) -> Report:
    """The whole journal, from the newest checkpoint on, read without holding the write lock; *chain* reads
    it (app/audit/verify_fast.py by default; its reference, verify_rows, reads the rows themselves)."""
    from app.audit.verify_fast import verify_journal  # it reads this module's findings

    with read_snapshot(engine) as reader:
        return (chain or verify_journal)(reader, station_id)


def verify_rows(reader: RowReader, station_id: str, sealed: RowSeals | None = None, batch_size: int = FETCH
                ) -> Report:
    """The chain from the newest checkpoint on, *sealed* checking each entry's seal in the same pass
    (app/audit/chaincheck.py)."""
    from app.audit import chaincheck  # it reads this module's messages

    return chaincheck.verify_rows(reader, station_id, sealed, batch_size)


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
        raise ExtractUnreadable(path=str(path), reason=os_reason(exc)) from exc


def _digest(path: Path) -> str:
    try:
        return file_sha256(path)
    except OSError as exc:
        raise ExtractUnreadable(path=str(path), reason=os_reason(exc)) from exc


def _read_manifest(path: Path) -> dict[str, Any]:
    """The manifest beside *path* (`FILE.manifest.json`) or, the file renamed, the one that signs its digest."""
    if not path.is_file():
        raise ExtractUnreadable(path=str(path), reason=Reason(A_FOLDER if path.is_dir() else NO_SUCH_FILE))
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
        raise ExtractUnreadable(path=str(beside), reason=os_reason(exc)) from exc
    except UnicodeDecodeError as exc:
        raise ExtractUnreadable(path=str(beside), reason=Reason(NOT_UTF8)) from exc
    try:
        manifest = json.loads(text)
    except ValueError as exc:
        raise ExtractUnreadable(path=str(beside), reason=Reason(NOT_JSON)) from exc
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
