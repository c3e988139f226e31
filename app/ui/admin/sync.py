"""Administration > Synchronisation: the state of the station's sync, a sync now, registering the
service with a server, approving a new station by its pairing code, and the conflicts to settle.

Every call goes through the task manager, off the GUI thread. Offline is a state written on the
page, never an error dialog. The hosting token is typed in a password field and goes only to the
service; nothing of it is logged or kept in a widget once the registration is done.
"""

from __future__ import annotations

from app.audit.actor import Actor
from app.bootstrap import Services
from app.kernel.work import Changes
from app.qt import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from app.sync.service import PendingStation, SyncStatus
from app.sync.transport import SyncOffline
from app.ui.messages import error_text
from app.ui.sync_progress import SyncProgress
from app.ui.tasks import TaskManager
from app.ui.widgets import error_label, password_field, show_message


class SyncPanel(QWidget):
    told = Signal(str)  # what the panel just told the user (tests wait on it)
    state_shown = Signal()  # the state was read again and shown

    def __init__(self, services: Services, actor: Actor, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.sync = services.sync
        self.actor = actor
        self.tasks = tasks
        self._busy = 0
        self.offline = False
        self.enrolled = False  # as the last status read said: "Sync now" is offered only to an enrolled station
        self.pending: PendingStation | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self._state_box())
        layout.addWidget(self._register_box())
        layout.addWidget(self._approve_box())
        self.said = QLabel(self)
        self.said.setObjectName("syncTold")
        self.said.setWordWrap(True)
        layout.addWidget(self.said)
        self.progress = SyncProgress(self)  # a long sync says how far it is, in the line above
        self.progress.said.connect(self.said.setText)
        self.message = error_label(self)
        self.message.setObjectName("syncMessage")
        layout.addWidget(self.message)
        layout.addStretch()
        tasks.changed.connect(self._changed)
        self.refresh()

    @property
    def is_busy(self) -> bool:
        return self._busy > 0

    # -- building -------------------------------------------------------------------------

    def _state_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("State"), self)
        form = QFormLayout(box)
        self.values: dict[str, QLabel] = {}
        for name, label in (("state", self.tr("Connection:")), ("server", self.tr("Server:")),
                            ("last_sync", self.tr("Last sync:")), ("waiting", self.tr("Changes waiting:")),
                            ("conflicts", self.tr("Conflicts to settle:")),
                            ("refused", self.tr("Refused envelopes:")), ("skew", self.tr("Clock:"))):
            value = QLabel("", box)
            value.setObjectName(f"sync_{name}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[name] = value
            form.addRow(label, value)
        row = QHBoxLayout()
        self.sync_button = QPushButton(self.tr("Sync now"), box)
        self.sync_button.clicked.connect(self.sync_now)
        self.conflicts_button = QPushButton(self.tr("Settle the conflicts\u2026"), box)
        self.conflicts_button.clicked.connect(self.open_conflicts)
        row.addWidget(self.sync_button)
        row.addWidget(self.conflicts_button)
        row.addStretch()
        form.addRow("", row)
        return box

    def _register_box(self) -> QGroupBox:
        self.register_box = QGroupBox(self.tr("Register the service with a server"), self)
        form = QFormLayout(self.register_box)
        self.url = QLineEdit(self.register_box)
        self.url.setPlaceholderText("https://sync.example.fr")
        form.addRow(self.tr("Server address:"), self.url)
        self.token = password_field(self.register_box)
        form.addRow(self.tr("Hosting token:"), self.token)
        self.register_button = QPushButton(self.tr("Register"), self.register_box)
        self.register_button.clicked.connect(self.register)
        form.addRow("", self.register_button)
        return self.register_box

    def _approve_box(self) -> QGroupBox:
        self.approve_box = QGroupBox(self.tr("Approve a new station"), self)
        form = QFormLayout(self.approve_box)
        self.code = QLineEdit(self.approve_box)
        self.code.setPlaceholderText(self.tr("The code the new station shows"))
        self.look_button = QPushButton(self.tr("Look up"), self.approve_box)
        self.look_button.clicked.connect(self.look_up)
        row = QHBoxLayout()
        row.addWidget(self.code, 1)
        row.addWidget(self.look_button)
        form.addRow(self.tr("Pairing code:"), row)
        self.fingerprint = QLabel("", self.approve_box)
        self.fingerprint.setObjectName("pairingFingerprint")
        self.fingerprint.setStyleSheet("font-family: monospace; font-weight: bold;")
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("Its key fingerprint:"), self.fingerprint)
        self.compare = QLabel(self.tr("Compare it with the fingerprint the new station shows. Approve only if "
                                      "every character is the same."), self.approve_box)
        self.compare.setWordWrap(True)
        self.compare.hide()
        form.addRow("", self.compare)
        self.approve_button = QPushButton(self.tr("The fingerprints match: approve"), self.approve_box)
        self.approve_button.setEnabled(False)
        self.approve_button.clicked.connect(self.approve)
        form.addRow("", self.approve_button)
        return self.approve_box

    # -- acting ---------------------------------------------------------------------------

    def _run(self, work, done, buttons: tuple[QPushButton, ...] = ()) -> None:
        self._busy += 1
        for button in buttons:
            button.setEnabled(False)
        self.message.hide()

        def finished(value: object) -> None:
            self._busy -= 1
            done(value)

        def failed(error: Exception) -> None:
            self._busy -= 1
            self._failed(error)

        self.tasks.run(work, finished, failed, owner=self)

    def refresh(self) -> None:
        self._run(self.sync.status, self._show)

    def sync_now(self) -> None:
        def work() -> SyncStatus:
            self.sync.sync(self.actor, self.progress)
            return self.sync.status()

        self._run(work, self._synced, (self.sync_button,))

    def register(self) -> None:
        url, token = self.url.text(), self.token.text()
        if not url.strip() or not token.strip():
            self._say_error(self.tr("Give the server address and the hosting token."))
            return
        self._run(lambda: self.sync.register(self.actor, url, token), self._registered, (self.register_button,))

    def look_up(self) -> None:
        code = self.code.text()
        self.pending = None
        self.approve_button.setEnabled(False)
        self._run(lambda: self.sync.pending_station(self.actor, code), self._found, (self.look_button,))

    def approve(self) -> None:
        pending = self.pending
        if pending is None:
            return
        self._run(lambda: self.sync.approve(self.actor, pending), self._approved, (self.approve_button,))

    def open_conflicts(self) -> None:
        from app.ui.sync import ConflictsDialog

        dialog = ConflictsDialog(self.sync, self.actor, self.tasks, self)
        dialog.finished.connect(lambda _result: self.refresh())
        dialog.open()

    # -- outcomes -------------------------------------------------------------------------

    def _synced(self, status: SyncStatus) -> None:
        self.offline = False
        self.sync_button.setEnabled(True)
        self._show(status)
        self._tell(self.tr("Synced."))

    def _registered(self, _tenant: str) -> None:
        self.token.clear()
        self.register_button.setEnabled(True)
        self._tell(self.tr("The service is registered with the server. Other stations can now join it."))
        self.refresh()

    def _found(self, pending: PendingStation) -> None:
        self.look_button.setEnabled(True)
        self.pending = pending
        self.fingerprint.setText(pending.fingerprint)
        self.compare.show()
        self.approve_button.setEnabled(True)

    def _approved(self, number: int) -> None:
        self.pending = None
        self.code.clear()
        self.fingerprint.clear()
        self.compare.hide()
        self._tell(self.tr("The new station is approved as station number {number}: it receives the service's "
                           "keys and starts its sync.").format(number=number))

    def _failed(self, error: Exception) -> None:
        for button in (self.register_button, self.look_button):
            button.setEnabled(True)
        self.sync_button.setEnabled(self.enrolled)
        self.approve_button.setEnabled(self.pending is not None)
        if isinstance(error, SyncOffline):
            self.offline = True
            self._tell(self.tr("The server cannot be reached: the station works offline, its changes wait."))
            self.refresh()
            return
        self._say_error(error_text(error))

    def _changed(self, changes: object) -> None:
        if isinstance(changes, Changes) and "sync" in changes and not self.is_busy:
            self.refresh()

    def _show(self, status: SyncStatus) -> None:
        values = self.values
        self.register_box.setVisible(not status.enrolled)
        self.approve_box.setVisible(status.enrolled)
        self.enrolled = status.enrolled
        self.offline = status.enrolled and status.offline  # as the last attempt found it, whoever made it
        self.sync_button.setEnabled(status.enrolled)
        self.conflicts_button.setEnabled(status.conflicts > 0)
        if not status.enrolled:
            values["state"].setText(self.tr("Not set up: this station is not registered with a sync server."))
        elif self.offline:
            values["state"].setText(self.tr("Offline"))
        else:
            values["state"].setText(self.tr("Registered"))
        values["server"].setText(status.server_url or "-")
        values["last_sync"].setText(status.last_sync.astimezone().strftime("%d/%m/%Y %H:%M")
                                    if status.last_sync else "-")
        values["waiting"].setText(str(status.waiting))
        values["conflicts"].setText(str(status.conflicts))
        values["conflicts"].setStyleSheet("color: #b00020; font-weight: bold;" if status.conflicts else "")
        values["refused"].setText(str(status.refused))
        skew = round(abs(status.clock_skew) / 60)
        ahead = self.tr("{minutes} min ahead of the server's").format(minutes=skew)
        behind = self.tr("{minutes} min behind the server's").format(minutes=skew)
        values["skew"].setText(self.tr("on time") if not status.clock_off else ahead if status.clock_skew > 0
                               else behind)
        self.state_shown.emit()

    def _tell(self, text: str) -> None:
        """What the last action did: it replaces what the one before said, error included."""
        self.message.hide()
        self.said.setText(text)
        self.told.emit(text)

    def _say_error(self, text: str) -> None:
        self.said.clear()
        show_message(self.message, text)
        self.told.emit(text)
