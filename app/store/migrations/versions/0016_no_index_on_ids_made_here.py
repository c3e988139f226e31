"""The journal's entry ids and the outbox's mutation ids are no longer indexed as unique.

Every action an officer takes writes a journal entry and, for a record that syncs, an outbox row;
each index such a row belongs to is one more encrypted page written (and fsynced) at the action's
commit. Both ids are UUIDv7 values this station makes as it writes the row (app/ids.py), and
nothing looks them up on the everyday path: the journal is read by number, time, login or record,
the outbox by its own number. The two rare lookups by id go another way: a login event written
aside while the disk was full is found by its time and id (app/kernel/pending_events.py), and the
mutations to send again after a server lost some are matched in one pass (app/sync/digest.py).
The entries' ids stay in their hashed, sealed fields; the server keeps its own unique index of
mutation ids, which is what makes a change sent twice count once. An account created now writes
9 pages instead of 11 (tests/test_kernel_commit_pages.py).

SQLite cannot drop an index that a table's UNIQUE constraint made: each table is made again
without it, in this migration's transaction, its rows copied, then its indexes and triggers
(the journal's append-only ones) written again word for word as sqlite_master held them.

Revision ID: 0016
Revises: 0015
"""

import re
from collections.abc import Callable

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

_DEFINITIONS = sa.text("SELECT type, sql FROM sqlite_master WHERE tbl_name = :table AND sql IS NOT NULL "
                       "ORDER BY type = 'table' DESC, rowid")


UNIQUES = (("journal", "uq_journal_id", "id"), ("sync_outbox", "uq_sync_outbox_mutation_id", "mutation_id"))


def _rebuild(table: str, change: Callable[[str], str]) -> None:
    """*table* made again from its definition as *change* makes it, with its rows, indexes and triggers."""
    bind = op.get_bind()
    definitions = bind.execute(_DEFINITIONS, {"table": table}).all()
    create = definitions[0].sql
    made = change(create)
    # Its name as SQLAlchemy wrote it, or quoted, as SQLite writes it back after a rename (this one's).
    named = re.compile(rf'CREATE TABLE "?{table}"? ')
    if definitions[0].type != "table" or made == create or not named.match(create):
        raise RuntimeError(f"{table}: its definition is not the one this migration rebuilds")
    bind.exec_driver_sql(named.sub(f"CREATE TABLE {table}_rebuilt ", made, count=1))
    bind.exec_driver_sql(f"INSERT INTO {table}_rebuilt SELECT * FROM {table}")
    bind.exec_driver_sql(f"DROP TABLE {table}")  # its triggers go with it; its implicit DELETE fires none
    bind.exec_driver_sql(f"ALTER TABLE {table}_rebuilt RENAME TO {table}")
    for definition in definitions[1:]:
        bind.exec_driver_sql(definition.sql)


def _each_table(change: Callable[[str, str, str], str]) -> None:
    bind = op.get_bind()
    # A rename checks every trigger that names the table: journal_checkpoint's name the journal, which is
    # briefly absent; the legacy rename leaves them as written, and the rebuilt table takes the name back.
    bind.exec_driver_sql("PRAGMA legacy_alter_table = ON")
    try:
        for table, constraint, column in UNIQUES:
            _rebuild(table, lambda create: change(create, constraint, column))
    finally:
        bind.exec_driver_sql("PRAGMA legacy_alter_table = OFF")


def _without(create: str, constraint: str, column: str) -> str:
    return create.replace(f", \n\tCONSTRAINT {constraint} UNIQUE ({column})", "", 1)


def _with(create: str, constraint: str, column: str) -> str:
    return create[:create.rindex("\n)")] + f", \n\tCONSTRAINT {constraint} UNIQUE ({column})\n)"


def upgrade() -> None:
    _each_table(_without)


def downgrade() -> None:
    _each_table(_with)
