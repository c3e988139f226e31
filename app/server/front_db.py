"""The connections of the pull's short way (app/server/front.py): a few psycopg 3 asynchronous
connections to PostgreSQL, used on the event loop (no thread).

Each runs one statement at a time, committed by itself (autocommit: no BEGIN, no COMMIT round trip),
through one cursor kept with it (psycopg then adapts the parameters as it did the last time, and
prepares the statement once). Their commits do not wait for the disk (synchronous_commit off, as
db.access_log_engine's, whose reasons hold here): what they write is the access record of a pull,
committed and visible at once, on disk within three wal_writer_delay.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping
from typing import Any

from psycopg import AsyncConnection, AsyncCursor
from psycopg.pq import TransactionStatus
from sqlalchemy import Engine

CONNECTIONS = 4  # statements at once; a no-op pull's takes a fraction of a millisecond
RECYCLE_SECONDS = 1800.0  # as the ordinary way's pool (db.make_engine)
SETTINGS = (
    # Every statement here is a lookup by key or a range on an index (db._postgresql_connect).
    "SET plan_cache_mode = force_generic_plan",
    "SET synchronous_commit = off",
)


def connect_arguments(engine: Engine) -> dict[str, Any]:
    """What the ordinary way's engine gives psycopg (host, database, user, password, options), without
    its synchronous adapters."""
    _args, kwargs = engine.dialect.create_connect_args(engine.url)
    return {name: value for name, value in kwargs.items() if name != "context"}


class _Connection:
    def __init__(self, connection: AsyncConnection[Any]) -> None:
        self.connection = connection
        self.cursor: AsyncCursor[Any] = connection.cursor()
        self.born = time.monotonic()

    @classmethod
    async def open(cls, arguments: Mapping[str, Any]) -> _Connection:
        connection = await AsyncConnection.connect(**arguments, autocommit=True)
        try:
            for setting in SETTINGS:
                await connection.execute(setting)
        except BaseException:
            await connection.close()
            raise
        return cls(connection)

    def reusable(self) -> bool:
        return (self.connection.info.transaction_status == TransactionStatus.IDLE
                and time.monotonic() - self.born < RECYCLE_SECONDS)


class Connections:
    """At most CONNECTIONS connections, opened when first needed, each renewed after half an hour; one
    that failed (or was left in any state but idle) is closed, never handed out again."""

    def __init__(self, arguments: Mapping[str, Any], size: int = CONNECTIONS) -> None:
        self._arguments = dict(arguments)
        self._free: list[_Connection] = []
        self._slots = asyncio.Semaphore(size)

    async def fetch(self, sql: str, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        """The rows of one statement, committed; psycopg.Error if the database fails."""
        async with self._slots:
            held = self._free.pop() if self._free else await _Connection.open(self._arguments)
            kept = False
            try:
                await held.cursor.execute(sql, params)
                rows = await held.cursor.fetchall()
                kept = held.reusable()
                return rows
            finally:
                if kept:
                    self._free.append(held)
                else:
                    await held.connection.close()

    async def close(self) -> None:
        free, self._free = self._free, []
        for held in free:
            await held.connection.close()
