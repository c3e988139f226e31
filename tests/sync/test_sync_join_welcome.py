"""A station that joins a service is of that service (its name, commune, INSEE code and department, printed on
every PV) and takes a station number no other station of it holds, given by the approval: the numbers of the
two stations never meet, and their entries travel both ways (a shared number would be refused)."""

from __future__ import annotations

from sqlalchemy import select

from app.kernel.settings import read_setting
from app.models import LogbookEntry
from tests.conftest import ADMIN_PASSWORD
from tests.logbook_helpers import entry_data
from tests.sync.conftest import sync_of
from tests.sync.test_sync_officers import joined, opens


def numbers(gate) -> dict[str, str]:
    with gate.opened().station.read() as uow:
        return {entry.subject: entry.number for entry in uow.session.scalars(select(LogbookEntry))}


def service_of(gate) -> tuple[str, str, str, str]:
    details = gate.opened().station.details
    return details.service_name, details.commune, details.insee_code, details.department


def test_a_joined_station_is_of_the_service_and_numbers_in_blocks_of_its_own(gate, sync_server, tmp_path,
                                                                             second_clock):
    a = gate
    sync_of(a).register(a.admin, sync_server.url, sync_server.tenant())
    a.opened().logbook.create(a.admin, entry_data(second_clock.now(), subject="Au premier poste"))
    sync_of(a).sync(a.admin)
    first, second = tmp_path / "second", tmp_path / "third"
    assert joined(a, sync_server, first, second_clock).station_number == 2
    assert joined(a, sync_server, second, second_clock).station_number == 3  # the approvals said 2 was given
    service = service_of(a)
    seen: dict[str, object] = {}

    def write_and_read(b) -> None:
        b.opened().logbook.create(b.admin, entry_data(second_clock.now(), subject="Au deuxième poste"))
        sync_of(b).sync(b.admin)
        with b.opened().station.read() as uow:
            seen["number"] = read_setting(uow.session, "station_number")
        seen["service"] = service_of(b)

    assert opens(first, second_clock, "admin", ADMIN_PASSWORD, write_and_read)
    assert seen["number"] == 2
    assert seen["service"] == service and service[1] == "Montclair-sur-Vienne"
    report = sync_of(a).sync(a.admin)
    assert report.pulled.refused == []
    year = str(second_clock.now().year)
    assert numbers(a) == {"Au premier poste": f"{year}/00001", "Au deuxième poste": f"{year}/10001"}
