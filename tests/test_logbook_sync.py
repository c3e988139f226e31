"""The main courante on the record kernel: what reaches the sync outbox, tombstones, rights in one transaction."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select, update

from app.errors import AccessDenied
from app.kernel.rights import Access, Compartment
from app.logbook.kinds import LOGBOOK_KINDS
from app.logbook.types import Change, PersonData
from app.models import LogbookEntry, Role
from app.models.outbox import OutboxChange, Tombstone
from tests.conftest import add_agent, journal_entries, outbox_changes
from tests.logbook_helpers import entry_data, row_count

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
CHILD_KINDS = ("logbook_agent", "logbook_person", "logbook_version", "logbook_attachment")


@pytest.fixture
def logbook(gate):
    return gate.services.logbook


@pytest.fixture
def full_entry(gate, logbook, clock):
    """An entry with an agent, a person, an attachment and two kept versions: every child kind."""
    agent = add_agent(gate)
    entry = logbook.create(gate.admin, entry_data(clock.now(), agent_ids=(agent.id,)),
                           [PersonData("suspect", "Garnier", "Hugo", birth_date=date(1988, 4, 2))]).entry
    logbook.add_attachment(gate.admin, entry.id, data=PDF, filename="plainte.pdf")
    logbook.close(gate.admin, entry.id)
    return logbook.get(gate.admin, entry.id)


def tombstones(gate) -> set[tuple[str, str]]:
    with gate.services.station.read() as uow:
        return {(t.record_kind, t.record_id) for t in uow.session.scalars(select(Tombstone))}


def unsent(gate, operation: str | None = None) -> list:
    return [c for c in outbox_changes(gate) if c.pushed_at is None and operation in (None, c.operation)]


def child_ids(gate, entry_id: str) -> dict[str, set[str]]:
    """The ids of the rows hanging on an entry, by kind, as the outbox named them."""
    found: dict[str, set[str]] = {kind: set() for kind in CHILD_KINDS}
    for change in unsent(gate, "upsert"):
        if change.record_kind in found and json.loads(change.payload).get("entry_id") == entry_id:
            found[change.record_kind].add(change.record_id)
    return found


def assert_erased(gate, entry_id: str, children: dict[str, set[str]]) -> None:
    erased = {(kind, record_id) for kind, ids in children.items() for record_id in ids} | {("logbook_entry", entry_id)}
    erasures = {(c.record_kind, c.record_id): c for c in unsent(gate, "erase")}
    assert erased <= set(erasures) and erased <= tombstones(gate)
    assert all(erasures[key].payload == "{}" for key in erased)
    assert not any((c.record_kind, c.record_id) in erased for c in unsent(gate, "upsert"))


# -- erasure leaves tombstones -------------------------------------------------------------------------


def test_an_administrators_erasure_leaves_a_tombstone_for_the_entry_and_each_of_its_rows(gate, logbook, full_entry):
    children = child_ids(gate, full_entry.id)
    assert all(children.values())  # an agent, a person, versions, an attachment were queued
    logbook.erase(gate.admin, full_entry.id, "Saisie en double")
    assert_erased(gate, full_entry.id, children)


def test_retention_leaves_tombstones_and_no_unsent_state_of_what_it_erased(gate, logbook, full_entry, clock):
    children = child_ids(gate, full_entry.id)
    clock.advance(days=3 * 365 + 2)
    assert gate.services.retention.purge_expired()["main_courante"] == 1
    assert_erased(gate, full_entry.id, children)
    assert row_count(gate, LogbookEntry) == 0


def test_erasing_a_cases_personal_data_erases_its_people_and_files_and_queues_the_entry(gate, logbook, full_entry):
    children = child_ids(gate, full_entry.id)
    before = len([c for c in unsent(gate, "upsert") if c.record_kind == "logbook_entry"])
    gate.services.retention.erase_case_personal_data(gate.admin, "logbook_entry", full_entry.id, "Non-lieu")
    gone = {kind: children[kind] for kind in ("logbook_person", "logbook_attachment")}
    erasures = {(c.record_kind, c.record_id) for c in unsent(gate, "erase")}
    assert {(kind, i) for kind, ids in gone.items() for i in ids} <= erasures & tombstones(gate)
    assert ("logbook_entry", full_entry.id) not in erasures  # the entry itself stays
    upserts = unsent(gate, "upsert")
    assert len([c for c in upserts if c.record_kind == "logbook_entry"]) == before + 1
    # Nothing waiting to leave the station still names the person or the file.
    assert not any("Garnier" in c.payload or "plainte.pdf" in c.payload for c in upserts)
    history = logbook.history(gate.admin, full_entry.id)
    assert history[-1].change is Change.PERSONAL_DATA_ERASED
    assert history[-1].version == full_entry.version + 1
    assert all(item.record.people == () and item.record.attachments == () for item in history)


def test_a_person_taken_off_and_an_agent_replaced_leave_tombstones(gate, logbook, full_entry, clock):
    person, agent = full_entry.people[0], child_ids(gate, full_entry.id)["logbook_agent"]
    logbook.remove_person(gate.admin, full_entry.id, person.id)
    logbook.update(gate.admin, full_entry.id, entry_data(clock.now(), agent_ids=(gate.admin.user_id,)),
                   expected_version=full_entry.version + 1)
    assert {("logbook_person", person.id)} | {("logbook_agent", i) for i in agent} <= tombstones(gate)
    assert logbook.history(gate.admin, full_entry.id)[-3].record.people[0].last_name == "Garnier"


# -- the outbox by each kind's schema ------------------------------------------------------------------


def test_each_change_of_the_nomenclature_is_queued_as_a_nature(gate, logbook):
    added = logbook.add_nature(gate.admin, "Nid de frelons")
    logbook.rename_nature(gate.admin, added.code, "Nid de gu\u00eapes")
    logbook.set_nature_active(gate.admin, added.code, False)
    logbook.set_nature_active(gate.admin, added.code, False)  # no change: nothing queued
    natures = [json.loads(c.payload) for c in outbox_changes(gate) if c.record_kind == "logbook_nature"]
    assert [(n["code"], n["label"], n["active"]) for n in natures] == [
        (added.code, "Nid de frelons", True), (added.code, "Nid de gu\u00eapes", True),
        (added.code, "Nid de gu\u00eapes", False)]
    assert {c.compartment for c in outbox_changes(gate) if c.record_kind == "logbook_nature"} == {"main_courante"}


def test_every_logbook_payload_has_exactly_its_kinds_fields(gate, logbook, full_entry, clock):
    agents = tuple(a.user_id for a in full_entry.agents)
    logbook.update(gate.admin, full_entry.id, entry_data(clock.now(), subject="Autre sujet", agent_ids=agents),
                   expected_version=full_entry.version)
    logbook.add_nature(gate.admin, "Divagation de b\u00e9tail")
    schemas = {kind.name: set(kind.fields) for kind in LOGBOOK_KINDS}
    queued = [c for c in outbox_changes(gate) if c.record_kind in schemas and c.operation == "upsert"]
    assert {c.record_kind for c in queued} == set(schemas)
    for change in queued:
        assert set(json.loads(change.payload)) == schemas[change.record_kind], change.record_kind


# -- rights inside the unit of work ------------------------------------------------------------------


def test_a_right_withdrawn_while_logged_in_refuses_with_nothing_written_but_the_refusal(gate, logbook, clock):
    agent = add_agent(gate)
    actor = gate.services.accounts.authenticate("lpetit", "agent-password-2026")
    rights = gate.services.station.rights
    matrix = dict(rights.matrix(gate.admin))
    key = (Role.AGENT, Compartment.MAIN_COURANTE)
    rights.set_matrix(gate.admin, {**matrix, key: matrix[key] - {Access.WRITE}})
    journal, outbox = len(journal_entries(gate)), len(outbox_changes(gate))
    with pytest.raises(AccessDenied):
        logbook.create(actor, entry_data(clock.now(), agent_ids=(agent.id,)), [PersonData("victim", "Roy", "Ana")])
    after = journal_entries(gate)
    assert len(after) == journal + 1 and (after[-1].operation, after[-1].login) == ("refused", "lpetit")
    assert len(outbox_changes(gate)) == outbox and row_count(gate, LogbookEntry) == 0
    # No number was taken by the refused save.
    assert logbook.create(gate.admin, entry_data(clock.now())).entry.number == "2026/00001"


# -- a save says what the history gained -----------------------------------------------------------------


def test_a_save_carries_its_history_line_without_a_consultation(gate, logbook, clock):
    created = logbook.create(gate.admin, entry_data(clock.now()))
    entry_id = created.entry.id
    updated = logbook.update(gate.admin, entry_id, entry_data(clock.now(), subject="Musique tr\u00e8s forte"),
                             expected_version=1)
    closed = logbook.close(gate.admin, entry_id)
    person = logbook.add_person(gate.admin, entry_id, PersonData("witness", "Martin", "Paul"))
    attached = logbook.add_attachment(gate.admin, entry_id, data=PDF, filename="note.pdf").saved
    unchanged = logbook.update(gate.admin, entry_id, entry_data(clock.now(), subject="Musique tr\u00e8s forte"),
                               expected_version=attached.entry.version)
    assert unchanged.history_item is None
    consultations = [e for e in journal_entries(gate) if e.operation == "consult"]
    assert consultations == []
    lines = [s.history_item for s in (created, updated, closed, person, attached)]
    assert lines == list(logbook.history(gate.admin, entry_id))
    assert [line.change for line in lines] == [Change.CREATED, Change.UPDATED, Change.CLOSED, Change.PERSON_ADDED,
                                               Change.ATTACHMENT_ADDED]
    assert updated.history_item.changed_fields == ("subject",)



def mark_pushed(gate) -> None:
    """What a sync does to the outbox once the server has acknowledged every change."""
    with gate.services.station.uow() as uow:
        uow.session.execute(update(OutboxChange).values(pushed_at=gate.services.station.clock.now()))
        uow.commit()


@pytest.mark.parametrize("how", ["erase", "case"])
def test_an_erasure_leaves_no_state_of_what_it_erased_in_the_outbox_even_once_pushed(gate, logbook, full_entry, how):
    mark_pushed(gate)
    assert any("Garnier" in c.payload for c in outbox_changes(gate))  # kept to resend to a restored server
    if how == "erase":
        logbook.erase(gate.admin, full_entry.id, "Saisie en double")
    else:
        gate.services.retention.erase_case_personal_data(gate.admin, "logbook_entry", full_entry.id, "Non-lieu")
    left = outbox_changes(gate)
    assert not any("Garnier" in c.payload or "plainte.pdf" in c.payload for c in left)
    assert [c for c in left if c.pushed_at is None]  # what replaces them waits to be sent
