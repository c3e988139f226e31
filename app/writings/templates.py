"""The templates of PV and rapports, and the letterhead's logo: an administrator's to edit.

A template gives a kind of document its title, section headings, fixed
texts (with {name}, {grade}, {matricule}, {service}, {commune},
{department}, {number}, {date}, {time}) and legal bases; a document copies
them when it is created, so that an edit never changes a document already
written. Defaults are seeded by migration 0007.
"""

from __future__ import annotations

import json

from sqlalchemy import select

from app.audit.journal import Actor
from app.errors import QT_TRANSLATE_NOOP, InvalidInput
from app.models import Operation, WritingLetterhead, WritingTemplate
from app.models.writings import WritingKind
from app.kernel import validation
from app.kernel.rights import Access, Compartment
from app.kernel.work import Kernel, Work
from app.writings.kinds import LETTERHEAD
from app.writings.types import TemplateData, TemplateInfo

SECTION_KEYS = ("facts", "assessments", "people", "offences", "transmission")
LOGO_TYPES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}
LOGO_MAX_BYTES = 2_000_000


def _info(row: WritingTemplate) -> TemplateInfo:
    return TemplateInfo(WritingKind(row.kind), row.version, row.title, json.loads(row.sections), row.preamble,
                        row.closure, tuple(json.loads(row.legal_bases)), tuple(json.loads(row.signatures)),
                        row.updated_at)


class WritingTemplatesService:
    def __init__(self, kernel: Kernel) -> None:
        self.kernel = kernel
        self.station = kernel.station

    def templates(self, actor: Actor) -> list[TemplateInfo]:
        with self.kernel.read(actor, Compartment.ECRITS) as work:
            rows = work.session.scalars(select(WritingTemplate)).all()
            order = list(WritingKind)
            return sorted((_info(r) for r in rows), key=lambda t: order.index(t.kind))

    def template(self, actor: Actor, kind: WritingKind) -> TemplateInfo:
        with self.kernel.read(actor, Compartment.ECRITS) as work:
            return _info(_template(work, kind))

    def update(self, actor: Actor, kind: WritingKind, data: TemplateData) -> TemplateInfo:
        """Replace a template's texts; documents already written keep theirs."""
        title = validation.required(data.title, QT_TRANSLATE_NOOP("fields", "Title"))
        unknown = set(data.sections) - set(SECTION_KEYS)
        if unknown:
            raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Unknown value: {value}."), value=sorted(unknown)[0])
        sections = {key: data.sections.get(key, "").strip() for key in SECTION_KEYS}
        if not sections["facts"]:
            raise InvalidInput(QT_TRANSLATE_NOOP("errors", "The field \u201c{field}\u201d is required."),
                               field=QT_TRANSLATE_NOOP("fields", "Facts"))
        with self.kernel.work(actor, Compartment.ECRITS, Access.ADMINISTER) as work:
            row = _template(work, kind)
            row.title = title
            row.sections = json.dumps(sections, ensure_ascii=False)
            row.preamble = data.preamble.strip()
            row.closure = data.closure.strip()
            row.legal_bases = json.dumps([b.strip() for b in data.legal_bases if b.strip()], ensure_ascii=False)
            row.signatures = json.dumps([s.strip() for s in data.signatures if s.strip()], ensure_ascii=False)
            row.version += 1
            row.updated_at = work.now
            row.updated_by = actor.user_id
            work.queue(row)
            work.journal(Operation.ADMINISTER, str(kind), kind="writing_template", detail=f"template {kind} changed")
            info = _info(row)
            work.commit()
            return info

    def set_logo(self, actor: Actor, data: bytes | None) -> None:
        """The commune's logo (PNG or JPEG) for the header of every document; None removes it."""
        media_type: str | None = None
        if data is not None:
            media_type = next((kind for magic, kind in LOGO_TYPES.items() if data.startswith(magic)), None)
            if media_type is None or len(data) > LOGO_MAX_BYTES:
                raise InvalidInput(QT_TRANSLATE_NOOP("errors", "The logo must be a PNG or JPEG image of at most 2 MB."))
        with self.kernel.work(actor, Compartment.ECRITS, Access.ADMINISTER) as work:
            row = work.session.get(WritingLetterhead, "logo")
            if data is None:
                if row is not None:
                    work.session.delete(row)
                    work.erased(LETTERHEAD, row.name)
            elif row is None:
                row = WritingLetterhead(name="logo", data=data, media_type=media_type, updated_at=work.now,
                                        updated_by=actor.user_id)
                work.session.add(row)
                work.queue(row)
            else:
                assert media_type is not None  # checked with the data above
                row.data, row.media_type = data, media_type
                row.updated_at, row.updated_by = work.now, actor.user_id
                work.queue(row)
            work.journal(Operation.ADMINISTER, kind="writing_letterhead",
                         detail="logo removed" if data is None else "logo changed")
            work.commit()


def _template(work: Work, kind: WritingKind) -> WritingTemplate:
    row = work.session.get(WritingTemplate, WritingKind(kind))
    assert row is not None  # one per kind, seeded by migration 0007
    return row
