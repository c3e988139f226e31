"""Builds the object graph once: settings folder, key store, station gate, the services of an open
station (over one kernel and one registry of record kinds), then the UI.

The login window must show at once, so the database layer and the services
are imported only when a station is created or opened (build_services).
"""

from __future__ import annotations

import logging
import logging.handlers
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.clock import SystemClock
from app.crypto.kdf import KdfPolicy
from app.crypto.secretstore import KeyringSecretStore, SecretStore
from app.kernel.deps import StationDeps
from app.services.gate import StationGate
from app.store.layout import LogFile, StationPaths

if TYPE_CHECKING:
    from app.backup.export import ExportService
    from app.backup.service import BackupService
    from app.kernel.kinds import RecordKinds
    from app.kernel.retention import RetentionService
    from app.kernel.settings import SettingsService
    from app.kernel.station import Station
    from app.kernel.work import Kernel
    from app.logbook.service import LogbookService
    from app.services.accounts import AccountService
    from app.services.journal import JournalService
    from app.sync.service import SyncService
    from app.writings.natinf import NatinfService
    from app.writings.service import WritingsService
    from app.writings.templates import WritingTemplatesService

APP_NAME = "Vigie"


@dataclass
class Services:
    """Everything a logged-in screen or command may call, built once per open station."""

    station: Station
    kernel: Kernel
    accounts: AccountService
    settings: SettingsService
    retention: RetentionService
    journal: JournalService
    logbook: LogbookService
    writings: WritingsService
    natinf: NatinfService
    writing_templates: WritingTemplatesService
    backup: BackupService
    exports: ExportService
    sync: SyncService

    def run_purges(self, station_in_use: bool = True) -> None:
        """What retention asks for, at opening and every day: expired records, then old journal entries.

        *station_in_use* False (a command opening the station, before its work) lets a journal backlog go
        in one long transaction; behind the application's window the purge never holds the station long."""
        self.retention.purge_expired()
        self.journal.purge_expired(station_in_use=station_in_use)


def record_kinds() -> RecordKinds:
    """Every kind of record Vigie keeps: the kernel's own, then each feature's."""
    from app.kernel.kinds import RecordKinds
    from app.kernel.station_kinds import KERNEL_KINDS
    from app.logbook.kinds import LOGBOOK_KINDS
    from app.writings.kinds import WRITINGS_KINDS

    return RecordKinds([*KERNEL_KINDS, *LOGBOOK_KINDS, *WRITINGS_KINDS])


def build_services(station: Station) -> Services:
    """The services of an open station, each made once, in dependency order."""
    from app.backup.export import ExportService
    from app.backup.service import BackupService
    from app.kernel.retention import RetentionService
    from app.kernel.settings import SettingsService
    from app.kernel.work import Kernel
    from app.logbook.service import LogbookService
    from app.services.accounts import AccountService
    from app.services.journal import JournalService
    from app.sync.service import SyncService
    from app.writings.natinf import NatinfService
    from app.writings.service import WritingsService
    from app.writings.templates import WritingTemplatesService

    kernel = Kernel(station, record_kinds())
    # The features register their retention targets as they are made, before the first purge.
    logbook = LogbookService(kernel)
    retention = RetentionService(kernel, station.retention_targets)
    return Services(
        station=station,
        kernel=kernel,
        accounts=AccountService(kernel),
        settings=SettingsService(kernel),
        retention=retention,
        journal=JournalService(station, kernel.kinds),
        logbook=logbook,
        writings=WritingsService(kernel, logbook, retention=retention),
        natinf=NatinfService(kernel),
        writing_templates=WritingTemplatesService(kernel),
        backup=BackupService(kernel),
        exports=ExportService(kernel),
        sync=SyncService(kernel),
    )


def default_data_dir() -> Path:
    import platformdirs

    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def build_gate(data_dir: Path, deps: StationDeps | None = None, *, secrets: SecretStore | None = None,
               kdf: KdfPolicy | None = None) -> StationGate:
    """The entry into the station in *data_dir*; the keyring is asked only here (unless *deps* say)."""
    paths = StationPaths(Path(data_dir))
    if deps is None:
        deps = StationDeps(
            clock=SystemClock(),
            kdf=kdf or KdfPolicy(),
            secrets=secrets if secrets is not None else KeyringSecretStore(),
        )
    return StationGate(paths, deps, build_services)


def setup_logging(data_dir: Path) -> None:
    """A rotating log file per station; the access journal is never written here.

    The station's folder and files are made private first (StationPaths.make_private): every
    command and the windows come through here before they open the station.
    """
    paths = StationPaths(Path(data_dir))
    logs = paths.logs
    try:
        logs.mkdir(parents=True, exist_ok=True)
        paths.make_private()
        handler: logging.Handler = LogFile(
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
