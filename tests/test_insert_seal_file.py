"""The journal's writer holds its seal state file open (app/audit/sealstate.py, StateFile): what it reads
and overwrites is still, at every action, the file that `journal.seal` names, whoever replaced it meanwhile."""

from __future__ import annotations

import os

from app.audit import sealstate, sealverify
from app.crypto import verification_code
from tests.test_journal_support import last_seq, write_entries


def _sealed(gate, code: str):
    station = gate.services.station
    return sealverify.verify_sealed(station.engine, station.id, sealstate.state_path(station.paths.database),
                                    verification_code.decode(code))


def test_a_state_file_put_back_by_renaming_an_older_copy_over_it_is_the_one_rolled_forward(gate, clock):
    code = gate.services.station.journal.take_verification_code()
    path = sealstate.state_path(gate.services.station.paths.database)
    write_entries(gate, clock, 3)
    older = path.with_name("journal.seal.older")
    older.write_bytes(path.read_bytes())
    write_entries(gate, clock, 3)
    os.replace(older, path)  # another file now: the one the writer held has no name left
    write_entries(gate, clock, 2)
    state = sealstate.decode(path.read_bytes())
    assert state is not None and state.next_seq == last_seq(gate) + 1
    report = _sealed(gate, code)
    assert report.ok and report.sealed, report.findings


def test_a_state_file_deleted_then_made_again_by_another_hand_is_read_from_its_path(gate, clock):
    code = gate.services.station.journal.take_verification_code()
    path = sealstate.state_path(gate.services.station.paths.database)
    write_entries(gate, clock, 2)
    record = path.read_bytes()
    write_entries(gate, clock, 2)
    path.unlink()
    path.write_bytes(record)  # a new file at the path, holding a state two entries behind the journal
    write_entries(gate, clock, 1)
    state = sealstate.decode(path.read_bytes())
    assert state is not None and state.next_seq == last_seq(gate) + 1
    report = _sealed(gate, code)
    assert report.ok and report.sealed, report.findings


def _held(path) -> int:
    held = 0
    for fd in os.listdir("/proc/self/fd"):
        try:
            held += os.readlink(f"/proc/self/fd/{fd}") == str(path)
        except OSError:
            continue  # the descriptor listdir itself used, closed since
    return held


def test_closing_the_station_lets_go_of_its_seal_state_file(gate, clock):
    path = sealstate.state_path(gate.services.station.paths.database)
    write_entries(gate, clock, 2)
    assert _held(path) == 1  # one descriptor, however many actions
    gate.close()
    assert _held(path) == 0  # the station's folder can be unmounted or made read-only once it is closed


def test_on_a_system_without_pread_and_pwrite_the_state_file_is_read_and_written_the_same(gate, clock, monkeypatch):
    # Windows has neither: the writer seeks, then reads or writes (app/audit/sealstate.py).
    code = gate.services.station.journal.take_verification_code()
    path = sealstate.state_path(gate.services.station.paths.database)
    write_entries(gate, clock, 2)
    monkeypatch.delattr(os, "pread")
    monkeypatch.delattr(os, "pwrite")
    write_entries(gate, clock, 3)
    state = sealstate.decode(path.read_bytes())
    assert state is not None and state.next_seq == last_seq(gate) + 1
    assert sealstate.read(path) == state
    report = _sealed(gate, code)
    assert report.ok and report.sealed, report.findings
