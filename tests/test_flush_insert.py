"""work.insert: a new record written with one statement, as session.add then session.flush write it.

Each test sets the two side by side on a real encrypted station: the rows they store, what the
session then holds, a rollback, a refused value, and the records only a flush can write.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import Column, event, func, inspect, select, text
from sqlalchemy.exc import IntegrityError

from app.kernel.rights import Permission
from app.models import Base, OutboxChange, Role, User
from app.models.sync import SyncSeen

PARIS_WINTER = timezone(timedelta(hours=1))


def account(login: str, **fields) -> User:
    # grade, matricule, version, id and locked_until left to the columns' defaults (or NULL).
    at = fields.pop("at", datetime(2026, 12, 1, 9, 30, 15, 250_000, tzinfo=PARIS_WINTER))
    return User(login=login, full_name="Camille Roussel", role=Role.CHEF_DE_POSTE, password_hash="$argon2id$x",
                must_change_password=True, created_at=at, updated_at=at, **fields)


def stored(gate, login: str) -> dict:
    with gate.services.station.read() as uow:
        return dict(uow.session.execute(text("SELECT * FROM users WHERE login = :login"),
                                        {"login": login}).mappings().one())


def administer(gate):
    return gate.services.kernel.administer(gate.admin, Permission.ADMINISTER_USERS)


def test_a_record_inserted_is_stored_as_a_flush_stores_it_and_held_as_a_flushed_one(gate):
    with administer(gate) as work:
        flushed, inserted = account("cflush"), account("cinsert")
        work.session.add(flushed)
        work.session.flush()
        statements: list[str] = []
        event.listen(work.session.connection(), "before_cursor_execute",
                     lambda *args: statements.append(args[2]))
        work.insert(inserted)
        # Persistent in the session, every attribute loaded: nothing is read again, nothing left to flush.
        state = inspect(inserted)
        assert state.persistent and not state.unloaded and not work.session.new and not work.session.dirty
        assert work.session.get(User, inserted.id) is inserted
        assert inserted.version == 1 and inserted.grade == "" and inserted.locked_until is None
        assert inserted.created_at == datetime(2026, 12, 1, 8, 30, 15, 250_000, tzinfo=UTC)
        assert statements == []  # its INSERT went to the DBAPI connection, the Core saw no statement
        inserted.full_name = "Camille Roussel-Martin"  # a later change is an UPDATE, as for any record
        work.session.flush()
        work.commit()
    as_flushed, as_inserted = stored(gate, "cflush"), stored(gate, "cinsert")
    assert uuid.UUID(as_inserted["id"]).version == 7 and as_inserted["id"] == inserted.id
    assert as_inserted.pop("full_name") == "Camille Roussel-Martin"
    for name in ("id", "login", "full_name"):
        as_flushed.pop(name)
        as_inserted.pop(name, None)
    assert as_inserted == as_flushed
    assert as_inserted["created_at"] == "2026-12-01 08:30:15.250000" and as_inserted["role"] == "chef_de_poste"


def test_a_rollback_leaves_an_inserted_record_transient_and_the_table_without_it(gate):
    with administer(gate) as work:
        user = account("crollback")
        work.insert(user)
        work.session.rollback()
        assert inspect(user).transient and user.id and user.full_name == "Camille Roussel"
    with gate.services.station.read() as uow:
        assert uow.session.scalar(select(User).where(User.login == "crollback")) is None


def test_a_value_a_flush_refuses_is_refused_and_nothing_is_written(gate):
    with administer(gate) as work:
        with pytest.raises(ValueError, match="naive datetime"):
            work.insert(account("cnaive", at=datetime(2026, 12, 1, 9, 30)))
        with pytest.raises(IntegrityError):
            work.insert(account(gate.services.accounts.list_users(gate.admin)[0].login))
    with gate.services.station.read() as uow:
        assert uow.session.scalar(select(User).where(User.login == "cnaive")) is None


def test_what_is_pending_goes_first_and_what_only_a_flush_writes_is_flushed(gate):
    with administer(gate) as work:
        pending = account("cpending")
        work.session.add(pending)
        # A key with no default (the database's to make, or missing) and a server default: flushed.
        seen = SyncSeen(seq=41, handle="h", cipher_sha256="0" * 64, mutation_id="m")
        change = OutboxChange(at=work.now, record_kind="user", record_id="r", compartment="administration",
                              base_version=0, payload="{}")
        computed = account("ccomputed")
        computed.grade = func.upper("brigadier")  # a value the database computes
        after = account("cafter")
        work.insert(seen, change, computed, after)
        assert all(inspect(record).persistent for record in (pending, seen, change, computed, after))
        assert change.seq and change.operation == "upsert" and seen.own is False
        work.commit()
    assert stored(gate, "cpending")["id"] < stored(gate, "cafter")["id"]
    assert stored(gate, "ccomputed")["grade"] == "BRIGADIER"


def test_a_session_with_flush_events_sees_every_insert_as_a_flush(gate):
    seen: list[object] = []

    def before_flush(session, context, instances) -> None:
        seen.extend(session.new)

    with administer(gate) as work:
        event.listen(work.session, "before_flush", before_flush)
        user = account("cevents")
        work.insert(user)
        assert seen == [user] and inspect(user).persistent


def test_every_callable_default_of_the_models_takes_no_context():
    """work.insert makes a callable default as the Core would without a context: none may need one."""
    for table in Base.metadata.tables.values():
        for column in table.columns:
            default = column.default
            if isinstance(column, Column) and default is not None and default.is_callable:
                assert default.arg(None), f"{table.name}.{column.name}"
