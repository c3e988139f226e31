"""The access journal as the supervisor uses it: search, count, export, verify; and its purge.

Reading the journal is itself journaled (one CONSULT entry per search, not
per page), and so is every export (with its motive) and every verification.
Long reads go through a read snapshot on the driver's cursor, so that a
search over a million entries or an export never holds the station's write
lock while it runs.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime, tzinfo
from pathlib import Path

from sqlalchemy import select

from app.audit import signing
from app.audit.chain import format_time, parse_time
from app.audit.extract import FORMATS, Signer, file_sha256, manifest_path, signed_manifest, write_csv, write_manifest
from app.audit.journal import JOURNAL, Actor
from app.audit.purge import Progress, PurgeResult
from app.audit.purge import NEVER_SWAP, SWAP_FROM
from app.audit.purge import purge_expired as purge_journal
from app.audit.query import EntryKey, JournalFilter, RecordName, RecordNamer, RowReader, read_snapshot, record_names
from app.audit.stations import (
    ChainReport,
    StationLabel,
    StationsCoverage,
    follow_remote_purges,
    station_numbers,
    station_text,
    verify_remote,
)
from app.audit.sealer import parse_generations
from app.audit.sealstate import state_path
from app.audit.sealverify import verify_sealed
from app.audit.verify import Report
from app.audit.wording import Translate
from app.crypto.verification_code import InvalidCode
from app.crypto.verification_code import decode as decode_code
from app.errors import QT_TRANSLATE_NOOP, InvalidInput, VigieError
from app.models import Operation, StationInfo, User
from app.kernel.settings import read_setting
from app.reasons import os_reason

PAGE_SIZE = 200


class ExportFailed(VigieError):
    message = QT_TRANSLATE_NOOP("errors", "Cannot write the extract {path}: {reason}. Nothing was exported.")


class MotiveMissing(VigieError):
    message = QT_TRANSLATE_NOOP("errors", "A motive is required to export the access journal.")


@dataclass(frozen=True)
class JournalRow:
    """One entry as the journal screen shows it: plain data, safe to hand to the GUI thread."""

    seq: int
    id: str
    at: datetime  # UTC, timezone-aware
    station_id: str
    user_id: str | None
    login: str
    matricule: str
    operation: str
    compartment: str
    record_kind: str
    record_id: str
    motive: str
    recipient: str
    detail: str
    prev_hash: str
    hash: str
    # How people name the record: its kind and number ("PV 2026/00007"), maybe erased; None when unknown.
    record: RecordName | None = None

    @property
    def key(self) -> EntryKey:
        """Its place among the entries of every station: where the next page of a search begins."""
        return (format_time(self.at), self.station_id, self.seq)

    @classmethod
    def of(cls, row: tuple, names: dict[tuple[str, str], RecordName] | None = None) -> JournalRow:
        name = (names or {}).get((row[9], row[10]))
        return cls(row[0], row[1], parse_time(row[2]), row[3], row[4], row[5], row[6], row[7], row[8], row[9],
                   row[10], row[11], row[12], row[13], row[14], row[15], record=name)


@dataclass(frozen=True)
class ExportResult:
    path: Path
    manifest: Path
    count: int
    first_seq: int | None
    last_seq: int | None
    sha256: str
    fingerprint: str


@dataclass(frozen=True)
class StationKey:
    """The key that signs this station's extracts, as Administration shows it."""

    public_key: str  # hex, 32 bytes
    fingerprint: str  # 64 hex digits

    @property
    def readable_fingerprint(self) -> str:
        return signing.readable_fingerprint(self.fingerprint)


class JournalService:
    def __init__(self, station, kinds=None) -> None:
        self.station = station
        # The registry of record kinds (app.kernel.kinds.RecordKinds), which name the records entries point at.
        self.kinds = kinds
        # How large a backlog a purge with the station not in use swaps rather than deletes (app/audit/purge.py).
        self.swap_from = SWAP_FROM

    # -- rights: the one place this service asks them ---------------------------------------

    def _require(self, actor: Actor, access: str) -> None:
        from app.kernel.rights import Access, Compartment

        self.station.rights.require_compartment(actor, Compartment.JOURNAL, Access(access))

    # -- the supervisor's screen --------------------------------------------------------------

    def search(self, actor: Actor, filters: JournalFilter, after_seq: int | None = None, limit: int = PAGE_SIZE,
               first_page: bool = True, after: EntryKey | None = None) -> list[JournalRow]:
        """Entries of every station matching *filters*, newest first, *limit* at a time.

        The next page starts after the last row (`after=rows[-1].key`, `first_page=False`; or
        `after_seq`, one of this station's own entries); only a first page is journaled, as one search.
        """
        self._require(actor, "read")
        filters = filters.normalized()
        where, params = filters.where()
        if not first_page:
            with self.station.database.use(), read_snapshot(self.station.engine) as reader:
                after = after if after_seq is None else _key_of(reader, after_seq)
                return self._named(reader, list(reader.entries(where, params, descending=True, limit=limit,
                                                               after=after)))
        with self.station.uow() as uow:
            reader = RowReader(uow.session.connection().connection)
            after = after if after_seq is None else _key_of(reader, after_seq)
            rows = self._named(reader, list(reader.entries(where, params, descending=True, limit=limit, after=after)))
            self.station.journal.append(uow.session, Operation.CONSULT, actor, compartment=JOURNAL,
                                        record_kind="journal", detail=f"search: {filters.summary()}")
            uow.commit()
        return rows

    def _named(self, reader: RowReader, rows: list[tuple]) -> list[JournalRow]:
        """The page's rows with their records named, all of them read in a few statements."""
        names = record_names(reader.connection, self.kinds, rows)
        return [JournalRow.of(row, names) for row in rows]

    def count(self, actor: Actor, filters: JournalFilter) -> int:
        """How many entries match *filters* (shown with a search, which journals the consultation)."""
        self._require(actor, "read")
        where, params = filters.normalized().where()
        with self.station.database.use(), read_snapshot(self.station.engine) as reader:
            return reader.count_entries(where, params)

    def stations(self, actor: Actor) -> list[StationLabel]:
        """The stations whose entries the journal holds: this one first, then the others received by sync."""
        self._require(actor, "read")
        return self._stations()

    def _stations(self) -> list[StationLabel]:
        with self.station.read() as uow:
            number = int(read_setting(uow.session, "station_number"))
            numbers = station_numbers(uow.session.connection().connection)
        return [StationLabel(self.station.id, number, own=True),
                *(StationLabel(station, found) for station, found in numbers.items())]

    # -- extracts ----------------------------------------------------------------------------

    def export(self, actor: Actor, filters: JournalFilter, fmt: str, out_path: Path | str, motive: str, *,
               translate: Translate | None = None, zone: tzinfo | None = None) -> ExportResult:
        """Write an extract (CSV or PDF) and its signed manifest beside it; journal the export.

        Both files are written under temporary names in the target folder, the
        export entry is committed, and only then are they renamed: a failed
        write leaves neither file nor entry, a failed commit leaves no file.
        """
        if fmt not in FORMATS:
            raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Unknown extract format {format}: csv or pdf."),
                               format=fmt)
        self._require(actor, "export")
        motive = (motive or "").strip()
        if not motive:
            raise MotiveMissing
        filters = filters.normalized()
        out = Path(out_path)
        manifest_out = manifest_path(out)
        signer, names = self._signer_and_names()
        temporary: list[Path] = []
        try:
            data = _temporary_beside(out, temporary)
            generated_at = self.station.clock.now()
            with self.station.database.use(), read_snapshot(self.station.engine) as reader:
                rows = (held := StationsCoverage()).rows(reader, *filters.where())  # every station's entries
                coverage = self._write(data, fmt, rows, filters, motive, actor, signer, names, generated_at,
                                       translate, zone, manifest_out.name,
                                       RecordNamer(reader.connection, self.kinds))
                seals = [asdict(g) for g in parse_generations(
                    reader.scalar("SELECT journal_seals FROM station WHERE id = ?", [self.station.id]))]
            digest = file_sha256(data)
            manifest = signed_manifest(
                signer=signer, file_name=out.name, file_format=fmt, digest=digest, size=data.stat().st_size,
                generated_at=generated_at, actor=actor, filters=filters, motive=motive, coverage=held.own,
                seal_generations=seals, other_stations=held.others)
            manifest_data = _temporary_beside(manifest_out, temporary)
            with open(manifest_data, "w", encoding="utf-8") as handle:
                write_manifest(manifest, handle)
                _sync(handle)
            with self.station.uow() as uow:
                self.station.journal.append(
                    uow.session, Operation.EXPORT, actor, compartment=JOURNAL, record_kind="journal_extract",
                    motive=motive,
                    detail=f"{fmt} extract of {coverage.count} entries; {filters.summary()}; sha256 {digest}",
                )
                uow.commit()
            os.replace(data, out)
            os.replace(manifest_data, manifest_out)
        except OSError as exc:
            raise ExportFailed(path=str(out), reason=os_reason(exc)) from exc
        finally:
            for path in temporary:
                path.unlink(missing_ok=True)
        return ExportResult(out, manifest_out, coverage.count, held.own.first_seq, held.own.last_seq, digest,
                            manifest["key_fingerprint"])

    def _write(self, data: Path, fmt: str, rows, filters: JournalFilter, motive: str, actor: Actor, signer: Signer,
               names: dict[str, str], generated_at: datetime, translate: Translate | None, zone: tzinfo | None,
               manifest_name: str, records: Callable[[list[tuple]], dict[tuple[str, str], RecordName]]):
        if fmt == "csv":
            with open(data, "w", encoding="utf-8", newline="") as handle:
                coverage = write_csv(rows, handle, records, translate, zone)
                _sync(handle)
            return coverage
        from app.printing import journal_pdf  # reportlab is imported when a PDF is asked for

        details = self.station.details
        heading = journal_pdf.ExtractHeading(
            service_name=details.service_name, commune=details.commune, department=details.department,
            filters=filters, motive=motive, generated_at=generated_at, generated_by_name=actor.full_name,
            generated_by_login=actor.login, generated_by_matricule=actor.matricule,
            fingerprint=signing.readable_fingerprint(signing.fingerprint(signer.public_key)),
            manifest_name=manifest_name,
        )
        words = translate or journal_pdf.english
        # Another station's entries carry its name beside their number (this station's need none).
        stations = {s.station_id: station_text(s, words) for s in self._stations() if not s.own}
        with open(data, "wb") as handle:
            coverage = journal_pdf.render(handle, rows, heading, names=names, records=records, translate=words,
                                          zone=zone, stations=stations)
            _sync(handle)
        return coverage

    def _signer_and_names(self) -> tuple[Signer, dict[str, str]]:
        with self.station.read() as uow:
            info = uow.session.get(StationInfo, self.station.id)
            names = {login: name for login, name in uow.session.execute(select(User.login, User.full_name))}
            return Signer(info.id, info.service_name, info.commune, info.signing_private_key), names

    def station_key(self) -> StationKey:
        """The public half of the key that signs this station's extracts (public: no right needed)."""
        signer, _names = self._signer_and_names()
        public = signer.public_key
        return StationKey(public.hex(), signing.fingerprint(public))

    # -- integrity and retention ------------------------------------------------------------------

    def verify_station(self, actor: Actor, verification_code: str | None = None) -> Report:
        """Check the whole journal from the newest checkpoint on; the check is journaled with its outcome.

        With the journal verification code, every seal is checked too (app/audit/sealverify.py); a code
        that is not one is refused before anything is read. The code is never journaled nor kept.
        """
        self._require(actor, "read")
        code = None
        if verification_code is not None:
            try:
                code = decode_code(verification_code)
            except InvalidCode:
                raise InvalidInput(QT_TRANSLATE_NOOP(
                    "errors", "This is not a journal verification code: check what was typed.")) from None
        with self.station.database.use():
            report = verify_sealed(self.station.engine, self.station.id, state_path(self.station.paths.database),
                                   code)
        sealed = " with the seals" if report.sealed else ""
        if report.ok:
            outcome = f"verification{sealed}: the journal holds ({report.checked} entries)"
        else:
            outcome = f"verification{sealed}: entry {report.first.seq if report.first else '?'} does not hold"
        with self.station.uow() as uow:
            self.station.journal.append(uow.session, Operation.CONSULT, actor, compartment=JOURNAL,
                                        record_kind="journal", detail=outcome)
            uow.commit()
        return report

    def verify_every_station(self, actor: Actor, verification_code: str | None = None
                             ) -> tuple[Report, list[ChainReport]]:
        """This station's journal (as `verify_station`), then each other station's chain as received here,
        each on its own (app/audit/stations.py)."""
        own = self.verify_station(actor, verification_code)  # the code is refused there, before anything
        code = decode_code(verification_code) if verification_code is not None else None
        with self.station.database.use(), read_snapshot(self.station.engine) as reader:
            return own, verify_remote(reader, code)

    def purge_expired(self, actor: Actor | None = None, progress: Progress | None = None, *,
                      station_in_use: bool = True) -> PurgeResult:
        """Remove the entries older than the station's journal retention, in batches, leaving a checkpoint.

        Called without an actor when the station purges by itself (at start,
        then daily); with one, it takes the journal's administer right. Runs
        for seconds on a large journal: call it off the GUI thread. Only when
        the station is not in use (*station_in_use* False: a command opening
        it) may a backlog be purged in one long transaction (app/audit/purge.py).
        """
        if actor is not None:
            self._require(actor, "administer")
        with self.station.read() as uow:
            days = read_setting(uow.session, "journal_retention_days")
        result = purge_journal(self.station, days, actor, progress=progress,
                               swap_from=NEVER_SWAP if station_in_use else self.swap_from)
        follow_remote_purges(self.station)
        return result


def _key_of(reader: RowReader, seq: int) -> EntryKey:
    """The place of this station's entry *seq* in the order of every station's entries."""
    from app.audit.query import CANONICAL_AT

    cursor = reader.connection.cursor()
    try:
        found = cursor.execute(f"SELECT {CANONICAL_AT}, station_id, seq FROM journal WHERE seq = ?", [seq]).fetchone()
    finally:
        cursor.close()
    return (str(found[0]), str(found[1]), int(found[2])) if found else ("", "", 0)


def _temporary_beside(target: Path, made: list[Path]) -> Path:
    """An empty file in *target*'s folder (so that the final rename is atomic), noted in *made*."""
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(handle)
    path = Path(name)
    made.append(path)
    return path


def _sync(handle) -> None:
    handle.flush()
    os.fsync(handle.fileno())
