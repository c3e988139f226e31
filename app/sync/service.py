"""The station's sync, as the screens and the command line call it: enrol, sync, status, approve
a new station, settle conflicts. Rights are checked in the unit of work that acts."""

from __future__ import annotations

import json
import logging
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from app.audit.actor import Actor
from app.audit.stations import follow_remote_purges
from app.errors import QT_TRANSLATE_NOOP, InvalidInput, VigieError
from app.kernel.outbox import queue_held
from app.kernel.rights import Permission
from app.kernel.settings import read_setting
from app.kernel.work import Changes, Kernel
from app.models import Operation
from app.models.sync import SyncAccount, SyncConflict, SyncRefused
from app.sync import protocol
from app.sync.engine import (SKEW_TOLERANCE, Progress, SyncEngine, SyncReport, count_journal_waiting,
                             count_waiting)
from app.sync.envelope import ServiceKeys, fingerprint, seal_keys
from app.sync.settling import Conflict, described, list_conflicts, resolve_conflict
from app.sync.transport import SyncOffline, SyncRefused as ServerRefused, Transport, reaching
from app.sync.welcome import APPROVED, welcome_for

log = logging.getLogger("vigie.sync")

TransportFactory = Callable[[str, str | None], Transport]


class NotEnrolled(VigieError):
    message = QT_TRANSLATE_NOOP("errors", "This station is not enrolled with a sync server.")


class AlreadyEnrolled(VigieError):
    message = QT_TRANSLATE_NOOP("errors", "This station is already enrolled with the sync server {url}.")


class RegistrationRefused(VigieError):
    message = QT_TRANSLATE_NOOP("errors", "The server refused the hosting token: it is unknown or already used.")


class PairingNotFound(VigieError):
    message = QT_TRANSLATE_NOOP("errors", "No station is waiting with this pairing code (unknown, expired or used).")


@dataclass(frozen=True)
class SyncStatus:
    """What the status bar and `vigie sync status` show."""

    enrolled: bool
    server_url: str = ""
    waiting: int = 0
    journal_waiting: int = 0
    last_sync: datetime | None = None
    conflicts: int = 0
    refused: int = 0
    clock_skew: float = 0.0
    last_error: str = ""  # the last sync's failure (JSON: its message and parameters), "" after a sync that ended
    station_number: int = 0  # this station's in the service (docs/numbering.md), 0 when not enrolled

    @property
    def clock_off(self) -> bool:
        return abs(self.clock_skew) > SKEW_TOLERANCE

    @property
    def offline(self) -> bool:
        """Whether the last attempt found the server unreachable."""
        failure = self.failure
        return failure is not None and failure.message == SyncOffline.message

    @property
    def failure(self) -> VigieError | None:
        """Why the last sync failed (offline, refused by the server), None when it ended well."""
        try:
            said = json.loads(self.last_error)
            return VigieError(str(said["message"]), **{str(k): str(v) for k, v in dict(said["params"]).items()})
        except (ValueError, TypeError, KeyError):
            return None  # none, or as an older version kept it (the error's class alone)


@dataclass(frozen=True)
class PendingStation:
    code: str
    fingerprint: str
    public_key: bytes


def _default_transport(url: str, token: str | None) -> Transport:
    return Transport(url, token)


class SyncService:
    def __init__(self, kernel: Kernel, transports: TransportFactory = _default_transport) -> None:
        self.kernel = kernel
        self.station = kernel.station
        self._transports = transports
        # The first sync of each session of the station looks for attachment files missing or damaged here.
        self._files_checked = False
        # Envelopes refused as not applicable by an older Vigie are tried at the session's first sync: this
        # version marks those it tries, so none becomes due during the session (app/sync/pull_retry.py).
        self._refusals_tried = False

    # -- enrolment --------------------------------------------------------------------------

    def register(self, actor: Actor, url: str, registration_token: str, device_name: str = "") -> str:
        """The first station of a service: the server makes the tenant's device, the service's keys are drawn."""
        url = _checked_url(url)
        with self.kernel.administer(actor, Permission.ADMINISTER_STATION, write=False) as work:
            existing = work.session.get(SyncAccount, 1)
            if existing is not None:
                raise AlreadyEnrolled(url=existing.server_url)
        name = device_name or socket.gethostname() or self.station.details.service_name
        with self._transports(url, None) as transport, reaching(url):
            try:
                body = transport.json("POST", protocol.REGISTER, auth=False,
                                      body={"registration_token": registration_token.strip(),
                                            "device_name": name[:protocol.MAX_DEVICE_NAME]})
            except ServerRefused as refused:
                if refused.status in (401, 403, 404):
                    raise RegistrationRefused from refused
                raise
        self.enrol(actor, url, body["tenant_id"], body["device_id"], body["device_token"], ServiceKeys.draw(),
                   first=True)
        return body["tenant_id"]

    def enrol(self, actor: Actor | None, url: str, tenant_id: str, device_id: str, token: str,
              keys: ServiceKeys, first: bool = False) -> None:
        """Keep what the server and the service gave this station, in its encrypted database. *first*: the
        station makes the service, and every record it holds goes out (queued now if it never was)."""
        work_context = (self.kernel.administer(actor, Permission.ADMINISTER_STATION) if actor is not None
                        else self.kernel.system("administration"))
        with work_context as work:
            work.session.add(SyncAccount(id=1, server_url=url, tenant_id=tenant_id, device_id=device_id,
                                         device_token=token, sync_key=keys.sync_key, handle_key=keys.handle_key,
                                         checkpoint=0, journal_pushed=0, enrolled_at=work.now, clock_skew=0.0,
                                         last_error=""))
            queued = queue_held(work.session, work.kernel.clock, self.kernel.kinds) if first else 0
            work.journal(Operation.ADMINISTER, kind="sync", detail=f"enrolled with {url}"
                         + (f", {queued} records held and never queued are queued" if queued else ""))
            work.changed("sync")
            work.commit()

    # -- syncing ----------------------------------------------------------------------------

    def sync(self, actor: Actor | None = None, progress: Progress | None = None) -> SyncReport:
        """One sync now. Offline raises SyncOffline, which callers show as a state, not an error."""
        account = self._account()
        with self._transports(account.server_url, account.device_token) as transport:
            try:
                report = SyncEngine(self.station, self.kernel.kinds, transport, progress).run(
                    account, check_files=not self._files_checked, retry=not self._refusals_tried)
                self._files_checked = self._refusals_tried = True
            except (SyncOffline, ServerRefused) as failure:
                self._remember_error(failure)
                raise
        if report.pulled.journal:  # another station's purge reached here: its entries go here too
            follow_remote_purges(self.station)
        areas = {self.kernel.kinds[name].compartment for name in report.pulled.kinds if name in self.kernel.kinds}
        self.kernel.publish(Changes(frozenset(areas | {"sync"})))  # the status bar reads the sync's state again
        return report

    def _remember_error(self, failure: VigieError) -> None:
        from sqlalchemy import update

        with self.station.uow() as uow:
            uow.session.execute(update(SyncAccount).where(SyncAccount.id == 1)
                                .values(last_error=json.dumps({"message": failure.message, "params": {
                                    name: str(value) for name, value in failure.params.items()}})))
            uow.commit()
        self.kernel.publish(Changes(frozenset({"sync"})))

    def _account(self) -> SyncAccount:
        with self.station.read() as uow:
            account = uow.session.get(SyncAccount, 1)
            if account is None:
                raise NotEnrolled
            uow.session.expunge(account)
            return account

    def is_enrolled(self) -> bool:
        with self.station.read() as uow:
            return uow.session.get(SyncAccount, 1) is not None

    def status(self) -> SyncStatus:
        with self.station.read() as uow:
            session = uow.session
            account = session.get(SyncAccount, 1)
            if account is None:
                return SyncStatus(enrolled=False, waiting=count_waiting(session))
            return SyncStatus(
                enrolled=True, server_url=account.server_url, waiting=count_waiting(session),
                journal_waiting=count_journal_waiting(session, self.station.id, account.journal_pushed or 0),
                last_sync=account.last_sync_at,
                conflicts=int(session.scalar(select(func.count()).select_from(SyncConflict)) or 0),
                refused=int(session.scalar(select(func.count()).select_from(SyncRefused)) or 0),
                clock_skew=account.clock_skew, last_error=account.last_error,
                station_number=int(read_setting(session, "station_number")))

    # -- conflicts --------------------------------------------------------------------------

    def conflicts(self, actor: Actor) -> list[Conflict]:
        """The conflicts *actor* may settle (write on their compartment), each consultation journaled."""
        from app.kernel.rights import Access, Compartment, holds

        found = list_conflicts(self.kernel)
        with self.station.read() as uow:
            allowed = {c for c in {f.compartment for f in found}
                       if c in set(Compartment) and holds(uow.session, actor, Compartment(c), Access.WRITE)}
            found = described(uow.session, self.station.id, [f for f in found if f.compartment in allowed])
        shown: list[Conflict] = []
        for compartment in sorted(allowed):
            with self.kernel.work(actor, Compartment(compartment), Access.WRITE) as work:
                group = [f for f in found if f.compartment == compartment]
                for conflict in group:
                    work.journal(Operation.CONSULT, conflict.record_id, kind=conflict.record_kind)
                work.commit()
                shown.extend(group)
        return sorted(shown, key=lambda conflict: conflict.id)

    def resolve(self, actor: Actor, conflict: Conflict, chosen: dict) -> None:
        resolve_conflict(self.kernel, actor, conflict, chosen)

    # -- approving a new station ------------------------------------------------------------

    def pending_station(self, actor: Actor, code: str) -> PendingStation:
        """The station waiting with *code*, and the fingerprint of its key, to compare before approving."""
        code = protocol.normalise_pairing_code(code)
        if not protocol.PAIRING_CODE_RE.match(code):
            raise InvalidInput(QT_TRANSLATE_NOOP("errors", "This is not a pairing code."))
        self.station.rights.require(actor, Permission.ADMINISTER_STATION)
        account = self._account()
        with self._transports(account.server_url, account.device_token) as transport, reaching(account.server_url):
            try:
                shown = transport.json("GET", protocol.pairing_path(code))
            except ServerRefused as refused:
                if refused.status in (404, 410):
                    raise PairingNotFound from refused
                raise
        public = protocol.b64decode(shown["public_key"])
        return PendingStation(code, fingerprint(public), public)

    def approve(self, actor: Actor, pending: PendingStation, device_name: str = "") -> int:
        """Seal the service's keys to the waiting station's key, with the service's identity and a station
        number of its own (app/sync/welcome.py); the server makes its device. Returns that number."""
        account = self._account()
        with self.kernel.administer(actor, Permission.ADMINISTER_STATION) as work:
            keys = ServiceKeys(account.sync_key, account.handle_key)
            welcome = welcome_for(work.session)
            sealed = seal_keys(keys, pending.public_key, account.tenant_id, welcome.to_dict())
            with self._transports(account.server_url, account.device_token) as transport, reaching(account.server_url):
                try:
                    answer = transport.json("POST", protocol.approve_path(pending.code),
                                            body={"sealed_keys": protocol.b64encode(sealed),
                                                  "device_name": (device_name or pending.code)[:200]})
                except ServerRefused as refused:
                    if refused.status in (404, 410):
                        raise PairingNotFound from refused
                    raise
            work.journal(Operation.ADMINISTER, kind="sync", record_id=str(answer["device_id"])[:36],
                         detail=APPROVED.format(fingerprint=pending.fingerprint, number=welcome.station_number))
            work.commit()
            return welcome.station_number


def _checked_url(url: str) -> str:
    url = url.strip().rstrip("/")
    if url.endswith(protocol.PREFIX):
        url = url[: -len(protocol.PREFIX)]
    if not url.startswith(("http://", "https://")) or len(url) > 500:
        raise InvalidInput(QT_TRANSLATE_NOOP("errors", "The server address must start with http:// or https://."))
    return url
