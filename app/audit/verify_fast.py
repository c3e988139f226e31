"""The station's own journal verified from SQLite's serialization of each entry.

Reading a million entries as seventeen Python values each, then serializing them again, costs more than
all the hashing a verification does. Here SQLite writes each entry's canonical serialization itself
(`json_object`, the keys in sorted order: docs/journal-format.md's bytes), a batch of entries in one
statement that a thread of its own runs while this one hashes the batch before (SQLite decrypts and
steps without holding Python's lock); this thread hashes each entry and checks its number, its link
and its seal on that text (SQLite compares its station).

Only faster, never more lenient: an entry is taken from SQLite's text only where that text is, by
construction, the one app/audit/chain.py makes of its row. Every field is text (the user may be
missing): SQLite reads each value's type before it writes the text (a BLOB would be written as the
JSON it encodes). The text holds no backslash: nothing was escaped, so every `"` in it is structure and
each field is found where it must be (the seal's time, the number, the link). It is UTF-8. An entry
with escapes is parsed back and serialized by app/audit/chain.py, and taken only when that gives the
same bytes. Any other entry (a hash or a seal that does not hold, a gap, a time of another shape, a
field that is not text) goes through app/audit/chaincheck.py on its row read again, which decides,
and the batches go on after it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import queue
import threading
from typing import Any

from app.audit.chain import CHAINED_FIELDS, canonical_row
from app.audit.chaincheck import Chain, RowSeals, check_rows
from app.audit.query import CANONICAL_AT, FETCH, RowReader
from app.audit.verify import Report

# An entry as one line of bytes: its hash, the hash it links to and its seal (64 bytes each; no seal, 64
# dashes), its number plus 10^11 (12 digits: a sum is written faster than a padded number), then its JSON;
# an entry of another shape (a field that is not text, a hash or a seal of another length, a time of
# another length, another station), an empty line. typeof() sorts 'text' after 'blob', 'integer', 'null'
# and 'real'. Lines are joined by newlines, which the JSON never holds raw (it escapes control characters).
_OBJECT = "json_object(" + ", ".join(
    f"'{name}', {CANONICAL_AT if name == 'at' else name}" for name in sorted(CHAINED_FIELDS)) + ")"
_TEXT = [name for name in CHAINED_FIELDS if name not in ("seq", "user_id")] + ["hash", "tag"]
_PLAIN = (f"min({', '.join(f'typeof({name})' for name in _TEXT)}) = 'text' AND typeof(user_id) IN ('text', 'null') "
          "AND octet_length(hash) = 64 AND octet_length(prev_hash) = 64 AND octet_length(tag) IN (0, 64) "
          "AND length(at) = 26 AND station_id = ?3")
NO_TAG = b"-" * 64
SEQ_OFFSET = 10**11
BATCH = (f"SELECT CAST(group_concat(line, char(10)) AS BLOB), count(*), max(seq) FROM ("
         f"SELECT seq, CASE WHEN {_PLAIN} THEN concat(hash, prev_hash, iif(tag = '', '{NO_TAG.decode()}', tag), "
         f"seq + {SEQ_OFFSET}, {_OBJECT}) ELSE '' END AS line "
         f"FROM journal WHERE seq > ?1 ORDER BY seq LIMIT ?2)")
TEXT = 204  # where a line's JSON begins

# The seal's HMAC-SHA256 (RFC 2104, app/audit/seal.py) with a key of 32 bytes, written out with two SHA-256:
# the key padded to a block and XORed with ipad and opad by a translation table. A third cheaper than
# hmac.digest (OpenSSL sets up a MAC for every call), at a million keys, each used once (here and in
# app/audit/sealverify.py's loop); tests/test_journal_verify_fast.py checks it.
IPAD = bytes(byte ^ 0x36 for byte in range(256))
OPAD = bytes(byte ^ 0x5C for byte in range(256))
IPAD_REST, OPAD_REST = b"\x36" * 32, b"\x5c" * 32
EVOLVE = b"vigie-journal-evolve|"  # seal.evolve's prefix
# For the one or two blocks of the seal's outer hash and the key's evolution, the standard library's own
# SHA-256 costs less than OpenSSL's (which sets up a context for every call); the same function either way.
try:
    from _sha2 import sha256 as _SMALL_SHA256  # Python 3.12 and later
except ImportError:
    try:
        from _sha256 import sha256 as _SMALL_SHA256
    except ImportError:
        _SMALL_SHA256 = hashlib.sha256


def verify_journal(reader: RowReader, station_id: str, sealed: RowSeals | None = None, batch_size: int = FETCH
                   ) -> Report:
    """What app/audit/chaincheck.verify_rows tells of the station's journal (*reader* on its own `journal`),
    *sealed* checking each entry's seal in the same pass; entries read *batch_size* at a time."""
    chain = Chain.begin(reader, station_id)
    while True:
        exact = _serialized(reader.connection, chain, sealed, batch_size)
        if not exact:
            return chain.report()
        rows = list(reader.rows("seq > ?", [chain.expected - 1], limit=exact))
        finding = check_rows(chain, rows, sealed) if rows else None
        if finding is not None or not rows:
            return chain.report(finding)


def _serialized(connection: Any, chain: Chain, sealed: RowSeals | None, batch_size: int) -> int:
    """The batches after the last entry *chain* holds, checked until the journal ends (0), or until entries
    that only their rows decide: how many (the one that stopped it, or a batch whose lines are not one per
    entry)."""
    batches = _Batches(connection, chain.expected - 1, batch_size, chain.station_id)
    try:
        while True:
            data, count = batches.next()
            if not count:
                return 0
            lines = data.split(b"\n")
            if len(lines) != count:  # a raw newline in a hash or a seal: none as written holds one
                return count
            index = 0
            while index < count:
                index += _run(lines, index, chain, sealed)
                if index < count and not _take(lines[index], chain, sealed):
                    return 1
                index += index < count
    finally:
        batches.close()


def _run(lines: list[bytes], start: int, chain: Chain, sealed: RowSeals | None) -> int:
    """How many lines from *start* hold, each as the next entry, plain (see above) and sealed where the
    seal's key simply follows; *chain* and the seal's key moved on past them."""
    expected, previous = chain.expected, chain.previous.encode()
    sha256, small, compare, offset = hashlib.sha256, _SMALL_SHA256, hmac.compare_digest, SEQ_OFFSET
    ipad, opad, ipad_rest, opad_rest, evolve = IPAD, OPAD, IPAD_REST, OPAD_REST, EVOLVE
    key, following, boundaries = (sealed.key, sealed.following, sealed.boundaries) if sealed else (None, 0, set())
    index, end = start, len(lines) if len(previous) == 64 else start  # a checkpoint of another shape: by its row
    while index < end:
        line = lines[index]
        # The number, the link, then a JSON ({: 123) with nothing escaped (92: a backslash; the rest of the line
        # is hex when it holds) whose time is 27 bytes long (its closing quote, 34, at byte 34 of the JSON).
        if (not line.startswith(b"%d" % (expected + offset), 192) or not line.startswith(previous, 64)
                or 92 in line or len(line) <= 238 or line[204] != 123 or line[238] != 34
                or (not line.isascii() and not _utf8(line))):
            break
        entry_hash = line[:64]
        if sha256(line[204:]).hexdigest().encode() != entry_hash:
            break
        if sealed is not None:
            if key is None or expected != following or expected in boundaries or len(key) != 32:
                # A new generation, or no key (written before the station sealed, or a seal the code does not
                # open): the seal's own check of the entry, on the same values.
                sealed.key, sealed.following = key, following
                if sealed(_sealed_row(expected, line, entry_hash)) is not None:  # its row, read again, decides
                    break
                key, following = sealed.key, sealed.following
                previous, expected, index = entry_hash, expected + 1, index + 1
                continue
            message = b"vigie-journal-seal|%d|%s|%s" % (expected, line[211:238], entry_hash)
            seal = small(key.translate(opad) + opad_rest
                         + sha256(key.translate(ipad) + ipad_rest + message).digest()).hexdigest()
            if not compare(seal.encode(), line[128:192]):
                break
            key, following = small(evolve + key).digest(), expected + 1
        previous = entry_hash
        expected += 1
        index += 1
    if index > start:
        chain.held(chain.expected, expected - 1, previous.decode(), index - start)
    if sealed is not None:
        sealed.key, sealed.following = key, following
    return index - start


def _sealed_row(seq: int, line: bytes, entry_hash: bytes) -> tuple:
    """What app/audit/sealverify.py's check of one seal reads of a row (its number, time, hash and seal)."""
    tag = line[128:192]
    return (seq, None, line[211:238].decode(), *_UNREAD, entry_hash.decode(), "" if tag == NO_TAG else tag.decode())


_UNREAD = (None,) * 12


def _utf8(text: bytes) -> bool:
    try:
        text.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _take(line: bytes, chain: Chain, sealed: RowSeals | None) -> bool:
    """The entry of *line* that _run did not take: its row rebuilt from the text and checked as a row,
    when the text is the serialization app/audit/chain.py makes of those values; whether it held."""
    row = _row(line)
    if row is None:
        return False
    notes, seal_state = len(chain.notes), (sealed.key, sealed.following) if sealed is not None else None
    finding = check_rows(chain, [row], sealed)
    if finding is None:
        return True
    del chain.notes[notes:]  # its row, read again, decides: as if this had not been
    if sealed is not None and seal_state is not None:
        sealed.key, sealed.following = seal_state
    return False


def _row(line: bytes) -> tuple | None:
    """The row (ROW_COLUMNS, app/audit/query.py) whose serialization *line* holds, or None when the line's
    text is not exactly what app/audit/chain.canonical_row makes of the values it gives."""
    if len(line) <= TEXT:
        return None  # an entry of another shape
    text, entry_hash, tag = line[TEXT:], line[:64], line[128:192]
    try:
        values = json.loads(text)
        stored_tag = "" if tag == NO_TAG else tag.decode()
        row = tuple(values[name] for name in CHAINED_FIELDS) + (entry_hash.decode(), stored_tag)
    except (ValueError, KeyError, TypeError):  # not JSON, not UTF-8, not an object of these fields
        return None
    seq, user_id = row[0], row[CHAINED_FIELDS.index("user_id")]
    if (type(seq) is not int or not (user_id is None or isinstance(user_id, str))
            or not all(isinstance(row[index], str) for index in _TEXT_INDEXES)):
        return None
    return row if canonical_row(row) == text else None


_TEXT_INDEXES = [index for index, name in enumerate(CHAINED_FIELDS) if name not in ("seq", "user_id")]


class _Batches:
    """The serialized batches after entry *after*, one ahead, read by a thread of their own on the snapshot's
    connection: the caller leaves the connection alone until close()."""

    def __init__(self, connection: Any, after: int, size: int, station_id: str) -> None:
        self._queue: queue.Queue[tuple[bytes, int] | BaseException] = queue.Queue(maxsize=2)
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._read, args=(connection, after, size, station_id),
                                        name="journal-verify-reader")
        self._thread.start()

    def _read(self, connection: Any, after: int, size: int, station_id: str) -> None:
        try:
            cursor = connection.cursor()
            try:
                while not self._stopping.is_set():
                    data, count, last = cursor.execute(BATCH, (after, size, station_id)).fetchone()
                    self._queue.put((data or b"", count))
                    if not count:
                        return
                    after = last
            finally:
                cursor.close()
        except Exception as exc:  # the verifying thread raises it
            self._queue.put(exc)

    def next(self) -> tuple[bytes, int]:
        item = self._queue.get()
        if isinstance(item, BaseException):
            raise item
        return item

    def close(self) -> None:
        """The thread stopped: it puts at most one more batch after the queue is emptied, which it holds."""
        self._stopping.set()
        while True:
            try:
                self._queue.get_nowait()
            except queue.Empty:
                break
        self._thread.join()
