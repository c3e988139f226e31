"""A demo station for a fictional commune, with accounts for every role.

Montclair-sur-Vienne does not exist; its INSEE code 86999 is not given to
any real commune. The demo's passwords are printed on purpose, so its key
derivation is made cheaper than a real station's (a tenth of a second).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from app.crypto.kdf import KdfPolicy
from app.crypto.secretstore import NoSecretStore
from app.models import Role
from app.services.accounts import NewUser
from app.services.gate import StationGate
from app.services.station import NewStation, StationDeps
from app.store.layout import StationPaths

DEMO_KDF_SECONDS = 0.05


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


def demo_deps() -> StationDeps:
    return StationDeps(kdf=KdfPolicy(target_seconds=DEMO_KDF_SECONDS), secrets=NoSecretStore())


def make_demo_station(data_dir: Path) -> tuple[StationGate, list[DemoAccount]]:
    """Create the demo station in the empty folder *data_dir*; returns it open."""
    gate = StationGate(StationPaths(data_dir), demo_deps())
    admin, _recovery = gate.create(DEMO_STATION)
    accounts = gate.services.accounts
    for account in DEMO_ACCOUNTS[1:]:
        accounts.create_user(
            admin,
            NewUser(account.login, account.full_name, Role(account.role), account.password,
                    account.grade, account.matricule),
            must_change_password=False,
        )
    accounts.logout(admin)
    return gate, list(DEMO_ACCOUNTS)


def write_credentials(path: Path, accounts: list[DemoAccount]) -> None:
    data = [{"login": a.login, "password": a.password, "role": str(a.role)} for a in accounts]
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


def account_dicts(accounts: list[DemoAccount]) -> list[dict]:
    return [asdict(a) for a in accounts]
