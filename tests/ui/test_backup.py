"""Backups and the export on screen: Administration > Data through its fields and buttons, and the status bar."""

from __future__ import annotations

from app.qt import QMessageBox, Qt
from app.ui.admin.data import DataPanel
from app.ui.backup_status import BackupStatusLabel
from tests.ui.helpers import type_into


def _panel(qtbot, gate, tasks) -> DataPanel:
    panel = DataPanel(gate.services, gate.admin, tasks)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: not panel.is_busy, timeout=10_000)
    return panel


def _click(qtbot, panel, button) -> str:
    with qtbot.waitSignal(panel.done, timeout=30_000) as told:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return told.args[0]


def test_back_up_check_and_restore_into_a_new_folder_then_export(qtbot, gate, tasks, french, tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    panel = _panel(qtbot, gate, tasks)
    type_into(qtbot, panel.folder, str(usb))
    assert _click(qtbot, panel, panel.save_folder) == "Le dossier de sauvegarde est enregistré."
    told = _click(qtbot, panel, panel.back_up_now)
    assert told.startswith("Sauvegarde faite et vérifiée\u00a0: ")
    qtbot.waitUntil(lambda: panel.backups.count() == 1, timeout=10_000)
    assert not panel.bar.isVisible()

    type_into(qtbot, panel.code, "AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA")
    assert _click(qtbot, panel, panel.check_button) == "Code de secours incorrect."
    assert not panel.restore_button.isEnabled()
    panel.code.clear()
    type_into(qtbot, panel.code, gate.recovery_code)
    _click(qtbot, panel, panel.check_button)
    assert "Police municipale de Montclair-sur-Vienne" in panel.summary.text()
    type_into(qtbot, panel.target, str(tmp_path / "replacement"))
    told = _click(qtbot, panel, panel.restore_button)
    assert told.startswith("Sauvegarde restaurée dans ")
    assert (tmp_path / "replacement" / "vigie.db").exists()

    type_into(qtbot, panel.export_file, str(tmp_path / "export.zip"))
    type_into(qtbot, panel.passphrase, "une phrase de passe longue")
    type_into(qtbot, panel.passphrase_again, "une phrase de passe longue")
    type_into(qtbot, panel.motive, "Réversibilité")
    told = _click(qtbot, panel, panel.export_button)
    assert told.startswith("Export écrit\u00a0: ") and (tmp_path / "export.zip").exists()


def test_the_status_bar_says_when_the_last_backup_is_old_or_the_disk_is_away(qtbot, gate, tasks, french, tmp_path,
                                                                               clock):
    services = gate.services
    with qtbot.waitSignal(tasks.idle, timeout=10_000):
        label = BackupStatusLabel(services.backup, tasks)
    qtbot.addWidget(label)
    assert label.text() == "Sauvegarde\u00a0: aucun dossier choisi"
    usb = tmp_path / "usb"
    usb.mkdir()
    services.backup.configure(gate.admin, str(usb))
    # due at once: the label makes the automatic backup, then says when it was made
    with qtbot.waitSignal(label.shown, timeout=30_000, check_params_cb=lambda text: text.startswith("Sauvegardé le")):
        label.refresh()
    assert [p.name for p in usb.iterdir() if p.name.startswith("vigie-")]
    clock.advance(hours=49)
    services.backup.configure(gate.admin, str(tmp_path / "elsewhere"))
    with qtbot.waitSignal(label.shown, timeout=10_000) as shown:
        label.refresh()
    assert shown.args[0] == "Sauvegarde\u00a0: dossier introuvable (disque débranché\u00a0?)"
    assert label.findChild(QMessageBox) is None and label.styleSheet() != ""  # a word in red, no dialog
    services.backup.configure(gate.admin, str(usb))
    with qtbot.waitSignal(label.shown, timeout=10_000) as shown:
        label.refresh()
    assert shown.args[0].startswith("Dernière sauvegarde vérifiée\u00a0: ") and "plus de 48 heures" in shown.args[0]
