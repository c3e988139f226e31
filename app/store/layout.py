"""Where a station keeps its files inside its data folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class StationPaths:
    root: Path

    @property
    def database(self) -> Path:
        return self.root / "vigie.db"

    @property
    def keys(self) -> Path:
        return self.root / "station.keys"

    @property
    def pending_events(self) -> Path:
        """Login events sealed to the station before the database could be opened."""
        return self.root / "pending-events.log"

    @property
    def attachments(self) -> Path:
        return self.root / "attachments"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    def is_station(self) -> bool:
        return self.keys.exists() or self.database.exists()

    def is_empty(self) -> bool:
        """Nothing in the folder but Vigie's own log, which is opened before a station is created."""
        if not self.root.exists():
            return True
        return all(entry == self.logs for entry in self.root.iterdir())
