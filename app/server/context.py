"""What an endpoint does before and after its work: open the transaction, authenticate the caller,
record the attempt in the same transaction as the work, commit."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from fastapi import Request
from sqlalchemy import Row, Select
from sqlalchemy.orm import Session

from app.server import accounts
from app.server.accounts import Attempt, Caller
from app.server.guard import NOTE, AccessNote

if TYPE_CHECKING:
    from app.server.api import Server


@dataclass
class Call:
    session: Session
    attempt: Attempt
    now: datetime
    note: AccessNote
    server: Server
    caller: Caller | None = None
    reads_only: bool = False

    def done(self, outcome: str = "ok") -> None:
        """Record the attempt with the work, and commit both. A request that only read hands its record
        to the process's access log writer, and its answer waits for that commit (app/server/recorder.py)."""
        caller = self.caller
        values = accounts.record_values(self.attempt, outcome, self.now,
                                        caller.device_id if caller else self.note.device_id,
                                        caller.tenant_id if caller else self.note.tenant_id)
        if self.reads_only:
            self.session.rollback()  # nothing was written: end the read (SQLite's snapshot) at once
            self.note.committed = self.server.access.add(values)
        else:
            accounts.record_many(self.session, [values])
            self.session.commit()
        self.note.recorded = True

    def authenticate(self, authorization: str | None, statement: Select[Any] = accounts.AUTHENTICATE,
                     params: dict[str, Any] | None = None) -> list[Row[Any]]:
        """Who calls (a refusal raises, recorded), by AUTHENTICATE or a statement that reads the endpoint's
        rows with it (accounts.authenticate_with): those rows."""
        self.caller, rows = accounts.authenticate_with(self.session, self.server.settings, self.attempt,
                                                       authorization, self.now, statement, params)
        self.note.device_id, self.note.tenant_id = self.caller.device_id, self.caller.tenant_id
        return rows

    @property
    def device(self) -> Caller:
        assert self.caller is not None
        return self.caller


def _server(request: Request) -> Server:
    server: Server = request.app.state.server
    return server


def attempt_of(request: Request) -> Attempt:
    route = request.scope.get("route")
    client = request.client
    return Attempt(address=client.host if client else "unknown",
                   endpoint=f"{request.method} {getattr(route, 'path', request.url.path)}")


@contextmanager
def call(request: Request, authorization: str | None = None, authenticate: bool = True, reads_only: bool = False
         ) -> Iterator[Call]:
    """The request's session (reads_only: no transaction around reads, on PostgreSQL), its caller."""
    server = _server(request)
    note = request.scope.get(NOTE)
    if not isinstance(note, AccessNote):
        note = AccessNote()
    with (server.reads if reads_only else server.sessions)() as session:
        current = Call(session, attempt_of(request), server.settings.clock(), note, server, reads_only=reads_only)
        if authenticate:
            current.authenticate(authorization)
        yield current
