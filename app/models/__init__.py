"""Typed SQLAlchemy 2 models, one module per aggregate.

Importing this package registers every table on Base.metadata.
"""

from app.models.accounts import Role, User
from app.models.attachments import BlobKey
from app.models.base import Base
from app.models.journal import JournalEntry, Operation
from app.models.logbook import (
    LogbookAgent,
    LogbookAttachment,
    LogbookDraft,
    LogbookEntry,
    LogbookNature,
    LogbookPerson,
    LogbookVersion,
)
from app.models.numbering import NumberCounter, NumberVoid
from app.models.outbox import ChangeOperation, OutboxChange, Tombstone
from app.models.retention import LegalHold
from app.models.rights import RightGrant
from app.models.settings import SettingValue
from app.models.station import StationInfo
from app.models.sync import RemoteJournalEntry, SyncAccount, SyncConflict, SyncHead, SyncRefused, SyncSeen
from app.models.writings import (
    NatinfOffence,
    NatinfVersion,
    Writing,
    WritingAddendum,
    WritingLetterhead,
    WritingOffence,
    WritingOutcome,
    WritingPerson,
    WritingQualification,
    WritingTemplate,
    WritingTransmission,
    WritingVersion,
)

__all__ = [
    "Base",
    "BlobKey",
    "JournalEntry",
    "LegalHold",
    "LogbookAgent",
    "LogbookAttachment",
    "LogbookDraft",
    "LogbookEntry",
    "LogbookNature",
    "LogbookPerson",
    "LogbookVersion",
    "NumberCounter",
    "NumberVoid",
    "Operation",
    "ChangeOperation",
    "OutboxChange",
    "Tombstone",
    "RightGrant",
    "Role",
    "SettingValue",
    "StationInfo",
    "RemoteJournalEntry",
    "SyncAccount",
    "SyncConflict",
    "SyncHead",
    "SyncRefused",
    "SyncSeen",
    "User",
    "NatinfOffence",
    "NatinfVersion",
    "Writing",
    "WritingAddendum",
    "WritingLetterhead",
    "WritingOffence",
    "WritingOutcome",
    "WritingPerson",
    "WritingQualification",
    "WritingTemplate",
    "WritingTransmission",
    "WritingVersion",
]
