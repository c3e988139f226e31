"""Tenants, devices and their tokens, the access log and the rate limit on failed authentication.

Tokens are kept as their SHA-256 only. The rate limit reads the access log, which is in the
database: it holds across every server process on one PostgreSQL.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Row, ScalarSelect, Select, bindparam, delete, func, insert, literal, select, text, true
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from app.server.errors import ApiError
from app.server.models import AccessLog, Device, RegistrationToken, Tenant, UTCDateTime
from app.server.settings import ServerSettings
from app.sync import protocol

# Outcomes of the access log that count as failed authentication: guesses. A revoked device's token is no
# guess (the server made it): an old PC still trying it is refused and recorded, and does not lock out the
# other stations of its police station, which reach the server from the same address.
UNAUTHORIZED = "unauthorized"          # unknown token
REVOKED = "revoked"                    # a revoked device's token
BAD_REGISTRATION = "bad_registration"  # unknown or used registration token
BAD_CLAIM = "bad_claim"                # a pairing claim with the wrong secret
FAILED_AUTHENTICATION = (UNAUTHORIZED, BAD_REGISTRATION, BAD_CLAIM)
RATE_LIMITED = "rate_limited"
PAIRING_OPENED = "pairing_opened"


@dataclass(frozen=True)
class Caller:
    """The device a request was authenticated as."""

    device_id: str
    tenant_id: str
    # The tenant's latest sequence number as the request was authenticated (read in the same statement).
    tenant_seq: int = 0


@dataclass(frozen=True)
class Attempt:
    """Who asks what, for the access log."""

    address: str
    endpoint: str


# The statements of every authenticated request, built once (building them is most of their cost).
_RECORD = insert(AccessLog).values(
    at=bindparam("at"), address=bindparam("address"), endpoint=bindparam("endpoint"), outcome=bindparam("outcome"),
    device_id=bindparam("device_id"), tenant_id=bindparam("tenant_id"))


def _failures(address: Any, outcomes: tuple[str, ...], since: Any) -> ScalarSelect[int]:
    # The outcomes are constants of this module, written into the SQL once (no list to expand per request).
    assert all(o.isidentifier() for o in outcomes)
    listed = text("access_log.outcome IN ({})".format(", ".join(f"'{o}'" for o in outcomes)))
    return select(func.count()).select_from(AccessLog).where(
        listed, AccessLog.address == address, AccessLog.at > since).scalar_subquery()


_DEVICE = select(Device.id, Device.tenant_id, Device.revoked_at, Tenant.last_seq.label("tenant_seq")).join(
    Tenant, Tenant.id == Device.tenant_id).where(Device.token_hash == bindparam("token_hash")).subquery()
AUTHENTICATE = select(
    _failures(bindparam("address"), FAILED_AUTHENTICATION, bindparam("since", type_=UTCDateTime())).label("failures"),
    _DEVICE.c.id, _DEVICE.c.tenant_id, _DEVICE.c.revoked_at, _DEVICE.c.tenant_seq,
).select_from(select(literal(1).label("one")).subquery().outerjoin(_DEVICE, true()))


def record_values(attempt: Attempt, outcome: str, now: datetime, device_id: str | None = None,
                  tenant_id: str | None = None) -> dict[str, Any]:
    """One access log row, as record() and the access log writer (app/server/recorder.py) write it."""
    return {"at": now, "address": attempt.address[:64], "endpoint": attempt.endpoint[:80], "outcome": outcome[:32],
            "device_id": device_id, "tenant_id": tenant_id}


def record(session: Session, attempt: Attempt, outcome: str, now: datetime,
           device_id: str | None = None, tenant_id: str | None = None) -> None:
    session.connection().execute(_RECORD, record_values(attempt, outcome, now, device_id, tenant_id))


def record_many(session: Session, rows: list[dict[str, Any]]) -> None:
    record_rows(session.connection(), rows)


def record_rows(connection: Connection, rows: list[dict[str, Any]]) -> None:
    if rows:
        connection.execute(_RECORD, rows)


def _recent(session: Session, address: str, outcomes: tuple[str, ...], since: datetime) -> int:
    return int(session.scalar(select(_failures(address, outcomes, since))) or 0)


def _limited(session: Session, attempt: Attempt, now: datetime) -> ApiError:
    session.rollback()  # a transaction of its own (a read's snapshot on SQLite cannot become a write)
    record(session, attempt, RATE_LIMITED, now)
    session.commit()
    return _recorded(ApiError(429, protocol.ERROR_RATE_LIMITED, "too many failed authentications, try again later"))


def refuse_if_limited(session: Session, settings: ServerSettings, attempt: Attempt, now: datetime) -> None:
    """429 (recorded) once the address has failed authentication too often lately."""
    failures = _recent(session, attempt.address, FAILED_AUTHENTICATION, now - settings.auth_failure_window)
    if failures >= settings.auth_failure_limit:
        raise _limited(session, attempt, now)


def refuse_pairing_if_limited(session: Session, settings: ServerSettings, attempt: Attempt, now: datetime) -> None:
    opened = _recent(session, attempt.address, (PAIRING_OPENED,), now - settings.pairing_window)
    if opened >= settings.pairing_limit:
        record(session, attempt, RATE_LIMITED, now)
        session.commit()
        raise _recorded(ApiError(429, protocol.ERROR_RATE_LIMITED, "too many pairings opened, try again later"))


def fail(session: Session, attempt: Attempt, outcome: str, now: datetime, error: ApiError,
         device_id: str | None = None, tenant_id: str | None = None) -> ApiError:
    """Record a refusal in its own transaction (the request's work is rolled back) and return it."""
    session.rollback()
    record(session, attempt, outcome, now, device_id, tenant_id)
    session.commit()
    return _recorded(error)


def _recorded(error: ApiError) -> ApiError:
    error.recorded = True
    return error


def bearer_token(authorization: str | None) -> str | None:
    if not authorization:
        return None
    scheme, _, token = authorization.partition(" ")
    return token.strip() if scheme.lower() == protocol.BEARER.lower() and token.strip() else None


def authenticate(session: Session, settings: ServerSettings, attempt: Attempt, authorization: str | None,
                 now: datetime) -> Caller:
    """The calling device, read with the address's recent failures in one statement (the hot path)."""
    return authenticate_with(session, settings, attempt, authorization, now, AUTHENTICATE)[0]


def authenticate_with(session: Session, settings: ServerSettings, attempt: Attempt, authorization: str | None,
                      now: datetime, statement: Select[Any], params: dict[str, Any] | None = None
                      ) -> tuple[Caller, list[Row[Any]]]:
    """authenticate() by a statement whose every row carries AUTHENTICATE's columns, and whatever else it
    reads once they pass (an endpoint's work in the same round trip): the caller and the rows."""
    token = bearer_token(authorization)
    rows = list(session.connection().execute(statement, {
        "token_hash": protocol.token_hash(token) if token is not None else "", "address": attempt.address,
        "since": now - settings.auth_failure_window, "failure_limit": settings.auth_failure_limit,
        **(params or {})}))
    row = rows[0]
    if int(row.failures or 0) >= settings.auth_failure_limit:
        raise _limited(session, attempt, now)
    refused = ApiError(401, protocol.ERROR_UNAUTHORIZED, "unknown or revoked device token")
    if row.id is None:
        raise fail(session, attempt, UNAUTHORIZED, now, refused)
    if row.revoked_at is not None:
        raise fail(session, attempt, REVOKED, now, refused, row.id, row.tenant_id)
    return Caller(device_id=row.id, tenant_id=row.tenant_id, tenant_seq=int(row.tenant_seq or 0)), rows


def add_tenant(session: Session, name: str, now: datetime) -> tuple[Tenant, str]:
    """A new tenant and its one-time registration token (returned once, kept hashed)."""
    tenant = Tenant(id=str(uuid.uuid4()), name=name, last_seq=0, created_at=now)
    token = protocol.new_token()
    session.add(tenant)
    session.flush()
    session.add(RegistrationToken(token_hash=protocol.token_hash(token), tenant_id=tenant.id, created_at=now))
    return tenant, token


def new_device(session: Session, tenant_id: str, name: str, now: datetime, with_token: bool = True
               ) -> tuple[Device, str | None]:
    token = protocol.new_token() if with_token else None
    device = Device(id=str(uuid.uuid4()), tenant_id=tenant_id, name=name[:protocol.MAX_DEVICE_NAME],
                    token_hash=protocol.token_hash(token) if token else None, created_at=now)
    session.add(device)
    session.flush()
    return device, token


def register(session: Session, settings: ServerSettings, attempt: Attempt, registration_token: str,
             device_name: str, now: datetime) -> protocol.Enrolment:
    refuse_if_limited(session, settings, attempt, now)
    row = session.scalar(select(RegistrationToken).where(
        RegistrationToken.token_hash == protocol.token_hash(registration_token)).with_for_update())
    if row is None or row.used_at is not None:
        raise fail(session, attempt, BAD_REGISTRATION, now,
                   ApiError(403, protocol.ERROR_FORBIDDEN, "unknown or already used registration token"))
    row.used_at = now
    device, token = new_device(session, row.tenant_id, device_name, now)
    assert token is not None
    record(session, attempt, "registered", now, device.id, row.tenant_id)
    return {"tenant_id": row.tenant_id, "device_id": device.id, "device_token": token}


def revoke(session: Session, device_id: str, now: datetime) -> Device | None:
    device = session.get(Device, device_id)
    if device is not None and device.revoked_at is None:
        device.revoked_at = now
    return device


def devices(session: Session) -> list[tuple[Device, Tenant]]:
    rows = session.execute(select(Device, Tenant).join(Tenant, Device.tenant_id == Tenant.id)
                           .order_by(Tenant.name, Device.created_at))
    return [(device, tenant) for device, tenant in rows]


def purge_access_log(session: Session, settings: ServerSettings, now: datetime) -> int:
    result = session.execute(delete(AccessLog).where(AccessLog.at < now - settings.access_log_retention))
    return int(getattr(result, "rowcount", 0) or 0)
