"""The journals of the service's other stations, as this station received them through sync.

Each station's entries arrive in that station's own order and keep its own chain (`journal_remote`,
app/sync/apply.py): they are verified one station at a time, each against its own hashes, from
its own checkpoint. A station's purge reaches the others as its purge entry, which names the
checkpoint it left ("the journal now begins after entry N (hash H)"); each station then removes
its copies of the entries up to N (`purge_remote`, after every sync and with the daily purge),
so that an entry lives on every station exactly as long as on the one that wrote it.

What is missing inside a received chain (an entry between two received ones) is tampering, as on
the station itself. What may be missing after its last received entry is only not received yet:
the next sync brings it, so it is told as such ("pas encore reçu"), never as a finding.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from typing import Any

from app.audit.extract import Coverage
from app.audit.query import REMOTE, ROW_COLUMNS, STATION_ID, RowReader
from app.audit.rows import journal_rows, shown_replaced
from app.audit.sealer import Generation, parse_generations
from app.audit.verify import Finding, Report, verify_rows
from app.errors import QT_TRANSLATE_NOOP

# A purge entry's detail (app/audit/purge.py: purge_detail), as docs/journal-format.md gives it.
PURGED = re.compile(r"older than (\d+) days purged.*; the journal now begins after entry (\d+) \(hash ([0-9a-f]{64})\)$")
NUMBER_SET = re.compile(r"^station_number=(\d{1,2})$")

NOT_YET_RECEIVED = QT_TRANSLATE_NOOP(
    "journal", "Entries received up to entry {last}: those the station wrote after it, if any, have not been "
               "received yet.")
NOTHING_RECEIVED = QT_TRANSLATE_NOOP(
    "journal", "No entry of this station is kept here any more: its purge removed them.")
SEALS_NOT_RECEIVED = QT_TRANSLATE_NOOP(
    "journal", "This station's seal generations have not been received yet: only its chain was checked here.")


# How a station is named where entries of several stations are shown (the screen, a PDF extract).
STATION_NUMBER = QT_TRANSLATE_NOOP("journal", "Station {number}")
STATION_UNNUMBERED = QT_TRANSLATE_NOOP("journal", "Station {short}")
THIS_STATION = QT_TRANSLATE_NOOP("journal", "{station} (this station)")


@dataclass(frozen=True)
class StationLabel:
    """A station as the journal names it: its number in the service when known, and whether it is this one."""

    station_id: str
    number: int | None
    own: bool = False


def station_text(station: StationLabel, translate: Any) -> str:
    """"Poste 2", "Poste 1 (ce poste)"; a station whose number is not known, by the end of its id.
    *translate(context, text)* gives the words."""
    if station.number is None:
        text = translate("journal", STATION_UNNUMBERED).format(short=station.station_id[-6:])
    else:
        text = translate("journal", STATION_NUMBER).format(number=station.number)
    return translate("journal", THIS_STATION).format(station=text) if station.own else text


class StationsCoverage:
    """The entries an extract holds, station by station, as its rows stream by: this station's chain first,
    then each other station's as received here, each in its own order (app/audit/extract.py)."""

    def __init__(self) -> None:
        self.own = Coverage()
        self.others: dict[str, Coverage] = {}

    def rows(self, reader: RowReader, where: str, params: list[Any]) -> Iterator[tuple]:
        """What an extract holds (a text that is not UTF-8 shown replaced: its hash then names the entry)."""
        for row in reader.rows(where, params, not_utf8=shown_replaced):
            self.own.add(row[0])
            yield row
        for row in journal_rows(reader.connection, f"SELECT {ROW_COLUMNS} FROM {REMOTE} WHERE {where} "
                                "ORDER BY station_id, seq", params, reader.fetch, shown_replaced):
            self.others.setdefault(row[STATION_ID], Coverage()).add(row[0])
            yield row


# Each station's journal seal generations travel beside its entries, as a change of their own.
SEALS_KIND = "journal_seals"


def seals_payload(session: Any, station_id: str) -> dict[str, Any]:
    """This station's seal generations (each seed sealed to the service's key, which only the code opens)."""
    from sqlalchemy import text

    stored = session.execute(text("SELECT journal_seals FROM station WHERE id = :id"), {"id": station_id}).scalar()
    generations = [asdict(g) for g in parse_generations(stored)]
    digest = hashlib.sha256(json.dumps(generations, sort_keys=True).encode()).hexdigest()
    return {"generations": generations, "digest": digest}


def keep_remote_seals(session: Any, station: str, record_id: str, payload: dict[str, Any], own_id: str,
                      now: Any) -> None:
    """Another station's seal generations, as it sent them (the newest replace what was kept)."""
    from app.models.sync import RemoteJournalSeals

    generations = parse_generations(json.dumps(payload.get("generations")))
    if station == own_id or record_id != station or not generations:
        return
    value = json.dumps([asdict(g) for g in generations])
    kept = session.get(RemoteJournalSeals, station)
    if kept is None:
        session.add(RemoteJournalSeals(station_id=station, generations=value, received_at=now))
    elif kept.generations != value:
        kept.generations, kept.received_at = value, now


def remote_generations(connection: Any) -> dict[str, list[Generation]]:
    cursor = connection.cursor()
    try:
        rows = cursor.execute("SELECT station_id, generations FROM journal_remote_seals").fetchall()
    finally:
        cursor.close()
    return {station: parse_generations(value) for station, value in rows}


@dataclass(frozen=True)
class RemoteCheckpoint:
    seq: int  # the last entry the station purged: its chain goes on after it
    hash: str
    purge_seq: int  # the purge entry that names it


@dataclass(frozen=True)
class ChainReport:
    """One other station's chain, as received here."""

    station: StationLabel
    report: Report


def remote_stations(connection: Any) -> list[str]:
    cursor = connection.cursor()
    try:
        return [row[0] for row in cursor.execute(f"SELECT DISTINCT station_id FROM {REMOTE} ORDER BY station_id")]
    finally:
        cursor.close()


def station_numbers(connection: Any) -> dict[str, int | None]:
    """Each other station's number, as its own journal last recorded a change of it (None when never)."""
    found: dict[str, int | None] = {}
    cursor = connection.cursor()
    try:
        for station in remote_stations(connection):
            row = cursor.execute(
                f"SELECT detail FROM {REMOTE} WHERE station_id = ? AND record_kind = 'setting' "
                "AND detail LIKE 'station_number=%' ORDER BY seq DESC LIMIT 1", [station]).fetchone()
            named = NUMBER_SET.match(row[0]) if row is not None else None
            found[station] = int(named[1]) if named else None
    finally:
        cursor.close()
    return found


def remote_checkpoints(connection: Any) -> dict[str, RemoteCheckpoint]:
    """Where each other station's chain begins: the checkpoint its newest purge entry names."""
    found: dict[str, RemoteCheckpoint] = {}
    cursor = connection.cursor()
    try:
        rows = cursor.execute(f"SELECT station_id, seq, detail FROM {REMOTE} WHERE operation = 'purge' "
                              "ORDER BY station_id, seq").fetchall()
    finally:
        cursor.close()
    for station, seq, detail in rows:
        named = PURGED.search(detail or "")
        if named is not None and int(named[2]) < seq:
            found[station] = RemoteCheckpoint(int(named[2]), named[3], seq)
    return found


def purge_remote(connection: Any) -> dict[str, int]:
    """Remove the copies of the entries each other station has purged; {station: entries removed}.

    Run in the caller's writing transaction (its DBAPI connection)."""
    removed: dict[str, int] = {}
    cursor = connection.cursor()
    try:
        for station, checkpoint in remote_checkpoints(connection).items():
            cursor.execute(f"DELETE FROM {REMOTE} WHERE station_id = ? AND seq <= ?", [station, checkpoint.seq])
            if cursor.rowcount:
                removed[station] = cursor.rowcount
    finally:
        cursor.close()
    return removed


def follow_remote_purges(station: Any) -> dict[str, int]:
    """`purge_remote` in a transaction of *station*'s own, journaled with what it removed."""
    from app.models.journal import Operation

    with station.uow() as uow:
        removed = purge_remote(uow.session.connection().connection)
        for other, count in removed.items():
            station.journal.append(uow.session, Operation.PURGE, compartment="journal", record_kind="journal",
                                   record_id=other, detail=f"{count} entries of station {other} removed, "
                                                           "as its own purge did")
        uow.commit()
    return removed


class _RemoteChain(RowReader):
    """One other station's entries, from its checkpoint on, read as the station's own journal is."""

    def __init__(self, connection: Any, station_id: str, checkpoint: RemoteCheckpoint | None) -> None:
        super().__init__(connection)
        self.station_id = station_id
        self.start = checkpoint

    def rows(self, where: str = "1", params: list[Any] | tuple = (), descending: bool = False,
             limit: int | None = None, not_utf8: Callable[[bytes], Any] | None = None) -> Iterator[tuple]:
        after = self.start.seq if self.start is not None else 0
        yield from journal_rows(self.connection, f"SELECT {ROW_COLUMNS} FROM {REMOTE} WHERE station_id = ? "
                                "AND seq > ? ORDER BY seq", [self.station_id, after], self.fetch, not_utf8)

    def checkpoint(self) -> tuple[int, str] | None:
        return (self.start.seq, self.start.hash) if self.start is not None else None


def verify_remote(reader: RowReader, code: bytes | None = None) -> list[ChainReport]:
    """Each other station's chain on its own: hashes, links, a hole between received entries, a beginning
    that no purge of that station explains; with *code* (the journal verification code's key), the seal of
    every entry, from the generations that station sent. What may follow its last entry is only not
    received yet."""
    from app.audit.sealverify import row_seals

    checkpoints = remote_checkpoints(reader.connection)
    numbers = station_numbers(reader.connection)
    seals = remote_generations(reader.connection)
    reports = []
    for station in remote_stations(reader.connection):
        notes: list[Finding] = []
        findings: list[Finding] = []
        sealed = None
        if code is not None and seals.get(station):
            sealed, findings = row_seals(station, seals[station], code, notes)
        elif code is not None:
            notes.append(Finding(SEALS_NOT_RECEIVED))
        report = verify_rows(_RemoteChain(reader.connection, station, checkpoints.get(station)), station, sealed)
        notes.insert(0, Finding(NOT_YET_RECEIVED, {"last": report.last_seq}) if report.last_seq is not None
                     else Finding(NOTHING_RECEIVED))
        found = tuple(sorted([*findings, *report.findings], key=lambda f: (f.seq is None, f.seq or 0)))
        reports.append(ChainReport(StationLabel(station, numbers.get(station)),
                                   Report(report.kind, report.checked, report.first_seq, report.last_seq,
                                          report.checkpoint_seq, station, findings=found, sealed=sealed is not None,
                                          notes=tuple(notes))))
    return reports
