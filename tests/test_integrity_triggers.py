"""The database's own locks (migration 0009): the audit's attacks, typed as raw SQL with the station's key.

Each attack is refused by a trigger; the paths Vigie takes (the journal's purge, a court outcome's
erasure, retention) still go through.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy.exc import IntegrityError

from app.audit import verify
from app.models.writings import OutcomeKind, RecipientKind
from app.writings.store import ContentMismatch, ErasureNotOrdered
from app.writings.types import OutcomeData, TransmissionData
from tests.conftest import ADMIN_PASSWORD, journal_entries
from tests.test_journal_support import service, write_entries
from tests.tamper import tamper
from tests.test_writings import SENT, scalar, signed_pv

ERASED_AT = "2027-01-15 10:00:00.000000"


def attack(gate, *statements: str) -> None:
    """Statements typed into the database by someone holding its key, committed together."""
    with gate.services.station.engine.begin() as conn:
        for statement in statements:
            conn.exec_driver_sql(statement)


def refused(gate, match: str, *statements: str) -> None:
    with pytest.raises(IntegrityError, match=match):
        attack(gate, *statements)


def seqs(gate) -> list[int]:
    return [e.seq for e in journal_entries(gate)]


def verifies(gate) -> bool:
    return verify.verify_station(gate.services.station.engine, gate.services.station.id).ok


# -- the journal --------------------------------------------------------------------------------------------


def test_no_journal_entry_is_updated(gate, clock):
    write_entries(gate, clock, 5)
    refused(gate, "journal is append-only", "UPDATE journal SET detail = 'effacé' WHERE seq = 4")
    refused(gate, "journal is append-only", "UPDATE journal SET seq = seq + 100 WHERE seq > 4")
    assert verifies(gate)


def test_neither_the_newest_entries_nor_a_middle_one_can_be_deleted(gate, clock):
    write_entries(gate, clock, 8)
    before = seqs(gate)
    last = before[-1]
    refused(gate, "only through a purge", f"DELETE FROM journal WHERE seq > {last - 3}")
    refused(gate, "only through a purge", f"DELETE FROM journal WHERE seq = {last - 4}")
    refused(gate, "only through a purge", "DELETE FROM journal WHERE seq <= 2")
    refused(gate, "only through a purge", "DELETE FROM journal")
    assert seqs(gate) == before and verifies(gate)


def _checkpoint_of(gate, seq: int, cutoff: str, purged_at: str, count: int) -> str:
    return ("INSERT INTO journal_checkpoint (seq, hash, entry_at, purged_at, purged_count, cutoff) "
            f"SELECT seq, hash, at, '{purged_at}', {count}, '{cutoff}' FROM journal WHERE seq = {seq}")


def test_a_checkpoint_is_accepted_only_as_a_purge_writes_it(gate, clock):
    write_entries(gate, clock, 8)
    last = seqs(gate)[-1]
    future = "2999-01-01 00:00:00.000000"
    # A checkpoint that does not hold its entry's hash, or counts what it does not cover, is refused.
    refused(gate, "written only by a purge",
            "INSERT INTO journal_checkpoint (seq, hash, entry_at, purged_at, purged_count, cutoff) "
            f"VALUES ({last}, '{'1' * 64}', '2026-11-22 08:00:00.000000', '{future}', {last}, '{future}')")
    refused(gate, "written only by a purge", _checkpoint_of(gate, last, future, future, 3))
    # Its entry newer than the cutoff it claims: refused.
    refused(gate, "written only by a purge", _checkpoint_of(gate, last, "2000-01-01 00:00:00.000000", future, last))
    assert scalar(gate, "SELECT count(*) FROM journal_checkpoint") == 0


def _accepted(gate, statement: str) -> bool:
    """Whether the database takes *statement*; rolled back either way."""
    with gate.services.station.engine.connect() as conn:
        transaction = conn.begin()
        try:
            conn.exec_driver_sql(statement)
            return True
        except IntegrityError:
            return False
        finally:
            transaction.rollback()


def test_a_checkpoint_counts_exactly_what_it_purges_near_either_end_of_the_journal(gate, clock):
    # The trigger counts from whichever end of the journal is nearer the checkpoint (migration 0015):
    # a batch's checkpoint near the oldest entries, a backlog's near the newest.
    write_entries(gate, clock, 12)
    entries = seqs(gate)
    future = "2999-01-01 00:00:00.000000"
    for seq in (entries[1], entries[-2]):
        exact = sum(1 for entry in entries if entry <= seq)
        taken = [_accepted(gate, _checkpoint_of(gate, seq, future, future, count))
                 for count in (exact - 1, exact, exact + 1)]
        assert taken == [False, True, False], seq
    assert scalar(gate, "SELECT count(*) FROM journal_checkpoint") == 0


def test_a_purge_goes_through_and_its_checkpoint_never_moves(gate, clock):
    write_entries(gate, clock, 30, step=timedelta(hours=2))
    clock.advance(days=80)
    write_entries(gate, clock, 5)
    result = service(gate).purge_expired()
    assert result.purged > 0 and verifies(gate)
    first = seqs(gate)[0]
    refused(gate, "never moves", f"UPDATE journal_checkpoint SET seq = {first + 2}")
    refused(gate, "never moves", "UPDATE journal_checkpoint SET cutoff = '2999-01-01 00:00:00.000000'")
    refused(gate, "only through a purge", f"DELETE FROM journal WHERE seq <= {first}")
    # With the checkpoint the chain begins from taken away, no new one can be planted behind it.
    attack(gate, "DELETE FROM journal_checkpoint")
    refused(gate, "written only by a purge",
            _checkpoint_of(gate, first + 1, "2999-01-01 00:00:00.000000", "2999-01-01 00:00:00.000000", 2))


# -- signed documents ---------------------------------------------------------------------------------------


def test_the_facts_of_a_signed_pv_cannot_be_forged_with_or_without_the_erasure_mark(gate):
    signed = signed_pv(gate)
    refused(gate, "signed document is locked", f"UPDATE writings SET facts = 'faux' WHERE id = '{signed.id}'")
    refused(gate, "signed document is locked|erased only by a court outcome",
            f"UPDATE writings SET facts = 'faux', personal_data_erased_at = '{ERASED_AT}' WHERE id = '{signed.id}'")
    # Even an emptying needs the erasure recorded.
    refused(gate, "erased only by a court outcome",
            f"UPDATE writings SET facts = '', personal_data_erased_at = '{ERASED_AT}' WHERE id = '{signed.id}'")
    assert gate.services.writings.verify_content(gate.admin, signed.id)


def test_an_erasure_is_never_undone_and_leaves_nothing_to_forge(gate):
    writings = gate.services.writings
    signed = signed_pv(gate)
    writings.record_outcome(gate.admin, signed.id, OutcomeData(OutcomeKind.ACQUITTAL, date(2027, 1, 15)))
    refused(gate, "never undone", f"UPDATE writings SET personal_data_erased_at = NULL WHERE id = '{signed.id}'")
    refused(gate, "never undone",
            f"UPDATE writings SET personal_data_erased_at = '{ERASED_AT}' WHERE id = '{signed.id}'")
    refused(gate, "signed document is locked", f"UPDATE writings SET facts = 'faux' WHERE id = '{signed.id}'")
    refused(gate, "signed document is locked", f"UPDATE writings SET number = '2026/09999' WHERE id = '{signed.id}'")
    refused(gate, "signed document is locked", f"DELETE FROM writings WHERE id = '{signed.id}'")
    refused(gate, "signed document is locked", f"DELETE FROM writing_offences WHERE writing_id = '{signed.id}'")
    refused(gate, "append-only", f"DELETE FROM writing_outcomes WHERE writing_id = '{signed.id}'")
    refused(gate, "append-only", f"UPDATE writing_outcomes SET kind = 'conviction' WHERE writing_id = '{signed.id}'")
    after = writings.get(gate.admin, signed.id)
    assert after.facts == "" and after.personal_data_erased_at is not None and after.content_hash == signed.content_hash


@pytest.mark.parametrize("table", ["writing_people", "writing_offences", "writing_transmissions",
                                   "writing_outcomes", "writing_addenda"])
def test_the_rows_of_a_signed_pv_cannot_be_deleted(gate, table):
    writings = gate.services.writings
    signed = signed_pv(gate)
    writings.add_addendum(gate.admin, signed.id, "Précision.", ADMIN_PASSWORD)
    writings.record_transmission(gate.admin, signed.id, TransmissionData(
        RecipientKind.MAIRE, "Mme la Maire", SENT, "remise en main propre"), motive="Information du maire")
    writings.record_outcome(gate.admin, signed.id, OutcomeData(OutcomeKind.CONVICTION, date(2027, 3, 1)))
    assert scalar(gate, f"SELECT count(*) FROM {table} WHERE writing_id = :id", id=signed.id) > 0
    refused(gate, "locked|append-only", f"DELETE FROM {table} WHERE writing_id = '{signed.id}'")
    # Setting the erasure mark first no longer opens the way.
    refused(gate, "erased only by a court outcome",
            f"UPDATE writings SET personal_data_erased_at = '{ERASED_AT}' WHERE id = '{signed.id}'",
            f"DELETE FROM {table} WHERE writing_id = '{signed.id}'")
    assert scalar(gate, f"SELECT count(*) FROM {table} WHERE writing_id = :id", id=signed.id) > 0
    assert writings.verify_content(gate.admin, signed.id)


def test_transmissions_and_outcomes_are_never_updated(gate):
    writings = gate.services.writings
    signed = signed_pv(gate)
    writings.record_transmission(gate.admin, signed.id, TransmissionData(
        RecipientKind.MAIRE, "Mme la Maire", SENT, "remise en main propre"), motive="Information du maire")
    writings.record_outcome(gate.admin, signed.id, OutcomeData(OutcomeKind.CONVICTION, date(2027, 3, 1)))
    refused(gate, "append-only", "UPDATE writing_transmissions SET recipient_name = 'Autre'")
    refused(gate, "append-only", "UPDATE writing_outcomes SET detail = 'Relaxe'")


def test_an_erasure_only_a_court_outcome_orders(gate):
    signed = signed_pv(gate)
    with pytest.raises(ErasureNotOrdered):
        gate.services.retention.erase_case_personal_data(gate.admin, "writing", signed.id, "Sur demande")
    assert gate.services.writings.verify_content(gate.admin, signed.id)


def test_a_faked_outcome_row_lets_only_an_erasure_through_never_a_forgery(gate):
    signed = signed_pv(gate)
    attack(gate, "INSERT INTO writing_outcomes (id, version, writing_id, kind, decided_on, authority, detail,"
                 f" recorded_by, recorded_at) VALUES ('o', 1, '{signed.id}', 'acquittal', '2027-01-15', '', '',"
                 f" 'x', '{ERASED_AT}')")
    refused(gate, "signed document is locked",
            f"UPDATE writings SET facts = 'faux', personal_data_erased_at = '{ERASED_AT}' WHERE id = '{signed.id}'")


def test_an_erasure_of_a_document_whose_content_no_longer_matches_is_refused(gate):
    signed = signed_pv(gate)
    # As if a forgery had been made before these triggers existed: dropped, forged, put back.
    attack(gate, "DROP TRIGGER writings_signed_locked",
           f"UPDATE writings SET facts = 'faux' WHERE id = '{signed.id}'")
    with pytest.raises(ContentMismatch):
        gate.services.writings.record_outcome(gate.admin, signed.id, OutcomeData(OutcomeKind.DISMISSAL,
                                                                                 date(2027, 1, 15)))
    assert scalar(gate, "SELECT count(*) FROM writing_outcomes") == 0
    assert scalar(gate, "SELECT facts FROM writings WHERE id = :id", id=signed.id) == "faux"


def test_retention_still_erases_a_signed_and_court_erased_pv_whole(gate, clock):
    writings = gate.services.writings
    signed = signed_pv(gate)
    writings.add_addendum(gate.admin, signed.id, "Précision.", ADMIN_PASSWORD)
    writings.record_outcome(gate.admin, signed.id, OutcomeData(OutcomeKind.NON_LIEU, date(2027, 1, 15)))
    clock.advance(days=1096)
    assert gate.services.retention.purge_expired()["ecrits"] == 1
    for table in ("writings", "writing_offences", "writing_addenda", "writing_outcomes"):
        assert scalar(gate, f"SELECT count(*) FROM {table}") == 0, table


def test_an_attacker_who_drops_the_triggers_is_left_to_verification(gate, clock):
    write_entries(gate, clock, 6)
    last = seqs(gate)[-1]
    tamper(gate, f"DELETE FROM journal WHERE seq = {last - 2}")
    assert not verifies(gate)
