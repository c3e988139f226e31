"""A pulled page's payloads, converted a column at a time, give what RecordKind.values gives one payload
at a time, for every kind of the registry, and are refused where it refuses them."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from app.bootstrap import record_kinds
from app.kernel.kinds import FieldType, RecordKind, SyncField
from app.sync.pull_columns import columns_of

SAMPLES: dict[FieldType, tuple[Any, ...]] = {
    FieldType.TEXT: ("Rue de la Paix, 12", "", 42),
    FieldType.INTEGER: (3, "17", 0),
    FieldType.REAL: (2.5, 1, "3.25"),
    FieldType.BOOLEAN: (True, 0, 1),
    FieldType.DATETIME: ("2026-03-01T08:15:00.123456+00:00", "2026-03-01T09:15:00+01:00", "2026-12-31T23:59:59+00:00"),
    FieldType.DATE: ("2026-03-01", "1999-12-31", "2026-02-28"),
    FieldType.BYTES: (base64.b64encode(b"\x00\x01").decode(), "", base64.b64encode(b"clef").decode()),
}


def _value(spec: SyncField, index: int) -> Any:
    if spec.choices:
        return spec.choices[index % len(spec.choices)]
    if spec.nullable and index == 2:
        return None
    return SAMPLES[spec.type][index]


def _payloads(kind: RecordKind) -> list[dict[str, Any]]:
    return [{spec.name: _value(spec, index) for spec in kind.schema} for index in range(3)]


def _outcome(convert, payloads):
    try:
        return convert(payloads)
    except ValueError as refused:
        return type(refused)


def test_every_kind_converts_a_page_as_it_converts_each_payload():
    kinds = list(record_kinds())
    assert len(kinds) > 10
    for kind in kinds:
        payloads = _payloads(kind)
        assert columns_of(kind).values(payloads) == [kind.values(payload) for payload in payloads], kind.name
        assert columns_of(kind).values([payloads[0]]) == [kind.values(payloads[0])]


@pytest.mark.parametrize("spoil", ["undeclared", "empty", "choice", "moment"])
def test_a_page_is_refused_where_a_payload_is(spoil):
    refused = 0
    for kind in record_kinds():
        payloads = _payloads(kind)
        specs = [spec for spec in kind.schema if (spoil != "empty" or not spec.nullable)
                 and (spoil != "choice" or spec.choices) and (spoil != "moment" or spec.type == FieldType.DATETIME)]
        if not specs:
            continue
        spoiled = {"undeclared": {"password_hash": "$argon2id$"}, "empty": {specs[0].name: None},
                   "choice": {specs[0].name: "inconnu"}, "moment": {specs[0].name: "hier"}}[spoil]
        payloads[1] = {**payloads[1], **spoiled}
        with pytest.raises(ValueError):
            kind.values(payloads[1])
        with pytest.raises(ValueError):
            columns_of(kind).values(payloads)
        refused += 1
    assert refused
