"""The canonical serialization: the fast form used to verify a million entries is byte for byte the reference."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from app.audit.chain import CHAINED_FIELDS, canonical, canonical_row, format_time, parse_time, stored_time
from app.audit.query import canonical_at

texts = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=40)
times = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC))


@given(
    seq=st.integers(min_value=1, max_value=2**53),
    at=times,
    user_id=st.none() | texts,
    others=st.lists(texts, min_size=12, max_size=12),
)
def test_the_fast_serialization_is_the_canonical_one(seq, at, user_id, others):
    names = [name for name in CHAINED_FIELDS if name not in ("seq", "at", "user_id")]
    fields = {"seq": seq, "at": at, "user_id": user_id, **dict(zip(names, others))}
    row = tuple(format_time(at) if name == "at" else fields[name] for name in CHAINED_FIELDS)
    assert canonical_row(row) == canonical(fields)


def test_the_canonical_form_is_sorted_compact_utf8_json():
    fields = dict.fromkeys(CHAINED_FIELDS, "")
    fields.update(seq=7, at=datetime(2026, 11, 22, 7, 52, 7, 830000, tzinfo=UTC), user_id=None,
                  detail="Hélène \"dit\"\n")
    text = canonical(fields).decode("utf-8")
    assert text.startswith('{"at":"2026-11-22T07:52:07.830000Z","compartment":"","detail":"Hélène \\"dit\\"\\n",')
    assert text.endswith('"seq":7,"station_id":"","user_id":null}')


@given(times)
def test_times_read_from_the_database_take_the_canonical_form(at):
    stored = at.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
    assert stored_time(stored) == format_time(at)
    assert canonical_at(stored[:10] + "T" + stored[11:] + "Z") == format_time(at)
    assert parse_time(format_time(at)) == at


def test_a_time_stored_without_microseconds_still_takes_the_canonical_form():
    assert canonical_at("2026-11-22T07:52:07Z") == "2026-11-22T07:52:07.000000Z"
