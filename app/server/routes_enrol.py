"""/v1/register and /v1/pairings: a service's first station, and the stations that join it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Path, Request
from fastapi.responses import JSONResponse, Response

from app.server import accounts, pairing
from app.server.bodies import (
    NAME_PATTERN, ApprovedOut, ApproveIn, ClaimIn, ClaimOut, EnrolmentOut, Error, PairingIn, PairingOpenedOut,
    PairingShownOut, RegisterIn,
)
from app.server.context import call
from app.server.errors import bad_request
from app.sync import protocol

router = APIRouter(prefix=protocol.PREFIX)
Auth = Annotated[str | None, Header(alias="Authorization")]
Code = Annotated[str, Path(min_length=1, max_length=64, pattern=NAME_PATTERN)]


def _errors(*codes: int) -> dict[int | str, dict[str, object]]:
    return {code: {"model": Error} for code in (400, 413, *codes)}


def _decode(text: str, what: str) -> bytes:
    try:
        return protocol.b64decode(text)
    except protocol.SyncProtocolError as exc:
        raise bad_request(f"{what}: {exc}") from exc


@router.post("/register", response_model=EnrolmentOut, responses=_errors(403, 429))
def register(request: Request, body: RegisterIn) -> JSONResponse:
    with call(request, authenticate=False) as current:
        enrolment = accounts.register(current.session, current.server.settings, current.attempt,
                                      body.registration_token, body.device_name, current.now)
        current.session.commit()
        current.note.recorded = True
    return JSONResponse(enrolment)


@router.post("/pairings", response_model=PairingOpenedOut, responses=_errors(429))
def open_pairing(request: Request, body: PairingIn) -> JSONResponse:
    public_key = _decode(body.public_key, "public_key")
    if len(public_key) != protocol.X25519_KEY_BYTES:
        raise bad_request("public_key: not a raw X25519 public key")
    with call(request, authenticate=False) as current:
        opened = pairing.open_pairing(current.session, current.server.settings, current.attempt, public_key,
                                      current.now)
        current.session.commit()
        current.note.recorded = True
    return JSONResponse(opened)


@router.post("/pairings/claim", response_model=ClaimOut, responses={
    **_errors(404, 410, 429), 202: {"model": ClaimOut}})
def claim(request: Request, body: ClaimIn) -> JSONResponse:
    with call(request, authenticate=False) as current:
        status, answer = pairing.claim(current.session, current.attempt, current.server.settings,
                                       body.pairing_code, body.claim_secret, current.now)
        current.done("claimed" if status == 200 else "waiting")
    return JSONResponse(answer, status_code=status)


@router.get("/pairings/{code}", response_model=PairingShownOut, responses=_errors(401, 404, 429))
def show_pairing(request: Request, code: Code, authorization: Auth = None) -> JSONResponse:
    with call(request, authorization) as current:
        shown = pairing.show(current.session, code, current.now)
        current.done()
    return JSONResponse(shown)


@router.post("/pairings/{code}/approve", response_model=ApprovedOut, responses=_errors(401, 404, 429))
def approve(request: Request, code: Code, body: ApproveIn, authorization: Auth = None) -> JSONResponse:
    sealed = _decode(body.sealed_keys, "sealed_keys")
    with call(request, authorization) as current:
        approved = pairing.approve(current.session, current.device, code, sealed, body.device_name, current.now)
        current.done("approved")
    return JSONResponse(approved)


@router.delete("/devices/self", status_code=204, responses=_errors(401, 429))
def leave(request: Request, authorization: Auth = None) -> Response:
    """A device gives up its own token (a new station whose joining failed after its approval): revoked
    at once, so that no token of a station that does not exist stays valid on the server."""
    with call(request, authorization) as current:
        accounts.revoke(current.session, current.device.device_id, current.now)
        current.done("left")
    return Response(status_code=204)
