"""Retention: the purge at opening, legal holds, and erasing a case's personal data."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.errors import AccessDenied, InvalidInput, NotFound
from app.models import JournalEntry, Role
from app.services.accounts import NewUser
from app.bootstrap import build_gate
from app.kernel.rights import Compartment
from app.store.layout import StationPaths
from tests.conftest import ADMIN_PASSWORD


def operations(gate) -> list[tuple[str, str, str]]:
    with gate.services.station.uow() as uow:
        rows = uow.session.scalars(select(JournalEntry).order_by(JournalEntry.seq)).all()
        return [(e.operation, e.record_kind, e.detail) for e in rows]


def test_opening_the_station_runs_the_purge_and_journals_counts_per_compartment(gate, station_dir, deps):
    gate.close()
    again = build_gate(station_dir, deps)
    again.login("admin", ADMIN_PASSWORD)
    purges = [op for op in operations(again) if op[0] == "purge" and op[1] == "retention"]
    assert purges == [
        ("purge", "retention", "records erased: main_courante=0, ecrits=0, registres=0, demandes=0"),
    ]
    again.close()


def test_a_legal_hold_has_a_reason_an_author_and_an_end(gate, clock):
    retention = gate.services.retention
    until = clock.now() + timedelta(days=400)
    hold = retention.place_hold(gate.admin, Compartment.MAIN_COURANTE, "logbook_entry", "record-1",
                                "Instruction judiciaire en cours", until)
    assert (hold.reason, hold.placed_by, hold.until) == ("Instruction judiciaire en cours", gate.admin.user_id, until)
    assert retention.is_held("logbook_entry", "record-1")
    assert operations(gate)[-1] == ("administer", "logbook_entry", f"legal hold until {until.date().isoformat()}")
    clock.advance(days=401)
    assert not retention.is_held("logbook_entry", "record-1")


def test_a_released_hold_no_longer_keeps_the_record(gate, clock):
    retention = gate.services.retention
    hold = retention.place_hold(gate.admin, Compartment.ECRITS, "document", "record-2", "Appel en cours",
                                clock.now() + timedelta(days=30))
    retention.release_hold(gate.admin, hold.id, "Décision définitive")
    assert not retention.is_held("document", "record-2")
    assert retention.holds(gate.admin, Compartment.ECRITS)[0].released_at == clock.now()


def test_a_hold_needs_a_reason_a_future_end_and_the_right(gate, clock):
    retention = gate.services.retention
    with pytest.raises(InvalidInput):
        retention.place_hold(gate.admin, Compartment.MAIN_COURANTE, "logbook_entry", "r", "  ",
                             clock.now() + timedelta(days=1))
    with pytest.raises(InvalidInput):
        retention.place_hold(gate.admin, Compartment.MAIN_COURANTE, "logbook_entry", "r", "Enquête",
                             clock.now() - timedelta(days=1))
    accounts = gate.services.accounts
    accounts.create_user(gate.admin, NewUser("agent1", "Agent Un", Role.AGENT, "a-long-password-1"),
                         must_change_password=False)
    agent = accounts.authenticate("agent1", "a-long-password-1")
    with pytest.raises(AccessDenied):
        retention.place_hold(agent, Compartment.MAIN_COURANTE, "logbook_entry", "r", "Enquête",
                             clock.now() + timedelta(days=1))
    assert operations(gate)[-1][0] == "refused"
    hold = retention.place_hold(gate.admin, Compartment.MAIN_COURANTE, "logbook_entry", "r", "Enquête",
                                clock.now() + timedelta(days=1))
    # Refused without holding the station's write lock: the refusal is journaled, the hold stays.
    with pytest.raises(AccessDenied):
        retention.release_hold(agent, hold.id, "Fin de l'enquête")
    assert operations(gate)[-1][0] == "refused"
    assert retention.is_held("logbook_entry", "r")


def test_erasing_a_case_of_an_unknown_kind_is_refused(gate):
    with pytest.raises(NotFound):
        gate.services.retention.erase_case_personal_data(gate.admin, "no_such_kind", "r", "Non-lieu")
