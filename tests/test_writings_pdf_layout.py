"""A section's heading of a printed PV never stays alone at the foot of a page, whatever space is left."""

from __future__ import annotations

import io

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Paragraph, SimpleDocTemplate, Spacer

from app.printing.journal_pdf import register_fonts
from app.printing.writing_pdf_layout import grid, kept, styles

HEADING = "PERSONNES EN CAUSE"
BODY = "Mis en cause"


def _pages(space_above: float) -> list[str]:
    register_fonts()
    s = styles()
    person = Paragraph("GARNIER Olivier<br/>né(e) le 14/09/1984<br/>8 rue des Acacias<br/>Profession : Comptable",
                       s.cell)
    section = kept([CondPageBreak(25 * mm), Paragraph(HEADING, s.section)],
                   [grid([[Paragraph(BODY, s.label), person]], [40 * mm, None], header=False)])
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build([Paragraph("Constatations.", s.text), Spacer(1, space_above), *section])
    return [page.extract_text() for page in PdfReader(io.BytesIO(out.getvalue())).pages]


def test_a_heading_goes_to_the_next_page_with_its_body_when_the_body_does_not_fit_below_it():
    # Step the space left at the foot of page 1 through the whole range where the heading alone fits:
    # at each step the heading and its body share a page.
    frame = A4[1] - 2 * 72
    seen_both_pages = False
    for step in range(0, 60):
        pages = _pages(frame - 130 + step * 2)
        with_heading = [page for page in pages if HEADING in page]
        assert len(with_heading) == 1 and BODY in with_heading[0], (step, pages)
        seen_both_pages |= len(pages) == 2
    assert seen_both_pages  # the sweep did reach the foot of the page
