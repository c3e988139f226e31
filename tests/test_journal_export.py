"""Extracts: exported, read back, verified, and every kind of tampering named; the export's own rules."""

from __future__ import annotations

import csv
import json
from datetime import UTC, date, datetime, timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PrivateFormat, NoEncryption
from pypdf import PdfReader
from sqlalchemy.exc import IntegrityError

from app.bootstrap import build_gate
from app.audit import signing, verify
from app.audit.chain import GENESIS_HASH, row_hash
from app.audit.extract import CSV_COLUMNS, manifest_path
from app.audit.query import JournalFilter
from app.errors import AccessDenied, InvalidInput
from app.services.journal import ExportFailed, MotiveMissing
from tests.conftest import AGENT_PASSWORD, add_agent, journal_entries
from tests.test_journal_support import MOTIVE, add_mayor, service, sql, write_entries
from tests.test_writings_pdf import fonts_of

HASH_COLUMN = CSV_COLUMNS.index("hash")

@pytest.fixture
def journal(gate, clock):
    """A journal of 40 consultations by two people over two days, and the mayor who exports it."""
    mayor = add_mayor(gate)
    add_agent(gate)
    agent = gate.login("lpetit", AGENT_PASSWORD)
    write_entries(gate, clock, 20, actor=agent, step=timedelta(hours=1))
    write_entries(gate, clock, 20, actor=gate.admin, step=timedelta(hours=1), operation="modify",
                  compartment="registres", detail="n\u00b0 2026/00042, \u00ab fourri\u00e8re \u00bb")
    gate.mayor = mayor
    return gate


def export(gate, tmp_path, name="extrait.csv", fmt="csv", filters=None, actor=None, motive=MOTIVE):
    return service(gate).export(actor or gate.mayor, filters or JournalFilter(), fmt, tmp_path / name, motive)


def read_csv(path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def rewrite_csv(path, rows: list[list[str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(rows)


def seqs(gate) -> list[int]:
    return [entry.seq for entry in journal_entries(gate)]


def _pdf_text(path) -> str:
    """The text of every page, each run of spaces and line breaks as one space (cells wrap)."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def csv_rows(path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


# -- exported and read back -------------------------------------------------------------------------


def test_a_csv_extract_holds_every_chained_field_and_verifies(journal, tmp_path):
    result = export(journal, tmp_path)
    raw = result.path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfseq,id,at,")  # UTF-8 with a BOM, which spreadsheets need for accents
    rows = read_csv(result.path)
    assert tuple(rows[0]) == CSV_COLUMNS
    in_db = [e for e in journal_entries(journal) if e.seq <= result.last_seq]
    assert [int(r["seq"]) for r in rows] == [e.seq for e in in_db]
    assert rows[0]["prev_hash"] == GENESIS_HASH
    for row, entry in zip(rows, in_db):
        assert row["hash"] == entry.hash and row["login"] == entry.login and row["detail"] == entry.detail
        values = [int(row["seq"]) if n == "seq" else (row[n] or None) if n == "user_id" else row[n]
                  for n in CSV_COLUMNS[:-1]]
        assert row_hash(values) == row["hash"]
    report = verify.verify_extract(result.path, expected_fingerprint=service(journal).station_key().fingerprint)
    assert report.ok, report.findings
    assert report.checked == result.count == len(rows)


def test_the_manifest_says_who_when_why_what_and_is_signed_by_the_station(journal, tmp_path, clock):
    filters = JournalFilter(login=" LPetit ", compartment="main_courante")
    result = export(journal, tmp_path, filters=filters)
    manifest = json.loads(manifest_path(result.path).read_text(encoding="utf-8"))
    station = journal.services.station
    assert manifest["format"] == "vigie-journal-extract" and manifest["format_version"] == 3
    assert [g["generation"] for g in manifest["seal_generations"]] == [1]  # what a sealed verifier needs
    assert (manifest["station_id"], manifest["service_name"]) == (station.id, station.details.service_name)
    assert manifest["generated_by"] == {"login": "hfontaine", "full_name": "H\u00e9l\u00e8ne Fontaine",
                                        "matricule": ""}
    assert manifest["generated_at"] == clock.now().strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    assert manifest["filters"] == {"from": None, "to": None, "login": "lpetit", "operation": None,
                                   "compartment": "main_courante", "record_id": None}
    assert manifest["motive"] == MOTIVE
    assert manifest["entry_count"] == 20 == result.count
    assert manifest["seq_ranges"] == [[manifest["first_seq"], manifest["last_seq"]]]
    assert manifest["file_sha256"] == result.sha256 and manifest["file_name"] == "extrait.csv"
    key = service(journal).station_key()
    assert manifest["public_key"] == key.public_key and manifest["key_fingerprint"] == key.fingerprint
    assert signing.signature_holds(manifest, bytes.fromhex(key.public_key))
    assert {r["login"] for r in read_csv(result.path)} == {"lpetit"}


def test_the_export_is_journaled_with_its_motive_and_filters_never_content(journal, tmp_path):
    result = export(journal, tmp_path, filters=JournalFilter(login="lpetit"))
    entry = journal_entries(journal)[-1]
    assert (entry.operation, entry.compartment, entry.login, entry.motive) == ("export", "journal", "hfontaine",
                                                                                MOTIVE)
    assert result.count == 21  # her login, and her twenty consultations
    assert entry.detail == f"csv extract of 21 entries; login=lpetit; sha256 {result.sha256}"
    assert entry.seq > result.last_seq  # the entry is not in the extract it records


def test_a_period_of_whole_local_days(journal, tmp_path, clock):
    first = journal_entries(journal)[0].at.astimezone().date()
    result = export(journal, tmp_path, filters=JournalFilter.days(first, first))
    rows = read_csv(result.path)
    assert rows and all(datetime.fromisoformat(r["at"]).astimezone().date() == first for r in rows)
    assert verify.verify_extract(result.path).ok


def test_an_empty_period_gives_a_valid_empty_extract(journal, tmp_path):
    result = export(journal, tmp_path, filters=JournalFilter.days(date(2001, 1, 1), date(2001, 1, 31)))
    assert result.count == 0 and (result.first_seq, result.last_seq) == (None, None)
    assert csv_rows(result.path) == [list(CSV_COLUMNS)]
    manifest = json.loads(manifest_path(result.path).read_text(encoding="utf-8"))
    assert (manifest["entry_count"], manifest["seq_ranges"]) == (0, [])
    report = verify.verify_extract(result.path)
    assert report.ok and report.checked == 0
    pdf = export(journal, tmp_path, name="vide.pdf", fmt="pdf",
                 filters=JournalFilter.days(date(2001, 1, 1), date(2001, 1, 31)))
    assert verify.verify_extract(pdf.path).ok
    assert "01/01/2001" in _pdf_text(pdf.path)


def test_a_pdf_extract_prints_the_header_the_accents_and_the_page_numbers(journal, tmp_path):
    result = export(journal, tmp_path, name="extrait.pdf", fmt="pdf")
    text = _pdf_text(result.path)
    reader = PdfReader(result.path)
    pages = len(reader.pages)
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height  # landscape
    assert "R\u00c9PUBLIQUE FRAN\u00c7AISE" in text and "POLICE MUNICIPALE" in text
    assert "Police municipale de Montclair-sur-Vienne" in text and "Montclair-sur-Vienne (86)" in text
    assert "H\u00e9l\u00e8ne Fontaine" in text  # who generated it
    assert "Laura Petit (lpetit)" in text  # whose accesses it shows
    assert "\u00ab fourri\u00e8re \u00bb" in text and MOTIVE in text
    assert f"Page 1/{pages}" in text and f"Page {pages}/{pages}" in text
    report = verify.verify_extract(result.path, expected_fingerprint=result.fingerprint)
    assert report.ok and report.kind == "pdf" and report.checked == result.count


def test_every_font_of_a_pdf_extract_is_embedded(journal, tmp_path):
    fonts = fonts_of(export(journal, tmp_path, name="extrait.pdf", fmt="pdf").path)
    assert fonts and all(fonts.values()), fonts
    assert set(fonts) <= {"DejaVuSans", "DejaVuSans-Bold"}, fonts


def test_a_changed_pdf_is_seen(journal, tmp_path):
    result = export(journal, tmp_path, name="extrait.pdf", fmt="pdf")
    data = bytearray(result.path.read_bytes())
    data[len(data) // 2] ^= 0x01
    result.path.write_bytes(bytes(data))
    report = verify.verify_extract(result.path)
    assert [f.message for f in report.findings] == [verify.BAD_DIGEST]


# -- tampering with a CSV extract ---------------------------------------------------------------------


def test_a_modified_field_is_named(journal, tmp_path):
    result = export(journal, tmp_path)
    rows = csv_rows(result.path)
    rows[5][CSV_COLUMNS.index("login")] = "quelqu-un"
    rewrite_csv(result.path, rows)
    report = verify.verify_extract(result.path)
    assert report.first.seq == int(rows[5][0]) and report.first.message == verify.MODIFIED
    assert verify.BAD_DIGEST in [f.message for f in report.findings]


def test_a_modified_entry_given_a_new_hash_breaks_the_next_link(journal, tmp_path):
    result = export(journal, tmp_path)
    rows = csv_rows(result.path)
    rows[5][CSV_COLUMNS.index("detail")] = "rien"
    values = [int(v) if n == "seq" else (v or None) if n == "user_id" else v for n, v in zip(CSV_COLUMNS, rows[5])]
    rows[5][HASH_COLUMN] = row_hash(values[:HASH_COLUMN])
    rewrite_csv(result.path, rows)
    report = verify.verify_extract(result.path)
    assert (report.first.seq, report.first.message) == (int(rows[6][0]), verify.BROKEN_LINK)


def test_a_deleted_entry_is_named(journal, tmp_path):
    result = export(journal, tmp_path)
    rows = csv_rows(result.path)
    gone = int(rows[10][0])
    rewrite_csv(result.path, rows[:10] + rows[11:])
    report = verify.verify_extract(result.path)
    assert (report.first.seq, report.first.message) == (gone, verify.MISSING)


def test_an_inserted_entry_is_named(journal, tmp_path):
    result = export(journal, tmp_path, filters=JournalFilter(login="lpetit"))
    rows = csv_rows(result.path)
    forged = list(rows[-1])
    forged[0] = str(int(forged[0]) + 1)
    forged[CSV_COLUMNS.index("prev_hash")] = rows[-1][HASH_COLUMN]
    values = [int(v) if n == "seq" else (v or None) if n == "user_id" else v for n, v in zip(CSV_COLUMNS, forged)]
    forged[HASH_COLUMN] = row_hash(values[:HASH_COLUMN])
    rewrite_csv(result.path, [*rows, forged])
    report = verify.verify_extract(result.path)
    assert (report.first.seq, report.first.message) == (int(forged[0]), verify.EXTRA)


def test_two_swapped_entries_are_named(journal, tmp_path):
    result = export(journal, tmp_path)
    rows = csv_rows(result.path)
    rows[3], rows[8] = rows[8], rows[3]
    rewrite_csv(result.path, rows)
    report = verify.verify_extract(result.path)
    assert report.first.message == verify.OUT_OF_ORDER
    assert report.first.params["seq"] == int(rows[4][0])


def test_a_truncated_extract_is_seen(journal, tmp_path):
    result = export(journal, tmp_path)
    rows = csv_rows(result.path)
    rewrite_csv(result.path, rows[:-4])
    report = verify.verify_extract(result.path)
    assert report.first.message == verify.TRUNCATED
    assert report.first.params == {"last": int(rows[-5][0]), "expected": result.last_seq}
    assert report.first.seq == int(rows[-4][0])
    rewrite_csv(result.path, rows[:1])
    assert verify.verify_extract(result.path).first.message == verify.EMPTIED


def test_a_duplicated_entry_is_named(journal, tmp_path):
    result = export(journal, tmp_path)
    rows = csv_rows(result.path)
    rewrite_csv(result.path, [*rows[:6], rows[5], *rows[6:]])
    report = verify.verify_extract(result.path)
    assert (report.first.seq, report.first.message) == (int(rows[5][0]), verify.TWICE)


def test_a_changed_manifest_no_longer_holds_its_signature(journal, tmp_path):
    result = export(journal, tmp_path)
    manifest = json.loads(result.manifest.read_text(encoding="utf-8"))
    manifest["motive"] = "Autre motif"
    result.manifest.write_text(json.dumps(manifest), encoding="utf-8")
    assert [f.message for f in verify.verify_extract(result.path).findings] == [verify.BAD_SIGNATURE]


def test_an_extract_signed_with_another_key_fails_against_the_station_fingerprint(journal, tmp_path):
    result = export(journal, tmp_path)
    station_fingerprint = result.fingerprint
    manifest = json.loads(result.manifest.read_text(encoding="utf-8"))
    other = Ed25519PrivateKey.generate().private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    public = signing.public_key(other)
    manifest.update(public_key=public.hex(), key_fingerprint=signing.fingerprint(public))
    result.manifest.write_text(json.dumps(signing.sign(manifest, other)), encoding="utf-8")
    alone = verify.verify_extract(result.path)
    assert alone.ok and alone.fingerprint == signing.fingerprint(public) != station_fingerprint
    typed = signing.readable_fingerprint(station_fingerprint).upper()
    report = verify.verify_extract(result.path, expected_fingerprint=typed)
    assert [f.message for f in report.findings] == [verify.OTHER_KEY]
    assert verify.verify_extract(result.path, expected_fingerprint=typed.replace(" ", ":")).findings
    # The right fingerprint, typed with spaces and capitals, is accepted on a genuine extract.
    genuine = export(journal, tmp_path, name="vrai.csv")
    assert verify.verify_extract(genuine.path, expected_fingerprint=typed).ok


def test_a_manifest_from_another_station_is_seen(journal, tmp_path, deps, new_station):
    from app.services.gate import StationGate
    from app.store.layout import StationPaths

    other = build_gate(tmp_path / "other", deps)
    other.admin, _code = other.create(new_station)
    try:
        theirs = service(other).export(other.admin, JournalFilter(), "csv", tmp_path / "theirs.csv", MOTIVE)
    finally:
        other.close()
    ours = export(journal, tmp_path)
    ours.manifest.write_bytes(theirs.manifest.read_bytes())
    report = verify.verify_extract(ours.path)
    messages = [f.message for f in report.findings]
    assert messages[0] == verify.OTHER_STATION and verify.BAD_DIGEST in messages
    assert report.fingerprint == theirs.fingerprint != ours.fingerprint
    assert verify.verify_extract(ours.path, expected_fingerprint=ours.fingerprint).findings[0].message == \
        verify.OTHER_KEY


def test_a_file_that_is_not_an_extract_is_said_so(journal, tmp_path):
    result = export(journal, tmp_path)
    result.path.write_text("bonjour\n", encoding="utf-8")
    assert verify.verify_extract(result.path).first.message == verify.BAD_HEADER
    result.manifest.write_text("{}", encoding="utf-8")
    assert verify.verify_extract(result.path).first.message == verify.NOT_A_MANIFEST
    result.manifest.unlink()
    with pytest.raises(verify.ManifestNotFound) as missing:
        verify.verify_extract(result.path)
    assert str(result.path) in str(missing.value) and "extrait.csv.manifest.json" in str(missing.value)


# -- a renamed extract -----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "pdf"])
def test_a_renamed_extract_still_verifies_by_its_digest(journal, tmp_path, fmt):
    result = export(journal, tmp_path, name=f"extrait.{fmt}", fmt=fmt)
    renamed = result.path.rename(tmp_path / "pièce jointe (1).dat")  # its extension lost too
    report = verify.verify_extract(renamed, expected_fingerprint=result.fingerprint)
    assert report.ok, report.findings
    assert report.kind == fmt and report.checked == result.count
    assert report.named == f"extrait.{fmt}" and report.renamed(renamed)
    both = result.manifest.rename(manifest_path(tmp_path / "copie.bin"))
    assert verify.verify_extract(renamed.rename(tmp_path / "copie.bin")).ok and both.is_file()


def test_a_renamed_extract_that_was_changed_finds_no_manifest(journal, tmp_path):
    result = export(journal, tmp_path)
    export(journal, tmp_path, name="autre.csv", filters=JournalFilter(login="lpetit"))
    renamed = result.path.rename(tmp_path / "copie.csv")
    rows = csv_rows(renamed)
    rewrite_csv(renamed, rows[:3] + rows[4:])
    with pytest.raises(verify.ManifestNotFound):
        verify.verify_extract(renamed)


def test_an_extract_under_its_own_name_is_not_renamed(journal, tmp_path):
    result = export(journal, tmp_path)
    report = verify.verify_extract(result.path)
    assert report.ok and not report.renamed(result.path)


def test_a_pdf_given_for_a_csv_manifest_is_said_so(journal, tmp_path):
    csv_extract = export(journal, tmp_path)
    pdf_extract = export(journal, tmp_path, name="extrait.pdf", fmt="pdf")
    csv_extract.path.write_bytes(pdf_extract.path.read_bytes())
    messages = [f.message for f in verify.verify_extract(csv_extract.path).findings]
    assert messages == [verify.NOT_THIS_FILE, verify.BAD_DIGEST]


# -- the export's rules ---------------------------------------------------------------------------------


def test_a_failed_write_leaves_neither_file_nor_entry(journal, tmp_path):
    before = seqs(journal)
    target = tmp_path / "missing-folder" / "extrait.csv"
    with pytest.raises(ExportFailed) as failed:
        service(journal).export(journal.mayor, JournalFilter(), "csv", target, MOTIVE)
    assert str(target) in str(failed.value)
    assert not target.parent.exists()
    assert seqs(journal) == before
    assert list(tmp_path.iterdir()) == [tmp_path / "station"]


def test_a_failed_commit_leaves_no_file(journal, tmp_path):
    sql(journal, "CREATE TRIGGER no_export BEFORE INSERT ON journal WHEN NEW.operation = 'export' "
                 "BEGIN SELECT RAISE(ABORT, 'refused'); END")
    before = seqs(journal)
    with pytest.raises(IntegrityError):
        export(journal, tmp_path)
    assert seqs(journal) == before
    assert list(tmp_path.iterdir()) == [tmp_path / "station"]


@pytest.mark.parametrize("motive", ["", "   "])
def test_an_export_needs_a_motive(journal, tmp_path, motive):
    before = seqs(journal)
    with pytest.raises(MotiveMissing):
        export(journal, tmp_path, motive=motive)
    assert seqs(journal) == before
    assert not (tmp_path / "extrait.csv").exists()


def test_exporting_takes_the_journal_export_right(journal, tmp_path):
    agent = journal.login("lpetit", AGENT_PASSWORD)
    with pytest.raises(AccessDenied):
        export(journal, tmp_path, actor=agent)
    assert not (tmp_path / "extrait.csv").exists()
    assert journal_entries(journal)[-1].operation == "refused"


def test_an_unknown_format_is_refused(journal, tmp_path):
    with pytest.raises(InvalidInput):
        export(journal, tmp_path, name="extrait.xls", fmt="xls")


def test_an_export_replaces_an_older_file_of_the_same_name(journal, tmp_path):
    (tmp_path / "extrait.csv").write_text("ancien", encoding="utf-8")
    result = export(journal, tmp_path)
    assert verify.verify_extract(result.path).ok


# -- search and count for the supervisor's screen ------------------------------------------------------------


def test_search_pages_newest_first_and_is_journaled_once(journal):
    journal_service = service(journal)
    filters = JournalFilter(login="lpetit", operation="consult")
    assert journal_service.count(journal.mayor, filters) == 20
    first = journal_service.search(journal.mayor, filters, limit=8)
    consults = len([e for e in journal_entries(journal) if e.operation == "consult" and e.login == "hfontaine"])
    second = journal_service.search(journal.mayor, filters, after_seq=first[-1].seq, limit=8, first_page=False)
    third = journal_service.search(journal.mayor, filters, after_seq=second[-1].seq, limit=8, first_page=False)
    seqs = [row.seq for row in first + second + third]
    assert len(seqs) == 20 and seqs == sorted(seqs, reverse=True)
    assert all(row.login == "lpetit" and row.at.tzinfo is not None for row in first + second + third)
    entries = journal_entries(journal)
    assert len([e for e in entries if e.operation == "consult" and e.login == "hfontaine"]) == consults == 1
    assert entries[-1].detail == "search: login=lpetit, operation=consult" and entries[-1].compartment == "journal"


def test_search_filters_by_operation_compartment_record_and_period(journal, clock):
    journal_service = service(journal)
    mayor = journal.mayor
    assert {r.operation for r in journal_service.search(mayor, JournalFilter(operation="modify"))} == {"modify"}
    assert journal_service.count(mayor, JournalFilter(compartment="registres")) == 20
    assert [r.record_id for r in journal_service.search(mayor, JournalFilter(record_id="record-0003"))] == \
        ["record-0003", "record-0003"]
    start, end = clock.now() - timedelta(hours=5), clock.now() - timedelta(minutes=30)
    expected = [e.seq for e in reversed(journal_entries(journal)) if start <= e.at < end]
    found = journal_service.search(mayor, JournalFilter(start=start, end=end))
    assert [r.seq for r in found] == expected and len(expected) == 5


def _doc_sample() -> str:
    from pathlib import Path

    doc = (Path(__file__).resolve().parent.parent / "docs" / "journal-format.md").read_text(encoding="utf-8")
    return doc.split("```python\n")[1].split("```")[0]


def test_the_standalone_check_of_docs_journal_format_verifies_an_extract(journal, tmp_path):
    namespace: dict = {"__name__": "journal_format_doc"}
    exec(compile(_doc_sample(), "journal-format.md", "exec"), namespace)
    result = export(journal, tmp_path, filters=JournalFilter(login="lpetit"))
    namespace["check"](str(result.path), signing.readable_fingerprint(result.fingerprint))
    rows = csv_rows(result.path)
    rewrite_csv(result.path, rows[:3] + rows[4:])
    with pytest.raises(namespace["DoesNotHold"]):
        namespace["check"](str(result.path))


def test_the_sample_verifier_fails_closed_under_python_o(journal, tmp_path):
    """`python -O` drops every assert: the sample must still refuse a tampered extract."""
    import subprocess
    import sys

    script = tmp_path / "check_extract.py"
    script.write_text(_doc_sample(), encoding="utf-8")

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-O", str(script), *args], capture_output=True, text=True,
                              encoding="utf-8", timeout=60)

    result = export(journal, tmp_path, filters=JournalFilter(login="lpetit"))
    fingerprint = signing.readable_fingerprint(result.fingerprint)
    holds = run(str(result.path), fingerprint)
    assert (holds.returncode, holds.stdout.strip()) == (0, "the extract holds"), holds.stderr
    assert run(str(result.path), "ab" * 32).returncode == 3  # another key than the station's
    renamed = result.path.rename(tmp_path / "copie.csv")
    assert run(str(renamed), fingerprint, str(result.manifest)).returncode == 0

    rows = csv_rows(renamed)
    rewrite_csv(renamed, rows[:3] + rows[4:])  # an entry taken out
    removed = run(str(renamed), fingerprint, str(result.manifest))
    assert removed.returncode == 3 and "does not hold" in removed.stderr
    rows[5][13] = "chang\u00e9"
    rewrite_csv(renamed, rows)  # a field changed
    assert run(str(renamed), "", str(result.manifest)).returncode == 3
    result.manifest.write_text("[]", encoding="utf-8")
    assert run(str(renamed), "", str(result.manifest)).returncode == 3


@pytest.mark.parametrize("fmt", ["csv", "pdf"])
def test_a_field_that_is_not_utf8_is_shown_replaced_and_its_extract_does_not_verify(journal, tmp_path, fmt):
    """Bytes that are not UTF-8, put in a motive by hand: the screen and the extracts show them as U+FFFD
    (not a Python bytes literal, not an error), and the extract's own check names the entry."""
    target = seqs(journal)[5]
    sql(journal, "UPDATE journal SET motive = CAST(x'41ff42' AS TEXT) WHERE seq = :seq", seq=target)
    shown = [row.motive for row in service(journal).search(journal.mayor, JournalFilter()) if row.seq == target]
    assert shown == ["A\ufffdB"]
    result = export(journal, tmp_path, name=f"extrait.{fmt}", fmt=fmt)
    if fmt == "pdf":
        assert "A\ufffdB" in _pdf_text(result.path)
        return
    assert [row["motive"] for row in read_csv(result.path) if int(row["seq"]) == target] == ["A\ufffdB"]
    report = verify.verify_extract(result.path, expected_fingerprint=service(journal).station_key().fingerprint)
    assert [finding.seq for finding in report.findings][:1] == [target]
