"""The way into a station: create it, open it, log in. What the login screen and the CLI talk to.

The login window must show at once, so this module loads nothing heavy: the
database layer (SQLAlchemy, Alembic, the services) is imported when a
station is actually created or opened.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from app.audit.actor import Actor
from app.errors import QT_TRANSLATE_NOOP, BadCredentials
from app.store.layout import StationPaths

if TYPE_CHECKING:
    from app.bootstrap import Services
    from app.kernel.deps import StationDeps
    from app.kernel.station import NewStation, Station
    from app.sync.welcome import Welcome

# A new station's database, its key file and the disk's reserve for the journal (app/store/reserve.py), with room.
ROOM_FOR_A_STATION = 4 * 1024 * 1024

# Builds every service of an open station (app/bootstrap.py: build_services).
ServicesFactory = Callable[["Station"], "Services"]


class StationGate:
    def __init__(self, paths: StationPaths, deps: StationDeps, services_for: ServicesFactory) -> None:
        self.paths = paths
        self.deps = deps
        self._services_for = services_for
        self.services: Services | None = None
        # The command line purges as it opens; the GUI runs the purges itself, in the background.
        self.purge_at_opening = True

    @property
    def is_open(self) -> bool:
        return self.services is not None

    def needs_creation(self) -> bool:
        return not self.paths.is_station()

    def check_folder(self) -> None:
        """Refuse, before anything is typed for it, a data folder where no station can be made.

        A file in its place, a read-only folder or a full disk: the wizard's first page and
        `vigie init` tell it at once (NotAFolder, ReadOnlyFolder, DiskFull), and nothing is created.
        """
        from app.errors import folder_state

        refusal = folder_state(self.paths.root, low=ROOM_FOR_A_STATION)
        if refusal is not None:
            raise refusal

    def create(self, new: NewStation) -> tuple[Actor, str]:
        """A new station, opened, its administrator logged in; and the recovery code to show once."""
        from app.kernel.creating import create_station
        from app.store import reserve

        self.check_folder()
        station, recovery_code = create_station(self.paths, new, self.deps)
        reserve.ensure(self.paths)
        self.services = services = self._services_for(station)
        actor = services.accounts.complete_login(self._admin_id(services, new.admin_login))
        return actor, recovery_code

    def create_joining(self, welcome: Welcome | None = None) -> str:
        """A new station, opened, that is about to join a service: no account of its own, nothing queued
        (app/kernel/creating.py), of the service and with the number the approval gave; returns its recovery code."""
        from app.kernel.creating import create_joining_station
        from app.store import reserve

        self.check_folder()
        identity = None if welcome is None else (welcome.service_name, welcome.commune, welcome.insee_code,
                                                 welcome.department)
        station, recovery_code = create_joining_station(self.paths, self.deps, identity,
                                                        welcome.station_number if welcome else None)
        reserve.ensure(self.paths)
        self.services = self._services_for(station)
        return recovery_code

    def discard(self) -> None:
        """Close and remove the station just made by `create_joining`, when its joining failed."""
        from app.kernel.creating import discard_station

        self.close()
        discard_station(self.paths)

    @staticmethod
    def _admin_id(services: Services, login: str) -> str:
        from sqlalchemy import select

        from app.models import User

        with services.station.read() as uow:
            found = uow.session.scalar(select(User.id).where(User.login == login.strip().casefold()))
        assert found is not None  # create_station has just written it
        return found

    def opened(self) -> Services:
        """The open station's services (the caller knows it is open: after create or login)."""
        if self.services is None:
            from app.store.database import StationClosed

            raise StationClosed
        return self.services

    def has_keyring_slot(self) -> bool:
        """Whether opening without a password is worth trying (reads only the key file)."""
        from app.crypto.keyslots import KeyFile, KeyFileError

        try:
            return KeyFile.load(self.paths.keys).has_keyring_slot()
        except KeyFileError:
            return False

    def open_with_keyring(self) -> bool:
        """Open without a password when the OS keyring holds this station's slot."""
        if self.services is None and self.has_keyring_slot():
            from app.kernel.opening import open_with_keyring
            from app.store import reserve

            with reserve.released_if_low(self.paths):
                station = open_with_keyring(self.paths, self.deps)
            if station is not None:
                self._adopt(self._services_for(station))
        return self.services is not None

    def _adopt(self, services: Services) -> None:
        """The station just opened: retention runs before anyone works in it."""
        self.services = services
        if self.purge_at_opening:  # a command, before its own work: nobody waits behind a long purge here
            services.run_purges(station_in_use=False)

    def login(self, login: str, password: str) -> Actor:
        """Open the station with this password if it is still locked, else check it; either way journaled.

        On a nearly full disk, the reserve kept for it (app/store/reserve.py) is given up first, so
        that the attempt, failed or not, is journaled.
        """
        from app.store import reserve

        with reserve.released_if_low(self.paths):
            return self._login(login, password)

    def _login(self, login: str, password: str) -> Actor:
        if self.services is not None:
            return self.services.accounts.authenticate(login, password)
        from app.kernel.opening import open_with_password

        station, user_id = open_with_password(self.paths, login, password, self.deps)
        services = self._services_for(station)
        try:
            actor = services.accounts.complete_login(user_id)
        except BaseException:
            # A locked or disabled account opened the file: it leaves nothing open behind it.
            station.close()
            raise
        self._adopt(services)
        return actor

    def recover(self, code: str, admin_login: str, new_password: str) -> Actor:
        """All passwords lost: the recovery code opens the station and sets a new administrator password."""
        if not code.strip():
            raise BadCredentials(QT_TRANSLATE_NOOP("errors", "Incorrect recovery code."))
        from app.kernel.opening import open_with_recovery
        from app.store import reserve

        with reserve.released_if_low(self.paths):  # a wrong code is journaled on a nearly full disk too
            station = open_with_recovery(self.paths, code, self.deps)
        services = self._services_for(station)
        try:
            actor = services.accounts.recover_administrator(admin_login, new_password)
        except Exception:
            if self.services is None:
                station.close()
            raise
        if self.services is None:
            self._adopt(services)
        else:
            station.close()
        return actor

    def close(self) -> None:
        if self.services is not None:
            self.services.station.close()
            self.services = None
