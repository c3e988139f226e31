"""Randomised: 2 to 3 stations create and edit main courante entries offline and sync in random orders,
with answers lost on the way; at the end every station holds the same records, and every edit is either
in the table or kept in a conflict (in the spirit of cr-sqlite's sync property test)."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.models import OutboxChange
from app.sync.settling import list_conflicts
from tests.conftest import FakeClock
from tests.logbook_helpers import entry_data
from tests.sync.conftest import make_gate, sync_of
from tests.sync.test_sync import entries

ACTIONS = st.lists(st.tuples(st.sampled_from(["create", "edit", "sync", "lost_answer"]), st.integers(0, 2),
                             st.integers(0, 5)), min_size=4, max_size=10)


def _stations(tmp_path, count: int, sync_server, new_station, tag: str):
    from tests.sync.conftest import join_by_pairing

    gates = []
    for index in range(count):
        gate = make_gate(tmp_path / f"{tag}-{index}", FakeClock())
        gate.admin, _ = gate.create(replace(new_station, admin_login=f"admin{index}"))
        gates.append(gate)
    sync_of(gates[0]).register(gates[0].admin, sync_server.url, sync_server.tenant())
    for number, gate in enumerate(gates[1:], start=2):
        join_by_pairing(gates[0], sync_server, gate, number)
    return gates


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(count=st.integers(2, 3), actions=ACTIONS)
def test_random_changes_and_syncs_converge(tmp_path, sync_server, new_station, count, actions):
    tag = f"run{len(list(tmp_path.iterdir()))}"
    gates = _stations(tmp_path, count, sync_server, new_station, tag)
    written: set[str] = set()
    try:
        for action, who, what in actions:
            gate = gates[who % count]
            logbook = gate.opened().logbook
            mine = sorted(entries(gate))
            if action == "create" or (action == "edit" and not mine):
                subject = f"{tag} création {len(written)}"
                logbook.create(gate.admin, entry_data(gate.deps.clock.now(), subject=subject))
                written.add(subject)
            elif action == "edit":
                entry_id = mine[what % len(mine)]
                version = entries(gate)[entry_id][2]
                subject = f"{tag} modification {len(written)}"
                logbook.update(gate.admin, entry_id, entry_data(gate.deps.clock.now(), subject=subject),
                               expected_version=version)
                written.add(subject)
            elif action == "sync":
                sync_of(gate).sync(gate.admin)
            else:  # the server stored a push, its answer was lost: the station sends it again
                sync_of(gate).sync(gate.admin)
                with gate.opened().station.uow() as uow:
                    uow.session.execute(OutboxChange.__table__.update().values(pushed_at=None))
                    uow.commit()
        for gate in gates * 2:
            sync_of(gate).sync(gate.admin)
        first = entries(gates[0])
        assert all(entries(gate) == first for gate in gates[1:])
        kept = {subject for _, subject, _ in first.values()}
        for conflict in list_conflicts(gates[0].opened().kernel):
            kept |= {conflict.kept.get("subject"), conflict.other.get("subject")}
        # Every edit is in the table, kept in a conflict, or in its record's history (replaced by a later
        # edit made knowing it): none is lost.
        assert written - kept <= _edited_later(gates, written)
        assert written - kept - _edited_later(gates[1:], written) <= _edited_later(gates[:1], written)
    finally:
        for gate in gates:
            gate.close()


def _edited_later(gates, written) -> set[str]:
    """Subjects found in the main courante's kept versions of the first of *gates*."""
    from sqlalchemy import select

    from app.models import LogbookVersion

    replaced = set()
    with gates[0].opened().station.read() as uow:
        for version in uow.session.scalars(select(LogbookVersion)):
            state = getattr(version, "state", "") or ""
            replaced |= {subject for subject in written if subject in state}
    return replaced
