"""The nomenclature of natures (administered per station) and the accounts that can be named as agents."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.journal import Actor
from app.errors import NotFound
from app.kernel.rights import Access
from app.logbook import store
from app.logbook.base import COMPARTMENT, LogbookBase
from app.logbook.kinds import NATURE
from app.logbook.types import AgentRef, EntryInvalid, NatureInfo
from app.logbook.validation import DUPLICATE_NATURE, NO_NATURE, line, slug
from app.models import Operation, Role, User
from app.models.logbook import LogbookNature

NATURE_KIND = NATURE.name


class NatureCases(LogbookBase):
    def natures(self, actor: Actor, include_disabled: bool = False) -> list[NatureInfo]:
        with self.kernel.read(actor, COMPARTMENT) as work:
            query = select(LogbookNature).order_by(LogbookNature.position, LogbookNature.label)
            if not include_disabled:
                query = query.where(LogbookNature.active.is_(True))
            return [NatureInfo(n.code, n.label, n.active) for n in work.session.scalars(query)]

    def add_nature(self, actor: Actor, label: str) -> NatureInfo:
        label = line(label, "label", 100, required=True)
        with self.kernel.work(actor, COMPARTMENT, Access.ADMINISTER) as work:
            session = work.session
            existing = session.scalars(select(LogbookNature)).all()
            if any(store.place_key(n.label) == store.place_key(label) for n in existing):
                raise EntryInvalid(DUPLICATE_NATURE, "label", label=label)
            codes = {n.code for n in existing}
            base = slug(label) or "nature"
            code, n = base, 2
            while code in codes:
                code, n = f"{base[:35]}_{n}", n + 1
            position = max((n.position for n in existing), default=-1) + 1
            nature = LogbookNature(code=code, label=label, active=True, position=position)
            session.add(nature)
            work.journal(Operation.ADMINISTER, code, kind=NATURE_KIND, detail="nature added")
            work.queue(nature)
            work.commit()
        return NatureInfo(code, label, True)

    def rename_nature(self, actor: Actor, code: str, label: str) -> NatureInfo:
        """A new label for a nature; entries keep their nature, and search finds them by the new label."""
        label = line(label, "label", 100, required=True)
        with self.kernel.work(actor, COMPARTMENT, Access.ADMINISTER) as work:
            session = work.session
            nature = self._nature(session, code)
            others = session.scalars(select(LogbookNature).where(LogbookNature.code != code)).all()
            if any(store.place_key(n.label) == store.place_key(label) for n in others):
                raise EntryInvalid(DUPLICATE_NATURE, "label", label=label)
            if nature.label != label:
                nature.label = label
                store.reindex_nature(session, code, label)
                work.journal(Operation.ADMINISTER, code, kind=NATURE_KIND, detail="nature renamed")
                work.queue(nature)
            work.commit()
            return NatureInfo(nature.code, nature.label, nature.active)

    def set_nature_active(self, actor: Actor, code: str, active: bool) -> NatureInfo:
        """A disabled nature is no longer offered; entries that have it keep it."""
        with self.kernel.work(actor, COMPARTMENT, Access.ADMINISTER) as work:
            nature = self._nature(work.session, code)
            if nature.active != active:
                nature.active = active
                work.journal(Operation.ADMINISTER, code, kind=NATURE_KIND,
                             detail="nature enabled" if active else "nature disabled")
                work.queue(nature)
            work.commit()
            return NatureInfo(nature.code, nature.label, nature.active)

    @staticmethod
    def _nature(session: Session, code: str) -> LogbookNature:
        nature = session.get(LogbookNature, code)
        if nature is None:
            raise NotFound(NO_NATURE, code=code)
        return nature

    def agent_choices(self, actor: Actor) -> list[AgentRef]:
        """The active accounts that can be named as agents of an entry (the mayor is not an agent)."""
        with self.kernel.read(actor, COMPARTMENT) as work:
            users = work.session.scalars(select(User).where(User.active.is_(True), User.role != Role.MAIRE)
                                        .order_by(User.full_name)).all()
            return [AgentRef(u.id, u.full_name, u.matricule) for u in users]
