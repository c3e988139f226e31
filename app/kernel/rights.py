"""Who may do what. Checked in the services, never only by hiding a button.

Two kinds of rights:

* **per compartment**: a matrix of role x compartment x access (read, write,
  export, administer), stored in the station and edited by an administrator;
* **station administration** (accounts, settings, the matrix itself): the
  administrator's role only, so that nobody can lock the station out of its
  own administration by editing the matrix.

A refusal raises AccessDenied naming what was refused, and is journaled in a
transaction of its own (the refused operation's transaction never commits).
"""

from __future__ import annotations

import enum
from dataclasses import replace

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.audit.journal import Actor, execute_direct
from app.errors import QT_TRANSLATE_NOOP, AccessDenied
from app.models import Operation, RightGrant, Role, User


class Compartment(enum.StrEnum):
    MAIN_COURANTE = "main_courante"
    ECRITS = "ecrits"
    REGISTRES = "registres"
    DEMANDES = "demandes"
    JOURNAL = "journal"


class Access(enum.StrEnum):
    READ = "read"
    WRITE = "write"
    EXPORT = "export"
    ADMINISTER = "administer"


class Permission(enum.StrEnum):
    ADMINISTER_USERS = "administer_users"
    ADMINISTER_STATION = "administer_station"


# Accounts, settings and the matrix are journaled under this name; it is not a data compartment.
ADMINISTRATION = "administration"

COMPARTMENT_LABELS = {
    Compartment.MAIN_COURANTE: QT_TRANSLATE_NOOP("fields", "main courante"),
    Compartment.ECRITS: QT_TRANSLATE_NOOP("fields", "writings (PV and rapports)"),
    Compartment.REGISTRES: QT_TRANSLATE_NOOP("fields", "administrative registers"),
    Compartment.DEMANDES: QT_TRANSLATE_NOOP("fields", "requests"),
    Compartment.JOURNAL: QT_TRANSLATE_NOOP("fields", "access journal"),
}

ACCESS_LABELS = {
    Access.READ: QT_TRANSLATE_NOOP("fields", "read"),
    Access.WRITE: QT_TRANSLATE_NOOP("fields", "write"),
    Access.EXPORT: QT_TRANSLATE_NOOP("fields", "print and export"),
    Access.ADMINISTER: QT_TRANSLATE_NOOP("fields", "administer"),
}

PERMISSION_LABELS = {
    Permission.ADMINISTER_USERS: QT_TRANSLATE_NOOP("fields", "user administration"),
    Permission.ADMINISTER_STATION: QT_TRANSLATE_NOOP("fields", "station administration"),
}

ADMINISTRATOR_PERMISSIONS = frozenset({Permission.ADMINISTER_USERS, Permission.ADMINISTER_STATION})

Matrix = dict[tuple[Role, Compartment], frozenset[Access]]


def allowed(actor: Actor, permission: Permission) -> bool:
    """Station administration belongs to the administrator's role."""
    return role_allows(actor.role, permission)


def role_allows(role: str, permission: Permission) -> bool:
    return role == Role.ADMINISTRATEUR and permission in ADMINISTRATOR_PERMISSIONS


def require(actor: Actor, permission: Permission) -> None:
    """Refuse without journaling; services call Rights.require, which journals the refusal."""
    if not allowed(actor, permission):
        raise AccessDenied(what=PERMISSION_LABELS[permission])


def read_matrix(session: Session) -> Matrix:
    matrix: dict[tuple[Role, Compartment], set[Access]] = {
        (role, compartment): set() for role in Role for compartment in Compartment
    }
    for grant in session.scalars(select(RightGrant)):
        try:
            key = (Role(grant.role), Compartment(grant.compartment))
            matrix[key].add(Access(grant.access))
        except ValueError:
            continue  # a right for a role or compartment this version does not know: grants nothing
    return {key: frozenset(accesses) for key, accesses in matrix.items()}


def granted(session: Session, actor: Actor, compartment: Compartment, access: Access) -> bool:
    return (
        session.get(RightGrant, (str(actor.role), str(compartment), str(access))) is not None
    )


NOBODY = "(disabled)"  # a role no right is ever granted to


def current(session: Session, actor: Actor) -> Actor:
    """The actor with the role the station holds now: an account disabled or given another
    role while its window was open gets the rights it has now, not those it logged in with."""
    user = session.get(User, actor.user_id)
    role = str(user.role) if user is not None and user.active else NOBODY
    return actor if role == actor.role else replace(actor, role=role)


# The check every unit of work makes, as one statement each on the unit of work's own connection,
# in its transaction (after its BEGIN IMMEDIATE for a write), the driver keeping it prepared
# (bench: store.insert_commit, store.point_read): the account as the station holds it now, active,
# and its role's grant.
_HOLDS = (
    "SELECT 1 FROM users u JOIN rights r ON r.role = u.role "
    "WHERE u.id = ? AND u.active AND r.compartment = ? AND r.access = ?"
)
_ROLE_NOW = "SELECT role FROM users WHERE id = ? AND active"


def role_now(session: Session, actor: Actor) -> str:
    """The role the station holds now for *actor*'s account (NOBODY when disabled or gone): one statement."""
    found = execute_direct(session, _ROLE_NOW, (actor.user_id,)).fetchone()
    return str(found[0]) if found is not None else NOBODY


def holds(session: Session, actor: Actor, compartment: Compartment, access: Access) -> bool:
    """Whether *actor*'s account, as it is now (role, active), holds *access* on *compartment*."""
    found = execute_direct(session, _HOLDS, (actor.user_id, str(compartment), str(access))).fetchone()
    return found is not None


class Rights:
    """The station's rights checks; every refusal leaves its journal entry."""

    def __init__(self, station) -> None:
        self.station = station

    def require(self, actor: Actor, permission: Permission) -> None:
        with self.station.read() as uow:
            ok = allowed(current(uow.session, actor), permission)
        if not ok:
            self._refuse(actor, ADMINISTRATION, str(permission), PERMISSION_LABELS[permission])

    def require_compartment(
        self, actor: Actor, compartment: Compartment, access: Access, session: Session | None = None
    ) -> None:
        if session is not None:
            ok = granted(session, current(session, actor), compartment, access)
        else:
            with self.station.read() as uow:
                ok = granted(uow.session, current(uow.session, actor), compartment, access)
        if not ok:
            self._refuse(actor, str(compartment), str(access), COMPARTMENT_LABELS[compartment])

    def accesses(self, actor: Actor) -> dict[Compartment, frozenset[Access]]:
        """What *actor* may do in each compartment now, from the matrix the services enforce
        (screens show and hide modules and actions from this, never from a table of their own)."""
        with self.station.read() as uow:
            role = current(uow.session, actor).role
            # Read inside the transaction: its end expires the rows.
            grants = [(g.compartment, g.access) for g in uow.session.scalars(
                select(RightGrant).where(RightGrant.role == role))]
        found: dict[Compartment, set[Access]] = {compartment: set() for compartment in Compartment}
        for compartment, access in grants:
            try:
                found[Compartment(compartment)].add(Access(access))
            except ValueError:
                continue  # a right this version does not know grants nothing
        return {compartment: frozenset(given) for compartment, given in found.items()}

    def can(self, actor: Actor, compartment: Compartment, access: Access) -> bool:
        """For screens deciding what to offer; the services check again."""
        with self.station.read() as uow:
            return granted(uow.session, current(uow.session, actor), compartment, access)

    def _refuse(self, actor: Actor, compartment: str, what: str, label: str) -> None:
        with self.station.uow() as uow:
            self.station.journal.append(uow.session, Operation.REFUSED, actor, compartment=compartment,
                                        detail=f"refused: {what}")
            uow.commit()
        raise AccessDenied(what=label)

    # -- the matrix, for the administrator -----------------------------------------------

    def matrix(self, actor: Actor) -> Matrix:
        self.require(actor, Permission.ADMINISTER_STATION)
        with self.station.read() as uow:
            return read_matrix(uow.session)

    def set_matrix(self, actor: Actor, matrix: Matrix) -> None:
        """Replace the whole matrix at once; each right given or taken is journaled."""
        self.require(actor, Permission.ADMINISTER_STATION)
        with self.station.uow() as uow:
            before = read_matrix(uow.session)
            uow.session.execute(delete(RightGrant))
            for (role, compartment), accesses in matrix.items():
                for access in accesses:
                    uow.session.add(RightGrant(role=str(role), compartment=str(compartment), access=str(access)))
            for key in sorted(set(before) | set(matrix)):
                old, new = before.get(key, frozenset()), matrix.get(key, frozenset())
                role, compartment = key
                for access in sorted(new - old):
                    self._journal_change(uow.session, actor, f"granted {role} {compartment} {access}")
                    self._queue_grant(uow.session, RightGrant(role=str(role), compartment=str(compartment),
                                                              access=str(access)), given=True)
                for access in sorted(old - new):
                    self._journal_change(uow.session, actor, f"withdrawn {role} {compartment} {access}")
                    self._queue_grant(uow.session, RightGrant(role=str(role), compartment=str(compartment),
                                                              access=str(access)), given=False)
            uow.commit()

    def _queue_grant(self, session: Session, grant: RightGrant, given: bool) -> None:
        """A right given travels as a record of the matrix; a right withdrawn as its tombstone."""
        from app.kernel.outbox import queue_erasure, queue_state
        from app.kernel.station_kinds import RIGHT_GRANT

        if given:
            queue_state(session, self.station.clock, RIGHT_GRANT, grant)
        else:
            queue_erasure(session, self.station.clock, RIGHT_GRANT, RIGHT_GRANT.record_id(grant))

    def _journal_change(self, session: Session, actor: Actor, detail: str) -> None:
        self.station.journal.append(session, Operation.ADMINISTER, actor, compartment=ADMINISTRATION,
                                    record_kind="rights", detail=detail)
