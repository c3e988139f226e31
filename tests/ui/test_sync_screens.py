"""Administration > Synchronisation and the records to settle, driven as a person does, on real
encrypted stations and a real sync server on loopback."""

from __future__ import annotations

import os

from sqlalchemy import select

from app.models import LogbookEntry, Operation
from app.qt import QApplication, QMessageBox, Qt
from app.sync.envelope import ServiceKeys
from app.sync.joining import claim, forget_own_beginnings, open_pairing
from app.sync.service import SyncService
from app.sync.settling import list_conflicts
from app.sync.transport import Transport
from app.ui.admin.sync import SyncPanel
from app.ui.sync import ConflictsDialog
from app.ui.sync_status import SyncStatusLabel
from tests.conftest import journal_entries
from tests.logbook_helpers import entry_data
from tests.sync.conftest import other_station, second_clock, sync_of, sync_server  # noqa: F401 (fixtures)
from tests.ui.helpers import type_into

SHOTS = os.environ.get("VIGIE_SCREENSHOTS", "")


def shot(widget, name: str) -> None:
    if SHOTS:
        widget.grab().save(os.path.join(SHOTS, f"{name}.png"))


def click(qtbot, button) -> None:
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def subject_of(gate, entry_id: str) -> str:
    with gate.opened().station.read() as uow:
        entry = uow.session.scalars(select(LogbookEntry).where(LogbookEntry.id == entry_id)).one()
        return entry.subject


def panel_for(qtbot, gate, tasks) -> SyncPanel:
    panel = SyncPanel(gate.services, gate.admin, tasks)
    qtbot.addWidget(panel)
    panel.resize(760, 620)
    panel.show()
    qtbot.waitUntil(lambda: not panel.is_busy, timeout=10_000)
    return panel


def no_dialog_shown() -> bool:
    return not any(isinstance(w, QMessageBox) and w.isVisible() for w in QApplication.topLevelWidgets())


def test_offline_is_a_state_written_on_the_page(gate, french, tasks, qtbot):
    panel = panel_for(qtbot, gate, tasks)
    assert panel.values["state"].text().startswith("Non configuré")
    assert panel.register_box.isVisible() and not panel.sync_button.isEnabled()
    # Enrolled with a server that nobody answers on.
    gate.services.sync.enrol(gate.admin, "http://127.0.0.1:9", "t", "d", "token", ServiceKeys.draw())
    panel.refresh()
    qtbot.waitUntil(lambda: panel.sync_button.isEnabled(), timeout=10_000)
    with qtbot.waitSignal(panel.told, timeout=10_000) as told:
        click(qtbot, panel.sync_button)
    assert told.args[0] == panel.said.text() and "hors ligne" in told.args[0]
    qtbot.waitUntil(lambda: panel.values["state"].text() == "Hors ligne", timeout=10_000)
    assert not panel.message.isVisible() and no_dialog_shown()
    shot(panel, "sync_offline")


def register_on_the_page(qtbot, panel: SyncPanel, url: str, token: str) -> None:
    type_into(qtbot, panel.url, url)
    type_into(qtbot, panel.token, token)
    with qtbot.waitSignal(panel.told, timeout=10_000) as told:
        click(qtbot, panel.register_button)
    assert "enregistré" in told.args[0]
    assert not panel.message.isVisible()  # what the refused attempts said before is gone
    assert panel.token.text() == ""  # the token is not kept in the widget
    qtbot.waitUntil(lambda: panel.values["state"].text() == "Enregistré", timeout=10_000)
    assert not panel.register_box.isVisible() and panel.approve_box.isVisible()


def refused_on_the_page(qtbot, panel: SyncPanel, url: str) -> None:
    """A server that does not answer, a hosting token the server does not know: one French line each."""
    type_into(qtbot, panel.url, "http://127.0.0.1:1")
    type_into(qtbot, panel.token, "pas-un-jeton")
    with qtbot.waitSignal(panel.told, timeout=10_000) as told:
        click(qtbot, panel.register_button)
    assert "injoignable" in told.args[0] and "vérifiez son adresse" in told.args[0]  # nothing waits to be sent
    assert panel.values["state"].text().startswith("Non configuré")
    type_into(qtbot, panel.url, url)
    type_into(qtbot, panel.token, "pas-un-jeton")
    with qtbot.waitSignal(panel.told, timeout=10_000) as told:
        click(qtbot, panel.register_button)
    assert told.args[0] == panel.message.text() and "refusé le jeton" in told.args[0]
    assert panel.message.isVisible() and panel.register_box.isVisible() and no_dialog_shown()
    assert not panel.sync_button.isEnabled()  # still not set up: nothing to sync with


def approve_on_the_page(qtbot, panel: SyncPanel, server_url: str, other) -> None:
    """The other station opens a pairing (as `vigie join` does); the page approves it."""
    with Transport(server_url) as transport:
        pairing = open_pairing(transport)
        type_into(qtbot, panel.code, "pas un code")
        with qtbot.waitSignal(panel.told, timeout=10_000) as told:
            click(qtbot, panel.look_button)
        assert told.args[0] == "Ce n'est pas un code d'appairage." and not panel.approve_button.isEnabled()
        type_into(qtbot, panel.code, pairing.code)
        click(qtbot, panel.look_button)
        qtbot.waitUntil(lambda: panel.approve_button.isEnabled(), timeout=10_000)
        assert panel.fingerprint.text() == pairing.fingerprint
        assert claim(transport, pairing) is None  # nothing is approved before the confirmation
        shot(panel, "sync_approve")
        with qtbot.waitSignal(panel.told, timeout=10_000) as told:
            click(qtbot, panel.approve_button)
        assert "approuvé" in told.args[0]
        claimed = claim(transport, pairing)
    assert claimed is not None
    forget_own_beginnings(other.opened().kernel, "")
    SyncService(other.opened().kernel).enrol(other.admin, server_url, claimed.tenant_id, claimed.device_id,
                                             claimed.device_token, claimed.keys)
    other.opened().settings.change(other.admin, {"station_number": 2})


def sync_all(*gates) -> None:
    for gate in (*gates, *gates):
        sync_of(gate).sync(gate.admin)


def test_register_approve_and_settle_a_conflict_on_the_screens(gate, other_station, sync_server, french, tasks,
                                                               clock, qtbot):
    a, b = gate, other_station
    panel = panel_for(qtbot, a, tasks)
    refused_on_the_page(qtbot, panel, sync_server.url)
    register_on_the_page(qtbot, panel, sync_server.url, sync_server.tenant())
    approve_on_the_page(qtbot, panel, sync_server.url, b)
    # The same entry edited on both stations while apart.
    entry = a.opened().logbook.create(a.admin, entry_data(clock.now(), subject="Rixe")).entry
    sync_all(a, b)
    data = entry_data(clock.now(), subject="Rixe sur la place", address="Place du marché")
    a.opened().logbook.update(a.admin, entry.id, data, expected_version=entry.version)
    data = entry_data(clock.now(), subject="Rixe devant le bar", address="Rue des Halles")
    b.opened().logbook.update(b.admin, entry.id, data, expected_version=entry.version)
    sync_of(b).sync(b.admin)
    with qtbot.waitSignal(panel.told, timeout=10_000):
        click(qtbot, panel.sync_button)
    qtbot.waitUntil(lambda: panel.values["conflicts"].text() == "1", timeout=10_000)
    shot(panel, "sync_state")
    conflicts_in_the_status_bar_open_the_settling(qtbot, a, tasks)
    click(qtbot, panel.conflicts_button)
    dialog = panel.findChild(ConflictsDialog)
    qtbot.waitUntil(lambda: dialog.list.count() == 1 and dialog.current is not None, timeout=10_000)
    rows = {dialog.table.item(r, 0).text(): (dialog.table.item(r, 1).text(), dialog.table.item(r, 2).text())
            for r in range(dialog.table.rowCount())}
    assert set(rows["Objet"]) == {"Rixe sur la place", "Rixe devant le bar"}  # both edits, French labels
    assert set(rows["Lieu"]) == {"Place du marché", "Rue des Halles"}
    # Codes read as the form says them, each coordinate on its row, and no internal link's id.
    assert rows["État"] == ("En cours", "En cours") and rows["Nature"] == ("Tapage / nuisances sonores",) * 2
    assert rows["Canal"][0] in {"Téléphone", "Accueil", "Radio", "Patrouille", "Courriel", "17 (police secours)",
                                "Autre"}, rows["Canal"]
    assert "Latitude" in rows and "Longitude" in rows and "request_id" not in rows and "writing_id" not in rows
    # A conflict's screen fits a 1280×720 screen with its frame (its buttons on one row asked for 1,268 px).
    assert dialog.minimumSizeHint().width() <= 1240 and dialog.minimumSizeHint().height() <= 660
    shot(dialog, "sync_conflict")
    # Who made each version: this station's admin here; the other station's account is not known on this one,
    # nor the station a pulled version came from.
    when = clock.now().astimezone().strftime("%d/%m/%Y %H:%M")
    assert [label.text() for label in dialog.made] == [
        f"Version en place\xa0: enregistrée par {a.admin.full_name} le {when}, Poste 1 (ce poste).",
        f"Version concurrente\xa0: enregistrée le {when}."]
    # Field by field: the subject from the concurrent version, the place from the table's. No side is
    # picked beforehand: the merge waits until each field that differs has one.
    kept, other = dialog.current.kept, dialog.current.other
    assert sorted(dialog.choices) == ["address", "subject"]
    assert all(box.currentIndex() == -1 for box in dialog.choices.values())
    assert not dialog.merge.isEnabled() and dialog.left_to_choose.text() == "2 champs restent à choisir"
    dialog.choose("subject", 1)
    assert not dialog.merge.isEnabled() and dialog.left_to_choose.text() == "1 champ reste à choisir"
    # With the keyboard: the focus waits on the list, where Enter settles nothing; Tab goes to the table,
    # then to the first field's choice, not from cell to cell.
    assert dialog.focusWidget() is dialog.list
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    assert dialog.keep_kept.isEnabled() and dialog.isVisible()  # nothing under way (a settlement disables them)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.table
    qtbot.keyClick(dialog.table, Qt.Key.Key_Tab)
    place = dialog.choices["address"]
    assert dialog.focusWidget() is place
    qtbot.keyClick(place, Qt.Key.Key_Down)  # the first side, "Version en place"
    assert place.currentText() == "Version en place"
    assert dialog.merge.isEnabled() and dialog.left_to_choose.text() == "Chaque champ qui diffère a son côté."
    dialog.merge.setFocus()
    with qtbot.waitSignal(dialog.listed, timeout=10_000) as listed:
        qtbot.keyClick(dialog.merge, Qt.Key.Key_Return)  # Enter on the button that has the focus
    assert listed.args == [0] and dialog.title.text() == "Rien à arbitrer."
    assert list_conflicts(a.opened().kernel) == []
    assert subject_of(a, entry.id) == other["subject"] and kept["address"] in ("Place du marché", "Rue des Halles")
    # The choice is a new version that syncs: the other station holds it and has nothing left to settle.
    sync_all(a, b)
    assert list_conflicts(b.opened().kernel) == []
    assert subject_of(b, entry.id) == other["subject"]
    with b.opened().station.read() as uow:
        address = uow.session.scalars(select(LogbookEntry.address).where(LogbookEntry.id == entry.id)).one()
    assert address == kept["address"]
    # The consultation of both versions is in the journal, beside the settlement.
    settled = [e.seq for e in journal_entries(a) if e.record_id == entry.id and e.detail == "sync conflict settled"]
    shown = [e.seq for e in journal_entries(a) if e.record_id == entry.id and e.operation == Operation.CONSULT]
    assert shown and settled and min(shown) < settled[0]
    keep_one_whole(qtbot, a, b, dialog, clock, entry.id)
    dialog.accept()
    qtbot.waitUntil(lambda: panel.values["conflicts"].text() == "0", timeout=10_000)


def conflicts_in_the_status_bar_open_the_settling(qtbot, gate, tasks) -> None:
    label = SyncStatusLabel(gate.services.sync, tasks)
    qtbot.addWidget(label)
    label.timer.stop()  # this test asks it by hand
    qtbot.waitUntil(lambda: label.conflicts == 1, timeout=10_000)
    assert "1" in label.text() and label.toolTip()
    with qtbot.waitSignal(label.settle_asked, timeout=5_000):
        qtbot.mouseClick(label, Qt.MouseButton.LeftButton)


def keep_one_whole(qtbot, a, b, dialog: ConflictsDialog, clock, entry_id: str) -> None:
    """A second conflict on the same entry, settled by keeping the concurrent version whole."""
    version = a.opened().logbook.get(a.admin, entry_id).version
    for gate, subject in ((a, "Rixe, deux blessés"), (b, "Rixe, aucun blessé")):
        gate.opened().logbook.update(gate.admin, entry_id, entry_data(clock.now(), subject=subject),
                                     expected_version=version)
    sync_all(b, a)
    with qtbot.waitSignal(dialog.listed, timeout=10_000):
        dialog.reload()
    assert dialog.list.count() == 1
    assert dialog.current is not None
    other = dialog.current.other
    with qtbot.waitSignal(dialog.listed, timeout=10_000) as listed:
        click(qtbot, dialog.keep_other)
    assert listed.args == [0]
    sync_all(a, b)
    assert subject_of(a, entry_id) == subject_of(b, entry_id) == other["subject"]
    assert list_conflicts(b.opened().kernel) == []


def test_a_sync_says_how_far_it_is_in_the_status_bar_and_on_the_panel(gate, other_station, sync_server, french,
                                                                       tasks, clock, qtbot):
    a, b = gate, other_station
    sync_of(a).register(a.admin, sync_server.url, sync_server.tenant())
    for number in range(3):
        a.opened().logbook.create(a.admin, entry_data(clock.now(), subject=f"Stationnement gênant {number}"))
    label = SyncStatusLabel(a.services.sync, tasks)
    qtbot.addWidget(label)
    label.timer.stop()  # this test asks it by hand
    said: list[str] = []
    label.shown.connect(said.append)
    qtbot.waitUntil(lambda: bool(said) and not label.running, timeout=10_000)
    label.sync_now()
    qtbot.waitUntil(lambda: not label.running, timeout=30_000)
    progress = [text for text in said if text.startswith("Synchronisation\u00a0: ")]
    assert progress and progress[0].endswith("modifications envoyées…"), said
    assert said[-1].startswith("Synchronisé le "), said  # the state once done, not the progress

    from tests.sync.conftest import join_by_pairing

    join_by_pairing(a, sync_server, b, 2)
    panel = panel_for(qtbot, b, tasks)
    told: list[str] = []
    panel.progress.said.connect(told.append)
    with qtbot.waitSignal(panel.told, timeout=30_000):
        click(qtbot, panel.sync_button)
    assert any(text.endswith("reçus…") for text in told), told
    assert panel.said.text() == "Synchronisé."
