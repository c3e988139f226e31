"""The seal state file `journal.seal`: its record, written at every commit that journals, and what two
writers of one station and a write lost at a power cut leave behind (docs/journal-format.md)."""

from __future__ import annotations

import json
import os

import pytest

from app.audit import sealstate, sealverify
from app.audit.sealer import read_generations
from app.audit.sealstate import RECORD, SealState, _check, decode, encode
from app.crypto import verification_code
from tests.conftest import ADMIN_PASSWORD, reopen
from tests.test_journal_support import write_entries


def _reference(state: SealState) -> bytes:
    """The record as docs/journal-format.md spells it: json.dumps(sort_keys=True), padded, a newline."""
    fields = {"format": 1, "station_id": state.station_id, "generation": state.generation,
              "next_seq": state.next_seq, "key": state.key.hex()}
    line = json.dumps({**fields, "check": _check(fields)}, sort_keys=True).encode()
    return line + b" " * (RECORD - 1 - len(line)) + b"\n"


@pytest.mark.parametrize("station_id", ["0193a1b2-7c3d-7e4f-8a5b-6c7d8e9f0a1b", 'poste "é"\\\n\u2028'])
def test_the_record_is_the_documented_json_byte_for_byte_and_a_torn_one_is_refused(station_id):
    old = SealState(station_id, 3, 41, bytes(range(32)))
    new = SealState(station_id, 3, 987_654_321, os.urandom(32))
    for state in (old, new):
        assert encode(state) == _reference(state)
        assert decode(encode(state)) == state
    torn = encode(new)[:100] + encode(old)[100:]
    assert decode(torn) is None


def _sealed(gate, code: str):
    station = gate.services.station
    return sealverify.verify_sealed(station.engine, station.id, sealstate.state_path(station.paths.database),
                                    verification_code.decode(code))


def test_two_writers_of_one_station_taking_turns_both_keep_the_seal(gate, clock, station_dir, deps):
    code = gate.services.station.journal.take_verification_code()
    other = reopen(station_dir, deps)
    other.login("admin", ADMIN_PASSWORD)
    other.admin = gate.admin
    try:
        for _round in range(4):  # each finds the state file the other one wrote last
            write_entries(gate, clock, 2)
            write_entries(other, clock, 1)
        report = _sealed(gate, code)
        assert report.ok and report.sealed, report.findings
        with gate.services.station.read() as uow:
            assert len(read_generations(uow.session, gate.services.station.id)) == 1  # never restarted
    finally:
        other.close()


def test_a_state_write_lost_at_a_power_cut_leaves_a_journal_that_verifies_sealed(gate, clock):
    code = gate.services.station.journal.take_verification_code()
    path = sealstate.state_path(gate.services.station.paths.database)
    write_entries(gate, clock, 3)
    before = path.read_bytes()
    write_entries(gate, clock, 3)  # committed; its state is then lost, as a write not yet on disk would be
    path.write_bytes(before)
    report = _sealed(gate, code)
    assert report.ok and report.sealed, report.findings
    write_entries(gate, clock, 2)  # the next entry rolls the state forward along the one-way chain
    report = _sealed(gate, code)
    assert report.ok and report.sealed, report.findings
    assert decode(path.read_bytes()) is not None and path.read_bytes() != before


def test_a_new_generation_written_by_another_writer_within_one_clock_tick_is_seen(gate, clock, station_dir, deps):
    # The other writer finds the state damaged, begins a new generation and writes its state in place;
    # the file's modification time is then what it was (a write within the same tick of the file
    # system's clock): this writer must still seal under the new generation, not its remembered one.
    code = gate.services.station.journal.take_verification_code()
    path = sealstate.state_path(gate.services.station.paths.database)
    other = reopen(station_dir, deps)
    other.login("admin", ADMIN_PASSWORD)
    other.admin = gate.admin
    try:
        write_entries(gate, clock, 2)
        before = os.stat(path)
        with open(path, "r+b") as handle:
            handle.write(b"x" * RECORD)  # damaged in place: same file, same size
        write_entries(other, clock, 1)
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        assert os.stat(path).st_ino == before.st_ino and os.stat(path).st_size == before.st_size
        write_entries(gate, clock, 2)
        with gate.services.station.read() as uow:
            assert len(read_generations(uow.session, gate.services.station.id)) == 2
        report = _sealed(gate, code)
        # What verification must say, and only that: the seal began again where the state was lost.
        assert report.sealed and [f.params.get("generation") for f in report.findings] == [2], report.findings
        assert "begins the journal's seal again" in report.findings[0].message
    finally:
        other.close()
