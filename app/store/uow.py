"""One unit of work per user action: one transaction, its journal entries, its outbox rows."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy import Engine
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.errors import StorageFailed


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


class UnitOfWork:
    """`with uow: ...; uow.commit()`: nothing is kept unless commit() is reached.

    A failure of the database itself (disk full, I/O error, a damaged page)
    leaves the unit of work as a StorageFailed naming the file, after the
    rollback, so that the user reads why nothing was saved.
    """

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._factory = session_factory
        self.session: Session

    def __enter__(self) -> UnitOfWork:
        self.session = self._factory()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        database = self.session.get_bind().url.database
        try:
            self.session.rollback()
        finally:
            self.session.close()
        if _is_storage_failure(exc):
            reason = str(getattr(exc, "orig", None) or exc)
            raise StorageFailed(path=str(database), reason=reason) from exc

    def commit(self) -> None:
        self.session.commit()


def _is_storage_failure(exc: BaseException | None) -> bool:
    # IntegrityError and ProgrammingError are DatabaseErrors too, but they are the code's own mistakes.
    return isinstance(exc, OperationalError) or type(exc) is DatabaseError
