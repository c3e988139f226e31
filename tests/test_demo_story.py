"""The demo tells a story an OPJ can read: every date in order, nothing in the future, titles that
match their facts, and a small town's week (night calls, Thursday's market, school exits)."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime

from sqlalchemy import text

from app.demo_logbook import MARKET_DAY, SCHOOL_BELLS, SCHOOL_DAYS


def rows(gate, sql: str) -> list:
    with gate.services.station.read() as uow:
        return list(uow.session.execute(text(sql)).all())


def utc(value) -> datetime:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def folded(value: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", value.casefold()) if unicodedata.category(c) != "Mn")


def test_the_documents_dates_follow_each_other_and_none_is_in_the_future(demo_station):
    gate, _accounts = demo_station
    now = datetime.now(UTC)
    writings = {row.id: row for row in rows(gate, "SELECT * FROM writings")}
    assert len(writings) >= 6
    for w in writings.values():
        created, occurred = utc(w.created_at), utc(w.occurred_at)
        assert occurred <= created <= now, w.number  # the facts, then the draft
        if w.signed_at is not None:
            assert created <= utc(w.signed_at) <= now, w.number
        if w.handed_over_at is not None:
            assert occurred <= utc(w.handed_over_at) <= utc(w.signed_at), w.number
    sent: dict[str, list[datetime]] = {}
    for t in rows(gate, "SELECT * FROM writing_transmissions"):
        signed = utc(writings[t.writing_id].signed_at)
        assert signed <= utc(t.sent_at) <= utc(t.recorded_at) <= now, writings[t.writing_id].number
        sent.setdefault(t.writing_id, []).append(utc(t.sent_at))
    outcomes = rows(gate, "SELECT * FROM writing_outcomes")
    assert {o.kind for o in outcomes} >= {"conviction", "dismissal"}
    for o in outcomes:
        decided = datetime.fromisoformat(str(o.decided_on)).date()
        assert o.writing_id in sent, "a court decided on a document never sent"
        assert max(sent[o.writing_id]).astimezone().date() <= decided <= utc(o.recorded_at).astimezone().date()
        assert decided <= now.astimezone().date()
    for a in rows(gate, "SELECT * FROM writing_addenda"):
        assert utc(writings[a.writing_id].signed_at) <= utc(a.signed_at) <= now


def test_each_title_matches_its_facts(demo_station):
    gate, _accounts = demo_station
    for w in rows(gate, "SELECT number, subject, facts FROM writings WHERE personal_data_erased_at IS NULL"):
        words = [word for word in folded(w.subject).replace("\u2019", " ").split() if len(word) >= 5]
        assert any(word in folded(w.facts) for word in words), (w.number, w.subject)
    for e in rows(gate, "SELECT number, subject, facts FROM logbook_entries WHERE facts != ''"):
        words = [word for word in folded(e.subject).replace("\u2019", " ").split() if len(word) >= 5]
        assert not words or any(word in folded(e.facts) for word in words), (e.number, e.subject)


def test_the_main_courante_keeps_time_and_a_small_towns_rhythm(demo_station):
    gate, _accounts = demo_station
    now = datetime.now(UTC)
    entries = rows(gate, "SELECT number, year, serial, requested_at, started_at, ended_at, created_at, nature_code "
                         "FROM logbook_entries ORDER BY year, serial")
    assert len(entries) > 300
    previous = None
    for e in entries:
        requested = utc(e.requested_at)
        assert requested <= utc(e.created_at) <= now, e.number
        if e.started_at is not None:
            assert requested <= utc(e.started_at) <= now, e.number
        if e.ended_at is not None:
            assert utc(e.started_at) <= utc(e.ended_at) <= now, e.number
        if previous is not None and previous.year == e.year:
            assert utc(previous.requested_at) <= requested, (previous.number, e.number)  # numbers in order
        previous = e
    local = [(e.nature_code, utc(e.requested_at).astimezone()) for e in entries]
    schools = [at for code, at in local if code == "sortie_ecoles"]
    assert schools and all(at.weekday() in SCHOOL_DAYS and any(
        (hour, first) <= (at.hour, at.minute) < (hour, first + 20) for hour, first in SCHOOL_BELLS) for at in schools)
    markets = [at for code, at in local if code == "marche"]
    assert markets and all(at.weekday() == MARKET_DAY and 7 <= at.hour <= 12 for at in markets)
    noise = [at for code, at in local if code == "tapage"]
    assert noise and all(at.hour >= 20 or at.hour <= 3 for at in noise)


def test_the_journal_keeps_the_order_of_time(demo_station):
    gate, _accounts = demo_station
    times = [utc(row.at) for row in rows(gate, "SELECT at FROM journal ORDER BY seq")]
    assert times == sorted(times) and times[-1] <= datetime.now(UTC)
    kinds = {row.operation for row in rows(gate, "SELECT operation FROM journal")}
    assert "clock" not in kinds  # the station's clock never went back while the demo wrote its past
