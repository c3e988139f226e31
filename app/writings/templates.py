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
from app.writings.types import TemplateData, TemplateInfo

SECTION_KEYS = ("facts", "assessments", "people", "offences", "transmission")
LOGO_TYPES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}
LOGO_MAX_BYTES = 2_000_000


def _info(row: WritingTemplate) -> TemplateInfo:
    return TemplateInfo(WritingKind(row.kind), row.version, row.title, json.loads(row.sections), row.preamble,
                        row.closure, tuple(json.loads(row.legal_bases)), tuple(json.loads(row.signatures)),
                        row.updated_at)


class WritingTemplatesService:
    def __init__(self, station) -> None:
        self.station = station

    def templates(self, actor: Actor) -> list[TemplateInfo]:
        self.station.rights.require_compartment(actor, Compartment.ECRITS, Access.READ)
        with self.station.read() as uow:
            rows = uow.session.scalars(select(WritingTemplate)).all()
            order = list(WritingKind)
            return sorted((_info(r) for r in rows), key=lambda t: order.index(t.kind))

    def template(self, actor: Actor, kind: WritingKind) -> TemplateInfo:
        self.station.rights.require_compartment(actor, Compartment.ECRITS, Access.READ)
        with self.station.read() as uow:
            return _info(uow.session.get(WritingTemplate, WritingKind(kind)))

    def update(self, actor: Actor, kind: WritingKind, data: TemplateData) -> TemplateInfo:
        """Replace a template's texts; documents already written keep theirs."""
        self.station.rights.require_compartment(actor, Compartment.ECRITS, Access.ADMINISTER)
        title = validation.required(data.title, QT_TRANSLATE_NOOP("fields", "Title"))
        unknown = set(data.sections) - set(SECTION_KEYS)
        if unknown:
            raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Unknown value: {value}."), value=sorted(unknown)[0])
        sections = {key: data.sections.get(key, "").strip() for key in SECTION_KEYS}
        if not sections["facts"]:
            raise InvalidInput(QT_TRANSLATE_NOOP("errors", "The field \u201c{field}\u201d is required."),
                               field=QT_TRANSLATE_NOOP("fields", "Facts"))
        with self.station.uow() as uow:
            row = uow.session.get(WritingTemplate, WritingKind(kind))
            row.title = title
            row.sections = json.dumps(sections, ensure_ascii=False)
            row.preamble = data.preamble.strip()
            row.closure = data.closure.strip()
            row.legal_bases = json.dumps([b.strip() for b in data.legal_bases if b.strip()], ensure_ascii=False)
            row.signatures = json.dumps([s.strip() for s in data.signatures if s.strip()], ensure_ascii=False)
            row.version += 1
            row.updated_at = self.station.clock.now()
            row.updated_by = actor.user_id
            self.station.journal.append(uow.session, Operation.ADMINISTER, actor, compartment=str(Compartment.ECRITS),
                                        record_kind="writing_template", record_id=str(kind),
                                        detail=f"template {kind} changed")
            info = _info(row)
            uow.commit()
            return info

    def set_logo(self, actor: Actor, data: bytes | None) -> None:
        """The commune's logo (PNG or JPEG) for the header of every document; None removes it."""
        self.station.rights.require_compartment(actor, Compartment.ECRITS, Access.ADMINISTER)
        media_type = None
        if data is not None:
            media_type = next((kind for magic, kind in LOGO_TYPES.items() if data.startswith(magic)), None)
            if media_type is None or len(data) > LOGO_MAX_BYTES:
                raise InvalidInput(QT_TRANSLATE_NOOP("errors", "The logo must be a PNG or JPEG image of at most 2 MB."))
        with self.station.uow() as uow:
            row = uow.session.get(WritingLetterhead, "logo")
            if data is None:
                if row is not None:
                    uow.session.delete(row)
            elif row is None:
                uow.session.add(WritingLetterhead(name="logo", data=data, media_type=media_type,
                                                  updated_at=self.station.clock.now(), updated_by=actor.user_id))
            else:
                row.data, row.media_type = data, media_type
                row.updated_at, row.updated_by = self.station.clock.now(), actor.user_id
            self.station.journal.append(uow.session, Operation.ADMINISTER, actor, compartment=str(Compartment.ECRITS),
                                        record_kind="writing_letterhead",
                                        detail="logo removed" if data is None else "logo changed")
            uow.commit()
