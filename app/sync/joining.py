"""A new PC joins a service: a fresh X25519 key, a pairing code, an administrator's approval on an
enrolled station, the service's keys sealed to that key, then the station built and filled.

Neither the server nor anyone who reads the pairing code can open the sealed keys: only the
private key that never left this PC can, and the administrator compares its fingerprint first.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import delete, func, select

from app.crypto import aead
from app.errors import QT_TRANSLATE_NOOP, VigieError, folder_state
from app.kernel.deps import StationDeps
from app.sync import protocol
from app.sync.envelope import ServiceKeys, fingerprint, unseal_keys
from app.sync.transport import SyncOffline, SyncRefused, Transport, reaching
from app.sync.welcome import Welcome

if TYPE_CHECKING:
    from app.kernel.work import Kernel
    from app.bootstrap import Services

log = logging.getLogger("vigie.sync")

POLL_SECONDS = 2.0


class PairingExpired(VigieError):
    message = QT_TRANSLATE_NOOP("errors", "The pairing code expired before an administrator approved it.")


@dataclass(frozen=True)
class Pairing:
    code: str
    claim_secret: str
    private_key: bytes
    public_key: bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)


@dataclass(frozen=True)
class Claimed:
    tenant_id: str
    device_id: str
    device_token: str
    keys: ServiceKeys
    welcome: Welcome | None = None  # None from an approving station of an older Vigie


def open_pairing(transport: Transport) -> Pairing:
    private = X25519PrivateKey.generate()
    public = aead.public_bytes(private.public_key())
    opened = transport.json("POST", protocol.PAIRINGS, auth=False, body={"public_key": protocol.b64encode(public)})
    return Pairing(opened["pairing_code"], opened["claim_secret"], aead.private_bytes(private), public)


def claim(transport: Transport, pairing: Pairing) -> Claimed | None:
    """The keys once approved; None while waiting."""
    try:
        response = transport.request("POST", protocol.PAIRING_CLAIM, auth=False,
                                     body={"pairing_code": pairing.code, "claim_secret": pairing.claim_secret})
    except SyncRefused as refused:
        if refused.status in (404, 410):
            raise PairingExpired from refused
        raise
    if response.status_code == 202:
        return None
    body = response.json()
    keys, welcome = unseal_keys(pairing.private_key, protocol.b64decode(body["sealed_keys"]), body["tenant_id"])
    return Claimed(body["tenant_id"], body["device_id"], body["device_token"], keys, Welcome.from_dict(welcome))


class JoiningInterrupted(VigieError):
    message = QT_TRANSLATE_NOOP("errors", "The sync server {url} stopped answering during the joining: nothing was "
                                          "kept on this computer. Join again once it answers; the other station "
                                          "will approve a new pairing code.")


class JoiningCancelled(VigieError):
    message = QT_TRANSLATE_NOOP("errors", "The joining was cancelled: nothing was kept on this computer.")


def wait_for_approval(transport: Transport, pairing: Pairing, deadline_seconds: float = 600.0,
                      cancel: threading.Event | None = None) -> Claimed:
    """Asks the server every two seconds until an administrator approved (a person's pace, not a test's).

    A *cancel* event set meanwhile (the person gave up waiting) ends the wait at once: JoiningCancelled."""
    cancel = cancel if cancel is not None else threading.Event()
    deadline = time.monotonic() + deadline_seconds
    while time.monotonic() < deadline:
        if cancel.is_set():
            raise JoiningCancelled
        claimed = claim(transport, pairing)
        if claimed is not None:
            return claimed
        if cancel.wait(POLL_SECONDS):
            raise JoiningCancelled
    raise PairingExpired


class NotTheAdministrator(VigieError):
    message = QT_TRANSLATE_NOOP(
        "errors", "The password typed is not that of {login}, an active administrator of the service: the new "
                  "station was removed. Run vigie join again, with that administrator's password.")


class WrongAdministratorPassword(NotTheAdministrator):
    """The account is there, active and an administrator: only the password typed is wrong, which a person
    may type again (a mistyped password must not cost an approval, and with it one of the ten numbers)."""


# Attempts at the administrator's password once the station is approved and filled, the first one included.
ATTEMPTS = 3


class AccountNotReceived(VigieError):
    """No account at all among what the first sync received: the station that registered the service has
    not synced since, so no password can be checked."""

    message = QT_TRANSLATE_NOOP(
        "errors", "No account of the service has reached the sync server yet, {login} among them: the station that "
                  "registered the service has not synced since. Run vigie sync now there (or wait for its automatic "
                  "sync), then vigie join again here; the new station was removed.")


@dataclass(frozen=True)
class Joined:
    """A station that joined: how many records its first sync received, and its own recovery code
    (each station has its database key and so its recovery code; shown once, as at creation)."""

    records: int
    recovery_code: str
    station_number: int  # given by the approving station (1 from an older Vigie: to be set by an administrator)


def join_service(data_dir: Path, server_url: str, admin_login: str, admin_password: str,
                 shown: Callable[[str, str], None], deps: StationDeps | None = None,
                 cancel: threading.Event | None = None,
                 ask_again: Callable[[int], str | None] | None = None) -> Joined:
    """Make a station in *data_dir* that belongs to the service: what it received, and its recovery code.

    The station is made in its joining mode (no account of its own, nothing queued), enrolled, and filled
    by its first sync; then the administrator's password, checked against the service's account, opens
    it. A wrong one is journaled as a failed login and *ask_again(attempt)* gives the next (None: given
    up), up to ATTEMPTS in all, the station kept open meanwhile. A joining that fails at any point after
    the approval leaves the folder as it was. A *cancel* event set before the end of the first sync, or
    while a password is asked again, ends the joining (JoiningCancelled) with nothing left.
    """
    from app.bootstrap import build_gate
    from app.kernel.creating import check_empty_folder
    from app.sync.service import _checked_url

    url = _checked_url(server_url)
    # A folder that cannot take a station is said before a code is shown, not after an approval.
    unusable = folder_state(data_dir)
    if unusable is not None:
        raise unusable
    gate = build_gate(data_dir, deps)
    if not gate.needs_creation():
        raise VigieError(QT_TRANSLATE_NOOP("errors", "A station already exists in {path}."), path=str(data_dir))
    check_empty_folder(gate.paths)  # said before a code is shown, not after an approval
    with Transport(url) as transport, reaching(url):
        pairing = open_pairing(transport)
        shown(pairing.code, pairing.fingerprint)
        claimed = wait_for_approval(transport, pairing, cancel=cancel)
    cancelled = cancel.is_set if cancel is not None else lambda: False
    # From the claim on, the server holds a valid token for this station: any failure gives it up. (A station
    # that could not be made removed what it began; the folder may hold what another made meanwhile.)
    try:
        if cancelled():
            raise JoiningCancelled
        recovery_code = gate.create_joining(claimed.welcome)
    except BaseException:
        give_up_device(url, claimed.device_token)
        raise
    try:
        services = gate.opened()
        services.sync.enrol(None, url, claimed.tenant_id, claimed.device_id, claimed.device_token, claimed.keys)
        report = services.sync.sync()
        if cancelled():  # given up during the first sync: the station goes, as on any failure
            raise JoiningCancelled
        opened_by_administrator(services, admin_login, admin_password, ask_again, cancelled)
    except BaseException as failed:
        gate.discard()
        give_up_device(url, claimed.device_token)
        if isinstance(failed, SyncOffline):
            raise JoiningInterrupted(url=url) from failed
        raise
    gate.close()
    return Joined(report.pulled.records, recovery_code, claimed.welcome.station_number if claimed.welcome else 1)


def give_up_device(url: str, device_token: str) -> None:
    """A joining that failed after its approval: its device token is revoked on the server, not left
    valid for a station that no longer exists. Offline by then, the token stays until an administrator
    revokes it (`vigie-server device revoke`), and the log says so."""
    try:
        with Transport(url, device_token) as transport:
            transport.request("DELETE", protocol.DEVICE_SELF)
    except (SyncOffline, SyncRefused) as failed:
        log.warning("the failed joining's device could not revoke its token on the server: %s", failed)


def opened_by_administrator(services: Services, login: str, password: str,
                            ask_again: Callable[[int], str | None] | None, cancelled: Callable[[], bool]) -> None:
    """open_for_administrator, with the password asked again after a wrong one (up to ATTEMPTS in all).

    Each wrong password is journaled, as any failed login is, in its own unit of work. The journal syncs:
    when the joining ends without the right one (the last attempt wrong, given up, cancelled), the entries
    are pushed before the station goes, so that the service's other stations see who tried passwords on a
    station they had approved."""
    wrong = 0
    try:
        for attempt in range(1, ATTEMPTS + 1):
            try:
                open_for_administrator(services.station, login, password)
                return
            except WrongAdministratorPassword:
                wrong += 1
                journal_wrong_password(services.kernel, login)
                if ask_again is None or attempt == ATTEMPTS:
                    raise
            typed = ask_again(attempt + 1)
            if cancelled():  # given up while asked: the station goes, as on any failure
                raise JoiningCancelled
            if typed is None:
                raise NotTheAdministrator(login=login)
            password = typed
    except BaseException:
        if wrong:
            push_before_leaving(services)
        raise


def push_before_leaving(services: Services) -> None:
    """The station's journal sent to the server before the station is removed; offline, it goes unsent
    (the station's log says so), and the joining ends as it was going to."""
    try:
        services.sync.sync()
    except Exception:  # noqa: BLE001 - the joining's own end is what the person is told
        log.warning("the failed joining's journal could not be sent to the server", exc_info=True)


def journal_wrong_password(kernel: Kernel, login: str) -> None:
    """A wrong administrator's password at joining, journaled as accounts.py journals a failed login (its
    lockout count aside: the account is not logged in here, the joining ends after ATTEMPTS anyway)."""
    from app.kernel.station import ADMINISTRATION
    from app.models import Operation, User

    with kernel.system(ADMINISTRATION) as work:
        user = work.session.scalar(select(User).where(User.login == login.strip().casefold()))
        assert user is not None  # open_for_administrator found it
        work.journal(Operation.LOGIN_FAILED, user.id, kind="user", login=user.login, detail="wrong password")
        work.commit()


def open_for_administrator(station, login: str, password: str) -> None:
    """The administrator's password, checked against the service's account just received, opens the station.

    Their unlock key came with their account (docs/keys.md), so their slot is there already; an account
    whose unlock key never travelled (made before it did) gets one from the password, now proven."""
    from app.crypto.kdf import verify_password
    from app.crypto.keyslots import SlotLocked
    from app.models import Role, User

    with station.read() as uow:
        user = uow.session.scalar(select(User).where(User.login == login.strip().casefold()))
        found = None if user is None else (user.id, user.login, user.active, user.role, user.password_hash)
        received = user is not None or uow.session.scalar(select(func.count()).select_from(User)) > 0
    if not received:  # no account at all: the service's stations have not synced since it was registered
        raise AccountNotReceived(login=login)
    if found is None:
        raise NotTheAdministrator(login=login)
    if not found[2] or found[3] != Role.ADMINISTRATEUR:
        raise NotTheAdministrator(login=login)
    if not verify_password(password, found[4]):
        raise WrongAdministratorPassword(login=login)
    try:
        if station.keyfile.open_password(found[1], password)[0] == found[0]:
            return
    except SlotLocked:
        pass
    station.set_password_slot(found[0], found[1], password)


def forget_own_beginnings(kernel, first_user_id: str) -> None:
    """What a station made the ordinary way queued (its first account, default settings) never travels when
    it then joins a service: the service's own records come from the other stations instead. Its first
    account, if named, steps aside. (`vigie join` makes its station in the joining mode, which queues
    nothing: app/kernel/creating.py.)"""
    from app.models import OutboxChange, User

    with kernel.system("administration") as work:
        work.session.execute(delete(OutboxChange))
        user = work.session.get(User, first_user_id) if first_user_id else None
        if user is not None:
            user.login = f"join-{first_user_id[-12:]}"
            user.active = False
        work.commit()
