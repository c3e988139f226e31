"""Builds the object graph once: settings folder, key store, station gate, then the UI."""

from __future__ import annotations

import logging
import logging.handlers
from collections.abc import Callable
from pathlib import Path

from app.clock import SystemClock
from app.crypto.kdf import KdfPolicy
from app.crypto.secretstore import KeyringSecretStore, SecretStore
from app.services.gate import StationGate
from app.kernel.deps import StationDeps
from app.store.layout import StationPaths

APP_NAME = "Vigie"


def default_data_dir() -> Path:
    import platformdirs

    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def build_gate(data_dir: Path, secrets: SecretStore | None = None, kdf: KdfPolicy | None = None) -> StationGate:
    """The entry into the station in *data_dir*; the keyring is asked only here."""
    paths = StationPaths(Path(data_dir))
    deps = StationDeps(
        clock=SystemClock(),
        kdf=kdf or KdfPolicy(),
        secrets=secrets if secrets is not None else KeyringSecretStore(),
    )
    return StationGate(paths, deps)


def setup_logging(data_dir: Path) -> None:
    """A rotating log file per station; the access journal is never written here."""
    logs = StationPaths(Path(data_dir)).logs
    try:
        logs.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            logs / "vigie.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("vigie")
    root.setLevel(logging.INFO)
    root.addHandler(handler)


def run_gui(gate: StationGate, argv: list[str], on_start: Callable[[], None] | None = None) -> int:
    """Start Qt and the first window; Qt is imported only when a window is wanted."""
    from app.ui.application import run

    return run(gate, argv, on_start)
