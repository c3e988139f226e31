"""The CSV extract, byte for byte: what an independent reader of the journal expects in every cell.

The expected file is built here from the journal's rows as the ORM reads them, with the plainest code
there is (a conversion to local time for every row, the French words written out), so that the
extract's fast path (each hour's offset found once, each record and detail put in words once) must
give exactly what that slow, obvious code gives: across both changes of French time, and in zones
whose offset is not a whole number of hours.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

import pytest

from app.audit.query import JournalFilter
from app.i18n import install_translator, translate
from tests.conftest import AGENT_PASSWORD, FakeClock, add_agent, journal_entries, user_row
from tests.logbook_helpers import entry_data
from tests.test_journal_support import MOTIVE, write_entries

# Saturday 24 October 2026, 23:30 UTC: French summer time ends at 01:00 UTC (03:00 CEST becomes 02:00 CET).
AUTUMN = datetime(2026, 10, 24, 23, 30, tzinfo=UTC)
# French summer time begins on 28 March 2027 at 01:00 UTC (02:00 CET becomes 03:00 CEST).
SPRING = datetime(2027, 3, 28, 0, 20, tzinfo=UTC)
ERASE_MOTIVE = "Saisie en double"

HEADER = ("seq,id,at,station_id,user_id,login,matricule,operation,compartment,record_kind,record_id,motive,"
          "recipient,detail,prev_hash,hash,tag,at_local,operation_label,compartment_label,record_label,"
          "detail_label").split(",")
OPERATIONS = {"create": "Cr\u00e9ation", "login": "Connexion", "consult": "Consultation", "erase": "Effacement",
              "export": "Export"}
COMPARTMENTS = {"administration": "Administration", "main_courante": "Main courante",
                "journal": "Journal des acc\u00e8s"}
NOUNS = {"station": "Poste", "journal_extract": "Extrait du journal"}
DETAILS = {"": "", "station created": "poste cr\u00e9\u00e9",
           "erased by an administrator": "effac\u00e9e par un administrateur"}
# The entry of each export before (the zones are exported in turn, from one station).
EXPORTED = re.compile(r"csv extract of (\d+) entries; no filter; sha256 ([0-9a-f]{64})")


def detail_label(detail: str) -> str:
    exported = EXPORTED.fullmatch(detail)
    if exported:
        return f"extrait CSV de {exported[1]} entr\u00e9es\u00a0; sans filtre\u00a0; SHA-256 {exported[2]}"
    return DETAILS[detail]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(AUTUMN)


@pytest.fixture
def journal(gate, clock, qapp):
    """A small journal like the demo's: an officer's entries written, consulted, one erased, every few
    minutes across the night French summer time ends, then again across the night it begins."""
    install_translator(qapp)
    add_agent(gate)
    agent = gate.login("lpetit", AGENT_PASSWORD)
    logbook = gate.services.logbook
    kept = logbook.create(agent, entry_data(clock.now())).entry
    clock.advance(minutes=17, seconds=3)
    erased = logbook.create(agent, entry_data(clock.now(), subject="Chien errant")).entry
    clock.advance(minutes=13, seconds=7)
    logbook.get(agent, erased.id)
    write_entries(gate, clock, 30, actor=agent, step=timedelta(minutes=4, seconds=11), operation="consult",
                  record_kind="logbook_entry", record_id=kept.id)
    logbook.erase(gate.admin, erased.id, ERASE_MOTIVE)
    clock.current = SPRING
    write_entries(gate, clock, 20, actor=agent, step=timedelta(minutes=3, seconds=29), operation="consult",
                  record_kind="logbook_entry", record_id=kept.id)
    return gate, kept, erased


def expected_csv(gate, kept, erased, last_seq: int, zone: tzinfo | None) -> bytes:
    """The extract as the format says it, from the ORM's rows, each cell computed on its own."""
    entries = [e for e in journal_entries(gate) if e.seq <= last_seq]
    logins: dict[str, str] = {}
    for login in ("admin", "lpetit"):
        user = user_row(gate, login)
        assert user is not None
        logins[user.id] = login
    erased_on = next(e.at for e in entries if e.operation == "erase").replace(tzinfo=UTC)
    records = {
        kept.id: f"Main courante {kept.number}",
        erased.id: f"Main courante, effac\u00e9e le {local(erased_on, zone):%d/%m/%Y} ({ERASE_MOTIVE})",
        **{user_id: f"Utilisateur {login}" for user_id, login in logins.items()},
    }
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for e in entries:
        at = e.at.replace(tzinfo=UTC)
        label = NOUNS[e.record_kind] if e.record_kind in NOUNS else records[e.record_id]
        writer.writerow([
            e.seq, e.id, f"{at:%Y-%m-%dT%H:%M:%S.%f}Z", e.station_id, e.user_id or "", e.login, e.matricule,
            e.operation, e.compartment, e.record_kind, e.record_id, e.motive, e.recipient, e.detail, e.prev_hash,
            e.hash, e.tag, f"{local(at, zone):%d/%m/%Y %H:%M:%S}", OPERATIONS[e.operation],
            COMPARTMENTS[e.compartment], label, detail_label(e.detail),
        ])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def local(at: datetime, zone: tzinfo | None) -> datetime:
    return at.astimezone(zone) if zone is not None else at.astimezone()


ZONES = ("Europe/Paris", "America/St_Johns", "Asia/Kathmandu", "Australia/Lord_Howe", None)


def test_the_csv_extract_is_byte_for_byte_what_the_format_says_in_every_zone(journal, tmp_path):
    gate, kept, erased = journal
    # What the comparison relies on: entries in the hour before and in the hour after each change of time.
    hours = {e.at.replace(tzinfo=UTC).astimezone(ZoneInfo("Europe/Paris")).strftime("%d/%m %H:00 %Z")
             for e in journal_entries(gate)}
    assert {"25/10 02:00 CEST", "25/10 02:00 CET", "28/03 01:00 CET", "28/03 03:00 CEST"} <= hours
    for name in ZONES:  # one station for every zone: each export's own entry comes after what it holds
        zone = ZoneInfo(name) if name else None
        path = tmp_path / f"extrait-{name or 'machine'}.csv".replace("/", "-")
        result = gate.services.journal.export(gate.admin, JournalFilter(), "csv", path, MOTIVE,
                                              translate=translate, zone=zone)
        got, expected = path.read_bytes(), expected_csv(gate, kept, erased, result.last_seq, zone)
        lines = zip(got.decode("utf-8").splitlines(), expected.decode("utf-8").splitlines())
        assert next(((g, e) for g, e in lines if g != e), None) is None, name  # the first line that differs
        assert got == expected, name
