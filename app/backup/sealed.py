"""An encrypted container for the export: AES-256-GCM in chunks, the key from a passphrase by Argon2id.

Layout: MAGIC, a 4-byte length and a JSON header (the Argon2id salt and cost,
the chunk size), a 16-byte check that the passphrase is right, then chunks,
each a 4-byte length and AES-GCM of up to CHUNK bytes. A chunk's nonce is its
number; its associated data binds the header, its number and whether it is the
last one, so that a chunk changed, moved, dropped or cut off at the end is
found. Reading checks every chunk before anything is used, then gives the
plaintext as a seekable file (zipfile reads the archive from it) that
decrypts one chunk at a time: nothing plaintext is ever written to disk.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import struct
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.crypto import aead
from app.crypto.kdf import KdfParams, derive_key
from app.errors import QT_TRANSLATE_NOOP

MAGIC = b"VIGIE-EXPORT\x00\x01"
CHUNK = 1 << 20
CHECK_NONCE = b"\xff" * 12

WRONG_PASSPHRASE = QT_TRANSLATE_NOOP("fields", "the passphrase is wrong, or the file's header was altered")
NOT_AN_EXPORT = QT_TRANSLATE_NOOP("fields", "it is not a Vigie export")
ALTERED = QT_TRANSLATE_NOOP("fields", "it was altered after it was written")
TRUNCATED = QT_TRANSLATE_NOOP("fields", "it is truncated")


class SealedError(Exception):
    """The container does not hold; its args[0] is the reason, for the user."""


def _aad(header_digest: bytes, index: int, last: bool) -> bytes:
    return header_digest + struct.pack(">QB", index, 1 if last else 0)


def _nonce(index: int) -> bytes:
    return struct.pack(">IQ", 0, index)


class SealedWriter(io.RawIOBase):
    """Write-only, not seekable: what zipfile needs to stream an archive (it then writes data descriptors)."""

    def __init__(self, out: BinaryIO, passphrase: str, params: KdfParams) -> None:
        super().__init__()
        salt = os.urandom(16)
        header = json.dumps({"cipher": "AES-256-GCM", "chunk": CHUNK, "kdf": {
            "algorithm": "argon2id", "salt": aead.b64(salt), **params.as_dict()}}).encode("utf-8")
        self._out = out
        self._aead = AESGCM(derive_key(passphrase.encode("utf-8"), salt, params))
        self._digest = hashlib.sha256(MAGIC + header).digest()
        out.write(MAGIC + struct.pack(">I", len(header)) + header)
        out.write(self._aead.encrypt(CHECK_NONCE, b"", self._digest))
        self._buffer = bytearray()
        self._index = 0
        self._position = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        view = bytes(data)
        self._buffer += view
        self._position += len(view)
        while len(self._buffer) > CHUNK:
            self._emit(bytes(self._buffer[:CHUNK]), last=False)
            del self._buffer[:CHUNK]
        return len(view)

    def tell(self) -> int:
        return self._position

    def finish(self) -> None:
        """The last chunk (marked so), then the file is complete."""
        self._emit(bytes(self._buffer), last=True)
        self._buffer.clear()

    def _emit(self, plain: bytes, last: bool) -> None:
        sealed = self._aead.encrypt(_nonce(self._index), plain, _aad(self._digest, self._index, last))
        self._out.write(struct.pack(">I", len(sealed)) + sealed)
        self._index += 1


class SealedReader(io.RawIOBase):
    """The plaintext of a checked container, seekable, one chunk decrypted at a time."""

    def __init__(self, path: Path, passphrase: str) -> None:
        super().__init__()
        self._file = open(path, "rb")
        try:
            self._open(passphrase)
        except BaseException:
            self._file.close()
            raise
        self._position = 0
        self._cached: tuple[int, bytes] | None = None

    def _open(self, passphrase: str) -> None:
        head = self._file.read(len(MAGIC) + 4)
        if len(head) < len(MAGIC) + 4 or not head.startswith(MAGIC):
            raise SealedError(NOT_AN_EXPORT)
        (length,) = struct.unpack(">I", head[len(MAGIC):])
        header = self._file.read(length)
        try:
            kdf = json.loads(header)["kdf"]
            salt, params = aead.unb64(kdf["salt"]), KdfParams.from_dict(kdf)
        except (ValueError, KeyError, TypeError) as exc:
            raise SealedError(NOT_AN_EXPORT) from exc
        self._digest = hashlib.sha256(MAGIC + header).digest()
        self._aead = AESGCM(derive_key(passphrase.encode("utf-8"), salt, params))
        try:
            self._aead.decrypt(CHECK_NONCE, self._file.read(16), self._digest)
        except InvalidTag:
            raise SealedError(WRONG_PASSPHRASE) from None
        self._chunks = self._check_all()
        self._size = sum(size for _offset, _sealed, size in self._chunks)

    def _check_all(self) -> list[tuple[int, int, int]]:
        """(offset, sealed length, plain length) of every chunk, each one authenticated once."""
        chunks = []
        index = 0
        while True:
            offset = self._file.tell()
            raw = self._file.read(4)
            if len(raw) < 4:
                raise SealedError(TRUNCATED)
            (length,) = struct.unpack(">I", raw)
            sealed = self._file.read(length)
            if len(sealed) < length:
                raise SealedError(TRUNCATED)
            last = self._try(index, sealed)
            chunks.append((offset + 4, length, length - 16))
            if last:
                if self._file.read(1):
                    raise SealedError(ALTERED)
                return chunks
            index += 1

    def _try(self, index: int, sealed: bytes) -> bool:
        """Whether chunk *index* is the last one; SealedError when it holds as neither."""
        for last in (False, True):
            try:
                self._aead.decrypt(_nonce(index), sealed, _aad(self._digest, index, last))
            except InvalidTag:
                continue
            return last
        raise SealedError(ALTERED)

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._position, io.SEEK_END: self._size}[whence]
        self._position = max(0, base + offset)
        return self._position

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            size = self._size - self._position
        out = bytearray()
        while size > 0 and self._position < self._size:
            index, within = divmod(self._position, CHUNK)
            piece = self._chunk(index)[within:within + size]
            out += piece
            self._position += len(piece)
            size -= len(piece)
        return bytes(out)

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def _chunk(self, index: int) -> bytes:
        if self._cached is None or self._cached[0] != index:
            offset, length, _plain = self._chunks[index]
            self._file.seek(offset)
            last = index == len(self._chunks) - 1
            self._cached = (index, self._aead.decrypt(_nonce(index), self._file.read(length),
                                                      _aad(self._digest, index, last)))
        return self._cached[1]

    def close(self) -> None:
        self._file.close()
        super().close()
