"""Two real stations and a real server: a conflict settled on one station by a field-by-field merge
is settled on the other too, whether the other had found the conflict already or finds it in the
very page that brings the settlement (and a later change of the same record)."""

from __future__ import annotations

from sqlalchemy import select

from app.models import LogbookEntry
from app.sync.settling import list_conflicts
from tests.logbook_helpers import entry_data
from tests.sync.conftest import sync_of


def sync_all(*gates) -> None:
    for gate in (*gates, *gates):
        sync_of(gate).sync(gate.admin)


def held(gate, entry_id: str) -> tuple[str, str, int]:
    with gate.opened().station.read() as uow:
        entry = uow.session.scalars(select(LogbookEntry).where(LogbookEntry.id == entry_id)).one()
        return entry.subject, entry.address, entry.version


def edited_apart(a, b, clock) -> str:
    """One entry, known to both stations, then edited on each while they are apart."""
    entry = a.opened().logbook.create(a.admin, entry_data(clock.now(), subject="Rixe")).entry
    sync_all(a, b)
    a.opened().logbook.update(a.admin, entry.id, entry_data(clock.now(), subject="Rixe sur la place",
                                                            address="Place du marché"),
                              expected_version=entry.version)
    b.opened().logbook.update(b.admin, entry.id, entry_data(clock.now(), subject="Rixe devant le bar",
                                                            address="Rue des Halles"),
                              expected_version=entry.version)
    return entry.id


def merge_on(gate) -> tuple[str, str, int]:
    """The settlement as the conflicts screen makes it: the subject of one side, the place of the other."""
    service = sync_of(gate)
    [conflict] = service.conflicts(gate.admin)
    chosen = {"subject": conflict.other["subject"], "address": conflict.kept["address"]}
    assert chosen["subject"] != conflict.kept["subject"] and chosen["address"] != conflict.other["address"]
    service.resolve(gate.admin, conflict, chosen)
    assert list_conflicts(gate.opened().kernel) == []
    return held(gate, conflict.record_id)


def test_a_merge_on_one_station_settles_the_conflict_on_both(pair, clock):
    a, b = pair
    entry_id = edited_apart(a, b, clock)
    sync_all(a, b)
    assert len(list_conflicts(a.opened().kernel)) == len(list_conflicts(b.opened().kernel)) == 1
    merged = merge_on(a)
    sync_all(a, b)
    assert list_conflicts(a.opened().kernel) == list_conflicts(b.opened().kernel) == []
    assert held(a, entry_id) == held(b, entry_id) == merged


def test_a_settlement_pulled_with_its_conflict_and_a_later_change_in_one_page(pair, clock):
    a, b = pair
    entry_id = edited_apart(a, b, clock)
    sync_of(b).sync(b.admin)  # B's edit reaches the server first
    sync_of(a).sync(a.admin)  # A's is stored as a conflict, and A finds it; B has not seen A's edit
    assert len(list_conflicts(a.opened().kernel)) == 1 and list_conflicts(b.opened().kernel) == []
    subject, address, version = merge_on(a)
    sync_of(a).sync(a.admin)  # the settlement is an envelope of its own
    a.opened().logbook.update(a.admin, entry_id, entry_data(clock.now(), subject=subject + ", deux blessés",
                                                            address=address), expected_version=version)
    later = held(a, entry_id)
    sync_of(a).sync(a.admin)
    # One pull brings B A's concurrent edit (a conflict), its settlement and the change made after it.
    report = sync_of(b).sync(b.admin)
    assert report.pulled.kinds.get("logbook_entry") == 3 and report.pulled.conflicts == 1
    assert list_conflicts(b.opened().kernel) == []
    assert held(b, entry_id) == later
    sync_all(a, b)
    assert list_conflicts(a.opened().kernel) == list_conflicts(b.opened().kernel) == []
    assert held(a, entry_id) == held(b, entry_id) == later


def test_a_settlement_made_on_another_station_meanwhile_is_not_overwritten_by_a_stale_screen(pair, clock):
    import pytest

    from app.sync.settling import ConflictGone, list_conflicts, resolve_conflict
    from tests.logbook_helpers import entry_data
    from tests.sync.test_sync import entries, sync_all

    a, b = pair
    entry = a.opened().logbook.create(a.admin, entry_data(clock.now(), subject="Chute")).entry
    sync_all(a, b)
    for gate, subject in ((a, "Chute d'une personne âgée"), (b, "Chute d'un cycliste")):
        gate.opened().logbook.update(gate.admin, entry.id, entry_data(clock.now(), subject=subject),
                                     expected_version=entry.version)
    sync_all(a, b)
    (shown_on_b,) = list_conflicts(b.opened().kernel)  # b's screen opens on the conflict
    (on_a,) = list_conflicts(a.opened().kernel)
    resolve_conflict(a.opened().kernel, a.admin, on_a, {"subject": "Chute d'une personne âgée"})
    sync_all(a, b)  # a's settlement reaches b while its screen still shows the conflict
    with pytest.raises(ConflictGone):
        resolve_conflict(b.opened().kernel, b.admin, shown_on_b, {"subject": "Chute d'un cycliste"})
    sync_all(a, b)
    assert entries(a) == entries(b) and entries(b)[entry.id][1] == "Chute d'une personne âgée"
    assert list_conflicts(a.opened().kernel) == list_conflicts(b.opened().kernel) == []
