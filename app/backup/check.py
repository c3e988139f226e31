"""Checking a backup folder: its manifest's MAC, every file's size and hash, then the database itself.

Nothing is taken on trust: the database must open with the key, pass
SQLCipher's `cipher_integrity_check` (every page's HMAC: any byte changed on
the disk, or by someone without the key) and SQLite's `quick_check` (every
b-tree page's structure), and hold the counts per record kind and the journal
head its manifest says. SQLite's full `integrity_check` adds that every index
holds exactly its table's rows, which only a page written with the key (a
bug, or someone who has it) could break, and costs several times as much: it
runs with `full=True` (the first backup of each week, and on demand). A
backup that fails any of it is damaged, and a restore stops before anything
is replaced.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

import sqlcipher3

from app.backup import manifest as mf
from app.backup.errors import BackupDamaged
from app.backup.files import CHUNK
from app.backup.interrupt import Background, interruptible
from app.backup.pages import PageCheck
from app.errors import QT_TRANSLATE_NOOP
from app.store.engine import raw_key_literal

Progress = Callable[[int, int], None]

ALTERED_FILE = QT_TRANSLATE_NOOP("fields", "a file was altered or truncated")
MISSING_FILE = QT_TRANSLATE_NOOP("fields", "a file is missing")
ALTERED_MANIFEST = QT_TRANSLATE_NOOP("fields", "its manifest was altered")
NO_MANIFEST = QT_TRANSLATE_NOOP("fields", "it has no readable manifest")
BAD_DATABASE = QT_TRANSLATE_NOOP("fields", "its database does not pass the integrity checks")
WRONG_COUNTS = QT_TRANSLATE_NOOP("fields", "its database does not hold what its manifest says")


def open_database(path: Path, db_key: bytes, *, read_only: bool = True) -> sqlcipher3.Connection:
    uri = f"{path.resolve().as_uri()}?mode={'ro' if read_only else 'rw'}"
    conn = sqlcipher3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    conn.execute(f'PRAGMA key = "{raw_key_literal(db_key)}"')
    return conn


def counts(conn: sqlcipher3.Connection, tables: Iterable[tuple[str, str]]) -> dict[str, int]:
    """Rows per record kind, from (kind name, table name) pairs."""
    return {kind: int(conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]) for kind, table in tables}


def journal_head(conn: sqlcipher3.Connection) -> tuple[int, str]:
    row = conn.execute("SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1").fetchone()
    return (int(row[0]), str(row[1])) if row else (0, "")


def sealed_head(conn: sqlcipher3.Connection) -> str:
    """The forward-secure seal (tag) of the journal's last entry: whoever holds the verification code checks it."""
    row = conn.execute("SELECT tag FROM journal ORDER BY seq DESC LIMIT 1").fetchone()
    return str(row[0] or "") if row else ""


def check_backup(folder: Path, db_key: bytes, tables: Iterable[tuple[str, str]],
                 progress: Progress | None = None, *, full: bool = False, hashes: bool = True) -> mf.Manifest:
    """The backup's manifest once every check holds; BackupDamaged naming the first that does not.

    *hashes* False skips hashing the files again: for a backup just written, whose hashes were taken from
    the very bytes written (read back now, they would come from the system's cache, not the disk).
    """
    try:
        manifest = mf.verified(mf.read_unverified(folder), db_key)
    except mf.ManifestError as exc:
        reason = NO_MANIFEST if "readable" in str(exc) or "not a" in str(exc) else ALTERED_MANIFEST
        raise BackupDamaged(path=str(folder), reason=reason) from exc
    if not hashes:
        _check_database(folder, manifest, db_key, list(tables), full)
        return manifest
    # The files are hashed on a thread while SQLite checks the database: both let go of the GIL, and
    # on a machine of two cores the check takes the longer of the two, not their sum.
    stopping = threading.Event()
    files = Background(lambda: _check_files(folder, manifest, progress, stopping), stopping.set, "backup-check")
    damaged: BackupDamaged | None = None
    try:
        try:
            _check_database(folder, manifest, db_key, list(tables), full)
        except BackupDamaged as exc:
            damaged = exc
        files.result()  # a file altered is told first: it says more than the database it breaks
    finally:
        files.stop()  # at once on Ctrl+C: the hashing stops at its next chunk
    if damaged is not None:
        raise damaged
    return manifest


def _check_files(folder: Path, manifest: mf.Manifest, progress: Progress | None, stopping: threading.Event) -> None:
    total = sum(entry.size for entry in manifest.files.values())
    done = 0
    for name, entry in sorted(manifest.files.items()):
        path = folder / name
        try:
            size = os.path.getsize(path)
            digest = hashlib.sha256()
            with open(path, "rb") as handle:
                while chunk := handle.read(CHUNK):
                    if stopping.is_set():
                        return
                    digest.update(chunk)
                    done += len(chunk)
                    if progress is not None:
                        progress(done, total)
        except OSError as exc:
            raise BackupDamaged(path=str(folder), reason=MISSING_FILE) from exc
        if size != entry.size or digest.hexdigest() != entry.sha256:
            raise BackupDamaged(path=str(folder), reason=ALTERED_FILE)


# integrity_check looks every index entry up in its table: with SQLCipher's default cache (2,000 pages) the
# same pages are read and decrypted again and again. With the database in cache it runs about six times faster.
MAX_CACHE_KIB = 512 * 1024
# SQLite asks whether to stop every this many of its steps: some 10,000 times a second of a check.
PROGRESS_STEPS = 1000


def _check_database(folder: Path, manifest: mf.Manifest, db_key: bytes, tables: list[tuple[str, str]],
                    full: bool) -> None:
    """SQLCipher's check of every page's HMAC beside (app/backup/pages.py), SQLite's of the structure and the
    counts here: two passes over the file that each let go of the GIL, so that they take the longer of the two."""
    pages = PageCheck(folder / mf.DATABASE, raw_key_literal(db_key))
    damaged: BackupDamaged | None = None
    try:
        try:
            _check_structure(folder, manifest, db_key, tables, full)
        except BackupDamaged as exc:
            damaged = exc
        if not pages.result():
            raise BackupDamaged(path=str(folder), reason=BAD_DATABASE)
    finally:
        pages.stop()
    if damaged is not None:
        raise damaged


def _check_structure(folder: Path, manifest: mf.Manifest, db_key: bytes, tables: list[tuple[str, str]],
                     full: bool) -> None:
    """SQLite's check of the structure, then the counts and the journal's head against the manifest, on a
    thread of their own: SQLite's interrupt stops them on Ctrl+C (app/backup/interrupt.py)."""
    path = folder / mf.DATABASE
    try:
        conn = open_database(path, db_key)
    except sqlcipher3.Error as exc:
        raise BackupDamaged(path=str(folder), reason=BAD_DATABASE) from exc
    stopping = threading.Event()
    # SQLite's interrupt reaches only a statement under way: one about to begin is stopped by this instead.
    conn.set_progress_handler(stopping.is_set, PROGRESS_STEPS)

    def stop() -> None:
        stopping.set()
        conn.interrupt()

    try:
        interruptible(lambda: _structure_holds(conn, folder, manifest, tables, full), stop, "backup-structure-check")
    except sqlcipher3.Error as exc:
        raise BackupDamaged(path=str(folder), reason=BAD_DATABASE) from exc
    finally:
        conn.close()  # the thread has ended: interruptible waits for it


def _structure_holds(conn: sqlcipher3.Connection, folder: Path, manifest: mf.Manifest,
                     tables: list[tuple[str, str]], full: bool) -> None:
    path = folder / mf.DATABASE
    conn.execute(f"PRAGMA cache_size = -{min(MAX_CACHE_KIB, max(32 * 1024, os.path.getsize(path) // 1024))}")
    integrity = conn.execute(f"PRAGMA {'integrity_check' if full else 'quick_check'}").fetchall()
    if integrity != [("ok",)]:
        raise BackupDamaged(path=str(folder), reason=BAD_DATABASE)
    known = [(kind, table) for kind, table in tables if kind in manifest.counts]
    expected = {kind: manifest.counts[kind] for kind, _table in known}
    if counts(conn, known) != expected or journal_head(conn) != (manifest.journal_seq, manifest.journal_hash) \
            or (manifest.sealed_head is not None and sealed_head(conn) != manifest.sealed_head):
        raise BackupDamaged(path=str(folder), reason=WRONG_COUNTS)
