"""A PV signed on one station brings the service's NATINF reference data to the other (hundreds of offences in
one pulled page): the page is written at once, not refused and applied again envelope by envelope, and
the offences received are found by the NATINF search as on the station that has them."""

from __future__ import annotations

from sqlalchemy import event, func, select

from app.models import NatinfOffence
from tests.conftest import ADMIN_PASSWORD
from tests.sync.conftest import sync_of
from tests.test_writings_support import draft_pv


def offences(gate, version_id: str) -> int:
    with gate.opened().station.read() as uow:
        return uow.session.scalar(select(func.count()).select_from(NatinfOffence)
                                  .where(NatinfOffence.version_id == version_id))


def test_the_natinf_offences_of_a_signed_pv_arrive_in_one_go_and_are_found(pair, sync_server):
    a, b = pair
    signed = a.opened().writings.sign(a.admin, draft_pv(a).id, ADMIN_PASSWORD)
    version = a.services.natinf.current(a.admin)
    sync_of(a).sync(a.admin)
    # The slow path applies each envelope in a savepoint of its own: none is taken.
    # Nor is each offence looked for with a read of its own.
    savepoints: list[str] = []
    reads: list[str] = []

    def savepoint(connection, name) -> None:
        savepoints.append(name)

    def executed(connection, cursor, statement, parameters, context, many) -> None:
        if statement.startswith("SELECT natinf_offences."):
            reads.append(statement)

    engine = b.opened().station.engine
    event.listen(engine, "savepoint", savepoint)
    event.listen(engine, "before_cursor_execute", executed)
    try:
        report = sync_of(b).sync(b.admin)
    finally:
        event.remove(engine, "savepoint", savepoint)
        event.remove(engine, "before_cursor_execute", executed)
    assert report.pulled.refused == [] and savepoints == [] and len(reads) <= 3
    assert offences(b, version.id) == offences(a, version.id) >= 100
    assert report.pulled.kinds["natinf_offence"] >= 100
    assert b.opened().writings.get(b.admin, signed.id).number == a.opened().writings.get(a.admin, signed.id).number
    found = b.services.natinf.search(b.admin, "dépôt ordure", version_id=version.id)
    assert found and found == a.services.natinf.search(a.admin, "dépôt ordure", version_id=version.id)
