"""The pieces of the CSV extract's fast path, each against the plain code it stands for: csv.writer for
the records, a conversion per time for the local times (every hour of the changes of time included)."""

from __future__ import annotations

import csv
import io
import random
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from app.audit.extract_cells import LocalTimes
from app.audit.extract_lines import CsvLines

# Commas, quotes, line breaks, NUL, spaces and accents: what csv.writer quotes, and what it does not.
ALPHABET = ["a", "Z", "0", "9", " ", ",", '"', "\r", "\n", "\0", "\u00e9", "\u2014", ";", "'", "\t", "-"]


def random_cell(rng: random.Random):
    draw = rng.random()
    if draw < 0.05:
        return None
    if draw < 0.10:
        return rng.randint(-5, 10**12)
    if draw < 0.12:
        return rng.random() * 1000  # csv.writer writes a float by its repr
    if draw < 0.50:
        return f"{rng.getrandbits(256):064x}"[:rng.randint(0, 64)]  # hashes, ids
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 6)))


def test_the_records_are_what_csv_writer_writes():
    rng = random.Random(20261025)
    rows = [tuple(random_cell(rng) for _ in range(rng.choice((1, 2, 5, 22)))) for _ in range(1500)]
    rows += [(17, *("" for _ in range(21))), ("",), (None,), (5,), ("seq", "id"), (True, "x"), (3, b"x")]
    expected = io.StringIO()
    csv.writer(expected, lineterminator="\r\n").writerows(rows)
    assert CsvLines()(rows) == expected.getvalue()
    assert sum(1 for row in rows if CsvLines().line(row).count("\r\n") == 1) > 400  # plain rows were many


def test_local_times_are_each_times_own_conversion_across_the_changes_of_time():
    times = []
    for first in (datetime(2026, 10, 24, 22, 0, 5, 120000, tzinfo=UTC), datetime(2027, 3, 27, 23, 0, 1, tzinfo=UTC),
                  datetime(2026, 10, 3, 14, 0, 0, tzinfo=UTC), datetime(2026, 11, 1, 2, 0, 0, tzinfo=UTC),
                  datetime(2027, 4, 3, 14, 0, 0, tzinfo=UTC)):
        times += [first + timedelta(seconds=59 * n + n % 7, microseconds=999999 * (n % 2)) for n in range(150)]
    canonical = [f"{t:%Y-%m-%dT%H:%M:%S.%f}Z" for t in times]
    canonical += ["2026-10-25T00:59:59.999999Z", "2026-10-25T01:00:00.000000Z", "2026-10-25T01:00:00Z"]
    for name in ("Europe/Paris", "America/St_Johns", "Australia/Lord_Howe", "Asia/Kathmandu", "Pacific/Chatham",
                 None):
        zone = ZoneInfo(name) if name else None
        local = LocalTimes(zone)
        for text in canonical:
            moment = datetime.fromisoformat(text[:-1]).replace(tzinfo=UTC)
            moment = moment.astimezone(zone) if zone is not None else moment.astimezone()
            assert local(text) == f"{moment:%d/%m/%Y %H:%M:%S}", (name, text)
    paris = LocalTimes(ZoneInfo("Europe/Paris"))
    assert [paris(t) for t in ("2026-10-25T00:30:00.000000Z", "2026-10-25T01:30:00.000000Z")] == [
        "25/10/2026 02:30:00", "25/10/2026 02:30:00"]  # the hour lived twice, once in summer time, once not
