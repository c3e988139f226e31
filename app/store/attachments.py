"""Attachment files: encrypted on disk, named by a keyed hash of their content, stored once.

Every file is sealed with AES-256-GCM under a key of its own, derived (HKDF)
from the station's attachment key and the file's name. That key is kept only
inside the encrypted database (table blob_keys), never in clear on disk, and
does not change when the database is rekeyed. The name is the HMAC-SHA256 of
the plaintext under a key derived from the same secret: the same content is
stored once, and a name tells nothing about the content to someone without
the key (a plain SHA-256 would let anyone confirm a guessed file).

Layout: <attachments>/<first two hex digits>/<64 hex digits>. File format:
b"VGB1" || 12-byte nonce || ciphertext and tag; the name is the associated data,
so a file moved under another name does not open.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import tempfile
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy.orm import Session

from app.clock import Clock
from app.crypto import aead
from app.errors import QT_TRANSLATE_NOOP, VigieError
from app.models.attachments import BlobKey

MAGIC = b"VGB1"
KEY_NAME = "attachments"


class BlobUnreadable(VigieError):
    message = QT_TRANSLATE_NOOP(
        "errors", "The attached file {name} is missing or damaged on disk; ask an administrator to restore it."
    )


def _derive(master: bytes, info: bytes, salt: bytes | None = None) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(master)


class BlobStore:
    """Content-addressed encrypted files under *folder*; the key comes from the caller's session."""

    def __init__(self, folder: Path, clock: Clock) -> None:
        self.folder = folder
        self.clock = clock
        self._master: bytes | None = None

    # -- the key ---------------------------------------------------------------------

    def _key(self, session: Session) -> bytes:
        """The station's attachment key, made with the first attachment, in that transaction."""
        if self._master is None:
            row = session.get(BlobKey, KEY_NAME)
            if row is None:
                row = BlobKey(name=KEY_NAME, key=os.urandom(32), created_at=self.clock.now())
                session.add(row)
                session.flush()
            self._master = row.key
        return self._master

    def forget_key(self) -> None:
        """Drop the key from memory (the station is closing, or a transaction that made it rolled back)."""
        self._master = None

    # -- names and paths ---------------------------------------------------------------

    def name_of(self, session: Session, data: bytes) -> str:
        name_key = _derive(self._key(session), b"vigie blob names v1")
        return hmac.new(name_key, data, hashlib.sha256).hexdigest()

    def path(self, name: str) -> Path:
        if len(name) != 64 or any(c not in "0123456789abcdef" for c in name):
            raise ValueError("not a blob name")
        return self.folder / name[:2] / name

    # -- writing and reading --------------------------------------------------------------

    def put(self, session: Session, data: bytes) -> tuple[str, bool]:
        """Store *data*; returns its name and whether a new file was written (False: already there)."""
        name = self.name_of(session, data)
        target = self.path(name)
        if target.exists():
            return name, False
        key = _derive(self._key(session), b"vigie blob v1", salt=name.encode("ascii"))
        self._write(target, MAGIC + aead.encrypt(key, data, self._aad(name)))
        return name, True

    @staticmethod
    def _write(target: Path, sealed: bytes) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        # Written aside then renamed: a crash leaves either no file or the whole file.
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(sealed)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def put_as(self, session: Session, name: str, data: bytes) -> bool:
        """Store *data* under *name*, a name another station gave it (the one its records carry).

        Such a file came by sync (app/sync/attachments.py): it is sealed under this station's
        key like any other, only its name is the sending station's keyed hash, which this
        station cannot recompute. Returns whether a new file was written.
        """
        target = self.path(name)
        if target.exists():
            return False
        key = _derive(self._key(session), b"vigie blob v1", salt=name.encode("ascii"))
        self._write(target, MAGIC + aead.encrypt(key, data, self._aad(name)))
        return True

    def holds(self, name: str) -> bool:
        """Whether the file named *name* is on this station's disk (a synced one may still be on its way)."""
        try:
            return self.path(name).is_file()
        except ValueError:
            return False

    def get(self, session: Session, name: str, shown_as: str = "") -> bytes:
        try:
            sealed = self.path(name).read_bytes()
        except OSError as exc:
            raise BlobUnreadable(name=shown_as or name) from exc
        if not sealed.startswith(MAGIC):
            raise BlobUnreadable(name=shown_as or name)
        key = _derive(self._key(session), b"vigie blob v1", salt=name.encode("ascii"))
        try:
            return aead.decrypt(key, sealed[len(MAGIC):], self._aad(name))
        except aead.DecryptionFailed as exc:
            raise BlobUnreadable(name=shown_as or name) from exc

    def remove(self, names: list[str]) -> None:
        """Remove files written for a transaction that did not commit."""
        for name in names:
            self.path(name).unlink(missing_ok=True)

    @staticmethod
    def _aad(name: str) -> bytes:
        return b"vigie blob|" + name.encode("ascii")
