"""Integrity triggers: the journal is append-only, a signed document changes only by its one erasure.

The services are the first lock; these triggers are the second, for whoever
types SQL into the database with the station's keys (an administrator's
password opens it). They cannot stop someone who drops them (forward-secure
sealing of the journal catches that one); they refuse every change that a
plain UPDATE or DELETE would make, and leave the paths Vigie itself takes.

The journal
-----------
- No entry is ever updated.
- An entry is deleted only by the purge (app/audit/purge.py), which removes a
  prefix of the chain batch by batch and, in each batch's transaction, writes
  the batch's checkpoint *before* deleting the batch. SQLite has no
  transaction identity a trigger could read, so the checkpoint itself is the
  authorisation: a DELETE passes only for an entry at or below the newest
  checkpoint (by id), older than that checkpoint's cutoff, and, for the
  checkpointed entry itself, holding the checkpoint's hash and time.
- A checkpoint is accepted only as a purge writes it: it names an entry that
  exists, with that entry's hash and time; that entry is older than the
  cutoff, the cutoff is not after the purge time; it counts exactly the
  entries it is about to remove; and the journal's first entry still links
  to the newest checkpoint (or to the genesis hash), which means the previous
  batch was deleted whole and no checkpoint was taken away behind it. So the
  newest entries, or one in the middle, cannot be deleted, and a checkpoint
  cannot be planted after removing the one the chain begins from.
- A checkpoint's position (id, seq, times, count) never changes, so it
  cannot be moved to cover more entries. Its hash and the row itself are left
  to verification, which names them (tests/test_journal_purge.py): changing
  or removing a checkpoint authorises no deletion.

What these triggers cannot check is time itself: a checkpoint whose cutoff
and purge time are both set in the future passes. Sealing proves that
checkpoints came from real purges; the triggers make the forgery a
deliberate, multi-step act rather than one DELETE.

Signed documents
----------------
Migration 0007 let any change through with the first setting of
`personal_data_erased_at`, and let that column be cleared again: set it with
forged facts, clear it, and the PV reads as signed. From here on:
- `personal_data_erased_at`, once set, never changes (on any document).
- On a signed document, every column but the sync bookkeeping (version,
  updated_at, updated_by) is locked, except the personal fields, which may
  only be emptied, and only by the UPDATE that sets the erasure mark.
- That mark is set only when the erasure is recorded: an erasing court
  outcome (acquittal, dismissal, non-lieu) of the same document, recorded at
  the very time the mark holds (app/writings/store.py takes the outcome's
  `recorded_at`, in the same transaction). The outcome rows are append-only,
  so the record of an erasure cannot be taken back either. The SHA-256 of
  what was erased is the document's `content_hash`, locked since signing;
  the erasure checks that the content still matches it before emptying it.
- A signed document, and its offences, addenda, transmissions, outcomes and
  qualifications, are deleted only by retention, which first leaves the
  document's tombstone (record kind `writing`) in the same transaction, and
  never while a legal hold on it runs. Its people and versions go in that
  case too, or once the document's personal data are marked erased.
- Transmissions, outcomes and qualifications are append-only on every
  document; addenda too, but for the emptying of their text once their
  document is erased.

Tables recreated by a later `batch_alter_table` lose their triggers: such a
migration must create these again.

Revision ID: 0009
Revises: 0008
"""

import importlib

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

GENESIS_HASH = "0" * 64  # app/audit/chain.py, as it stood when this migration was written

JOURNAL_APPEND_ONLY = "vigie: the journal is append-only"
JOURNAL_PURGE_ONLY = "vigie: journal entries leave only through a purge, behind its checkpoint"
CHECKPOINT_INVALID = "vigie: a journal checkpoint is written only by a purge of the oldest entries"
CHECKPOINT_LOCKED = "vigie: a journal checkpoint never moves"

LOCKED = "vigie: a signed document is locked; write an addendum"
ERASURE_KEPT = "vigie: an erasure of personal data is never undone"
ERASURE_ORDERED = "vigie: a signed document is erased only by a court outcome or by retention"
HELD = "vigie: a document under a legal hold is kept"
ADDENDUM_LOCKED = "vigie: an addendum is locked once written"
APPEND_ONLY = "vigie: transmissions, outcomes and qualifications are append-only"

ERASING_OUTCOMES = "('acquittal', 'dismissal', 'non_lieu')"
# What an erasure empties (app/writings/store.py, _scrub); the rest of a signed document never changes.
PERSONAL_COLUMNS = ("subject", "place", "facts", "assessments", "vehicle_plate", "offence_nature", "assisting_agents")
KEPT_COLUMNS = (
    "id", "number", "year", "serial", "kind", "status", "title", "sections", "preamble", "closure", "signatures",
    "legal_bases", "author_id", "author_name", "author_grade", "author_matricule", "occurred_at",
    "natinf_version_id", "handed_over_at", "handed_over_to", "logbook_entry_id", "logbook_number", "created_by",
    "created_at", "signed_at", "content_hash",
)
CHECKPOINT_COLUMNS = ("id", "seq", "entry_at", "purged_at", "purged_count", "cutoff")
ADDENDUM_COLUMNS = ("id", "writing_id", "addendum_number", "author_id", "author_name", "author_grade",
                    "author_matricule", "signed_at", "content_hash")


def _changed(columns: tuple[str, ...]) -> str:
    return "(" + " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in columns) + ")"


def _refuse(name: str, event: str, table: str, when: str, message: str) -> str:
    return f"CREATE TRIGGER {name} BEFORE {event} ON {table} WHEN {when} BEGIN SELECT RAISE(ABORT, '{message}'); END"


NEWEST_CHECKPOINT = "(SELECT seq, hash, entry_at, cutoff FROM journal_checkpoint ORDER BY id DESC LIMIT 1)"
JOURNAL_TRIGGERS = (
    _refuse("journal_no_update", "UPDATE", "journal", "1", JOURNAL_APPEND_ONLY),
    _refuse("journal_purge_only", "DELETE", "journal",
            f"NOT EXISTS (SELECT 1 FROM {NEWEST_CHECKPOINT} AS c WHERE OLD.seq <= c.seq AND OLD.at < c.cutoff"
            " AND (OLD.seq < c.seq OR (OLD.hash = c.hash AND OLD.at = c.entry_at)))",
            JOURNAL_PURGE_ONLY),
    _refuse("journal_checkpoint_by_purge", "INSERT", "journal_checkpoint",
            "NOT EXISTS (SELECT 1 FROM journal WHERE seq = NEW.seq AND hash = NEW.hash AND at = NEW.entry_at)"
            " OR NOT (NEW.entry_at < NEW.cutoff AND NEW.cutoff <= NEW.purged_at)"
            " OR NEW.purged_count IS NOT (SELECT count(*) FROM journal WHERE seq <= NEW.seq)"
            " OR (SELECT prev_hash FROM journal ORDER BY seq LIMIT 1) IS NOT"
            f" coalesce((SELECT hash FROM journal_checkpoint ORDER BY seq DESC LIMIT 1), '{GENESIS_HASH}')",
            CHECKPOINT_INVALID),
    _refuse("journal_checkpoint_fixed", "UPDATE", "journal_checkpoint", _changed(CHECKPOINT_COLUMNS),
            CHECKPOINT_LOCKED),
)

SIGNED = "(SELECT status FROM writings WHERE id = {row}.writing_id) = 'signed'"
ERASED = "(SELECT personal_data_erased_at FROM writings WHERE id = OLD.writing_id) IS NOT NULL"
TOMBSTONED = "EXISTS (SELECT 1 FROM tombstones WHERE record_kind = 'writing' AND record_id = {id})"
GONE = TOMBSTONED.format(id="OLD.writing_id")
PERSONAL_EMPTIED = " AND ".join(f"(NEW.{c} IS OLD.{c} OR NEW.{c} = '')" for c in PERSONAL_COLUMNS)
SETS_MARK = "(OLD.personal_data_erased_at IS NULL AND NEW.personal_data_erased_at IS NOT NULL)"
ORDERED = ("EXISTS (SELECT 1 FROM writing_outcomes WHERE writing_id = NEW.id AND kind IN " + ERASING_OUTCOMES
           + " AND recorded_at = NEW.personal_data_erased_at)")
HOLD = ("EXISTS (SELECT 1 FROM legal_holds h JOIN tombstones t ON t.record_kind = 'writing' AND t.record_id = OLD.id"
        " WHERE h.record_kind = 'writing' AND h.record_id = OLD.id AND h.released_at IS NULL AND h.until > t.erased_at)")

WRITING_TRIGGERS = (
    _refuse("writings_erasure_kept", "UPDATE", "writings",
            "OLD.personal_data_erased_at IS NOT NULL"
            " AND NEW.personal_data_erased_at IS NOT OLD.personal_data_erased_at", ERASURE_KEPT),
    _refuse("writings_erasure_ordered", "UPDATE", "writings",
            f"OLD.status = 'signed' AND {SETS_MARK} AND NOT {ORDERED}", ERASURE_ORDERED),
    _refuse("writings_signed_locked", "UPDATE", "writings",
            f"OLD.status = 'signed' AND ({_changed(KEPT_COLUMNS)}"
            f" OR ({_changed(PERSONAL_COLUMNS)} AND NOT ({SETS_MARK} AND {PERSONAL_EMPTIED})))", LOCKED),
    _refuse("writings_signed_kept", "DELETE", "writings",
            f"OLD.status = 'signed' AND NOT {TOMBSTONED.format(id='OLD.id')}", LOCKED),
    _refuse("writings_held_kept", "DELETE", "writings", HOLD, HELD),
)
for _table in ("writing_people", "writing_offences"):
    WRITING_TRIGGERS += (
        _refuse(f"{_table}_signed_insert", "INSERT", _table, SIGNED.format(row="NEW"), LOCKED),
        _refuse(f"{_table}_signed_update", "UPDATE", _table,
                f"{SIGNED.format(row='OLD')} OR {SIGNED.format(row='NEW')}", LOCKED),
    )
WRITING_TRIGGERS += (
    _refuse("writing_people_signed_delete", "DELETE", "writing_people",
            f"{SIGNED.format(row='OLD')} AND NOT ({ERASED} OR {GONE})", LOCKED),
    _refuse("writing_offences_signed_delete", "DELETE", "writing_offences",
            f"{SIGNED.format(row='OLD')} AND NOT {GONE}", LOCKED),
    _refuse("writing_versions_signed_update", "UPDATE", "writing_versions",
            f"{SIGNED.format(row='OLD')} OR {SIGNED.format(row='NEW')}", LOCKED),
    _refuse("writing_versions_signed_delete", "DELETE", "writing_versions",
            f"{SIGNED.format(row='OLD')} AND NOT ({ERASED} OR {GONE})", LOCKED),
    _refuse("writing_addenda_locked_update", "UPDATE", "writing_addenda",
            f"{_changed(ADDENDUM_COLUMNS)} OR (NEW.text IS NOT OLD.text AND NOT (NEW.text = '' AND {ERASED}))",
            ADDENDUM_LOCKED),
    _refuse("writing_addenda_locked_delete", "DELETE", "writing_addenda", f"NOT {GONE}", ADDENDUM_LOCKED),
)
for _table in ("writing_transmissions", "writing_outcomes", "writing_qualifications"):
    WRITING_TRIGGERS += (
        _refuse(f"{_table}_no_update", "UPDATE", _table, "1", APPEND_ONLY),
        _refuse(f"{_table}_kept", "DELETE", _table, f"NOT {GONE}", APPEND_ONLY),
    )

TRIGGERS = JOURNAL_TRIGGERS + WRITING_TRIGGERS
TRIGGER_NAMES = [t.split()[2] for t in TRIGGERS]


def _writings_0007():
    return importlib.import_module("app.store.migrations.versions.0007_writings")


def upgrade() -> None:
    for name in _writings_0007().TRIGGER_NAMES:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for trigger in TRIGGERS:
        op.execute(trigger)


def downgrade() -> None:
    for name in TRIGGER_NAMES:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for trigger in _writings_0007().TRIGGERS:
        op.execute(trigger)
