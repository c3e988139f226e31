"""Attachments' files between the stations of a service: encrypted chunks on the sync server.

A main courante attachment's record travels in an envelope like any other; its file travels
apart, after the records (docs/sync.md, "Attachments"):

- Its **blob handle** on the server is HMAC-SHA256, under the service's handle key, of the
  file's name as its records carry it (itself a keyed hash of the content on the station that
  attached it): never the attachment's id nor its file name, and nothing the server can link
  to either.
- The file is framed (its length, then the bytes) and zero-padded to a size of the Padmé
  family (at most 12 % more, so a size tells only its first few bits), then cut into chunks
  whose ciphertext is at most the server's chunk limit. Each chunk is sealed with AES-256-GCM
  under the service's sync key, with a fresh nonce; its associated data binds the tenant, the
  handle, the chunk's index and whether it is the last one, so that the server can neither
  read a chunk, nor move it to another file or place, nor cut a file short unseen.
- Sending is resumable: the station asks the server which chunks it holds and sends only the
  others; a cut after k chunks resumes at chunk k. Receiving is too: each chunk fetched is
  kept, still encrypted, under the attachments folder until the file is whole.
- A received file is verified (every chunk opens, the last says it is last, the length holds),
  stored through the station's BlobStore under the station's own key, and only then marked
  present (`sync_blobs`). Until then its entry shows it as being received.
- A file no attachment names any more (erased: retention, a court outcome, an administrator)
  is deleted on the server and here.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import shutil
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import delete, select, text, union
from sqlalchemy.orm import Session

from app.crypto import aead
from app.kernel.station import Station
from app.models import Operation
from app.models.attachments import BlobTransfer
from app.models.logbook import LogbookAttachment
from app.models.sync import SyncAccount
from app.store.attachments import BlobStore, BlobUnreadable
from app.sync import protocol
from app.sync.blob_repair import lost_files
from app.sync.envelope import ServiceKeys
from app.sync.transport import SyncRefused, Transport

log = logging.getLogger("vigie.sync")

GCM_TAG = 16
# The plaintext of one chunk: its ciphertext (nonce, bytes, tag) is exactly the server's limit.
CHUNK_BYTES = protocol.MAX_CHUNK_BYTES - aead.NONCE_LENGTH - GCM_TAG
MIN_PADDED = 4096
_LENGTH = struct.Struct(">Q")
SENT, RECEIVED = "sent", "received"
INCOMING = ".sync-incoming"
DAMAGED = ".damaged"  # a damaged copy, kept beside its place while a good one is fetched


class BlobRefused(Exception):
    """Chunks that do not make a file sealed by this service for this handle."""


@dataclass
class BlobReport:
    sent: int = 0
    chunks_sent: int = 0
    received: int = 0
    waiting: int = 0  # files whose record is here and whose chunks are not all on the server yet
    deleted: int = 0
    refused: int = 0  # files whose chunks are not authentic: never stored, journaled, fetched again later
    repaired: int = 0  # files held by the sync state but missing or damaged here: fetched again


# -- the format -------------------------------------------------------------------------------


def blob_handle(keys: ServiceKeys, name: str) -> str:
    return hmac.new(keys.handle_key, b"vigie-blob\x00" + name.encode("ascii"), hashlib.sha256).hexdigest()


def padded_size(length: int) -> int:
    """Padmé (Nikitin et al., PURBs): the framed length rounded up, keeping its top bits only."""
    size = max(length + _LENGTH.size, MIN_PADDED)
    exponent = size.bit_length() - 1
    mantissa_bits = exponent.bit_length()
    low = (1 << (exponent - mantissa_bits)) - 1
    return (size + low) & ~low


def frame(data: bytes) -> bytes:
    padded = _LENGTH.pack(len(data)) + data
    return padded + bytes(padded_size(len(data)) - len(padded))


def unframe(padded: bytes) -> bytes:
    if len(padded) < _LENGTH.size:
        raise BlobRefused("too short")
    (length,) = _LENGTH.unpack_from(padded)
    if len(padded) != padded_size(length):
        raise BlobRefused("the length does not match the padding")
    return padded[_LENGTH.size:_LENGTH.size + length]


def chunk_aad(tenant_id: str, handle: str, index: int, last: bool) -> bytes:
    return f"vigie-blob-v1|{tenant_id}|{handle}|{index}|{'last' if last else 'more'}".encode()


def seal_chunks(keys: ServiceKeys, tenant_id: str, handle: str, data: bytes) -> Iterator[bytes]:
    padded = frame(data)
    count = -(-len(padded) // CHUNK_BYTES)
    for index in range(count):
        piece = padded[index * CHUNK_BYTES:(index + 1) * CHUNK_BYTES]
        yield aead.encrypt(keys.sync_key, piece, chunk_aad(tenant_id, handle, index, index == count - 1))


def open_chunk(keys: ServiceKeys, tenant_id: str, handle: str, index: int, sealed: bytes) -> tuple[bytes, bool]:
    """A chunk's plaintext, and whether it is the file's last."""
    for last in (False, True):
        try:
            return aead.decrypt(keys.sync_key, sealed, chunk_aad(tenant_id, handle, index, last)), last
        except aead.DecryptionFailed:
            continue
    raise BlobRefused(f"chunk {index} does not open")


# -- one sync's worth of files -------------------------------------------------------------------


class AttachmentSync:
    """After the records: send the files the server lacks, fetch the files this station lacks,
    and delete the files of erased attachments."""

    def __init__(self, station: Station, transport: Transport, account: SyncAccount | None = None) -> None:
        self.station = station
        self.transport = transport
        self.account = account  # as the sync read it, else read here
        self.blobs = BlobStore(station.paths.attachments, station.clock)
        self.incoming = station.paths.attachments / INCOMING

    def run(self, repair: bool = False, read_files: bool = False) -> BlobReport:
        """One sync's files; with *repair*, first the files this station holds by its sync state and
        whose file is missing or damaged are forgotten here, so that they are fetched again; with
        *read_files*, damage is also looked for inside the files (app/sync/blob_repair.py)."""
        report = BlobReport()
        lost = lost_files(self.station, self.blobs, read_files) if repair else set()
        report.repaired = len(lost)
        with self.station.read() as uow:
            account = self.account or uow.session.get(SyncAccount, 1)
            if account is None:
                return report
            keys, tenant = ServiceKeys(account.sync_key, account.handle_key), account.tenant_id
            pending = self._pending(uow.session)
            erased = list(uow.session.execute(select(BlobTransfer.name, BlobTransfer.handle).where(
                BlobTransfer.name.not_in(select(_named().c.name)))).all())
        for name in pending:
            self._move(keys, tenant, name, name in lost, report)
        for name, handle in erased:
            self._delete(name, handle)
            report.deleted += 1
        self._forget_incoming({blob_handle(keys, name) for name in pending})
        return report

    def _move(self, keys: ServiceKeys, tenant: str, name: str, damaged: bool, report: BlobReport) -> None:
        """Send the file if it is here and reads, else fetch it (a damaged copy set aside meanwhile)."""
        handle = blob_handle(keys, name)
        try:
            if not damaged and self.blobs.holds(name):
                try:
                    report.chunks_sent += self._send(keys, tenant, name, handle)
                    report.sent += 1
                    return
                except BlobUnreadable:
                    # This station's own copy is damaged: it sends nothing it cannot read, and fetches
                    # the file again if another station sent it.
                    log.warning("attachment file %s unreadable here: not sent", name[:8])
                    damaged = True
            if self._received_instead(keys, tenant, name, handle) if damaged else self._receive(
                    keys, tenant, name, handle):
                report.received += 1
            else:
                report.waiting += 1
        except BlobRefused as refusal:
            self._refused(handle, str(refusal))
            report.refused += 1

    def _received_instead(self, keys: ServiceKeys, tenant: str, name: str, handle: str) -> bool:
        """A damaged copy set aside while the server's is fetched; put back if none comes, so that
        nothing this station holds is lost before a good copy is in."""
        copy = self.blobs.path(name)
        aside = copy.with_name(copy.name + DAMAGED)
        try:
            os.replace(copy, aside)
        except FileNotFoundError:
            return self._receive(keys, tenant, name, handle)
        received = False
        try:
            received = self._receive(keys, tenant, name, handle)
        finally:
            if received:
                aside.unlink(missing_ok=True)
            else:
                os.replace(aside, copy)
        return received

    def _forget_incoming(self, waiting: set[str]) -> None:
        """Chunks kept for a file no attachment waits for any more (erased while on its way) go too."""
        if not self.incoming.is_dir():
            return
        for folder in self.incoming.iterdir():
            if folder.name not in waiting:
                shutil.rmtree(folder, ignore_errors=True)

    @staticmethod
    def _pending(session: Session) -> list[str]:
        """The files attachments name that this station has neither sent nor received."""
        named = _named()
        return list(session.scalars(select(named.c.name).where(named.c.name.not_in(select(BlobTransfer.name)))
                                    .order_by(named.c.name)))

    # -- sending ------------------------------------------------------------------------------

    def _send(self, keys: ServiceKeys, tenant: str, name: str, handle: str) -> int:
        """Every chunk the server lacks; the file is marked sent once the server holds them all."""
        with self.station.read() as uow:
            data = self.blobs.get(uow.session, name)
        held = set(self.transport.json("GET", protocol.blob_path(handle))["chunks"])
        sent = 0
        for index, sealed in enumerate(seal_chunks(keys, tenant, handle, data)):
            if index in held:
                continue
            self.transport.request("PUT", protocol.chunk_path(handle, index), content=sealed)
            sent += 1
        self._mark(name, handle, SENT)
        return sent

    def _mark(self, name: str, handle: str, state: str, data: bytes | None = None) -> None:
        written = False
        try:
            with self.station.uow() as uow:
                if data is not None:
                    written = self.blobs.put_as(uow.session, name, data)
                uow.session.merge(BlobTransfer(name=name, handle=handle, state=state, done_at=self._now()))
                uow.commit()
        except BaseException:
            # The key made with a first file rolled back with it; the file went with the transaction.
            self.blobs.forget_key()
            if written:
                self.blobs.remove([name])
            raise

    def _now(self) -> datetime:
        return self.station.clock.now()

    # -- receiving ----------------------------------------------------------------------------

    def _receive(self, keys: ServiceKeys, tenant: str, name: str, handle: str) -> bool:
        """Fetch, verify and store the file; False when its chunks are not all on the server yet."""
        held = set(self.transport.json("GET", protocol.blob_path(handle))["chunks"])
        folder = self.incoming / handle
        pieces: list[bytes] = []
        index = 0
        while True:
            sealed = self._chunk(folder, handle, index, held)
            if sealed is None:
                return False
            plain, last = open_chunk(keys, tenant, handle, index, sealed)
            pieces.append(plain)
            if last:
                break
            index += 1
        data = unframe(b"".join(pieces))
        self._mark(name, handle, RECEIVED, data)
        shutil.rmtree(folder, ignore_errors=True)
        return True

    def _chunk(self, folder: Path, handle: str, index: int, held: set[int]) -> bytes | None:
        """Chunk *index*: kept from an earlier, cut sync, or fetched now and kept (still encrypted)."""
        kept = folder / str(index)
        if kept.is_file():
            return kept.read_bytes()
        if index not in held:
            return None
        try:
            sealed = self.transport.request("GET", protocol.chunk_path(handle, index)).content
        except SyncRefused as refusal:
            if refusal.status == 404:  # deleted meanwhile: its attachment is being erased
                return None
            raise
        folder.mkdir(parents=True, exist_ok=True)
        partial = folder / f".{index}.part"
        partial.write_bytes(sealed)
        os.replace(partial, kept)
        return sealed

    def _refused(self, handle: str, reason: str) -> None:
        """Chunks that do not open: dropped here, never stored, journaled; the next sync fetches them again."""
        log.warning("attachment file %s refused: %s", handle[:8], reason)
        shutil.rmtree(self.incoming / handle, ignore_errors=True)
        with self.station.uow() as uow:
            self.station.journal.append(uow.session, Operation.SYNC, compartment="journal", record_kind="sync",
                                        detail=f"attachment file {handle[:16]} refused: not authentic")
            uow.commit()

    # -- erasing ------------------------------------------------------------------------------

    def _delete(self, name: str, handle: str) -> None:
        """An erased attachment's file: its chunks on the server, then its copy here, then its row."""
        self.transport.request("DELETE", protocol.blob_path(handle))
        try:
            self.blobs.path(name).unlink(missing_ok=True)
        except ValueError:
            pass
        shutil.rmtree(self.incoming / handle, ignore_errors=True)
        with self.station.uow() as uow:
            uow.session.execute(delete(BlobTransfer).where(BlobTransfer.name == name))
            uow.commit()


def files_to_move(session: Session) -> bool:
    """Whether a file waits to be sent or received, or an erased one to be deleted: else a sync with
    nothing else to do leaves the attachments alone (one statement, in the sync's first read)."""
    return bool(session.execute(_FILES_TO_MOVE).scalar())


# Written out once (the same as _pending's and run's questions, asked together): built and compiled again
# at every sync, the statement cost more than the rest of a sync's reads.
_FILES_TO_MOVE = text(
    "SELECT EXISTS (SELECT 1 FROM logbook_attachments WHERE blob NOT IN (SELECT name FROM sync_blobs) "
    "OR thumbnail_blob NOT IN (SELECT name FROM sync_blobs)) "
    "OR EXISTS (SELECT 1 FROM sync_blobs WHERE name NOT IN (SELECT blob FROM logbook_attachments) "
    "AND name NOT IN (SELECT thumbnail_blob FROM logbook_attachments WHERE thumbnail_blob IS NOT NULL))")


def _named():
    """Every file name an attachment's record carries (the file and its thumbnail), as a subquery."""
    return union(select(LogbookAttachment.blob.label("name")),
                 select(LogbookAttachment.thumbnail_blob.label("name"))
                 .where(LogbookAttachment.thumbnail_blob.is_not(None))).subquery()
