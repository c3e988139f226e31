"""Making one backup: a consistent online copy of the open station, checked before it is named.

The database file's encrypted bytes are copied as they are under one read
transaction (app/backup/snapshot.py): the copy is the station as it was at
that instant (WAL snapshot), saves go on meanwhile, and no page is ever
decrypted; on a station whose writers never pause, SQLite's backup API copies
it page by page instead, in one read transaction too. The attachments, the key slots (the
recovery and password slots: a replacement PC has no keyring) and the
manifest follow. It is all written in a folder named `.partial-…`, checked,
then renamed to `vigie-<time>`: only a checked backup ever has that name.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import sqlcipher3

from app import __version__
from app.backup import manifest as mf
from app.backup.check import check_backup, counts, journal_head, sealed_head
from app.backup.errors import BackupError
from app.backup.files import copy_file, disk_error, fsync_folder, remove_tree, synced_sha256, write_new
from app.backup.interrupt import waited
from app.backup.snapshot import copy_snapshot
from app.crypto.keyslots import KeyFile
from app.kernel.kinds import RecordKinds
from app.kernel.station import Station
from app.reasons import database_reason
from app.store.engine import raw_key_literal

PARTIAL = ".partial-"
PREFIX = "vigie-"
PAGES_PER_STEP = 1024

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Made:
    path: Path
    manifest: mf.Manifest


def database_key(station: Station) -> bytes:
    """The open station's database key: a backup is encrypted under it, its manifest authenticated by it."""
    return station.backup_key()


def kind_tables(kinds: RecordKinds) -> list[tuple[str, str]]:
    return [(kind.name, str(kind.model.__tablename__)) for kind in kinds]


def backup_name(at: datetime) -> str:
    return PREFIX + at.strftime("%Y%m%d-%H%M%S")


@dataclass(frozen=True)
class Written:
    """A backup written and flushed to the disk in its partial folder, not yet checked nor named."""

    partial: Path
    final: Path
    manifest: mf.Manifest


def make_backup(station: Station, kinds: RecordKinds, folder: Path, at: datetime,
                progress: Progress | None = None, *, full_check: bool = False) -> Made:
    """Write, check and name one backup of *station* in *folder*; nothing named is ever partial.

    The check after writing does not hash the files again (their hashes were taken from the bytes
    written); it runs SQLite's full integrity_check only with *full_check* (app/backup/check.py).
    """
    written = write_backup(station, kinds, folder, at, progress)
    try:
        check_backup(written.partial, database_key(station), kind_tables(kinds), full=full_check, hashes=False)
    except BaseException:
        remove_tree(written.partial)
        raise
    return Made(publish(written), written.manifest)


def write_backup(station: Station, kinds: RecordKinds, folder: Path, at: datetime,
                 progress: Progress | None = None) -> Written:
    """The database's snapshot, the attachments, the key slots and the manifest, written and flushed in a
    new partial folder of *folder* (removed again if anything fails)."""
    if not folder.is_dir():
        from app.backup.errors import BackupFolderMissing

        raise BackupFolderMissing(path=str(folder))
    final = folder / backup_name(at)
    partial = folder / f"{PARTIAL}{final.name}-{os.getpid()}"
    try:
        partial.mkdir()
        manifest = _write(station, kinds, partial, at, progress)
        fsync_folder(partial)
    except OSError as exc:
        remove_tree(partial)
        raise disk_error(exc, folder) from exc
    except BaseException:
        remove_tree(partial)
        raise
    return Written(partial, final, manifest)


def publish(written: Written) -> Path:
    """Give a written (and checked) backup its name, the rename that makes it visible; its path."""
    final, folder = written.final, written.final.parent
    try:
        if final.exists():
            final = final.with_name(f"{final.name}-{os.getpid()}")
        os.replace(written.partial, final)
        fsync_folder(folder)
    except OSError as exc:
        remove_tree(written.partial)
        raise disk_error(exc, folder) from exc
    return final


def _write(station: Station, kinds: RecordKinds, partial: Path, at: datetime, progress: Progress | None) -> mf.Manifest:
    """Every file copied by the kernel (copy_file_range), in the order of the manifest; each one hashed and
    flushed on a thread while the next is copied (a file's hash is taken from the bytes written)."""
    blobs = sorted(p for p in station.paths.attachments.rglob("*") if p.is_file() and not p.name.startswith("."))
    meter = _Meter(progress, sum(p.stat().st_size for p in blobs))
    stopping = threading.Event()
    hashing = ThreadPoolExecutor(1, thread_name_prefix="backup-hash")
    try:
        snapshot = _copy_database(station, kinds, partial / mf.DATABASE, meter)
        hashed = {mf.DATABASE: hashing.submit(synced_sha256, partial / mf.DATABASE, stopping)}
        for blob in blobs:
            name = f"attachments/{blob.relative_to(station.paths.attachments).as_posix()}"
            (partial / name).parent.mkdir(parents=True, exist_ok=True)
            copy_file(blob, partial / name, meter.file())
            hashed[name] = hashing.submit(synced_sha256, partial / name, stopping)
        files = {name: mf.FileEntry(os.path.getsize(partial / name), waited(job)) for name, job in hashed.items()}
    except BaseException:
        stopping.set()  # Ctrl+C, a full disk: the file being hashed is let go at its next chunk, not read to its end
        raise
    finally:
        hashing.shutdown(wait=True, cancel_futures=True)
    keys = _backup_keys(station.keyfile, partial / mf.KEYS)
    files[mf.KEYS] = mf.FileEntry(len(keys), write_new(partial / mf.KEYS, keys))
    manifest = mf.Manifest(files=files, made_at=at, **snapshot)
    write_new(partial / mf.NAME, manifest.sealed(database_key(station)))
    return manifest


class _Meter:
    """Bytes done over bytes to do, the database's pages counted as they are copied."""

    def __init__(self, progress: Progress | None, blob_bytes: int) -> None:
        self.progress = progress
        self.blob_bytes = blob_bytes
        self.database_bytes = 0
        self.done = 0

    def pages(self, remaining: int, total: int, page_size: int) -> None:
        self.database_bytes = total * page_size
        self.done = (total - remaining) * page_size
        self._tell()

    def copied(self, done: int, total: int) -> None:
        self.database_bytes = total
        self.done = done
        self._tell()

    def file(self) -> Progress:
        """What the copy of the next file tells as it goes: its bytes done."""
        start = self.done

        def moved(done: int, _total: int) -> None:
            self.done = start + done
            self._tell()

        return moved

    def _tell(self) -> None:
        if self.progress is not None:
            self.progress(self.done, self.database_bytes + self.blob_bytes)


def _copy_database(station: Station, kinds: RecordKinds, target: Path, meter: _Meter) -> dict:
    """Copy the database as one snapshot; what the manifest says of it, read in that same snapshot."""
    with station.database.use():
        raw = station.engine.raw_connection()
        try:
            source = raw.driver_connection
            assert source is not None
            snapshot = copy_snapshot(station.engine, source, station.paths.database, target,
                                     lambda conn: _describe(conn, kinds), meter.copied)
            if snapshot is None:  # writers never let the file match a snapshot: page by page
                snapshot = _copy_pages(source, kinds, target, database_key(station), meter)
            out = sqlcipher3.connect(str(target), isolation_level=None)
            try:
                out.execute(f'PRAGMA key = "{raw_key_literal(database_key(station))}"')
                out.execute("PRAGMA journal_mode = DELETE")  # one file, nothing beside it
            finally:
                out.close()
        except sqlcipher3.OperationalError as exc:
            raise _as_os_error(exc, target) from exc
        finally:
            raw.close()
    return snapshot  # flushed to the disk when it is hashed (_write)


def _copy_pages(source: sqlcipher3.Connection, kinds: RecordKinds, target: Path, key: bytes, meter: _Meter) -> dict:
    """SQLite's backup API in one read transaction: every page decrypted and encrypted again."""
    target.unlink(missing_ok=True)
    source.execute("BEGIN")
    try:
        snapshot = _describe(source, kinds)
        page_size = int(source.execute("PRAGMA page_size").fetchone()[0])
        out = sqlcipher3.connect(str(target), isolation_level=None)
        try:
            out.execute(f'PRAGMA key = "{raw_key_literal(key)}"')
            source.backup(out, pages=PAGES_PER_STEP,
                          progress=lambda _status, remaining, total: meter.pages(remaining, total, page_size))
        finally:
            out.close()
    finally:
        source.execute("COMMIT")
    return snapshot


def _as_os_error(exc: sqlcipher3.OperationalError, target: Path) -> OSError | BackupError:
    import errno

    text = str(exc).lower()
    if "full" in text:
        return OSError(errno.ENOSPC, str(exc))
    if "unable to open" in text or "disk i/o" in text:
        return OSError(errno.ENOENT, str(exc), str(target))
    return BackupError(reason=database_reason(exc))


def _describe(source: sqlcipher3.Connection, kinds: RecordKinds) -> dict:
    info = source.execute("SELECT id, service_name, commune, insee_code, department FROM station").fetchone()
    revision = source.execute("SELECT version_num FROM alembic_version").fetchone()
    seq, head = journal_head(source)
    return {
        "station_id": info[0], "service_name": info[1], "commune": info[2], "insee_code": info[3],
        "department": info[4], "vigie_version": __version__, "schema_revision": revision[0] if revision else "",
        "counts": counts(source, kind_tables(kinds)), "journal_seq": seq, "journal_hash": head,
        "sealed_head": sealed_head(source),
    }


def _backup_keys(keyfile: KeyFile, path: Path) -> bytes:
    """The station's slots a backup carries: the recovery code's and the passwords', not this PC's keyring."""
    import json

    from app.crypto import aead

    slots = [{k: v for k, v in slot.items() if k != "sealed_next"}
             for slot in keyfile.slots if slot["kind"] in ("recovery", "password")]
    data = {"format": 1, "station_id": keyfile.station_id, "tag_salt": aead.b64(keyfile.tag_salt),
            "seal_public": aead.b64(keyfile.seal_public), "slots": slots}
    return json.dumps(data, indent=1).encode("utf-8")
