"""The printed PV and rapport: every part DOMAIN.md lists, read back from the PDF's text with pypdf."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from app.models.writings import OutcomeKind, RecipientKind, WritingKind
from app.writings.types import OutcomeData, TransmissionData
from tests.conftest import ADMIN_PASSWORD, journal_entries, reopen
from tests.test_writings_support import ASSESSMENTS, draft_pv, flat, pdf_pages, text_of

MOTIVE = "Transmission à l'OPJ"


def printed(gate, tmp_path, document_id, name="pv.pdf") -> list[str]:
    out = tmp_path / name
    gate.services.writings.print_to(gate.admin, document_id, out, MOTIVE, "Capitaine Roux")
    return pdf_pages(out.read_bytes())


def test_a_signed_pv_prints_every_mandatory_part_in_order(gate, tmp_path):
    writings = gate.services.writings
    signed = writings.sign(gate.admin, draft_pv(gate).id, ADMIN_PASSWORD)
    writings.record_transmission(gate.admin, signed.id, TransmissionData(
        RecipientKind.OPJ, "Capitaine Roux", datetime(2026, 11, 22, 10, 5, tzinfo=UTC), "courriel"), motive="CR OPJ")
    pages = printed(gate, tmp_path, signed.id)
    text = flat("\n".join(pages))
    for part in (
        "RÉPUBLIQUE FRANÇAISE", "POLICE MUNICIPALE", "Department: 86", "Montclair-sur-Vienne",
        "Police municipale de Montclair-sur-Vienne", "PROCÈS-VERBAL DE CONSTATATION", "No. 2026/00001",
        "22/11/2026", "12 rue de l'Église",
        "Directrice de police municipale Sophie Lemaire, matricule 86-86999-001",
        "Agent de police judiciaire adjoint", "article 21 2° du code de procédure pénale",
        "article 21-2 du code de procédure pénale", "article 78-6 du code de procédure pénale",
        "CONSTATATIONS", "Étant en patrouille pédestre", "« pour une minute »",
        "APPRÉCIATIONS PERSONNELLES DU RÉDACTEUR", "not findings of fact", ASSESSMENTS,
        "PERSONNES EN CAUSE", "Person in question", "DUPRÉ Jérôme", "born on 03/05/1980 in Poitiers",
        "Identity document: CNI n° 180586123456", "Profession: Électricien", "Witness", "LEFÈVRE Anaïs",
        "AB-123-CD", "INFRACTIONS RELEVÉES (NATINF)", "201", "ARRET OU STATIONNEMENT DANGEREUX DE VEHICULE",
        "Contravention de classe 4", "Dont procès-verbal, fait et clos à Montclair-sur-Vienne",
        "L'agent de police judiciaire adjoint", "La personne en cause", "TRANSMISSION", "Capitaine Roux",
        "courriel",
    ):
        assert part in text, part
    assert text.index("CONSTATATIONS") < text.index("APPRÉCIATIONS") < text.index(ASSESSMENTS)
    assert text.index("Étant en patrouille") < text.index("APPRÉCIATIONS")
    for number, page in enumerate(pages, start=1):
        assert f"Page {number}/{len(pages)}" in page and "2026/00001" in page
        assert f"SHA-256 of its content: {signed.content_hash}" in flat(page)
    assert "PROJET" not in text


def test_a_draft_prints_with_projet_on_every_page(gate, tmp_path):
    pages = printed(gate, tmp_path, draft_pv(gate).id)
    for page in pages:
        assert "PROJET" in page
    assert "SHA-256 of its content" not in "".join(pages)


def test_a_long_document_numbers_its_pages_x_of_y_and_repeats_its_number(gate, tmp_path):
    paragraph = ("Nous poursuivons nos constatations le long de l'avenue de la Gare, où plusieurs véhicules "
                 "stationnent sur le trottoir, gênant le cheminement des piétons et des poussettes. ") * 4
    long_facts = "\n\n".join(f"{n}. {paragraph}" for n in range(1, 20))
    document = draft_pv(gate, facts=long_facts)
    pages = printed(gate, tmp_path, document.id)
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert f"Page {number}/{len(pages)}" in page
        assert document.number in page
        assert "PROJET" in page


def test_a_rapport_prints_its_own_template_addenda_and_outcome(gate, tmp_path):
    writings = gate.services.writings
    from tests.test_writings_support import pv_data

    draft = writings.create_draft(gate.admin, WritingKind.RAPPORT_INTERVENTION, pv_data(natinf_codes=()))
    signed = writings.sign(gate.admin, draft.id, ADMIN_PASSWORD)
    writings.add_addendum(gate.admin, signed.id, "Lire « 7 h 50 » au lieu de « 7 h 45 ».", ADMIN_PASSWORD)
    writings.record_outcome(gate.admin, signed.id, OutcomeData(OutcomeKind.CONVICTION, datetime(2027, 3, 1).date(),
                                                               "Tribunal de police de Poitiers"))
    text = flat("\n".join(printed(gate, tmp_path, signed.id, "rapport.pdf")))
    for part in ("RAPPORT D'INTERVENTION", "avons l'honneur de vous rendre compte", "EXPOSÉ DES FAITS",
                 "ADDENDUM No. 1 TO DOCUMENT No. 2026/00001", "Lire « 7 h 50 »", "Rapport fait à Montclair-sur-Vienne",
                 "Le rédacteur", "Vu, le chef de service", "No NATINF code.", "Conviction, decision of 01/03/2027",
                 "No transmission recorded."):
        assert part in text, part


def test_a_requalified_pv_prints_both_qualifications(gate, tmp_path):
    writings = gate.services.writings
    signed = writings.sign(gate.admin, draft_pv(gate).id, ADMIN_PASSWORD)
    writings.record_outcome(gate.admin, signed.id, OutcomeData(
        OutcomeKind.REQUALIFICATION, datetime(2027, 2, 3).date(), "Tribunal de police", natinf_codes=("7581",)))
    text = flat("\n".join(printed(gate, tmp_path, signed.id)))
    assert "requalification of 03/02/2027" in text and "7581" in text
    assert "Qualification given by the author" in text and "ARRET OU STATIONNEMENT DANGEREUX" in text


def test_the_logo_prints_in_the_header_when_configured(gate, tmp_path):
    document = draft_pv(gate)
    assert not PdfReader(io.BytesIO(gate.services.writings.preview(gate.admin, document.id))).pages[0].images
    gate.services.writing_templates.set_logo(gate.admin, _png())
    reader = PdfReader(io.BytesIO(gate.services.writings.preview(gate.admin, document.id)))
    assert len(reader.pages[0].images) == 1


def fonts_of(pdf) -> dict[str, bool]:
    """Every font of every page of *pdf* (a path or bytes), by base name: whether its program is embedded."""
    reader = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    fonts: dict[str, bool] = {}
    for page in reader.pages:
        resources = page["/Resources"]
        assert isinstance(resources, DictionaryObject)
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            embedded = descriptor is not None and any(
                key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[re.sub(r"^/([A-Z]{6}\+)?", "", str(font["/BaseFont"]))] = embedded
    return fonts


def test_every_font_is_embedded(gate, tmp_path):
    """A font only named (Helvetica, with no descriptor) prints differently on each printer: none may be."""
    writings = gate.services.writings
    pages_file = tmp_path / "pv.pdf"
    writings.print_to(gate.admin, draft_pv(gate).id, pages_file, MOTIVE)
    signed = writings.sign(gate.admin, draft_pv(gate).id, ADMIN_PASSWORD)
    rapport = writings.create_draft(gate.admin, WritingKind.RAPPORT_INFORMATION)
    for pdf in (pages_file, writings.preview(gate.admin, signed.id), writings.preview(gate.admin, rapport.id)):
        fonts = fonts_of(pdf)
        assert fonts and all(fonts.values()), fonts
        assert set(fonts) <= {"DejaVuSans", "DejaVuSans-Bold"}, fonts
    assert "Étant" in text_of(pages_file)


def test_print_reads_its_motive_and_recipient_on_standard_input(gate, station_dir, deps, tmp_path):
    """Neither shows in the process list: after the password, one line each, the recipient optional."""
    from tests.test_journal_cli import vigie

    draft_pv(gate)
    gate.close()
    common = ("print", "--data-dir", str(station_dir), "--document", "2026/00001", "--as", "admin")
    given = vigie(*common, "--out", str(tmp_path / "pv-opj.pdf"),
                  stdin=f"{ADMIN_PASSWORD}\nTransmission à l'OPJ\nCapitaine Roux\n")
    assert given.returncode == 0, given.stderr
    no_recipient = vigie(*common, "--out", str(tmp_path / "pv-dossier.pdf"),
                         stdin=f"{ADMIN_PASSWORD}\nCopie au dossier\n")
    assert no_recipient.returncode == 0, no_recipient.stderr
    no_motive = vigie(*common, "--out", str(tmp_path / "pv-sans-motif.pdf"), stdin=f"{ADMIN_PASSWORD}\n")
    assert no_motive.returncode == 1 and len(no_motive.stderr.splitlines()) == 1, no_motive.stderr

    again = reopen(station_dir, deps)
    again.login("admin", ADMIN_PASSWORD)
    prints = [(e.motive, e.recipient) for e in journal_entries(again) if e.operation == "print"]
    again.close()
    assert prints == [("Transmission à l'OPJ", "Capitaine Roux"), ("Copie au dossier", "")]


def _png() -> bytes:
    """A small plain PNG, written by hand (no image file shipped for a test)."""
    import struct
    import zlib

    width, height = 40, 20
    raw = b"".join(b"\x00" + bytes([30, 60, 120]) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))



def test_a_person_handed_over_prints_to_whom_or_the_opj_when_no_name_was_typed(gate, tmp_path):
    at = datetime(2026, 11, 22, 10, 40, tzinfo=UTC)
    named = draft_pv(gate, handed_over_at=at, handed_over_to="Capitaine Roux")
    unnamed = draft_pv(gate, handed_over_at=at)
    named_text = flat("\n".join(printed(gate, tmp_path, named.id, "named.pdf")))
    unnamed_text = flat("\n".join(printed(gate, tmp_path, unnamed.id, "unnamed.pdf")))
    assert "Person handed over to Capitaine Roux on 22/11/2026 at" in named_text
    assert "Person handed over to the OPJ on 22/11/2026 at" in unnamed_text


def test_long_facts_in_one_paragraph_begin_on_the_page_of_their_heading(gate, tmp_path):
    """One paragraph longer than what is left of page 1 starts there and goes on over the page: it went
    whole to page 2, with its heading, and left two thirds of page 1 blank."""
    sentence = "Le conducteur déclare ne pas avoir vu le panneau de stationnement interdit. "
    facts = "Début des constatations. " + sentence * 60 + "Fin des constatations."
    document = draft_pv(gate, facts=facts)
    pages = printed(gate, tmp_path, document.id)
    assert "Début des constatations" in flat(pages[0])
    assert "Fin des constatations" not in flat(pages[0])
