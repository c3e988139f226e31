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
