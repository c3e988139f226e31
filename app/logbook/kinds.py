"""The main courante's record kinds and their sync schemas (see app/kernel/kinds.py)."""

from __future__ import annotations

import weakref
from typing import Any

from sqlalchemy.orm import Session

from app.errors import QT_TRANSLATE_NOOP
from app.kernel.kinds import RecordKind, column_labeler
from app.kernel.rights import Compartment
from app.models import LogbookAgent, LogbookAttachment, LogbookEntry, LogbookNature, LogbookPerson, LogbookVersion

COMPARTMENT = str(Compartment.MAIN_COURANTE)
RETENTION = "retention_main_courante_days"


# A received record's local columns, derived here as the main courante derives them when one is typed.
def _new_logbook_entry(session: Session, entry: Any) -> None:
    from app.logbook.store import next_search_rowid, place_key

    # The entries of a page are written together at its end: each takes the rowid after the one given last in
    # the same transaction, the index's next free one read once by the first of them (not once per entry).
    transaction = session.get_transaction()
    given = session.info.get(_ROWID_GIVEN)
    if transaction is None or given is None or given[0]() is not transaction:
        last = next_search_rowid(session) - 1
    else:
        last = given[1]
    entry.search_rowid = last + 1
    if transaction is not None:
        session.info[_ROWID_GIVEN] = (weakref.ref(transaction), entry.search_rowid)
    entry.place_key = place_key(entry.address or "")


_ROWID_GIVEN = "logbook.search_rowid_given"


def _index_page(session: Session, touched: dict[str, list[str]]) -> None:
    """The index rows of the entries a page brought, changed or gave people to: each entry once."""
    from app.logbook.store import reindex_entries

    reindex_entries(session, touched.get(ENTRY_NAME, ()), touched.get(PERSON_NAME, ()))


ENTRY_NAME, PERSON_NAME = "logbook_entry", "logbook_person"


def _settled(work, record, payloads) -> None:
    """Both versions a person settled stay in the entry's history (app/logbook/history.py)."""
    from app.logbook.history import keep_concurrent

    keep_concurrent(work, record, payloads)


ENTRY = RecordKind(
    name=ENTRY_NAME,
    model=LogbookEntry,
    compartment=COMPARTMENT,
    fields=("id", "version", "number", "year", "serial", "requested_at", "channel", "address", "latitude",
            "longitude", "nature_code", "subject", "started_at", "ended_at", "facts", "assessments",
            "action_taken", "outcome", "status", "document_number", "writing_id", "request_id", "last_change",
            "created_by", "created_at", "updated_by", "updated_at", "closed_at"),
    # The full-text index's rowid and the accent-free place are derived again on each station.
    local=("search_rowid", "place_key"),
    retention=RETENTION,
    noun=QT_TRANSLATE_NOOP("kinds", "Main courante"),
    labeler=column_labeler("logbook_entries", QT_TRANSLATE_NOOP("kinds", "Main courante")),
    settled=_settled,
    derive_before_insert=_new_logbook_entry,
    derive_page=_index_page,
)

AGENT = RecordKind(
    name="logbook_agent",
    model=LogbookAgent,
    compartment=COMPARTMENT,
    fields=("id", "version", "entry_id", "user_id", "full_name", "matricule", "position"),
    parent=ENTRY.name,
)

PERSON = RecordKind(
    name=PERSON_NAME,
    model=LogbookPerson,
    compartment=COMPARTMENT,
    fields=("id", "version", "entry_id", "role", "last_name", "first_names", "birth_date", "birth_place",
            "address", "contact", "guardian", "position", "created_at", "updated_at"),
    parent=ENTRY.name,
    derive_page=_index_page,  # the entry's index names its people
)

VERSION = RecordKind(
    name="logbook_version",
    model=LogbookVersion,
    compartment=COMPARTMENT,
    fields=("id", "version", "entry_id", "entry_version", "state", "replaced_by", "replaced_at",
            "station_number"),
    append_only=True,
    parent=ENTRY.name,
)

ATTACHMENT = RecordKind(
    name="logbook_attachment",
    model=LogbookAttachment,
    compartment=COMPARTMENT,
    # The file's bytes travel apart, as encrypted chunks named by their hash (blob).
    fields=("id", "version", "entry_id", "blob", "thumbnail_blob", "filename", "kind", "media_type", "size",
            "warning", "email_from", "email_to", "email_date", "email_subject", "email_text", "email_parts",
            "added_by", "added_at"),
    append_only=True,
    parent=ENTRY.name,
)

NATURE = RecordKind(
    name="logbook_nature",
    model=LogbookNature,
    compartment=COMPARTMENT,
    fields=("code", "label", "active", "position"),
    noun=QT_TRANSLATE_NOOP("kinds", "Main courante nature"),
    labeler=column_labeler("logbook_natures", QT_TRANSLATE_NOOP("kinds", "Main courante nature"), column="label",
                           key="code"),
)

LOGBOOK_KINDS = (ENTRY, AGENT, PERSON, VERSION, ATTACHMENT, NATURE)
