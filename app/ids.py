"""Record identifiers: UUIDv7, made on the station, sortable by creation time.

Stations create records offline, so ids must never collide across stations
and should keep insertion order in B-tree indexes (RFC 9562, section 5.7).
"""

from __future__ import annotations

import os
import threading
import time
import uuid

_lock = threading.Lock()
_last_ms = 0
_counter = 0


def _next_value() -> int:
    """The 128 bits of a new UUIDv7, monotonic within this process even within one millisecond."""
    global _last_ms, _counter
    # One read of the system's randomness: 62 bits of rand_b, and 10 bits that seed a new millisecond's counter.
    random = int.from_bytes(os.urandom(10), "big")
    with _lock:
        now_ms = time.time_ns() // 1_000_000
        if now_ms > _last_ms:
            _last_ms = now_ms
            _counter = (random >> 64) & 0x3FF
        else:
            # Same millisecond (or a clock step back): count on from the last id.
            _counter += 1
            if _counter > 0xFFF:
                _last_ms += 1
                _counter = 0
        ms, counter = _last_ms, _counter
    return ((ms & 0xFFFF_FFFF_FFFF) << 80) | (0x7 << 76) | (counter << 64) | (0b10 << 62) | (random & ((1 << 62) - 1))


def uuid7() -> uuid.UUID:
    """A new UUIDv7, monotonic within this process even within one millisecond."""
    return uuid.UUID(int=_next_value())


def new_id() -> str:
    """A new record id as the canonical 36-character string stored in the database (str of its uuid7).

    Formatted here rather than through uuid.UUID, which every new record would otherwise build and print.
    """
    h = f"{_next_value():032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
