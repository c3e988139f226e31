"""The key of the encrypted attachment files, kept only inside the encrypted database.

Not derived from the database key: a rekey re-encrypts the database, and the
files, named and sealed with this key, stay as they are.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class BlobKey(Base):
    __tablename__ = "blob_keys"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    key: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime]


class BlobTransfer(Base):
    """An attachment file sent to the sync server or received from it, by its name on this station.

    Local: never travels. A file with no row here is still to send (its bytes are here) or to
    receive (they are not); a row whose name no attachment names any more is an erased file,
    whose chunks on the server are deleted at the next sync (app/sync/attachments.py).
    """

    __tablename__ = "sync_blobs"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    handle: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(10))  # "sent" or "received"
    done_at: Mapped[datetime]
