"""The open station, and re-keying it (creating.py makes one, opening.py opens one).

An open `Station` holds the database key in memory, the engine, and the
journal writer; every other service works through it.
"""

from __future__ import annotations

import copy
import logging
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import NoReturn

from sqlalchemy import Engine, select

from app.audit.journal import Actor, Journal
from app.audit.sealstate import state_path
from app.clock import Clock
from app.crypto.keyslots import KeyFile, new_database_key
from app.errors import QT_TRANSLATE_NOOP, DiskFull, StationError, storage_error
from app.filelock import LockTimeout
from app.models import Operation, StationInfo, User
from app.kernel.in_use import StationInUse
from app.kernel.deps import StationDeps  # noqa: F401 - re-exported for callers of this module
from app.kernel.retention import RetentionRegistry
from app.kernel.rights import ADMINISTRATION, Permission, Rights
from app.reasons import database_reason, os_reason
from app.store.engine import make_engine
from app.store.engine import rekey as rekey_database
from app.store.database import Database, StationBusy, StationClosed
from app.store.layout import StationPaths
from app.store.uow import UnitOfWork

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
        in_use: StationInUse | None = None,
    ) -> None:
        self.paths = paths
        # Marked before anything is read, so that no rekey runs under this process (app/kernel/in_use.py).
        self.in_use = in_use or StationInUse.mark(paths)
        self.keyfile = keyfile
        self._db_key = db_key
        self.database = Database(engine)
        self.deps = deps
        self.journal = Journal(keyfile.station_id, deps.clock, state_path(paths.database))
        self.rights = Rights(self)
        # Filled by the modules that keep records (see app/kernel/retention.py).
        self.retention_targets = RetentionRegistry()
        try:
            self.details = self._read_details()
        except BaseException:
            self.in_use.release()
            raise

    @property
    def id(self) -> str:
        return self.keyfile.station_id

    @property
    def clock(self) -> Clock:
        return self.deps.clock

    @property
    def engine(self) -> Engine:
        return self.database.engine

    def backup_key(self) -> bytes:
        """The key a backup of this station is written under: the database's own, so that a backup opens
        and restores as the station does, and its manifest is authenticated by it (app/backup).

        For the backup alone: never logged, never in settings nor in a sync payload.
        """
        if not self._db_key:
            raise StationClosed
        return self._db_key

    def uow(self) -> UnitOfWork:
        """A unit of work that may write: it takes the write lock at its first statement."""
        return UnitOfWork(self.database)

    def read(self) -> UnitOfWork:
        """A unit of work that only reads, on a snapshot: it never waits for a writer."""
        return UnitOfWork(self.database, write=False)

    def set_password_slot(self, user_id: str, login: str, password: str) -> None:
        """Let this user's password open the station (replacing any older slot)."""
        db_key, params = self._db_key, self.deps.kdf.params()
        change_keys(self.keyfile, lambda keys: keys.set_password_slot(user_id, login, password, db_key, params))

    def remove_password_slot(self, user_id: str) -> None:
        change_keys(self.keyfile, lambda keys: keys.remove_password_slot(user_id))

    def follow_credential(self, user_id: str, unlock: dict | None) -> None:
        """An account's password changed, or the account was disabled, on another station: from now on
        its password opens this station as it opens that one (*unlock*: the account's unlock key as it
        travelled, app/crypto/keyslots.py), and a disabled account's opens nothing. Called after the
        commit of what brought it (a key file cannot roll back with a transaction)."""
        with self.read() as uow:
            user = uow.session.get(User, user_id)
            login, active = (user.login, user.active) if user is not None else ("", False)
        if not active or unlock is None:
            self.remove_password_slot(user_id)
            return
        db_key = self._db_key
        try:
            change_keys(self.keyfile, lambda keys: keys.adopt_password_slot(user_id, login, unlock, db_key))
        except (ValueError, TypeError, KeyError) as exc:
            log.warning("an unlock key received for an account is not usable (%s): its slot is removed", exc)
            self.remove_password_slot(user_id)

    @contextmanager
    def key_changes(self, user_id: str) -> Iterator[None]:
        """Changes of *user_id*'s slots that stand or fall with the transaction committed inside this block.

        Slots are written before the commit, so that a key file that cannot be
        written cancels the operation; if the commit then fails, the slots as
        they were are written back, and an old password never outlives its change.
        """
        before = copy.deepcopy(self.keyfile.slots)
        try:
            yield
        except BaseException:
            try:  # the account's slots as they were; what other processes wrote meanwhile stays
                change_keys(self.keyfile, lambda keys: keys.put_back_password_slots(user_id, before))
            except StationError as exc:
                log.error("the key file could not be put back after a failed operation: %s", exc)
            raise

    def close(self) -> None:
        """Wait for the units of work still running (background tasks), then close the database."""
        self.database.close()
        self._db_key = b""
        self.in_use.release()

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
        key file stops opening the station. The rekey's journal entry is written
        once the database is under its new key: a rekey that failed is never
        journaled as done. One that fails (a full disk) leaves the database under
        its old key and drops the staged one; a disk without room for a second
        copy of the database is refused before anything is touched.
        """
        self.rights.require(actor, Permission.ADMINISTER_STATION)
        self._room_for_rekey()
        with self.in_use.alone():  # no other process reads the pages rewritten, nor seals to the old key
            self._rekey(actor)

    def _rekey(self, actor: Actor) -> None:
        with self.read() as uow:
            disabled = uow.session.scalars(select(User.id).where(User.active.is_(False))).all()
        new_key = new_database_key()

        def stage(keys: KeyFile) -> None:
            for user_id in disabled:
                keys.remove_password_slot(user_id)
            keys.stage_next_key(self.deps.secrets, new_key)

        change_keys(self.keyfile, stage)
        # No unit of work runs while pages are rewritten and the engine is swapped under them.
        with self.database.exclusive():
            try:
                rekey_database(self.engine, new_key)
            except Exception as exc:  # SQLCipher's own errors, below SQLAlchemy: raw connection
                self._rekey_failed(exc)
            self._db_key = new_key
            self.database.replace_engine(make_engine(self.paths.database, new_key))
        # Were this save to fail, both keys stay in the slots and the next opening settles them.
        change_keys(self.keyfile, KeyFile.commit_next_key)
        self._journal_rekey(actor)

    def _room_for_rekey(self) -> None:
        """SQLCipher writes every page again through the -wal: the disk needs the database's size free, and more."""
        files = (self.paths.database, self.paths.wal)
        needed = sum(f.stat().st_size for f in files if f.exists()) + REKEY_MARGIN
        free = shutil.disk_usage(self.paths.root).free
        if free < needed:
            raise StationError(REKEY_NO_ROOM, path=str(self.paths.root), needed=_megabytes(needed),
                               free=_megabytes(free))

    def _rekey_failed(self, exc: Exception) -> NoReturn:
        """The database stays under its old key (SQLCipher rolls the rewrite back); the staged key is dropped."""
        self.engine.dispose()  # connections the failure left mid-transaction are not reused
        try:
            change_keys(self.keyfile, KeyFile.drop_next_key)
        except StationError:  # both keys are still in the slots: the next opening settles them
            log.warning("the key file could not be written back after a failed rekey")
        raise (storage_error(exc, self.paths.root)
               or StationError(REKEY_FAILED, path=str(self.paths.database), reason=database_reason(exc))) from exc

    def _journal_rekey(self, actor: Actor) -> None:
        """The entry of a rekey that is done; on a full disk, the reserve is given up for it."""
        from app.store import reserve

        def write() -> None:
            with self.uow() as uow:
                self.journal.append(uow.session, Operation.ADMINISTER, actor, compartment=ADMINISTRATION,
                                    record_kind="station", record_id=self.id, detail="rekey")
                uow.commit()

        try:
            write()
        except DiskFull:
            if not reserve.release(self.paths):
                raise
            try:
                write()
            finally:
                reserve.ensure(self.paths)


REKEY_MARGIN = 2 * 1024 * 1024
REKEY_FAILED = QT_TRANSLATE_NOOP(
    "errors", "The database {path} could not be re-encrypted ({reason}): it stays under its old key, and the "
              "passwords and the recovery code open it as before.")
REKEY_NO_ROOM = QT_TRANSLATE_NOOP(
    "errors", "Not enough room on the disk of {path} to re-encrypt the database: it needs {needed} MB free, and "
              "{free} MB are. Nothing was changed; free some space, then try again.")


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f}".replace(".", ",")


def change_keys(keyfile: KeyFile, change: Callable[[KeyFile], object]) -> None:
    """Change the key file's slots as the file holds them now, under its lock (KeyFile.changing); a folder that
    refuses it is an error to show, not a traceback."""
    try:
        with keyfile.changing():
            change(keyfile)
    except LockTimeout as exc:
        raise StationBusy from exc
    except OSError as exc:
        raise StationError(
            QT_TRANSLATE_NOOP("errors", "Cannot write in the folder {path}: {reason}."),
            path=str(keyfile.path.parent),
            reason=os_reason(exc),
        ) from exc


def actor_of(user: User) -> Actor:
    return Actor(
        user_id=user.id,
        login=user.login,
        full_name=user.full_name,
        matricule=user.matricule,
        role=str(user.role),
        grade=user.grade,
    )
