"""The journal names records as people name them: on the screen and in the PDF extract of the demo,
"PV 2026/00001" and "Utilisateur mbernard", never a UUID where a number exists, and French words
instead of the stored codes (which the CSV extract keeps for the verifier)."""

from __future__ import annotations

import csv
import re
from datetime import timedelta

from app.audit.query import JournalFilter
from app.i18n import translate
from app.kernel.rights import Compartment
from app.qt import Qt
from app.ui.journal.screen import JournalPage

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
RAW = ("main_courante", "logbook_entry", "station created", "records erased", "pv_constatation", "signed; sha256",
       "court outcome")


def admin_of(demo_station):
    gate, accounts = demo_station
    admin = next(a for a in accounts if a.login == "admin")
    return gate, gate.services.accounts.authenticate(admin.login, admin.password)


def test_the_journal_screen_names_the_demos_records(demo_station, french, tasks, qtbot):
    gate, admin = admin_of(demo_station)
    accesses = gate.services.station.rights.accesses(admin).get(Compartment.JOURNAL, frozenset())
    page = JournalPage(gate.services, admin, tasks, accesses=accesses)
    qtbot.addWidget(page)
    page.start_date.set_value(page.start_date.value() - timedelta(days=90))
    page.show()
    model = page.model
    qtbot.waitUntil(lambda: model.rowCount() > 0 and not page.is_busy, timeout=20_000)
    while model.canFetchMore():
        model.fetchMore()
        qtbot.waitUntil(lambda: not page.is_busy, timeout=20_000)
    columns = [key for key, _title in model.COLUMNS]
    shown = {key: [str(model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole))
                   for row in range(model.rowCount())] for column, key in enumerate(columns)}
    records, details = shown["record"], shown["detail"]
    assert not [text for text in records if UUID.search(text)]
    assert not [text for text in (*details, *shown["compartment"]) if any(raw in text for raw in RAW)]
    assert any(re.fullmatch(r"PV \d{4}/\d{5}", text) for text in records)
    assert any(re.fullmatch(r"Main courante \d{4}/\d{5}", text) for text in records)
    assert "Utilisateur mbernard" in records
    erased = [text for text in records if "effacé le" in text]
    assert erased and all(text.startswith("PV ") and "classement sans suite" in text for text in erased)
    assert "poste créé" in details and "Écrits (PV et rapports)" in shown["compartment"]
    # The id the verifier needs stays beside the name, in the tooltip.
    row = records.index("Utilisateur mbernard")
    tip = model.data(model.index(row, columns.index("record")), Qt.ItemDataRole.ToolTipRole)
    assert UUID.search(tip)


def test_the_pdf_extract_names_the_records_and_the_csv_keeps_the_codes(demo_station, french, tmp_path):
    import pypdf

    gate, admin = admin_of(demo_station)
    journal = gate.services.journal
    journal.export(admin, JournalFilter(), "pdf", tmp_path / "extrait.pdf", "Contrôle du maire", translate=translate)
    reader = pypdf.PdfReader(tmp_path / "extrait.pdf")
    pdf = "\n".join(page.extract_text() for page in reader.pages)
    assert not UUID.search(pdf)
    assert not [raw for raw in RAW if raw in pdf]
    assert re.search(r"PV \d{4}/\d{5}", pdf) and "Utilisateur mbernard" in pdf and "poste créé" in pdf
    assert "effacé le" in pdf  # an erased record named with its erasure, read once for the whole extract
    journal.export(admin, JournalFilter(), "csv", tmp_path / "extrait.csv", "Contrôle du maire")
    with open(tmp_path / "extrait.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {"main_courante", "ecrits"} <= {row["compartment"] for row in rows}
    assert any(row["detail"] == "station created" for row in rows)
    assert journal.verify_station(admin).ok


def test_details_read_in_french_and_an_unknown_one_as_stored(french):
    from app.audit.wording import detail_text, record_text
    from app.audit.query import RecordName
    from datetime import UTC, datetime

    assert detail_text("records erased: main_courante=3, ecrits=0", translate) == (
        "enregistrements effacés\u00a0: Main courante 3, Écrits (PV et rapports) 0")
    assert detail_text("search: login=mbernard, compartment=ecrits", translate) == (
        "recherche\u00a0: utilisateur mbernard, compartiment Écrits (PV et rapports)")
    assert detail_text("closed: ended_at, status", translate) == "clôturée\u00a0: fin, état"
    assert detail_text("pushed 3, pulled 4, erased 0, conflicts 1", translate) == (
        "envois\u00a0: 3, réceptions\u00a0: 4, effacements\u00a0: 0, conflits\u00a0: 1")
    assert detail_text("a detail of a later version", translate) == "a detail of a later version"
    erased = RecordName("Main courante", "", datetime(2026, 11, 30, 9, tzinfo=UTC), "doublon")
    assert record_text("logbook_entry", "01a2-…", erased, {}, translate) == (
        "Main courante, effacée le 30/11/2026 (doublon)")


def test_a_document_saved_unchanged_changed_and_printed_reads_in_french_in_the_journal(station, tmp_path, french):
    from app.audit.wording import detail_text
    from app.models.writings import WritingKind
    from tests.conftest import journal_entries
    from tests.test_writings_support import pv_data

    writings = station.services.writings
    draft = writings.create_draft(station.admin, WritingKind.PV_CONSTATATION, pv_data())
    writings.update_draft(station.admin, draft.id, pv_data())  # saved again as it was
    writings.update_draft(station.admin, draft.id, pv_data(vehicle_plate="XY-456-ZT", offence_nature="Autre"))
    pages = writings.print_to(station.admin, draft.id, tmp_path / "pv.pdf", "Envoi au parquet",
                              translate=translate).pages
    details = [detail_text(e.detail, translate).replace("\u00a0", " ")
               for e in journal_entries(station) if e.record_id == draft.id and e.operation in ("modify", "print")]
    assert details[:2] == ["enregistré sans modification", "modifié : nature de l'infraction, immatriculation"]
    assert re.fullmatch(rf"PDF de {draft.number} \(brouillon\), {pages} pages? ; SHA-256 [0-9a-f]{{64}}", details[2])
