"""Work a backup or a restore hands to another thread, waited for so that Ctrl+C stops it within a moment.

Python runs a signal's handler (Ctrl+C's KeyboardInterrupt) in the main thread only, between two of its
bytecodes: never inside one C call. SQLite's quick_check of a large station is one call of several seconds
(7 s on 600,000 records), so it runs on a thread of its own while the main thread waits for it in waits that
Ctrl+C cuts (timed ones: on Windows, a wait without a timeout is not cut by it).

On Ctrl+C the work is told to stop (SQLite's interrupt, or a flag its loop reads between two chunks) and
waited for to its end, a moment later: never left running, because a thread still decrypting or hashing
when the process exits crashes it (OpenSSL's exit handler frees what the thread is using).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, wait
from contextlib import contextmanager
from typing import Generic, TypeVar

T = TypeVar("T")

TICK = 0.2  # seconds: the longest a wait goes on before a Ctrl+C is seen where signals do not cut waits


def waited(future: Future[T]) -> T:
    """*future*'s result, waited for in waits that Ctrl+C cuts."""
    while not future.done():
        wait([future], timeout=TICK)
    return future.result()


def joined(thread: threading.Thread) -> None:
    """Wait for *thread*, which was told to stop, to end: a second Ctrl+C meanwhile does not leave it running."""
    while thread.is_alive():
        try:
            thread.join(TICK)
        except KeyboardInterrupt:
            continue


class Background(Generic[T]):
    """*work* begun on a thread of its own: `result()` waits for it, `stop()` calls *stop* (unless it is done)
    and waits for its end."""

    def __init__(self, work: Callable[[], T], stop: Callable[[], None], name: str) -> None:
        self._future: Future[T] = Future()
        self._stop = stop
        self._thread = threading.Thread(target=self._run, args=(work,), name=name, daemon=True)
        try:
            # start() waits for the thread to run, a wait Ctrl+C cuts: cut there, the thread ran on, unstopped
            # and unknown to the caller (a quick_check went on for seconds, and crashed the process's exit).
            with held_back():
                self._thread.start()
        except BaseException:
            self.stop()
            raise

    def _run(self, work: Callable[[], T]) -> None:
        try:
            result = work()
        except BaseException as exc:  # handed to the thread that waits, which raises it
            self._future.set_exception(exc)
        else:
            self._future.set_result(result)

    def result(self) -> T:
        return waited(self._future)

    def stop(self) -> None:
        if not self._future.done():
            self._stop()
        joined(self._thread)


def interruptible(work: Callable[[], T], stop: Callable[[], None], name: str) -> T:
    """*work*'s result, the work done on another thread while this one waits for it; on Ctrl+C (or anything
    raised while waiting), *stop* is called and the work waited for to its end before the exception goes on."""
    job = Background(work, stop, name)
    try:
        return job.result()
    finally:
        job.stop()


@contextmanager
def held_back() -> Iterator[None]:
    """A few steps that must be done whole (the renames that put a station in another's place): a Ctrl+C
    among them is held back, and raised once they are done. Only the main thread takes signals: elsewhere
    (the windows' workers) there is nothing to hold back."""
    previous = signal.getsignal(signal.SIGINT) if threading.current_thread() is threading.main_thread() else None
    if previous is None:  # another thread, or a handler not set from Python: left as it is
        yield
        return
    caught: list[int] = []
    signal.signal(signal.SIGINT, lambda signum, _frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        signal.raise_signal(signal.SIGINT)  # to the handler it had: a KeyboardInterrupt, as Ctrl+C raises it
