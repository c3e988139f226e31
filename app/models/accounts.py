"""Nominative user accounts. Never deleted: a disabled account keeps its history."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Enum, String
from sqlalchemy.orm import Mapped, mapped_column

from app.errors import QT_TRANSLATE_NOOP
from app.models.base import Base, RecordMixin


class Role(enum.StrEnum):
    AGENT = "agent"
    CHEF_DE_POSTE = "chef_de_poste"
    ADMINISTRATEUR = "administrateur"
    # The mayor, data controller: reads and exports the access journal, nothing else.
    MAIRE = "maire"


ROLE_LABELS = {
    Role.AGENT: QT_TRANSLATE_NOOP("roles", "Officer"),
    Role.CHEF_DE_POSTE: QT_TRANSLATE_NOOP("roles", "Station chief"),
    Role.ADMINISTRATEUR: QT_TRANSLATE_NOOP("roles", "Administrator"),
    Role.MAIRE: QT_TRANSLATE_NOOP("roles", "Mayor (read-only)"),
}


class User(RecordMixin, Base):
    __tablename__ = "users"

    login: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    grade: Mapped[str] = mapped_column(String(100), default="")
    matricule: Mapped[str] = mapped_column(String(40), default="")
    role: Mapped[Role] = mapped_column(
        Enum(Role, native_enum=False, length=20, values_callable=lambda roles: [r.value for r in roles])
    )
    active: Mapped[bool] = mapped_column(default=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    must_change_password: Mapped[bool] = mapped_column(default=False)
    failed_attempts: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
