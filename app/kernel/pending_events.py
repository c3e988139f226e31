"""Login events written before the database is open: sealed to the station's public key, imported at the next opening.

The count of failed passwords that locks an account lives here too (count_failed_password): the
events imported here, a login with the station open and a signature's password all feed it.
"""

from __future__ import annotations

import json
import logging
import os
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.journal import loggable_login
from app.clock import Clock
from app.crypto import aead
from app.crypto.keyslots import KeyFile
from app.errors import StorageFailed, storage_error
from app.ids import new_id
from app.models import JournalEntry, Operation, StationInfo, User
from app.kernel.settings import read_setting
from app.reasons import os_reason
from app.store.layout import StationPaths

from app.kernel.station import Station

log = logging.getLogger("vigie.station")


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
        # Told, not swallowed: an attempt that leaves no trace must not read as an ordinary refusal.
        # On a nearly full disk the gate gave up the reserve first (app/store/reserve.py).
        log.error("cannot keep a failed login for the journal: %s", exc.strerror)
        raise (storage_error(exc, paths.root) or StorageFailed(path=str(paths.pending_events),
                                                               reason=os_reason(exc))) from exc


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
            at = datetime.fromisoformat(event["at"])
            # Found by its time first (the journal's ids are not indexed: migration 0016), then its id.
            exists = uow.session.scalar(select(JournalEntry.seq).where(JournalEntry.at == at,
                                                                       JournalEntry.id == event["id"]))
            if exists is not None:
                continue
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
    if user is not None:
        count_failed_password(session, user, at)


# -- the lockout ------------------------------------------------------------------


def is_locked(user: User, at: datetime) -> bool:
    return user.locked_until is not None and user.locked_until > at


def count_failed_password(session: Session, user: User, at: datetime) -> bool:
    """One more wrong password for *user* at *at*; True when it locks the account now.

    Attempts on a locked account do not lengthen the lock (nor count toward the next one).
    """
    if is_locked(user, at):
        return False
    user.failed_attempts += 1
    if user.failed_attempts < read_setting(session, "lockout_threshold"):
        return False
    user.locked_until = at + timedelta(minutes=read_setting(session, "lockout_minutes"))
    user.failed_attempts = 0
    return True
