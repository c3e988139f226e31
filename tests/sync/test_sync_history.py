"""Two real stations and a real server: one main courante entry edited offline on both keeps both
edits in its history on both stations, each with its station; the conflict is shown, settled, and
the settlement, with both versions kept in the history, reaches the other station."""

from __future__ import annotations

from app.logbook.types import Change
from app.sync.settling import list_conflicts, resolve_conflict
from app.ui.logbook.entry import EntryDialog
from tests.logbook_helpers import entry_data
from tests.sync.conftest import sync_of
from tests.ui.conftest import french, tasks  # noqa: F401 - fixtures
from tests.ui.test_logbook_threads import off_gui_thread


def sync_all(*gates) -> None:
    for gate in (*gates, *gates):
        sync_of(gate).sync(gate.admin)


def lines(gate, entry_id: str) -> list[tuple[int, str, int, bool, str]]:
    """The history as its screen lists it, oldest first: number, subject, station, concurrent, change."""
    return [(item.version, item.record.subject, item.station, item.concurrent, str(item.change))
            for item in gate.opened().logbook.history(gate.admin, entry_id)]


def entry_dialog(qtbot, gate, tasks, entry_id: str) -> EntryDialog:
    """The entry's form as an officer opens it on *gate*'s screen, filled in the background."""
    services, _calls = off_gui_thread(gate.opened())
    dialog = EntryDialog(services, gate.admin, tasks, entry_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.ready, timeout=30_000)
    return dialog


def test_two_stations_edits_of_one_entry_are_both_in_its_history_until_and_after_they_are_settled(
        apart_pair, clock, second_clock, qtbot, tasks, french):
    a, b = apart_pair
    a.opened().settings.change(a.admin, {"station_number": 1})
    entry = a.opened().logbook.create(a.admin, entry_data(clock.now(), subject="Rixe")).entry
    sync_all(a, b)
    clock.advance(minutes=5)
    a.opened().logbook.update(a.admin, entry.id, entry_data(clock.now(), subject="Rixe sur la place"),
                              expected_version=entry.version)
    second_clock.advance(minutes=9)
    b.opened().logbook.update(b.admin, entry.id, entry_data(clock.now(), subject="Rixe devant le bar"),
                              expected_version=entry.version)
    sync_all(a, b)

    # Both edits are in the history on both stations, each with its station; version 1 once.
    expected = [(1, "Rixe", 0, False, "created"),
                (2, "Rixe sur la place", 1, True, "updated"),
                (2, "Rixe devant le bar", 2, True, "updated")]
    assert lines(a, entry.id) == lines(b, entry.id) == expected
    # On B's screen, the history tab lists both versions 2, each with its station.
    shown = entry_dialog(qtbot, b, tasks, entry.id).history_list
    qtbot.waitUntil(lambda: shown.count() == 3, timeout=30_000)
    texts = [shown.item(row).text() for row in range(shown.count())]
    assert len(texts) == 3 and "poste 2 (faite en même temps qu'une autre)" in texts[0]
    assert "poste 1 (faite en même temps qu'une autre)" in texts[1] and texts[2].startswith("Version 1 ")
    conflicts = list_conflicts(b.opened().kernel)
    assert len(conflicts) == 1 and len(list_conflicts(a.opened().kernel)) == 1

    # Settled on B: the settlement is version 3, and both versions 2 stay in the history everywhere.
    resolve_conflict(b.opened().kernel, b.admin, conflicts[0], {"subject": "Rixe sur la place, devant le bar"})
    settled = expected + [(3, "Rixe sur la place, devant le bar", 2, False, str(Change.CONFLICT_SETTLED))]
    assert lines(b, entry.id) == settled
    sync_all(b, a)
    assert list_conflicts(a.opened().kernel) == list_conflicts(b.opened().kernel) == []
    assert lines(a, entry.id) == lines(b, entry.id) == settled
    # The next edit on A follows the settlement as version 4, and travels as any other.
    clock.advance(minutes=5)
    a.opened().logbook.update(a.admin, entry.id, entry_data(clock.now(), subject="Rixe, place du marché"),
                              expected_version=3)
    sync_all(a, b)
    assert lines(b, entry.id)[-1] == (4, "Rixe, place du marché", 1, False, "updated")
    assert list_conflicts(b.opened().kernel) == []
