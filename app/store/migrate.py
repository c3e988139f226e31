"""Alembic migrations on the open station database, with a backup before any upgrade."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from app.store.engine import run_outside_transaction

from alembic import command

MIGRATIONS = Path(__file__).parent / "migrations"


class NoSchema(Exception):
    """The database holds no Vigie schema at all: an empty file, or not a station's database."""


class StationTooNew(Exception):
    """The database was made by a newer Vigie: opening it here could damage it."""

    def __init__(self, revision: str) -> None:
        super().__init__(revision)
        self.revision = revision


def _config(connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config(None)).get_current_head()
    assert head is not None  # the migrations ship with the package
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(_config(None))
    return {rev.revision for rev in script.walk_revisions()}


def upgrade(engine: Engine, to: str = "head") -> None:
    with engine.begin() as conn:
        command.upgrade(_config(conn), to)


def bring_up_to_date(engine: Engine, database: Path, backups: Path) -> Path | None:
    """Upgrade an older station in place after a backup copy; returns the backup's path.

    Raises StationTooNew when the database carries a revision this version does
    not know, and NoSchema when it carries none: an existing station is never
    built afresh over whatever the file holds.
    """
    current = current_revision(engine)
    if current is None:
        raise NoSchema
    if current == head_revision():
        return None
    if current not in known_revisions():
        raise StationTooNew(current)
    backup = backup_copy(engine, database, backups, label=f"before-upgrade-{current}")
    upgrade(engine)
    return backup


def backup_copy(engine: Engine, database: Path, backups: Path, label: str) -> Path:
    """An encrypted copy of the database file (same key), after folding the WAL into it."""
    backups.mkdir(parents=True, exist_ok=True)
    run_outside_transaction(engine, "PRAGMA wal_checkpoint(TRUNCATE)")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = backups / f"vigie-{stamp}-{label}.db"
    shutil.copy2(database, target)
    return target
