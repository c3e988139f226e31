"""Journal extracts: the CSV file, and the signed manifest that goes beside every extract.

An extract is a file (CSV or PDF) and `FILE.manifest.json`. The manifest
says which station made it, who, when, why and with which filters, which
entries it holds, and the file's SHA-256; the station signs it with its
Ed25519 key. docs/journal-format.md describes both for third parties.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any, TextIO

from app.audit import signing
from app.audit.chain import CHAINED_FIELDS, format_time
from app.audit.extract_cells import DisplayCells
from app.audit.extract_lines import LINE_END, CsvLines
from app.audit.journal import Actor
from app.audit.query import JournalFilter, RecordName, batched
from app.audit.wording import Translate, english
Records = Callable[[list[tuple]], dict[tuple[str, str], RecordName]]


FORMAT = "vigie-journal-extract"
# Version 2 added each entry's seal (the CSV's column `tag`) and the manifest's `seal_generations`.
# Version 3 added, after `tag`, the CSV's display columns (the entry in words, outside the hash) and its BOM.
FORMAT_VERSION = 3
# Version 4: an extract that also holds other stations' entries, as this station received them (sync): the
# manifest's `other_stations` gives, for each, the entries it holds (app/audit/stations.py). The CSV is version 3's.
SEVERAL_STATIONS = 4
READABLE_VERSIONS = (1, 2, 3, 4)
# What people read, not what the verifier checks: a name may change (a record erased) while the entry holds.
DISPLAY_COLUMNS = ("at_local", "operation_label", "compartment_label", "record_label", "detail_label")
CSV_COLUMNS_V1 = (*CHAINED_FIELDS, "hash")
CSV_COLUMNS_V2 = (*CHAINED_FIELDS, "hash", "tag")
CSV_COLUMNS = (*CSV_COLUMNS_V2, *DISPLAY_COLUMNS)
CSV_LINE_END = LINE_END  # RFC 4180
# UTF-8 with a byte order mark: LibreOffice and French Excel then read the accents right without asking.
CSV_BOM = "\ufeff"
FORMATS = ("csv", "pdf")


def manifest_path(path: Path) -> Path:
    """Where the manifest of the extract *path* lives: beside it, `FILE.manifest.json`."""
    return path.with_name(path.name + ".manifest.json")


def other_manifests(path: Path) -> list[Path]:
    """The manifests of *path*'s folder other than its own: one of them may sign *path* under its old name.

    A renamed extract is the same extract: what binds it to its manifest is the file's
    SHA-256 the manifest signs, not the name it had when it was made.
    """
    own = manifest_path(path)
    try:
        return sorted(p for p in path.parent.glob("*.manifest.json") if p != own and p.is_file())
    except OSError:
        return []


@dataclass
class Coverage:
    """Which entries an extract holds: their count and their sequence numbers as ranges."""

    count: int = 0
    ranges: list[list[int]] = field(default_factory=list)

    def add(self, seq: int) -> None:
        self.count += 1
        if self.ranges and self.ranges[-1][1] == seq - 1:
            self.ranges[-1][1] = seq
        else:
            self.ranges.append([seq, seq])

    def extend(self, seqs: Iterable[int]) -> None:
        """add() for each of *seqs* in turn (an extract's batch of rows)."""
        ranges = self.ranges
        last = ranges[-1] if ranges else None
        count = 0
        for seq in seqs:
            count += 1
            if last is not None and last[1] == seq - 1:
                last[1] = seq
            else:
                last = [seq, seq]
                ranges.append(last)
        self.count += count

    @property
    def first_seq(self) -> int | None:
        return self.ranges[0][0] if self.ranges else None

    @property
    def last_seq(self) -> int | None:
        return self.ranges[-1][1] if self.ranges else None


def covered(rows: Iterable[tuple], coverage: Coverage) -> Iterator[tuple]:
    """The rows, unchanged, noting each one's sequence number in *coverage* as it passes."""
    for row in rows:
        coverage.add(row[0])
        yield row


def write_csv(rows: Iterable[tuple], handle: TextIO, records: Records | None = None,
              translate: Translate | None = None, zone: tzinfo | None = None) -> Coverage:
    """The BOM and the header, then one record per entry in sequence order: the chained fields, the hash,
    the seal, then the entry in words for people (local time, operation, compartment, record, detail).

    *rows* are app.audit.query rows (time already canonical); a missing user id is written as an
    empty cell. *records* names the records of a batch of rows (app.audit.query.record_names), in
    the words of *translate* (English source strings without it). *handle* is a text file opened
    with encoding="utf-8" and newline="".
    """
    coverage = Coverage()
    cells = DisplayCells(translate or english, zone)
    lines = CsvLines()  # the records as csv.writer writes them, a batch at a time (one write per batch)
    handle.write(CSV_BOM + lines.line(CSV_COLUMNS))
    for batch in batched(rows):
        coverage.extend(row[0] for row in batch)
        handle.write(lines(cells.rows(batch, records(batch) if records is not None else {})))
    return coverage


def file_sha256(path: Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


@dataclass(frozen=True)
class Signer:
    """The station as an extract names it, and its signing key."""

    station_id: str
    service_name: str
    commune: str
    private_key: bytes  # raw Ed25519

    @property
    def public_key(self) -> bytes:
        return signing.public_key(self.private_key)


def signed_manifest(
    *,
    signer: Signer,
    file_name: str,
    file_format: str,
    digest: str,
    size: int,
    generated_at: datetime,
    actor: Actor,
    filters: JournalFilter,
    motive: str,
    coverage: Coverage,
    seal_generations: list[dict[str, Any]] | None = None,
    other_stations: dict[str, Coverage] | None = None,
) -> dict[str, Any]:
    """The manifest, signed; *seal_generations* are the station's seals (app/audit/sealer.py), as dicts;
    *other_stations*, the entries of each other station the extract holds (*coverage* is this station's)."""
    public = signer.public_key
    others = [{"station_id": station, "entry_count": held.count, "first_seq": held.first_seq,
               "last_seq": held.last_seq, "seq_ranges": held.ranges}
              for station, held in sorted((other_stations or {}).items())]
    manifest = {
        "format": FORMAT,
        "format_version": SEVERAL_STATIONS if others else FORMAT_VERSION,
        "file_name": file_name,
        "file_format": file_format,
        "file_sha256": digest,
        "file_size": size,
        "station_id": signer.station_id,
        "service_name": signer.service_name,
        "commune": signer.commune,
        "generated_at": format_time(generated_at),
        "generated_by": {"login": actor.login, "full_name": actor.full_name, "matricule": actor.matricule},
        "filters": filters.as_dict(),
        "motive": motive,
        "entry_count": coverage.count,
        "first_seq": coverage.first_seq,
        "last_seq": coverage.last_seq,
        "seq_ranges": coverage.ranges,
        "seal_generations": seal_generations or [],
        **({"other_stations": others} if others else {}),
        "public_key": public.hex(),
        "key_fingerprint": signing.fingerprint(public),
    }
    return signing.sign(manifest, signer.private_key)


def write_manifest(manifest: dict[str, Any], handle: TextIO) -> None:
    """Indented for people; the signature is over the canonical form, not over these bytes."""
    json.dump(manifest, handle, indent=2, ensure_ascii=False)
    handle.write("\n")
