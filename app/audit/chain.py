"""The canonical serialization of a journal entry and its SHA-256 chain.

docs/journal-format.md describes this for anyone who verifies an extract
without Vigie; change both together, or old extracts stop verifying.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
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
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


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
