"""Creating a station: an empty folder, its keys, its database and its first administrator."""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Callable

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import Engine

from app.audit import seal
from app.audit.journal import Journal
from app.audit.sealer import SETTING as SERVICE_KEY_SETTING
from app.audit.sealstate import state_path
from app.crypto import aead, verification_code
from app.crypto.kdf import hash_password
from app.crypto.keyslots import KeyFile, new_database_key, new_recovery_code
from app.errors import QT_TRANSLATE_NOOP, StationError
from app.ids import new_id
from app.models import Operation, Role, SettingValue, StationInfo, User
from app.kernel import validation
from app.kernel.rights import ADMINISTRATION
from app.reasons import os_reason
from app.store import migrate
from app.store.engine import make_engine
from app.store.database import Database
from app.store.layout import StationPaths
from app.store.uow import UnitOfWork
from app.kernel.outbox import queue_state
from app.kernel.station_kinds import SETTING, USER

from app.kernel.deps import StationDeps
from app.kernel.station import NewStation, Station, actor_of

log = logging.getLogger("vigie.station")


# -- creating a station -------------------------------------------------------


def create_station(paths: StationPaths, new: NewStation, deps: StationDeps) -> tuple[Station, str]:
    """Make a new station in an empty folder; returns it open, and its recovery code.

    The service's journal verification code is made here too (this is the
    service's first station); the open station's journal hands it over once
    (`station.journal.take_verification_code()`), and nothing keeps it.
    """
    details = _validated(new)
    admin_id = new_id()

    def rows(engine: Engine, station_id: str, seal_private: X25519PrivateKey) -> str:
        code, code_private = verification_code.new_code()
        _first_rows(engine, paths, station_id, details, admin_id, seal_private, code_private, deps)
        return code

    station, recovery_code, code = _made(paths, deps, rows, (admin_id, details.admin_login, new.admin_password))
    station.journal.hand_over_code(code)
    return station, recovery_code


def create_joining_station(paths: StationPaths, deps: StationDeps, identity: tuple[str, str, str, str] | None = None,
                           station_number: int | None = None) -> tuple[Station, str]:
    """Make a station that is about to join a service (`vigie join`); returns it open, and its recovery code.

    It has no account of its own and queues nothing: its accounts, rights, settings and the service's
    journal verification key all come from the service by its first sync, and then each officer's
    password opens it (docs/keys.md). Until that key arrives its journal is chained, not sealed; it
    seals from the first entry after (app/audit/sealer.py, a joined generation). No password slot
    opens it before that first sync: the process that joins keeps it open meanwhile.

    *identity* (service, commune, INSEE code, department) and *station_number* are what the approving station
    gave (app/sync/welcome.py); the number is journaled as an administrator's change of it is, so that the
    other stations' journals know it.
    """
    service_name, commune, insee_code, department = identity or ("-", "-", "00000", "00")

    def rows(engine: Engine, station_id: str, seal_private: X25519PrivateKey) -> str:
        journal = Journal(station_id, deps.clock, state_path(paths.database))
        with UnitOfWork(Database(engine)) as uow:
            uow.session.add(StationInfo(
                id=station_id, service_name=service_name, commune=commune, insee_code=insee_code,
                department=department,
                created_at=deps.clock.now(), seal_private_key=aead.private_bytes(seal_private),
                signing_private_key=_ed25519_private_bytes()))
            uow.session.flush()
            journal.append(uow.session, Operation.CREATE, compartment=ADMINISTRATION, record_kind="station",
                           record_id=station_id, detail="station created to join a service")
            if station_number is not None:
                uow.session.add(SettingValue(name="station_number", value=json.dumps(station_number),
                                             updated_at=deps.clock.now()))
                journal.append(uow.session, Operation.ADMINISTER, compartment=ADMINISTRATION, record_kind="setting",
                               detail=f"station_number={station_number}")
            uow.commit()
        return ""

    station, recovery_code, _ = _made(paths, deps, rows, None)
    return station, recovery_code


def _made(paths: StationPaths, deps: StationDeps, rows: Callable[[Engine, str, X25519PrivateKey], str],
          admin: tuple[str, str, str] | None) -> tuple[Station, str, str]:
    """The folder, the keys (the first administrator's password slot when *admin* is given), the database and
    its first *rows*; a station that could not be made whole leaves nothing behind."""
    _prepare_empty_folder(paths)
    station_id = new_id()
    db_key = new_database_key()
    seal_private = X25519PrivateKey.generate()
    keyfile = KeyFile.create(paths.keys, station_id, aead.public_bytes(seal_private.public_key()))
    params = deps.kdf.params()
    recovery_code = new_recovery_code()
    if admin is not None:
        admin_id, login, password = admin
        keyfile.set_password_slot(admin_id, login, password, db_key, params)
    keyfile.set_recovery_slot(recovery_code, db_key, params)
    if not keyfile.set_keyring_slot(deps.secrets, db_key):
        log.info("no keyring on this machine: the password slots carry the station")
    try:
        keyfile.save()
        engine = make_engine(paths.database, db_key)
        migrate.upgrade(engine)
        made = rows(engine, station_id, seal_private)
        station = Station(paths, keyfile, db_key, engine, deps)
    except BaseException:
        _remove_partial_station(paths)
        raise
    return station, recovery_code, made


def discard_station(paths: StationPaths) -> None:
    """Remove a station just made that could not be finished (a join that failed): its folder is as it was."""
    _remove_partial_station(paths)
    for leftover in (paths.pending_events, paths.root / "space-reserve"):
        leftover.unlink(missing_ok=True)
    # The station was made in an empty folder: what these hold is its own (files its first sync received,
    # encrypted under the key just removed), and the folder must be empty again for `vigie join` to be run again.
    for folder in (paths.attachments, paths.backups):
        shutil.rmtree(folder, ignore_errors=True)


def _validated(new: NewStation) -> NewStation:
    return NewStation(
        service_name=validation.required(new.service_name, QT_TRANSLATE_NOOP("fields", "Service name")),
        commune=validation.required(new.commune, QT_TRANSLATE_NOOP("fields", "Commune")),
        insee_code=validation.insee_code(new.insee_code),
        department=validation.department(new.department),
        admin_login=validation.login(new.admin_login),
        admin_full_name=validation.required(new.admin_full_name, QT_TRANSLATE_NOOP("fields", "Full name")),
        admin_password=validation.password(new.admin_password, 12),
        admin_grade=new.admin_grade.strip(),
        admin_matricule=new.admin_matricule.strip(),
    )


def check_empty_folder(paths: StationPaths) -> None:
    if paths.root.exists() and not paths.is_empty():
        raise StationError(
            QT_TRANSLATE_NOOP("errors", "The folder {path} is not empty: a new station needs an empty folder."),
            path=str(paths.root),
        )


def _prepare_empty_folder(paths: StationPaths) -> None:
    check_empty_folder(paths)
    try:
        paths.root.mkdir(parents=True, exist_ok=True)
        probe = paths.root / ".write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise StationError(
            QT_TRANSLATE_NOOP("errors", "Cannot write in the folder {path}: {reason}."),
            path=str(paths.root),
            reason=os_reason(exc),
        ) from exc


def _remove_partial_station(paths: StationPaths) -> None:
    database = paths.database
    for leftover in (paths.keys, paths.keys_lock, database, paths.wal,
                     database.with_name(database.name + "-shm"), state_path(database)):
        leftover.unlink(missing_ok=True)
    shutil.rmtree(paths.in_use, ignore_errors=True)  # the marks of the station that is gone


def _first_rows(
    engine: Engine,
    paths: StationPaths,
    station_id: str,
    new: NewStation,
    admin_id: str,
    seal_private: X25519PrivateKey,
    code_private: bytes,
    deps: StationDeps,
) -> None:
    now = deps.clock.now()
    journal = Journal(station_id, deps.clock, state_path(paths.database))
    with UnitOfWork(Database(engine)) as uow:
        info = StationInfo(
            id=station_id,
            service_name=new.service_name,
            commune=new.commune,
            insee_code=new.insee_code,
            department=new.department,
            created_at=now,
            seal_private_key=aead.private_bytes(seal_private),
            signing_private_key=_ed25519_private_bytes(),
        )
        admin = User(
            id=admin_id,
            login=new.admin_login,
            full_name=new.admin_full_name,
            grade=new.admin_grade,
            matricule=new.admin_matricule,
            role=Role.ADMINISTRATEUR,
            active=True,
            password_hash=hash_password(new.admin_password, deps.kdf.params()),
            must_change_password=False,
            failed_attempts=0,
            created_at=now,
            updated_at=now,
        )
        service_key = verification_code.public_key(code_private)
        # The service's public sealing key, as a setting: it syncs, so a station that joins later seals to it.
        setting = SettingValue(name=SERVICE_KEY_SETTING, value=json.dumps(service_key.hex()), updated_at=now,
                               updated_by=admin_id)
        uow.session.add_all([info, admin, setting])
        uow.session.flush()
        # The first station's seed derives from the code: whoever holds the code recomputes it, nobody picks another.
        if journal.sealer is None:  # a journal given a state file always seals
            raise RuntimeError("the journal of a new station must seal")
        journal.sealer.begin(uow.session, service_key, seal.derived_seed(code_private, station_id),
                             seal.ORIGIN_CREATED, first_seq=1)
        actor = actor_of(admin)
        journal.append(uow.session, Operation.CREATE, actor, compartment=ADMINISTRATION,
                       record_kind="station", record_id=station_id, detail="station created")
        journal.append(uow.session, Operation.CREATE, actor, compartment=ADMINISTRATION,
                       record_kind="user", record_id=admin_id)
        queue_state(uow.session, deps.clock, USER, admin)
        queue_state(uow.session, deps.clock, SETTING, setting)
        uow.commit()


def _ed25519_private_bytes() -> bytes:
    from cryptography.hazmat.primitives import serialization

    return Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
