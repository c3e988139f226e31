"""Yearly numbers of the service ("2026/00042") that no two stations ever give twice, even offline.

The scheme (docs/numbering.md): each station of a service has a station
number s from 1 to 10 (the setting `station_number`). A year's serials are
cut into blocks of 10,000, and the blocks are dealt to the ten station
numbers in turn: station s gives serials (s-1)*10,000+1 to s*10,000, then
the same block of each following 100,000. A station only ever counts
forward in its own blocks, so two stations with different numbers cannot
meet, with or without a network. One station alone (the usual case) numbers
1, 2, 3... without a gap up to 10,000 in a year.

A number is taken in the transaction that records its record: a save that
fails gives its number back with the rollback, so a number given is always a
record's. When a record is erased before its time (an administrator with a
reason), its number is voided: a row says which number, why, who and when,
and it is never given again. `ledger` accounts for every number of a year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.numbering import NumberCounter, NumberVoid
from app.kernel.settings import read_setting

BLOCK = 10_000
STATIONS = 10
CYCLE = BLOCK * STATIONS


@dataclass(frozen=True)
class Number:
    year: int
    serial: int

    @property
    def text(self) -> str:
        return format_number(self.year, self.serial)


def format_number(year: int, serial: int) -> str:
    return f"{year}/{serial:05d}"


def local_year(at: datetime) -> int:
    """The year on the station's wall calendar: a number given at 00:30 on 1 January is of the new year."""
    return at.astimezone().year


def serial_of(station_number: int, index: int) -> int:
    """The *index*-th serial (from 1) a station gives in a year."""
    _check_station(station_number)
    cycle, offset = divmod(index - 1, BLOCK)
    return cycle * CYCLE + (station_number - 1) * BLOCK + offset + 1


def station_of(serial: int) -> int:
    """The station number whose blocks hold *serial*."""
    return ((serial - 1) % CYCLE) // BLOCK + 1


def index_of(serial: int) -> int:
    """Which of its station's serials *serial* is (from 1)."""
    cycle = (serial - 1) // CYCLE
    return cycle * BLOCK + (serial - 1) % BLOCK + 1


def _check_station(station_number: int) -> None:
    if not 1 <= station_number <= STATIONS:
        raise ValueError(f"station numbers go from 1 to {STATIONS}")


def station_number(session: Session) -> int:
    return read_setting(session, "station_number")


def _counter(session: Session, series: str, year: int, station: int) -> NumberCounter:
    counter = session.get(NumberCounter, (series, year, station))
    if counter is None:
        counter = NumberCounter(series=series, year=year, station_number=station, issued=0)
        session.add(counter)
    return counter


def next_number(session: Session, series: str, at: datetime) -> Number:
    """Take the next number of this station in *series* for the year of *at*, in the caller's transaction."""
    return reserve(session, series, at, 1)[0]


def reserve(session: Session, series: str, at: datetime, count: int) -> list[Number]:
    """Take *count* numbers at once (a bulk load); they are the record's as the single ones are."""
    year, station = local_year(at), station_number(session)
    counter = _counter(session, series, year, station)
    first = counter.issued + 1
    counter.issued += count
    session.flush()
    return [Number(year, serial_of(station, index)) for index in range(first, first + count)]


def observe(session: Session, series: str, year: int, serial: int) -> None:
    """A record numbered in this station's blocks came from elsewhere (a restored backup, a sync).

    The counter moves past it, so that this station never gives that number again.
    """
    station = station_number(session)
    if station_of(serial) != station:
        return
    counter = _counter(session, series, year, station)
    counter.issued = max(counter.issued, index_of(serial))


def void(session: Session, series: str, number: Number, reason: str, by: str, at: datetime) -> NumberVoid:
    row = NumberVoid(series=series, year=number.year, serial=number.serial, number=number.text, reason=reason,
                     voided_by=by, voided_at=at)
    session.add(row)
    return row


@dataclass(frozen=True)
class VoidedNumber:
    number: str
    reason: str
    voided_by: str
    voided_at: datetime


@dataclass(frozen=True)
class StationLedger:
    """What one station did with its numbers of a year, as this station knows it."""

    station_number: int
    issued: int  # how many numbers it gave
    first: str | None  # its first and last number of the year
    last: str | None
    voided: tuple[VoidedNumber, ...]
    # Numbers given that are neither a record here nor voided: records of another station
    # not synced yet, or records removed outside Vigie. Empty on a station that has them all.
    unaccounted: tuple[str, ...]


def ledger(session: Session, series: str, year: int, present: set[int]) -> list[StationLedger]:
    """Account for every number of *year* in *series*; *present* holds the serials of records that exist."""
    counters = session.scalars(
        select(NumberCounter).where(NumberCounter.series == series, NumberCounter.year == year)
        .order_by(NumberCounter.station_number)
    ).all()
    voids = session.scalars(
        select(NumberVoid).where(NumberVoid.series == series, NumberVoid.year == year).order_by(NumberVoid.serial)
    ).all()
    result = []
    for counter in counters:
        station = counter.station_number
        serials = [serial_of(station, index) for index in range(1, counter.issued + 1)]
        mine = [v for v in voids if station_of(v.serial) == station]
        voided = {v.serial for v in mine}
        result.append(StationLedger(
            station_number=station,
            issued=counter.issued,
            first=format_number(year, serials[0]) if serials else None,
            last=format_number(year, serials[-1]) if serials else None,
            voided=tuple(VoidedNumber(v.number, v.reason, v.voided_by, v.voided_at) for v in mine),
            unaccounted=tuple(format_number(year, s) for s in serials if s not in present and s not in voided),
        ))
    return result
