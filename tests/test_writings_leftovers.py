"""The écrits' leftovers on a real station: an erased PV's row says when and why, and a deleted draft written
from a main courante entry leaves the entry without its voided number."""

from __future__ import annotations

from datetime import date, timedelta

from app.logbook.types import Change, EntryData
from app.models.writings import OutcomeKind, WritingKind
from app.writings.types import OutcomeData
from tests.conftest import ADMIN_PASSWORD, journal_entries
from tests.test_writings_support import draft_pv


def an_entry(gate) -> str:
    services = gate.services
    saved = services.logbook.create(gate.admin, EntryData(
        requested_at=services.station.clock.now() - timedelta(hours=1), channel="patrol",
        nature_code=services.logbook.natures(gate.admin)[0].code, subject="Dépôt sauvage d'encombrants",
        address="chemin des Vignes", facts="Un canapé et trois sacs de gravats déposés au bord du chemin."))
    return saved.entry.id


def test_the_list_gives_an_erased_pv_its_erasure_date_and_outcome(gate):
    writings = gate.services.writings
    erased = writings.sign(gate.admin, draft_pv(gate).id, ADMIN_PASSWORD)
    kept = writings.sign(gate.admin, draft_pv(gate).id, ADMIN_PASSWORD)
    writings.record_outcome(gate.admin, erased.id, OutcomeData(OutcomeKind.DISMISSAL, date(2026, 11, 20)))
    rows = {row.number: row for row in writings.documents(gate.admin)}
    assert rows[erased.number].subject == "" and rows[erased.number].erased_by is OutcomeKind.DISMISSAL
    assert rows[erased.number].personal_data_erased_at == writings.get(gate.admin, erased.id).personal_data_erased_at
    assert rows[kept.number].personal_data_erased_at is None and rows[kept.number].erased_by is None
    assert rows[kept.number].subject


def test_a_deleted_draft_no_longer_shows_on_the_entry_it_was_written_from(gate):
    writings, logbook = gate.services.writings, gate.services.logbook
    entry_id = an_entry(gate)
    first = writings.create_draft(gate.admin, WritingKind.PV_CONSTATATION, from_entry=entry_id)
    second = writings.create_draft(gate.admin, WritingKind.RAPPORT_INTERVENTION, from_entry=entry_id)
    assert logbook.get(gate.admin, entry_id).document_number == f"{first.number}, {second.number}"

    assert writings.delete_draft(gate.admin, second.id) == second.number
    entry = logbook.get(gate.admin, entry_id)
    assert entry.document_number == first.number and entry.writing_id is None
    assert logbook.history(gate.admin, entry_id)[-1].change is Change.WRITING_UNLINKED
    changes = [e for e in journal_entries(gate) if e.record_id == entry_id and e.operation == "modify"]
    assert changes[-1].detail.startswith("writing_unlinked")

    writings.delete_draft(gate.admin, first.id)
    assert logbook.get(gate.admin, entry_id).document_number == ""
    # A draft written from no entry touches no entry.
    versions = len(logbook.history(gate.admin, entry_id))
    writings.delete_draft(gate.admin, draft_pv(gate).id)
    assert len(logbook.history(gate.admin, entry_id)) == versions
