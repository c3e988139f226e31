"""A demo station for a fictional commune, with accounts for every role.

Montclair-sur-Vienne does not exist; its INSEE code 86999 is not given to
any real commune. The demo's passwords are printed on purpose, so its key
derivation is made cheaper than a real station's (a tenth of a second).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, time, timedelta
from pathlib import Path


from app.bootstrap import build_gate
from app.crypto.kdf import KdfPolicy
from app.crypto.secretstore import NoSecretStore
from app.demo_logbook import FIRST_NAMES, LAST_NAMES, STREETS, attach_demo_files, fill_logbook  # noqa: F401
from app.demo_writings import fill_writings
from app.models import Role
from app.services.accounts import NewUser
from app.services.gate import StationGate
from app.kernel.station import NewStation, StationDeps

DEMO_KDF_SECONDS = 0.05
# `vigie --demo` starts in a few seconds with this many entries; `vigie demo --entries N` makes more.
DEFAULT_ENTRIES = 300


@dataclass(frozen=True)
class DemoAccount:
    login: str
    password: str
    role: str
    full_name: str
    grade: str
    matricule: str


DEMO_STATION = NewStation(
    service_name="Police municipale de Montclair-sur-Vienne",
    commune="Montclair-sur-Vienne",
    insee_code="86999",
    department="86",
    admin_login="admin",
    admin_full_name="Sophie Lemaire",
    admin_password="demo-admin-Montclair",
    admin_grade="Directrice de police municipale",
    admin_matricule="86-86999-001",
)

DEMO_ACCOUNTS = (
    DemoAccount("admin", DEMO_STATION.admin_password, Role.ADMINISTRATEUR, "Sophie Lemaire",
                "Directrice de police municipale", "86-86999-001"),
    DemoAccount("mbernard", "demo-chef-Montclair", Role.CHEF_DE_POSTE, "Marc Bernard",
                "Chef de service de police municipale", "86-86999-002"),
    DemoAccount("lpetit", "demo-agent-Montclair", Role.AGENT, "Laura Petit",
                "Brigadier-chef principal", "86-86999-003"),
    DemoAccount("kdiallo", "demo-agent2-Montclair", Role.AGENT, "Karim Diallo",
                "Gardien-brigadier", "86-86999-004"),
    DemoAccount("maire", "demo-maire-Montclair", Role.MAIRE, "Hélène Fontaine", "Maire", ""),
)


# The station was set up eight weeks ago (within the journal's 60 days), so that its oldest cases have
# had the time to reach a court's decision.
DEMO_AGE = timedelta(days=56)


class DemoClock:
    """The system's clock, except while the demo writes its past: then the time each step happened."""

    def __init__(self) -> None:
        self._at: datetime | None = None

    def now(self) -> datetime:
        return self._at if self._at is not None else datetime.now(UTC)

    @property
    def standing(self) -> datetime | None:
        """The time it stands at in the past, None while it follows the system's clock."""
        return self._at

    def set(self, at: datetime | None) -> None:
        """Stand at *at* (never before a time already shown: the journal would see its clock go back)."""
        if at is not None and self._at is not None and at < self._at:
            raise ValueError(f"the demo's clock cannot go back from {self._at} to {at}")
        self._at = at.astimezone(UTC) if at is not None else None


def demo_deps(clock: DemoClock | None = None, kdf: KdfPolicy | None = None) -> StationDeps:
    return StationDeps(clock=clock or DemoClock(), kdf=kdf or KdfPolicy(target_seconds=DEMO_KDF_SECONDS),
                       secrets=NoSecretStore())


def make_demo_station(data_dir: Path, entries: int = DEFAULT_ENTRIES, progress=None, *,
                      kdf: KdfPolicy | None = None) -> tuple[StationGate, list[DemoAccount]]:
    """Create the demo station in the empty folder *data_dir*, its main courante filled; returns it open.

    The station, its accounts and its écrits are written on a clock set in the past, step by step;
    the main courante's bulk fill and its attachments come last, at the present time.
    """
    clock = DemoClock()
    began = datetime.combine((datetime.now(UTC) - DEMO_AGE).astimezone().date(), time(8, 30)).astimezone()
    clock.set(began)
    gate = build_gate(data_dir, demo_deps(clock, kdf))
    admin, _recovery = gate.create(DEMO_STATION)
    services = gate.opened()
    accounts = services.accounts
    for index, account in enumerate(DEMO_ACCOUNTS[1:]):
        clock.set(began + timedelta(minutes=5 + index))
        accounts.create_user(
            admin,
            NewUser(account.login, account.full_name, Role(account.role), account.password,
                    account.grade, account.matricule),
            must_change_password=False,
        )
    clock.set(began + timedelta(minutes=15))
    accounts.logout(admin)
    fill_writings(services, admin, DEMO_ACCOUNTS, clock)
    clock.set(None)
    admin = accounts.authenticate(DEMO_STATION.admin_login, DEMO_STATION.admin_password)
    if entries > 0:
        fill_logbook(services.station, admin, entries, progress=progress)
        attach_demo_files(services.logbook, admin, min(6, entries))
    accounts.logout(admin)
    return gate, list(DEMO_ACCOUNTS)


def write_credentials(path: Path, accounts: list[DemoAccount]) -> None:
    data = [{"login": a.login, "password": a.password, "role": str(a.role)} for a in accounts]
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


def account_dicts(accounts: list[DemoAccount]) -> list[dict]:
    return [asdict(a) for a in accounts]
