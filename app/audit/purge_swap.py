"""Purging a backlog by swapping the journal table: the few entries kept are copied, the old table dropped.

A purge that removes most of the journal (a station left off for months, or a
journal never purged) would spend its time deleting rows one by one: each
row rewrites pages of the table and of each of its five indexes, about 15 s
for a million entries even with plain sqlite3 on an unencrypted copy
(bench journal.purge_1m). Here, in ONE transaction:

1. the journal's definitions are read from sqlite_master: the table, its
   indexes and its triggers, as the migrations made them (and whatever a
   later migration adds), so that the swap can never drift from the schema;
2. the checkpoint of the last purged entry is written, with its seal's tag,
   while the old table still holds that entry (the trigger of migration 0009
   checks the checkpoint against it);
3. the old table is renamed aside, a new one is made from the very same SQL,
   and the kept entries are copied into it in sequence order;
4. the old table's triggers are dropped and its rows deleted in one
   statement, which SQLite runs as a clear of the table and of each index
   (its pages go to the free list in one pass, far cheaper than deleting
   rows one by one), and the empty table is dropped;
5. its indexes and triggers are made again from the SQL read in (1), the
   triggers refusing an UPDATE or a DELETE of an entry among them;
6. the sealed purge entry naming the checkpoint is written, as the batch
   purge's last one is (app/audit/purge_entry.py).

The commit makes all of it durable at once: killed at any point before, the
station finds its journal exactly as it was; after, fully purged with its
checkpoint and its purge entry. A full disk fails the transaction, which
rolls back whole, and the unit of work says the disk is full.

The rename runs with PRAGMA legacy_alter_table on: then SQLite leaves every
other object's reference to `journal` as it is (the checkpoint's trigger,
any view or foreign key naming it), and they name the new table once it has
that name. Without it, SQLite would rewrite them to follow the old table to
its new name, and drop them with it, or refuse the rename.

The write lock is held for the whole swap. It cannot be shorter: a journal
half swapped is not a journal, and the checkpoint, the rename, the drop and
the purge entry must commit together for kill -9 to leave either the old
journal or the purged one. Readers are not held up (WAL: they read their
snapshot of the old table meanwhile). A save of this process waits its turn
(app/store/database.py, up to a minute), one of another Vigie process on the
station waits busy_timeout (5 s) and is then told that the station is busy;
which is why only a backlog is purged this way, and a day's purge goes in
short batches. Its length is the swap's `seconds` (bench journal.purge_1m
gives it for a million entries): the old table's pages read once by the
clear, each decrypted, and then zeroed (below). The checkpoint's trigger
counts the entries purged as the whole table's count less the entries kept
(migration 0015), so it reads an index and the kept entries, not the purged
rows.

Why (4) is a DELETE before the DROP: a DROP TABLE inside a transaction runs
with a statement journal, into which SQLite copies every page it changes
before changing it (so that the one statement could be undone alone): 640 MB
copied at a million entries, a few percent of the swap's CPU. A DELETE with
no WHERE, on a table without triggers or foreign keys, needs none.

SQLCipher sets secure_delete on a keyed database: every page the drop frees
is overwritten with zeros (encrypted like any page) in the -wal, which the
checkpoint after the commit copies into the database file. It is kept: the
purged entries are past their retention, and whoever holds the station's key
must not read them back from free pages of the file (a test decrypts every
page and -wal frame to check it: tests/test_journal_purge_pages.py). It is
most of the swap's cost: each zeroed page costs its encryption (AES and
HMAC-SHA512, with the decryption of the pages read about a third of the
swap's CPU), one write to the -wal and one to the database; the
disk is not what limits it (640 MB written with fsync take under a second on
the development VM). A page cache large enough for the old table (1 GiB for
the swap's transaction) was tried, so that the drop found the pages the
checkpoint's trigger had decrypted, and its zeroed pages were not spilled to
the -wal one at a time (each spilled frame is read back at the commit, where
SQLite computes the -wal's checksums again from the first frame written
twice): 155,000 reads and writes fewer, but the same CPU time within the
noise (12.3 s against 12.4 s, alternating runs on the loaded VM) for 600 MB
more memory, so the connection keeps its own 32 MB. Not
zeroing at all would need the freed pages cut off the end of the file
(auto_vacuum, which a station does not have: making it so rewrites the whole
database once, and every later commit that frees pages would move pages), or
a VACUUM, which rewrites every page kept.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from app.audit.journal import JOURNAL, Actor, execute_direct
from app.audit.purge_entry import CHECKPOINT, LAST_OF_BATCH, purge_detail
from app.audit.query import stored
from app.models.journal import Operation
from app.store.engine import truncate_wal

log = logging.getLogger("vigie.journal")

ASIDE = "journal_purged"  # the old table's name between the rename and the drop

_DEFINITIONS = ("SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'journal' AND sql IS NOT NULL "
                "ORDER BY type = 'table' DESC, type = 'index' DESC, rowid")
_COLUMNS = "SELECT name FROM pragma_table_info('journal') ORDER BY cid"
_COUNT_ALL = "SELECT count(*) FROM journal"
_COUNT_KEPT = "SELECT count(*) FROM journal WHERE seq > ?"


@dataclass(frozen=True)
class Definitions:
    """The journal's schema as sqlite_master holds it: what the swap makes again, word for word."""

    table: str
    indexes: tuple[str, ...]
    triggers: tuple[str, ...]
    trigger_names: tuple[str, ...]


@dataclass(frozen=True)
class Swapped:
    purged: int
    checkpoint_seq: int | None
    checkpoint_hash: str | None
    seconds: float  # the write lock taken (BEGIN IMMEDIATE) to the end of COMMIT and of the checkpoint after it


def definitions(session: Session) -> Definitions:
    rows = execute_direct(session, _DEFINITIONS).fetchall()
    tables = [sql for kind, _name, sql in rows if kind == "table"]
    if len(tables) != 1:
        raise RuntimeError("the journal table's definition is not in sqlite_master")
    return Definitions(tables[0], tuple(sql for kind, _n, sql in rows if kind == "index"),
                       tuple(sql for kind, _n, sql in rows if kind == "trigger"),
                       tuple(name for kind, name, _sql in rows if kind == "trigger"))


def swap_purge(station, upto: int, now: datetime, cutoff: datetime, retention_days: int,
               actor: Actor | None) -> Swapped:
    """Purge the entries up to *upto* by swapping the table, in one transaction (the module's doc says how)."""
    with station.uow() as uow:
        session = uow.session
        schema = definitions(session)  # its first statement begins the transaction: BEGIN IMMEDIATE
        began = time.perf_counter()
        columns = ", ".join(row[0] for row in execute_direct(session, _COLUMNS).fetchall())
        last = execute_direct(session, LAST_OF_BATCH, (upto,)).fetchone()
        if last is None:  # another Vigie process on the station purged them since they were counted
            return Swapped(0, None, None, time.perf_counter() - began)
        # Counted as all the entries less those kept: count(*) of the whole table reads its smallest index,
        # where counting up to *upto* would read every page of the table (seconds at a million entries; the
        # checkpoint's trigger counts the same way since migration 0015).
        count = (execute_direct(session, _COUNT_ALL).fetchone()[0]
                 - execute_direct(session, _COUNT_KEPT, (upto,)).fetchone()[0])
        # The checkpoint first, against the old table: the database lets entries go only behind it.
        execute_direct(session, CHECKPOINT, (last[0], last[1], last[2], stored(now), count, stored(cutoff), last[3]))
        _swap_table(session, schema, columns, upto)
        station.journal.append(session, Operation.PURGE, actor, compartment=JOURNAL, record_kind="journal",
                               detail=purge_detail(count, retention_days, last[0], last[1], final=True))
        uow.commit()
    _empty_wal(station)
    seconds = time.perf_counter() - began
    log.info("journal backlog purged by swapping its table: %d entries, write lock held %.2f s", count, seconds)
    return Swapped(count, last[0], last[1], seconds)


def _empty_wal(station) -> None:
    """The -wal checkpointed into the database and cut to nothing, before the purge is said to be done.

    The commit's own checkpoint copied the zeroed pages into the database file, but the -wal keeps every
    frame it held: those written before the swap (the purged entries' pages as earlier transactions left
    them, readable with the key) and the swap's hundreds of MB. Another Vigie process reading the station
    meanwhile keeps them (busy, logged): they go when the station's last connection closes (SQLite then
    checkpoints the -wal and deletes it).
    """
    if not truncate_wal(station.engine, wait=True):
        log.warning("journal backlog purged: the -wal could not be emptied, another process reads the station")


def _swap_table(session: Session, schema: Definitions, columns: str, upto: int) -> None:
    execute_direct(session, "PRAGMA legacy_alter_table = ON")
    try:
        execute_direct(session, f"ALTER TABLE journal RENAME TO {ASIDE}")
        execute_direct(session, schema.table)
        execute_direct(session, f"INSERT INTO journal ({columns}) SELECT {columns} FROM {ASIDE} "
                                "WHERE seq > ? ORDER BY seq", (upto,))
        for name in schema.trigger_names:
            execute_direct(session, f"DROP TRIGGER {name}")
        execute_direct(session, f"DELETE FROM {ASIDE}")
        execute_direct(session, f"DROP TABLE {ASIDE}")
        for statement in (*schema.indexes, *schema.triggers):
            execute_direct(session, statement)
    finally:
        # The connection goes back to the pool: later renames (a migration's) must follow references again.
        execute_direct(session, "PRAGMA legacy_alter_table = OFF")
