"""The cyclic garbage collector, run less often while a sync runs.

A sync makes and drops objects by the hundred thousand (a new station's first pull: a dict per record's
values, a row per head, its seen row, the pages decoded ahead), nearly all freed by their reference
count. At CPython's default pace (a young collection every 700 allocations, the oldest generation,
every object of the process, from time to time) the collector took a quarter of the applying thread's
time on 100,000 records: 0.7 s in 1,300 collections of the 3.6 s the pull took, and applying them
at 28,000 records/s became 33,000 to 37,000 at a young collection every 50,000 (docs/sync.md, "The
station: how fast"). The few cycles the sync makes wait a little longer to be collected.

The pace is the process's: it is set when the first of the syncs running at once begins and put back
when the last one ends, whatever the way they end.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

SYNC_YOUNG_THRESHOLD = 50_000  # allocations between two young collections while a sync runs (CPython: 700)

_lock = threading.Lock()
_running = 0
_before: tuple[int, int, int] | None = None


@contextmanager
def collecting_less() -> Iterator[None]:
    """While the block runs, young collections every SYNC_YOUNG_THRESHOLD allocations (older ones as
    often as before, relative to them); the process's own pace again once no sync runs."""
    global _running, _before
    with _lock:
        if _running == 0:
            _before = gc.get_threshold()
            gc.set_threshold(max(SYNC_YOUNG_THRESHOLD, _before[0]), *_before[1:])
        _running += 1
    try:
        yield
    finally:
        with _lock:
            _running -= 1
            if _running == 0 and _before is not None:
                gc.set_threshold(*_before)
                _before = None
