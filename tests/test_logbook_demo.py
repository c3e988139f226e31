"""The demo's main courante: realistic fictional entries written in bulk, consistent with what the service writes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from app.demo import fill_logbook, make_demo_station
from app.demo_logbook import MARKET_DAY, SCHOOL_BELLS, WHEN
from app.bootstrap import build_gate
from app.logbook.types import ListFilter
from app.store.layout import StationPaths
from tests.test_cli import assert_ok, vigie


def scalar(gate, sql: str):
    with gate.services.station.uow() as uow:
        return uow.session.execute(text(sql)).scalar()


def test_the_demo_fills_a_consistent_main_courante(tmp_path):
    folder = tmp_path / "demo"
    gate, accounts = make_demo_station(folder, entries=1200)
    try:
        agent = gate.services.accounts.authenticate("lpetit", "demo-agent-Montclair")
        logbook = gate.services.logbook
        assert logbook.count(agent, ListFilter()) == 1201  # and the night call a PV is written from
        assert scalar(gate, "SELECT count(DISTINCT number) FROM logbook_entries") == 1201
        assert scalar(gate, "SELECT count(*) FROM logbook_search") == 1201
        assert scalar(gate, "SELECT count(*) FROM logbook_entries WHERE ended_at < started_at") == 0
        assert scalar(gate, "SELECT count(*) FROM logbook_attachments") == 6
        assert scalar(gate, "SELECT count(*) FROM journal WHERE detail = 'demo fill: 1200 entries'") == 1
        # One fill entry, not one per entry (the other creation is the night call the PV comes from).
        assert scalar(gate, "SELECT count(*) FROM journal WHERE operation = 'create' "
                            "AND record_kind = 'logbook_entry'") == 2
        # What the bulk writer wrote reads and searches as the service's own entries.
        first = logbook.list_page(agent, ListFilter(), limit=5).rows
        detail = logbook.get(agent, first[0].id)
        assert detail.agents and detail.number == first[0].number
        assert logbook.search(agent, "eglise").rows
        assert logbook.search(agent, "martin", motive="Contr\u00f4le interne", people=True).rows
        assert logbook.create(agent, logbook_entry(detail)).entry.number not in {r.number for r in first}
    finally:
        gate.close()
    # Reopened, retention keeps every entry: the demo's are all within the three years.
    again = build_gate(folder, gate.deps)
    admin = again.login("admin", "demo-admin-Montclair")
    try:
        assert again.services.logbook.count(admin) == 1202
    finally:
        again.close()


def logbook_entry(detail):
    from app.logbook.types import EntryData

    return EntryData(requested_at=detail.requested_at, channel=detail.channel, nature_code=detail.nature_code,
                     subject="Nouvelle entr\u00e9e")


def test_vigie_demo_takes_a_number_of_entries(tmp_path):
    assert_ok(vigie("demo", "--data-dir", str(tmp_path / "demo"), "--entries", "40"))
    result = vigie("demo", "--data-dir", str(tmp_path / "other"), "--entries", "-3")
    assert result.returncode != 0 and "--entries" in result.stderr


@pytest.mark.parametrize("hour, minute", [(0, 10), (7, 20), (23, 55)])
def test_the_demo_made_at_any_hour_shows_calls_still_being_handled_today(gate, clock, hour, minute):
    """Made at 7:20 in the morning, the demo once showed an empty Today list: its calls had all come
    earlier, and were closed. Whenever it is made, its last two calls came within the hour and are open."""
    clock.current = datetime(2026, 12, 2, hour, minute).astimezone()
    fill_logbook(gate.opened().station, gate.admin, 300)
    today = gate.opened().logbook.today(gate.admin)
    recent = [row for row in today if clock.current - row.requested_at < timedelta(hours=1)]
    assert len(recent) >= 2 and {row.status for row in recent} == {"open"}
    assert all(row.requested_at <= clock.current for row in today)
    # Calls that come at any hour (a patrol, a dispute), not a school exit nor noise at 7:20 in the morning.
    assert not {row.nature_code for row in recent} & set(WHEN)


def test_the_calls_keep_their_hour_on_the_wall_clock_across_the_change_to_summer_time(paris, gate, clock):
    clock.current = datetime(2026, 4, 2, 16, 0, tzinfo=UTC)  # a week after the change: 18:00 in Paris
    fill_logbook(gate.opened().station, gate.admin, 300)
    with gate.opened().station.read() as uow:
        rows = uow.session.execute(text("SELECT nature_code, requested_at FROM logbook_entries")).all()
    local = [(code, datetime.fromisoformat(str(at)).replace(tzinfo=UTC).astimezone()) for code, at in rows]
    markets = [at for code, at in local if code == "marche"]
    assert any(at.utcoffset() == timedelta(hours=1) for at in markets)  # some before the change
    assert all(at.weekday() == MARKET_DAY and 7 <= at.hour <= 12 for at in markets)
    schools = [at for code, at in local if code == "sortie_ecoles"]
    assert schools and all(any((hour, first) <= (at.hour, at.minute) < (hour, first + 20)
                               for hour, first in SCHOOL_BELLS) for at in schools)
