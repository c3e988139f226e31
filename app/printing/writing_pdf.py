"""A procès-verbal or rapport as the paper an OPJ and a procureur expect: A4 portrait, DejaVu embedded.

Every page carries the document's number and `Page x/y`; a draft carries a
diagonal "PROJET" on every page; a signed document carries the SHA-256 of
its signed content in the footer of every page. The parts, in order: the
header (République française, police municipale, department, commune,
service, the logo when an administrator gave one), the title and number,
date, time and place, the author (grade, name, matricule, the APJA mention
and the legal bases), the template's opening text, the facts, then the
author's personal assessments set apart in a shaded box, the people and
their roles, the NATINF codes with their labels (and a requalification),
the hand-over to an OPJ, the closure and the signature blocks, then the
addenda, the transmissions and the court outcomes.

The core has no Qt: the caller passes `translate(context, text)` (the CLI
and the GUI pass app.i18n.translate). The template's texts are the
service's own, in French, and are printed as they are.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime, tzinfo
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Image, KeepTogether, SimpleDocTemplate, Spacer, Table

from app.errors import QT_TRANSLATE_NOOP
from app.models.writings import OUTCOME_LABELS, PERSON_ROLE_LABELS, RECIPIENT_LABELS
from app.printing.journal_pdf import FONT, FONT_BOLD, MUNICIPAL_POLICE, REPUBLIC, register_fonts
from app.printing.writing_pdf_layout import (
    CONTENT_WIDTH,
    INK,
    MARGIN,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    Keep,
    grid,
    kept,
    numbered,
    para,
    styles,
    table_style,
)
from app.writings.types import Letterhead, OffenceInfo, WritingDetail

Translate = Callable[[str, str], str]

# French legal wording, printed as it is whatever the interface's language: the status the
# agent acts under (CPP art. 21 2°) and the mark of a document that is not signed.
APJA = "Agent de police judiciaire adjoint"
WATERMARK = "PROJET"

C = "writings"  # translation context
DEPARTMENT = QT_TRANSLATE_NOOP("writings", "Department: {department}")
NUMBER = QT_TRANSLATE_NOOP("writings", "No. {number}")
FACTS_DATE = QT_TRANSLATE_NOOP("writings", "Date and time of the facts")
PLACE = QT_TRANSLATE_NOOP("writings", "Place")
SUBJECT = QT_TRANSLATE_NOOP("writings", "Subject")
DRAFTED = QT_TRANSLATE_NOOP("writings", "Written on")
SIGNED_ON = QT_TRANSLATE_NOOP("writings", "Signed on")
NOT_SIGNED = QT_TRANSLATE_NOOP("writings", "Not signed: draft")
LOGBOOK = QT_TRANSLATE_NOOP("writings", "Main courante entry")
PLATE = QT_TRANSLATE_NOOP("writings", "Vehicle plate")
AUTHOR = QT_TRANSLATE_NOOP("writings", "Author")
AUTHOR_LINE = QT_TRANSLATE_NOOP("writings", "{grade} {name}, matricule {matricule}")
AUTHOR_LINE_NO_MATRICULE = QT_TRANSLATE_NOOP("writings", "{grade} {name}")
LEGAL_BASES = QT_TRANSLATE_NOOP("writings", "Legal bases")
ASSISTED = QT_TRANSLATE_NOOP("writings", "Assisted by")
AT = QT_TRANSLATE_NOOP("writings", "{date} at {time}")
ASSESSMENTS_NOTE = QT_TRANSLATE_NOOP(
    "writings", "What follows are the author's personal assessments, not findings of fact.")
NO_ASSESSMENTS = QT_TRANSLATE_NOOP("writings", "No personal assessment.")
NO_PEOPLE = QT_TRANSLATE_NOOP("writings", "No person recorded.")
BORN = QT_TRANSLATE_NOOP("writings", "born on {date} in {place}")
BORN_ON = QT_TRANSLATE_NOOP("writings", "born on {date}")
ADDRESS = QT_TRANSLATE_NOOP("writings", "Address: {value}")
IDENTITY = QT_TRANSLATE_NOOP("writings", "Identity document: {value}")
PROFESSION = QT_TRANSLATE_NOOP("writings", "Profession: {value}")
CONTACT = QT_TRANSLATE_NOOP("writings", "Contact: {value}")
ERASED = QT_TRANSLATE_NOOP(
    "writings", "The personal data of this case were erased on {date} (court outcome or end of retention).")
CODE = QT_TRANSLATE_NOOP("writings", "NATINF")
QUALIFICATION = QT_TRANSLATE_NOOP("writings", "Qualification")
NATURE = QT_TRANSLATE_NOOP("writings", "Nature")
NO_OFFENCE = QT_TRANSLATE_NOOP("writings", "No NATINF code.")
NATINF_VERSION = QT_TRANSLATE_NOOP("writings", "NATINF nomenclature used: {version}")
OFFENCE_NATURE = QT_TRANSLATE_NOOP("writings", "Nature of the offence: {value}")
REQUALIFIED = QT_TRANSLATE_NOOP(
    "writings", "Qualification in force after the requalification of {date} ({authority}):")
AUTHOR_QUALIFICATION = QT_TRANSLATE_NOOP("writings", "Qualification given by the author:")
HANDED_OVER = QT_TRANSLATE_NOOP("writings", "Person handed over to {opj} on {date} at {time}.")
HANDED_OVER_UNNAMED = QT_TRANSLATE_NOOP("writings", "Person handed over to the OPJ on {date} at {time}.")
SIGNED_ELECTRONICALLY = QT_TRANSLATE_NOOP("writings", "Signed on {date} at {time}")
ADDENDUM = QT_TRANSLATE_NOOP("writings", "ADDENDUM No. {addendum} TO DOCUMENT No. {number}")
ADDENDUM_BY = QT_TRANSLATE_NOOP(
    "writings", "Written and signed on {date} at {time} by {author}. SHA-256: {hash}")
RECIPIENT = QT_TRANSLATE_NOOP("writings", "Recipient")
NAME = QT_TRANSLATE_NOOP("writings", "Name")
SENT = QT_TRANSLATE_NOOP("writings", "Sent on")
MEANS = QT_TRANSLATE_NOOP("writings", "Means")
NO_TRANSMISSION = QT_TRANSLATE_NOOP("writings", "No transmission recorded.")
OUTCOMES = QT_TRANSLATE_NOOP("writings", "COURT OUTCOME")
OUTCOME_LINE = QT_TRANSLATE_NOOP("writings", "{outcome}, decision of {date}")
PAGE = QT_TRANSLATE_NOOP("writings", "Page {page}/{pages}")
HASH_FOOTER = QT_TRANSLATE_NOOP("writings", "Signed document. SHA-256 of its content: {hash}")
DRAFT_FOOTER = QT_TRANSLATE_NOOP("writings", "Draft: not signed, no value as a procedural document.")


def english(context: str, text: str) -> str:
    return text


def render(out: BinaryIO, document: WritingDetail, letterhead: Letterhead, *, translate: Translate = english,
           zone: tzinfo | None = None, now: datetime | None = None) -> int:
    """Write the PDF of *document* to *out*; returns its number of pages."""
    register_fonts()
    parts = _Parts(document, letterhead, translate, zone, now or datetime.now().astimezone())
    pdf = SimpleDocTemplate(
        out, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=22 * mm, bottomMargin=24 * mm,
        title=f"{document.title} {translate(C, NUMBER).format(number=document.number)}",
        author=document.author_name, subject=letterhead.service_name, creator="Vigie",
    )
    pages: list[int] = []
    pdf.build(parts.story(), onFirstPage=parts.draw_page, onLaterPages=parts.draw_page,
              canvasmaker=numbered(lambda page, total: parts.tr(PAGE, page=page, pages=total), pages))
    return pages[0]


class _Parts:
    def __init__(self, document: WritingDetail, letterhead: Letterhead, translate: Translate,
                 zone: tzinfo | None, now: datetime) -> None:
        self.d = document
        self.head = letterhead
        self.tr = lambda text, **params: translate(C, text).format(**params) if params else translate(C, text)
        self.translate = translate
        self.zone = zone
        self.now = now
        self.s = styles()

    # -- times ------------------------------------------------------------------------------

    def local(self, at: datetime) -> datetime:
        return at.astimezone(self.zone) if self.zone is not None else at.astimezone()

    def day(self, at: datetime) -> str:
        return self.local(at).strftime("%d/%m/%Y")

    def hour(self, at: datetime) -> str:
        return self.local(at).strftime("%H:%M")

    def when(self, at: datetime) -> str:
        return self.tr(AT, date=self.day(at), time=self.hour(at))

    # -- the story ----------------------------------------------------------------------------

    def story(self) -> list:
        d = self.d
        story = [self.header(), Spacer(1, 4 * mm), para(d.title, self.s.title),
                 para(self.tr(NUMBER, number=d.number), self.s.number), self.facts_table(), Spacer(1, 3 * mm),
                 self.author_block(), Spacer(1, 3 * mm), para(self.filled(d.preamble), self.s.text)]
        facts = self.paragraphs(d.facts, self.s.text)
        if d.personal_data_erased_at is not None:
            facts.append(para(self.tr(ERASED, date=self.day(d.personal_data_erased_at)), self.s.note))
        story += kept(self.section("facts"), facts)
        story += self.assessments()
        story += self.people()
        story += self.offences()
        if d.handed_over_at is not None:
            at = {"date": self.day(d.handed_over_at), "time": self.hour(d.handed_over_at)}
            handed = self.tr(HANDED_OVER, opj=d.handed_over_to, **at) if d.handed_over_to else \
                self.tr(HANDED_OVER_UNNAMED, **at)
            story.append(para(handed, self.s.text))
        story.append(KeepTogether([Spacer(1, 4 * mm), para(self.filled(d.closure), self.s.text),
                                   Spacer(1, 3 * mm), self.signatures()]))
        for addendum in d.addenda:
            author = f"{addendum.author_grade} {addendum.author_name}".strip()
            if addendum.author_matricule:
                author += f" ({addendum.author_matricule})"
            story += [CondPageBreak(40 * mm),
                      para(self.tr(ADDENDUM, addendum=addendum.number, number=d.number), self.s.section)]
            story += self.paragraphs(addendum.text, self.s.text)
            story.append(para(self.tr(ADDENDUM_BY, date=self.day(addendum.signed_at),
                                       time=self.hour(addendum.signed_at), author=author,
                                       hash=addendum.content_hash), self.s.note))
        story += self.transmissions()
        story += self.outcomes()
        return story

    def header(self) -> Table:
        h = self.head
        left = [para(REPUBLIC, self.s.head), para(MUNICIPAL_POLICE, self.s.head),
                para(self.tr(DEPARTMENT, department=h.department), self.s.head_small),
                para(h.commune, self.s.head_small), para(h.service_name, self.s.head_small)]
        right: list = []
        if h.logo:
            reader = ImageReader(io.BytesIO(h.logo))
            width, height = reader.getSize()
            scale = min(40 * mm / width, 22 * mm / height)
            right.append(Image(io.BytesIO(h.logo), width=width * scale, height=height * scale, hAlign="RIGHT"))
        table = Table([[left, right]], colWidths=[110 * mm, CONTENT_WIDTH - 110 * mm])
        table.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                   ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)))
        return table

    def facts_table(self) -> Table:
        d = self.d
        rows = [(FACTS_DATE, self.when(d.occurred_at) if d.occurred_at else "\u2014"),
                (PLACE, d.place or "\u2014")]
        if d.subject:
            rows.append((SUBJECT, d.subject))
        rows.append((DRAFTED, self.when(d.created_at)))
        rows.append((SIGNED_ON, self.when(d.signed_at)) if d.signed_at else (SIGNED_ON, self.tr(NOT_SIGNED)))
        if d.logbook_number:
            rows.append((LOGBOOK, d.logbook_number))
        if d.vehicle_plate:
            rows.append((PLATE, d.vehicle_plate))
        return grid([[para(self.tr(label), self.s.label), para(value, self.s.cell)] for label, value in rows],
                         [50 * mm, None], header=False)

    def author_block(self) -> Table:
        d = self.d
        line = AUTHOR_LINE if d.author_matricule else AUTHOR_LINE_NO_MATRICULE
        who = self.tr(line, grade=d.author_grade, name=d.author_name, matricule=d.author_matricule).strip()
        rows = [[para(self.tr(AUTHOR), self.s.label), [para(who, self.s.cell), para(APJA, self.s.label)]],
                [para(self.tr(LEGAL_BASES), self.s.label), para(" ; ".join(d.legal_bases) or "\u2014", self.s.cell)]]
        if d.assisting_agents:
            rows.append([para(self.tr(ASSISTED), self.s.label), para(d.assisting_agents, self.s.cell)])
        return grid(rows, [50 * mm, None], header=False)

    def section(self, key: str, fallback: str = "") -> list:
        title = self.d.sections.get(key) or fallback
        return [CondPageBreak(25 * mm), para(title.upper(), self.s.section)] if title else []

    def paragraphs(self, text: str, style: ParagraphStyle) -> list:
        blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n") if block.strip()]
        return [para(block, style) for block in blocks]

    def assessments(self) -> list:
        story = self.section("assessments")
        story.append(para(self.tr(ASSESSMENTS_NOTE), self.s.note))
        blocks = self.paragraphs(self.d.assessments, self.s.assessment)
        return kept(story, blocks or [para(self.tr(NO_ASSESSMENTS), self.s.assessment)])

    def people(self) -> list:
        d = self.d
        story = self.section("people")
        if d.personal_data_erased_at is not None:
            return kept(story, [para(self.tr(ERASED, date=self.day(d.personal_data_erased_at)), self.s.text)])
        if not d.people:
            return kept(story, [para(self.tr(NO_PEOPLE), self.s.text)])
        rows = []
        for person in d.people:
            name = " ".join(part for part in (person.last_name.upper(), person.first_names) if part)
            lines = [name]
            if person.birth_date and person.birth_place:
                lines.append(self.tr(BORN, date=person.birth_date.strftime("%d/%m/%Y"), place=person.birth_place))
            elif person.birth_date:
                lines.append(self.tr(BORN_ON, date=person.birth_date.strftime("%d/%m/%Y")))
            for label, value in ((ADDRESS, person.address), (IDENTITY, person.identity_document),
                                 (PROFESSION, person.profession), (CONTACT, person.contact)):
                if value:
                    lines.append(self.tr(label, value=value))
            rows.append([para(self.translate("people", PERSON_ROLE_LABELS[person.role]), self.s.label),
                         para("\n".join(lines), self.s.cell)])
        return kept(story, [grid(rows, [40 * mm, None], header=False)])

    def offences(self) -> list:
        d = self.d
        heading = self.section("offences")
        story: list = []
        requalification = next((o for o in reversed(d.outcomes) if o.qualification), None)
        if requalification is not None:
            story.append(para(self.tr(REQUALIFIED, date=requalification.decided_on.strftime("%d/%m/%Y"),
                                       authority=requalification.authority or "\u2014"), self.s.label))
            story.append(self.offence_table(requalification.qualification))
            story.append(Spacer(1, 2 * mm))
            story.append(para(self.tr(AUTHOR_QUALIFICATION), self.s.label))
        story.append(self.offence_table(d.offences) if d.offences else para(self.tr(NO_OFFENCE), self.s.text))
        if d.offence_nature:
            story += [Spacer(1, 2 * mm), para(self.tr(OFFENCE_NATURE, value=d.offence_nature), self.s.text)]
        if d.natinf_version_label:
            story.append(Spacer(1, 1.5 * mm))
            story.append(para(self.tr(NATINF_VERSION, version=d.natinf_version_label), self.s.note))
        return kept(heading, story)

    def offence_table(self, offences: tuple[OffenceInfo, ...]) -> Table:
        rows = [[para(self.tr(CODE), self.s.label), para(self.tr(QUALIFICATION), self.s.label),
                 para(self.tr(NATURE), self.s.label)]]
        rows += [[para(o.code, self.s.cell), para(o.qualification, self.s.cell), para(o.nature, self.s.cell)]
                 for o in offences]
        return grid(rows, [20 * mm, None, 38 * mm], header=True)

    def signatures(self) -> Table:
        d = self.d
        captions = list(d.signatures) or [""]
        cells = []
        for index, caption in enumerate(captions):
            cell = [para(caption, self.s.label)]
            if index == 0:
                line = AUTHOR_LINE if d.author_matricule else AUTHOR_LINE_NO_MATRICULE
                cell.append(para(self.tr(line, grade=d.author_grade, name=d.author_name,
                                          matricule=d.author_matricule).strip(), self.s.cell))
                if d.signed_at is not None:
                    cell.append(para(self.tr(SIGNED_ELECTRONICALLY, date=self.day(d.signed_at),
                                              time=self.hour(d.signed_at)), self.s.note))
            cell.append(Spacer(1, 16 * mm))
            cells.append(cell)
        width = CONTENT_WIDTH / len(cells)
        table = Table([cells], colWidths=[width] * len(cells))
        table.setStyle(table_style(("BOX", (0, 0), (-1, -1), 0.5, INK), ("INNERGRID", (0, 0), (-1, -1), 0.5, INK),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 4)))
        return table

    def transmissions(self) -> list:
        d = self.d
        story = self.section("transmission")
        if not d.transmissions:
            return kept(story, [para(self.tr(NO_TRANSMISSION), self.s.text)])
        rows = [[para(self.tr(text), self.s.label) for text in (RECIPIENT, NAME, SENT, MEANS)]]
        rows += [[para(self.tr(RECIPIENT_LABELS[t.recipient_kind]), self.s.cell), para(t.recipient_name, self.s.cell),
                  para(self.when(t.sent_at), self.s.cell), para(t.means, self.s.cell)] for t in d.transmissions]
        return kept(story, [grid(rows, [45 * mm, None, 35 * mm, 32 * mm], header=True)])

    def outcomes(self) -> list:
        d = self.d
        if not d.outcomes:
            return []
        story = [CondPageBreak(25 * mm), para(self.tr(OUTCOMES), self.s.section)]
        for outcome in d.outcomes:
            line = self.tr(OUTCOME_LINE, outcome=self.tr(OUTCOME_LABELS[outcome.kind]),
                           date=outcome.decided_on.strftime("%d/%m/%Y"))
            details = [part for part in (outcome.authority, outcome.detail) if part]
            story.append(para(" \u2014 ".join([line, *details]), self.s.text))
        return story

    def filled(self, text: str) -> str:
        """A template's fixed text with this document's values; an unknown {placeholder} stays as typed."""
        d, h = self.d, self.head
        moment = d.signed_at or self.now
        values = {"name": d.author_name, "grade": d.author_grade, "matricule": d.author_matricule or "\u2014",
                  "service": h.service_name, "commune": h.commune, "department": h.department,
                  "number": d.number, "date": self.day(moment), "time": self.hour(moment)}
        try:
            return text.format_map(Keep(values))
        except (ValueError, IndexError):  # a stray brace in an administrator's text: printed as typed
            return text

    # -- every page ----------------------------------------------------------------------------

    def draw_page(self, canvas: Canvas, _document) -> None:
        d = self.d
        canvas.saveState()
        if not d.signed:
            canvas.setFillColor(colors.Color(0.75, 0.75, 0.75, alpha=0.35))
            canvas.setFont(FONT_BOLD, 110)
            canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
            canvas.rotate(45)
            canvas.drawCentredString(0, -35, WATERMARK)
            canvas.rotate(-45)
            canvas.translate(-PAGE_WIDTH / 2, -PAGE_HEIGHT / 2)
        canvas.setFillColor(INK)
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(0.4)
        if canvas.getPageNumber() > 1:  # the first page has the full header
            canvas.setFont(FONT, 7.5)
            canvas.drawString(MARGIN, PAGE_HEIGHT - 11 * mm, f"{MUNICIPAL_POLICE} \u2014 {self.head.commune}")
            canvas.setFont(FONT_BOLD, 8)
            canvas.drawRightString(PAGE_WIDTH - MARGIN, PAGE_HEIGHT - 11 * mm,
                                   f"{d.title} \u2014 {self.tr(NUMBER, number=d.number)}")
            canvas.line(MARGIN, PAGE_HEIGHT - 13 * mm, PAGE_WIDTH - MARGIN, PAGE_HEIGHT - 13 * mm)
        canvas.line(MARGIN, 17 * mm, PAGE_WIDTH - MARGIN, 17 * mm)
        canvas.setFont(FONT, 7.5)
        canvas.drawString(MARGIN, 12.5 * mm, f"{self.head.service_name} \u2014 {self.tr(NUMBER, number=d.number)}")
        canvas.setFont(FONT, 6.5)
        if d.signed:
            canvas.drawString(MARGIN, 8.5 * mm, self.tr(HASH_FOOTER, hash=d.content_hash))
        else:
            canvas.drawString(MARGIN, 8.5 * mm, f"{WATERMARK} \u2014 {self.tr(DRAFT_FOOTER)}")
        canvas.restoreState()
