"""Logins, lockout, and the administration of nominative accounts.

Accounts are never deleted: a disabled account keeps its history in the
journal and in every record it touched.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.audit.journal import Actor, loggable_login
from app.crypto.kdf import hash_password, verify_password
from app.errors import (
    QT_TRANSLATE_NOOP,
    BadCredentials,
    InvalidInput,
    NotFound,
    StationError,
)
from app.models import Operation, Role, User
from app.kernel import validation
from app.kernel.rights import Permission
from app.kernel.pending_events import count_failed_password, is_locked
from app.kernel.settings import read_setting
from app.kernel.work import Kernel, Work
from app.kernel.station import ADMINISTRATION, Station, actor_of

log = logging.getLogger("vigie.accounts")

# Hashed only on a station without any account (it cannot log anyone in): the decoy's last resort.
_DECOY_PASSWORD = "vigie-decoy"


@dataclass(frozen=True)
class UserSummary:
    """An account as the administration screen shows it."""

    id: str
    login: str
    full_name: str
    grade: str
    matricule: str
    role: Role
    active: bool
    must_change_password: bool
    locked_until: datetime | None


@dataclass(frozen=True)
class NewUser:
    login: str
    full_name: str
    role: Role
    password: str
    grade: str = ""
    matricule: str = ""


class AccountService:
    def __init__(self, kernel: Kernel) -> None:
        self.kernel = kernel
        self.station: Station = kernel.station

    # -- logging in ------------------------------------------------------------

    def authenticate(self, login: str, password: str) -> Actor:
        """Check a login and password against the open station; every attempt is journaled.

        Unknown, locked and disabled logins and wrong passwords get one answer (BadCredentials)
        after the same work, one Argon2id verification: neither the message nor the time tells
        which logins exist, nor whether a password typed during a lockout was the right one.
        On a nearly full disk the reserve kept for it is given up first (app/store/reserve.py):
        the attempt is journaled all the same.
        """
        from app.store import reserve

        with reserve.released_if_low(self.station.paths):
            return self._authenticate(login, password)

    def _authenticate(self, login: str, password: str) -> Actor:
        typed = login.strip().casefold()
        with self.kernel.system(ADMINISTRATION) as work:
            user = work.session.scalar(select(User).where(User.login == typed))
            matches = verify_password(password, user.password_hash if user else self._decoy_hash(work.session))
            if user is None:
                work.journal(Operation.LOGIN_FAILED, kind="user", login=loggable_login(login), detail="unknown login")
            elif not self._journal_if_unavailable(work, user):
                if matches:
                    actor = self._succeed(work, user)
                    work.commit()
                    self._ensure_password_slot(actor, password)
                    return actor
                self._count_failure(work, user)
            work.commit()
        raise BadCredentials

    def _decoy_hash(self, session: Session) -> str:
        """A real hash of this station, checked for an unknown login so that it costs what a known one costs."""
        found = session.scalar(select(User.password_hash).order_by(User.created_at, User.id).limit(1))
        return found or hash_password(_DECOY_PASSWORD, self.station.deps.kdf.params())

    def _ensure_password_slot(self, actor: Actor, password: str) -> None:
        if self.station.keyfile.has_password_slot(actor.user_id):
            return
        # An account made on another station, or restored: from now on its password opens this one too.
        try:
            self.station.set_password_slot(actor.user_id, actor.login, password)
        except StationError as error:  # the login stands; the slot is made at a later one
            log.warning("no password slot could be written at login: %s", error.params.get("reason"))

    def complete_login(self, user_id: str) -> Actor:
        """The user's password slot opened the station: the password is proven, the rest is checked.

        A locked or disabled account gets the answer a wrong password gets (BadCredentials).
        """
        with self.kernel.system(ADMINISTRATION) as work:
            user = work.session.get(User, user_id)
            if user is None:
                raise BadCredentials
            if self._journal_if_unavailable(work, user):
                work.commit()
                raise BadCredentials
            actor = self._succeed(work, user)
            work.commit()
            return actor

    def must_change_password(self, actor: Actor) -> bool:
        with self.station.read() as uow:
            user = uow.session.get(User, actor.user_id)
            return bool(user and user.must_change_password)

    def logout(self, actor: Actor) -> None:
        with self.kernel.system(ADMINISTRATION) as work:
            work.journal(Operation.LOGOUT, actor.user_id, kind="user", actor=actor)
            work.commit()

    def _journal_if_unavailable(self, work: Work, user: User) -> bool:
        """Whether *user* may not log in now (locked, disabled); if so, journaled as such, for the journal only."""
        if is_locked(user, self.station.clock.now()):
            work.journal(Operation.LOGIN_LOCKED, user.id, kind="user", login=user.login)
            return True
        if not user.active:
            work.journal(Operation.LOGIN_FAILED, user.id, kind="user", login=user.login, detail="disabled account")
            return True
        return False

    def _count_failure(self, work: Work, user: User) -> None:
        locked = count_failed_password(work.session, user, self.station.clock.now())
        detail = "wrong password, account locked" if locked else "wrong password"
        work.journal(Operation.LOGIN_FAILED, user.id, kind="user", login=user.login, detail=detail)

    def _succeed(self, work: Work, user: User) -> Actor:
        user.failed_attempts = 0
        user.locked_until = None
        actor = actor_of(user)
        work.journal(Operation.LOGIN, user.id, kind="user", actor=actor)
        return actor

    # -- one's own password -------------------------------------------------------

    def change_password(self, actor: Actor, current: str, new: str) -> None:
        with self.kernel.system(ADMINISTRATION) as work:
            user = self._user(work.session, actor.user_id)
            if not verify_password(current, user.password_hash):
                self._count_failure(work, user)
                work.commit()
                raise BadCredentials(QT_TRANSLATE_NOOP("errors", "The current password is incorrect."))
            if new == current:
                raise InvalidInput(QT_TRANSLATE_NOOP("errors", "The new password must differ from the current one."))
            self._set_password(work, user, new, must_change=False)
            work.journal(Operation.MODIFY, user.id, kind="user", detail="password changed", actor=actor)
            with self.station.key_changes(actor.user_id):
                self.station.set_password_slot(actor.user_id, actor.login, new)
                work.commit()

    def _set_password(self, work: Work, user: User, password: str, must_change: bool) -> None:
        validation.password(password, read_setting(work.session, "password_min_length"))
        user.password_hash = hash_password(password, self.station.deps.kdf.params())
        user.must_change_password = must_change
        user.failed_attempts = 0
        user.locked_until = None
        self._touch(work, user)

    def _touch(self, work: Work, user: User) -> None:
        user.updated_at = self.station.clock.now()
        user.version += 1
        work.session.flush()
        work.queue(user)

    # -- administration --------------------------------------------------------------

    def list_users(self, actor: Actor) -> list[UserSummary]:
        with self.kernel.administer(actor, Permission.ADMINISTER_USERS, write=False) as work:
            users = work.session.scalars(select(User).order_by(User.active.desc(), User.full_name)).all()
            return [_summary(u) for u in users]

    def create_user(self, actor: Actor, new: NewUser, must_change_password: bool = True) -> UserSummary:
        """A nominative account; the password the administrator chose is changed at first login."""
        with self.kernel.administer(actor, Permission.ADMINISTER_USERS) as work:
            login = validation.login(new.login)
            full_name = validation.required(new.full_name, QT_TRANSLATE_NOOP("fields", "Full name"))
            role = Role(new.role)
            session = work.session
            validation.password(new.password, read_setting(session, "password_min_length"))
            if session.scalar(select(func.count()).select_from(User).where(User.login == login)):
                raise InvalidInput(QT_TRANSLATE_NOOP("errors", "The login \u201c{login}\u201d is already taken."),
                                   login=login)
            now = self.station.clock.now()
            user = User(
                login=login, full_name=full_name, grade=new.grade.strip(), matricule=new.matricule.strip(),
                role=role, active=True, password_hash=hash_password(new.password, self.station.deps.kdf.params()),
                must_change_password=must_change_password, failed_attempts=0, created_at=now, updated_at=now,
                version=1,
            )
            session.add(user)
            session.flush()
            work.journal(Operation.CREATE, user.id, kind="user")
            work.queue(user)
            with self.station.key_changes(user.id):
                self.station.set_password_slot(user.id, user.login, new.password)
                work.commit()
            return _summary(user)

    def disable_user(self, actor: Actor, login: str) -> UserSummary:
        with self.kernel.administer(actor, Permission.ADMINISTER_USERS) as work:
            user = self._by_login(work.session, login)
            if user.id == actor.user_id:
                raise InvalidInput(QT_TRANSLATE_NOOP("errors", "You cannot disable your own account."))
            if user.role == Role.ADMINISTRATEUR and self._active_admins(work.session) <= 1:
                raise InvalidInput(QT_TRANSLATE_NOOP("errors", "The last active administrator cannot be disabled."))
            if not user.active:
                return _summary(user)
            user.active = False
            self._touch(work, user)
            work.journal(Operation.MODIFY, user.id, kind="user", detail="account disabled")
            with self.station.key_changes(user.id):
                self.station.remove_password_slot(user.id)
                work.commit()
            return _summary(user)

    def enable_user(self, actor: Actor, login: str) -> UserSummary:
        with self.kernel.administer(actor, Permission.ADMINISTER_USERS) as work:
            user = self._by_login(work.session, login)
            if not user.active:
                user.active = True
                self._touch(work, user)
                work.journal(Operation.MODIFY, user.id, kind="user", detail="account enabled")
                work.commit()
            # Its slot went with the disabling: the next login through an open station restores it.
            return _summary(user)

    def reset_password(self, actor: Actor, login: str, temporary_password: str) -> UserSummary:
        """Give a temporary password, to be changed at the next login; this also unlocks the account."""
        with self.kernel.administer(actor, Permission.ADMINISTER_USERS) as work:
            user = self._by_login(work.session, login)
            self._set_password(work, user, temporary_password, must_change=True)
            work.journal(Operation.MODIFY, user.id, kind="user", detail="password reset")
            with self.station.key_changes(user.id):
                if user.active:
                    self.station.set_password_slot(user.id, user.login, temporary_password)
                work.commit()
            return _summary(user)

    def recover_administrator(self, login: str, new_password: str) -> Actor:
        """After the recovery code opened the station: a new password for an administrator."""
        with self.kernel.system(ADMINISTRATION) as work:
            user = self._by_login(work.session, login)
            if user.role != Role.ADMINISTRATEUR or not user.active:
                raise InvalidInput(
                    QT_TRANSLATE_NOOP("errors", "\u201c{login}\u201d is not an active administrator."), login=user.login
                )
            self._set_password(work, user, new_password, must_change=False)
            actor = actor_of(user)
            work.journal(Operation.ADMINISTER, user.id, kind="user", actor=actor,
                         detail="recovery code used, administrator password replaced")
            with self.station.key_changes(actor.user_id):
                self.station.set_password_slot(actor.user_id, actor.login, new_password)
                work.commit()
        return actor

    def _user(self, session: Session, user_id: str) -> User:
        user = session.get(User, user_id)
        if user is None:
            raise NotFound
        return user

    def _by_login(self, session: Session, login: str) -> User:
        user = session.scalar(select(User).where(User.login == login.strip().casefold()))
        if user is None:
            raise NotFound(QT_TRANSLATE_NOOP("errors", "No account has the login \u201c{login}\u201d."), login=login)
        return user

    def _active_admins(self, session: Session) -> int:
        return session.scalar(
            select(func.count()).select_from(User).where(User.role == Role.ADMINISTRATEUR, User.active.is_(True))
        ) or 0


def local_time(moment: datetime) -> str:
    """A stored UTC time as the station's clock shows it, for a message (22/11/2026 09:15)."""
    return moment.astimezone().strftime("%d/%m/%Y %H:%M")


def _summary(user: User) -> UserSummary:
    return UserSummary(
        id=user.id, login=user.login, full_name=user.full_name, grade=user.grade, matricule=user.matricule,
        role=Role(user.role), active=user.active, must_change_password=user.must_change_password,
        locked_until=user.locked_until,
    )
