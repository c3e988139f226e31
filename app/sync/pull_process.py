"""A long pull's pages fetched and opened in a process of its own (a new station's first sync).

Opening envelopes (base64, SHA-256, AES-GCM, JSON, the handle's HMAC) is Python work that holds the
interpreter's lock: on a thread it runs in turn with the thread that applies the pages, never beside
it, so a new station pulling a whole service's history took the sum of both. A second process opens
the pages while this one applies them, on another core.

The process is started by spawning a fresh interpreter (never a fork of a station that runs Qt and
database threads). It gets the service's keys and the device token through its pipe, never on its
command line nor in its environment, and it holds no database connection. Its pages come back in
order, as JSON, without the ciphertexts this process no longer needs. It stops at the last page,
when the server cannot be reached (told as SyncOffline here, as the thread fetcher tells it), or
when this process goes away (its pipe breaks). If it dies or cannot start, the pull goes on here with the
thread fetcher from the page after the last one taken (app/sync/pull_page.py), nothing lost.

Starting it takes a fresh interpreter and Vigie's modules (a quarter of a second to a second, more on a
loaded station): meanwhile the thread fetcher goes on, and the process takes over from the page after
the last one taken once it says it is ready (LongPull), so that the applying thread never waits for it.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import threading
from collections import deque
from collections.abc import Callable
from datetime import datetime
from multiprocessing.connection import Connection
from typing import Any

import orjson

from app.sync import protocol
from app.sync.collecting import SYNC_YOUNG_THRESHOLD
from app.sync.envelope import Opener, Pulled, ServiceKeys
from app.sync.pull_page import OpenedPage, PageFetcher, fetch_page, open_page
from app.sync.transport import SyncOffline, SyncRefused, Transport

log = logging.getLogger("vigie.sync")

# A pull with at least this many envelopes still to come (as the first page's head says) is opened in
# a process of its own: below it, starting an interpreter (about 0.3 s) costs more than it saves.
PROCESS_FROM = 20_000
AHEAD = 4  # pages received ahead of the one applied


class _Secrets:
    """What the opening process needs and must never find on its command line: sent through its pipe."""

    def __init__(self, token: str, keys: ServiceKeys, tenant_id: str, device_id: str, after: int) -> None:
        self.token = token
        self.sync_key = keys.sync_key
        self.handle_key = keys.handle_key
        self.tenant_id = tenant_id
        self.device_id = device_id
        self.after = after  # the last seq applied, or about to be: the process's first page follows it


def _serve(connection: Connection, base_url: str) -> None:
    """The opening process: ready said, then the pages after the seq it is given, each fetched, opened
    and sent in turn (the applying process's receiving thread keeps up to AHEAD of them; a second thread
    here, fetching while this one opens, only shared the interpreter's lock with it)."""
    gc.set_threshold(SYNC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])  # it only syncs: app/sync/collecting.py
    try:
        connection.send_bytes(orjson.dumps(("ready",)))  # its modules imported: the work can be handed over
        secrets: _Secrets = connection.recv()
        after = secrets.after
        opener = Opener(ServiceKeys(secrets.sync_key, secrets.handle_key), secrets.tenant_id)
        with Transport(base_url, secrets.token) as transport:
            while True:
                try:
                    page = open_page(opener, secrets.device_id, fetch_page(transport, after))
                except SyncOffline:
                    connection.send_bytes(orjson.dumps(("offline",)))
                    return
                except SyncRefused as refused:
                    connection.send_bytes(orjson.dumps(("refused", refused.status, refused.code, refused.detail)))
                    return
                except protocol.SyncProtocolError as error:
                    connection.send_bytes(orjson.dumps(("protocol", str(error))))
                    return
                connection.send_bytes(_encoded(page, transport.server_time))
                if not page.envelopes or not page.more:
                    return
                after = page.last_seq
    except (BrokenPipeError, EOFError, KeyboardInterrupt):
        return  # the applying process went away: nothing to hand to anyone
    finally:
        connection.close()


def _encoded(page: OpenedPage, server_time: datetime | None) -> bytes:
    """The opened page as JSON, without its ciphertexts (opened and hashed here), with the time of the
    server's answer: everything in it came from JSON. Written and read by orjson it costs both sides a
    third of what pickling its thousand changes did (the applying side rebuilds them as Pulled)."""
    envelopes = [{name: value for name, value in envelope.items() if name != "ciphertext"}
                 for envelope in page.envelopes]
    changes = [change if type(change) is str else tuple(change) for change in page.changes]
    return orjson.dumps(("page", envelopes, changes, page.seen, page.last_seq, page.more, page.head,
                         server_time.isoformat() if server_time is not None else None))


def _decoded(message: list[Any]) -> tuple[OpenedPage, datetime | None]:
    _, envelopes, changes, seen, last_seq, more, head, server_time = message
    page = OpenedPage(envelopes, [change if type(change) is str else Pulled(*change) for change in changes],
                      [tuple(row) for row in seen], last_seq, more, head)
    return page, datetime.fromisoformat(server_time) if server_time is not None else None


class ProcessFetcher:
    """PageFetcher's `take()` from an opening process, its pages received by a thread of this process
    (AHEAD at most, waiting in the pipe meanwhile); once the process is gone, from a PageFetcher.

    Made, it starts the process; `ready()` says when the process can take the work, and `begin(after)`
    hands it over (False: the process is gone, or never started, and the caller's thread goes on)."""

    def __init__(self, transport: Transport, token: str, keys: ServiceKeys, tenant_id: str, device_id: str,
                 fallback: Callable[[int], PageFetcher]) -> None:
        self._transport = transport
        self._after = 0
        self._secrets = (token, keys, tenant_id, device_id)
        self._fallback = fallback
        self._started = False
        self._thread: PageFetcher | None = None
        self._done = False
        self._received: deque[list[Any]] = deque()
        self._changed = threading.Condition()
        self._stopped = False
        context = multiprocessing.get_context("spawn")
        self._connection, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(child, transport.base_url),
                                        name="vigie-pull-open", daemon=True)
        self._receiver = threading.Thread(target=self._receive, name="vigie-pull-receive", daemon=True)
        try:
            self._process.start()
            self._started = True
        except (OSError, RuntimeError) as exc:  # no process to be had: the thread does the work
            log.warning("pull opened on a thread: no process (%s)", type(exc).__name__)
            self._stop_process()
        finally:
            child.close()

    def ready(self) -> bool:
        """Whether the process said it is ready, or ended before (begin then says it is gone)."""
        return self._started and self._connection.poll(0)

    def begin(self, after: int) -> bool:
        """The pages after *after* fetched and opened by the process from now on; False if it is gone."""
        try:
            said = orjson.loads(self._connection.recv_bytes())
            if said != ["ready"]:
                raise ValueError(f"not ready: {said!r}")
            self._connection.send(_Secrets(*self._secrets, after=after))
        except (EOFError, OSError, ValueError) as exc:  # killed, out of memory, before it could take the work
            log.warning("pull: the opening process ended before it took the work (%s); going on on a thread",
                        type(exc).__name__)
            self._stop_process()
            return False
        self._after = after
        self._receiver.start()
        return True

    def __enter__(self) -> ProcessFetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop_process()
        if self._thread is not None:
            self._thread.__exit__(*exc)

    def take(self) -> OpenedPage:
        if self._thread is not None:
            return self._thread.take()
        if self._done:
            raise RuntimeError("no page follows the last one")
        with self._changed:
            while not self._received:
                self._changed.wait()
            message = self._received.popleft()
            self._changed.notify_all()
        if message[0] == "page":
            _, page, self._transport.server_time = message
            if not page.envelopes or not page.more:
                self._done = True
            else:
                self._after = page.last_seq
            return page
        if message[0] == "gone":  # the process died (killed, out of memory): the pull goes on here
            log.warning("pull: the opening process stopped after seq %s; going on on a thread", self._after)
            self._stop_process()
            self._thread = self._fallback(self._after).__enter__()
            return self._thread.take()
        self._done = True
        raise _raised(message, self._transport.base_url)

    def _receive(self) -> None:
        while True:
            with self._changed:
                while len(self._received) >= AHEAD and not self._stopped:
                    self._changed.wait()
                if self._stopped:
                    return
            try:  # read here, beside the applying thread (which lets the interpreter go at each write)
                message = orjson.loads(self._connection.recv_bytes())
                if message[0] == "page":
                    message = ["page", *_decoded(message)]
            except (EOFError, OSError):  # the process ended before its last page: killed, out of memory
                message = ["gone"]
            except (ValueError, TypeError):  # a page that does not read: the thread fetches it again
                log.exception("pull: a page from the opening process could not be read")
                message = ["gone"]
            with self._changed:
                self._received.append(message)
                self._changed.notify_all()
            if message[0] != "page" or not message[1].envelopes or not message[1].more:  # an end, or the last page
                return

    def _stop_process(self) -> None:
        with self._changed:
            self._stopped = True
            self._changed.notify_all()
        if self._process.pid is not None:
            if self._process.is_alive() and not self._done:
                self._process.terminate()  # stopped before its last page: it holds nothing to keep
            self._process.join(timeout=5)
            if self._process.is_alive():
                self._process.kill()
                self._process.join()
        if self._receiver.is_alive():
            self._receiver.join()  # its pipe's other end closed with the process: it reads the end
        self._connection.close()


def _raised(message: list[Any], url: str) -> Exception:
    """The opening process's stop as the thread fetcher would have raised it."""
    if message[0] == "offline":
        return SyncOffline(url=url)
    if message[0] == "refused":
        return SyncRefused(*message[1:])
    return protocol.SyncProtocolError(message[1])


class LongPull:
    """The pages of a pull: from a thread (app/sync/pull_page.py); a pull that its first page shows to be
    long (PROCESS_FROM envelopes to come) starts an opening process, and goes on from it once it is ready:
    until then from the thread, whose pages fetched ahead of the last one taken are fetched again there."""

    def __init__(self, on_thread: Callable[[int], PageFetcher], in_process: Callable[[], ProcessFetcher],
                 after: int) -> None:
        self._on_thread = on_thread
        self._in_process = in_process
        self._after = after  # the last seq taken
        self._current: PageFetcher | ProcessFetcher | None = None
        self._starting: ProcessFetcher | None = None
        self._first = True

    def __enter__(self) -> LongPull:
        self._current = self._on_thread(self._after).__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._starting is not None:
            self._starting.__exit__(*exc)
        if self._current is not None:
            self._current.__exit__(*exc)

    def take(self) -> OpenedPage:
        assert self._current is not None
        if self._starting is not None and self._starting.ready():
            self._hand_over(self._starting)
        page = self._current.take()
        if page.envelopes:
            self._after = page.last_seq
        if self._first:
            self._first = False
            if page.envelopes and page.more and page.head is not None and page.head - page.last_seq >= PROCESS_FROM:
                self._starting = self._in_process()
        return page

    def _hand_over(self, starting: ProcessFetcher) -> None:
        """The pages after the last one taken from *starting*, if it takes them; else still from the thread."""
        self._starting = None
        if not starting.begin(self._after):
            starting.__exit__(None, None, None)
            return
        assert self._current is not None
        thread, self._current = self._current, starting
        thread.__exit__(None, None, None)  # never left using the transport; its pages ahead are dropped
