"""A station offline for 30 days, its clock moved on, with its changes waiting in the outbox: one sync
sends them all, the other station holds each once. bench/sync.py (sync.offline_10k) runs the same at
10,000 entries; here it is smaller, to keep the suite's time."""

from __future__ import annotations

from sqlalchemy import func, select

from app.kernel.rights import Access
from app.models import LogbookAgent, LogbookEntry, LogbookPerson, OutboxChange
from tests.sync.conftest import sync_of

COUNT = 200


def write_offline(gate, count: int) -> int:
    """*count* main courante entries written by the demo's bulk writer, then each queued in the sync
    outbox with its agents and people by the kernel, as a save queues them. Returns the rows queued."""
    from app.demo_logbook import fill_logbook

    kernel = gate.opened().kernel
    with kernel.station.read() as uow:
        known = set(uow.session.scalars(select(LogbookEntry.id)))
    fill_logbook(kernel.station, gate.admin, count)
    with kernel.work(gate.admin, "main_courante", Access.WRITE) as work:
        session = work.session
        entries = [e for e in session.scalars(select(LogbookEntry)) if e.id not in known]
        ids = [entry.id for entry in entries]
        agents = list(session.scalars(select(LogbookAgent).where(LogbookAgent.entry_id.in_(ids))))
        people = list(session.scalars(select(LogbookPerson).where(LogbookPerson.entry_id.in_(ids))))
        work.queue(*entries, *agents, *people)
        work.commit()
    return len(entries) + len(agents) + len(people)


def logbook_of(gate) -> tuple[dict[str, tuple[str, str]], int, int]:
    """The entries (id: number, subject) and the counts of agent and person rows."""
    with gate.opened().station.read() as uow:
        session = uow.session
        entries = {e.id: (e.number, e.subject) for e in session.scalars(select(LogbookEntry))}
        agents = session.scalar(select(func.count()).select_from(LogbookAgent))
        people = session.scalar(select(func.count()).select_from(LogbookPerson))
    return entries, int(agents or 0), int(people or 0)


def waiting(gate) -> int:
    with gate.opened().station.read() as uow:
        return int(uow.session.scalar(select(func.count()).select_from(OutboxChange)
                                      .where(OutboxChange.pushed_at.is_(None))) or 0)


def test_a_station_offline_for_30_days_sends_everything_once(pair, clock):
    a, b = pair
    clock.advance(days=30)
    before = waiting(a)  # what creating the station queued, never sent yet either
    queued = write_offline(a, COUNT)
    assert waiting(a) == before + queued and queued > COUNT
    report = sync_of(a).sync(a.admin)
    assert report.pushed == before + queued and waiting(a) == 0
    pulled = sync_of(b).sync(b.admin)
    assert pulled.pulled.kinds["logbook_entry"] == COUNT
    entries, agents, people = logbook_of(b)
    assert logbook_of(a) == (entries, agents, people) and len(entries) == COUNT
    assert len({number for number, _subject in entries.values()}) == COUNT  # each number once
    assert agents + people + COUNT == queued
    assert stored_times(b) == stored_times(a)  # as SQLite holds them, which its date filters compare
    assert sync_of(a).status().clock_off  # said in its status bar, and it synced all the same
    for gate in (a, b):  # nothing sent twice, nothing left to send
        again = sync_of(gate).sync(gate.admin)
        assert not again.moved and not again.pulled.kinds.get("logbook_entry")
    assert logbook_of(b) == (entries, agents, people)


def test_entries_received_are_found_by_their_words_and_people_also_when_a_person_is_added_later(pair, clock):
    """A received page indexes each entry once, with every person the page brought, and an entry whose
    person arrives in a later page is indexed again: the other station finds them as the first does."""
    from app.logbook.types import PersonData

    a, b = pair
    write_offline(a, 20)
    sync_of(a).sync(a.admin)
    sync_of(b).sync(b.admin)
    with b.opened().station.read() as uow:
        person = uow.session.scalars(select(LogbookPerson).order_by(LogbookPerson.id)).first()
        entry = uow.session.get(LogbookEntry, person.entry_id)
        entry_id, subject_word, last_name = entry.id, entry.subject.split()[0], person.last_name
    found = b.opened().logbook.search(b.admin, last_name, motive="Enquête", people=True).rows
    assert entry_id in {row.id for row in found}
    assert entry_id in {row.id for row in b.opened().logbook.search(b.admin, subject_word).rows}
    # A person added on the first station to an entry the other already holds.
    a.opened().logbook.add_person(a.admin, entry_id, PersonData("witness", "Quintaval", "Hermeline"))
    sync_of(a).sync(a.admin)
    sync_of(b).sync(b.admin)
    assert [row.id for row in b.opened().logbook.search(b.admin, "Quintaval", motive="Enquête", people=True).rows] \
        == [entry_id]
    assert entry_id in {row.id for row in b.opened().logbook.search(b.admin, last_name, motive="Enquête",
                                                                     people=True).rows}


def stored_times(gate) -> list[tuple[str, str, str]]:
    from sqlalchemy import text

    with gate.opened().station.read() as uow:
        return [tuple(row) for row in uow.session.execute(text(
            "SELECT e.requested_at, e.created_at, p.created_at FROM logbook_entries e "
            "JOIN logbook_people p ON p.entry_id = e.id ORDER BY e.id, p.id"))]
