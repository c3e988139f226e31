"""Attachments of the main courante: each kind, each refusal, e-mails as mail clients write them, retention."""

from __future__ import annotations

import base64
import io
import zipfile
from datetime import timedelta

import pytest
from PIL import Image

from app.errors import AccessDenied
from app.models import LogbookAttachment, LogbookEntry, LogbookVersion
from app.models.logbook import AttachmentKind
from app.logbook.attachment_files import AttachmentRefused, read_email
from app.logbook.types import EntryNotFound, PersonData
from app.kernel.motives import MotiveRequired
from app.kernel.rights import Compartment
from tests.conftest import add_agent
from tests.logbook_helpers import entry_data, journal_tail, row_count


@pytest.fixture
def logbook(gate):
    return gate.services.logbook


@pytest.fixture
def entry(gate, logbook, clock):
    return logbook.create(gate.admin, entry_data(clock.now()), [PersonData("victim", "Morel", "Ana\u00efs")]).entry


def image(fmt: str, size=(640, 480), color=(200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, fmt)
    return out.getvalue()


def package(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
DOCX = package({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
ODT = package({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office:document/>"})

# -- e-mails as real mail clients write them --------------------------------------------------------

QP_LATIN1 = (
    b"From: =?iso-8859-1?q?Ren=E9_Lef=E8vre?= <rene.lefevre@example.fr>\r\n"
    b"To: police.municipale@montclair.example.fr\r\n"
    b"Date: Tue, 17 Nov 2026 21:14:03 +0100\r\n"
    b"Subject: =?iso-8859-1?q?V=E9hicule_g=EAnant?=\r\n"
    b"MIME-Version: 1.0\r\n"
    b"Content-Type: text/plain; charset=iso-8859-1\r\n"
    b"Content-Transfer-Encoding: quoted-printable\r\n\r\n"
    b"Bonjour,\r\nle v=E9hicule est gar=E9 devant l'=E9cole depuis trois jours, =\r\nsur le trottoir.\r\n"
)

SUBJECT = "Nuisances rue de l\u2019\u00c9glise \U0001F697"
B64_SUBJECT = (
    b"From: Claire Martin <claire@example.fr>\r\n"
    b"Date: Wed, 18 Nov 2026 08:02:00 +0000\r\n"
    b"Subject: =?utf-8?b?" + base64.b64encode(SUBJECT.encode()) + b"?=\r\n"
    b"MIME-Version: 1.0\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\n"
    b"Content-Transfer-Encoding: base64\r\n\r\n"
    + base64.encodebytes("Des travaux bruyants \u00e0 6 h du matin. \u0645\u0631\u062d\u0628\u0627".encode())
)


def multipart_with_photo() -> bytes:
    photo = base64.encodebytes(image("PNG", (40, 30)))
    return (
        b"From: mairie@montclair.example.fr\r\n"
        b"Date: Thu, 19 Nov 2026 10:00:00 +0100\r\n"
        b"Subject: Signalement avec photo\r\n"
        b"MIME-Version: 1.0\r\n"
        b"Content-Type: multipart/mixed; boundary=\"XYZ\"\r\n\r\n"
        b"--XYZ\r\nContent-Type: multipart/alternative; boundary=\"ALT\"\r\n\r\n"
        b"--ALT\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nVoir la photo jointe.\r\n"
        b"--ALT\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Voir la <b>photo</b> jointe.</p>\r\n"
        b"--ALT--\r\n"
        b"--XYZ\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n"
        b"Content-Disposition: attachment; filename*=utf-8''photo%20%C3%A9glise.png\r\n\r\n"
        + photo + b"--XYZ--\r\n"
    )


HTML_ONLY = (
    b"From: alerte@example.fr\r\nSubject: Alarme\r\nDate: Fri, 20 Nov 2026 02:00:00 +0100\r\n"
    b"Content-Type: text/html; charset=windows-1252\r\n\r\n"
    b"<html><style>p{}</style><body><p>D\x92clenchement \x80 l&#39;entrep\xf4t</p><br>Zone 3</body></html>"
)

NOT_A_MESSAGE = b"Ceci n'est pas un message.\nJuste du texte copi\xc3\xa9 dans un fichier .eml.\n"

BROKEN_MULTIPART = (
    b"From: x@example.fr\r\nSubject: Coupe\r\nMIME-Version: 1.0\r\n"
    b"Content-Type: multipart/mixed; boundary=\"LOST\"\r\n\r\n"
    b"--OTHER\r\nContent-Type: text/plain\r\n\r\ntronqu\xc3\xa9"
)


def test_quoted_printable_latin1_message():
    mail = read_email(QP_LATIN1)
    assert mail.sender == "Ren\u00e9 Lef\u00e8vre <rene.lefevre@example.fr>"
    assert mail.subject == "V\u00e9hicule g\u00eanant"
    assert "le v\u00e9hicule est gar\u00e9 devant l'\u00e9cole depuis trois jours, sur le trottoir." in mail.text
    assert mail.date.isoformat() == "2026-11-17T21:14:03+01:00"


def test_base64_utf8_subject_and_body():
    mail = read_email(B64_SUBJECT)
    assert mail.subject == SUBJECT
    assert mail.text.endswith("\u0645\u0631\u062d\u0628\u0627")


def test_multipart_message_lists_its_files_and_prefers_the_plain_text():
    mail = read_email(multipart_with_photo())
    assert mail.text == "Voir la photo jointe."
    assert [(p.filename, p.media_type) for p in mail.parts] == [("photo \u00e9glise.png", "image/png")]


def test_html_only_message_in_windows_1252():
    mail = read_email(HTML_ONLY)
    assert "D\u2019clenchement \u20ac l'entrep\u00f4t" in mail.text and "Zone 3" in mail.text and "p{}" not in mail.text


@pytest.mark.parametrize("data", [NOT_A_MESSAGE, BROKEN_MULTIPART])
def test_a_malformed_message_is_not_read_as_one(data):
    assert read_email(data) is None


# -- through the service -------------------------------------------------------------------------------


@pytest.mark.parametrize("name, data, kind, thumbnail", [
    ("photo.jpg", image("JPEG"), AttachmentKind.PHOTO, True),
    ("photo.JPEG", image("JPEG"), AttachmentKind.PHOTO, True),
    ("plan.png", image("PNG"), AttachmentKind.PHOTO, True),
    ("vue.webp", image("WEBP"), AttachmentKind.PHOTO, True),
    ("constat.pdf", PDF, AttachmentKind.PDF, False),
    ("courrier.docx", DOCX, AttachmentKind.OFFICE, False),
    ("courrier.odt", ODT, AttachmentKind.OFFICE, False),
    ("signalement.eml", QP_LATIN1, AttachmentKind.EMAIL, False),
])
def test_each_kind_is_attached_encrypted_and_opened_again(gate, logbook, entry, station_dir, name, data, kind,
                                                          thumbnail):
    added = logbook.add_attachment(gate.admin, entry.id, data=data, filename=name)
    info = added.attachment
    assert (info.kind, info.filename, info.size, info.has_thumbnail, added.warning) == (kind, name, len(data),
                                                                                         thumbnail, "")
    assert added.saved.entry.version == 2 and added.saved.entry.attachments == (info,)
    files = [p for p in (station_dir / "attachments").rglob("*") if p.is_file()]
    assert len(files) == (2 if thumbnail else 1)
    assert all(data not in f.read_bytes() for f in files)  # encrypted on disk
    assert logbook.open_attachment(gate.admin, info.id).data == data
    assert journal_tail(gate) == [("consult", "admin", "logbook_entry", entry.id, "")]
    if thumbnail:
        small = Image.open(io.BytesIO(logbook.thumbnail(gate.admin, info.id)))
        assert small.format == "JPEG" and max(small.size) == 320


def test_an_email_shows_sender_date_subject_text_and_its_files(gate, logbook, entry):
    added = logbook.add_attachment(gate.admin, entry.id, data=multipart_with_photo(), filename="Signalement.eml")
    view = logbook.email_view(gate.admin, added.attachment.id)
    assert (view.sender, view.subject, view.text) == ("mairie@montclair.example.fr", "Signalement avec photo",
                                                      "Voir la photo jointe.")
    assert view.parts[0].filename == "photo \u00e9glise.png"
    part = logbook.open_attachment(gate.admin, added.attachment.id, part=0)
    assert part.filename == "photo \u00e9glise.png" and part.data.startswith(b"\x89PNG")
    assert logbook.open_attachment(gate.admin, added.attachment.id).data == multipart_with_photo()  # original bytes


def test_a_malformed_email_is_kept_as_a_plain_file_with_a_warning(gate, logbook, entry):
    added = logbook.add_attachment(gate.admin, entry.id, data=NOT_A_MESSAGE, filename="message.eml")
    assert added.warning == "malformed_email" and added.attachment.kind is AttachmentKind.FILE
    assert logbook.open_attachment(gate.admin, added.attachment.id).data == NOT_A_MESSAGE


def test_a_file_is_attached_from_its_path(gate, logbook, entry, tmp_path):
    path = tmp_path / "Photo du 12 mai.jpg"
    path.write_bytes(image("JPEG"))
    added = logbook.add_attachment(gate.admin, entry.id, path)
    assert added.attachment.filename == "Photo du 12 mai.jpg"


@pytest.mark.parametrize("name, data, words", [
    ("vide.pdf", b"", "is empty"),
    ("photo.jpg", image("PNG"), "does not match its extension .jpg"),
    ("faux.pdf", b"MZ\x90\x00 not a pdf", "does not match"),
    ("faux.docx", package({"content.xml": b"x"}), "does not match"),
    ("faux.odt", DOCX, "does not match"),
    ("casse.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 50, "damaged or truncated"),
    ("binaire.eml", PDF, "does not match"),
    ("script.exe", b"MZ", "cannot be attached"),
])
def test_refusals_give_their_reason_and_add_nothing(gate, logbook, entry, station_dir, name, data, words):
    with pytest.raises(AttachmentRefused) as refused:
        logbook.add_attachment(gate.admin, entry.id, data=data, filename=name)
    assert words in str(refused.value) and name in str(refused.value)
    assert row_count(gate, LogbookAttachment) == 0
    assert not (station_dir / "attachments").exists() or not any((station_dir / "attachments").rglob("*.*"))


def test_over_the_limit_is_refused_before_reading(gate, logbook, entry, tmp_path):
    gate.services.settings.change(gate.admin, {"attachment_max_mb": 1})
    big = tmp_path / "grosse.pdf"
    big.write_bytes(PDF + b"0" * 1_500_000)
    with pytest.raises(AttachmentRefused) as refused:
        logbook.add_attachment(gate.admin, entry.id, big)
    assert "1.5 MB, over the limit of 1 MB" in str(refused.value)
    with pytest.raises(AttachmentRefused):
        logbook.add_attachment(gate.admin, entry.id, data=big.read_bytes(), filename="grosse.pdf")


def test_an_unreadable_file_is_refused(gate, logbook, entry, tmp_path):
    with pytest.raises(AttachmentRefused) as refused:
        logbook.add_attachment(gate.admin, entry.id, tmp_path / "absent.pdf")
    assert "cannot be read" in str(refused.value)
    with pytest.raises(AttachmentRefused):
        logbook.add_attachment(gate.admin, entry.id, tmp_path)


def test_saving_out_needs_the_export_right_and_a_motive_and_is_journaled(gate, logbook, entry, tmp_path):
    added = logbook.add_attachment(gate.admin, entry.id, data=PDF, filename="constat.pdf")
    target = tmp_path / "out" / "constat.pdf"
    target.parent.mkdir()
    with pytest.raises(MotiveRequired):
        logbook.save_attachment(gate.admin, added.attachment.id, target, "")
    assert not target.exists()
    logbook.save_attachment(gate.admin, added.attachment.id, target, "Demande de l\u2019OPJ")
    assert target.read_bytes() == PDF and list(target.parent.iterdir()) == [target]
    assert journal_tail(gate) == [("export", "admin", "logbook_entry", entry.id, "Demande de l\u2019OPJ")]
    agent = gate.services.accounts.authenticate(add_agent(gate).login, "agent-password-2026")
    with pytest.raises(AccessDenied):
        logbook.save_attachment(agent, added.attachment.id, tmp_path / "x.pdf", "Curiosit\u00e9")
    assert journal_tail(gate)[0][:2] == ("refused", "lpetit")


# -- retention ------------------------------------------------------------------------------------------


def blob_files(station_dir) -> set[str]:
    folder = station_dir / "attachments"
    return {p.name for p in folder.rglob("*") if p.is_file()} if folder.exists() else set()


def test_retention_erases_expired_entries_with_their_files_but_keeps_shared_ones(gate, logbook, clock, station_dir):
    old = logbook.create(gate.admin, entry_data(clock.now())).entry
    logbook.add_attachment(gate.admin, old.id, data=image("JPEG"), filename="a.jpg")
    logbook.add_attachment(gate.admin, old.id, data=PDF, filename="shared.pdf")
    logbook.add_person(gate.admin, old.id, PersonData("witness", "Roux", "Jean"))
    clock.advance(days=400)
    recent = logbook.create(gate.admin, entry_data(clock.now())).entry
    logbook.add_attachment(gate.admin, recent.id, data=PDF, filename="same-content.pdf")
    assert len(blob_files(station_dir)) == 3  # photo, its thumbnail, the PDF once

    clock.advance(days=3 * 365 - 400 + 2)
    counts = gate.services.retention.purge_expired()
    assert counts["main_courante"] == 1
    assert row_count(gate, LogbookEntry) == 1
    assert row_count(gate, LogbookVersion, entry_id=old.id) == 0
    assert row_count(gate, LogbookAttachment) == 1
    assert len(blob_files(station_dir)) == 1  # the PDF the recent entry still names
    assert logbook.open_attachment(gate.admin, logbook.get(gate.admin, recent.id).attachments[0].id).data == PDF
    with pytest.raises(EntryNotFound):
        logbook.get(gate.admin, old.id)
    assert logbook.search(gate.admin, "roux", motive="Contr\u00f4le", people=True).rows == ()


def test_a_legal_hold_postpones_the_erasure(gate, logbook, clock):
    held = logbook.create(gate.admin, entry_data(clock.now())).entry
    gone = logbook.create(gate.admin, entry_data(clock.now())).entry
    retention = gate.services.retention
    hold = retention.place_hold(gate.admin, Compartment.MAIN_COURANTE, "logbook_entry", held.id,
                                "Proc\u00e9dure en cours", clock.now() + timedelta(days=4 * 365))
    clock.advance(days=3 * 365 + 2)
    retention.purge_expired()
    assert logbook.get(gate.admin, held.id).id == held.id
    with pytest.raises(EntryNotFound):
        logbook.get(gate.admin, gone.id)
    retention.release_hold(gate.admin, hold.id, "Jugement d\u00e9finitif")
    retention.purge_expired()
    assert row_count(gate, LogbookEntry) == 0


def test_a_court_outcome_erases_the_cases_people_and_attachments_at_once(gate, logbook, entry, clock, station_dir):
    logbook.add_attachment(gate.admin, entry.id, data=image("PNG"), filename="visage.png")
    logbook.update(gate.admin, entry.id, entry_data(clock.now(), subject="Vol \u00e0 l\u2019\u00e9talage"),
                   expected_version=2)
    assert logbook.search(gate.admin, "morel", motive="Suivi", people=True).rows
    gate.services.retention.erase_case_personal_data(gate.admin, "logbook_entry", entry.id, "Relaxe d\u00e9finitive")
    kept = logbook.get(gate.admin, entry.id)
    assert kept.people == () and kept.attachments == () and kept.subject == "Vol \u00e0 l\u2019\u00e9talage"
    assert all(item.record.people == () and item.record.attachments == () for item in logbook.history(gate.admin,
                                                                                                     entry.id))
    assert logbook.search(gate.admin, "morel", motive="Suivi", people=True).rows == ()
    assert blob_files(station_dir) == set()
    assert ("erase", "admin", "logbook_entry", entry.id, "Relaxe d\u00e9finitive") in journal_tail(gate, 5)
