"""A pull's short way on PostgreSQL: the request every station at rest makes every two minutes,
answered at the ASGI layer, in front of FastAPI, on the event loop.

It does what the ordinary way (routes_sync.pull behind guard.Guard) does for the common case and
nothing else: the same query parameters with the same bounds, the same reads
(envelopes.PULL_AUTHENTICATED: the device, its revocation, its address's recent failures and its
page, read at each request, so that a revocation or a lock-out made by any process holds at the next
request), the same access record, inserted by the same statement and committed before the answer,
the same answer bytes and headers. It spares the request FastAPI's routing and validation, the hop
to a worker thread and back, and the ORM (app/server/front_db.py runs the statements). Anything else
(another parameter, a body, no token, an unknown or revoked one, an address past its limit, the
database failing) goes on to the ordinary way, which refuses and records it.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import orjson
import psycopg
from fastapi import FastAPI
from sqlalchemy import Engine, Select, String, bindparam, insert, literal, select
from starlette.types import Receive, Scope, Send

from app.server import accounts, envelopes
from app.server.accounts import Caller
from app.server.bodies import MAX_SEQ
from app.server.front_db import CONNECTIONS, Connections, connect_arguments
from app.server.models import AccessLog, UTCDateTime
from app.server.settings import ServerSettings
from app.sync import protocol

log = logging.getLogger("vigie.server")
_PULL = protocol.PULL
_ENDPOINT = f"GET {_PULL}"  # as the ordinary way records it (the route's path)
_BOUNDS = {b"after": (0, MAX_SEQ), b"limit": (1, protocol.PULL_LIMIT_MAX)}
_PASSED_ON = {b"content-length", b"transfer-encoding"}  # a body: the guard's limits and the ordinary way
_TIME_HEADER = protocol.SERVER_TIME_HEADER.lower().encode()
_JSON = (b"content-type", b"application/json")


def pull_query(query_string: bytes) -> tuple[int, int] | None:
    """after and limit as the ordinary way reads them, from a query string of only those two, each
    at most once, in plain digits within their bounds; None for anything else (the ordinary way)."""
    values = {b"after": 0, b"limit": protocol.PULL_LIMIT_DEFAULT}
    seen: set[bytes] = set()
    for part in query_string.split(b"&") if query_string else ():
        name, equals, raw = part.partition(b"=")
        bounds = _BOUNDS.get(name)
        if bounds is None or not equals or name in seen or not raw.isdigit() or len(raw) > 19:
            return None
        value = int(raw)
        if not bounds[0] <= value <= bounds[1]:
            return None
        seen.add(name)
        values[name] = value
    return values[b"after"], values[b"limit"]


def _request_token(scope: Scope) -> str | None:
    """The bearer token of the first Authorization header (as Starlette reads it); None if the request
    has a body or no token."""
    authorization = None
    for name, value in scope["headers"]:
        if name in _PASSED_ON:
            return None
        if name == b"authorization" and authorization is None:
            authorization = value.decode("latin-1")
    return accounts.bearer_token(authorization)


def pull_recorded() -> Select[Any]:
    """envelopes.PULL_AUTHENTICATED, and the request's access record ("ok") inserted by the same statement
    once the device passes (no row otherwise: the ordinary way records the refusal)."""
    auth = accounts.AUTHENTICATE.cte("auth")
    passes = select(bindparam("at", type_=UTCDateTime()), bindparam("address", type_=String()),
                    literal(_ENDPOINT), literal("ok"), auth.c.id, auth.c.tenant_id).where(
        auth.c.id.is_not(None), auth.c.revoked_at.is_(None), auth.c.failures < bindparam("failure_limit"))
    record = insert(AccessLog).from_select(
        ["at", "address", "endpoint", "outcome", "device_id", "tenant_id"], passes).cte("recorded")
    return envelopes.pull_authenticated(auth).add_cte(record)


class PullFront:
    """The short way's state in one process: its connections (opened when first needed, on the event
    loop of the application that holds it)."""

    def __init__(self, engine: Engine, settings: ServerSettings, connections: int = CONNECTIONS) -> None:
        compiled = pull_recorded().compile(dialect=engine.dialect)
        self._sql = str(compiled)
        self._defaults: Mapping[str, Any] = dict(compiled.params)
        self._settings = settings
        self.connections = Connections(connect_arguments(engine), connections)
        self.answered = 0  # pulls this process answered the short way

    async def close(self) -> None:
        await self.connections.close()

    async def answer(self, scope: Scope, send: Send) -> bool:
        """Answer a GET /v1/pull of the common case; False: the ordinary way is to answer it."""
        query = pull_query(scope["query_string"])
        token = _request_token(scope)
        if query is None or token is None:
            return False
        after, limit = query
        settings = self._settings
        now = settings.clock()
        client = scope.get("client")
        address = (client[0] if client else "unknown")[:64]
        params = {**self._defaults, "token_hash": protocol.token_hash(token), "address": address, "at": now,
                  "since": now - settings.auth_failure_window, "failure_limit": settings.auth_failure_limit,
                  "after": after, "limit": limit + 1}
        try:  # one statement, committed by itself with the access record before any answer
            rows = await self.connections.fetch(self._sql, params)
        except psycopg.Error as exc:
            log.info("pull's short way: %s", str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__)
            return False  # the ordinary way meets the same error and answers it (503), or records it
        failures, device_id, tenant_id, revoked_at, tenant_seq = rows[0][:5]
        if device_id is None or revoked_at is not None or int(failures or 0) >= settings.auth_failure_limit:
            return False  # nothing recorded: the ordinary way refuses and records
        caller = Caller(device_id=device_id, tenant_id=tenant_id, tenant_seq=int(tenant_seq or 0))
        body = orjson.dumps(envelopes.page_of([row[envelopes.PAGE_AT:] for row in rows], caller, after, limit))
        stamp = settings.clock().isoformat().replace("+00:00", "Z").encode()
        await send({"type": "http.response.start", "status": 200, "headers": [
            (b"content-length", str(len(body)).encode()), _JSON, (_TIME_HEADER, stamp)]})
        await send({"type": "http.response.body", "body": body})
        self.answered += 1
        return True


class FrontedApi(FastAPI):
    """The server's FastAPI application with the pull's short way in front of it (None on SQLite, or
    before the lifespan has opened it)."""

    front: PullFront | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        front = self.front
        if (front is not None and scope["type"] == "http" and scope["path"] == _PULL
                and scope["method"] == "GET" and await front.answer(scope, send)):
            return
        await super().__call__(scope, receive, send)
