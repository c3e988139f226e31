"""A new, empty station's keys and identity, filled by the caller in its first transaction (an import).

The same steps as app/kernel/creating.py (keys, slots, schema, identity),
without its first administrator and first journal entries: an import brings
its own accounts and its own journal, which the new station's entries follow.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy.orm import Session

from app.audit.journal import Journal
from app.backup.files import remove_tree
from app.crypto import aead
from app.crypto.keyslots import KeyFile, new_database_key, new_recovery_code
from app.ids import new_id
from app.kernel.creating import _ed25519_private_bytes, _prepare_empty_folder, _remove_partial_station
from app.kernel.deps import StationDeps
from app.kernel.rights import ADMINISTRATION
from app.models import Operation, StationInfo
from app.store import migrate
from app.store.attachments import BlobStore
from app.store.database import Database
from app.store.engine import make_engine
from app.store.layout import StationPaths
from app.store.uow import UnitOfWork

Fill = Callable[[Session, BlobStore], None]


def build_station(paths: StationPaths, deps: StationDeps, about: dict, admin_id: str, admin_login: str,
                  password: str, fill: Fill) -> str:
    """Make the station, let *fill* write its records, journal it; returns the recovery code."""
    _prepare_empty_folder(paths)
    station_id = new_id()
    db_key = new_database_key()
    seal_private = X25519PrivateKey.generate()
    keyfile = KeyFile.create(paths.keys, station_id, aead.public_bytes(seal_private.public_key()))
    params = deps.kdf.params()
    recovery_code = new_recovery_code()
    keyfile.set_password_slot(admin_id, admin_login, password, db_key, params)
    keyfile.set_recovery_slot(recovery_code, db_key, params)
    keyfile.set_keyring_slot(deps.secrets, db_key)
    try:
        keyfile.save()
        engine = make_engine(paths.database, db_key)
        try:
            migrate.upgrade(engine)
            with UnitOfWork(Database(engine)) as uow:
                uow.session.add(StationInfo(
                    id=station_id, service_name=about["service_name"], commune=about["commune"],
                    insee_code=about["insee_code"], department=about["department"], created_at=deps.clock.now(),
                    seal_private_key=aead.private_bytes(seal_private), signing_private_key=_ed25519_private_bytes()))
                uow.session.flush()
                fill(uow.session, BlobStore(paths.attachments, deps.clock))
                Journal(station_id, deps.clock).append(
                    uow.session, Operation.CREATE, None, compartment=ADMINISTRATION, record_kind="station",
                    record_id=station_id, login=admin_login,
                    detail=f"station built from the export of station {about['station_id']} made at "
                           f"{datetime.fromisoformat(about['made_at']).isoformat()} by {about['made_by']}")
                uow.commit()
        finally:
            engine.dispose()
    except BaseException:
        _remove_partial_station(paths)
        remove_tree(paths.attachments)
        raise
    return recovery_code
