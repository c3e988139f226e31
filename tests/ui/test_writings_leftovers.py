"""The Écrits screens' leftovers: an erased PV's subject in the list says when and why it was erased, and the
form of a PV that no longer matches its signature shows a red banner and offers neither preview nor print."""

from __future__ import annotations

from datetime import date

from app.models.writings import OutcomeKind
from app.writings.types import OutcomeData
from tests.conftest import ADMIN_PASSWORD
from tests.test_writings_support import draft_pv
from tests.test_writings_verify import FORGED, forge
from app.ui.writings.screen import WritingsPage


def listed(qtbot, gate, tasks, rows: int) -> WritingsPage:
    page = WritingsPage(gate.services, gate.admin, tasks)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.loaded and not page.is_busy and page.table.rowCount() == rows, timeout=10_000)
    return page


def test_an_erased_pv_reads_erased_on_its_date_with_its_outcome(gate, french, tasks, qtbot):
    writings = gate.services.writings
    erased = writings.sign(gate.admin, draft_pv(gate).id, ADMIN_PASSWORD)
    kept = draft_pv(gate)
    writings.record_outcome(gate.admin, erased.id, OutcomeData(OutcomeKind.DISMISSAL, date(2026, 11, 20)))
    when = writings.get(gate.admin, erased.id).personal_data_erased_at.astimezone().strftime("%d/%m/%Y")
    page = listed(qtbot, gate, tasks, 2)
    subjects = {page.table.item(row, 0).text(): page.table.item(row, 4).text() for row in range(2)}
    assert subjects[erased.number] == f"Effacé le {when} (Classement sans suite)"
    assert subjects[kept.number] == kept.subject
    dialog = page.open_document(erased.id)
    qtbot.waitUntil(lambda: dialog.document is not None and not dialog.is_busy, timeout=10_000)
    assert dialog.subject.placeholderText() == subjects[erased.number]  # the form's wording, the list's
    assert not dialog.altered_banner.isVisible()


def test_an_altered_pv_shows_a_red_banner_and_cannot_be_previewed_or_printed(gate, french, tasks, qtbot):
    writings = gate.services.writings
    forged = writings.sign(gate.admin, draft_pv(gate).id, ADMIN_PASSWORD)
    intact = writings.sign(gate.admin, draft_pv(gate).id, ADMIN_PASSWORD)
    forge(gate, forged.id, f"facts = '{FORGED}'")
    page = listed(qtbot, gate, tasks, 2)
    shown = {}
    for document in (forged, intact):
        dialog = page.open_document(document.id)
        qtbot.waitUntil(lambda d=dialog: d.document is not None and not d.is_busy, timeout=10_000)
        shown[document.id] = dialog
    bad, good = shown[forged.id], shown[intact.id]
    assert bad.altered_banner.isVisible()
    assert bad.altered_banner.text() == "Contenu altéré\u00a0: ce document ne correspond plus à sa signature"
    assert not any(b.isEnabled() for b in (bad.preview_button, bad.pdf_button, bad.print_button))
    assert not good.altered_banner.isVisible()
    assert all(b.isEnabled() and b.isVisible() for b in (good.preview_button, good.pdf_button, good.print_button))
