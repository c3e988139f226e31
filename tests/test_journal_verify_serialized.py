"""Verification reads each entry as SQLite serializes it (app/audit/verify_fast.py): only ever faster.

SQLite's JSON must be, byte for byte, what app/audit/chain.py makes of the row for every text a field
can hold; an entry whose fields are not all text (a BLOB holding the very JSON of its text, a NULL)
must not pass for the entry it imitates; and whatever the serialization cannot take goes through the
rows themselves (app/audit/chaincheck.py), which tell the same.
"""

from __future__ import annotations

import hashlib
import threading
from json.encoder import encode_basestring

import pytest

from app.audit import chaincheck, sealstate, sealverify, verify, verify_fast
from app.audit.query import RowReader, read_snapshot
from app.crypto import verification_code
from app.models import Operation
from tests.test_journal_support import last_seq, row_fields, sql, write_entries

# Texts a motive, a recipient or a detail may hold: every escape JSON has, and what needs none.
AWKWARD = [
    'il a dit "non"', "C:\\dossiers\\2026", "ligne 1\nligne 2\r\n\tfin", "\x00nul", "\x01\x1f\x7f",
    "\u2028\u2029", "H\u00e9l\u00e8ne \u2014 \u00ab\u00a0PV\u00a0\u00bb", "\U0001f46e police", "\\u0000 \\\" \\\\",
    '","seq":1,"station_id":"x', '{"at":"2026-01-01T00:00:00.000000Z"}', "\ufeff\ufffe\uffff", "a" * 5000,
]


def both(gate, code: bytes | None, batch_size: int = 5000) -> verify.Report:
    """Sealed verification through SQLite's serialization, checked against the rows themselves."""
    station = gate.services.station
    args = (station.engine, station.id, sealstate.state_path(station.paths.database), code, batch_size)
    report = sealverify.verify_sealed(*args)
    assert sealverify.verify_sealed(*args, chain=chaincheck.verify_rows) == report
    return report


def one_entry_altered(gate, clock, index: int, column: str, value: str) -> tuple[bytes, int]:
    """Twelve entries written, the *index*-th's *column* set by hand to the SQL *value*: the verification
    code and the seq of the entry altered."""
    code = verification_code.decode(gate.services.station.journal.take_verification_code())
    target = write_entries(gate, clock, 12)[index]
    sql(gate, f"UPDATE journal SET {column} = {value} WHERE seq = :seq", seq=target)
    return code, target


def test_sqlites_json_is_pythons_for_every_character(gate):
    """json_object escapes exactly what encode_basestring escapes, the same way, for every code point a
    text can hold (surrogates cannot be stored): escaping goes character by character, so a chunk at a
    time tells it for each."""
    points = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000]
    with read_snapshot(gate.services.station.engine) as reader:
        cursor = reader.connection.cursor()
        for start in range(0, len(points), 8192):
            text = "a" + "b".join(points[start:start + 8192]) + "z"
            (made,) = cursor.execute("SELECT CAST(json_object('k', ?) AS BLOB)", [text]).fetchone()
            assert made == ('{"k":' + encode_basestring(text) + "}").encode("utf-8"), hex(start)


def test_entries_holding_every_awkward_text_are_taken_from_sqlites_json_and_a_changed_one_is_named(
        gate, clock, monkeypatch):
    code = verification_code.decode(gate.services.station.journal.take_verification_code())
    read_again: list[int] = []  # after which entry the serialization left entries to their rows
    rows = RowReader.rows

    def counted(self, where="1", params=(), *others, **named):
        if where != "1":  # the reference reads every row at once, with no condition
            read_again.append(params[0])
        return rows(self, where, params, *others, **named)

    monkeypatch.setattr(RowReader, "rows", counted)
    write_entries(gate, clock, 3)
    station = gate.services.station
    with station.uow() as uow:
        for index, text in enumerate(AWKWARD):
            station.journal.append(uow.session, Operation.EXPORT, gate.admin, compartment="journal",
                                   record_kind="journal_extract", record_id=f"x{index}", motive=text,
                                   recipient=text[::-1], detail=text[:40])
        uow.commit()
    write_entries(gate, clock, 3)
    for size in (1, 4, 5000):
        read_again.clear()
        report = both(gate, code, size)
        assert report.ok and report.checked == last_seq(gate), report.findings
        assert read_again == []  # each was taken from its JSON (the reference read every row, not this way)
    changed = last_seq(gate) - 5
    sql(gate, "UPDATE journal SET motive = motive || ' ' WHERE seq = :seq", seq=changed)
    assert [(f.seq, f.message) for f in both(gate, code).findings] == [(changed, verify.MODIFIED)]
    assert read_again == [changed - 1]  # the changed one was left to its row, read again


@pytest.mark.parametrize("value", ["jsonb(json_quote(login))", "CAST(login AS BLOB)"])
def test_a_field_stored_as_a_blob_is_named_even_where_its_json_is_unchanged(gate, clock, value):
    """A BLOB holding the JSON of the very text it replaces (SQLite would write the same JSON from it), or
    the text's own bytes: only the field's type differs from the entry as written, which never holds one
    (the column's text affinity turns a number into text, NOT NULL refuses a null)."""
    seqs = write_entries(gate, clock, 6)
    target = seqs[2]
    sql(gate, f"UPDATE journal SET login = {value} WHERE seq = :seq", seq=target)
    if value.startswith("jsonb"):
        with read_snapshot(gate.services.station.engine) as reader:
            (text,) = reader.connection.cursor().execute(
                f"SELECT {verify_fast._OBJECT} FROM journal WHERE seq = ?", [target]).fetchone()
        assert hashlib.sha256(text.encode()).hexdigest() == row_fields(gate, target)["hash"]
    report = both(gate, None)
    assert (report.first.seq, report.first.message) == (target, verify.MODIFIED)


@pytest.mark.parametrize("column, value, holds", [
    ("hash", "hash || char(10)", False), ("tag", "substr(tag, 1, 10) || char(10) || substr(tag, 12)", False),
    ("hash", "upper(hash)", False), ("prev_hash", "prev_hash || ' '", False),
    ("at", "substr(at, 1, 19)", True),  # the same time without its (zero) microseconds: made canonical, it holds
])
def test_an_entry_of_another_shape_goes_through_its_row_which_decides(gate, clock, column, value, holds):
    code, target = one_entry_altered(gate, clock, 7, column, value)
    for size in (3, 5000):
        report = both(gate, code, size)
        assert report.ok if holds else report.first.seq == target, report.findings


def test_the_reading_thread_ends_with_the_verification(gate, clock):
    code = verification_code.decode(gate.services.station.journal.take_verification_code())
    seqs = write_entries(gate, clock, 30)
    sql(gate, "UPDATE journal SET detail = 'x' WHERE seq = :seq", seq=seqs[1])
    assert not both(gate, code, 2).ok  # stopped at its second batch, others read ahead
    assert not [t for t in threading.enumerate() if t.name == "journal-verify-reader"]


@pytest.mark.parametrize("column", ["motive", "login", "detail"])
def test_a_field_holding_bytes_that_are_not_utf8_is_named_not_raised(gate, clock, column):
    """Vigie writes only UTF-8: a text of other bytes was put there by hand. The driver cannot read it as
    text; verification reads that row's fields as bytes, and names the entry instead of stopping."""
    code, target = one_entry_altered(gate, clock, 6, column, "CAST(x'41ff42' AS TEXT)")
    for size in (4, 5000):
        report = both(gate, code, size)
        assert (report.first.seq, report.first.message) == (target, verify.MODIFIED)
