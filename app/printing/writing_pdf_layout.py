"""The layout of a PV or rapport: page geometry, paragraph styles, tables, and the numbered canvas.

Only reportlab's pieces here; what the document says is app/printing/writing_pdf.py.
"""

from __future__ import annotations

from collections.abc import Callable
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, Paragraph, Table, TableStyle

from app.printing.journal_pdf import FONT, FONT_BOLD

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN - 12  # inside the frame's padding (6 pt each side)
INK = colors.HexColor("#1f3a5f")
SHADE = colors.HexColor("#eef1f5")


class Styles:
    def __init__(self) -> None:
        self.text = ParagraphStyle("text", fontName=FONT, fontSize=10, leading=14, alignment=TA_JUSTIFY,
                                   spaceAfter=5)
        self.small = ParagraphStyle("small", fontName=FONT, fontSize=8, leading=10)
        self.head = ParagraphStyle("head", fontName=FONT_BOLD, fontSize=9.5, leading=12)
        self.head_small = ParagraphStyle("head_small", fontName=FONT, fontSize=8.5, leading=11)
        self.title = ParagraphStyle("title", fontName=FONT_BOLD, fontSize=15, leading=19, alignment=TA_CENTER,
                                    spaceBefore=4)
        self.number = ParagraphStyle("number", fontName=FONT_BOLD, fontSize=11.5, leading=15,
                                     alignment=TA_CENTER, spaceAfter=8)
        self.section = ParagraphStyle("section", fontName=FONT_BOLD, fontSize=10.5, leading=14, textColor=INK,
                                      spaceBefore=10, spaceAfter=5, borderPadding=(0, 0, 2, 0))
        self.label = ParagraphStyle("label", fontName=FONT_BOLD, fontSize=9, leading=12)
        self.cell = ParagraphStyle("cell", fontName=FONT, fontSize=9, leading=12)
        self.assessment = ParagraphStyle("assessment", parent=self.text, backColor=SHADE, borderColor=INK,
                                         borderWidth=0.5, borderPadding=5, leftIndent=5, rightIndent=5,
                                         spaceBefore=3, spaceAfter=9)
        self.note = ParagraphStyle("note", fontName=FONT, fontSize=8.5, leading=11, textColor=INK, spaceAfter=6)


STYLES: Styles | None = None


def styles() -> Styles:
    global STYLES
    if STYLES is None:
        STYLES = Styles()
    return STYLES


def para(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def table_style(*commands: tuple) -> TableStyle:
    """A table's style, its cells in the embedded font (reportlab's own default is Helvetica, not embedded)."""
    return TableStyle([("FONT", (0, 0), (-1, -1), FONT), *commands])


def grid(rows: list, widths: list, header: bool) -> Table:
    """A table of the content's width; a None width takes what the others leave."""
    free = CONTENT_WIDTH - sum(w for w in widths if w)
    table = Table(rows, colWidths=[w if w else free for w in widths], repeatRows=1 if header else 0)
    style = [("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9aa5b1")), ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4)]
    style.append(("BACKGROUND", (0, 0), (0 if not header else -1, -1 if not header else 0), SHADE))
    table.setStyle(table_style(*style))
    return table


# The lines of a section's first paragraph that must stand under its heading, on the same page.
FIRST_LINES = 3


class _KeptSection(KeepTogether):
    """KeepTogether that counts the space before its heading.

    reportlab measures a KeepTogether's content as if it stood at the top of a frame, leaving out its
    first flowable's space before; the frame then adds that space when it lays the heading below other
    text. A body a few points taller than what was left then went to the next page without its heading
    (a PV's "PERSONNES EN CAUSE" alone at the foot of page 1).
    """

    def _lead(self) -> float:
        return next((float(f.getSpaceBefore()) for f in self._content if isinstance(f, Paragraph)), 0.0)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        width, height = super().wrap(availWidth, availHeight)
        return width, height + self._lead()

    def split(self, availWidth: float, availHeight: float) -> list:
        height = availHeight - self._lead()
        if self._starts_here(availWidth, height):
            return list(self._content)  # laid one by one: the paragraph goes on over the page
        return super().split(availWidth, height)

    def _starts_here(self, width: float, height: float) -> bool:
        """Whether the heading and the first lines of a long first paragraph fit in what is left: the
        paragraph then starts here (KeepTogether sent it whole to the next page, leaving this one blank)."""
        *heading, first = self._content
        if not isinstance(first, Paragraph):
            return False
        needed = sum(f.wrap(width, height)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in heading)
        return needed + first.getSpaceBefore() + FIRST_LINES * first.style.leading <= height


def kept(heading: list, body: list) -> list:
    """A section's heading on the same page as the start of its body."""
    if not heading or not body:
        return heading + body
    return [_KeptSection([*heading, body[0]]), *body[1:]]


class Keep(dict):
    """Format values where an unknown {placeholder} stays as typed."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def numbered(page_label: Callable[[int, int], str], pages: list[int]) -> type[Canvas]:
    """A canvas that writes "Page x/y" (*page_label*) on every page once it knows how many there are."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs) -> None:
            # reportlab's default first font is Helvetica, named in every page and never embedded.
            super().__init__(*args, **{**kwargs, "initialFontName": FONT})
            self._pages: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            pages.append(total)
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(FONT_BOLD, 8)
                self.setFillColor(INK)
                self.drawRightString(PAGE_WIDTH - MARGIN, 12.5 * mm,
                                     page_label(self._pageNumber, total))
                super().showPage()
            super().save()

    return NumberedCanvas
