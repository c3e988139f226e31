"""How `vigie-server serve` ends when it is told to stop (Ctrl+C: SIGINT; a service manager: SIGTERM).

uvicorn catches either signal, stops accepting connections, gives the requests in progress
timeout_graceful_shutdown seconds, cancels those still running, and then raises the signal again
with the handlers it found in place. Ours turn it into Stopped, which the command reports in one line.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

import uvicorn

# Exit statuses: a service manager's stop is a normal end; Ctrl+C ends as a shell expects (128 + SIGINT).
STATUSES: dict[int, int] = {signal.SIGTERM: 0, signal.SIGINT: 130}
# French templates (the command typesets them as it prints them: app/server/french.py).
SERVED = "vigie-server: arrêté ; les requêtes en cours ont été servies."
CUT_SHORT = "vigie-server: arrêté ; des requêtes en cours ont été interrompues (leurs postes les referont)."
# uvicorn's English line, at the ERROR level, as its graceful delay runs out (uvicorn/server.py, shutdown).
CANCELLING = "Cancel %s running task(s), timeout graceful shutdown exceeded"


class Stopped(Exception):
    """The server was told to stop by *signum*, and has stopped."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class Server(uvicorn.Server):
    """uvicorn's server, which remembers whether its shutdown cut requests short."""

    cut_short = False

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        running = set(self.server_state.tasks)
        await super().shutdown(sockets)
        # The requests still running when the graceful delay ran out were cancelled (they catch it, but their
        # count of cancellations stays); a second Ctrl+C waits for none.
        self.cut_short = self.force_exit or any(task.cancelling() for task in running)

    def farewell(self) -> str:
        return CUT_SHORT if self.cut_short else SERVED


class _SaidByTheFarewell(logging.Filter):
    """A request cut at the end of the graceful delay is no fault of the application, and the farewell
    (CUT_SHORT) says it in French: neither uvicorn's English line that it cancels them nor the traceback
    of each cancellation goes to standard error. Every other record of uvicorn's passes."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.msg == CANCELLING:
            return False
        return not (record.exc_info and isinstance(record.exc_info[1], asyncio.CancelledError))


def _stop(signum: int, _frame: FrameType | None) -> None:
    raise Stopped(signum)


@contextmanager
def stopping() -> Iterator[None]:
    """While uvicorn serves: SIGINT and SIGTERM, once it has shut down gracefully, end it as Stopped."""
    errors = logging.getLogger("uvicorn.error")
    quiet = _SaidByTheFarewell()
    errors.addFilter(quiet)
    previous = {signum: signal.signal(signum, _stop) for signum in STATUSES}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        errors.removeFilter(quiet)
