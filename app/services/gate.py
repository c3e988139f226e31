"""The way into a station: create it, open it, log in. What the login screen and the CLI talk to."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.audit.journal import Actor
from app.errors import QT_TRANSLATE_NOOP, BadCredentials
from app.models import User
from app.services import station as station_module
from app.services.accounts import AccountService
from app.services.settings import SettingsService
from app.services.station import NewStation, Station, StationDeps
from app.store.layout import StationPaths


@dataclass
class Services:
    """Everything a logged-in screen may call, built once per open station."""

    station: Station
    accounts: AccountService
    settings: SettingsService

    @classmethod
    def for_station(cls, station: Station) -> Services:
        return cls(station=station, accounts=AccountService(station), settings=SettingsService(station))


class StationGate:
    def __init__(self, paths: StationPaths, deps: StationDeps) -> None:
        self.paths = paths
        self.deps = deps
        self.services: Services | None = None

    @property
    def is_open(self) -> bool:
        return self.services is not None

    def needs_creation(self) -> bool:
        return not self.paths.is_station()

    def create(self, new: NewStation) -> tuple[Actor, str]:
        """A new station, opened, its administrator logged in; and the recovery code to show once."""
        station, recovery_code = station_module.create_station(self.paths, new, self.deps)
        self.services = Services.for_station(station)
        actor = self.services.accounts.complete_login(self._admin_id(new.admin_login))
        return actor, recovery_code

    def _admin_id(self, login: str) -> str:
        with self.services.station.uow() as uow:
            return uow.session.scalar(select(User.id).where(User.login == login.strip().casefold()))

    def open_with_keyring(self) -> bool:
        """Open without a password when the OS keyring holds this station's slot."""
        if self.services is None:
            station = station_module.open_with_keyring(self.paths, self.deps)
            if station is not None:
                self.services = Services.for_station(station)
        return self.services is not None

    def login(self, login: str, password: str) -> Actor:
        """Open the station with this password if it is still locked, else check it; either way journaled."""
        if self.services is not None:
            return self.services.accounts.authenticate(login, password)
        station, user_id = station_module.open_with_password(self.paths, login, password, self.deps)
        services = Services.for_station(station)
        try:
            actor = services.accounts.complete_login(user_id)
        except BaseException:
            # A locked or disabled account opened the file: it leaves nothing open behind it.
            station.close()
            raise
        self.services = services
        return actor

    def recover(self, code: str, admin_login: str, new_password: str) -> Actor:
        """All passwords lost: the recovery code opens the station and sets a new administrator password."""
        if not code.strip():
            raise BadCredentials(QT_TRANSLATE_NOOP("errors", "Incorrect recovery code."))
        station = station_module.open_with_recovery(self.paths, code, self.deps)
        services = Services.for_station(station)
        try:
            actor = services.accounts.recover_administrator(admin_login, new_password)
        except Exception:
            if self.services is None:
                station.close()
            raise
        if self.services is None:
            self.services = services
        else:
            station.close()
        return actor

    def close(self) -> None:
        if self.services is not None:
            self.services.station.close()
            self.services = None
