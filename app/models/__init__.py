"""Typed SQLAlchemy 2 models, one module per aggregate.

Importing this package registers every table on Base.metadata.
"""

from app.models.accounts import Role, User
from app.models.base import Base
from app.models.journal import JournalEntry, Operation
from app.models.outbox import OutboxChange
from app.models.rights import RightGrant
from app.models.settings import SettingValue
from app.models.station import StationInfo

__all__ = [
    "Base",
    "JournalEntry",
    "Operation",
    "OutboxChange",
    "RightGrant",
    "Role",
    "SettingValue",
    "StationInfo",
    "User",
]
