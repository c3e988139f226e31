"""The CSV extract names records as people name them ("PV 2026/00007", "Utilisateur mbernard") in display
columns beside the codes and ids the verifier reads; the display columns are outside the hash: a changed
name cell is not a changed entry, a changed hashed cell is."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from app.audit import signing, verify, wording
from app.audit.extract import CSV_COLUMNS, DISPLAY_COLUMNS, file_sha256, manifest_path
from app.audit.query import JournalFilter
from app.i18n import install_translator, translate
from app.models import StationInfo
from tests.conftest import ADMIN_PASSWORD, add_agent
from tests.logbook_helpers import entry_data
from tests.test_journal_cli import vigie
from tests.test_journal_export import _doc_sample

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
MOTIVE = "Contr\u00f4le du maire"


def rows_of(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def rewrite(path: Path, rows: list[dict[str, str]]) -> None:
    """The rows written back as Vigie writes them (BOM, header, CR LF)."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write("\ufeff")
        writer = csv.DictWriter(handle, CSV_COLUMNS, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)


def signed_again(gate, path: Path) -> None:
    """The manifest signed again over the file as it now is, with the station's own key: only the hash can tell."""
    station = gate.services.station
    manifest = json.loads(manifest_path(path).read_text(encoding="utf-8"))
    manifest.pop("signature")
    manifest["file_sha256"], manifest["file_size"] = file_sha256(path), path.stat().st_size
    with station.read() as uow:
        private = uow.session.get(StationInfo, station.id).signing_private_key
    manifest_path(path).write_text(json.dumps(signing.sign(manifest, private)), encoding="utf-8")


@pytest.fixture(scope="module")
def demo_extract(demo_station, qapp, tmp_path_factory):
    """The demo station's whole journal exported as CSV, in French, as the Journal screen and the CLI do."""
    install_translator(qapp)
    gate, accounts = demo_station
    admin = next(a for a in accounts if a.login == "admin")
    actor = gate.services.accounts.authenticate(admin.login, admin.password)
    path = tmp_path_factory.mktemp("csv-names") / "extrait.csv"
    gate.services.journal.export(actor, JournalFilter(), "csv", path, MOTIVE, translate=translate)
    return gate, path


def test_the_demos_csv_extract_names_its_records_in_french_beside_their_ids(demo_extract):
    _gate, path = demo_extract
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfseq,id,at,")  # UTF-8 with a BOM: spreadsheets read the accents right
    rows = rows_of(path)
    assert tuple(rows[0]) == CSV_COLUMNS and CSV_COLUMNS[-len(DISPLAY_COLUMNS):] == DISPLAY_COLUMNS
    named = [row for row in rows if row["record_id"]]
    assert named and not [row["record_label"] for row in named if UUID.search(row["record_label"])]
    assert all(UUID.fullmatch(row["record_id"]) for row in named if row["record_kind"] == "user")
    labels = {row["record_label"] for row in rows}
    assert any(re.fullmatch(r"PV \d{4}/\d{5}", label) for label in labels)
    assert any(re.fullmatch(r"Main courante \d{4}/\d{5}", label) for label in labels)
    assert "Utilisateur mbernard" in labels
    logouts = [row for row in rows if row["operation"] == "logout"]
    assert logouts and all(row["record_label"] == f"Utilisateur {row['login']}" for row in logouts)
    assert any("effac\u00e9 le" in label and label.startswith("PV ") for label in labels)
    assert {"Connexion", "Consultation"} <= {row["operation_label"] for row in rows}
    assert "\u00c9crits (PV et rapports)" in {row["compartment_label"] for row in rows}
    assert "poste cr\u00e9\u00e9" in {row["detail_label"] for row in rows}
    assert all(re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d:\d\d", row["at_local"]) for row in rows)
    # The codes the verifier reads are the stored ones, untouched.
    assert {"main_courante", "ecrits"} <= {row["compartment"] for row in rows}
    report = verify.verify_extract(path)
    assert report.ok, report.findings
    assert report.checked == len(rows)


def test_a_changed_name_cell_is_not_a_changed_entry_a_changed_hashed_cell_is(demo_extract, tmp_path):
    gate, exported = demo_extract
    sample: dict = {"__name__": "journal_format_doc"}
    exec(compile(_doc_sample(), "journal-format.md", "exec"), sample)
    path = tmp_path / "extrait.csv"
    path.write_bytes(exported.read_bytes())
    manifest_path(path).write_bytes(manifest_path(exported).read_bytes())
    sample["check"](str(path))  # the sample verifier of docs/journal-format.md reads version 3

    rows = rows_of(path)
    row = next(r for r in rows if r["record_label"].startswith("PV "))
    row["record_label"], row["detail_label"] = "PV 1999/99999", "rien"
    rewrite(path, rows)
    # The entries still hold: only the file's digest says it is not the file the manifest signs.
    assert [f.message for f in verify.verify_extract(path).findings] == [verify.BAD_DIGEST]
    signed_again(gate, path)
    assert verify.verify_extract(path).ok  # display only: outside the hash
    sample["check"](str(path))

    row["record_id"] = "01a230a2-ee0d-7000-8000-000000000000"  # the id the name stood for: hashed
    rewrite(path, rows)
    signed_again(gate, path)
    report = verify.verify_extract(path)
    assert [(f.message, f.seq) for f in report.findings] == [(verify.MODIFIED, int(row["seq"]))]
    with pytest.raises(sample["DoesNotHold"], match=f"entry {row['seq']} was changed"):
        sample["check"](str(path))


@pytest.mark.present_time
def test_the_command_line_exports_the_names_in_french(gate, clock, station_dir, tmp_path):
    add_agent(gate)
    entry = gate.services.logbook.create(gate.admin, entry_data(clock.now())).entry
    day = clock.now().astimezone().date().isoformat()
    gate.close()
    out = tmp_path / "extrait.csv"
    exported = vigie("journal", "export", "--data-dir", str(station_dir), "--as", "admin", "--from", day,
                     "--to", day, "--format", "csv", "--out", str(out), "--motive", MOTIVE,
                     stdin=f"{ADMIN_PASSWORD}\n")
    assert exported.returncode == 0, exported.stderr
    rows = rows_of(out)
    labels = {row["record_label"] for row in rows}
    assert f"Main courante {entry.number}" in labels and "Utilisateur lpetit" in labels
    assert not [label for label in labels if UUID.search(label)]
    assert "Cr\u00e9ation" in {row["operation_label"] for row in rows}
    assert verify.verify_extract(out).ok  # `vigie journal verify` on it: tests/test_journal_cli.py


def test_a_transmissions_recipient_reads_in_words_and_a_typed_one_as_typed(demo_extract):
    _gate, path = demo_extract
    sent = [row["recipient"] for row in rows_of(path) if row["recipient"].startswith("opj: ")]
    assert sent  # the demo transmits a PV to the OPJ
    assert wording.recipient_text(sent[0], translate) == "OPJ\u00a0: " + sent[0].removeprefix("opj: ")
    assert wording.recipient_text("Parquet de Poitiers", translate) == "Parquet de Poitiers"
