"""The record kinds the kernel itself keeps: accounts, the rights matrix, shared settings,
voided numbers and legal holds. Features declare their own kinds in their packages."""

from __future__ import annotations

from app.errors import QT_TRANSLATE_NOOP
from app.kernel.kinds import RecordKind, column_labeler
from app.kernel.rights import ADMINISTRATION
from app.audit.journal import JOURNAL
from app.models import JournalEntry, LegalHold, NumberVoid, RightGrant, SettingValue, User

USER = RecordKind(
    name="user",
    model=User,
    compartment=ADMINISTRATION,
    fields=("id", "version", "login", "full_name", "grade", "matricule", "role", "active", "created_at",
            "updated_at"),
    # The password and what guards it stay on the station; what another station needs to let the
    # officer log in (a verifier, a wrapped key) will be a kind of its own, declared on purpose.
    local=("password_hash", "must_change_password", "failed_attempts", "locked_until"),
    # An account is named by its login, never by the officer's name.
    noun=QT_TRANSLATE_NOOP("kinds", "User"),
    labeler=column_labeler("users", QT_TRANSLATE_NOOP("kinds", "User"), column="login"),
)

RIGHT_GRANT = RecordKind(
    name="right_grant",
    model=RightGrant,
    compartment=ADMINISTRATION,
    fields=("role", "compartment", "access"),
    noun=QT_TRANSLATE_NOOP("kinds", "Access rights"),
)

# Settings that belong to one station and never to the service (docs/numbering.md): they never travel.
STATION_LOCAL_SETTINGS = frozenset({"station_number"})

SETTING = RecordKind(
    name="setting",
    model=SettingValue,
    compartment=ADMINISTRATION,
    fields=("name", "value", "updated_at", "updated_by"),
    noun=QT_TRANSLATE_NOOP("kinds", "Setting"),
    stays_on_station=lambda payload: payload.get("name") in STATION_LOCAL_SETTINGS,
)

NUMBER_VOID = RecordKind(
    name="number_void",
    model=NumberVoid,
    compartment=ADMINISTRATION,
    fields=("id", "version", "series", "year", "serial", "number", "reason", "voided_by", "voided_at"),
    append_only=True,
    noun=QT_TRANSLATE_NOOP("kinds", "Voided number"),
    labeler=column_labeler("number_voids", QT_TRANSLATE_NOOP("kinds", "Voided number")),
)

LEGAL_HOLD = RecordKind(
    name="legal_hold",
    model=LegalHold,
    compartment=ADMINISTRATION,
    fields=("id", "compartment", "record_kind", "record_id", "reason", "placed_by", "placed_at", "until",
            "released_at", "released_by"),
    noun=QT_TRANSLATE_NOOP("kinds", "Legal hold"),
)

# Each station's chain travels whole, in its own order: read by sequence, never queued per entry.
JOURNAL_ENTRY = RecordKind(
    name="journal_entry",
    model=JournalEntry,
    compartment=JOURNAL,
    fields=("id", "seq", "at", "station_id", "user_id", "login", "matricule", "operation", "compartment",
            "record_kind", "record_id", "motive", "recipient", "detail", "prev_hash", "hash", "tag"),
    append_only=True,
    retention="journal_retention_days",
    identity=("id",),
    queued=False,
    noun=QT_TRANSLATE_NOOP("kinds", "Journal entry"),
)

KERNEL_KINDS = (USER, RIGHT_GRANT, SETTING, NUMBER_VOID, LEGAL_HOLD, JOURNAL_ENTRY)

# Tables that never leave the station: its identity and keys, local counters and caches, the
# outbox itself, and what each user types before saving.
LOCAL_TABLES = frozenset({
    "alembic_version", "station", "blob_keys", "number_counters", "sync_outbox", "tombstones",
    "journal_checkpoint", "logbook_drafts",
    # Sync's own state (app/models/sync.py): keys, checkpoint, heads, conflicts, other journals.
    "sync_account", "sync_seen", "sync_heads", "sync_conflicts", "sync_refused", "journal_remote",
    "journal_remote_seals",
    "sync_blobs",
})
