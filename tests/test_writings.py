"""PV and rapports: drafts, signing, the lock on every path, addenda, transmissions, court outcomes, retention."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from app.errors import AccessDenied, InvalidInput
from app.models import Role
from app.models.writings import OutcomeKind, PersonRole, RecipientKind, WritingKind, WritingStatus
from app.kernel.motives import MotiveRequired
from app.writings.natinf import UnknownNatinf
from app.writings.store import canonical, state
from app.writings.types import (
    DocumentLocked,
    NotSigned,
    NotTheAuthor,
    OutcomeData,
    PersonData,
    PrintFailed,
    TransmissionData,
    WrongSigningPassword,
)
from tests.conftest import ADMIN_PASSWORD, AGENT_PASSWORD, add_agent, journal_entries, outbox_changes
from tests.test_writings_support import draft_pv, pv_data

SENT = datetime(2026, 11, 22, 11, 30, tzinfo=UTC)


def signed_pv(gate, **changes):
    draft = draft_pv(gate, **changes)
    return gate.services.writings.sign(gate.admin, draft.id, ADMIN_PASSWORD)


def sql(gate, statement: str, **params) -> None:
    with gate.services.station.engine.begin() as conn:
        conn.execute(text(statement), params)


def scalar(gate, statement: str, **params):
    with gate.services.station.engine.connect() as conn:
        return conn.execute(text(statement), params).scalar()


def entries_about(gate, record_id: str):
    return [e for e in journal_entries(gate) if e.record_id == record_id]


# -- drafts -----------------------------------------------------------------------------------------


def test_a_draft_is_numbered_journaled_and_queued_for_sync(gate):
    draft = draft_pv(gate)
    assert draft.number == "2026/00001" and draft.status == WritingStatus.DRAFT
    assert draft.title == "PROCÈS-VERBAL DE CONSTATATION"
    assert draft.author_name == "Sophie Lemaire" and draft.author_matricule == "86-86999-001"
    assert [o.code for o in draft.offences] == ["201"]
    assert draft.offences[0].qualification == "ARRET OU STATIONNEMENT DANGEREUX DE VEHICULE"
    assert draft.natinf_version_label.startswith("Échantillon NATINF")
    assert [p.role for p in draft.people] == [PersonRole.SUSPECT, PersonRole.WITNESS]
    assert draft.vehicle_plate == "AB-123-CD"
    assert "article 78-6 du code de procédure pénale" in draft.legal_bases
    assert ("create", "writing") in {(e.operation, e.record_kind) for e in entries_about(gate, draft.id)}
    assert {c.record_kind for c in outbox_changes(gate) if c.record_id == draft.id} == {"writing"}
    second = gate.services.writings.create_draft(gate.admin, WritingKind.RAPPORT_INFORMATION)
    assert second.number == "2026/00002" and second.title == "RAPPORT D'INFORMATION"


def test_a_draft_is_edited_and_its_history_kept(gate):
    writings = gate.services.writings
    draft = draft_pv(gate)
    edited = writings.update_draft(gate.admin, draft.id, pv_data(facts="Nous constatons autre chose."),
                                   expected_version=draft.version)
    assert edited.facts == "Nous constatons autre chose." and edited.version == draft.version + 1
    history = writings.history(gate.admin, draft.id)
    assert history[0].change == "updated" and history[0].record["facts"] == draft.facts
    modify = [e for e in entries_about(gate, draft.id) if e.operation == "modify"]
    assert modify and "facts" in modify[-1].detail and "constatons" not in modify[-1].detail


def test_a_natinf_code_missing_from_the_table_blocks_the_save(gate):
    writings = gate.services.writings
    with pytest.raises(UnknownNatinf, match="99999999"):
        draft_pv(gate, natinf_codes=("201", "99999999"))
    assert scalar(gate, "SELECT count(*) FROM writings") == 0
    draft = draft_pv(gate)
    with pytest.raises(UnknownNatinf):
        writings.set_natinf_codes(gate.admin, draft.id, ("424242424",))
    assert [o.code for o in writings.get(gate.admin, draft.id).offences] == ["201"]


def test_a_draft_is_prefilled_from_a_main_courante_entry_which_then_shows_it(gate):
    from app.logbook.types import EntryData
    from app.logbook.types import PersonData as EntryPerson

    logbook = gate.services.logbook
    entry = logbook.create(gate.admin, EntryData(
        requested_at=datetime(2026, 11, 22, 7, 30, tzinfo=UTC), channel="phone", nature_code="tapage",
        subject="Tapage nocturne au 4 rue des Écoles", address="4 rue des Écoles",
        facts="Sur place, nous entendons une musique forte depuis la voie publique."),
        [EntryPerson("suspect", "Morel", "Cédric")]).entry
    draft = gate.services.writings.create_draft(gate.admin, WritingKind.RAPPORT_INTERVENTION, from_entry=entry.id)
    assert draft.logbook_number == entry.number and draft.logbook_entry_id == entry.id
    assert draft.subject == "Tapage nocturne au 4 rue des Écoles" and draft.place == "4 rue des Écoles"
    assert "musique forte" in draft.facts
    assert [(p.role, p.last_name) for p in draft.people] == [(PersonRole.SUSPECT, "Morel")]
    assert draft.number in logbook.get(gate.admin, entry.id).document_number
    assert [r.number for r in gate.services.writings.for_entry(gate.admin, entry.id)] == [draft.number]
    assert any(e.operation == "consult" and e.record_id == entry.id for e in journal_entries(gate))


# -- signing ---------------------------------------------------------------------------------------


def test_a_wrong_signing_password_is_refused_and_journaled(gate):
    draft = draft_pv(gate)
    with pytest.raises(WrongSigningPassword):
        gate.services.writings.sign(gate.admin, draft.id, "not-the-password")
    assert gate.services.writings.get(gate.admin, draft.id).status == WritingStatus.DRAFT
    refused = [e for e in entries_about(gate, draft.id) if e.operation == "refused"]
    assert refused and refused[-1].detail == "signature refused: wrong password"
    assert "not-the-password" not in " ".join(e.detail for e in journal_entries(gate))


def test_a_document_whose_facts_come_after_its_signature_is_not_signed(gate, clock):
    later = clock.now() + timedelta(days=2)
    draft = draft_pv(gate, occurred_at=later)  # a draft may hold it while it is written
    with pytest.raises(InvalidInput) as refused:
        gate.services.writings.sign(gate.admin, draft.id, ADMIN_PASSWORD)
    assert refused.value.params == {"number": draft.number, "field": "Date and time of the facts", "when": later}
    assert gate.services.writings.get(gate.admin, draft.id).status == WritingStatus.DRAFT
    assert not any(e.detail.startswith("signed") for e in entries_about(gate, draft.id))
    handed = draft_pv(gate, handed_over_at=clock.now() + timedelta(hours=3), handed_over_to="OPJ de permanence")
    with pytest.raises(InvalidInput, match="Handed to an OPJ on"):
        gate.services.writings.sign(gate.admin, handed.id, ADMIN_PASSWORD)
    # A few minutes ahead is the station's clock against the officer's watch: signed.
    soon = draft_pv(gate, occurred_at=clock.now() + timedelta(minutes=10))
    assert gate.services.writings.sign(gate.admin, soon.id, ADMIN_PASSWORD).status == WritingStatus.SIGNED


def test_only_the_author_signs(gate):
    add_agent(gate)
    agent = gate.login("lpetit", AGENT_PASSWORD)
    draft = draft_pv(gate)
    with pytest.raises(NotTheAuthor):
        gate.services.writings.sign(agent, draft.id, AGENT_PASSWORD)
    with pytest.raises(NotTheAuthor):
        gate.services.writings.update_draft(agent, draft.id, pv_data())


def test_signing_locks_the_document_and_stores_the_hash_of_its_content(gate):
    signed = signed_pv(gate)
    assert signed.status == WritingStatus.SIGNED and signed.signed_at is not None
    with gate.services.station.uow() as uow:
        from app.models import Writing

        row = uow.session.get(Writing, signed.id)
        expected = hashlib.sha256(canonical(state(uow.session, row))).hexdigest()
    assert signed.content_hash == expected
    assert gate.services.writings.verify_content(gate.admin, signed.id)
    assert any(e.detail == f"signed; sha256 {expected}" for e in entries_about(gate, signed.id))


def test_a_signed_document_refuses_every_edit_and_offers_an_addendum(gate):
    writings = gate.services.writings
    signed = signed_pv(gate)
    person = signed.people[0].id
    attempts = [
        lambda: writings.update_draft(gate.admin, signed.id, pv_data(facts="Réécrit après coup.")),
        lambda: writings.add_person(gate.admin, signed.id, PersonData(PersonRole.VICTIM, "Nouveau")),
        lambda: writings.remove_person(gate.admin, signed.id, person),
        lambda: writings.set_natinf_codes(gate.admin, signed.id, ("200",)),
        lambda: writings.sign(gate.admin, signed.id, ADMIN_PASSWORD),
    ]
    for attempt in attempts:
        with pytest.raises(DocumentLocked, match="addendum") as caught:
            attempt()
        assert caught.value.offer_addendum
    assert len([e for e in entries_about(gate, signed.id) if e.operation == "refused"]) == len(attempts)
    assert writings.get(gate.admin, signed.id) == signed
    assert writings.verify_content(gate.admin, signed.id)


@pytest.mark.parametrize("statement", [
    "UPDATE writings SET facts = 'falsifié' WHERE id = :id",
    "UPDATE writings SET status = 'draft' WHERE id = :id",
    "UPDATE writings SET content_hash = '' WHERE id = :id",
    "DELETE FROM writings WHERE id = :id",
    "UPDATE writing_people SET last_name = 'Autre' WHERE writing_id = :id",
    "DELETE FROM writing_people WHERE writing_id = :id",
    "INSERT INTO writing_people (id, version, writing_id, role, last_name, first_names, birth_place, address,"
    " identity_document, profession, contact, position) VALUES ('x', 1, :id, 'victim', 'X', '', '', '', '', '', '', 9)",
    "UPDATE writing_offences SET code = '200' WHERE writing_id = :id",
    "DELETE FROM writing_offences WHERE writing_id = :id",
])
def test_the_database_itself_refuses_to_change_a_signed_document(gate, statement):
    signed = signed_pv(gate)
    with pytest.raises(IntegrityError, match="signed document is locked"):
        sql(gate, statement, id=signed.id)
    assert gate.services.writings.verify_content(gate.admin, signed.id)


def test_a_draft_still_changes_through_sql_and_a_signed_one_takes_sync_bookkeeping(gate):
    draft = draft_pv(gate)
    sql(gate, "UPDATE writings SET facts = 'x' WHERE id = :id", id=draft.id)
    signed = signed_pv(gate)
    sql(gate, "UPDATE writings SET version = version + 1 WHERE id = :id", id=signed.id)


# -- addenda -----------------------------------------------------------------------------------------


def test_addenda_are_numbered_within_their_document_and_locked(gate):
    writings = gate.services.writings
    signed = signed_pv(gate)
    first = writings.add_addendum(gate.admin, signed.id, "Lire « Clio gris foncé » au lieu de « Clio gris ».",
                                  ADMIN_PASSWORD)
    second = writings.add_addendum(gate.admin, signed.id, "Le témoin a été entendu le 23/11.", ADMIN_PASSWORD)
    other = writings.add_addendum(gate.admin, signed_pv(gate).id, "Premier addendum de l'autre.", ADMIN_PASSWORD)
    assert (first.number, second.number, other.number) == (1, 2, 1)
    document = writings.get(gate.admin, signed.id)
    assert [a.number for a in document.addenda] == [1, 2] and document.addenda[0].text.startswith("Lire")
    assert writings.verify_content(gate.admin, signed.id)  # the document itself is untouched
    with pytest.raises(IntegrityError, match="addendum is locked"):
        sql(gate, "UPDATE writing_addenda SET text = 'autre' WHERE id = :id", id=first.id)
    with pytest.raises(WrongSigningPassword):
        writings.add_addendum(gate.admin, signed.id, "Encore.", "wrong-password!")
    draft = draft_pv(gate)
    with pytest.raises(Exception, match="still a draft"):
        writings.add_addendum(gate.admin, draft.id, "Sur un projet.", ADMIN_PASSWORD)


# -- transmissions ---------------------------------------------------------------------------------------


def test_each_transmission_is_a_disclosure_in_the_journal(gate):
    writings = gate.services.writings
    signed = signed_pv(gate)
    sending = TransmissionData(RecipientKind.OPJ, "Capitaine Roux, commissariat de Châtellerault", SENT, "courriel")
    with pytest.raises(MotiveRequired):
        writings.record_transmission(gate.admin, signed.id, sending, motive="")
    document = writings.record_transmission(gate.admin, signed.id, sending, motive="Compte rendu à l'OPJ")
    writings.record_transmission(gate.admin, signed.id, TransmissionData(
        RecipientKind.PROCUREUR, "Parquet de Poitiers", SENT + timedelta(hours=2), "envoi via l'OPJ"),
        motive="Transmission au procureur")
    assert [t.recipient_kind for t in writings.get(gate.admin, signed.id).transmissions] == [
        RecipientKind.OPJ, RecipientKind.PROCUREUR]
    assert document.transmissions[0].means == "courriel"
    transmit = [e for e in entries_about(gate, signed.id) if e.operation == "transmit"]
    assert [(e.recipient, e.motive) for e in transmit] == [
        ("opj: Capitaine Roux, commissariat de Châtellerault", "Compte rendu à l'OPJ"),
        ("procureur: Parquet de Poitiers", "Transmission au procureur"),
    ]
    with pytest.raises(NotSigned):
        writings.record_transmission(gate.admin, draft_pv(gate).id, sending, motive="Trop tôt")


# -- court outcomes ----------------------------------------------------------------------------------------


def test_a_requalification_updates_the_qualification_and_keeps_the_old_one(gate):
    writings = gate.services.writings
    signed = signed_pv(gate)
    after = writings.record_outcome(gate.admin, signed.id, OutcomeData(
        OutcomeKind.REQUALIFICATION, date(2027, 2, 3), "Tribunal de police de Poitiers", natinf_codes=("7581",)))
    assert [o.code for o in after.qualification] == ["7581"]
    assert [o.code for o in after.offences] == ["201"]  # what the author signed
    assert after.requalified and writings.verify_content(gate.admin, signed.id)
    history = writings.history(gate.admin, signed.id)
    assert history[-1].change == "requalified" and history[-1].record["offences"][0]["code"] == "201"
    with pytest.raises(UnknownNatinf):
        writings.record_outcome(gate.admin, signed.id, OutcomeData(
            OutcomeKind.REQUALIFICATION, date(2027, 2, 4), natinf_codes=("987654321",)))


def test_a_conviction_is_recorded_and_erases_nothing(gate):
    signed = signed_pv(gate)
    after = gate.services.writings.record_outcome(gate.admin, signed.id, OutcomeData(
        OutcomeKind.CONVICTION, date(2027, 3, 1), "Tribunal de police de Poitiers", "Amende de 135 euros"))
    assert [o.kind for o in after.outcomes] == [OutcomeKind.CONVICTION]
    assert len(after.people) == 2 and after.personal_data_erased_at is None


@pytest.mark.parametrize("kind", [OutcomeKind.ACQUITTAL, OutcomeKind.DISMISSAL, OutcomeKind.NON_LIEU])
def test_an_acquittal_a_dismissal_or_a_non_lieu_erases_the_personal_data_of_the_case(gate, kind):
    writings = gate.services.writings
    signed = signed_pv(gate)
    writings.add_addendum(gate.admin, signed.id, "M. Dupré a rappelé le service.", ADMIN_PASSWORD)
    after = writings.record_outcome(gate.admin, signed.id, OutcomeData(kind, date(2027, 1, 15), "Parquet de Poitiers"))
    assert after.people == () and after.facts == "" and after.assessments == "" and after.vehicle_plate == ""
    assert after.personal_data_erased_at is not None and after.addenda[0].text == ""
    assert after.number == signed.number and [o.code for o in after.offences] == ["201"]
    assert [o.kind for o in after.outcomes] == [kind]
    assert scalar(gate, "SELECT count(*) FROM writing_people") == 0
    assert scalar(gate, "SELECT count(*) FROM writing_versions WHERE writing_id = :id", id=signed.id) == 0
    erase = [e for e in entries_about(gate, signed.id) if e.operation == "erase"]
    assert erase and erase[-1].detail == "personal data erased" and str(kind) in erase[-1].motive
    assert not any("Dupré" in c.payload for c in outbox_changes(gate))


def test_an_outcome_needs_a_signed_document(gate):
    with pytest.raises(NotSigned):
        gate.services.writings.record_outcome(gate.admin, draft_pv(gate).id,
                                              OutcomeData(OutcomeKind.ACQUITTAL, date(2027, 1, 1)))


# -- reading, rights, retention ---------------------------------------------------------------------------


def test_get_journals_a_consultation_and_the_mayor_reads_nothing(gate):
    draft = draft_pv(gate)
    gate.services.writings.get(gate.admin, draft.id)
    assert entries_about(gate, draft.id)[-1].operation == "consult"
    add_agent(gate, "maire", role=Role.MAIRE, full_name="Hélène Fontaine", matricule="")
    mayor = gate.login("maire", AGENT_PASSWORD)
    with pytest.raises(AccessDenied):
        gate.services.writings.get(mayor, draft.id)
    with pytest.raises(AccessDenied):
        gate.services.writings.documents(mayor)


def test_documents_are_listed_newest_first(gate, clock):
    first = draft_pv(gate)
    clock.advance(minutes=5)
    second = signed_pv(gate)
    rows = gate.services.writings.documents(gate.admin)
    assert [r.number for r in rows] == [second.number, first.number]
    assert [r.number for r in gate.services.writings.documents(gate.admin, status=WritingStatus.SIGNED)] == [
        second.number]
    assert gate.services.writings.id_of_number(gate.admin, first.number) == first.id


def test_retention_erases_expired_documents_signed_or_not(gate, clock):
    signed = signed_pv(gate)
    gate.services.writings.add_addendum(gate.admin, signed.id, "Précision.", ADMIN_PASSWORD)
    gate.services.writings.record_transmission(gate.admin, signed.id, TransmissionData(
        RecipientKind.MAIRE, "Mme la Maire", SENT, "remise en main propre"), motive="Information du maire")
    draft_pv(gate)
    clock.advance(days=1096)
    counts = gate.services.retention.purge_expired()
    assert counts["ecrits"] == 2
    for table in ("writings", "writing_people", "writing_offences", "writing_addenda", "writing_transmissions"):
        assert scalar(gate, f"SELECT count(*) FROM {table}") == 0, table


def test_a_pdf_that_cannot_be_written_leaves_no_file_no_entry_and_the_document_untouched(gate, tmp_path):
    signed = signed_pv(gate)
    before = len(journal_entries(gate))
    with pytest.raises(PrintFailed, match="nothing was printed"):
        gate.services.writings.print_to(gate.admin, signed.id, tmp_path / "gone" / "pv.pdf", "Transmission à l'OPJ")
    assert len(journal_entries(gate)) == before
    assert gate.services.writings.verify_content(gate.admin, signed.id)
    assert list(tmp_path.iterdir()) == [tmp_path / "station"]


def test_a_print_is_journaled_with_its_motive_and_recipient(gate, tmp_path):
    draft = draft_pv(gate)
    out = tmp_path / "pv.pdf"
    with pytest.raises(MotiveRequired):
        gate.services.writings.print_to(gate.admin, draft.id, out, "")
    result = gate.services.writings.print_to(gate.admin, draft.id, out, "Relecture", "Brigadier Martin")
    assert out.read_bytes().startswith(b"%PDF") and result.pages >= 1
    entry = entries_about(gate, draft.id)[-1]
    assert (entry.operation, entry.motive, entry.recipient) == ("print", "Relecture", "Brigadier Martin")
    assert result.sha256 in entry.detail
    assert [p.name for p in tmp_path.iterdir() if p.name != "station"] == ["pv.pdf"]
