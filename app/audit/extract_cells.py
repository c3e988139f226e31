"""The display columns of a CSV extract: each entry in words for people, beside the cells the verifier reads.

docs/journal-format.md (version 3): at_local, operation_label, compartment_label, record_label,
detail_label. They are outside the hash; app/audit/extract.py writes them after the seal.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import UTC, datetime, tzinfo

from app.audit import wording
from app.audit.chain import CHAINED_FIELDS, parse_time
from app.audit.query import AT, RECORD_ID, RECORD_KIND, RecordName

Translate = Callable[[str, str], str]

OPERATION = CHAINED_FIELDS.index("operation")
COMPARTMENT = CHAINED_FIELDS.index("compartment")
DETAIL = CHAINED_FIELDS.index("detail")


class DisplayCells:
    """The entry as the PDF says it: local time, operation, compartment, record ("PV 2026/00007"), detail.

    An extract says the same few operations, compartments and details over and over: each is put
    in words once (the export of 100,000 entries spends its time here otherwise).
    """

    def __init__(self, translate: Translate, zone: tzinfo | None) -> None:
        self.translate, self.zone = translate, zone
        self.operation = functools.lru_cache(maxsize=None)(lambda code: wording.operation_text(code, translate))
        self.compartment = functools.lru_cache(maxsize=None)(
            lambda code: wording.compartment_text(code, translate) if code else "")
        self.detail = functools.lru_cache(maxsize=4096)(lambda text: wording.detail_text(text, translate, zone))

    def __call__(self, row: tuple, named: dict[tuple[str, str], RecordName]) -> tuple[str, str, str, str, str]:
        kind, record_id = row[RECORD_KIND], row[RECORD_ID]
        return (
            local_time(row[AT], self.zone),
            self.operation(row[OPERATION]),
            self.compartment(row[COMPARTMENT]),
            wording.record_text(kind, record_id, named.get((kind, record_id)), {}, self.translate, self.zone),
            self.detail(row[DETAIL]),
        )


def local_time(at: str, zone: tzinfo | None) -> str:
    """A canonical time (2026-11-22T07:52:07.830000Z) as people read it, in *zone* (the machine's by default)."""
    try:
        moment = datetime.fromisoformat(at[:-1]).replace(tzinfo=UTC)  # strptime costs ten times as much
    except ValueError:
        moment = parse_time(at)
    local = moment.astimezone(zone)
    return f"{local.day:02d}/{local.month:02d}/{local.year:04d} {local.hour:02d}:{local.minute:02d}:{local.second:02d}"
