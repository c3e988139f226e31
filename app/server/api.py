"""The FastAPI application: built once per process from ServerSettings, stateless between requests.

Every answer carries X-Vigie-Server-Time; every refusal is {"error", "detail"} with a 4xx,
never a 5xx for bad input; every attempt but the health check is in the access log.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass

import anyio
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.telemetry import TelemetryConfig
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from starlette.exceptions import HTTPException as StarletteHTTPException

from app import __version__
from app.server import accounts, db
from app.server.accounts import Attempt
from app.server.errors import ApiError
from app.server.front import FrontedApi, PullFront
from app.server.guard import NOTE, OUTCOMES, AccessNote, Guard
from app.server.recorder import AccessRecorder
from app.server.settings import ServerSettings
from app.sync import protocol

log = logging.getLogger("vigie.server")
NO_TELEMETRY: TelemetryConfig = {"tracing": False, "metrics": False, "logs": False, "operation_spans": False,
                                 "auto_configure": False}


@dataclass
class Server:
    """What the endpoints share in one process: settings, engine, sessions (no request state)."""

    settings: ServerSettings
    engine: Engine
    sessions: sessionmaker[Session]
    reads: sessionmaker[Session]
    access: AccessRecorder  # the access records of requests that only read, committed together

    def record(self, address: str, endpoint: str, outcome: str, note: AccessNote) -> None:
        with self.sessions() as session:
            accounts.record(session, Attempt(address, endpoint), outcome, self.settings.clock(),
                            note.device_id, note.tenant_id)
            session.commit()

    def purge(self) -> int:
        with self.sessions() as session:
            purged = accounts.purge_access_log(session, self.settings, self.settings.clock())
            session.commit()
        return purged


def create_app(settings: ServerSettings, migrate: bool = True) -> FrontedApi:
    engine = db.make_engine(settings.database_url)
    if migrate:
        db.upgrade(engine)
    access = db.access_log_engine(engine)
    server = Server(settings, engine, db.sessions(engine), db.read_sessions(engine), AccessRecorder(access))

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # Requests wait on the database more than they compute: a few threads do, with less contention
        # for the interpreter than anyio's default of 40.
        anyio.to_thread.current_default_thread_limiter().total_tokens = settings.worker_threads
        if engine.dialect.name == "postgresql":  # the pull's short way, on this event loop
            app.front = PullFront(engine, settings)
        async with anyio.create_task_group() as tasks:
            tasks.start_soon(_purge_regularly, server)
            yield
            tasks.cancel_scope.cancel()
        if app.front is not None:
            front, app.front = app.front, None
            await front.close()
        server.access.close()
        access.dispose()
        engine.dispose()

    # No OpenTelemetry: what the server records of its requests is its access log and nothing else (no
    # traces of endpoints and addresses to a collector named by an environment variable), and its checks
    # on every request were a tenth of a no-op pull's time.
    app = FrontedApi(title="Vigie sync server", version=__version__, openapi_url=protocol.OPENAPI,
                     docs_url=None, redoc_url=None, lifespan=lifespan, telemetry=NO_TELEMETRY)
    app.state.server = server
    _handle_errors(app)
    from app.server import routes_enrol, routes_sync

    app.include_router(routes_sync.router)
    app.include_router(routes_enrol.router)
    app.add_middleware(Guard, clock=settings.clock, record=server.record)
    return app


async def _purge_regularly(server: Server) -> None:
    """The access log keeps 60 days: purged at start and then every hour, by each process."""
    while True:
        try:
            purged = await anyio.to_thread.run_sync(server.purge)
            log.info("access log: %d entries past their retention purged", purged)
        except Exception:  # a database away for a moment: try again at the next round
            log.exception("access log purge failed")
        await anyio.sleep(server.settings.purge_every.total_seconds())


def _error(status: int, code: str, detail: str) -> JSONResponse:
    return JSONResponse(protocol.error_body(code, detail), status_code=status)


def _handle_errors(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        note = request.scope.get(NOTE)
        if isinstance(note, AccessNote) and exc.recorded:
            note.recorded = True
        return _error(exc.status, exc.code, exc.detail)

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(part) for part in first.get("loc", ()))
        return _error(400, protocol.ERROR_BAD_REQUEST, f"{where}: {first.get('msg', 'invalid request')}")

    @app.exception_handler(OperationalError)
    async def unavailable(_request: Request, exc: OperationalError) -> JSONResponse:
        # The database is away (restarting, unreachable): a station takes it as being offline and retries.
        log.warning("database unavailable: %s", str(exc.orig or exc).splitlines()[0][:200])
        answer = _error(503, protocol.ERROR_UNAVAILABLE, "database unavailable, try again later")
        answer.headers["Retry-After"] = "30"
        return answer

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = OUTCOMES.get(exc.status_code, protocol.ERROR_BAD_REQUEST)
        return _error(exc.status_code, code, str(exc.detail))
