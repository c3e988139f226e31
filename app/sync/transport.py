"""HTTP to the sync server (app/sync/protocol.py): one keep-alive connection, JSON bodies, the
server's clock read from every answer. No network is a normal state (SyncOffline), never a crash.

httpx is imported by the first transport made, not with this module: every service is built at every
start of the application or of a command, and importing httpx cost a quarter of a second of each."""

from __future__ import annotations

import logging
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, cast

import orjson

from app.errors import QT_TRANSLATE_NOOP, VigieError
from app.sync import protocol

if TYPE_CHECKING:
    import httpx

log = logging.getLogger("vigie.sync")

TIMEOUT, CONNECT_TIMEOUT = 30.0, 5.0  # seconds
_TLS: ssl.SSLContext | None = None


def tls_context() -> ssl.SSLContext:
    """Made once per process: loading the system's certificates costs tens of milliseconds."""
    global _TLS
    if _TLS is None:
        _TLS = ssl.create_default_context()
    return _TLS


class SyncOffline(VigieError):
    """The server could not be reached: the station works on, and syncs when it can."""

    message = QT_TRANSLATE_NOOP("errors", "The sync server {url} cannot be reached; the changes will be sent later.")


class ServerUnreachable(VigieError):
    """The server could not be reached for what cannot wait for a later sync (a registration, a pairing)."""

    message = QT_TRANSLATE_NOOP("errors", "The sync server {url} cannot be reached: check its address and this "
                                          "computer's network, then try again.")


@contextmanager
def reaching(url: str) -> Iterator[None]:
    """SyncOffline, said as what it means when nothing will be sent later: ServerUnreachable."""
    try:
        yield
    except SyncOffline as offline:
        raise ServerUnreachable(url=offline.params.get("url", url)) from offline


UNAVAILABLE = QT_TRANSLATE_NOOP("errors", "The sync server cannot answer for now; the sync is tried again later.")
REFUSALS = {
    "unauthorized": QT_TRANSLATE_NOOP(
        "errors", "The sync server no longer accepts this station: it was revoked there, or the server does not know "
                  "it. Its records stay here; to sync again, an administrator joins this computer to the service "
                  "in a new, empty folder."),
    "bad_request": QT_TRANSLATE_NOOP("errors", "The sync server refused what was sent as incomplete or malformed."),
    "too_large": QT_TRANSLATE_NOOP("errors", "What was sent is too large for the sync server."),
    "rate_limited": QT_TRANSLATE_NOOP(
        "errors", "Too many failed attempts: the sync server refuses for a while. Try again in a few minutes."),
    "forbidden": QT_TRANSLATE_NOOP("errors", "The sync server does not allow this station to do that."),
    "unavailable": UNAVAILABLE,
}


class SyncRefused(VigieError):
    """The server answered with a refusal (4xx) or a failure (5xx)."""

    message = QT_TRANSLATE_NOOP("errors", "The sync server refused the request ({code}).")

    def __init__(self, status: int, code: str, detail: str) -> None:
        # The protocol's codes are English words: the user reads what they mean.
        super().__init__(REFUSALS.get(code) or (UNAVAILABLE if status >= 500 else None), code=code)
        self.status = status
        self.code = code
        self.detail = detail


class Transport:
    """Requests to one server with one device token; the server's time of the last answer is kept."""

    def __init__(self, base_url: str, token: str | None = None, client: httpx.Client | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self._token = token
        self._client = client or _client(self.base_url)
        self.server_time: datetime | None = None

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Transport:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def request(self, method: str, path: str, *, body: Any = None, params: dict[str, Any] | None = None,
                content: bytes | None = None, auth: bool = True) -> httpx.Response:
        import httpx

        headers = {}
        if auth and self._token:
            headers[protocol.AUTHORIZATION_HEADER] = f"{protocol.BEARER} {self._token}"
        try:
            response = self._client.request(method, path, json=body, params=params, content=content,
                                            headers=headers)
        except httpx.HTTPError as exc:
            log.info("sync server %s unreachable: %s", self.base_url, type(exc).__name__)
            raise SyncOffline(url=self.base_url) from exc
        self._read_time(response)
        if response.status_code >= 400:
            raise _refusal(response)
        return response

    def json(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        response = self.request(method, path, **kwargs)
        try:  # orjson: a pulled page of a thousand envelopes is read in a third of json's time
            return cast(dict[str, Any], orjson.loads(response.content))
        except ValueError as exc:  # orjson.JSONDecodeError is one
            raise SyncRefused(response.status_code, "bad_response", "not JSON") from exc

    def _read_time(self, response: httpx.Response) -> None:
        stamp = response.headers.get(protocol.SERVER_TIME_HEADER)
        if not stamp:
            return
        try:
            parsed = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
        except ValueError:
            return
        self.server_time = parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _client(base_url: str) -> httpx.Client:
    import httpx

    return httpx.Client(base_url=base_url, timeout=httpx.Timeout(TIMEOUT, connect=CONNECT_TIMEOUT),
                        verify=tls_context())


def _refusal(response: httpx.Response) -> SyncRefused:
    try:
        body = response.json()
        code, detail = str(body.get("error", "")), str(body.get("detail", ""))
    except (ValueError, AttributeError):
        code, detail = "", ""
    log.warning("sync server answered %s %s", response.status_code, code)
    return SyncRefused(response.status_code, code or f"http_{response.status_code}", detail)
