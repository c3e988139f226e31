"""Full-text search of the main courante: accents, the people column and its motive, odd input, erasure."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.logbook.types import PersonData
from app.kernel.motives import MotiveRequired
from tests.logbook_helpers import entry_data, journal_tail


@pytest.fixture
def logbook(gate):
    return gate.services.logbook


@pytest.fixture
def entries(gate, logbook, clock):
    admin = gate.admin
    made = {
        "eglise": logbook.create(admin, entry_data(clock.now(), subject="D\u00e9gradation du portail",
                                                   address="Place de l\u2019\u00c9glise", facts="Tags sur le C\u0152UR"),
                                 [PersonData("suspect", "Lef\u00e8vre", "Ren\u00e9")]).entry,
        "chien": logbook.create(admin, entry_data(clock.now(), nature_code="animal_errant", subject="Chien errant",
                                                  address="Chemin des Vignes", facts="Labrador sans collier")).entry,
        "bruit": logbook.create(admin, entry_data(clock.now(), subject="Musique", address="Rue Haute",
                                                  facts="Appel de Mme Lef\u00e8vre voisine")).entry,
    }
    return made


def ids(page) -> set[str]:
    return {row.id for row in page.rows}


def test_search_ignores_accents_and_case_and_finds_word_starts(gate, logbook, entries):
    assert ids(logbook.search(gate.admin, "eglise")) == {entries["eglise"].id}
    assert ids(logbook.search(gate.admin, "\u00c9GLISE d\u00e9grad")) == {entries["eglise"].id}
    assert ids(logbook.search(gate.admin, "coeur")) == {entries["eglise"].id}
    assert ids(logbook.search(gate.admin, "errant")) == {entries["chien"].id}  # by nature label too
    assert ids(logbook.search(gate.admin, "labra")) == {entries["chien"].id}


def test_a_person_is_found_only_by_a_person_search_which_needs_a_motive(gate, logbook, entries):
    # The plain search never looks at people: "René" is nowhere else.
    assert ids(logbook.search(gate.admin, "rene")) == set()
    with pytest.raises(MotiveRequired):
        logbook.search(gate.admin, "lefevre", people=True)
    with pytest.raises(MotiveRequired):
        logbook.search(gate.admin, "lefevre", motive="   ", people=True)
    found = logbook.search(gate.admin, "lef\u00e8vre", motive="R\u00e9quisition judiciaire", people=True)
    assert ids(found) == {entries["eglise"].id}  # not the entry that names her in its text
    assert journal_tail(gate) == [("search", "admin", "logbook_entry", "", "R\u00e9quisition judiciaire")]


def test_the_motive_rule_follows_the_stations_setting(gate, logbook, entries):
    gate.services.settings.change(gate.admin, {"motive_required_for": ["print", "export"]})
    assert ids(logbook.search(gate.admin, "lefevre", people=True)) == {entries["eglise"].id}


def test_a_search_is_journaled_once_without_what_was_typed(gate, logbook, entries, clock):
    for n in range(5):
        logbook.create(gate.admin, entry_data(clock.now() + timedelta(minutes=n), subject=f"Musique {n}"))
    first = logbook.search(gate.admin, "musique", limit=4)
    assert len(first.rows) == 4 and first.next is not None
    rest = logbook.search(gate.admin, "musique", after=first.next, limit=4)
    assert len(rest.rows) == 2 and rest.next is None
    assert ids(first) | ids(rest) >= {entries["bruit"].id}
    searches = [e for e in journal_tail(gate, 3) if e[0] == "search"]
    assert len(searches) == 1


@pytest.mark.parametrize("typed", ['"', "AND", "NEAR(x y)", "*", "rue OR", "col:eglise", "   ", "^", "'"])
def test_what_a_user_types_never_breaks_the_query(gate, logbook, entries, typed):
    logbook.search(gate.admin, typed)


def test_a_number_typed_whole_finds_its_entry(gate, logbook, entries):
    assert ids(logbook.search(gate.admin, "2026/00002")) == {entries["chien"].id}
    assert ids(logbook.search(gate.admin, " 2026 / 2 ")) == {entries["chien"].id}


def test_an_edited_or_erased_entry_leaves_the_index(gate, logbook, entries, clock):
    chien = entries["chien"]
    logbook.update(gate.admin, chien.id, entry_data(clock.now(), nature_code="animal_errant", subject="Chat perdu",
                                                    address="Chemin des Vignes"), expected_version=1)
    assert ids(logbook.search(gate.admin, "labrador")) == set()
    assert ids(logbook.search(gate.admin, "chat")) == {chien.id}
    logbook.erase(gate.admin, chien.id, "Erreur de saisie")
    assert ids(logbook.search(gate.admin, "chat")) == set()
    with gate.services.station.uow() as uow:
        from sqlalchemy import text
        assert uow.session.execute(text("SELECT count(*) FROM logbook_search")).scalar() == 2


def test_the_index_holds_only_main_courante_entries(gate, logbook, entries):
    """No query crosses compartments: the index's rows are exactly this compartment's entries."""
    from sqlalchemy import text

    with gate.services.station.uow() as uow:
        indexed = set(uow.session.execute(text("SELECT rowid FROM logbook_search")).scalars())
        rows = set(uow.session.execute(text("SELECT search_rowid FROM logbook_entries")).scalars())
    assert indexed == rows
