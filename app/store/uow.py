"""One unit of work per user action: one transaction, its journal entries, its outbox rows."""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session

from app.errors import StorageFailed, storage_error
from app.reasons import database_reason
from app.store.database import Database, StationBusy


class UnitOfWork:
    """`with uow: ...; uow.commit()`: nothing is kept unless commit() is reached.

    A unit made with write=False only reads: it takes no lock and waits for no writer.

    A failure of the database itself leaves the unit of work, after the
    rollback, as what the user can act on: DiskFull or ReadOnlyFolder naming
    the station's folder (app/errors.py, storage_error), else a StorageFailed
    naming the file (an I/O error, a damaged page).
    """

    def __init__(self, database: Database, write: bool = True) -> None:
        self._database = database
        self._write = write
        self.session: Session

    def __enter__(self) -> UnitOfWork:
        # Held until __exit__: closing or re-keying the station waits for this unit to end. Taken and
        # given back without context managers: every user action opens one (bench: store.insert_commit).
        database = self._database
        database.acquire()
        try:
            if self._write:
                database.take_write_turn()
            try:
                self.session = database.session(self._write)
            except BaseException:
                if self._write:
                    database.end_write_turn()
                raise
        except BaseException:
            database.release()
            raise
        return self

    def _let_go(self) -> None:
        try:
            if self._write:
                self._database.end_write_turn()
        finally:
            self._database.release()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if self.session.in_transaction():  # not after a commit: nothing is left to roll back
                self.session.rollback()
        finally:
            try:
                self.session.close()
            finally:
                self._let_go()
        if _is_busy(exc):
            # Another Vigie process on this station held the write lock past busy_timeout.
            raise StationBusy from exc
        if _is_storage_failure(exc):
            assert exc is not None
            database = self._database.engine.url.database
            known = storage_error(exc, Path(str(database)).parent)
            if known is not None:
                raise known from exc
            raise StorageFailed(path=str(database), reason=database_reason(exc)) from exc

    def commit(self) -> None:
        if not self._write:
            # A read began deferred: writing now could not take the lock safely (see app/store/engine.py).
            raise RuntimeError("a read-only unit of work cannot commit changes")
        self.session.commit()


def _is_busy(exc: BaseException | None) -> bool:
    return isinstance(exc, OperationalError) and "database is locked" in str(getattr(exc, "orig", exc))


def _is_storage_failure(exc: BaseException | None) -> bool:
    # IntegrityError and ProgrammingError are DatabaseErrors too, but they are the code's own mistakes.
    return isinstance(exc, OperationalError) or type(exc) is DatabaseError
