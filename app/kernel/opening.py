"""Opening a station: with a password, the OS keyring or the recovery code; an interrupted rekey settled."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DatabaseError, OperationalError

from app.crypto.keyslots import KeyFile, KeyFileError, SlotLocked
from app.errors import (
    QT_TRANSLATE_NOOP,
    BadCredentials,
    NotAFolder,
    StationError,
    StorageFailed,
    disk_failed,
    folder_state,
    storage_error,
)
from app.filelock import LockTimeout
from app.models import Operation
from app.store import migrate, reserve
from app.store.engine import CannotOpen, make_engine
from app.store.layout import StationPaths

from app.kernel.pending_events import import_pending_events, record_pending_event
from app.kernel.deps import StationDeps
from app.kernel.in_use import StationInUse
from app.kernel.station import Station

log = logging.getLogger("vigie.station")


# -- opening a station ---------------------------------------------------------


def load_keyfile(paths: StationPaths) -> KeyFile:
    if paths.root.exists() and not paths.root.is_dir():
        raise NotAFolder(path=str(paths.root), file=str(paths.root))
    if not paths.keys.exists():
        if paths.database.exists():
            raise StationError(
                QT_TRANSLATE_NOOP("errors", "The key file {path} is missing: the database cannot be opened without it."),
                path=str(paths.keys),
            )
        raise no_station(paths)
    try:
        return KeyFile.load(paths.keys)
    except KeyFileError as exc:
        raise _damaged_key_file(paths) from exc


def _damaged_key_file(paths: StationPaths) -> StationError:
    return StationError(
        QT_TRANSLATE_NOOP("errors", "The key file {path} is unreadable or damaged."), path=str(paths.keys)
    )


def no_station(paths: StationPaths) -> StationError:
    return StationError(QT_TRANSLATE_NOOP("errors", "No station in {path}. Create one with \u201cvigie init\u201d."),
                        path=str(paths.root))


@contextmanager
def _marked(paths: StationPaths) -> Iterator[tuple[StationInUse, KeyFile]]:
    """The station marked as open by this process (after any rekey under way), and its key file as that rekey
    left it; the mark let go if the opening fails."""
    load_keyfile(paths)  # a folder that is no station is told as such, and gets no mark
    mark = StationInUse.mark(paths)
    try:
        yield mark, load_keyfile(paths)
    except BaseException:
        mark.release()
        raise


def open_with_keys(paths: StationPaths, keyfile: KeyFile, keys: list[bytes], deps: StationDeps,
                   mark: StationInUse | None = None) -> Station:
    """Open the database with the first candidate key that works, upgrade it, finish a rekey."""
    if mark is None:
        with _marked(paths) as (mark, _keyfile):
            return open_with_keys(paths, keyfile, keys, deps, mark)
    if not paths.database.exists():
        raise StationError(
            QT_TRANSLATE_NOOP("errors", "The database {path} is missing."), path=str(paths.database)
        )
    reserve.ensure(paths)
    if paths.database.stat().st_size == 0:
        # SQLite would take an empty file for a new database and write a header into it.
        raise _unreadable_database(paths)
    for index, key in enumerate(keys):
        try:
            engine = make_engine(paths.database, key)
        except CannotOpen:
            continue
        upgrading = True  # the key opened it: what fails now is bringing it up to date, or reading it
        try:
            migrate.bring_up_to_date(engine, paths.database, paths.backups)
            upgrading = False
            station = Station(paths, keyfile, key, engine, deps, mark)
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
        except (migrate.NoSchema, DatabaseError, OperationalError, StorageFailed, OSError) as exc:
            engine.dispose()
            log.error("the database %s did not open: %s", paths.database, exc, exc_info=exc)
            # A full disk or a read-only folder is told as such, never as a database that is not ours.
            known = storage_error(exc, paths.root) or folder_state(paths.root)
            if known is None and upgrading and disk_failed(exc):
                known = _not_upgraded(paths)  # not "another station's": its key opened it
            raise (known or _unreadable_database(paths)) from exc
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


def _not_upgraded(paths: StationPaths) -> StationError:
    """An upgrade that failed (a disk error): its transaction left the database as it was."""
    return StationError(
        QT_TRANSLATE_NOOP(
            "errors",
            "The database {path} could not be brought up to date for this version of Vigie: it was left as "
            "it was. Check the disk, then try again (the station's log files say what failed).",
        ),
        path=str(paths.database),
    )


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
    try:
        with keyfile.changing():
            if used_next_key:
                keyfile.commit_next_key()
            else:
                keyfile.drop_next_key()
    except (OSError, LockTimeout) as exc:  # both keys are still in the slots: the next opening settles them
        log.warning("an interrupted rekey could not be settled yet: %s", exc)


def open_with_password(paths: StationPaths, login: str, password: str, deps: StationDeps) -> tuple[Station, str]:
    """Open the station with a user's password slot; returns it and the user's id.

    A failure cannot be journaled in a database that is still locked: it is
    sealed to the station's public key and imported at the next opening.
    """
    with _marked(paths) as (mark, keyfile):
        try:
            user_id, keys = keyfile.open_password(login, password)
        except SlotLocked:
            record_pending_event(paths, keyfile, deps.clock, Operation.LOGIN_FAILED, login)
            raise BadCredentials from None
        except KeyFileError as exc:
            raise _damaged_key_file(paths) from exc
        return open_with_keys(paths, keyfile, keys, deps, mark), user_id


def open_with_keyring(paths: StationPaths, deps: StationDeps) -> Station | None:
    """Open the station with the OS keyring's slot, or None when that slot cannot."""
    if not load_keyfile(paths).has_keyring_slot():
        return None
    with _marked(paths) as (mark, keyfile):
        try:
            keys = keyfile.open_keyring(deps.secrets)
        except SlotLocked:
            log.warning("the keyring slot did not open; using password slots")
            mark.release()
            return None
        return open_with_keys(paths, keyfile, keys, deps, mark)


def open_with_recovery(paths: StationPaths, code: str, deps: StationDeps) -> Station:
    with _marked(paths) as (mark, keyfile):
        try:
            keys = keyfile.open_recovery(code)
        except SlotLocked:
            record_pending_event(paths, keyfile, deps.clock, Operation.LOGIN_FAILED, "", detail="recovery code")
            raise BadCredentials(QT_TRANSLATE_NOOP("errors", "Incorrect recovery code.")) from None
        except KeyFileError as exc:
            raise _damaged_key_file(paths) from exc
        return open_with_keys(paths, keyfile, keys, deps, mark)
