"""A signed PV forged with the integrity triggers dropped is refused by print and preview, marked in the
list (service, screen, command line); a number that no document bears shows as missing, or as voided."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from app.models.numbering import NumberVoid
from app.models.writings import OutcomeKind, WritingKind
from app.writings.integrity import ContentAltered
from app.writings.types import OutcomeData
from tests.conftest import ADMIN_PASSWORD, journal_entries
from tests.tamper import WRITING_TRIGGERS, tamper
from tests.test_journal_cli import vigie
from tests.test_writings_support import draft_pv

FORGED = "Le conducteur a reconnu avoir bu six verres de vin."


def signed_pv(gate):
    return gate.services.writings.sign(gate.admin, draft_pv(gate).id, ADMIN_PASSWORD)


def forge(gate, writing_id: str, assignments: str) -> None:
    tamper(gate, f"UPDATE writings SET {assignments} WHERE id = :id", triggers=WRITING_TRIGGERS, id=writing_id)


def refusals(gate, writing_id: str) -> list[str]:
    return [e.detail for e in journal_entries(gate) if e.operation == "refused" and e.record_id == writing_id]


def test_forged_facts_are_refused_by_print_and_preview_and_marked_in_the_list(gate, tmp_path):
    writings = gate.services.writings
    signed, intact = signed_pv(gate), signed_pv(gate)
    forge(gate, signed.id, f"facts = '{FORGED}'")

    rows = {row.number: row for row in writings.documents(gate.admin)}
    assert rows[signed.number].altered and not rows[intact.number].altered
    listing = [e for e in journal_entries(gate) if e.operation == "search"][-1]
    assert listing.detail.endswith(f"content altered: {signed.number}")
    assert writings.get(gate.admin, signed.id).altered and not writings.get(gate.admin, intact.id).altered

    prints_before = [e for e in journal_entries(gate) if e.operation == "print"]
    out = tmp_path / "out" / "pv.pdf"
    out.parent.mkdir()
    with pytest.raises(ContentAltered) as refused:
        writings.print_to(gate.admin, signed.id, out, "Transmission au parquet")
    assert signed.number in refused.value.untranslated()
    assert list(out.parent.iterdir()) == []
    with pytest.raises(ContentAltered):
        writings.print_bytes(gate.admin, signed.id, "Transmission au parquet")
    with pytest.raises(ContentAltered):
        writings.preview(gate.admin, signed.id)
    assert [e for e in journal_entries(gate) if e.operation == "print"] == prints_before
    assert [d.split(" of ")[0] for d in refusals(gate, signed.id)] == ["refused: print", "refused: print",
                                                                       "refused: preview"]
    # The intact one still prints, and a forged people row or addendum counts as a forged document.
    writings.print_to(gate.admin, intact.id, out, "Transmission au parquet")
    tamper(gate, "UPDATE writing_people SET last_name = 'Martin' WHERE writing_id = :id",
           triggers=WRITING_TRIGGERS, id=intact.id)
    with pytest.raises(ContentAltered):
        writings.preview(gate.admin, intact.id)


def test_an_erasure_that_no_outcome_recorded_is_refused_a_recorded_one_holds(gate):
    writings = gate.services.writings
    faked, erased = signed_pv(gate), signed_pv(gate)
    writings.record_outcome(gate.admin, erased.id, OutcomeData(OutcomeKind.ACQUITTAL, date(2026, 11, 20)))
    # Marked erased by hand to lift the lock, the facts replaced: no outcome recorded that erasure.
    forge(gate, faked.id, f"personal_data_erased_at = '2026-11-22 08:00:00.000000', facts = '{FORGED}'")
    rows = {row.number: row.altered for row in writings.documents(gate.admin)}
    assert rows == {faked.number: True, erased.number: False}
    writings.preview(gate.admin, erased.id)
    with pytest.raises(ContentAltered):
        writings.preview(gate.admin, faked.id)
    # Emptied as an erasure empties, still without its outcome: refused all the same.
    forge(gate, faked.id, "facts = '', subject = '', place = '', assessments = '', vehicle_plate = '', "
                          "offence_nature = ''")
    tamper(gate, "DELETE FROM writing_people WHERE writing_id = :id", triggers=WRITING_TRIGGERS, id=faked.id)
    with pytest.raises(ContentAltered):
        writings.preview(gate.admin, faked.id)


def test_a_deleted_document_leaves_its_number_missing_a_voided_one_reads_voided(gate):
    writings = gate.services.writings
    first, second, third = (draft_pv(gate) for _ in range(3))
    writings.create_draft(gate.admin, WritingKind.RAPPORT_INFORMATION)
    assert writings.number_gaps(gate.admin) == []
    tamper(gate, "DELETE FROM writing_people WHERE writing_id = :id", triggers=[], id=second.id)
    tamper(gate, "DELETE FROM writing_offences WHERE writing_id = :id", triggers=[], id=second.id)
    tamper(gate, "DELETE FROM writings WHERE id = :id", triggers=[], id=second.id)
    with gate.services.station.uow() as uow:
        uow.session.execute(text("DELETE FROM writing_people WHERE writing_id = :id"), {"id": third.id})
        uow.session.execute(text("DELETE FROM writing_offences WHERE writing_id = :id"), {"id": third.id})
        uow.session.execute(text("DELETE FROM writings WHERE id = :id"), {"id": third.id})
        year, serial = (int(part) for part in third.number.split("/"))
        uow.session.add(NumberVoid(series="ecrits", year=year, serial=serial, number=third.number,
                                   reason="brouillon ouvert par erreur", voided_by=gate.admin.user_id,
                                   voided_at=gate.services.station.clock.now()))
        uow.commit()
    gaps = writings.number_gaps(gate.admin)
    assert [(g.number, g.voided, g.reason) for g in gaps] == [
        (second.number, False, ""), (third.number, True, "brouillon ouvert par erreur")]
    assert writings.number_gaps(gate.admin, year=2025) == []
    assert [r.number for r in writings.documents(gate.admin)] == ["2026/00004", first.number]


def test_the_command_line_refuses_a_forged_pv_and_lists_it_altered_beside_a_missing_number(gate, station_dir,
                                                                                         tmp_path):
    signed, gone = signed_pv(gate), draft_pv(gate)
    forge(gate, signed.id, f"facts = '{FORGED}'")
    for table in ("writing_people", "writing_offences", "writings"):
        column = "id" if table == "writings" else "writing_id"
        tamper(gate, f"DELETE FROM {table} WHERE {column} = :id", triggers=[], id=gone.id)
    kept = draft_pv(gate)
    gate.close()

    listed = vigie("documents", "--data-dir", str(station_dir), "--as", "admin", stdin=f"{ADMIN_PASSWORD}\n")
    assert listed.returncode == 0, listed.stderr
    lines = [line.split("\t") for line in listed.stdout.splitlines()]
    assert [(line[0], line[2]) for line in lines] == [
        (kept.number, "Brouillon"), (gone.number, "Numéro manquant"), (signed.number, "Signé, contenu altéré")]
    out = tmp_path / "pv.pdf"
    printed = vigie("print", "--data-dir", str(station_dir), "--document", signed.number, "--out", str(out),
                    "--as", "admin", "--motive", "Transmission au parquet", stdin=f"{ADMIN_PASSWORD}\n")
    assert printed.returncode == 1 and "Traceback" not in printed.stderr
    assert printed.stderr.startswith("vigie: ") and len(printed.stderr.splitlines()) == 1
    assert signed.number in printed.stderr and "ne correspond plus à sa signature" in printed.stderr
    assert not out.exists()


def test_the_list_on_screen_marks_the_forged_pv_and_the_missing_number(gate, qtbot, qapp):
    from app.i18n import install_translator
    from app.ui.tasks import TaskManager
    from app.ui.writings.screen import WritingsPage

    install_translator(qapp)
    signed, gone = signed_pv(gate), draft_pv(gate)
    kept = draft_pv(gate)
    forge(gate, signed.id, f"facts = '{FORGED}'")
    for table in ("writing_people", "writing_offences", "writings"):
        column = "id" if table == "writings" else "writing_id"
        tamper(gate, f"DELETE FROM {table} WHERE {column} = :id", triggers=[], id=gone.id)
    tasks = TaskManager()
    page = WritingsPage(gate.services, gate.admin, tasks)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.loaded and not page.is_busy and page.table.rowCount() == 3, timeout=10_000)
    table = page.table
    cells = [[table.item(row, column).text() for column in range(3)] for row in range(3)]
    assert [c[0] for c in cells] == [kept.number, gone.number, signed.number]
    assert cells[1][2] == "Numéro manquant"
    assert "contenu altéré" in cells[2][2]
    assert "signature" in table.item(2, 0).toolTip()
    table.activated.emit(table.model().index(1, 0))  # a missing number opens nothing
    assert page.open_dialogs == []
    tasks.wait_for_done()
