"""The canonical serialization of a journal entry and its SHA-256 chain.

docs/journal-format.md describes this for anyone who verifies an extract
without Vigie; change both together, or old extracts stop verifying.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from json.encoder import encode_basestring  # the C encoder json.dumps uses with ensure_ascii=False
from typing import Any

GENESIS_HASH = "0" * 64

CHAINED_FIELDS = (
    "seq",
    "id",
    "at",
    "station_id",
    "user_id",
    "login",
    "matricule",
    "operation",
    "compartment",
    "record_kind",
    "record_id",
    "motive",
    "recipient",
    "detail",
    "prev_hash",
)


def format_time(at: datetime) -> str:
    """UTC, microseconds, a trailing Z: 2026-11-22T07:52:07.830000Z."""
    if at.tzinfo is not UTC:
        at = at.astimezone(UTC)
    if at.year < 1000:  # isoformat pads the year to four digits, strftime's %Y does not
        return at.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    # What strftime gives, several times cheaper: the journal formats the time of every entry it writes.
    return f"{at.replace(tzinfo=None).isoformat(timespec='microseconds')}Z"


def parse_time(text: str) -> datetime:
    """The inverse of format_time."""
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


def stored_time(value: str) -> str:
    """A time as SQLite holds it (2026-11-22 07:52:07.830000, UTC) in the canonical form.

    Reading the column as text and rearranging it is what lets the journal
    verify a million entries in a few seconds; anything of another shape goes
    through datetime, so the result is the same as format_time's.
    """
    if len(value) == 26 and value[10] == " " and value[19] == ".":
        return f"{value[:10]}T{value[11:]}Z"
    return format_time(datetime.fromisoformat(value).replace(tzinfo=UTC))


def canonical(fields: dict[str, Any]) -> bytes:
    """JSON of the chained fields: sorted keys, no spaces, UTF-8, null for no user."""
    data = {}
    for name in CHAINED_FIELDS:
        value = fields[name]
        if isinstance(value, datetime):
            value = format_time(value)
        data[name] = value
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def entry_hash(fields: dict[str, Any]) -> str:
    return hashlib.sha256(canonical(fields)).hexdigest()


# -- the same bytes, fast, for verifying and exporting many entries ------------------------

# The keys in sorted order, as json.dumps(sort_keys=True) writes them.
_TEMPLATE = "{" + ",".join(f'"{name}":%s' for name in sorted(CHAINED_FIELDS)) + "}"
_q = encode_basestring


def canonical_row(row: Sequence[Any]) -> bytes:
    """canonical() of a row holding the chained fields in CHAINED_FIELDS order, `at` already formatted.

    Byte for byte what canonical() gives (tests/test_journal_chain.py checks it
    on arbitrary text), without building a dict and sorting its keys: the
    verification of a million entries spends most of its time here.
    """
    (seq, id_, at, station_id, user_id, login, matricule, operation, compartment, record_kind, record_id,
     motive, recipient, detail, prev_hash) = row[:15]
    return (_TEMPLATE % (
        _q(at), _q(compartment), _q(detail), _q(id_), _q(login), _q(matricule), _q(motive), _q(operation),
        _q(prev_hash), _q(recipient), _q(record_id), _q(record_kind), int(seq), _q(station_id),
        "null" if user_id is None else _q(user_id),
    )).encode("utf-8")


def row_hash(row: Sequence[Any]) -> str:
    return hashlib.sha256(canonical_row(row)).hexdigest()
