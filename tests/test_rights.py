"""Rights per role and compartment, checked in the services; refusals journaled; the motive rule."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.errors import AccessDenied, InvalidInput
from app.models import JournalEntry, Role
from app.services.accounts import NewUser
from app.kernel.motives import MotiveRequired, checked_motive, compose
from app.kernel.rights import Access, Compartment


@pytest.fixture
def people(gate):
    accounts = gate.services.accounts
    made = {}
    for login, role in (("agent1", Role.AGENT), ("chef1", Role.CHEF_DE_POSTE), ("maire", Role.MAIRE)):
        accounts.create_user(gate.admin, NewUser(login, login.title(), role, "a-long-password-1"),
                             must_change_password=False)
        made[login] = accounts.authenticate(login, "a-long-password-1")
    return made


def last_entry(gate) -> tuple:
    with gate.services.station.uow() as uow:
        entry = uow.session.scalars(select(JournalEntry).order_by(JournalEntry.seq.desc())).first()
        return entry.operation, entry.login, entry.compartment, entry.detail


def test_default_profiles(gate, people):
    rights = gate.services.station.rights
    assert rights.can(people["agent1"], Compartment.MAIN_COURANTE, Access.WRITE)
    assert not rights.can(people["agent1"], Compartment.MAIN_COURANTE, Access.EXPORT)
    assert not rights.can(people["agent1"], Compartment.JOURNAL, Access.READ)
    assert rights.can(people["chef1"], Compartment.JOURNAL, Access.EXPORT)
    assert rights.can(people["chef1"], Compartment.ECRITS, Access.ADMINISTER)
    # The mayor, data controller: the journal, read and export, nothing else.
    mayor = people["maire"]
    granted = {(c, a) for c in Compartment for a in Access if rights.can(mayor, c, a)}
    assert granted == {(Compartment.JOURNAL, Access.READ), (Compartment.JOURNAL, Access.EXPORT)}


def test_a_refusal_names_the_compartment_and_is_journaled(gate, people):
    rights = gate.services.station.rights
    with pytest.raises(AccessDenied) as refused:
        rights.require_compartment(people["agent1"], Compartment.JOURNAL, Access.READ)
    assert refused.value.params["what"] == "access journal"
    assert last_entry(gate) == ("refused", "agent1", "journal", "refused: read")


def test_only_administrators_administer_and_refusals_are_journaled(gate, people):
    with pytest.raises(AccessDenied):
        gate.services.accounts.list_users(people["chef1"])
    assert last_entry(gate) == ("refused", "chef1", "administration", "refused: administer_users")
    with pytest.raises(AccessDenied):
        gate.services.station.rights.matrix(people["maire"])


def test_the_administrator_edits_the_matrix_and_each_change_is_journaled(gate, people):
    rights = gate.services.station.rights
    matrix = dict(rights.matrix(gate.admin))
    key = (Role.AGENT, Compartment.MAIN_COURANTE)
    matrix[key] = matrix[key] | {Access.EXPORT}
    rights.set_matrix(gate.admin, matrix)
    assert rights.can(people["agent1"], Compartment.MAIN_COURANTE, Access.EXPORT)
    assert last_entry(gate) == ("administer", "admin", "administration", "granted agent main_courante export")
    matrix[key] = frozenset()
    rights.set_matrix(gate.admin, matrix)
    assert not rights.can(people["agent1"], Compartment.MAIN_COURANTE, Access.READ)


def test_settings_changes_need_the_administrator(gate, people):
    with pytest.raises(AccessDenied):
        gate.services.settings.change(people["chef1"], {"lockout_threshold": 3})
    assert gate.services.settings.get("lockout_threshold") == 5


def test_the_motive_rule_follows_the_station_setting(gate):
    station = gate.services.station
    with station.uow() as uow:
        with pytest.raises(MotiveRequired):
            checked_motive(uow.session, "export", "  ")
        assert checked_motive(uow.session, "export", " Réquisition judiciaire ") == "Réquisition judiciaire"
    gate.services.settings.change(gate.admin, {"motive_required_for": ["search_person", "print"]})
    with station.uow() as uow:
        assert checked_motive(uow.session, "export", "") == ""
        with pytest.raises(MotiveRequired):
            checked_motive(uow.session, "search_person", "")


def test_motive_lists_are_checked(gate):
    with pytest.raises(InvalidInput):
        gate.services.settings.change(gate.admin, {"motive_required_for": ["dance"]})
    values = gate.services.settings.change(gate.admin, {"motives": ["Contrôle interne", " ", "Contrôle interne"]})
    assert values["motives"] == ["Contrôle interne"]


def test_a_motive_is_the_reason_then_the_details():
    assert compose("Réquisition judiciaire", "PV 2026/00042") == "Réquisition judiciaire \u2014 PV 2026/00042"
    assert compose("", "à la demande du maire") == "à la demande du maire"


def test_a_disabled_account_loses_its_rights_even_with_its_window_open(gate, people):
    chef = people["chef1"]
    rights = gate.services.station.rights
    assert rights.can(chef, Compartment.JOURNAL, Access.READ)
    gate.services.accounts.disable_user(gate.admin, "chef1")
    with pytest.raises(AccessDenied):
        rights.require_compartment(chef, Compartment.JOURNAL, Access.READ)


def test_a_role_changed_meanwhile_is_the_one_checked(gate, people):
    from app.models import User

    station = gate.services.station
    with station.uow() as uow:
        uow.session.get(User, people["agent1"].user_id).role = Role.CHEF_DE_POSTE
        uow.commit()
    assert station.rights.can(people["agent1"], Compartment.JOURNAL, Access.READ)


def test_rekey_is_refused_to_anyone_but_an_administrator(gate, people):
    with pytest.raises(AccessDenied):
        gate.services.station.rekey(people["chef1"])
    assert last_entry(gate)[0] == "refused"


def test_the_one_statement_check_agrees_with_the_matrix_for_every_role_and_right(gate):
    from app.kernel.rights import Access, Compartment, current, granted, holds
    from tests.conftest import AGENT_PASSWORD, add_agent

    add_agent(gate)
    agent = gate.login("lpetit", AGENT_PASSWORD)

    def agree() -> int:
        held = 0
        with gate.services.station.read() as uow:
            for actor in (gate.admin, agent):
                for compartment in Compartment:
                    for access in Access:
                        expected = granted(uow.session, current(uow.session, actor), compartment, access)
                        assert holds(uow.session, actor, compartment, access) == expected
                        held += expected
        return held

    assert agree() > 0
    gate.services.accounts.disable_user(gate.admin, "lpetit")
    with gate.services.station.read() as uow:
        assert not any(holds(uow.session, agent, c, a) for c in Compartment for a in Access)
    agree()


def test_the_role_read_in_one_statement_is_the_one_the_station_holds_now(gate):
    from app.kernel.rights import NOBODY, current, role_now
    from tests.conftest import AGENT_PASSWORD, add_agent

    add_agent(gate)
    agent = gate.login("lpetit", AGENT_PASSWORD)
    with gate.services.station.read() as uow:
        assert role_now(uow.session, agent) == current(uow.session, agent).role == "agent"
    gate.services.accounts.disable_user(gate.admin, "lpetit")
    with gate.services.station.read() as uow:
        assert role_now(uow.session, agent) == current(uow.session, agent).role == NOBODY
