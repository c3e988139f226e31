"""A station built from an export (or filled at once, as the demo's is) holds records it never queued: when it
registers a new service, it is that service's only copy, and every one of them goes out to the stations that
join it."""

from __future__ import annotations

from app.backup.importing import import_export
from app.bootstrap import build_gate, record_kinds
from app.demo import DEMO_ACCOUNTS
from app.store.layout import StationPaths
from tests.sync.conftest import join_by_pairing, sync_of
from tests.test_export import NEW_PASSWORD, PASSPHRASE, demo, every_record  # noqa: F401 - demo: a fixture

__all__ = ["demo"]


def test_a_station_imported_from_an_export_sends_all_it_holds_to_the_service_it_registers(
        demo, tmp_path, sync_server, other_station):  # noqa: F811 - the fixture imported above
    gate, _actor, before, out, _done = demo
    target = StationPaths(tmp_path / "imported")
    import_export(out, PASSPHRASE, target, gate.deps, record_kinds(), DEMO_ACCOUNTS[0].login, NEW_PASSWORD)
    imported = build_gate(target.root, gate.deps)
    try:
        imported.admin = imported.login(DEMO_ACCOUNTS[0].login, NEW_PASSWORD)
        sync_of(imported).register(imported.admin, sync_server.url, sync_server.tenant())
        report = sync_of(imported).sync(imported.admin)
        assert report.pushed >= len(before["logbook_entry"]) + len(before["writing"])
        join_by_pairing(imported, sync_server, other_station, 2)
        sync_of(other_station).sync(other_station.admin)
        received = every_record(other_station)
        for kind in ("logbook_entry", "logbook_person", "logbook_agent", "writing"):
            assert len(received[kind]) == len(before[kind]), kind
    finally:
        imported.close()
