"""First run, the other way: this PC joins a service another station already belongs to.

The page asks the server's address and an administrator's login and password; Next opens a pairing
(in the background, app/sync/joining.py), shows its code and this station's fingerprint, and waits
for an administrator to approve it on an enrolled station. Then the station is made, filled by its
first sync, and opened with the administrator's password (a wrong one is asked again on the page, the
joining waiting meanwhile); the wizard shows its recovery code.
"""

from __future__ import annotations

import queue
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.audit.actor import Actor
from app.qt import (
    QFont, QFormLayout, QLabel, QLineEdit, QObject, Qt, QVBoxLayout, QWidget, QWizard, QWizardPage, Signal,
)
from app.services.gate import StationGate
from app.ui.messages import error_text
from app.ui.widgets import busy_bar, error_label, password_field, show_message

if TYPE_CHECKING:
    from app.ui.wizard import SetupWizard


@dataclass(frozen=True)
class JoinedStation:
    actor: Actor
    recovery_code: str
    station_number: int


class PairingRelay(QObject):
    """Carries the pairing code and fingerprint, and each new ask for the password, from the joining thread
    to the GUI thread."""

    shown = Signal(str, str)
    asked_again = Signal(int)  # the attempt the administrator's password is now asked for


# As long as the joining waits for a password typed again as it waits for the approval: a person gone
# from the PC meanwhile ends it, with nothing kept, instead of holding the worker and its station open.
ANSWER_SECONDS = 600.0


class PasswordAgain:
    """The joining worker's way to ask the page for the administrator's password again, after a wrong one.

    The worker waits for the answer, the station it made kept open in it (its sessions stay in that
    thread); the page answers from the GUI thread with what was typed, or None when the person gave up."""

    def __init__(self, relay: PairingRelay, password: str) -> None:
        self._relay = relay
        self._answers: queue.SimpleQueue[str | None] = queue.SimpleQueue()
        self.last = password  # the password that opened the station, once it did

    def __call__(self, attempt: int) -> str | None:
        """In the worker: what the page gives for *attempt*, None if nothing came in time."""
        self._relay.asked_again.emit(attempt)
        try:
            answer = self._answers.get(timeout=ANSWER_SECONDS)
        except queue.Empty:
            return None
        if answer is not None:
            self.last = answer
        return answer

    def answer(self, password: str | None) -> None:
        """On the GUI thread: the password typed again, or None (the joining is being stopped)."""
        self._answers.put(password)


def join_and_open(gate: StationGate, server: str, login: str, again: PasswordAgain, relay: PairingRelay,
                  cancel: threading.Event) -> JoinedStation:
    """Runs in a worker: the joining, then the administrator logged in on the wizard's gate, with the
    password that opened the station (the one typed again after a wrong one)."""
    from app.sync.joining import join_service

    joined = join_service(gate.paths.root, server, login, again.last, relay.shown.emit, gate.deps, cancel,
                          ask_again=again)
    return JoinedStation(gate.login(login, again.last), joined.recovery_code, joined.station_number)


def code_font(size: int) -> QFont:
    font = QFont("monospace")
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSize(size)
    font.setBold(True)
    return font


class JoinPage(QWizardPage):
    """The server, the administrator; then the pairing code to approve on the other station."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self.setup = wizard
        self.setTitle(self.tr("Join an existing service"))
        self.setSubTitle(self.tr("Another station of the service is already enrolled on its sync server."))
        self.server = QLineEdit(self)
        self.server.setObjectName("joinServer")
        self.server.setPlaceholderText("https://")
        self.login = QLineEdit(self)
        self.login.setObjectName("joinLogin")
        self.password = password_field(self)
        self.password.setObjectName("joinPassword")
        form = QFormLayout()
        form.addRow(self.tr("Sync server address:"), self.server)
        form.addRow(self.tr("Administrator's login:"), self.login)
        form.addRow(self.tr("Administrator's password:"), self.password)
        self.message = error_label(self)
        self.message.setObjectName("joinMessage")
        self.waiting = self._waiting_part()
        self.busy = busy_bar(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.waiting)
        layout.addWidget(self.busy)
        layout.addStretch()
        for field in (self.server, self.login, self.password):
            field.textChanged.connect(self._changed)
        self.relay = PairingRelay(self)
        self.relay.shown.connect(self.show_pairing)
        self.relay.asked_again.connect(self.ask_again)
        self.cancel: threading.Event | None = None
        self.again: PasswordAgain | None = None
        self.asking = False  # the joining waits for the password typed again

    def _waiting_part(self) -> QWidget:
        part = QWidget(self)
        self.instruction = QLabel(self.tr(
            "On a station already enrolled, an administrator opens Administration > Synchronisation, types this "
            "pairing code under \u201cApprove a new station\u201d, clicks Look up, and approves only if the "
            "fingerprint shown there is exactly this one. This station waits for that approval."), part)
        self.instruction.setWordWrap(True)
        self.code = QLabel(part)
        self.code.setObjectName("pairingCode")
        self.code.setFont(code_font(20))
        self.fingerprint = QLabel(part)
        self.fingerprint.setObjectName("pairingFingerprint")
        self.fingerprint.setFont(code_font(12))
        self.fingerprint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Pairing code:"), self.code)
        form.addRow(self.tr("Fingerprint:"), self.fingerprint)
        for label in (self.code, self.fingerprint):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(part)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.instruction)
        layout.addLayout(form)
        part.hide()
        return part

    @property
    def joining(self) -> bool:
        return self.cancel is not None

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        if self.asking:
            return bool(self.password.text())
        return not self.joining and all(f.text().strip() for f in (self.server, self.login, self.password))

    def nextId(self) -> int:  # noqa: N802 - Qt's name
        return self.setup.CODE

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        if self.setup.actor is not None:
            return True
        if self.asking:
            self.answer()
        else:
            self.start()
        return False

    def start(self) -> None:
        self.cancel = cancel = threading.Event()
        self._set_joining(True)
        show_message(self.message, "")
        gate, relay = self.setup.gate, self.relay
        server, login = self.server.text().strip(), self.login.text().strip()
        self.again = again = PasswordAgain(relay, self.password.text())
        self.setup.tasks.run(lambda: join_and_open(gate, server, login, again, relay, cancel),
                             self._joined, self._failed, owner=self)

    def ask_again(self, attempt: int) -> None:
        """On the GUI thread: the password typed was wrong; the joining, approved, waits for it again."""
        from app.sync.joining import ATTEMPTS

        self.asking = True
        self.waiting.hide()
        self.busy.hide()
        show_message(self.message, self.tr(
            "The password typed is not that of {login}, an active administrator of the service. Type it again "
            "and click Next (attempt {attempt} of {attempts}): this station stays approved meanwhile."
        ).format(login=self.login.text().strip(), attempt=attempt, attempts=ATTEMPTS))
        self.password.setEnabled(True)
        self.password.setFocus()
        self.password.selectAll()
        self._changed()

    def answer(self) -> None:
        """Next, with the password typed again: handed to the joining, which goes on checking it."""
        assert self.again is not None
        self.asking = False
        self._set_joining(True)
        show_message(self.message, "")
        self.again.answer(self.password.text())

    def _changed(self) -> None:
        """completeChanged, after which QWizard enables Back again: it stays off while a joining runs (typing the
        password again among its steps), which going back would leave waiting in its worker."""
        self.completeChanged.emit()
        if self.joining:
            self.setup.button(QWizard.WizardButton.BackButton).setEnabled(False)

    def _set_joining(self, joining: bool) -> None:
        for field in (self.server, self.login, self.password):
            field.setEnabled(not joining)
        self.busy.setVisible(joining)
        if not joining:
            self.cancel = self.again = None
            self.asking = False
            self.waiting.hide()
        self.completeChanged.emit()
        self.setup.button(QWizard.WizardButton.BackButton).setEnabled(not joining)

    def show_pairing(self, code: str, fingerprint: str) -> None:
        """On the GUI thread, once the pairing is open on the server."""
        self.code.setText(code)
        self.fingerprint.setText(fingerprint)
        self.waiting.show()

    def stop(self) -> None:
        """The person gave up waiting: the wait ends, and the wizard closes when the worker has returned."""
        if self.cancel is not None:
            self.cancel.set()
        if self.again is not None:
            self.again.answer(None)  # a joining waiting for the password typed again stops at once too

    def _joined(self, joined: JoinedStation) -> None:
        self._set_joining(False)
        self.setup.joined(joined)

    def _failed(self, error: Exception) -> None:
        from app.sync.joining import AccountNotReceived, JoiningCancelled, NotTheAdministrator
        from app.sync.transport import ServerUnreachable, SyncOffline

        cancelled = self.cancel is not None and self.cancel.is_set()
        self._set_joining(False)
        if cancelled and isinstance(error, JoiningCancelled):
            self.setup.quit_now()
            return
        if isinstance(error, NotTheAdministrator):
            text = self.tr(
                "The password typed is not that of %1, an active administrator of the service: nothing was kept "
                "on this computer. Type that administrator's password and click Next again; the other station "
                "will then approve a new pairing code.").replace("%1", self.login.text().strip())
        elif isinstance(error, AccountNotReceived):
            text = self.tr(
                "No account of the service has reached the sync server yet: the station that registered it has not "
                "synced since. Sync it (Administration > Synchronisation, or wait two minutes), then click Next "
                "again here; nothing was kept on this computer.")
        elif isinstance(error, (SyncOffline, ServerUnreachable)):
            text = self.tr("The sync server %1 cannot be reached: check its address and this computer's network, "
                           "then click Next again.").replace("%1", self.server.text().strip())
        else:
            text = error_text(error)
        show_message(self.message, text)
        self.password.setFocus()
        self.password.selectAll()
