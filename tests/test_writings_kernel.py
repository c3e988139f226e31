"""The écrits on the record kernel: rights read in the unit of work, one transaction per court outcome and
the erasure it orders, tombstones, and outbox payloads that hold exactly their kind's schema."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from app.errors import AccessDenied
from app.kernel.rights import Access, Compartment
from app.models import Role
from app.models.writings import OutcomeKind, PersonRole, RecipientKind, WritingKind
from app.writings.kinds import WRITINGS_KINDS
from app.writings.types import OutcomeData, PersonData, TemplateData, TransmissionData
from tests.conftest import ADMIN_PASSWORD, AGENT_PASSWORD, add_agent, journal_entries, outbox_changes
from tests.test_writings_support import draft_pv, pv_data

SENT = datetime(2026, 11, 22, 11, 30, tzinfo=UTC)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def scalar(gate, statement: str, **params):
    with gate.services.station.engine.connect() as conn:
        return conn.execute(text(statement), params).scalar()


def ids_in(gate, table: str) -> set[str]:
    with gate.services.station.engine.connect() as conn:
        return set(conn.execute(text(f"SELECT id FROM {table}")).scalars())


def tombstones(gate) -> set[tuple[str, str]]:
    with gate.services.station.engine.connect() as conn:
        return {(kind, record_id) for kind, record_id in conn.execute(text(
            "SELECT record_kind, record_id FROM tombstones"))}


def an_entry_with_a_person(gate) -> str:
    from app.logbook.types import EntryData
    from app.logbook.types import PersonData as EntryPerson

    return gate.services.logbook.create(gate.admin, EntryData(
        requested_at=datetime(2026, 11, 22, 7, 30, tzinfo=UTC), channel="phone", nature_code="tapage",
        subject="Tapage nocturne au 4 rue des Écoles", address="4 rue des Écoles",
        facts="Sur place, nous entendons une musique forte depuis la voie publique."),
        [EntryPerson("suspect", "Morel", "Cédric")]).entry.id


def signed_from_entry(gate, entry_id: str):
    writings = gate.services.writings
    draft = writings.create_draft(gate.admin, WritingKind.PV_CONSTATATION, pv_data(), from_entry=entry_id)
    return writings.sign(gate.admin, draft.id, ADMIN_PASSWORD)


def withdraw(gate, role: Role, access: Access) -> None:
    rights = gate.services.station.rights
    matrix = dict(rights.matrix(gate.admin))
    matrix[(role, Compartment.ECRITS)] = matrix[(role, Compartment.ECRITS)] - {access}
    rights.set_matrix(gate.admin, matrix)


# -- rights --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("call", [
    lambda w, agent, draft: w.update_draft(agent, draft.id, pv_data(facts="Réécrit.")),
    lambda w, agent, draft: w.add_person(agent, draft.id, PersonData(PersonRole.WITNESS, "Roux")),
    lambda w, agent, draft: w.sign(agent, draft.id, AGENT_PASSWORD),
    lambda w, agent, draft: w.create_draft(agent, WritingKind.RAPPORT_INFORMATION),
])
def test_a_withdrawn_right_is_refused_once_journaled_and_nothing_else_is_written(gate, call):
    add_agent(gate)
    agent = gate.login("lpetit", AGENT_PASSWORD)
    writings = gate.services.writings
    draft = draft_pv(gate, actor=agent)
    withdraw(gate, Role.AGENT, Access.WRITE)  # while the agent's window is open
    journal, outbox = len(journal_entries(gate)), len(outbox_changes(gate))
    with pytest.raises(AccessDenied):
        call(writings, agent, draft)
    new = journal_entries(gate)[journal:]
    assert [(e.operation, e.compartment, e.detail) for e in new] == [("refused", "ecrits", "refused: write")]
    assert len(outbox_changes(gate)) == outbox
    assert writings.get(gate.admin, draft.id) == draft
    assert scalar(gate, "SELECT count(*) FROM writings") == 1


def test_a_withdrawn_read_right_stops_consulting_and_listing(gate):
    add_agent(gate)
    agent = gate.login("lpetit", AGENT_PASSWORD)
    draft = draft_pv(gate, actor=agent)
    assert gate.services.writings.get(agent, draft.id).number == draft.number
    withdraw(gate, Role.AGENT, Access.READ)
    journal = len(journal_entries(gate))
    for attempt in (lambda: gate.services.writings.get(agent, draft.id),
                    lambda: gate.services.writings.documents(agent),
                    lambda: gate.services.writings.id_of_number(agent, draft.number)):
        with pytest.raises(AccessDenied):
            attempt()
    assert [e.operation for e in journal_entries(gate)[journal:]] == ["refused"] * 3


def test_a_refusal_inside_the_work_is_journaled_alone_after_the_rollback(gate):
    signed = gate.services.writings.sign(gate.admin, draft_pv(gate).id, ADMIN_PASSWORD)
    journal, outbox = len(journal_entries(gate)), len(outbox_changes(gate))
    with pytest.raises(Exception, match="addendum"):
        gate.services.writings.update_draft(gate.admin, signed.id, pv_data(facts="Après coup."))
    new = journal_entries(gate)[journal:]
    assert [(e.operation, e.record_kind, e.record_id, e.detail) for e in new] == [
        ("refused", "writing", signed.id, "refused: edit of a signed document")]
    assert len(outbox_changes(gate)) == outbox
    assert scalar(gate, "SELECT count(*) FROM writing_versions WHERE writing_id = :id", id=signed.id) == 1


# -- a court outcome and its erasure: one transaction ----------------------------------------------------


def test_an_erasing_outcome_erases_the_document_and_its_entry_and_leaves_tombstones(gate):
    entry_id = an_entry_with_a_person(gate)
    signed = signed_from_entry(gate, entry_id)
    people = {p.id for p in signed.people}
    versions, entry_people = ids_in(gate, "writing_versions"), ids_in(gate, "logbook_people")
    assert people and versions and entry_people
    after = gate.services.writings.record_outcome(gate.admin, signed.id, OutcomeData(
        OutcomeKind.DISMISSAL, date(2027, 1, 15), "Parquet de Poitiers"))
    assert after.people == () and after.personal_data_erased_at is not None
    assert scalar(gate, "SELECT count(*) FROM logbook_people") == 0
    stones = tombstones(gate)
    assert {("writing_person", i) for i in people} <= stones
    assert {("writing_version", i) for i in versions} <= stones
    assert {("logbook_person", i) for i in entry_people} <= stones
    assert ("writing", signed.id) not in stones  # the document stays, emptied
    erased = [(e.compartment, e.record_kind, e.record_id) for e in journal_entries(gate) if e.operation == "erase"]
    assert erased == [("ecrits", "writing", signed.id), ("main_courante", "logbook_entry", entry_id)]
    changes = outbox_changes(gate)
    assert not any("Morel" in c.payload or "Dupré" in c.payload for c in changes)
    emptied = [json.loads(c.payload) for c in changes if c.record_kind == "writing" and c.record_id == signed.id]
    assert emptied and emptied[-1]["facts"] == "" and emptied[-1]["personal_data_erased_at"] is not None


def test_a_failure_after_the_outcome_leaves_neither_the_outcome_nor_any_erasure(gate):
    entry_id = an_entry_with_a_person(gate)
    signed = signed_from_entry(gate, entry_id)
    journal, outbox, stones = len(journal_entries(gate)), len(outbox_changes(gate)), tombstones(gate)
    # The disk fails as the entry's people are erased: after the outcome row and the document's erasure.
    with gate.services.station.engine.begin() as conn:
        conn.execute(text("CREATE TRIGGER test_failing_disk BEFORE DELETE ON logbook_people "
                          "BEGIN SELECT RAISE(ABORT, 'injected: the disk failed'); END"))
    with pytest.raises(IntegrityError, match="injected"):
        gate.services.writings.record_outcome(gate.admin, signed.id, OutcomeData(
            OutcomeKind.ACQUITTAL, date(2027, 1, 15), "Tribunal de police de Poitiers"))
    assert scalar(gate, "SELECT count(*) FROM writing_outcomes") == 0
    assert scalar(gate, "SELECT count(*) FROM writing_people WHERE writing_id = :id", id=signed.id) == 2
    assert scalar(gate, "SELECT personal_data_erased_at FROM writings WHERE id = :id", id=signed.id) is None
    assert scalar(gate, "SELECT count(*) FROM logbook_people WHERE entry_id = :id", id=entry_id) == 1
    assert len(journal_entries(gate)) == journal and len(outbox_changes(gate)) == outbox
    assert tombstones(gate) == stones
    assert gate.services.writings.verify_content(gate.admin, signed.id)


def test_retention_leaves_a_tombstone_for_the_document_and_everything_on_it(gate, clock):
    writings = gate.services.writings
    signed = writings.sign(gate.admin, draft_pv(gate).id, ADMIN_PASSWORD)
    addendum = writings.add_addendum(gate.admin, signed.id, "Précision.", ADMIN_PASSWORD)
    writings.record_transmission(gate.admin, signed.id, TransmissionData(
        RecipientKind.MAIRE, "Mme la Maire", SENT, "remise en main propre"), motive="Information du maire")
    document = writings.get(gate.admin, signed.id)
    clock.advance(days=1096)
    assert gate.services.retention.purge_expired()["ecrits"] == 1
    stones = tombstones(gate)
    expected = {("writing", signed.id), ("writing_addendum", addendum.id),
                ("writing_transmission", document.transmissions[0].id)}
    expected |= {("writing_person", p.id) for p in document.people}
    assert expected <= stones
    assert {kind for kind, _ in stones} >= {"writing_offence", "writing_version"}
    left = [c for c in outbox_changes(gate) if c.compartment == "ecrits" and c.operation == "upsert"
            and c.record_kind not in ("natinf_version", "natinf_offence")]
    assert left == []


# -- outbox payloads -------------------------------------------------------------------------------------


def test_every_outbox_payload_of_the_ecrits_holds_exactly_its_kinds_schema(gate, tmp_path):
    from tests.test_natinf import new_edition

    writings = gate.services.writings
    draft = writings.create_draft(gate.admin, WritingKind.PV_CONSTATATION, pv_data(),
                                  from_entry=an_entry_with_a_person(gate))
    draft = writings.add_person(gate.admin, draft.id, PersonData(PersonRole.VICTIM, "Roux", "Jeanne"))
    writings.remove_person(gate.admin, draft.id, draft.people[-1].id)
    writings.set_natinf_codes(gate.admin, draft.id, ("201", "203"))
    signed = writings.sign(gate.admin, draft.id, ADMIN_PASSWORD)
    writings.add_addendum(gate.admin, signed.id, "Lire « gris foncé ».", ADMIN_PASSWORD)
    writings.record_transmission(gate.admin, signed.id, TransmissionData(
        RecipientKind.OPJ, "Capitaine Roux", SENT, "courriel"), motive="Compte rendu à l'OPJ")
    writings.record_outcome(gate.admin, signed.id, OutcomeData(
        OutcomeKind.REQUALIFICATION, date(2027, 2, 3), "Tribunal de police", natinf_codes=("7581",)))
    template = gate.services.writing_templates.template(gate.admin, WritingKind.PV_CONSTATATION)
    gate.services.writing_templates.update(gate.admin, WritingKind.PV_CONSTATATION, TemplateData(
        template.title, template.sections, template.preamble, template.closure, template.legal_bases,
        template.signatures))
    gate.services.writing_templates.set_logo(gate.admin, PNG)
    gate.services.natinf.import_bytes(gate.admin, new_edition(), "natinf.csv", "octobre 2026")
    schemas = {kind.name: set(kind.fields) for kind in WRITINGS_KINDS}
    seen = set()
    for change in outbox_changes(gate):
        if change.record_kind not in schemas:
            continue
        payload = json.loads(change.payload)
        if change.operation == "erase":
            assert payload == {}, change.record_kind
            continue
        assert set(payload) == schemas[change.record_kind], change.record_kind
        assert change.compartment == "ecrits"
        seen.add(change.record_kind)
    assert seen == set(schemas)
    assert ("writing_person", draft.people[-1].id) in tombstones(gate)
