"""The station the figures measure: a real one, made once per run, and its unencrypted twin.

It is created the way `vigie init` creates one, with the real Argon2id cost
calibrated on this machine (KdfPolicy's default target), then filled with
accounts so that its tables have more than one page. The plain copy has the
same schema and rows, unencrypted, for the standard library's sqlite3 to
serve as baseline.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3

from app.bootstrap import build_gate
from app.audit.journal import Actor
from app.crypto.kdf import KdfParams, KdfPolicy, hash_password
from app.crypto.secretstore import NoSecretStore
from app.models import Operation, Role, User
from app.services.gate import StationGate
from app.kernel.rights import Permission
from app.kernel.station import NewStation, Station, StationDeps
from app.kernel.work import Kernel
from app.store.engine import raw_key_literal, run_outside_transaction
from app.store.layout import StationPaths
from bench._core import Run

ADMIN_LOGIN = "admin"
ADMIN_PASSWORD = "bench-admin-Montclair"
SEEDED_ACCOUNTS = 300

NEW_STATION = NewStation(
    service_name="Police municipale de Montclair-sur-Vienne",
    commune="Montclair-sur-Vienne",
    insee_code="86999",
    department="86",
    admin_login=ADMIN_LOGIN,
    admin_full_name="Sophie Lemaire",
    admin_password=ADMIN_PASSWORD,
    admin_grade="Directrice de police municipale",
    admin_matricule="86-86999-001",
)


@dataclass
class BenchStation:
    gate: StationGate
    admin: Actor
    key: bytes  # the raw database key, unwrapped from the administrator's slot
    plain: Path  # the unencrypted copy
    account_ids: list[str]
    # A stored Argon2id hash for the accounts the figures add: their passwords are never checked.
    password_hash: str

    @property
    def paths(self) -> StationPaths:
        return self.gate.paths

    @property
    def station(self) -> Station:
        return self.gate.services.station

    @property
    def kernel(self) -> Kernel:
        return self.gate.services.kernel

    def close_connections(self) -> None:
        """Close the open station's pooled connections (it reconnects when next used).

        Opening is measured as at login, where no other connection holds the
        file: the first one opens the WAL and its index, and the last one to
        close folds the WAL back in, as with the plain copy.
        """
        self.station.engine.dispose()


def bench_station(run: Run) -> BenchStation:
    return run.shared("station", _make)


def _make(run: Run) -> BenchStation:
    paths = StationPaths(run.workdir / "station")
    gate = build_gate(paths.root, StationDeps(kdf=KdfPolicy(), secrets=NoSecretStore()))
    admin, _recovery_code = gate.create(NEW_STATION)
    run.on_close(gate.close)
    _user_id, keys = gate.services.station.keyfile.open_password(ADMIN_LOGIN, ADMIN_PASSWORD)
    password_hash = hash_password("not-a-real-password", KdfParams(iterations=1, memory_cost=1024))
    account_ids = _seed_accounts(gate.services.kernel, admin, password_hash)
    plain = run.workdir / "plain.db"
    export_plain_copy(gate.services.station, keys[0], plain)
    return BenchStation(gate, admin, keys[0], plain, account_ids, password_hash)


def new_account(station: Station, number: int, password_hash: str) -> User:
    now = station.clock.now()
    return User(
        login=f"agent{number:05d}", full_name=f"Agent {number:05d}", grade="Gardien-brigadier",
        matricule=f"86-86999-{number:05d}", role=Role.AGENT, active=True, password_hash=password_hash,
        must_change_password=True, failed_attempts=0, created_at=now, updated_at=now, version=1,
    )


def _seed_accounts(kernel: Kernel, admin: Actor, password_hash: str) -> list[str]:
    """Accounts written as the administration service writes them: journal entry and outbox row each."""
    ids = []
    with kernel.administer(admin, Permission.ADMINISTER_USERS) as work:
        for number in range(1, SEEDED_ACCOUNTS + 1):
            user = new_account(kernel.station, number, password_hash)
            work.session.add(user)
            work.session.flush()
            work.journal(Operation.CREATE, user.id, kind="user")
            work.queue(user)
            ids.append(user.id)
        work.commit()
    return ids


def export_plain_copy(station: Station, key: bytes, target: Path) -> None:
    """An unencrypted SQLite file with the station's schema and rows, in WAL mode like the station."""
    run_outside_transaction(station.engine, "PRAGMA wal_checkpoint(TRUNCATE)")
    conn = sqlcipher3.connect(str(station.paths.database))
    try:
        conn.execute(f'PRAGMA key = "{raw_key_literal(key)}"')
        conn.execute("ATTACH DATABASE ? AS plaintext KEY ''", (str(target),))
        conn.execute("SELECT sqlcipher_export('plaintext')")
        conn.execute("DETACH DATABASE plaintext")
    finally:
        conn.close()
    plain = sqlite3.connect(target)
    try:
        plain.execute("PRAGMA journal_mode = WAL")
    finally:
        plain.close()
