"""`vigie documents` and `vigie print`, run as a user runs them: new processes, password on stdin."""

from __future__ import annotations

from app.models.writings import WritingKind
from tests.conftest import ADMIN_PASSWORD, journal_entries, reopen
from tests.test_journal_cli import vigie
from tests.test_writings_support import draft_pv, text_of


def test_documents_lists_then_print_writes_a_journaled_pdf(gate, station_dir, deps, tmp_path):
    signed = gate.services.writings.sign(gate.admin, draft_pv(gate).id, ADMIN_PASSWORD)
    gate.services.writings.create_draft(gate.admin, WritingKind.RAPPORT_INFORMATION)
    gate.close()

    listed = vigie("documents", "--data-dir", str(station_dir), "--as", "admin", stdin=f"{ADMIN_PASSWORD}\n")
    assert listed.returncode == 0, listed.stderr
    lines = [line.split("\t") for line in listed.stdout.splitlines()]
    assert [line[0] for line in lines] == ["2026/00002", "2026/00001"]
    assert all(len(line) == 4 for line in lines)
    assert lines[1][3] == signed.occurred_at.astimezone().strftime("%d/%m/%Y")

    out = tmp_path / "pv 2026-00001.pdf"
    printed = vigie("print", "--data-dir", str(station_dir), "--document", "2026/00001", "--out", str(out),
                    "--as", "admin", "--motive", "Transmission à l'OPJ", "--recipient", "Capitaine Roux",
                    stdin=f"{ADMIN_PASSWORD}\n")
    assert printed.returncode == 0, printed.stderr
    assert "2026/00001" in text_of(out) and signed.content_hash in text_of(out).replace("\n", "")

    missing = vigie("print", "--data-dir", str(station_dir), "--document", "2026/09999", "--out",
                    str(tmp_path / "pv 2026-09999.pdf"),
                    "--as", "admin", "--motive", "x", stdin=f"{ADMIN_PASSWORD}\n")
    assert missing.returncode == 1 and "2026/09999" in missing.stderr and "Traceback" not in missing.stderr
    unwritable = vigie("print", "--data-dir", str(station_dir), "--document", "2026/00001", "--out",
                       str(tmp_path / "gone" / "pv.pdf"), "--as", "admin", "--motive", "x",
                       stdin=f"{ADMIN_PASSWORD}\n")
    assert unwritable.returncode == 1 and "Traceback" not in unwritable.stderr

    again = reopen(station_dir, deps)
    again.login("admin", ADMIN_PASSWORD)
    prints = [e for e in journal_entries(again) if e.operation == "print"]
    again.close()
    assert [(e.record_id, e.motive, e.recipient) for e in prints] == [
        (signed.id, "Transmission à l'OPJ", "Capitaine Roux")]
