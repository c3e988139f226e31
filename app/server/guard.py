"""The ASGI layer every request goes through: size limits (413), the server time header, and the
access log entry of every attempt the endpoint itself did not record.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

import anyio
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.sync import protocol

log = logging.getLogger("vigie.server")
NOTE = "vigie.access"
OUTCOMES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "bad_method",
            410: "gone", 413: "too_large", 422: "bad_request", 429: "rate_limited", 503: "unavailable"}


@dataclass
class AccessNote:
    """Filled in by an endpoint: who called, and whether it recorded the attempt itself."""

    device_id: str | None = None
    tenant_id: str | None = None
    recorded: bool = False
    # Set when the record went to the access log writer: the answer goes out once it is committed.
    committed: Future[None] | None = None


class _TooLarge(Exception):
    pass


def body_limit(method: str, path: str) -> int:
    if path.startswith(protocol.PREFIX + "/blobs/") and method == "PUT":
        return protocol.MAX_CHUNK_BYTES
    if path == protocol.PUSH:
        return protocol.MAX_PUSH_BYTES
    return protocol.MAX_JSON_BYTES


def outcome_of(status: int) -> str:
    return "ok" if status < 400 else OUTCOMES.get(status, f"status_{status}")


class Guard:
    def __init__(self, app: ASGIApp, clock: Callable[[], Any],
                 record: Callable[[str, str, str, AccessNote], None]) -> None:
        self.app = app
        self.clock = clock
        self.record = record  # (address, endpoint, outcome, note), run in a worker thread

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        note = AccessNote()
        scope[NOTE] = note
        exchange = _Exchange(send, self.clock, body_limit(scope["method"], scope["path"]), note)
        try:
            if _declared_length(scope) > exchange.limit:
                raise _TooLarge
            await self.app(scope, exchange.receiving(receive), exchange.send)
        except _TooLarge:
            if exchange.started:
                raise
            await exchange.refuse_too_large()
        if scope["path"] != protocol.HEALTH and not note.recorded:
            await self._record(scope, exchange.status, note)

    async def _record(self, scope: Scope, status: int, note: AccessNote) -> None:
        route = scope.get("route")
        endpoint = f"{scope['method']} {getattr(route, 'path', None) or masked_path(scope['path'])}"
        client = scope.get("client") or ("unknown", 0)
        try:
            await anyio.to_thread.run_sync(self.record, client[0], endpoint, outcome_of(status), note)
        except Exception:  # the database away: the answer is already sent, the operator is told
            log.warning("access log entry not written for %s (%s)", endpoint, status, exc_info=True)


class _Exchange:
    """One request's way through the guard: the body counted as it comes, the answer stamped with the
    server's time, and a body past the limit answered 413 whatever the endpoint would have said."""

    def __init__(self, send: Send, clock: Callable[[], Any], limit: int, note: AccessNote) -> None:
        self._send = send
        self._clock = clock
        self._note = note
        self.limit = limit
        self.received = 0
        self.exceeded = False
        self.started = False
        self.unrecorded = False
        self.status = 500

    def receiving(self, receive: Receive) -> Receive:
        async def counted() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                self.received += len(message.get("body", b""))
                if self.received > self.limit:
                    self.exceeded = True  # FastAPI may turn this into a 400 "error parsing the body"
                    raise _TooLarge
            return message

        return counted

    async def send(self, message: Message) -> None:
        if self.exceeded and not self.started:
            await self.refuse_too_large()
        if message["type"] == "http.response.start" and self._note.committed is not None:
            await self._wait_for_record(self._note.committed)
        if self.exceeded or self.unrecorded:
            return  # the endpoint's own answer to a body cut short, or to an attempt not recorded, is not sent
        await self._stamped(message)

    async def _wait_for_record(self, committed: Future[None]) -> None:
        """No answer before its access record is committed; none at all (a 503) if it could not be."""
        try:
            await asyncio.wrap_future(committed)
        except Exception:
            self.unrecorded = True
            body = json.dumps(protocol.error_body(protocol.ERROR_UNAVAILABLE,
                                                  "database unavailable, try again later")).encode()
            await self._stamped({"type": "http.response.start", "status": 503, "headers": [
                (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                (b"retry-after", b"30")]})
            await self._stamped({"type": "http.response.body", "body": body})

    async def _stamped(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.status, self.started = int(message["status"]), True
            headers = list(message.get("headers", []))
            headers.append((protocol.SERVER_TIME_HEADER.lower().encode(),
                            self._clock().isoformat().replace("+00:00", "Z").encode()))
            message = {**message, "headers": headers}
        await self._send(message)

    async def refuse_too_large(self) -> None:
        if self.started:
            return
        body = json.dumps(protocol.error_body(protocol.ERROR_TOO_LARGE,
                                              f"request body over {self.limit} bytes")).encode()
        await self._stamped({"type": "http.response.start", "status": 413, "headers": [
            (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
            (b"connection", b"close")]})
        await self._stamped({"type": "http.response.body", "body": body})


def masked_path(path: str) -> str:
    """A path as the access log keeps it when no route matched: no blob handle, no pairing code."""
    parts = path.split("/")[:5]
    if len(parts) > 3 and parts[1:3] in (["v1", "blobs"], ["v1", "pairings"]):
        parts[3] = "{blob_handle}" if parts[2] == "blobs" else "{code}"
        parts[4:] = ["{index}"] if len(parts) > 4 and parts[2] == "blobs" else parts[4:]
    return "/".join(parts)[:60]


def _declared_length(scope: Scope) -> int:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return 0
    return 0
