"""The status bar's words on sync and on backups stand on one skeleton (app/ui/status_word.py): each says
its word, asks again on its own timer, and stops asking once its session's task manager is gone."""

from __future__ import annotations

import gc
import weakref

from app.qt import QWidget, isValid
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
                                               "Sauvegarde\u00a0: aucun dossier choisi"]
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
                                               "Sauvegarde\u00a0: aucun dossier choisi"]


def test_counts_take_their_french_plural_in_the_status_bar_and_the_command_line(qtbot, station, tasks):
    from datetime import UTC, datetime

    from app.cli.sync import SyncCounts
    from app.sync.service import SyncStatus

    with qtbot.waitSignal(tasks.idle, timeout=10_000):
        word = SyncStatusLabel(station.services.sync, tasks)
    qtbot.addWidget(word)
    word.timer.stop()
    word.offline = True
    shown = []
    last = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
    when = last.astimezone().strftime("%d/%m/%Y %H:%M")
    for count in (0, 1, 2):
        word._status(SyncStatus(True, waiting=count, conflicts=count, last_sync=last))
        shown.append(word.text())
    word._status(SyncStatus(True, waiting=2, last_sync=None))  # never synced yet
    shown.append(word.text())
    offline = f"Hors ligne, dernière synchronisation le {when}"
    assert shown == [f"{offline}, 0 modification en attente",
                     f"{offline}, 1 modification en attente · 1 conflit à arbitrer",
                     f"{offline}, 2 modifications en attente · 2 conflits à arbitrer",
                     "Hors ligne, 2 modifications en attente"]
    counts = SyncCounts()
    assert [counts.repaired(1), counts.joined(3)] == ["Le serveur avait perdu des données\u00a0: 1 modification renvoyée.",
                                                      "Le poste a rejoint le service\u00a0: 3 enregistrements reçus."]


def test_what_one_sync_moved_is_said_a_count_a_sentence_each_in_its_own_plural(qapp):
    from app.cli.sync import SyncCounts
    from app.sync.apply import Applied
    from app.sync.attachments import BlobReport
    from app.sync.engine import SyncReport

    counts = SyncCounts()
    moved = SyncReport(pushed=1, pushed_journal=12, pulled=Applied(records=2, journal=1, conflicts=1),
                       files=BlobReport(sent=1, received=3, waiting=2))
    assert counts.of(moved) == ["Envoyée au serveur\u00a0: 1 modification.",
                                "Envoyées au serveur\u00a0: 12 entrées du journal.",
                                "Reçus des autres postes\u00a0: 2 enregistrements.",
                                "Reçue des autres postes\u00a0: 1 entrée du journal.",
                                "Fichier joint envoyé\u00a0: 1.",
                                "Fichiers joints reçus\u00a0: 3.",
                                "Fichiers joints encore en chemin\u00a0: 2.",
                                "1 nouveau conflit à arbitrer."]
    assert counts.of(SyncReport()) == ["Rien à échanger\u00a0: ce poste et le serveur étaient à jour."]


def test_the_command_line_takes_the_plural_from_its_standalone_catalogue():
    """Before any Qt application (the command line), translate() reads the catalogue itself and fills %n."""
    import subprocess
    import sys
    from pathlib import Path

    script = "from app.cli.sync import SyncCounts; c = SyncCounts(); print(c.conflicts(0)); print(c.refused(2))"
    done = subprocess.run([sys.executable, "-W", "error", "-c", script], capture_output=True, text=True,
                          encoding="utf-8", cwd=Path(__file__).resolve().parents[2], timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "0 nouveau conflit à arbitrer.",
        "Refusées (non authentiques, ou que cette version ne peut appliquer)\u00a0: 2 enveloppes, inscrites au journal."]


def test_a_word_holding_the_last_reference_to_its_task_manager_is_deleted_without_crashing(qtbot, station):
    """A word deleted with its window after its session may drop the last reference to the task
    manager: the manager's end must not call back into the word being destroyed (test workers died
    of it, with a segmentation fault, in a later test's event loop)."""
    window = QWidget()
    tasks = TaskManager()
    with qtbot.waitSignal(tasks.idle, timeout=10_000):
        word = weakref.ref(BackupStatusLabel(station.services.backup, tasks, parent=window))
    del tasks  # the word, a child of the window, now holds the only reference
    with qtbot.waitSignal(window.destroyed, timeout=10_000):
        window.deleteLater()
    gc.collect()
    assert word() is None or not isValid(word())
