"""Attachment files the sync state says a station holds, and that it no longer holds whole.

The records' digest (app/sync/digest.py) covers envelopes, not files: a file deleted from the
station's disk, cut short, or altered while its `sync_blobs` row says it was sent or received
would never be fetched again. Here the station looks at them (docs/sync.md, "Attachments"):

- on disk, at every sync that compares the digest and at a session's first sync: missing, or of
  a sealed size other than the record's size plus the store's magic, nonce and tag;
- inside, at a session's first sync only: each file read and opened under its name (its AES-GCM
  tag is the content's check; the records carry no SHA-256 of a file, whose name is a keyed hash
  only the attaching station can make), and its length compared with its record's, READ_BUDGET
  bytes at most from a place drawn at random, so that a large store is read over a few sessions.

The rows of the files found go, with a journal entry, in one transaction; the sync then fetches
them as files never received (app/sync/attachments.py sets a damaged copy aside meanwhile).
"""

from __future__ import annotations

import logging
import secrets

from sqlalchemy import delete, null, select, union
from sqlalchemy.orm import Session

from app.crypto import aead
from app.kernel.station import Station
from app.models import Operation
from app.models.attachments import BlobTransfer
from app.models.logbook import LogbookAttachment
from app.store.attachments import MAGIC, BlobStore, BlobUnreadable

log = logging.getLogger("vigie.sync")

GCM_TAG = 16
# A stored file's size beyond its plaintext: app/store/attachments.py's magic, nonce and tag.
SEALED_OVERHEAD = len(MAGIC) + aead.NONCE_LENGTH + GCM_TAG
READ_BUDGET = 256 * 1024 * 1024  # bytes of files read for damage at one session's first sync


def lost_files(station: Station, blobs: BlobStore, read_files: bool) -> set[str]:
    """The names of the files held by the sync state and not whole here, their rows gone (journaled)."""
    named = _named_sizes()
    with station.read() as uow:
        held = [(str(name), size) for name, size in uow.session.execute(
            select(named.c.name, named.c.size).where(named.c.name.in_(select(BlobTransfer.name))))]
        found = {name for name, size in held if not _intact(blobs, name, size)}
        if read_files:
            found |= _unreadable(uow.session, blobs, [(name, size) for name, size in held if name not in found])
    lost = sorted(found)
    if not lost:
        return set()
    log.warning("%d attachment files missing or damaged here: fetched again", len(lost))
    with station.uow() as uow:
        for start in range(0, len(lost), 500):
            uow.session.execute(delete(BlobTransfer).where(BlobTransfer.name.in_(lost[start:start + 500])))
        station.journal.append(uow.session, Operation.SYNC, compartment="journal", record_kind="sync",
                               detail=f"attachment files missing or damaged here: {len(lost)} fetched again")
        uow.commit()
    return set(lost)


def _intact(blobs: BlobStore, name: str, size: int | None) -> bool:
    try:
        found = blobs.path(name).stat().st_size
    except ValueError:
        return True  # not a name this station's store makes: nothing it could fetch under it
    except OSError:
        return False
    return size is None or found == SEALED_OVERHEAD + size


def _unreadable(session: Session, blobs: BlobStore, held: list[tuple[str, int | None]]) -> set[str]:
    """The files among *held* that do not open under their name or whose length is not their record's."""
    if not held:
        return set()
    start = secrets.randbelow(len(held))
    unreadable: set[str] = set()
    read = 0
    for name, size in held[start:] + held[:start]:
        if read > READ_BUDGET:
            break
        try:
            data = blobs.get(session, name)
        except ValueError:
            continue  # not a name this station's store makes
        except BlobUnreadable:
            unreadable.add(name)
            continue
        read += len(data)
        if size is not None and len(data) != size:
            unreadable.add(name)
    return unreadable


def _named_sizes():
    """Every file name an attachment's record carries, with the size its record declares (None: a
    thumbnail, whose record gives no size)."""
    return union(select(LogbookAttachment.blob.label("name"), LogbookAttachment.size.label("size")),
                 select(LogbookAttachment.thumbnail_blob.label("name"), null().label("size"))
                 .where(LogbookAttachment.thumbnail_blob.is_not(None))).subquery()
