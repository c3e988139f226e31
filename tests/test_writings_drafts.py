"""Deleting a draft: its author (or a chief) only, never a signed document; its number voided in the ledger."""

from __future__ import annotations

import pytest

from app.models.writings import WritingKind
from app.writings.drafts import DRAFT_DELETED
from app.writings.types import DocumentLocked, NotTheAuthor, WritingNotFound
from tests.conftest import ADMIN_PASSWORD, AGENT_PASSWORD, add_agent, journal_entries, outbox_changes
from tests.test_writings_support import draft_pv


def test_a_deleted_draft_leaves_its_number_voided_and_never_given_again(gate):
    writings = gate.services.writings
    draft = draft_pv(gate)
    people = [p.id for p in draft.people]
    assert writings.delete_draft(gate.admin, draft.id, expected_version=draft.version) == draft.number
    with pytest.raises(WritingNotFound):
        writings.get(gate.admin, draft.id)
    gaps = writings.number_gaps(gate.admin)
    assert [(g.number, g.voided, g.reason) for g in gaps] == [(draft.number, True, DRAFT_DELETED)]
    assert writings.create_draft(gate.admin, WritingKind.PV_CONSTATATION).number == "2026/00002"
    erased = [e for e in journal_entries(gate) if e.record_id == draft.id and e.operation == "erase"]
    assert len(erased) == 1 and draft.number in erased[0].detail
    changes = outbox_changes(gate)
    tombstones = {(c.record_kind, c.record_id) for c in changes if c.operation == "erase"}
    assert ("writing", draft.id) in tombstones and {("writing_person", p) for p in people} <= tombstones
    assert "number_void" in {c.record_kind for c in changes}


def test_only_a_draft_is_deleted_and_only_by_its_author(gate):
    writings = gate.services.writings
    add_agent(gate)
    agent = gate.services.accounts.authenticate("lpetit", AGENT_PASSWORD)
    draft = draft_pv(gate)
    with pytest.raises(NotTheAuthor):
        writings.delete_draft(agent, draft.id)
    signed = writings.sign(gate.admin, draft.id, ADMIN_PASSWORD)
    with pytest.raises(DocumentLocked):
        writings.delete_draft(gate.admin, signed.id)
    assert writings.get(gate.admin, draft.id).number == draft.number
    assert writings.number_gaps(gate.admin) == []
    refused = [e for e in journal_entries(gate) if e.record_id == draft.id and e.operation == "refused"]
    assert [e.detail for e in refused] == ["refused: deletion by another than the author",
                                           "refused: deletion of a signed document"]
