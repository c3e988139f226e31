"""Administration: what identifies the station, and the fingerprint of its signing key."""

from __future__ import annotations

from app.qt import QFormLayout, QLabel, Qt, QWidget
from app.bootstrap import Services
from app.services.journal import StationKey
from app.ui.messages import error_text
from app.ui.tasks import TaskManager
from app.ui.widgets import error_label, show_message


class StationPanel(QWidget):
    """What the station is; the signing key, read from the database, shows once its task returns."""

    def __init__(self, services: Services, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        details = services.station.details
        form = QFormLayout(self)
        for label, value in (
            (self.tr("Service:"), details.service_name),
            (self.tr("Commune:"), details.commune),
            (self.tr("INSEE code:"), details.insee_code),
            (self.tr("Department:"), details.department),
            (self.tr("Station identifier:"), details.id),
            (self.tr("Data folder:"), str(services.station.paths.root)),
        ):
            form.addRow(label, self._value(value))
        # Whoever receives a journal extract checks its manifest against this fingerprint.
        self.fingerprint = self._value("", "stationFingerprint")
        self.fingerprint.setStyleSheet("font-family: monospace; font-weight: bold;")
        form.addRow(self.tr("Signing key fingerprint:"), self.fingerprint)
        self.public_key = self._value("", "stationPublicKey")
        self.public_key.setStyleSheet("font-family: monospace;")
        self.public_key.setWordWrap(True)
        form.addRow(self.tr("Signing public key (Ed25519):"), self.public_key)
        note = QLabel(self.tr(
            "Journal extracts are signed with this station's key. Give this fingerprint to whoever receives "
            "an extract: `vigie journal verify FILE --key FINGERPRINT` checks it."), self)
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        form.addRow("", note)
        self.message = error_label(self)
        form.addRow("", self.message)
        tasks.run(services.journal.station_key, self._show_key,
                  lambda error: show_message(self.message, error_text(error)), owner=self)

    def _show_key(self, key: StationKey) -> None:
        self.fingerprint.setText(key.readable_fingerprint)
        self.public_key.setText(key.public_key)

    def _value(self, value: str, name: str = "") -> QLabel:
        label = QLabel(value, self)
        if name:
            label.setObjectName(name)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label
