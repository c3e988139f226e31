"""The main courante service: entries, versions and history, conflicts, validation, people, drafts, rights."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from app.errors import AccessDenied, InvalidInput, NotFound
from app.models import LogbookVersion, Role
from app.models.logbook import EntryStatus
from app.services.accounts import NewUser
from app.bootstrap import build_gate
from app.logbook.types import (
    Change,
    EditConflict,
    EntryInvalid,
    EntryNotFound,
    ListFilter,
    OnLegalHold,
    PersonData,
    SortKey,
)
from app.kernel.rights import Compartment
from app.store.layout import StationPaths
from tests.conftest import ADMIN_PASSWORD
from tests.logbook_helpers import entry_data, journal_details, journal_tail, outbox_kinds, row_count


@pytest.fixture
def logbook(gate):
    return gate.services.logbook


@pytest.fixture
def people(gate):
    accounts = gate.services.accounts
    made = {}
    for login, role in (("agent1", Role.AGENT), ("agent2", Role.AGENT), ("chef1", Role.CHEF_DE_POSTE),
                        ("maire", Role.MAIRE)):
        accounts.create_user(gate.admin, NewUser(login, login.title(), role, "a-long-password-1",
                                                 matricule=f"86-86999-{login}"), must_change_password=False)
        made[login] = accounts.authenticate(login, "a-long-password-1")
    return made


# -- entries, versions, history -----------------------------------------------------------------------


def test_an_entry_is_numbered_journaled_and_queued_for_sync(gate, logbook, clock, people):
    agent = people["agent1"]
    saved = logbook.create(agent, entry_data(clock.now(), agent_ids=(agent.user_id, people["agent2"].user_id)),
                           [PersonData("requester", "Dupont", "\u00c9lo\u00efse", contact="06 00 00 00 00")])
    entry = saved.entry
    assert entry.number == "2026/00001" and entry.version == 1 and entry.status is EntryStatus.OPEN
    assert [a.full_name for a in entry.agents] == ["Agent1", "Agent2"]
    assert entry.agents[0].matricule == "86-86999-agent1"
    assert entry.people[0].first_names == "\u00c9lo\u00efse"
    assert entry.nature_label == "Tapage / nuisances sonores"
    assert entry.created_by_name == "Agent1"
    assert saved.warnings == ()
    assert journal_tail(gate) == [("create", "agent1", "logbook_entry", entry.id, "")]
    assert outbox_kinds(gate, entry.id) == ["logbook_entry"]
    assert "logbook_person" in outbox_kinds(gate) and "logbook_agent" in outbox_kinds(gate)
    assert logbook.create(agent, entry_data(clock.now())).entry.number == "2026/00002"


def test_every_change_keeps_the_previous_version_and_the_history_shows_it(gate, logbook, clock, people):
    agent, other = people["agent1"], people["agent2"]
    first = logbook.create(agent, entry_data(clock.now(), subject="Musique forte")).entry
    clock.advance(minutes=5)
    second = logbook.update(other, first.id, entry_data(clock.now() - timedelta(minutes=5), subject="Musique tr\u00e8s forte",
                                                        outcome="Cessation du trouble."),
                            expected_version=1).entry
    assert second.version == 2 and second.subject == "Musique tr\u00e8s forte" and second.number == first.number
    closed = logbook.close(other, first.id, expected_version=2).entry
    assert closed.status is EntryStatus.CLOSED and closed.closed_at == clock.now()
    added = logbook.add_person(agent, first.id, PersonData("witness", "Martin", "Paul"), expected_version=3).entry
    assert added.version == 4

    history = logbook.history(agent, first.id)
    assert [(h.version, h.change) for h in history] == [
        (1, Change.CREATED), (2, Change.UPDATED), (3, Change.CLOSED), (4, Change.PERSON_ADDED)]
    assert history[0].record.subject == "Musique forte" and history[0].changed_fields == ()
    assert set(history[1].changed_fields) == {"subject", "outcome"}
    assert history[1].changed_by_name == "Agent2"
    assert history[2].changed_fields == ("status", "closed_at")
    assert history[3].changed_fields == ("people",)
    assert journal_tail(gate) == [("consult", "agent1", "logbook_entry", first.id, "")]
    modifications = [d for op, d in journal_details(gate) if op == "modify"]
    assert modifications == ["updated: subject, outcome", "closed: status, closed_at", "person_added: people"]
    assert row_count(gate, LogbookVersion, entry_id=first.id) == 3


def test_a_save_that_changes_nothing_makes_no_version(gate, logbook, clock, people):
    agent = people["agent1"]
    data = entry_data(clock.now())
    entry = logbook.create(agent, data).entry
    again = logbook.update(agent, entry.id, data, expected_version=1).entry
    assert again.version == 1
    assert row_count(gate, LogbookVersion) == 0


def test_a_stale_version_is_a_conflict_and_overwrites_nothing(gate, logbook, clock, people):
    entry = logbook.create(people["agent1"], entry_data(clock.now())).entry
    logbook.update(people["agent2"], entry.id, entry_data(clock.now(), subject="Pris par l\u2019autre"),
                   expected_version=1)
    with pytest.raises(EditConflict) as conflict:
        logbook.update(people["agent1"], entry.id, entry_data(clock.now(), subject="Le mien"), expected_version=1)
    assert conflict.value.params["who"] == "Agent2"
    assert logbook.get(people["agent1"], entry.id).subject == "Pris par l\u2019autre"


def test_close_and_reopen(logbook, clock, people):
    entry = logbook.create(people["agent1"], entry_data(clock.now())).entry
    logbook.close(people["agent1"], entry.id)
    reopened = logbook.reopen(people["agent1"], entry.id).entry
    assert reopened.status is EntryStatus.OPEN and reopened.closed_at is None and reopened.version == 3


def test_people_are_edited_and_removed_on_their_entry(logbook, clock, people):
    agent = people["agent1"]
    entry = logbook.create(agent, entry_data(clock.now()), [PersonData("suspect", "Durand", "Léo")]).entry
    person = entry.people[0]
    edited = logbook.update_person(agent, entry.id, person.id, PersonData("suspect", "Durand", "L\u00e9on",
                                                                          birth_date=date(1990, 3, 1))).entry
    assert edited.people[0].first_names == "L\u00e9on" and edited.people[0].birth_date == date(1990, 3, 1)
    removed = logbook.remove_person(agent, entry.id, person.id).entry
    assert removed.people == ()
    history = logbook.history(agent, entry.id)
    assert history[-2].record.people[0].first_names == "L\u00e9on"  # never silently lost
    with pytest.raises(NotFound):
        logbook.remove_person(agent, entry.id, person.id)


def test_a_minor_without_guardian_is_a_warning(logbook, clock, people):
    saved = logbook.add_person(people["agent1"], logbook.create(people["agent1"], entry_data(clock.now())).entry.id,
                               PersonData("victim", "Petit", "Lina", birth_date=date(2015, 6, 1)))
    assert [w.field for w in saved.warnings] == ["Legal guardian"]


# -- validation ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("fields, key", [
    ({"subject": "   "}, "subject"),
    ({"requested_at": None}, "requested_at"),
    ({"nature_code": ""}, "nature_code"),
    ({"nature_code": "inconnue"}, "nature_code"),
    ({"channel": "pigeon"}, "channel"),
    ({"latitude": 46.6, "longitude": None}, "latitude"),
    ({"subject": "x" * 301}, "subject"),
])
def test_a_bad_field_is_named_and_nothing_is_saved(gate, logbook, clock, people, fields, key):
    with pytest.raises(EntryInvalid) as invalid:
        logbook.create(people["agent1"], entry_data(clock.now(), **fields))
    assert invalid.value.key == key
    assert logbook.count(people["agent1"]) == 0
    assert journal_tail(gate)[0][0] != "create"


def test_end_before_start_is_refused(logbook, clock, people):
    now = clock.now()
    with pytest.raises(EntryInvalid) as invalid:
        logbook.create(people["agent1"], entry_data(now, started_at=now, ended_at=now - timedelta(minutes=1)))
    assert invalid.value.key == "ended_at"


def test_a_date_far_in_the_future_is_a_warning(logbook, clock, people):
    later = clock.now() + timedelta(days=400)
    saved = logbook.create(people["agent1"], entry_data(later, started_at=None, ended_at=None))
    assert [w.field for w in saved.warnings] == ["Time of the request"]
    assert logbook.check(entry_data(clock.now())) == ()


def test_a_birth_date_in_the_future_is_refused_naming_the_person(logbook, clock, people):
    with pytest.raises(EntryInvalid) as invalid:
        logbook.create(people["agent1"], entry_data(clock.now()),
                       [PersonData("witness", "Martin", "Julie", birth_date=date(2030, 3, 15))])
    assert invalid.value.key == "birth_date"
    assert invalid.value.params == {"name": "Julie Martin", "date": "15/03/2030"}


def test_long_text_emoji_and_right_to_left_names_are_stored_intact(gate, station_dir, deps, logbook, clock, people):
    start = "Constat \U0001F46E\u200d\u2642\ufe0f "
    facts = start + "\u00e9" * (100_000 - len(start) - 4) + " fin"
    name = "\u05d3\u05d5\u05d3 \u0645\u062d\u0645\u062f"
    entry = logbook.create(people["agent1"], entry_data(clock.now(), facts=facts, subject="Appel \U0001F4DE"),
                           [PersonData("witness", name, "\u200f\u05e9\u05e8\u05d4")]).entry
    gate.close()
    again = build_gate(station_dir, deps)
    actor = again.login("admin", ADMIN_PASSWORD)
    try:
        stored = again.services.logbook.get(actor, entry.id)
        assert len(stored.facts) == 100_000 and stored.facts == facts
        assert stored.subject == "Appel \U0001F4DE"
        assert stored.people[0].last_name == name and stored.people[0].first_names == "\u200f\u05e9\u05e8\u05d4"
    finally:
        again.close()


def test_a_disabled_nature_is_refused_for_new_entries_but_kept_by_old_ones(logbook, clock, people, gate):
    entry = logbook.create(people["agent1"], entry_data(clock.now(), nature_code="marche")).entry
    logbook.set_nature_active(gate.admin, "marche", False)
    assert "marche" not in {n.code for n in logbook.natures(people["agent1"])}
    with pytest.raises(EntryInvalid):
        logbook.create(people["agent1"], entry_data(clock.now(), nature_code="marche"))
    updated = logbook.update(people["agent1"], entry.id, entry_data(clock.now(), nature_code="marche", subject="Bis"),
                             expected_version=1)
    assert updated.entry.nature_code == "marche"


def test_the_administrator_edits_the_nomenclature(gate, logbook, clock, people):
    added = logbook.add_nature(gate.admin, "Nid de frelons")
    assert added.code == "nid_de_frelons"
    entry = logbook.create(people["agent1"], entry_data(clock.now(), nature_code=added.code)).entry
    logbook.rename_nature(gate.admin, added.code, "Nid de gu\u00eapes")
    assert logbook.get(people["agent1"], entry.id).nature_label == "Nid de gu\u00eapes"
    assert [r.id for r in logbook.search(people["agent1"], "guepes").rows] == [entry.id]
    with pytest.raises(InvalidInput):
        logbook.add_nature(gate.admin, "nid de GU\u00caPES")
    with pytest.raises(AccessDenied):
        logbook.add_nature(people["agent1"], "Autre chose")
    assert journal_tail(gate)[0][:2] == ("refused", "agent1")


# -- lists ----------------------------------------------------------------------------------------------


def test_list_pages_filters_sorting_and_count(logbook, clock, people):
    agent, other = people["agent1"], people["agent2"]
    start = clock.now()
    ids = []
    for n in range(25):
        at = start - timedelta(hours=n)
        ids.append(logbook.create(agent, entry_data(at, nature_code="tapage" if n % 2 else "vol",
                                                    address=f"{n} place de l\u2019\u00c9glise" if n < 5 else "rue Haute",
                                                    agent_ids=(other.user_id,) if n % 5 == 0 else (),
                                                    started_at=None, ended_at=None)).entry.id)
    first = logbook.list_page(agent, ListFilter(), limit=10)
    assert [r.id for r in first.rows] == ids[:10]
    second = logbook.list_page(agent, ListFilter(), after=first.next, limit=10)
    third = logbook.list_page(agent, ListFilter(), after=second.next, limit=10)
    assert [r.id for r in second.rows + third.rows] == ids[10:] and third.next is None
    assert [r.id for r in logbook.list_page(agent, ListFilter(), offset=20, limit=10).rows] == ids[20:]
    assert logbook.count(agent, ListFilter(nature_codes=("vol",))) == 13
    assert logbook.count(agent, ListFilter(place="EGLISE")) == 5
    assert logbook.count(agent, ListFilter(agent_id=other.user_id)) == 5
    period = ListFilter(start=start - timedelta(hours=4, minutes=30), end=start - timedelta(hours=1, minutes=30))
    assert [r.id for r in logbook.list_page(agent, period).rows] == ids[2:5]
    by_number = logbook.list_page(agent, ListFilter(sort=SortKey.NUMBER, descending=False), limit=3)
    assert [r.number for r in by_number.rows] == ["2026/00001", "2026/00002", "2026/00003"]
    logbook.close(agent, ids[0])
    assert logbook.count(agent, ListFilter(status=EntryStatus.CLOSED)) == 1
    row = first.rows[0]
    assert row.people_count == 0 and row.agents == ("Agent2",)


def test_today_shows_todays_entries_and_what_is_still_open(logbook, clock, people):
    agent = people["agent1"]
    old_open = logbook.create(agent, entry_data(clock.now() - timedelta(days=3))).entry
    old_closed = logbook.create(agent, entry_data(clock.now() - timedelta(days=3))).entry
    logbook.close(agent, old_closed.id)
    today = logbook.create(agent, entry_data(clock.now())).entry
    logbook.close(agent, today.id)
    assert {r.id for r in logbook.today(agent)} == {old_open.id, today.id}


def test_today_begins_at_midnight_on_the_night_the_clocks_go_back(paris, logbook, clock, people):
    agent = people["agent1"]
    clock.current = datetime(2026, 10, 24, 21, 50, tzinfo=UTC)  # 23:50 in Paris, summer time
    before = logbook.create(agent, entry_data(clock.now())).entry
    clock.current = datetime(2026, 10, 24, 22, 30, tzinfo=UTC)  # 00:30 on Sunday, still summer time
    after = logbook.create(agent, entry_data(clock.now())).entry
    for entry in (before, after):
        logbook.close(agent, entry.id)
    clock.current = datetime(2026, 10, 25, 9, 0, tzinfo=UTC)  # 10:00, winter time since 3:00
    assert [r.id for r in logbook.today(agent)] == [after.id]


def test_lists_are_not_journaled_but_opening_an_entry_is(gate, logbook, clock, people):
    entry = logbook.create(people["agent1"], entry_data(clock.now())).entry
    before = len(journal_details(gate))
    logbook.list_page(people["agent1"], ListFilter())
    logbook.count(people["agent1"], ListFilter())
    logbook.today(people["agent1"])
    assert len(journal_details(gate)) == before
    logbook.get(people["agent1"], entry.id)
    assert journal_tail(gate) == [("consult", "agent1", "logbook_entry", entry.id, "")]


# -- rights ---------------------------------------------------------------------------------------------


def test_the_mayor_has_no_access_and_each_refusal_is_journaled(gate, logbook, clock, people):
    entry = logbook.create(people["agent1"], entry_data(clock.now())).entry
    mayor = people["maire"]
    for call in (lambda: logbook.get(mayor, entry.id), lambda: logbook.list_page(mayor, ListFilter()),
                 lambda: logbook.create(mayor, entry_data(clock.now())), lambda: logbook.search(mayor, "musique")):
        with pytest.raises(AccessDenied):
            call()
        assert journal_tail(gate)[0][:2] == ("refused", "maire")
        assert journal_details(gate)[-1] in (("refused", "refused: read"), ("refused", "refused: write"))


def test_only_an_administrator_erases_with_a_reason_and_the_number_is_voided(gate, logbook, clock, people):
    entry = logbook.create(people["agent1"], entry_data(clock.now())).entry
    with pytest.raises(AccessDenied):
        logbook.erase(people["chef1"], entry.id, "Doublon")
    with pytest.raises(InvalidInput):
        logbook.erase(gate.admin, entry.id, "  ")
    logbook.erase(gate.admin, entry.id, "Saisie en double")
    with pytest.raises(EntryNotFound):
        logbook.get(gate.admin, entry.id)
    assert journal_tail(gate) == [("erase", "admin", "logbook_entry", entry.id, "Saisie en double")]
    # The number is never given again, and the ledger says why it is missing.
    assert logbook.create(people["agent1"], entry_data(clock.now())).entry.number == "2026/00002"
    from app.kernel import numbering
    with gate.services.station.uow() as uow:
        ledger = numbering.ledger(uow.session, "main_courante", 2026, {2})
    assert [v.number for v in ledger[0].voided] == ["2026/00001"] and ledger[0].unaccounted == ()


def test_a_legal_hold_stops_an_administrators_erasure(gate, logbook, clock, people):
    entry = logbook.create(people["agent1"], entry_data(clock.now())).entry
    gate.services.retention.place_hold(gate.admin, Compartment.MAIN_COURANTE, "logbook_entry", entry.id,
                                       "Réquisition du parquet", clock.now() + timedelta(days=90))
    with pytest.raises(OnLegalHold):
        logbook.erase(gate.admin, entry.id, "Erreur")
    assert logbook.get(gate.admin, entry.id).id == entry.id


# -- hooks ------------------------------------------------------------------------------------------------


def test_a_writing_is_linked_and_an_entry_made_from_a_request(logbook, clock, people):
    agent = people["agent1"]
    entry = logbook.create_from_request(agent, "0190aaaa-0000-7000-8000-000000000001", entry_data(clock.now())).entry
    assert entry.request_id == "0190aaaa-0000-7000-8000-000000000001"
    linked = logbook.link_writing(agent, entry.id, "0190bbbb-0000-7000-8000-000000000002", "2026/00007").entry
    linked = logbook.link_writing(agent, entry.id, "0190bbbb-0000-7000-8000-000000000003", "2026/00008").entry
    assert linked.document_number == "2026/00007, 2026/00008"
    assert linked.writing_id == "0190bbbb-0000-7000-8000-000000000003"
    assert logbook.history(agent, entry.id)[-1].change is Change.WRITING_LINKED
    # The form does not carry the link: saving it keeps the link and the request.
    kept = logbook.update(agent, entry.id, entry_data(clock.now(), subject="Autre"), expected_version=3).entry
    assert kept.document_number == "2026/00007, 2026/00008" and kept.request_id == entry.request_id


# -- drafts ------------------------------------------------------------------------------------------------


def test_a_draft_survives_a_crash_and_is_offered_at_the_next_login(gate, station_dir, deps, clock, people):
    agent = people["agent1"]
    payload = {"subject": "Chien errant \U0001F415", "facts": "En cours de saisie", "requested_at": "2026-11-22T08:00"}
    gate.services.logbook.save_draft(agent, "new", payload)
    gate.services.logbook.save_draft(agent, "new", {**payload, "facts": "En cours de saisie, suite"})
    # A power cut: the process goes, nobody closes anything.
    gate.services.station.engine.dispose()
    again = build_gate(station_dir, deps)
    actor = again.login("agent1", "a-long-password-1")
    try:
        drafts = again.services.logbook.drafts_for(actor)
        assert [(d.key, d.payload["facts"], d.payload["subject"]) for d in drafts] == [
            ("new", "En cours de saisie, suite", "Chien errant \U0001F415")]
        assert again.services.logbook.drafts_for(again.services.accounts.authenticate("admin", ADMIN_PASSWORD)) == []
        saved = again.services.logbook.create(actor, entry_data(clock.now()), draft_key="new")
        assert saved.entry.number == "2026/00001"
        assert again.services.logbook.drafts_for(actor) == []
    finally:
        again.close()


def test_old_drafts_are_dropped_after_30_days(logbook, clock, people):
    logbook.save_draft(people["agent1"], "new", {"subject": "x"})
    clock.advance(days=31)
    assert logbook.drafts_for(people["agent1"]) == []


def test_a_draft_that_is_not_json_is_refused(logbook, people):
    with pytest.raises(InvalidInput):
        logbook.save_draft(people["agent1"], "new", {"at": datetime(2026, 1, 1, tzinfo=UTC)})
