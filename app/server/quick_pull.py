"""A pull's short way on PostgreSQL, the request every station at rest makes every two minutes.

The same statement as the ordinary way (envelopes.PULL_AUTHENTICATED: the device, its revocation, its
address's recent failures and its page), run on the driver's connection: through an ORM session it
cost five times the CPU of the statement itself. Only the common case goes this way: a known, active
device from an address that is not rate limited, whose record goes to the access log writer as the
ordinary way's does. Anything else (no token, an unknown or revoked one, an address past its limit, the
database away) returns None, and the endpoint takes the ordinary way, which refuses and records it.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import psycopg
from psycopg.rows import namedtuple_row
from sqlalchemy import Engine

from app.server import accounts, envelopes
from app.server.accounts import Attempt, Caller
from app.server.guard import AccessNote
from app.server.settings import ServerSettings
from app.sync import protocol


@lru_cache(maxsize=4)
def _compiled(engine: Engine) -> tuple[str, Mapping[str, Any]]:
    compiled = envelopes.PULL_AUTHENTICATED.compile(dialect=engine.dialect)
    return str(compiled), dict(compiled.params)


def quick_pull(engine: Engine, settings: ServerSettings, recorder_add: Any, attempt: Attempt, note: AccessNote,
               authorization: str | None, after: int, limit: int) -> protocol.PullResponse | None:
    """The page, its access record queued (note.committed); None: take the ordinary way."""
    token = accounts.bearer_token(authorization)
    if token is None or engine.dialect.name != "postgresql":
        return None
    sql, defaults = _compiled(engine)
    now = settings.clock()
    params = {**defaults, "token_hash": protocol.token_hash(token), "address": attempt.address,
              "since": now - settings.auth_failure_window, "failure_limit": settings.auth_failure_limit,
              "after": after, "limit": limit + 1}
    try:
        rows = _run(engine, sql, params)
    except psycopg.Error:
        return None  # the ordinary way meets the same error and answers it (503)
    first = rows[0]
    if first.id is None or first.revoked_at is not None or int(first.failures or 0) >= settings.auth_failure_limit:
        return None
    caller = Caller(device_id=first.id, tenant_id=first.tenant_id, tenant_seq=int(first.tenant_seq or 0))
    page = envelopes.page_of(rows, caller, after, limit)
    note.device_id, note.tenant_id = caller.device_id, caller.tenant_id
    note.committed = recorder_add(accounts.record_values(attempt, "ok", now, caller.device_id, caller.tenant_id))
    note.recorded = True
    return page


def _run(engine: Engine, sql: str, params: Mapping[str, Any]) -> list[Any]:
    pooled = engine.raw_connection()
    try:
        driver: psycopg.Connection[Any] = pooled.driver_connection  # type: ignore[assignment]
        driver.autocommit = True  # one statement: no BEGIN, no COMMIT
        try:
            with driver.cursor(row_factory=namedtuple_row) as cursor:
                cursor.execute(sql, params)  # SQLAlchemy's compiled text, its bound parameters
                return cursor.fetchall()
        finally:
            driver.autocommit = False
    finally:
        pooled.close()
