"""Alembic migrations on the open station database, with a backup before any upgrade.

Whether a station is up to date is read without Alembic: its revision from the `alembic_version`
table, the package's from the migration files' `revision` lines. Importing Alembic (and the
migrations, and the dialects it loads) cost a third of a second at every start of a command, for
a station that was nearly always up to date already.
"""

from __future__ import annotations

import re
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, text

from app.store.engine import run_outside_transaction

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
VERSION_TABLE = "alembic_version"  # Alembic's, one row: the revision the database stands at
# A migration's two lines that name it and the one it follows, as `alembic revision` writes them.
_NAMED = re.compile(r'^(revision|down_revision) = (?:None|"([^"]+)")$', re.MULTILINE)


class NoSchema(Exception):
    """The database holds no Vigie schema at all: an empty file, or not a station's database."""


class StationTooNew(Exception):
    """The database was made by a newer Vigie: opening it here could damage it."""

    def __init__(self, revision: str) -> None:
        super().__init__(revision)
        self.revision = revision


def _config(connection) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def _followed() -> dict[str, str | None]:
    """Each migration's revision, with the revision it follows (None for the first)."""
    followed: dict[str, str | None] = {}
    for path in (MIGRATIONS / "versions").glob("[0-9]*.py"):
        named = dict(_NAMED.findall(path.read_text(encoding="utf-8")))
        followed[named["revision"]] = named["down_revision"] or None
    return followed


def head_revision() -> str:
    """The last migration: the one no other follows (the migrations are one line, tests/test_migrations.py)."""
    followed = _followed()
    heads = set(followed) - set(followed.values())
    assert len(heads) == 1, heads  # the migrations ship with the package
    return heads.pop()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if conn.scalar(text("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = :name"),
                       {"name": VERSION_TABLE}) == 0:
            return None
        return conn.scalar(text(f"SELECT version_num FROM {VERSION_TABLE}"))


def known_revisions() -> set[str]:
    return set(_followed())


def upgrade(engine: Engine, to: str = "head") -> None:
    from alembic import command

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
