"""The status bar's words on sync and on backups stand on one skeleton (app/ui/status_word.py): each says
its word, asks again on its own timer, and stops asking once its session's task manager is gone."""

from __future__ import annotations

from app.ui.backup_status import CHECK_EVERY_MS, BackupStatusLabel
from app.ui.sync_status import SYNC_EVERY_MS, SyncStatusLabel
from app.ui.tasks import TaskManager


def test_both_words_say_their_state_and_stop_asking_once_their_task_manager_is_gone(qtbot, station):
    tasks = TaskManager()
    with qtbot.waitSignal(tasks.idle, timeout=10_000):
        words = [SyncStatusLabel(station.services.sync, tasks), BackupStatusLabel(station.services.backup, tasks)]
    for word in words:
        qtbot.addWidget(word)
    assert [word.text() for word in words] == ["Synchronisation\u00a0: non configurée",
                                               "Sauvegarde : aucun dossier choisi"]
    assert [word.objectName() for word in words] == ["statusSync", "statusBackup"]
    assert [(word.timer.isActive(), word.timer.interval()) for word in words] == [
        (True, SYNC_EVERY_MS), (True, CHECK_EVERY_MS)]

    with qtbot.waitSignal(tasks.destroyed, timeout=10_000):
        tasks.deleteLater()
    assert not [word for word in words if word.timer.isActive() or word.tasks_alive]
    for word in words:  # asking a task manager that is gone would raise: neither asks it
        word.refresh()
        word.tick()
    assert [word.text() for word in words] == ["Synchronisation\u00a0: non configurée",
                                               "Sauvegarde : aucun dossier choisi"]
