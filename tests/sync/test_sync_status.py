"""The status bar's word on sync: not configured, synced with what waits, offline as a plain state."""

from __future__ import annotations

import pytest

from app.i18n import install_translator
from app.ui.sync_status import LOOK_EVERY_MS, SyncStatusLabel
from app.ui.tasks import TaskManager
from tests.logbook_helpers import entry_data
from tests.sync.conftest import sync_of


def test_the_status_says_synced_then_offline_without_a_dialog(qtbot, qapp, gate, own_server, clock):
    install_translator(qapp)
    tasks = TaskManager()
    label = SyncStatusLabel(gate.opened().sync, tasks)
    qtbot.addWidget(label)
    qtbot.waitUntil(lambda: tasks.running == 0)
    assert label.text() == "Synchronisation\u00a0: non configurée"
    sync_of(gate).register(gate.admin, own_server.url, own_server.tenant())
    label.sync_now()  # its progress is said on the way ("6 modifications envoyées…"), then its state
    qtbot.waitUntil(lambda: label.text().startswith("Synchronisé le"), timeout=30_000)
    assert "0 en attente" in label.text()
    own_server.stop()
    gate.opened().logbook.create(gate.admin, entry_data(clock.now()))
    label.sync_now()
    qtbot.waitUntil(lambda: label.text().startswith("Hors ligne"), timeout=30_000)
    assert "en attente" in label.text()
    tasks.wait_for_done(30_000)


def test_a_station_revoked_on_the_server_is_told_what_that_means(qtbot, qapp, gate, own_server, capsys):
    from app.server.cli import main as server

    install_translator(qapp)
    tasks = TaskManager()
    label = SyncStatusLabel(gate.opened().sync, tasks)
    qtbot.addWidget(label)
    sync_of(gate).register(gate.admin, own_server.url, own_server.tenant())
    device = sync_of(gate)._account().device_id
    assert server(["device", "revoke", device, "--database-url", own_server.database_url]) == 0
    capsys.readouterr()
    label.sync_now()
    qtbot.waitUntil(lambda: "révoqué" in label.text(), timeout=30_000)
    assert "n'accepte plus ce poste\u00a0: il y a été révoqué" in label.text()
    assert "unauthorized" not in label.text()
    tasks.wait_for_done(30_000)


def test_the_status_keeps_why_the_last_sync_failed_until_one_ends_well(qapp, gate, own_server, clock):
    from app.i18n import translate_error
    from app.sync.transport import SyncOffline

    install_translator(qapp)
    service = sync_of(gate)
    service.register(gate.admin, own_server.url, own_server.tenant())
    assert service.status().failure is None
    own_server.stop()
    with pytest.raises(SyncOffline):
        service.sync(gate.admin)
    failure = service.status().failure
    assert failure is not None and "injoignable" in translate_error(failure)
    own_server.process.start(port=int(own_server.url.rsplit(":", 1)[1]))  # back at its address
    service.sync(gate.admin)
    assert service.status().failure is None


def test_a_clock_off_the_servers_is_said_ahead_or_behind_in_minutes_then_hours(qapp):
    from app.cli.sync import SyncCounts

    install_translator(qapp)
    said = SyncCounts()
    assert said.clock(300) == "L'horloge de ce poste avance de 5 minutes sur celle du serveur."
    assert said.clock(-86_400) == "L'horloge de ce poste retarde d'environ 24 heures sur celle du serveur."


def test_the_status_bar_follows_a_sync_made_elsewhere_and_a_record_saved(qtbot, qapp, gate, own_server, clock):
    """The Synchronisation page's sync, the command line's, a registration, a save: the bar reads them."""
    install_translator(qapp)
    tasks = TaskManager()
    gate.opened().kernel.subscribe(tasks.relay)  # as the application does
    label = SyncStatusLabel(gate.opened().sync, tasks)
    qtbot.addWidget(label)
    qtbot.waitUntil(lambda: label.text() == "Synchronisation\u00a0: non configurée")
    sync_of(gate).register(gate.admin, own_server.url, own_server.tenant())
    qtbot.waitUntil(lambda: label.text().startswith("Pas encore synchronisé"), timeout=10_000)
    sync_of(gate).sync(gate.admin)
    qtbot.waitUntil(lambda: label.text().startswith("Synchronisé le") and "0 en attente" in label.text(),
                    timeout=10_000)
    gate.opened().logbook.create(gate.admin, entry_data(clock.now()))
    qtbot.waitUntil(lambda: "1 en attente" in label.text(), timeout=10_000)
    own_server.stop()
    from app.sync.transport import SyncOffline

    with pytest.raises(SyncOffline):
        sync_of(gate).sync(gate.admin)
    qtbot.waitUntil(lambda: label.text().startswith("Hors ligne"), timeout=10_000)
    tasks.wait_for_done(30_000)


def test_a_registration_or_an_approval_that_cannot_reach_the_server_says_so_without_promising_later(
        qapp, gate, own_server):
    from app.i18n import translate_error
    from app.sync.transport import ServerUnreachable

    install_translator(qapp)
    with pytest.raises(ServerUnreachable) as unreachable:
        sync_of(gate).register(gate.admin, "http://127.0.0.1:1", own_server.tenant())
    said = translate_error(unreachable.value)
    assert said.startswith("Le serveur de synchronisation http://127.0.0.1:1 est injoignable")
    assert "vérifiez son adresse" in said and "plus tard" not in said
    sync_of(gate).register(gate.admin, own_server.url, own_server.tenant())
    own_server.stop()
    with pytest.raises(ServerUnreachable):
        sync_of(gate).pending_station(gate.admin, "K7QF-M2XD-9TRA-WH3P")


@pytest.mark.present_time  # the command writes on the system's clock
def test_the_status_bar_follows_a_sync_run_by_another_process(qtbot, qapp, gate, own_server, clock):
    """`vigie sync now` in a terminal beside the window: the word says so within seconds, not two minutes."""
    from datetime import UTC, datetime

    from tests.conftest import ADMIN_PASSWORD
    from tests.test_cli import lines, vigie

    install_translator(qapp)
    tasks = TaskManager()
    gate.opened().kernel.subscribe(tasks.relay)
    sync_of(gate).register(gate.admin, own_server.url, own_server.tenant())
    sync_of(gate).sync(gate.admin)
    clock.current = datetime.now(UTC)
    gate.opened().logbook.create(gate.admin, entry_data(clock.now()))
    label = SyncStatusLabel(gate.opened().sync, tasks)
    qtbot.addWidget(label)
    label.timer.stop()  # the word's own sync every two minutes stays out of it
    qtbot.waitUntil(lambda: "1 en attente" in label.text(), timeout=10_000)
    synced = vigie("sync", "now", "--as", "admin", "--data-dir", str(gate.paths.root), stdin=lines(ADMIN_PASSWORD))
    assert synced.returncode == 0, synced.stderr
    qtbot.waitUntil(lambda: label.text().startswith("Synchronisé le") and "0 en attente" in label.text(),
                    timeout=3 * LOOK_EVERY_MS)
    tasks.wait_for_done(30_000)
