"""Administration: what identifies the station, and the fingerprint of its signing key."""

from __future__ import annotations

from app.qt import QFormLayout, QLabel, Qt, QWidget
from app.bootstrap import Services


class StationPanel(QWidget):
    def __init__(self, services: Services, parent=None) -> None:
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
        key = services.journal.station_key()
        fingerprint = self._value(key.readable_fingerprint, "stationFingerprint")
        fingerprint.setStyleSheet("font-family: monospace; font-weight: bold;")
        form.addRow(self.tr("Signing key fingerprint:"), fingerprint)
        public_key = self._value(key.public_key, "stationPublicKey")
        public_key.setStyleSheet("font-family: monospace;")
        public_key.setWordWrap(True)
        form.addRow(self.tr("Signing public key (Ed25519):"), public_key)
        note = QLabel(self.tr(
            "Journal extracts are signed with this station's key. Give this fingerprint to whoever receives "
            "an extract: `vigie journal verify FILE --key FINGERPRINT` checks it."), self)
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        form.addRow("", note)

    def _value(self, value: str, name: str = "") -> QLabel:
        label = QLabel(value, self)
        if name:
            label.setObjectName(name)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label
