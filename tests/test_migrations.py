"""Stations made by other versions: an older one is upgraded after a backup, a newer one refused."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import text

import pytest

from app.crypto import aead
from app.crypto.kdf import hash_password
from app.crypto.keyslots import KeyFile, new_database_key
from app.errors import StationError
from app.ids import new_id
from app.models import Base
from app.store import migrate
from app.store.engine import make_engine
from app.store.fts import is_search_index
from app.store.layout import StationPaths
from tests.conftest import ADMIN_PASSWORD, CHEAP_KDF, reopen, station_files

CREATED = "2025-03-01 09:00:00.000000"


def make_station_at_first_schema(station_dir) -> tuple[bytes, str]:
    """A station as the first release of Vigie left it: schema 0001 and its rows, written in SQL."""
    paths = StationPaths(station_dir)
    station_dir.mkdir(parents=True)
    station_id, admin_id, db_key = new_id(), new_id(), new_database_key()
    seal = X25519PrivateKey.generate()
    keyfile = KeyFile.create(paths.keys, station_id, aead.public_bytes(seal.public_key()))
    keyfile.set_password_slot(admin_id, "admin", ADMIN_PASSWORD, db_key, CHEAP_KDF)
    keyfile.save()
    engine = make_engine(paths.database, db_key)
    migrate.upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO station (id, service_name, commune, insee_code, department, created_at,"
                " seal_private_key, signing_private_key)"
                " VALUES (:id, 'Police municipale de Montclair-sur-Vienne', 'Montclair-sur-Vienne', '86999', '86',"
                " :created, :seal, :signing)"
            ),
            {"id": station_id, "created": CREATED, "seal": aead.private_bytes(seal), "signing": b"\x01" * 32},
        )
        conn.execute(
            text(
                "INSERT INTO users (id, version, login, full_name, grade, matricule, role, active, password_hash,"
                " must_change_password, failed_attempts, locked_until, created_at, updated_at)"
                " VALUES (:id, 1, 'admin', 'Sophie Lemaire', '', '', 'administrateur', 1, :hash, 0, 0, NULL,"
                " :created, :created)"
            ),
            {"id": admin_id, "hash": hash_password(ADMIN_PASSWORD, CHEAP_KDF), "created": CREATED},
        )
    engine.dispose()
    return db_key, admin_id


def revision_of(database, key) -> str | None:
    engine = make_engine(database, key)
    try:
        return migrate.current_revision(engine)
    finally:
        engine.dispose()


def test_a_station_of_the_first_schema_is_upgraded_after_a_backup(station_dir, deps):
    db_key, admin_id = make_station_at_first_schema(station_dir)
    database = station_dir / "vigie.db"
    assert revision_of(database, db_key) == "0001"

    gate = reopen(station_dir, deps)
    actor = gate.login("admin", ADMIN_PASSWORD)
    assert actor.user_id == admin_id and actor.full_name == "Sophie Lemaire"
    assert gate.services.settings.get("lockout_threshold") == 5  # a table 0001 did not have
    gate.close()

    assert revision_of(database, db_key) == migrate.head_revision()
    backups = list((station_dir / "backups").iterdir())
    assert len(backups) == 1 and "0001" in backups[0].name
    # The backup is the station as it was: same key, first schema, its administrator.
    assert revision_of(backups[0], db_key) == "0001"
    engine = make_engine(backups[0], db_key)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT full_name FROM users")).scalar_one() == "Sophie Lemaire"
    engine.dispose()

    again = reopen(station_dir, deps)
    again.login("admin", ADMIN_PASSWORD)
    again.close()
    assert len(list((station_dir / "backups").iterdir())) == 1  # nothing more to upgrade, no new backup


def test_a_station_made_by_a_newer_vigie_is_refused_untouched(gate, station_dir, deps):
    with gate.services.station.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0999_future'"))
    gate.close()
    before = station_files(station_dir)
    again = reopen(station_dir, deps)
    with pytest.raises(StationError, match="newer version of Vigie") as caught:
        again.login("admin", ADMIN_PASSWORD)
    assert "0999_future" in str(caught.value)
    assert str(station_dir / "vigie.db") in str(caught.value)
    assert not again.is_open
    assert station_files(station_dir) == before
    assert not (station_dir / "backups").exists()


def test_the_models_and_the_migrations_describe_the_same_schema(gate):
    # Full-text tables are virtual tables the models do not declare (app/store/fts.py).
    opts = {"include_name": lambda name, type_, parent: not (type_ == "table" and is_search_index(name))}
    with gate.services.station.engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn, opts=opts), Base.metadata)
    assert differences == []


def test_the_migrations_form_one_line_from_the_first_schema():
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(migrate.MIGRATIONS))
    assert len(script.get_heads()) == 1
    assert [rev.revision for rev in script.walk_revisions()][-1] == "0001"


def test_the_revisions_read_from_the_files_are_alembics(tmp_path):
    """Vigie reads its head without Alembic (app/store/migrate.py): it must be the head Alembic upgrades to."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate._config(None))
    assert migrate.head_revision() == script.get_current_head()
    assert migrate.known_revisions() == {revision.revision for revision in script.walk_revisions()}
    engine = make_engine(tmp_path / "vigie.db", new_database_key())
    try:
        assert migrate.current_revision(engine) is None  # an empty file: no schema at all
        migrate.upgrade(engine, "0003")
        with engine.connect() as conn:
            assert migrate.current_revision(engine) == MigrationContext.configure(conn).get_current_revision() == "0003"
    finally:
        engine.dispose()
