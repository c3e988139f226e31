"""The journal seal's current state: a small file beside the database, never inside it.

`journal.seal` holds the station, the seal's generation, the sequence number
of the next entry and the key that will seal it; nothing else. It lives
outside the database so that a copy of the database alone (an old backup, a
file put back) does not roll the key back: the state stays ahead, the next
entry takes the state's sequence number (a gap, never a reuse) and
verification names the entries that went missing. An old key never comes
back either: keys before the current one are erased by the overwrite.

The file is one fixed-size record, overwritten in place after each commit
(never renamed over, which would leave the previous key in a freed block),
with a checksum so that a torn or edited record is told apart. It is written
after the database's commit, without its own fsync: a power cut can only
leave it *behind* the database, which the next entry rolls forward (the key
evolves one way, so the station can always catch up, never go back).

The station's writer holds the file open (StateFile): each journaled action
reads the record with one pread and writes it with one pwrite on that
descriptor, on the same file as before, in place. A file that was deleted or
renamed over since (its descriptor has no link left) is opened again by its
path, so what the writer compares and overwrites is always the file the path
names, as when it opened the path at each action.
"""

from __future__ import annotations

import hashlib
import json
import logging
import errno
import os
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from json.encoder import encode_basestring_ascii as _json_string  # json.dumps's own, ensure_ascii
from pathlib import Path

log = logging.getLogger("vigie.journal")

FILE_NAME = "journal.seal"
FORMAT = 1
RECORD = 256  # bytes: one record, padded, written in one pwrite


@dataclass(frozen=True)
class SealState:
    station_id: str
    generation: int
    next_seq: int
    key: bytes  # the key that seals entry next_seq


def state_path(database: Path) -> Path:
    return database.with_name(FILE_NAME)


def _check(fields: dict) -> str:
    return hashlib.sha256(json.dumps(fields, sort_keys=True).encode()).hexdigest()[:16]


def encode(state: SealState) -> bytes:
    """The record of *state*: byte for byte json.dumps(sort_keys=True) of its members and their check.

    Written at every commit that journals, so it is spelled out here rather than built by json.dumps
    twice and a dict sorted twice; tests/test_seal_state.py compares it with that reference.
    """
    members = (f'"format": {FORMAT}, "generation": {int(state.generation)}, "key": "{state.key.hex()}", '
               f'"next_seq": {int(state.next_seq)}, "station_id": {_json_string(state.station_id)}')
    check = hashlib.sha256(b"{%s}" % members.encode()).hexdigest()[:16]
    line = b'{"check": "%s", %s}' % (check.encode(), members.encode())
    if len(line) >= RECORD:
        raise ValueError("a journal seal state does not fit in its record")
    return line + b" " * (RECORD - 1 - len(line)) + b"\n"


def decode(data: bytes) -> SealState | None:
    """The state a record holds, or None when it is not a whole, untouched record."""
    try:
        fields = json.loads(data.decode("ascii"))
        check = fields.pop("check")
        if not isinstance(fields, dict) or check != _check(fields) or fields["format"] != FORMAT:
            return None
        key = bytes.fromhex(fields["key"])
        state = SealState(str(fields["station_id"]), int(fields["generation"]), int(fields["next_seq"]), key)
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
        return None
    return state if len(key) == 32 and state.generation >= 1 and state.next_seq >= 1 else None


# Windows has neither pread nor pwrite, and opens a descriptor in text mode unless told O_BINARY (which
# the other systems lack). The file has one writer at a time (the station's write lock), so a seek then a
# read or a write of the same descriptor is as good there.
_BINARY = getattr(os, "O_BINARY", 0)


def _read_at_start(fd: int, size: int) -> bytes:
    if hasattr(os, "pread"):
        return os.pread(fd, size, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    return os.read(fd, size)


def _write_at_start(fd: int, data: bytes) -> None:
    if hasattr(os, "pwrite"):
        written = os.pwrite(fd, data, 0)
    else:
        os.lseek(fd, 0, os.SEEK_SET)
        written = os.write(fd, data)
    if written != len(data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def read(path: Path) -> SealState | None:
    """The state in *path*, or None when the file is missing or damaged (read twice: a write may be under way)."""
    for _attempt in range(2):
        try:
            with open(path, "rb") as handle:
                data = handle.read(RECORD + 1)
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.warning("the journal seal state %s cannot be read: %s", path, exc.strerror)
            return None
        state = decode(data)
        if state is not None:
            return state
    log.warning("the journal seal state %s is damaged", path)
    return None


def write(path: Path, state: SealState) -> bytes:
    """Overwrite the record in place (0600) and return the record written; raises OSError."""
    record = encode(state)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | _BINARY, 0o600)
    try:
        _write_at_start(fd, record)
    finally:
        os.close(fd)
    return record


class StateFile:
    """The seal state file as its writer holds it: opened once, read and overwritten in place.

    Opening the path, reading and closing at every journaled action, then opening, writing and closing
    after its commit, cost six system calls and Python's file objects (bench: store.insert_commit); the
    descriptor held here costs one fstat and one pread, then one fstat and one pwrite. The fstat tells a
    file that is no longer the path's (deleted, or another renamed over it): the path is then opened again.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self._closer: Callable[[], object] | None = None

    def record(self) -> bytes | None:
        """The file's bytes as they are now (None when it is missing or unreadable: read() says why).

        A seal state's writer compares them with the record it last wrote or read, rather than the file's
        modification time, whose clock is coarse (a few milliseconds): another process's write within the
        same tick would go unseen, and this one would seal with a state that is no longer the station's.
        """
        try:
            return _read_at_start(self._descriptor(create=False), RECORD + 1)
        except OSError:
            self.close()
            return None

    def write(self, state: SealState) -> bytes:
        """Overwrite the record in place (0600 when the file is made) and return it; raises OSError."""
        record = encode(state)
        _write_at_start(self._descriptor(create=True), record)
        return record

    def close(self) -> None:
        if self._closer is not None:
            self._closer()  # closes the descriptor once, now or when this object is collected
        self._fd = self._closer = None

    def _descriptor(self, create: bool) -> int:
        if self._fd is not None:
            try:
                if os.fstat(self._fd).st_nlink > 0:
                    return self._fd
            except OSError:
                pass
            self.close()
        fd = os.open(self.path, os.O_RDWR | _BINARY | (os.O_CREAT if create else 0), 0o600)
        self._fd = fd
        self._closer = weakref.finalize(self, os.close, fd)
        return fd
