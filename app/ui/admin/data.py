"""Administration > Data: the backup folder, a backup now, restoring one, and the complete export.

Everything runs in the task manager, off the GUI thread, its progress shown
in a bar; the services check the rights and journal each act.
"""

from __future__ import annotations

from pathlib import Path

from app.audit.actor import Actor
from app.backup.restore import BackupSummary, Restored
from app.backup.service import BackupDone
from app.bootstrap import Services
from app.qt import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from app.ui.backup_status import Progress
from app.ui.messages import error_text
from app.ui.tasks import TaskManager
from app.ui.widgets import error_label, show_message


NEW_FOLDER, REPLACE = "new", "replace"


class DataPanel(QWidget):
    done = Signal(str)  # what the panel just told the user (tests wait on it)
    replaced = Signal(str)  # the station was replaced (its folder holds the restored one): the session is over

    def __init__(self, services: Services, actor: Actor, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.tasks = tasks
        self._busy = 0
        self._summary: BackupSummary | None = None
        self.confirm: QMessageBox | None = None
        self.progress = Progress(self)
        self.progress.moved.connect(self._moved)
        layout = QVBoxLayout(self)
        layout.addWidget(self._backup_box())
        layout.addWidget(self._restore_box())
        layout.addWidget(self._export_box())
        self.bar = QProgressBar(self)
        self.bar.setObjectName("dataProgress")
        self.bar.setRange(0, 100)
        self.bar.hide()
        layout.addWidget(self.bar)
        self.message = error_label(self)
        self.message.setObjectName("dataMessage")
        self.told = QLabel(self)
        self.told.setObjectName("dataTold")
        self.told.setWordWrap(True)
        layout.addWidget(self.told)
        layout.addWidget(self.message)
        layout.addStretch()
        self._run(services.settings.values, self._settings)

    # -- building -------------------------------------------------------------------------

    def _backup_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Backups"), self)
        form = QFormLayout(box)
        self.folder = QLineEdit(box)
        self.folder.setObjectName("backupFolder")
        self.folder.setPlaceholderText(self.tr("A USB disk or a network share"))
        choose = QPushButton(self.tr("Choose\u2026"), box)
        choose.clicked.connect(lambda: self._pick_folder(self.folder))
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(choose)
        form.addRow(self.tr("Backup folder:"), row)
        self.save_folder = self._button(self.tr("Save the folder"), "saveBackupFolder", self.configure)
        self.back_up_now = self._button(self.tr("Back up now"), "backUpNow", self.back_up)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_folder)
        buttons.addWidget(self.back_up_now)
        buttons.addStretch()
        form.addRow("", buttons)
        note = QLabel(self.tr("The station backs itself up every 12 hours into this folder, checks each backup "
                              "and keeps the last 14, one a week for two months and one a month for a year. "
                              "A backup opens with the recovery code alone."), box)
        note.setWordWrap(True)
        form.addRow("", note)
        return box

    def _restore_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Restore a backup"), self)
        form = QFormLayout(box)
        self.backups = QListWidget(box)
        self.backups.setObjectName("backupList")
        self.backups.setMaximumHeight(120)
        form.addRow(self.tr("Backups:"), self.backups)
        self.code = QLineEdit(box)
        self.code.setObjectName("restoreCode")
        self.code.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Recovery code:"), self.code)
        self.mode = QComboBox(box)
        self.mode.setObjectName("restoreMode")
        self.mode.addItem(self.tr("into a new folder"), NEW_FOLDER)
        self.mode.addItem(self.tr("replace this station (a copy of it is kept)"), REPLACE)
        form.addRow(self.tr("Restore:"), self.mode)
        self.target = QLineEdit(box)
        self.target.setObjectName("restoreTarget")
        form.addRow(self.tr("New folder:"), self.target)
        self.mode.currentIndexChanged.connect(lambda _index: self.target.setEnabled(not self._replacing()))
        self.check_button = self._button(self.tr("Check and show"), "checkBackup", self.inspect)
        self.restore_button = self._button(self.tr("Restore"), "restoreBackup", self.restore)
        self.restore_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch()
        form.addRow("", buttons)
        self.summary = QLabel(box)
        self.summary.setObjectName("backupSummary")
        self.summary.setWordWrap(True)
        form.addRow("", self.summary)
        return box

    def _export_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Complete export (open formats, encrypted)"), self)
        form = QFormLayout(box)
        self.export_file = QLineEdit(box)
        self.export_file.setObjectName("exportFile")
        form.addRow(self.tr("File:"), self.export_file)
        self.passphrase = QLineEdit(box)
        self.passphrase.setObjectName("exportPassphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Passphrase:"), self.passphrase)
        self.passphrase_again = QLineEdit(box)
        self.passphrase_again.setObjectName("exportPassphraseAgain")
        self.passphrase_again.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Passphrase again:"), self.passphrase_again)
        self.motive = QLineEdit(box)
        self.motive.setObjectName("exportMotive")
        form.addRow(self.tr("Motive:"), self.motive)
        self.export_button = self._button(self.tr("Export"), "exportAll", self.export)
        form.addRow("", self.export_button)
        return box

    def _button(self, text: str, name: str, slot) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def _pick_folder(self, field: QLineEdit) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Choose a folder"), field.text())
        if chosen:
            field.setText(chosen)

    # -- actions ----------------------------------------------------------------------------

    def configure(self) -> None:
        folder = self.folder.text()
        self._run(lambda: self.services.backup.configure(self.actor, folder),
                  lambda _none: self._after(self.tr("The backup folder is saved.")))

    def back_up(self) -> None:
        progress = self.progress
        self._run(lambda: self.services.backup.back_up(self.actor, progress=progress), self._backed_up)

    def inspect(self) -> None:
        item = self.backups.currentItem()
        if item is None:
            show_message(self.message, self.tr("Choose a backup in the list."))
            return
        path, code = Path(item.data(Qt.ItemDataRole.UserRole)), self.code.text()
        self.restore_button.setEnabled(False)
        self._run(lambda: self.services.backup.inspect(path, code), self._inspected)

    def restore(self) -> None:
        item = self.backups.currentItem()
        if item is None:
            return
        if self._replacing():
            self._confirm_replace(Path(item.data(Qt.ItemDataRole.UserRole)), self.code.text())
            return
        path, code, target = Path(item.data(Qt.ItemDataRole.UserRole)), self.code.text(), Path(self.target.text())
        progress = self.progress
        self._run(lambda: self.services.backup.restore_into(self.actor, path, code, target, progress), self._restored)

    # -- replacing this station (docs/backup.md: why Vigie then starts again) ---------------

    def _replacing(self) -> bool:
        return self.mode.currentData() == REPLACE

    def _confirm_replace(self, path: Path, code: str) -> None:
        root = self.services.station.paths.root
        when = self._summary.made_at.astimezone().strftime("%d/%m/%Y %H:%M") if self._summary else ""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Replace this station"), self.tr(
            "This station will be replaced by the backup of {date}. A copy of the station as it is now is kept "
            "in the folder {folder}, under the name {name}-before-restore- followed by today's date and time. "
            "Vigie then closes: start it again to open the restored station.").format(
            date=when, folder=str(root.parent), name=root.name), QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("confirmReplace")
        confirmed = box.addButton(self.tr("Replace this station"), QMessageBox.ButtonRole.DestructiveRole)
        confirmed.setObjectName("confirmReplaceButton")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        confirmed.clicked.connect(lambda: self._replace(path, code))
        self.confirm = box
        box.open()

    def _replace(self, path: Path, code: str) -> None:
        closed: list[bool] = []  # set by the worker once the station is closed, whatever follows
        services, actor, progress = self.services, self.actor, self.progress
        self.restore_button.setEnabled(False)

        def failed(error: Exception) -> None:
            if not closed:
                self._failed(error)
                return
            self._finish()
            self._end_session(self.tr("{error} The station is as it was, but this session is over: start Vigie "
                                      "again.").format(error=error_text(error)))

        self._run(lambda: services.backup.replace_station(actor, path, code, progress, lambda: closed.append(True)),
                  self._replaced, on_failure=failed)

    def _replaced(self, done: Restored) -> None:
        self._end_session(self.tr(
            "This station is replaced by the backup of {date}; the station it replaced is kept in {kept}. Vigie "
            "closes now: start it again to open the restored station.").format(
            date=done.summary.made_at.astimezone().strftime("%d/%m/%Y %H:%M"), kept=done.kept_copy))

    def _end_session(self, text: str) -> None:
        """The station this session opened is closed: nothing here may be used; Vigie closes once told."""
        self.setEnabled(False)
        self._after(text)
        self.replaced.emit(text)
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Restore"), text, QMessageBox.StandardButton.Ok,
                          self.window())
        box.setObjectName("sessionOver")
        box.finished.connect(lambda _result: self.window().close())
        self.confirm = box
        box.open()

    def export(self) -> None:
        if self.passphrase.text() != self.passphrase_again.text():
            show_message(self.message, self.tr("The two passphrases differ."))
            return
        out, passphrase, motive = Path(self.export_file.text()), self.passphrase.text(), self.motive.text()
        progress = self.progress
        self._run(lambda: self.services.exports.export(self.actor, out, passphrase, motive, progress),
                  lambda done: self._after(self.tr("Export written: {path} (%n records).", "", done.records).format(
                      path=str(done.path))))

    # -- outcomes ---------------------------------------------------------------------------

    def _settings(self, values: dict) -> None:
        self.folder.setText(str(values.get("backup_folder", "")))
        self._list_backups()

    def _list_backups(self) -> None:
        if self.folder.text().strip():
            self._run(lambda: self.services.backup.backups(), self._listed, quiet=True)

    def _listed(self, found) -> None:
        self.backups.clear()
        for backup in found:
            item = QListWidgetItem(backup.made_at.astimezone().strftime("%d/%m/%Y %H:%M"), self.backups)
            item.setData(Qt.ItemDataRole.UserRole, str(backup.path))
        if self.backups.count():
            self.backups.setCurrentRow(0)

    def _backed_up(self, done: BackupDone) -> None:
        self._after(self.tr("Backup made and checked: {path}").format(path=done.path))
        self._list_backups()

    def _inspected(self, summary: BackupSummary) -> None:
        when = summary.made_at.astimezone().strftime("%d/%m/%Y %H:%M")
        self.summary.setText(self.tr("Backup of {date}, station {station}, service {service}. Main courante entries: "
                                     "{entries}, PV and rapports: {writings}, journal entries: {journal}.").format(
            date=when, station=summary.station_id, service=summary.service_name,
            entries=summary.counts.get("logbook_entry", 0), writings=summary.counts.get("writing", 0),
            journal=summary.counts.get("journal_entry", 0)))
        self._summary = summary
        self.restore_button.setEnabled(True)
        self._after("")

    def _restored(self, done: Restored) -> None:
        self.restore_button.setEnabled(False)
        self._after(self.tr("Backup restored in {path}. Open it with \u201cvigie --data-dir {path}\u201d.").format(
            path=done.target))

    def _after(self, text: str) -> None:
        self.told.setText(text)
        show_message(self.message, "")
        self.done.emit(text)

    # -- running ----------------------------------------------------------------------------

    def _run(self, work, on_success, quiet: bool = False, on_failure=None) -> None:
        self._busy += 1
        self._set_enabled(False)
        if not quiet:
            self.bar.setValue(0)
            self.bar.show()

        def succeeded(value) -> None:
            self._finish()
            on_success(value)

        self.tasks.run(work, succeeded, on_failure or self._failed, owner=self)

    def _finish(self) -> None:
        self._busy -= 1
        if not self._busy:
            self._set_enabled(True)
            self.bar.hide()

    def _failed(self, error: Exception) -> None:
        self._finish()
        text = error_text(error)
        show_message(self.message, text)
        self.done.emit(text)

    def _set_enabled(self, enabled: bool) -> None:
        for button in (self.save_folder, self.back_up_now, self.check_button, self.export_button):
            button.setEnabled(enabled)

    def _moved(self, done: int, total: int) -> None:
        self.bar.setValue(100 if total <= 0 else done * 100 // total)

    @property
    def is_busy(self) -> bool:
        return self._busy > 0
