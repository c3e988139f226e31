"""Who may do what. Checked in the services, never only by hiding a button.

This holds the station's administrative permissions; the per-compartment
matrix (read, write, export, administer per role) comes with the journal work.
"""

from __future__ import annotations

import enum

from app.audit.journal import Actor
from app.errors import QT_TRANSLATE_NOOP, AccessDenied
from app.models import Role


class Permission(enum.StrEnum):
    ADMINISTER_USERS = "administer_users"
    ADMINISTER_STATION = "administer_station"


PERMISSION_LABELS = {
    Permission.ADMINISTER_USERS: QT_TRANSLATE_NOOP("fields", "user administration"),
    Permission.ADMINISTER_STATION: QT_TRANSLATE_NOOP("fields", "station administration"),
}

GRANTS: dict[Role, frozenset[Permission]] = {
    Role.AGENT: frozenset(),
    Role.CHEF_DE_POSTE: frozenset(),
    Role.ADMINISTRATEUR: frozenset({Permission.ADMINISTER_USERS, Permission.ADMINISTER_STATION}),
    Role.MAIRE: frozenset(),
}


def allowed(actor: Actor, permission: Permission) -> bool:
    return permission in GRANTS[Role(actor.role)]


def require(actor: Actor, permission: Permission) -> None:
    if not allowed(actor, permission):
        raise AccessDenied(what=PERMISSION_LABELS[permission])
