"""How a unit of work's transaction begins (app/store/engine.py, VigieDialect): a writing one takes the write
lock at its BEGIN, and the pooled connection it gives back begins the next reader's transaction deferred."""

from __future__ import annotations

from sqlalchemy import text

from app.kernel.rights import Permission

_BURY = "INSERT INTO tombstones (record_kind, record_id, erased_at) VALUES ('user', ?, '2026-11-22 07:52:07.830000')"


def _tombstones(session) -> int:
    return session.execute(text("SELECT count(*) FROM tombstones")).scalar_one()


def test_a_read_on_the_connection_a_write_gave_back_takes_no_lock_and_reads_one_snapshot(gate):
    station = gate.services.station
    engine = station.engine
    engine.dispose()  # from here the pool holds the one connection each unit of work below checks out
    with gate.services.kernel.administer(gate.admin, Permission.ADMINISTER_USERS) as work:
        writer = work.session.connection().connection.dbapi_connection
        work.changed("accounts")
        work.commit()
    with station.read() as uow:
        assert uow.session.connection().connection.dbapi_connection is writer
        before = _tombstones(uow.session)
        other = engine.raw_connection()  # a second connection: another window of the station, say
        try:
            other.dbapi_connection.execute("PRAGMA busy_timeout = 0")
            other.dbapi_connection.execute("BEGIN IMMEDIATE")  # the reader holds no write lock
            other.dbapi_connection.execute(_BURY, ("0193a1b2-7c3d-7e4f-8a5b-6c7d8e9f0a1b",))
            other.dbapi_connection.execute("COMMIT")
        finally:
            other.close()
        assert _tombstones(uow.session) == before  # its transaction reads the snapshot it began with
    engine.dispose()  # the connection whose busy timeout was cut goes
    with station.read() as uow:
        assert _tombstones(uow.session) == before + 1
