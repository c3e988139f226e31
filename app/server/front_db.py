"""The connections of the pull's short way (app/server/front.py): a few psycopg 3 asynchronous
connections to PostgreSQL, used on the event loop (no thread).

Each runs one statement at a time, committed by itself (autocommit: no BEGIN, no COMMIT round trip),
or a batch of them in one pipeline, through cursors kept with it (psycopg then adapts the parameters
as it did the last time, and prepares the statement once). Their commits do not wait for the disk
(synchronous_commit off, as db.access_log_engine's, whose reasons hold here): what they write is the
access record of a pull, committed and visible at once, on disk within three wal_writer_delay.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from psycopg import AsyncConnection, AsyncCursor
from psycopg.pq import TransactionStatus
from sqlalchemy import Engine

CONNECTIONS = 4  # statements at once; a no-op pull's takes a fraction of a millisecond
RECYCLE_SECONDS = 1800.0  # as the ordinary way's pool (db.make_engine)
BATCH = 64  # statements in one pipeline at most
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
        self.cursors: list[AsyncCursor[Any]] = [connection.cursor()]
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

    async def run(self, batch: list[_Waiting]) -> list[list[tuple[Any, ...]]]:
        """The rows of each statement: one alone as it is, several in one pipeline (sent together,
        their results read together after one Sync: one implicit transaction, all or none)."""
        while len(self.cursors) < len(batch):
            self.cursors.append(self.connection.cursor())
        if len(batch) == 1:
            cursor = self.cursors[0]
            await cursor.execute(batch[0].sql, batch[0].params)
            return [await cursor.fetchall()]
        cursors = self.cursors[:len(batch)]
        async with self.connection.pipeline() as pipeline:
            for cursor, waiting in zip(cursors, batch):
                await cursor.execute(waiting.sql, waiting.params)
            await pipeline.sync()
            return [await cursor.fetchall() for cursor in cursors]

    def reusable(self) -> bool:
        return (self.connection.info.transaction_status == TransactionStatus.IDLE
                and time.monotonic() - self.born < RECYCLE_SECONDS)


@dataclass
class _Waiting:
    sql: str
    params: Mapping[str, Any]
    done: asyncio.Future[list[tuple[Any, ...]]]


class Connections:
    """At most CONNECTIONS connections, opened when first needed, each renewed after half an hour; one
    that failed (or was left in any state but idle) is closed, never handed out again.

    Statements that wait while every connection is busy go together on the next one free, in one
    pipeline (one round trip, one wake of PostgreSQL, one commit for them all): under load a
    statement costs the server a third of its CPU alone, so the process catches up with a backlog
    instead of falling further behind. A failure fails every statement of its batch (none of them
    committed), and each request goes on to the ordinary way."""

    def __init__(self, arguments: Mapping[str, Any], size: int = CONNECTIONS) -> None:
        self._arguments = dict(arguments)
        self._free: list[_Connection] = []
        self._size = size
        self._active = 0
        self._waiting: list[_Waiting] = []
        self._runners: set[asyncio.Task[None]] = set()
        self.piped = 0  # statements that went in a pipeline with others

    async def fetch(self, sql: str, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        """The rows of one statement, committed; psycopg.Error if the database fails."""
        loop = asyncio.get_running_loop()
        waiting = _Waiting(sql, params, loop.create_future())
        self._waiting.append(waiting)
        if self._active < self._size:  # a connection is free: this request runs what waits, itself first
            self._active += 1
            handed = False
            try:
                batch, self._waiting = self._waiting[:BATCH], self._waiting[BATCH:]
                await self._run(batch)
                if self._waiting:  # what came meanwhile goes on this connection, this answer does not wait
                    runner = loop.create_task(self._drain())
                    self._runners.add(runner)
                    runner.add_done_callback(self._runners.discard)
                    handed = True
            finally:
                if not handed:
                    self._active -= 1
        return await waiting.done

    async def _drain(self) -> None:
        try:
            while self._waiting:
                batch, self._waiting = self._waiting[:BATCH], self._waiting[BATCH:]
                await self._run(batch)
        finally:
            self._active -= 1

    async def _run(self, batch: list[_Waiting]) -> None:
        held: _Connection | None = None
        kept = False
        try:
            held = self._free.pop() if self._free else await _Connection.open(self._arguments)
            results = await held.run(batch)
            self.piped += len(batch) if len(batch) > 1 else 0
            kept = held.reusable()
        except Exception as exc:  # psycopg.Error mostly: each request takes the ordinary way
            for waiting in batch:
                if not waiting.done.done():
                    waiting.done.set_exception(exc)
            return
        except BaseException:  # cancelled (the process stopping): no request of the batch waits for ever
            for waiting in batch:
                waiting.done.cancel()
            raise
        finally:
            if held is not None:
                if kept:
                    self._free.append(held)
                else:
                    await held.connection.close()
        for waiting, rows in zip(batch, results):
            if not waiting.done.done():
                waiting.done.set_result(rows)

    async def close(self) -> None:
        free, self._free = self._free, []
        for held in free:
            await held.connection.close()
