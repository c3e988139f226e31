"""Administration > Data: a backup restored in place of this station, from the screen, a copy of it kept."""

from __future__ import annotations

from sqlalchemy import func, select

from app.bootstrap import build_gate
from app.models import LogbookEntry
from app.qt import QMessageBox, Qt
from app.ui.admin.data import DataPanel
from tests.conftest import ADMIN_PASSWORD, journal_entries
from tests.logbook_helpers import entry_data
from tests.ui.helpers import type_into


def _entries(gate) -> int:
    with gate.opened().station.read() as uow:
        return uow.session.execute(select(func.count()).select_from(LogbookEntry)).scalar_one()


def test_replacing_this_station_asks_first_keeps_a_copy_and_ends_the_session(
        qtbot, gate, tasks, french, tmp_path, clock, station_dir, deps):
    usb = tmp_path / "usb"
    usb.mkdir()
    gate.services.backup.configure(gate.admin, str(usb))
    gate.services.logbook.create(gate.admin, entry_data(clock.now(), subject="Dans la sauvegarde"))
    gate.services.backup.back_up(gate.admin)
    gate.services.logbook.create(gate.admin, entry_data(clock.now(), subject="Après la sauvegarde"))
    panel = DataPanel(gate.services, gate.admin, tasks)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: not panel.is_busy and panel.backups.count() == 1, timeout=10_000)

    type_into(qtbot, panel.code, gate.recovery_code)
    with qtbot.waitSignal(panel.done, timeout=30_000):
        qtbot.mouseClick(panel.check_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(panel.mode, Qt.Key.Key_Down)
    assert panel.mode.currentText() == "remplacer ce poste (une copie en est gardée)"
    assert not panel.target.isEnabled()

    qtbot.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)  # asked first: cancelled, nothing done
    confirm = panel.confirm
    assert confirm is not None and confirm.isVisible()
    assert f"dans le dossier {tmp_path}, sous le nom station-before-restore-" in confirm.text()
    qtbot.mouseClick(confirm.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not confirm.isVisible(), timeout=5_000)
    assert _entries(gate) == 2 and not list(tmp_path.glob("station-before-restore-*"))

    qtbot.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)
    confirm = panel.confirm
    button = confirm.findChild(type(panel.restore_button), "confirmReplaceButton")
    with qtbot.waitSignal(panel.replaced, timeout=60_000) as told:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    (kept,) = tmp_path.glob("station-before-restore-*")
    assert told.args[0].startswith("Ce poste est remplacé par la sauvegarde du ")
    assert str(kept) in told.args[0] and "relancez-la" in told.args[0]
    assert not panel.isEnabled()
    over = panel.confirm
    assert over is not None and over.objectName() == "sessionOver"
    qtbot.mouseClick(over.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.isVisible(), timeout=5_000)  # Vigie's window closes: start it again

    restored = build_gate(station_dir, deps)  # as the next start of Vigie finds it
    restored.login("admin", ADMIN_PASSWORD)
    try:
        assert _entries(restored) == 1
        assert any(e.detail.startswith("restored from backup") and "entries rolled back" in e.detail
                   for e in journal_entries(restored))
    finally:
        restored.close()
    kept_gate = build_gate(kept, deps)
    kept_gate.login("admin", ADMIN_PASSWORD)
    try:
        assert _entries(kept_gate) == 2
    finally:
        kept_gate.close()
