"""Yearly numbers: one station numbers without gaps; two stations offline never give the same number."""

from __future__ import annotations

from typing import cast

import pytest

from app.bootstrap import build_gate
from app.kernel import numbering
from app.store.layout import StationPaths
from tests.conftest import AdminGate
from tests.logbook_helpers import entry_data


def station(tmp_path, deps, new_station, name: str, number: int) -> AdminGate:
    gate = cast(AdminGate, build_gate(tmp_path / name, deps))  # its administrator kept on it (gate.admin)
    gate.admin, _ = gate.create(new_station)
    if number != 1:
        assert gate.services is not None
        gate.services.settings.change(gate.admin, {"station_number": number})
    return gate


def test_two_stations_offline_never_give_the_same_number(tmp_path, deps, new_station, clock):
    first = station(tmp_path, deps, new_station, "poste-1", 1)
    second = station(tmp_path, deps, new_station, "poste-2", 2)
    try:
        numbers = []
        for _ in range(30):  # interleaved, as two stations of one service working the same day
            for gate in (first, second):
                numbers.append(gate.services.logbook.create(gate.admin, entry_data(clock.now())).entry.number)
        mine = [n for n in numbers[0::2]]
        theirs = [n for n in numbers[1::2]]
        assert mine[:3] == ["2026/00001", "2026/00002", "2026/00003"]
        assert theirs[:3] == ["2026/10001", "2026/10002", "2026/10003"]
        # Merged (as a sync would merge them: append-only entries, union): no number twice.
        assert len(set(numbers)) == len(numbers) == 60
    finally:
        first.close()
        second.close()


def test_blocks_go_round_the_ten_station_numbers():
    assert numbering.serial_of(1, 10_000) == 10_000
    assert numbering.serial_of(1, 10_001) == 100_001  # station 1's second block
    assert numbering.serial_of(10, 1) == 90_001
    assert numbering.format_number(2026, 100_001) == "2026/100001"
    every = {numbering.serial_of(s, i) for s in range(1, 11) for i in range(1, 25_001)}
    assert len(every) == 250_000
    for serial in (1, 10_000, 10_001, 99_999, 100_001, 123_456):
        station = numbering.station_of(serial)
        assert numbering.serial_of(station, numbering.index_of(serial)) == serial
    with pytest.raises(ValueError):
        numbering.serial_of(11, 1)


def test_a_number_seen_from_elsewhere_is_never_given_again(gate, clock):
    with gate.services.station.uow() as uow:
        numbering.observe(uow.session, "main_courante", 2026, 7)  # a restored backup held 2026/00007
        numbering.observe(uow.session, "main_courante", 2026, 10_003)  # another station's: not ours to count
        uow.commit()
    assert gate.services.logbook.create(gate.admin, entry_data(clock.now())).entry.number == "2026/00008"


def test_numbers_start_again_each_year(gate, clock):
    logbook = gate.services.logbook
    assert logbook.create(gate.admin, entry_data(clock.now())).entry.number == "2026/00001"
    clock.advance(days=60)
    assert logbook.create(gate.admin, entry_data(clock.now())).entry.number == "2027/00001"


def test_a_failed_save_gives_its_number_back(gate, clock):
    logbook = gate.services.logbook
    with pytest.raises(Exception):
        logbook.create(gate.admin, entry_data(clock.now(), agent_ids=("no-such-user",)))
    assert logbook.create(gate.admin, entry_data(clock.now())).entry.number == "2026/00001"
