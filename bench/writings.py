"""Écrits: rendering a PV to PDF (three pages), and a hundred PVs in a row."""

from __future__ import annotations

import io
import time
from datetime import UTC, date, datetime

from bench import Goal, Outcome, Run, compare, figure, in_unit

PARAGRAPH = ("Étant en patrouille pédestre avenue de la Gare, nous constatons que plusieurs véhicules stationnent "
             "sur le trottoir, obligeant les piétons, dont des enfants accompagnés et des personnes à mobilité "
             "réduite, à emprunter la chaussée. ")


def _document(facts_paragraphs: int):
    """A signed PV as the renderer receives it, with people, codes, addenda and transmissions."""
    from app.models.writings import PersonRole, RecipientKind, WritingKind, WritingStatus
    from app.writings.types import (
        AddendumInfo,
        OffenceInfo,
        PersonInfo,
        TransmissionInfo,
        WritingDetail,
    )

    at = datetime(2026, 11, 22, 7, 45, tzinfo=UTC)
    return WritingDetail(
        id="bench", version=2, number="2026/00042", kind=WritingKind.PV_CONSTATATION, status=WritingStatus.SIGNED,
        title="PROCÈS-VERBAL DE CONSTATATION",
        sections={"facts": "CONSTATATIONS", "assessments": "APPRÉCIATIONS PERSONNELLES DU RÉDACTEUR",
                  "people": "PERSONNES EN CAUSE", "offences": "INFRACTIONS RELEVÉES (NATINF)",
                  "transmission": "TRANSMISSION"},
        preamble="Nous, soussigné(e) {name}, {grade}, matricule {matricule}, agent de police judiciaire adjoint "
                 "en fonction à la {service}, à {commune}, constatons personnellement ce qui suit :",
        closure="Dont procès-verbal, fait et clos à {commune}, le {date} à {time}.",
        signatures=("L'agent de police judiciaire adjoint", "La personne en cause"),
        legal_bases=("article 21 2° du code de procédure pénale", "article 21-2 du code de procédure pénale"),
        author_id="a", author_name="Laura Petit", author_grade="Brigadier-chef principal",
        author_matricule="86-86999-003", assisting_agents="Gardien-brigadier Karim Diallo (86-86999-004)",
        subject="Stationnement gênant", occurred_at=at, place="Avenue de la Gare",
        facts="\n\n".join(f"{n}. {PARAGRAPH * 3}" for n in range(1, facts_paragraphs + 1)),
        assessments="Les conducteurs semblaient ignorer la gêne occasionnée.", offence_nature="",
        vehicle_plate="GH-482-TK", natinf_version_id="v", natinf_version_label="NATINF juillet 2026",
        offences=(OffenceInfo("201", "ARRET OU STATIONNEMENT DANGEREUX DE VEHICULE", "Contravention de classe 4"),),
        people=(PersonInfo("p", PersonRole.SUSPECT, "Garnier", "Olivier", date(1984, 9, 14), "Châtellerault",
                           "8 rue des Acacias", "Permis de conduire n° 840986200417", "Comptable", ""),),
        handed_over_at=None, handed_over_to="", logbook_entry_id=None, logbook_number="2026/00017",
        created_at=at, updated_at=at, signed_at=at, content_hash="ab" * 32, personal_data_erased_at=None,
        addenda=(AddendumInfo("x", 1, "Lire « 7 h 50 ».", "Laura Petit", "Brigadier-chef principal",
                              "86-86999-003", at, "cd" * 32),),
        transmissions=(TransmissionInfo("t", RecipientKind.OPJ, "Capitaine Roux", at, "courriel", at),),
    )


def _three_page_document():
    from app.printing import writing_pdf
    from app.writings.types import Letterhead

    letterhead = Letterhead("Police municipale de Montclair-sur-Vienne", "Montclair-sur-Vienne", "86")
    for paragraphs in range(6, 40):
        document = _document(paragraphs)
        if writing_pdf.render(io.BytesIO(), document, letterhead) == 3:
            return document, letterhead
    raise RuntimeError("no three-page document")


def _render(document, letterhead):
    from app.printing import writing_pdf

    def run() -> float:
        start = time.perf_counter()
        writing_pdf.render(io.BytesIO(), document, letterhead)
        return time.perf_counter() - start

    return run


def _plain_reportlab(document):
    """The baseline: reportlab alone lays out the same text on three pages in the same embedded font."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from app.printing.journal_pdf import FONT, register_fonts

    register_fonts()
    style = ParagraphStyle("text", fontName=FONT, fontSize=10, leading=14)
    blocks = document.facts.split("\n\n")
    # As many paragraphs as make three pages of plain text.
    for count in range(len(blocks), 10 * len(blocks)):
        pages = []
        SimpleDocTemplate(io.BytesIO(), pagesize=A4).build(
            [Paragraph(blocks[i % len(blocks)], style) for i in range(count)],
            onLaterPages=lambda canvas, doc: pages.append(doc.page))
        if len(pages) + 1 >= 3:
            break

    def run() -> float:
        start = time.perf_counter()
        SimpleDocTemplate(io.BytesIO(), pagesize=A4).build(
            [Paragraph(blocks[i % len(blocks)], style) for i in range(count)])
        return time.perf_counter() - start

    return run


@figure("writings.pdf_3_pages", unit="ms", goal=Goal.value_between(0, 60, "ms"))
def measure_pdf_3_pages(run: Run) -> Outcome:
    document, letterhead = _three_page_document()
    value, baseline = compare(_render(document, letterhead), _plain_reportlab(document), rounds=run.rounds(10, 40))
    return Outcome(in_unit(value, "ms"), in_unit(baseline, "ms"),
                   "a signed three-page PV (header, tables, people, NATINF, addendum, transmissions, page x/y, "
                   "hash footer) rendered to memory; baseline: plain reportlab laying out three pages of the same "
                   "text with the same embedded DejaVu font")


@figure("writings.batch_100", unit="s", goal=Goal.value_between(0, 5, "s"))
def measure_batch_100(run: Run) -> Outcome:
    from app.printing import writing_pdf
    from app.writings.types import Letterhead

    letterhead = Letterhead("Police municipale de Montclair-sur-Vienne", "Montclair-sur-Vienne", "86")
    documents = [_document(4 + n % 5) for n in range(100)]
    baseline_run = _plain_reportlab(documents[0])

    def batch() -> float:
        start = time.perf_counter()
        for document in documents:
            writing_pdf.render(io.BytesIO(), document, letterhead)
        return time.perf_counter() - start

    def baseline() -> float:
        return sum(baseline_run() for _ in range(100))

    value, base = compare(batch, baseline, rounds=run.rounds(1, 3), warmup=1)
    return Outcome(value, base, "100 signed PVs of one to two pages rendered one after the other; baseline: "
                                "100 plain three-page reportlab layouts")
