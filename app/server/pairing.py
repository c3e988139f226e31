"""Pairing a new station: the server relays a public key one way and sealed keys the other.

The code and the claim secret are kept as SHA-256 only. A pairing lives PAIRING_TTL, is
approved once (the device is made in the approver's tenant), claimed once (its token is made
then, so the server never holds it), and its sealed keys are dropped once claimed.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.server import accounts
from app.server.accounts import Attempt, Caller
from app.server.errors import ApiError, not_found
from app.server.models import Device, Pairing
from app.server.settings import ServerSettings
from app.sync import protocol


def _iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def _lookup(session: Session, code: str, lock: bool = False) -> Pairing | None:
    query = select(Pairing).where(Pairing.code_hash == protocol.token_hash(protocol.normalise_pairing_code(code)))
    return session.scalar(query.with_for_update() if lock else query)


def open_pairing(session: Session, settings: ServerSettings, attempt: Attempt, public_key: bytes,
                 now: datetime) -> protocol.PairingOpened:
    accounts.refuse_pairing_if_limited(session, settings, attempt, now)
    code = protocol.new_pairing_code()
    claim_secret = secrets.token_bytes(32)
    expires = now + protocol.PAIRING_TTL
    session.add(Pairing(code_hash=protocol.token_hash(code), public_key=public_key,
                        claim_secret_hash=protocol.token_hash(protocol.b64encode(claim_secret)),
                        created_at=now, expires_at=expires))
    accounts.record(session, attempt, accounts.PAIRING_OPENED, now)
    return {"pairing_code": code, "claim_secret": protocol.b64encode(claim_secret), "expires_at": _iso(expires)}


def _open(pairing: Pairing | None, now: datetime) -> Pairing:
    if pairing is None or pairing.expires_at <= now or pairing.device_id is not None:
        raise not_found("unknown, expired or used pairing code")
    return pairing


def show(session: Session, code: str, now: datetime) -> protocol.PairingShown:
    pairing = _open(_lookup(session, code), now)
    return {"public_key": protocol.b64encode(pairing.public_key), "expires_at": _iso(pairing.expires_at)}


def approve(session: Session, caller: Caller, code: str, sealed_keys: bytes, device_name: str,
            now: datetime) -> protocol.Approved:
    pairing = _open(_lookup(session, code, lock=True), now)
    device, _ = accounts.new_device(session, caller.tenant_id, device_name, now, with_token=False)
    pairing.tenant_id = caller.tenant_id
    pairing.device_id = device.id
    pairing.sealed_keys = sealed_keys
    return {"device_id": device.id}


def claim(session: Session, attempt: Attempt, settings: ServerSettings, code: str, claim_secret: str,
          now: datetime) -> tuple[int, protocol.ClaimResponse]:
    """(202, waiting) until approved, then once (200, the enrolment and sealed keys); 404 after, 410 expired."""
    accounts.refuse_if_limited(session, settings, attempt, now)
    pairing = _lookup(session, code, lock=True)
    if pairing is None or pairing.claimed_at is not None:
        raise not_found("unknown or used pairing code")
    if pairing.claim_secret_hash != protocol.token_hash(claim_secret):
        raise accounts.fail(session, attempt, accounts.BAD_CLAIM, now, not_found("unknown or used pairing code"))
    if pairing.device_id is None:
        if pairing.expires_at <= now:
            raise ApiError(410, protocol.ERROR_GONE, "pairing code expired")
        return 202, {"status": "waiting"}
    device = session.get(Device, pairing.device_id)
    assert device is not None and pairing.tenant_id is not None and pairing.sealed_keys is not None
    token = protocol.new_token()
    device.token_hash = protocol.token_hash(token)
    sealed = pairing.sealed_keys
    pairing.claimed_at = now
    pairing.sealed_keys = None
    pairing.public_key = b""
    return 200, {"tenant_id": pairing.tenant_id, "device_id": device.id, "device_token": token,
                 "sealed_keys": protocol.b64encode(sealed)}
