"""The database file's encrypted bytes copied as one snapshot of the station, while saves go on.

SQLite's backup API copies page by page through SQLCipher: every page read
is decrypted, checked and encrypted again (about nine times a plain copy).
The file's bytes are already what a backup needs (encrypted under the
station's key), so they are copied as they are, under a read transaction
that makes them one snapshot:

1. a passive checkpoint brings the file up to the WAL's end (as far as older
   readers allow);
2. a read transaction begins and reads one row: its snapshot is fixed;
3. a second passive checkpoint reports how many frames the WAL holds and how
   many are in the file. When they are equal, every page of the snapshot is
   in the file, and the file cannot change while the transaction lasts: a
   checkpoint copies into the file only frames up to the oldest reader's
   snapshot (all in the file already), or nothing at all while a reader holds
   the WAL's first read lock. A WAL restart rewrites only the WAL.
4. the file is copied, and what the manifest says of it (counts, journal
   head) read in the same transaction.

A writer committing between 1 and 3 leaves frames beyond the file: the
transaction ends and it is tried again; after a few tries (a station never
quiet) the caller falls back to the backup API, which is always right.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine

from app.backup.files import copy_file
from app.store.engine import run_outside_transaction

ATTEMPTS = 8
STEP = 64 << 20  # bytes per copy_file_range call: progress moves, the kernel copies


def file_matches_wal(engine: Engine) -> bool:
    """A passive checkpoint, and whether every frame of the WAL is now in the database file."""
    try:
        ((row,),) = run_outside_transaction(engine, "PRAGMA wal_checkpoint(PASSIVE)")
    except sqlcipher3.OperationalError:  # another checkpoint under way: not now
        return False
    busy, frames, done = (int(value) for value in row)
    return busy == 0 and frames >= 0 and frames == done


def copy_snapshot(engine: Engine, conn: sqlcipher3.Connection, database: Path, target: Path,
                  describe: Callable[[sqlcipher3.Connection], dict[str, Any]],
                  progress: Callable[[int, int], None]) -> dict[str, Any] | None:
    """Copy *database* to *target* as the snapshot of a read transaction on *conn* (a connection of *engine*)
    and return *describe(conn)* read in it; None when writers never let the file match the snapshot."""
    for _attempt in range(ATTEMPTS):
        file_matches_wal(engine)
        conn.execute("BEGIN")
        try:
            conn.execute("SELECT id FROM station").fetchone()  # the snapshot is taken here
            if file_matches_wal(engine):
                described = describe(conn)
                copy_file(database, target, progress, step=STEP)
                return described
        finally:
            conn.execute("COMMIT")
    return None
