"""The display columns of a CSV extract: each entry in words for people, beside the cells the verifier reads.

docs/journal-format.md (version 3): at_local, operation_label, compartment_label, record_label,
detail_label. They are outside the hash; app/audit/extract.py writes them after the seal.
"""

from __future__ import annotations

import functools
import re
from datetime import UTC, datetime, timedelta, tzinfo

from app.audit import wording
from app.audit.chain import CHAINED_FIELDS, parse_time
from app.audit.query import AT, RECORD_ID, RECORD_KIND, RecordName
from app.audit.wording import Translate

OPERATION = CHAINED_FIELDS.index("operation")
COMPARTMENT = CHAINED_FIELDS.index("compartment")
DETAIL = CHAINED_FIELDS.index("detail")
HASHED = len(CHAINED_FIELDS) + 2  # the chained fields, the hash and the seal: what the verifier reads


class DisplayCells:
    """The entry as the PDF says it: local time, operation, compartment, record ("PV 2026/00007"), detail.

    An extract says the same few operations, compartments, records and details over and over, hour
    after hour: each is put in words once per extract, and each hour's local time found once
    (LocalTimes); the export of 100,000 entries spends its time here otherwise.
    """

    def __init__(self, translate: Translate, zone: tzinfo | None) -> None:
        # Each English string is looked up once per extract: a record's noun ("PV"), its erasure's words...
        translate = functools.lru_cache(maxsize=None)(translate)
        self.translate, self.zone = translate, zone
        self.time = LocalTimes(zone)
        self.operation = functools.lru_cache(maxsize=None)(lambda code: wording.operation_text(code, translate))
        self.compartment = functools.lru_cache(maxsize=None)(
            lambda code: wording.compartment_text(code, translate) if code else "")
        self.detail = functools.lru_cache(maxsize=4096)(lambda text: wording.detail_text(text, translate, zone))
        # (kind, id) -> (the name it was put in words from, the words): a name is the namer's, kept for the extract.
        self.records: dict[tuple[str, str], tuple[RecordName | None, str]] = {}

    def rows(self, batch: list[tuple], named: dict[tuple[str, str], RecordName]) -> list[tuple]:
        """The rows of *batch*, each its hashed cells then its display cells, ready for the CSV writer."""
        time, operation, compartment, detail = self.time, self.operation, self.compartment, self.detail
        record = self.record
        return [row[:HASHED] + (time(row[AT]), operation(row[OPERATION]), compartment(row[COMPARTMENT]),
                                record(row[RECORD_KIND], row[RECORD_ID], named), detail(row[DETAIL]))
                for row in batch]

    def record(self, kind: str, record_id: str, named: dict[tuple[str, str], RecordName]) -> str:
        key = (kind, record_id)
        name = named.get(key)
        held = self.records.get(key)
        if held is None or held[0] is not name:
            held = self.records[key] = (
                name, wording.record_text(kind, record_id, name, {}, self.translate, self.zone))
        return held[1]


# A canonical time (2026-11-22T07:52:07.830000Z) whose minutes and seconds are read as they stand.
CANONICAL = re.compile(r"\d{4}-\d\d-\d\dT\d\d:[0-5]\d:[0-5]\d(?:\.\d{6})?Z")
LAST_MOMENT = timedelta(hours=1, microseconds=-1)


class LocalTimes:
    """local_time for the times of an extract, each hour of UTC converted once, with the same result.

    Over an hour of UTC whose offset in *zone* is the same at its first and its last microsecond and
    is a whole number of hours, a time's local minutes and seconds are its UTC ones: only the day and
    the hour change, found once for that hour. That holds for every hour in France, those in which
    summer time begins and ends included (the change falls on 01:00 UTC). Any other hour (an offset of
    half an hour, a change of offset inside the hour, a time not in canonical form) is converted time
    by time, as local_time does. (Two changes of offset inside one hour, back to where they began, would
    escape this; no time zone has them.)
    """

    def __init__(self, zone: tzinfo | None) -> None:
        self.zone = zone
        self.hours: dict[str, str] = {}  # "2026-11-22T07" -> "22/11/2026 08:", or "" to convert time by time

    def __call__(self, at: str) -> str:
        key = at[:13]
        prefix = self.hours.get(key)
        if prefix is None:
            prefix = self.hours[key] = self._hour(key)
        if prefix and CANONICAL.fullmatch(at):
            return prefix + at[14:19]
        return local_time(at, self.zone)

    def _hour(self, key: str) -> str:
        try:
            start = datetime.fromisoformat(key + ":00:00").replace(tzinfo=UTC)
            first, last = start.astimezone(self.zone), (start + LAST_MOMENT).astimezone(self.zone)
        except (ValueError, OverflowError, OSError):
            return ""
        if len(key) != 13 or first.utcoffset() != last.utcoffset() or first.minute or first.second \
                or first.microsecond:
            return ""
        return f"{first.day:02d}/{first.month:02d}/{first.year:04d} {first.hour:02d}:"


def local_time(at: str, zone: tzinfo | None) -> str:
    """A canonical time (2026-11-22T07:52:07.830000Z) as people read it, in *zone* (the machine's by default)."""
    try:
        moment = datetime.fromisoformat(at[:-1]).replace(tzinfo=UTC)  # strptime costs ten times as much
    except ValueError:
        moment = parse_time(at)
    local = moment.astimezone(zone)
    return f"{local.day:02d}/{local.month:02d}/{local.year:04d} {local.hour:02d}:{local.minute:02d}:{local.second:02d}"
