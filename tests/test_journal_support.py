"""What the journal tests share: entries written as services write them, and raw SQL to tamper with them.

This module holds no test; the journal tests import it.
"""

from __future__ import annotations

from datetime import timedelta


from app.audit.chain import entry_hash
from app.audit.journal import Actor
from app.audit.query import JournalFilter
from app.models import Operation, Role
from app.services.accounts import NewUser
from app.services.journal import JournalService
from tests.conftest import AGENT_PASSWORD

MOTIVE = "Contr\u00f4le interne \u2014 demande du maire"


def service(gate) -> JournalService:
    return JournalService(gate.services.station)


def write_entries(gate, clock, count: int, *, actor: Actor | None = None, step: timedelta = timedelta(minutes=5),
                  operation: Operation = Operation.CONSULT, compartment: str = "main_courante",
                  record_kind: str = "intervention", record_id: str = "", detail: str = "") -> list[int]:
    """*count* entries, one every *step* of the test clock; returns their sequence numbers."""
    station = gate.services.station
    actor = actor or gate.admin
    seqs = []
    with station.uow() as uow:
        for number in range(count):
            clock.advance(seconds=step.total_seconds())
            entry = station.journal.append(uow.session, operation, actor, compartment=compartment,
                                           record_kind=record_kind, record_id=record_id or f"record-{number:04d}",
                                           detail=detail)
            uow.session.flush()
            seqs.append(entry.seq)
        uow.commit()
    return seqs


def add_mayor(gate) -> Actor:
    gate.services.accounts.create_user(
        gate.admin, NewUser("hfontaine", "H\u00e9l\u00e8ne Fontaine", Role.MAIRE, AGENT_PASSWORD, "Maire"),
        must_change_password=False,
    )
    return gate.login("hfontaine", AGENT_PASSWORD)


def sql(gate, statement: str, **params) -> list:
    """Raw SQL on the station database, committed: what someone holding the key could do (they can
    drop the integrity triggers first, and do: tests/tamper.py)."""
    from tests.tamper import tamper

    return tamper(gate, statement, **params)


def row_fields(gate, seq: int) -> dict:
    from app.models import JournalEntry

    with gate.services.station.uow() as uow:
        entry = uow.session.get(JournalEntry, seq)
        return {column.name: getattr(entry, column.name) for column in JournalEntry.__table__.columns}


def rehash(fields: dict) -> str:
    return entry_hash(fields)


def last_seq(gate) -> int:
    return sql(gate, "SELECT max(seq) FROM journal")[0][0]


def everything() -> JournalFilter:
    return JournalFilter()
