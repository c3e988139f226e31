"""What a file brought to an entry is: its kind checked against its content, e-mails read, photos shrunk.

No Qt here: thumbnails are made with Pillow, e-mails read with the standard
`email` package. Every refusal is one sentence naming the file and the reason.
"""

from __future__ import annotations

import email
import email.policy
import html
import io
import mimetypes
import re
import warnings
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage, MIMEPart
from html.parser import HTMLParser
from pathlib import Path

from app.errors import QT_TRANSLATE_NOOP, VigieError
from app.models.logbook import AttachmentKind
from app.reasons import A_FOLDER, Reason, os_reason

THUMBNAIL_SIZE = 320
MALFORMED_EMAIL = "malformed_email"

WARNING_LABELS = {
    MALFORMED_EMAIL: QT_TRANSLATE_NOOP("logbook", "This e-mail could not be read as a message; it is kept as it came."),
}

MEDIA_TYPES = {
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "pdf": "application/pdf",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "eml": "message/rfc822",
}
PHOTOS = {"jpg", "jpeg", "png", "webp"}
OFFICE = {"odt", "ods", "docx", "xlsx", "doc", "xls"}

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = b"PK\x03\x04"
BINARY_STARTS = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"RIFF", b"%PDF-", ZIP, OLE2, b"GIF8", b"\x1f\x8b")


class AttachmentRefused(VigieError):
    message = QT_TRANSLATE_NOOP("errors", "The file {name} cannot be attached.")


TOO_LARGE = QT_TRANSLATE_NOOP("errors", "The file {name} is {size} MB, over the limit of {limit} MB per file.")
UNREADABLE = QT_TRANSLATE_NOOP("errors", "The file {name} cannot be read: {reason}.")
EMPTY = QT_TRANSLATE_NOOP("errors", "The file {name} is empty.")
MISMATCH = QT_TRANSLATE_NOOP("errors", "The content of {name} does not match its extension .{ext}.")
DAMAGED_PHOTO = QT_TRANSLATE_NOOP("errors", "The photo {name} is damaged or truncated and cannot be read.")
UNSUPPORTED = QT_TRANSLATE_NOOP(
    "errors",
    "Files such as {name} cannot be attached. Accepted: photos (JPEG, PNG, WebP), PDF, office documents "
    "(ODT, ODS, DOCX, XLSX, DOC, XLS) and e-mails (EML).",
)


@dataclass(frozen=True)
class EmailPart:
    """A file an e-mail carries, listed in the order read_email_part takes."""

    index: int
    filename: str
    media_type: str
    size: int


@dataclass(frozen=True)
class EmailSummary:
    sender: str
    to: str
    date: datetime | None
    subject: str
    text: str
    parts: tuple[EmailPart, ...]


@dataclass(frozen=True)
class InspectedFile:
    filename: str
    kind: AttachmentKind
    media_type: str
    data: bytes
    thumbnail: bytes | None
    email: EmailSummary | None
    warning: str


# -- reading the file ---------------------------------------------------------------------


def read_file(path: Path, max_bytes: int) -> bytes:
    """The bytes of *path*, refused before reading when over the limit."""
    name = path.name
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise AttachmentRefused(UNREADABLE, name=name, reason=Reason(A_FOLDER))
        if size > max_bytes:
            raise AttachmentRefused(TOO_LARGE, name=name, size=_mb(size), limit=_mb(max_bytes))
        data = path.read_bytes()
    except OSError as exc:
        raise AttachmentRefused(UNREADABLE, name=name, reason=os_reason(exc)) from exc
    return data


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f}".rstrip("0").rstrip(".")


def inspect(filename: str, data: bytes, max_bytes: int) -> InspectedFile:
    """Check *data* against the extension of *filename*; refuse with the reason, or describe it."""
    name = Path(filename).name.strip() or "?"
    ext = Path(name).suffix.lower().lstrip(".")
    if ext not in MEDIA_TYPES:
        raise AttachmentRefused(UNSUPPORTED, name=name)
    if len(data) > max_bytes:
        raise AttachmentRefused(TOO_LARGE, name=name, size=_mb(len(data)), limit=_mb(max_bytes))
    if not data:
        raise AttachmentRefused(EMPTY, name=name)
    if not _content_matches(ext, data):
        raise AttachmentRefused(MISMATCH, name=name, ext=ext)
    media_type = MEDIA_TYPES[ext]
    if ext in PHOTOS:
        return InspectedFile(name, AttachmentKind.PHOTO, media_type, data, thumbnail(name, data), None, "")
    if ext == "pdf":
        return InspectedFile(name, AttachmentKind.PDF, media_type, data, None, None, "")
    if ext in OFFICE:
        return InspectedFile(name, AttachmentKind.OFFICE, media_type, data, None, None, "")
    summary = read_email(data)
    if summary is None:
        return InspectedFile(name, AttachmentKind.FILE, media_type, data, None, None, MALFORMED_EMAIL)
    return InspectedFile(name, AttachmentKind.EMAIL, media_type, data, None, summary, "")


# -- magic bytes --------------------------------------------------------------------------


def _content_matches(ext: str, data: bytes) -> bool:
    if ext in ("jpg", "jpeg"):
        return data.startswith(b"\xff\xd8\xff")
    if ext == "png":
        return data.startswith(b"\x89PNG\r\n\x1a\n")
    if ext == "webp":
        return data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    if ext == "pdf":
        return b"%PDF-" in data[:1024]  # the header may follow a few bytes of junk
    if ext in ("odt", "ods", "docx", "xlsx"):
        return _zip_package_matches(ext, data)
    if ext in ("doc", "xls"):
        return data.startswith(OLE2) and _ole_stream_named(ext, data)
    if ext == "eml":
        return not data.startswith(BINARY_STARTS) and b"\x00" not in data[:65536]
    return False


def _zip_package_matches(ext: str, data: bytes) -> bool:
    if not data.startswith(ZIP):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
            if ext in ("odt", "ods"):
                info = package.getinfo("mimetype")
                if info.file_size > 200:
                    return False
                kind = "text" if ext == "odt" else "spreadsheet"
                return package.read(info).strip() == f"application/vnd.oasis.opendocument.{kind}".encode()
            folder = "word/" if ext == "docx" else "xl/"
            return "[Content_Types].xml" in names and any(n.startswith(folder) for n in names)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, NotImplementedError):
        return False


def _ole_stream_named(ext: str, data: bytes) -> bool:
    """An OLE2 compound file names its streams in UTF-16: Word's is WordDocument, Excel's Workbook or Book."""
    wanted = ("WordDocument",) if ext == "doc" else ("Workbook", "Book")
    return any(stream.encode("utf-16-le") in data for stream in wanted)


# -- photos -----------------------------------------------------------------------------------


def thumbnail(name: str, data: bytes) -> bytes:
    """A JPEG of at most 320 pixels a side, upright; refuses a photo that does not decode."""
    from PIL import Image, ImageOps

    try:
        with warnings.catch_warnings():
            # A phone's 100-megapixel photo is not a decompression bomb; a damaged EXIF block is not fatal.
            warnings.simplefilter("ignore")
            with Image.open(io.BytesIO(data)) as image:
                if image.format not in ("JPEG", "PNG", "WEBP"):
                    raise AttachmentRefused(DAMAGED_PHOTO, name=name)
                image.draft("RGB", (THUMBNAIL_SIZE * 2, THUMBNAIL_SIZE * 2))  # JPEG: decode at a smaller scale
                image.load()
                upright = ImageOps.exif_transpose(image)
                small = upright.convert("RGB")
                small.thumbnail((THUMBNAIL_SIZE, THUMBNAIL_SIZE))
                out = io.BytesIO()
                small.save(out, "JPEG", quality=82)
                return out.getvalue()
    except AttachmentRefused:
        raise
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError, EOFError) as exc:
        raise AttachmentRefused(DAMAGED_PHOTO, name=name) from exc


# -- e-mails -----------------------------------------------------------------------------------

# Defects that mean the message's structure could not be followed (not merely an untidy header).
_BROKEN = ("StartBoundaryNotFoundDefect", "MultipartInvariantViolationDefect", "NoBoundaryInMultipartDefect")


def _message(data: bytes) -> EmailMessage:
    return email.message_from_bytes(data, policy=email.policy.default)


def read_email(data: bytes) -> EmailSummary | None:
    """Sender, date, subject, text and attached files of an .eml; None when it is not a readable message."""
    try:
        message = _message(data)
        headers = {key.lower() for key in message.keys()}
        if not headers & {"from", "date", "subject"}:
            return None
        if any(type(defect).__name__ in _BROKEN for defect in _all_defects(message)):
            return None
        body = message.get_body(preferencelist=("plain", "html"))
        parts = tuple(
            EmailPart(index, _part_filename(part, index), part.get_content_type(), len(_part_bytes(part)))
            for index, part in enumerate(_attached(message, body))
        )
        return EmailSummary(
            sender=_header(message, "from"),
            to=_header(message, "to"),
            date=_date(message),
            subject=_header(message, "subject"),
            text=_body_text(body),
            parts=parts,
        )
    except Exception:  # noqa: BLE001 - a message we cannot follow is kept as a file, whatever broke
        return None


def read_email_part(data: bytes, index: int) -> tuple[str, str, bytes]:
    """The *index*-th attached file of an .eml: its name, media type and bytes."""
    message = _message(data)
    attached = _attached(message, message.get_body(preferencelist=("plain", "html")))
    part = attached[index]
    return _part_filename(part, index), part.get_content_type(), _part_bytes(part)


def _all_defects(message: EmailMessage) -> list:
    found = list(message.defects)
    if message.is_multipart():
        for part in message.iter_parts():
            found.extend(part.defects)
    return found


def _attached(message: EmailMessage, body) -> list[MIMEPart]:
    """The files of a message: every leaf with a name or marked attachment, and forwarded messages whole."""
    found: list[MIMEPart] = []

    def visit(part: MIMEPart) -> None:
        if part is body:
            return
        if part.get_content_type() == "message/rfc822":
            found.append(part)
        elif part.is_multipart():
            for sub in part.iter_parts():
                visit(sub)
        elif part.get_filename() or part.is_attachment():
            found.append(part)

    visit(message)
    return found


def _part_bytes(part: MIMEPart) -> bytes:
    if part.get_content_type() == "message/rfc822":
        inner = part.get_payload(0)
        assert isinstance(inner, email.message.Message)  # a message/rfc822 part carries one message
        return inner.as_bytes(policy=email.policy.default)
    payload = part.get_payload(decode=True)
    return payload if isinstance(payload, bytes) else b""


def _part_filename(part: MIMEPart, index: int) -> str:
    name = part.get_filename()
    if name:
        return Path(name.replace("\\", "/")).name or f"piece-{index + 1}"
    if part.get_content_type() == "message/rfc822":
        return f"message-{index + 1}.eml"
    extension = mimetypes.guess_extension(part.get_content_type()) or ".bin"
    return f"piece-{index + 1}{extension}"


def _header(message: EmailMessage, name: str) -> str:
    try:
        value = message[name]
        return str(value).strip() if value is not None else ""
    except Exception:  # noqa: BLE001 - an unparseable header shows as its raw text
        raw = message.get_all(name, failobj=[])
        return " ".join(str(v) for v in raw).strip()


def _date(message: EmailMessage) -> datetime | None:
    try:
        value = message["date"]
        moment = getattr(value, "datetime", None)
    except Exception:  # noqa: BLE001
        return None
    if moment is None:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _body_text(body) -> str:
    if body is None:
        return ""
    try:
        text = body.get_content()
    except (LookupError, UnicodeError, AssertionError):
        # An unknown charset: the bytes, read as Latin-1, never fail and keep most French text.
        text = (body.get_payload(decode=True) or b"").decode("latin-1")
    if not isinstance(text, str):
        text = bytes(text).decode("utf-8", errors="replace")
    if body.get_content_type() == "text/html":
        text = _html_to_text(text)
    return text.replace("\r\n", "\n").strip()


class _TextOfHtml(HTMLParser):
    BREAKS = {"br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "table"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in self.BREAKS:
            self.chunks.append("\n")

    def handle_endtag(self, tag) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data) -> None:
        if not self._skip:
            self.chunks.append(data)


def _html_to_text(markup: str) -> str:
    parser = _TextOfHtml()
    parser.feed(markup)
    parser.close()
    text = html.unescape("".join(parser.chunks))
    return re.sub(r"\n\s*\n+", "\n\n", text)
