"""NATINF: the national nomenclature of offences, kept as a versioned reference table.

The Ministry of Justice publishes the list every quarter as a CSV file
(docs/natinf.md: ISO-8859-1, `;`, one header line, five columns matched by
position). An administrator imports a new edition as a new version, which
becomes the current one; older versions stay, because every document
records the version whose codes it used. A file with one bad line is
refused whole, naming the line: nothing is half-imported. A new station
starts with the sample shipped in app.resources/natinf, loaded at first use.
"""

from __future__ import annotations

import csv
import hashlib
import io
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.audit.journal import Actor
from app.errors import QT_TRANSLATE_NOOP, InvalidInput, NotFound
from app.models import NatinfOffence, NatinfVersion, Operation
from app.kernel.rights import Access, Compartment
from app.kernel.work import Kernel, Work
from app.reasons import os_reason

SAMPLE_FILE = "natinf-sample.csv"
SAMPLE_LABEL = "Échantillon NATINF (juillet 2026)"
COLUMNS = 5
SEARCH_LIMIT = 50
COMPARTMENT = str(Compartment.ECRITS)


class NatinfFileRefused(InvalidInput):
    """The whole file is refused; the message names the line and the reason."""


class UnknownNatinf(InvalidInput):
    message = QT_TRANSLATE_NOOP(
        "errors",
        "The NATINF code {code} is not in the NATINF table ({version}). Pick another code, or ask an "
        "administrator to import a NATINF version that holds it; the document was not saved.",
    )


@dataclass(frozen=True)
class NatinfEntry:
    code: str
    nature: str
    qualification: str
    defined_by: str
    punished_by: str
    version_id: str


@dataclass(frozen=True)
class NatinfVersionInfo:
    id: str
    label: str
    source_name: str
    sha256: str
    row_count: int
    current: bool
    imported_at: datetime
    imported_by: str | None


# -- reading a file ------------------------------------------------------------------------------


def normalized(text: str) -> str:
    """Lower case, no accents, single spaces: what the search compares."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def decode(data: bytes) -> str:
    """The official file is ISO-8859-1; a file saved again as UTF-8 (with or without BOM) is read too."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")  # Latin-1 accented text is never valid UTF-8 in practice
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _refused(message: str, name: str, **params) -> NatinfFileRefused:
    return NatinfFileRefused(message, name=name, **params)


def parse(data: bytes, name: str) -> list[tuple[str, str, str, str, str]]:
    """The rows of a NATINF file (code, nature, qualification, defined by, punished by), or one clear error."""
    rows = list(csv.reader(io.StringIO(decode(data), newline=""), delimiter=";", quotechar='"'))
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows or len(rows[0]) < COLUMNS:
        raise _refused(QT_TRANSLATE_NOOP(
            "errors", "The file {name} is not a NATINF list: a CSV file separated by semicolons, with one "
                      "header line and five columns, is expected. Nothing was imported."), name)
    if rows[0][0].strip().isdigit():
        raise _refused(QT_TRANSLATE_NOOP(
            "errors", "The file {name} has no header line: its first line must name the five columns. "
                      "Nothing was imported."), name)
    parsed, seen = [], set()
    for line, row in enumerate(rows[1:], start=2):
        cells = [cell.strip() for cell in row]
        while len(cells) > COLUMNS and not cells[-1]:
            cells.pop()  # a trailing separator
        if len(cells) != COLUMNS:
            raise _refused(QT_TRANSLATE_NOOP(
                "errors", "Line {line} of the file {name} has %n columns instead of five. "
                          "Nothing was imported.", None, 1), name, line=line, count=len(cells))
        code = cells[0]
        if not code.isdigit() or len(code) > 10:
            raise _refused(QT_TRANSLATE_NOOP(
                "errors", "Line {line} of the file {name}: \u201c{value}\u201d is not a NATINF number. "
                          "Nothing was imported."), name, line=line, value=code[:40])
        code = str(int(code))
        if code in seen:
            raise _refused(QT_TRANSLATE_NOOP(
                "errors", "Line {line} of the file {name}: the NATINF number {code} appears twice. "
                          "Nothing was imported."), name, line=line, code=code)
        if not cells[1] or not cells[2]:
            raise _refused(QT_TRANSLATE_NOOP(
                "errors", "Line {line} of the file {name}: the nature or the qualification of the offence is "
                          "empty. Nothing was imported."), name, line=line)
        seen.add(code)
        parsed.append((code, cells[1], cells[2], cells[3], cells[4]))
    if not parsed:
        raise _refused(QT_TRANSLATE_NOOP(
            "errors", "The file {name} holds no offence. Nothing was imported."), name)
    return parsed


# -- the table, inside a caller's transaction ----------------------------------------------------------


def store_version(work: Work, data: bytes, name: str, label: str, by: str | None) -> NatinfVersion:
    """Parse and add a version, made current, and queue it with its offences and the version it supersedes.

    Raises before writing anything when the file is bad.
    """
    session = work.session
    rows = parse(data, name)
    digest = hashlib.sha256(data).hexdigest()
    same = session.scalar(select(NatinfVersion).where(NatinfVersion.sha256 == digest))
    if same is not None:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "errors", "This NATINF file is already imported, as the version \u201c{label}\u201d."), label=same.label)
    superseded = list(session.scalars(select(NatinfVersion).where(NatinfVersion.current.is_(True))))
    for old in superseded:
        old.current = False
        old.version += 1
    version = NatinfVersion(label=label, source_name=name, sha256=digest, row_count=len(rows), current=True,
                            imported_at=work.now, imported_by=by, version=1)
    session.add(version)
    session.flush()
    session.execute(insert(NatinfOffence), [
        {"version_id": version.id, "code": code, "nature": nature, "qualification": qualification,
         "defined_by": defined_by, "punished_by": punished_by,
         "search_key": normalized(f"{code} {qualification} {nature}")}
        for code, nature, qualification, defined_by, punished_by in rows
    ])
    offences = session.scalars(select(NatinfOffence).where(NatinfOffence.version_id == version.id))
    work.queue(*superseded, version, *offences)
    return version


def sample_bytes() -> bytes:
    return (resources.files("app.resources") / "natinf" / SAMPLE_FILE).read_bytes()


def current_row(session: Session) -> NatinfVersion | None:
    return session.scalar(select(NatinfVersion).where(NatinfVersion.current.is_(True)))


def current_version(work: Work) -> NatinfVersion:
    """The current version; a station that has none yet gets the shipped sample, journaled and queued.

    The sample is queued like an imported version: the documents written with it name it by its id,
    and another station needs that version to read their codes.
    """
    version = current_row(work.session)
    if version is None:
        version = store_version(work, sample_bytes(), SAMPLE_FILE, SAMPLE_LABEL, None)
        work.journal(Operation.ADMINISTER, version.id, kind="natinf_version", compartment=COMPARTMENT,
                     detail=f"NATINF sample loaded: {version.row_count} offences")
    return version


def offence(session: Session, version_id: str, code: str) -> NatinfOffence | None:
    return session.get(NatinfOffence, (version_id, clean_code(code)))


def clean_code(code: str) -> str:
    text = str(code).strip()
    return str(int(text)) if text.isdigit() else text


def require_codes(session: Session, version: NatinfVersion, codes: list[str]) -> list[NatinfOffence]:
    """The offences of these codes in *version*; the first missing one refuses the save."""
    found = []
    for code in codes:
        row = offence(session, version.id, code)
        if row is None:
            raise UnknownNatinf(code=str(code).strip(), version=version.label)
        found.append(row)
    return found


def _entry(row: NatinfOffence) -> NatinfEntry:
    return NatinfEntry(row.code, row.nature, row.qualification, row.defined_by, row.punished_by, row.version_id)


def _version_info(row: NatinfVersion) -> NatinfVersionInfo:
    return NatinfVersionInfo(row.id, row.label, row.source_name, row.sha256, row.row_count, row.current,
                             row.imported_at, row.imported_by)


class NatinfService:
    def __init__(self, kernel: Kernel) -> None:
        self.kernel = kernel
        self.station = kernel.station

    def _current(self, actor: Actor) -> NatinfVersionInfo:
        """The current version, read without a lock; the sample is loaded (a write) only the first time."""
        with self.kernel.read(actor, Compartment.ECRITS) as work:
            row = current_row(work.session)
            if row is not None:
                return _version_info(row)
        with self.kernel.work(actor, Compartment.ECRITS, Access.READ) as work:
            info = _version_info(current_version(work))
            work.commit()
            return info

    def current(self, actor: Actor) -> NatinfVersionInfo:
        return self._current(actor)

    def versions(self, actor: Actor) -> list[NatinfVersionInfo]:
        self._current(actor)
        with self.kernel.read(actor, Compartment.ECRITS) as work:
            rows = work.session.scalars(select(NatinfVersion).order_by(
                NatinfVersion.current.desc(), NatinfVersion.imported_at.desc(), NatinfVersion.id.desc())).all()
            return [_version_info(row) for row in rows]

    def search(self, actor: Actor, query: str, limit: int = SEARCH_LIMIT, version_id: str | None = None
               ) -> list[NatinfEntry]:
        """Offences by code (a number: that code, then the codes it begins) or by words, accents ignored."""
        words = normalized(query).split()
        version_id = version_id or self._current(actor).id
        with self.kernel.read(actor, Compartment.ECRITS) as work:
            statement = select(NatinfOffence).where(NatinfOffence.version_id == version_id)
            if len(words) == 1 and words[0].isdigit():
                code = clean_code(words[0])
                statement = statement.where(NatinfOffence.code.like(f"{code}%"))
            else:
                for word in words:
                    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                    statement = statement.where(NatinfOffence.search_key.like(f"%{escaped}%", escape="\\"))
            rows = work.session.scalars(statement).all()
            rows = sorted(rows, key=lambda r: (len(r.code), int(r.code)))[:limit]
            return [_entry(row) for row in rows]

    def get(self, actor: Actor, code: str, version_id: str | None = None) -> NatinfEntry:
        version = self._current(actor)
        with self.kernel.read(actor, Compartment.ECRITS) as work:
            row = offence(work.session, version_id or version.id, code)
            if row is None:
                raise UnknownNatinf(code=str(code).strip(), version=version.label)
            return _entry(row)

    def import_csv(self, actor: Actor, path: Path | str, label: str = "") -> NatinfVersionInfo:
        """Import a new edition of the list as the current version; a bad file is refused whole."""
        with self.kernel.read(actor, Compartment.ECRITS, Access.ADMINISTER):
            pass  # refused before the file is read; the right is read again in the import's own unit of work
        source = Path(path)
        try:
            data = source.read_bytes()
        except OSError as exc:
            raise InvalidInput(QT_TRANSLATE_NOOP("errors", "The file {path} cannot be read: {reason}."),
                               path=str(source), reason=os_reason(exc)) from exc
        return self.import_bytes(actor, data, source.name, label or source.stem)

    def import_bytes(self, actor: Actor, data: bytes, name: str, label: str) -> NatinfVersionInfo:
        label = (label or name).strip()[:100]
        with self.kernel.work(actor, Compartment.ECRITS, Access.ADMINISTER) as work:
            current_version(work)  # the sample first, so that the new one supersedes it
            version = store_version(work, data, name, label, actor.user_id)
            work.journal(Operation.ADMINISTER, version.id, kind="natinf_version",
                         detail=f"NATINF version imported: {version.row_count} offences, sha256 {version.sha256}")
            info = _version_info(version)
            work.commit()
            return info

    def version(self, actor: Actor, version_id: str) -> NatinfVersionInfo:
        with self.kernel.read(actor, Compartment.ECRITS) as work:
            row = work.session.get(NatinfVersion, version_id)
            if row is None:
                raise NotFound
            return _version_info(row)
