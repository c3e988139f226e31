"""Creating a station, opening it (password, keyring, recovery code), and re-keying it.

An open `Station` holds the database key in memory, the engine, and the
journal writer; every other service works through it.
"""

from __future__ import annotations

import copy
import json
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import Engine, select
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session

from app.audit.journal import Actor, Journal, loggable_login
from app.clock import Clock
from app.crypto import aead
from app.crypto.kdf import hash_password
from app.crypto.keyslots import KeyFile, KeyFileError, SlotLocked, new_database_key, new_recovery_code
from app.errors import QT_TRANSLATE_NOOP, BadCredentials, StationError, StorageFailed
from app.ids import new_id
from app.models import JournalEntry, Operation, Role, StationInfo, User
from app.kernel import validation
from app.kernel.deps import StationDeps  # noqa: F401 - re-exported for callers of this module
from app.kernel.retention import RetentionRegistry
from app.kernel.rights import ADMINISTRATION, Permission, Rights
from app.kernel.settings import read_setting
from app.store import migrate
from app.store.engine import CannotOpen, make_engine
from app.store.engine import rekey as rekey_database
from app.store.database import Database
from app.store.layout import StationPaths
from app.store.uow import UnitOfWork
from app.kernel.outbox import queue_state
from app.kernel.station_kinds import USER

log = logging.getLogger("vigie.station")



@dataclass(frozen=True)
class StationDetails:
    """Plain data about the station, for screens and printouts."""

    id: str
    service_name: str
    commune: str
    insee_code: str
    department: str


@dataclass(frozen=True)
class NewStation:
    """What `vigie init` and the first-run wizard ask for."""

    service_name: str
    commune: str
    insee_code: str
    department: str
    admin_login: str
    admin_full_name: str
    admin_password: str
    admin_grade: str = ""
    admin_matricule: str = ""


class Station:
    """An open station: the key is in memory and the database is reachable."""

    def __init__(
        self,
        paths: StationPaths,
        keyfile: KeyFile,
        db_key: bytes,
        engine: Engine,
        deps: StationDeps,
    ) -> None:
        self.paths = paths
        self.keyfile = keyfile
        self._db_key = db_key
        self.database = Database(engine)
        self.deps = deps
        self.journal = Journal(keyfile.station_id, deps.clock)
        self.rights = Rights(self)
        # Filled by the modules that keep records (see app/kernel/retention.py).
        self.retention_targets = RetentionRegistry()
        self.details = self._read_details()

    @property
    def id(self) -> str:
        return self.keyfile.station_id

    @property
    def clock(self) -> Clock:
        return self.deps.clock

    @property
    def engine(self) -> Engine:
        return self.database.engine

    def uow(self) -> UnitOfWork:
        """A unit of work that may write: it takes the write lock at its first statement."""
        return UnitOfWork(self.database)

    def read(self) -> UnitOfWork:
        """A unit of work that only reads, on a snapshot: it never waits for a writer."""
        return UnitOfWork(self.database, write=False)

    def set_password_slot(self, user_id: str, login: str, password: str) -> None:
        """Let this user's password open the station (replacing any older slot)."""
        self.keyfile.set_password_slot(user_id, login, password, self._db_key, self.deps.kdf.params())
        save_keys(self.keyfile)

    def remove_password_slot(self, user_id: str) -> None:
        if self.keyfile.remove_password_slot(user_id):
            save_keys(self.keyfile)

    @contextmanager
    def key_changes(self) -> Iterator[None]:
        """Slot changes that stand or fall with the transaction committed inside this block.

        Slots are written before the commit, so that a key file that cannot be
        written cancels the operation; if the commit then fails, the slots as
        they were are written back, and an old password never outlives its change.
        """
        before = copy.deepcopy(self.keyfile.slots)
        try:
            yield
        except BaseException:
            self.keyfile.slots = before
            try:
                self.keyfile.save()
            except OSError as exc:
                log.error("the key file could not be put back after a failed operation: %s", exc.strerror)
            raise

    def close(self) -> None:
        """Wait for the units of work still running (background tasks), then close the database."""
        self.database.close()
        self._db_key = b""

    def _read_details(self) -> StationDetails:
        with self.uow() as uow:
            info = uow.session.get(StationInfo, self.id)
            if info is None:
                raise StationError(
                    QT_TRANSLATE_NOOP("errors", "The database {path} belongs to another station."),
                    path=str(self.paths.database),
                )
            return StationDetails(info.id, info.service_name, info.commune, info.insee_code, info.department)

    # -- rekey ---------------------------------------------------------------

    def rekey(self, actor: Actor) -> None:
        """Re-encrypt the database under a new key and re-wrap it in every slot.

        Slots of disabled accounts are dropped first, so that a copy of an old
        key file stops opening the station.
        """
        self.rights.require(actor, Permission.ADMINISTER_STATION)
        with self.uow() as uow:
            disabled = uow.session.scalars(select(User.id).where(User.active.is_(False))).all()
            self.journal.append(uow.session, Operation.ADMINISTER, actor, compartment=ADMINISTRATION,
                                record_kind="station", record_id=self.id, detail="rekey")
            uow.commit()
        for user_id in disabled:
            self.keyfile.remove_password_slot(user_id)
        new_key = new_database_key()
        self.keyfile.stage_next_key(self.deps.secrets, new_key)
        save_keys(self.keyfile)
        # No unit of work runs while pages are rewritten and the engine is swapped under them.
        with self.database.exclusive():
            rekey_database(self.engine, new_key)
            self._db_key = new_key
            self.database.replace_engine(make_engine(self.paths.database, new_key))
        # Were this save to fail, both keys stay in the slots and the next opening settles them.
        self.keyfile.commit_next_key()
        save_keys(self.keyfile)


def save_keys(keyfile: KeyFile) -> None:
    """Write the key file; a folder that refuses it is an error to show, not a traceback."""
    try:
        keyfile.save()
    except OSError as exc:
        raise StationError(
            QT_TRANSLATE_NOOP("errors", "Cannot write in the folder {path}: {reason}."),
            path=str(keyfile.path.parent),
            reason=exc.strerror or str(exc),
        ) from exc


# -- creating a station -------------------------------------------------------


def create_station(paths: StationPaths, new: NewStation, deps: StationDeps) -> tuple[Station, str]:
    """Make a new station in an empty folder; returns it open, and its recovery code."""
    details = _validated(new)
    _prepare_empty_folder(paths)
    station_id = new_id()
    db_key = new_database_key()
    seal_private = X25519PrivateKey.generate()
    keyfile = KeyFile.create(paths.keys, station_id, aead.public_bytes(seal_private.public_key()))
    admin_id = new_id()
    params = deps.kdf.params()
    recovery_code = new_recovery_code()
    keyfile.set_password_slot(admin_id, details.admin_login, new.admin_password, db_key, params)
    keyfile.set_recovery_slot(recovery_code, db_key, params)
    if not keyfile.set_keyring_slot(deps.secrets, db_key):
        log.info("no keyring on this machine: the password slots carry the station")
    try:
        keyfile.save()
        engine = make_engine(paths.database, db_key)
        migrate.upgrade(engine)
        _first_rows(engine, station_id, details, admin_id, seal_private, deps)
    except BaseException:
        _remove_partial_station(paths)
        raise
    return Station(paths, keyfile, db_key, engine, deps), recovery_code


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


def _prepare_empty_folder(paths: StationPaths) -> None:
    if paths.root.exists() and not paths.is_empty():
        raise StationError(
            QT_TRANSLATE_NOOP("errors", "The folder {path} is not empty: a new station needs an empty folder."),
            path=str(paths.root),
        )
    try:
        paths.root.mkdir(parents=True, exist_ok=True)
        probe = paths.root / ".write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise StationError(
            QT_TRANSLATE_NOOP("errors", "Cannot write in the folder {path}: {reason}."),
            path=str(paths.root),
            reason=exc.strerror or str(exc),
        ) from exc


def _remove_partial_station(paths: StationPaths) -> None:
    for leftover in (paths.keys, paths.database, paths.database.with_name(paths.database.name + "-wal"),
                     paths.database.with_name(paths.database.name + "-shm")):
        leftover.unlink(missing_ok=True)


def _first_rows(
    engine: Engine,
    station_id: str,
    new: NewStation,
    admin_id: str,
    seal_private: X25519PrivateKey,
    deps: StationDeps,
) -> None:
    now = deps.clock.now()
    journal = Journal(station_id, deps.clock)
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
        uow.session.add_all([info, admin])
        uow.session.flush()
        actor = actor_of(admin)
        journal.append(uow.session, Operation.CREATE, actor, compartment=ADMINISTRATION,
                       record_kind="station", record_id=station_id, detail="station created")
        journal.append(uow.session, Operation.CREATE, actor, compartment=ADMINISTRATION,
                       record_kind="user", record_id=admin_id)
        queue_state(uow.session, deps.clock, USER, admin)
        uow.commit()


def _ed25519_private_bytes() -> bytes:
    from cryptography.hazmat.primitives import serialization

    return Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )


def actor_of(user: User) -> Actor:
    return Actor(
        user_id=user.id,
        login=user.login,
        full_name=user.full_name,
        matricule=user.matricule,
        role=str(user.role),
        grade=user.grade,
    )


# -- opening a station ---------------------------------------------------------


def load_keyfile(paths: StationPaths) -> KeyFile:
    if not paths.keys.exists():
        if paths.database.exists():
            raise StationError(
                QT_TRANSLATE_NOOP("errors", "The key file {path} is missing: the database cannot be opened without it."),
                path=str(paths.keys),
            )
        raise StationError(
            QT_TRANSLATE_NOOP("errors", "No station in {path}. Create one with \u201cvigie init\u201d."),
            path=str(paths.root),
        )
    try:
        return KeyFile.load(paths.keys)
    except KeyFileError as exc:
        raise _damaged_key_file(paths) from exc


def _damaged_key_file(paths: StationPaths) -> StationError:
    return StationError(
        QT_TRANSLATE_NOOP("errors", "The key file {path} is unreadable or damaged."), path=str(paths.keys)
    )


def open_with_keys(paths: StationPaths, keyfile: KeyFile, keys: list[bytes], deps: StationDeps) -> Station:
    """Open the database with the first candidate key that works, upgrade it, finish a rekey."""
    if not paths.database.exists():
        raise StationError(
            QT_TRANSLATE_NOOP("errors", "The database {path} is missing."), path=str(paths.database)
        )
    if paths.database.stat().st_size == 0:
        # SQLite would take an empty file for a new database and write a header into it.
        raise _unreadable_database(paths)
    for index, key in enumerate(keys):
        try:
            engine = make_engine(paths.database, key)
        except CannotOpen:
            continue
        try:
            migrate.bring_up_to_date(engine, paths.database, paths.backups)
            station = Station(paths, keyfile, key, engine, deps)
        except migrate.StationTooNew as exc:
            engine.dispose()
            raise StationError(
                QT_TRANSLATE_NOOP(
                    "errors",
                    "The database {path} was made by a newer version of Vigie (schema {revision}). "
                    "Install that version to open it.",
                ),
                path=str(paths.database),
                revision=exc.revision,
            ) from exc
        except (migrate.NoSchema, DatabaseError, OperationalError, StorageFailed) as exc:
            engine.dispose()
            raise _unreadable_database(paths) from exc
        except BaseException:
            engine.dispose()
            raise
        _settle_rekey(keyfile, used_next_key=index > 0)
        try:
            import_pending_events(station)
        except BaseException:
            station.close()
            raise
        return station
    raise _unreadable_database(paths)


def _unreadable_database(paths: StationPaths) -> StationError:
    return StationError(
        QT_TRANSLATE_NOOP(
            "errors",
            "The database {path} does not open with this station's keys: it belongs to another station, "
            "or it is truncated or damaged.",
        ),
        path=str(paths.database),
    )


def _settle_rekey(keyfile: KeyFile, used_next_key: bool) -> None:
    """Finish (or forget) a rekey that a crash interrupted."""
    if not any("sealed_next" in slot for slot in keyfile.slots):
        return
    if used_next_key:
        keyfile.commit_next_key()
    else:
        keyfile.drop_next_key()
    try:
        keyfile.save()
    except OSError as exc:  # both keys are still in the slots: the next opening settles them
        log.warning("an interrupted rekey could not be settled yet: %s", exc.strerror)


def open_with_password(paths: StationPaths, login: str, password: str, deps: StationDeps) -> tuple[Station, str]:
    """Open the station with a user's password slot; returns it and the user's id.

    A failure cannot be journaled in a database that is still locked: it is
    sealed to the station's public key and imported at the next opening.
    """
    keyfile = load_keyfile(paths)
    try:
        user_id, keys = keyfile.open_password(login, password)
    except SlotLocked:
        record_pending_event(paths, keyfile, deps.clock, Operation.LOGIN_FAILED, login)
        raise BadCredentials from None
    except KeyFileError as exc:
        raise _damaged_key_file(paths) from exc
    return open_with_keys(paths, keyfile, keys, deps), user_id


def open_with_keyring(paths: StationPaths, deps: StationDeps) -> Station | None:
    """Open the station with the OS keyring's slot, or None when that slot cannot."""
    keyfile = load_keyfile(paths)
    if not keyfile.has_keyring_slot():
        return None
    try:
        keys = keyfile.open_keyring(deps.secrets)
    except SlotLocked:
        log.warning("the keyring slot did not open; using password slots")
        return None
    return open_with_keys(paths, keyfile, keys, deps)


def open_with_recovery(paths: StationPaths, code: str, deps: StationDeps) -> Station:
    keyfile = load_keyfile(paths)
    try:
        keys = keyfile.open_recovery(code)
    except SlotLocked:
        record_pending_event(paths, keyfile, deps.clock, Operation.LOGIN_FAILED, "", detail="recovery code")
        raise BadCredentials(QT_TRANSLATE_NOOP("errors", "Incorrect recovery code.")) from None
    except KeyFileError as exc:
        raise _damaged_key_file(paths) from exc
    return open_with_keys(paths, keyfile, keys, deps)


# -- login events written before the database is open ---------------------------


def _pending_aad(station_id: str) -> bytes:
    return f"vigie-pending|{station_id}".encode()


def record_pending_event(
    paths: StationPaths, keyfile: KeyFile, clock: Clock, operation: Operation, login: str, detail: str = ""
) -> None:
    event = {
        "id": new_id(),
        "at": clock.now().isoformat(),
        "operation": str(operation),
        "login": loggable_login(login) if login else "",
        "detail": detail,
    }
    sealed = aead.seal(keyfile.seal_public, json.dumps(event).encode("utf-8"), _pending_aad(keyfile.station_id))
    line = json.dumps({"id": event["id"], "sealed": aead.b64(sealed)}) + "\n"
    try:
        with open(paths.pending_events, "a", encoding="ascii") as handle:
            handle.write(line)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        log.error("cannot keep a failed login for the journal: %s", exc.strerror)


def import_pending_events(station: Station) -> int:
    """Move the sealed login events into the journal; count failures against their accounts."""
    path = station.paths.pending_events
    if not path.exists():
        return 0
    # A damaged byte must cost one event (skipped with a warning), never the opening of the station.
    text = path.read_bytes().decode("ascii", errors="replace")
    lines = [line for line in text.splitlines() if line.strip()]
    imported = 0
    with station.uow() as uow:
        info = uow.session.get(StationInfo, station.id)
        assert info is not None  # the station opened: its row is there (Station checks it)
        for line in lines:
            event = _unseal_pending(line, info.seal_private_key, station.id)
            if event is None:
                continue
            exists = uow.session.scalar(select(JournalEntry.seq).where(JournalEntry.id == event["id"]))
            if exists is not None:
                continue
            at = datetime.fromisoformat(event["at"])
            station.journal.append(uow.session, Operation(event["operation"]), login=event["login"],
                                   detail=event["detail"] or "before unlock", at=at, entry_id=event["id"])
            _count_failure_of(uow.session, station, event["login"], at)
            imported += 1
        uow.commit()
    path.unlink()
    return imported


def _unseal_pending(line: str, private_key: bytes, station_id: str) -> dict | None:
    try:
        record = json.loads(line)
        plain = aead.unseal(private_key, aead.unb64(record["sealed"]), _pending_aad(station_id))
        return json.loads(plain)
    except (ValueError, KeyError, TypeError, aead.DecryptionFailed):
        log.warning("a pending login event could not be read and was skipped")
        return None


def _count_failure_of(session: Session, station: Station, login: str, at: datetime) -> None:
    user = session.scalar(select(User).where(User.login == login)) if login else None
    if user is None:
        return
    if user.locked_until is not None and user.locked_until > at:
        return  # as with the station open: attempts on a locked account do not lengthen the lock
    user.failed_attempts += 1
    if user.failed_attempts >= read_setting(session, "lockout_threshold"):
        user.locked_until = at + timedelta(minutes=read_setting(session, "lockout_minutes"))
        user.failed_attempts = 0
