"""The journal of every station, on any station: two real stations synced through a real server.

Each station's entries reach the other in their own chain; the Journal screen shows them with
their station and filters by it; each chain is verified on its own (a hole between received
entries is tampering, what follows the last one is only not received yet); a station's purge
removes its entries on the other stations too."""

from __future__ import annotations

from sqlalchemy import text

from app.audit.query import JournalFilter
from app.audit.stations import NOT_YET_RECEIVED
from app.audit.verify import GAP, MODIFIED
from tests.conftest import AGENT_PASSWORD, add_agent
from tests.sync.conftest import sync_of

def sync_all(*gates) -> None:
    for gate in (*gates, *gates):
        sync_of(gate).sync(gate.admin)

def remote(gate, sql: str, **params) -> list:
    """Statements on the other stations' chains as this station keeps them (no trigger guards them)."""
    with gate.opened().station.engine.begin() as connection:
        result = connection.execute(text(sql), params)
        return result.fetchall() if result.returns_rows else []

def test_each_station_shows_filters_and_verifies_the_journal_of_every_station(pair):
    from app.audit.sealverify import BAD_SEAL

    a, b = pair
    code = a.opened().station.journal.take_verification_code()  # the service's, shown once at its creation
    add_agent(a)
    a.opened().accounts.authenticate("lpetit", AGENT_PASSWORD)
    sync_all(a, b)
    a_id, b_id = a.opened().station.id, b.opened().station.id
    journal = b.opened().journal
    everything = JournalFilter()
    rows = journal.search(b.admin, everything, limit=1000)
    assert {a_id, b_id} <= {row.station_id for row in rows}
    assert any(row.station_id == a_id and row.login == "lpetit" and row.operation == "login" for row in rows)
    assert journal.count(b.admin, everything) >= len(rows)
    # Newest first across both stations, each chain in its own order; pages follow on without a gap.
    keys = [row.key for row in rows]
    assert keys == sorted(keys, reverse=True)
    first = journal.search(b.admin, everything, limit=7)  # journaled, after it was read
    rest = journal.search(b.admin, everything, limit=1000, after=first[-1].key, first_page=False)
    now = journal.search(b.admin, everything, limit=1000, first_page=False)
    assert [row.id for row in first + rest] == [row.id for row in now[1:]] and now[0].detail.startswith("search")
    # The filter by station: only that station's entries, from either station.
    only_a = journal.search(b.admin, JournalFilter(station=a_id), limit=1000)
    assert only_a and {row.station_id for row in only_a} == {a_id}
    assert journal.count(b.admin, JournalFilter(station=a_id)) == len(only_a)
    # Stations are named by their number, as their own journal gave it (b is number 2: tests/sync/conftest.py).
    labels = {label.station_id: label for label in a.opened().journal.stations(a.admin)}
    assert labels[b_id].number == 2 and labels[a.opened().station.id].own

    own, others = journal.verify_every_station(b.admin)
    assert own.ok and [other.station.station_id for other in others] == [a_id]
    chain = others[0].report
    assert chain.ok and chain.checked == len(only_a) == chain.last_seq
    assert [note.message for note in chain.notes] == [NOT_YET_RECEIVED]
    # With the verification code, the other station's seals too: a changed seal, which the chain cannot see.
    sealed = journal.verify_every_station(b.admin, code)[1][0].report
    assert sealed.ok and sealed.sealed and sealed.checked == chain.checked
    remote(b, "UPDATE journal_remote SET tag = :t WHERE station_id = :s AND seq = 4", t="0" * 64, s=a_id)
    assert journal.verify_every_station(b.admin)[1][0].report.ok
    found = journal.verify_every_station(b.admin, code)[1][0].report
    assert found.first is not None and (found.first.message, found.first.seq) == (BAD_SEAL, 4)
    # The tail not yet received is no tampering ...
    remote(b, "DELETE FROM journal_remote WHERE station_id = :s AND seq > :n", s=a_id, n=chain.last_seq - 2)
    assert journal.verify_every_station(b.admin)[1][0].report.ok
    # ... a hole between received entries is, and so is a changed entry.
    remote(b, "DELETE FROM journal_remote WHERE station_id = :s AND seq = 3", s=a_id)
    found = journal.verify_every_station(b.admin)[1][0].report
    assert not found.ok and found.first is not None and (found.first.message, found.first.seq) == (GAP, 3)
    remote(b, "UPDATE journal_remote SET detail = 'rien' WHERE station_id = :s AND seq = 2", s=a_id)
    found = journal.verify_every_station(b.admin)[1][0].report
    assert found.first is not None and (found.first.message, found.first.seq) == (MODIFIED, 2)

def test_a_stations_purge_removes_its_entries_on_the_other_station_whose_chain_still_holds(pair, clock):
    a, b = pair
    add_agent(a)
    sync_all(a, b)
    a_id = a.opened().station.id
    before = remote(b, "SELECT count(*) FROM journal_remote WHERE station_id = :s", s=a_id)[0][0]
    assert before > 0
    clock.advance(days=61)
    a.opened().accounts.authenticate("lpetit", AGENT_PASSWORD)  # entries after the cutoff, kept
    purged = a.opened().journal.purge_expired(a.admin)
    assert purged.purged > 0 and purged.checkpoint_seq is not None
    sync_all(a, b)
    kept = remote(b, "SELECT min(seq) FROM journal_remote WHERE station_id = :s", s=a_id)[0][0]
    assert kept == purged.checkpoint_seq + 1  # none of what a purged stays on b
    journal = b.opened().journal
    assert not journal.search(b.admin, JournalFilter(station=a_id, operation="create", record_id=a_id))
    own, others = journal.verify_every_station(b.admin)
    assert own.ok and others[0].report.ok and others[0].report.checkpoint_seq == purged.checkpoint_seq
    removal = journal.search(b.admin, JournalFilter(operation="purge", station=b.opened().station.id))
    assert any(f"entries of station {a_id} removed" in row.detail for row in removal)


def test_the_journal_screen_shows_each_entrys_station_and_filters_by_station(pair, qtbot, qapp):
    from app.i18n import install_translator
    from app.kernel.rights import Access
    from app.qt import Qt
    from app.ui.journal.screen import COLUMNS, JournalPage
    from app.ui.tasks import TaskManager

    install_translator(qapp)
    a, b = pair
    add_agent(a)
    a.opened().accounts.authenticate("lpetit", AGENT_PASSWORD)
    sync_all(a, b)
    a_short = a.opened().station.id[-6:]
    tasks = TaskManager()
    page = JournalPage(b.opened(), b.admin, tasks, accesses=frozenset({Access.READ}))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.searched and not page.is_busy, timeout=10_000)

    def column(name: str) -> list[str]:
        index = [key for key, _label in COLUMNS].index(name)
        return [page.model.data(page.model.index(row, index)) for row in range(page.model.rowCount())]

    assert page.model.headerData(1 + 1, Qt.Orientation.Horizontal) == "Poste"
    assert not page.table.isColumnHidden(1 + 1)  # entries of two stations: each row says whose
    stations = set(column("station"))
    assert {"Poste 2 (ce poste)", f"Poste {a_short}"} <= stations
    assert ("lpetit", f"Poste {a_short}") in set(zip(column("login"), column("station")))
    choices = [page.station_choice.itemText(i) for i in range(page.station_choice.count())]
    assert choices == ["Tous les postes", "Poste 2 (ce poste)", f"Poste {a_short}"]
    page.station_choice.setCurrentIndex(2)
    qtbot.mouseClick(page.search_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.is_busy, timeout=10_000)
    assert page.model.rowCount() > 0 and set(column("station")) == {f"Poste {a_short}"}
    page.close()
    tasks.wait_for_done()


def test_extracts_and_the_command_line_verification_hold_every_stations_entries(pair, tmp_path):
    import csv
    import json
    import re

    from pypdf import PdfReader

    from app.audit import verify
    from app.audit.extract import manifest_path
    from tests.conftest import ADMIN_PASSWORD
    from tests.test_journal_cli import DOES_NOT_HOLD, vigie

    a, b = pair
    add_agent(a)
    a.opened().accounts.authenticate("lpetit", AGENT_PASSWORD)
    sync_all(a, b)
    a_id = a.opened().station.id
    journal = b.opened().journal
    result = journal.export(b.admin, JournalFilter(), "csv", tmp_path / "tous.csv", "Contrôle du responsable")
    manifest = json.loads(manifest_path(result.path).read_text(encoding="utf-8"))
    others = {other["station_id"]: other for other in manifest["other_stations"]}
    assert manifest["format_version"] == 4 and set(others) == {a_id} and others[a_id]["entry_count"] > 0
    with open(result.path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {row["station_id"] for row in rows} == {a_id, b.opened().station.id}
    assert result.count == len(rows) == manifest["entry_count"] + others[a_id]["entry_count"]
    assert verify.verify_extract(result.path).ok
    # Another station's entry changed in the file: its own chain says so.
    lines = result.path.read_text(encoding="utf-8-sig").splitlines()
    changed = next(i for i, line in enumerate(lines) if a_id in line and ",login," in line)
    lines[changed] = lines[changed].replace(",login,", ",logout,", 1)
    result.path.write_text("\ufeff" + "\r\n".join(lines) + "\r\n", encoding="utf-8")
    found = verify.verify_extract(result.path)
    assert not found.ok and found.first is not None and found.first.message == verify.MODIFIED
    pdf = journal.export(b.admin, JournalFilter(station=a_id), "pdf", tmp_path / "a.pdf", "Contrôle du responsable")
    text = "".join(page.extract_text() for page in PdfReader(pdf.path).pages)
    # Under each entry's number, its station (the filter's id is nowhere in the file: only its end is).
    assert re.search(rf"Station\s+{a_id[-6:]}", text) and a_id not in text and verify.verify_extract(pdf.path).ok
    # `vigie journal verify --station` on the closed station: its own journal holds, the other's has a hole.
    folder = b.paths.root
    remote(b, "DELETE FROM journal_remote WHERE station_id = :s AND seq = 2", s=a_id)
    b.close()
    broken = vigie("journal", "verify", "--station", "--data-dir", str(folder), "--as", "chef",
                   stdin=f"{ADMIN_PASSWORD}\n")
    assert broken.returncode == DOES_NOT_HOLD, broken.stderr
    assert "Le journal du poste est intègre" in broken.stdout
    assert f"Poste {a_id[-6:]} ({a_id})\u00a0: son journal n'est pas intègre" in broken.stdout
    assert "L'entrée 2 manque\u00a0: le journal passe de l'entrée 1 à l'entrée 3." in broken.stdout
    assert "ne sont pas encore reçues" in broken.stdout  # what may follow its last entry: not received yet

