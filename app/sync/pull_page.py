"""Pulled pages, fetched and opened on a thread of their own while the pages before them are written.

The fetcher asks the server for the page after the last one it fetched, reads its JSON, decodes each
ciphertext, hashes it for the station's record of what it pulled (`sync_seen`, the digest's) and opens
it (app/sync/envelope.py's Opener: AES-GCM, the associated data binding tenant, handle and mutation id,
the handle checked against the record it names). The page is then handed, in order, to the thread that
applies it. While that thread waits for the database (SQLite and its fsync release the GIL), the next
pages are fetched and opened; no database session is ever used here.
"""

from __future__ import annotations

import binascii
import hashlib
import threading
from collections import deque
from collections.abc import Callable
from typing import Any, NamedTuple

from app.sync import protocol
from app.sync.envelope import EnvelopeRefused, Opener, Pulled
from app.sync.transport import Transport

PAGE_SIZE = protocol.PULL_LIMIT_MAX  # envelopes asked for per page, on a thread or in the opening process

# A row of sync_seen: seq, handle, SHA-256 of the ciphertext (hex), mutation id, pulled back by its own station
# (1 or 0, as SQLite stores a bool: a Python bool costs the driver 3 µs to bind, app/sync/batch.py).
Seen = tuple[int, str, str, str, int]
ALTERED_ON_SERVER = "the ciphertext was altered on the server after it was stored"


class OpenedPage(NamedTuple):
    """A page as the server sent it, with each envelope's change (or why it is refused) and seen row."""

    envelopes: list[protocol.Envelope]
    changes: list[Pulled | str]  # the change, or the reason the envelope is refused
    seen: list[Seen]
    last_seq: int
    more: bool
    head: int | None


def b64decode(text: Any) -> bytes:
    """protocol.b64decode's strict reading (standard padded base64, exactly the padding it needs, no stray
    character nor stray bit), at a third of its cost: the last quantum alone is encoded again."""
    try:
        data = binascii.a2b_base64(text, strict_mode=True)
    except (binascii.Error, TypeError, ValueError) as exc:
        raise protocol.SyncProtocolError("not standard base64") from exc
    if text and binascii.b2a_base64(data[(len(text) // 4 - 1) * 3:], newline=False) != text[-4:].encode():
        raise protocol.SyncProtocolError("not standard base64")
    return data


def fetch_page(transport: Transport, after: int) -> dict[str, Any]:
    """The page of envelopes after seq *after*, as the server sends it."""
    return transport.json("GET", protocol.PULL, params={"after": after, "limit": PAGE_SIZE})


def open_page(opener: Opener, device_id: str, page: dict[str, Any]) -> OpenedPage:
    """Every envelope of *page* decoded, hashed and opened. A ciphertext that is not base64 is the server's
    error (SyncProtocolError, the whole pull stops); one that does not open is refused, alone."""
    envelopes: list[protocol.Envelope] = page["envelopes"]
    changes: list[Pulled | str] = []
    seen: list[Seen] = []
    sha256 = hashlib.sha256
    for envelope in envelopes:
        handle, mutation_id = str(envelope["handle"]), str(envelope["mutation_id"])
        ciphertext = b64decode(envelope["ciphertext"])
        received = sha256(ciphertext).hexdigest()
        # A ciphertext the server's disk altered is recorded as stored (the digests agree), and refused.
        stored = str(envelope.get("stored_sha256") or received)
        seen.append((int(envelope["seq"]), handle, stored, mutation_id, 1 if envelope["device_id"] == device_id else 0))
        if stored != received:
            changes.append(ALTERED_ON_SERVER)
            continue
        try:
            changes.append(opener.open(handle, mutation_id, ciphertext))
        except EnvelopeRefused as refused:
            changes.append(str(refused))
    head = page.get("head")
    return OpenedPage(envelopes, changes, seen, int(page["last_seq"]), bool(page.get("more")),
                      int(head) if head is not None else None)


class PageFetcher:
    """Fetches and opens the pages after *after*, up to *depth* pages ahead of the one taken, on one thread
    (the transport is used by it alone until it stops). `take()` gives them in order and raises what the
    fetching raised (SyncOffline); leaving the `with` stops the thread and waits for it."""

    def __init__(self, fetch: Callable[[int], dict[str, Any]], opened: Callable[[dict[str, Any]], OpenedPage],
                 after: int, depth: int = 2) -> None:
        self._fetch = fetch
        self._opened = opened
        self._after = after
        self._depth = depth
        self._ready: deque[OpenedPage | BaseException] = deque()
        self._changed = threading.Condition()
        self._stopped = False
        self._done = False
        self._thread = threading.Thread(target=self._run, name="vigie-pull", daemon=True)

    def __enter__(self) -> PageFetcher:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        with self._changed:
            self._stopped = True
            self._changed.notify_all()
        self._thread.join()  # never leave the fetcher using the transport behind

    def take(self) -> OpenedPage:
        with self._changed:
            while not self._ready:
                if self._done:
                    raise RuntimeError("no page follows the last one")
                self._changed.wait()
            item = self._ready.popleft()
            self._changed.notify_all()
        if isinstance(item, BaseException):
            raise item
        return item

    def _run(self) -> None:
        after = self._after
        try:
            while True:
                with self._changed:
                    while len(self._ready) >= self._depth and not self._stopped:
                        self._changed.wait()
                    if self._stopped:
                        return
                try:
                    page = self._opened(self._fetch(after))
                except BaseException as exc:  # handed to the applying thread, which raises it
                    self._hand(exc)
                    return
                self._hand(page)
                if not page.envelopes or not page.more:
                    return
                after = page.last_seq
        finally:
            with self._changed:
                self._done = True
                self._changed.notify_all()

    def _hand(self, item: OpenedPage | BaseException) -> None:
        with self._changed:
            self._ready.append(item)
            self._changed.notify_all()
