"""Drafts of the entry form: autosaved every few seconds, offered again at the next login, kept 30 days."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.audit.journal import Actor
from app.errors import InvalidInput
from app.kernel.rights import Access
from app.logbook.base import COMPARTMENT, LogbookBase
from app.logbook.types import Draft
from app.logbook.validation import BAD_DRAFT
from app.models.logbook import LogbookDraft
from app.reasons import NO_KEY, Reason

DRAFT_DAYS = 30


class DraftCases(LogbookBase):
    def save_draft(self, actor: Actor, key: str, payload: dict) -> Draft:
        """Keep what the form holds under *key* ("new", or an entry's id); replaces the previous one."""
        key = (key or "").strip()[:100]
        if not key:
            raise InvalidInput(BAD_DRAFT, reason=Reason(NO_KEY))
        try:
            text = json.dumps(payload, ensure_ascii=False, sort_keys=True)
        except (TypeError, ValueError) as exc:
            raise InvalidInput(BAD_DRAFT, reason=str(exc)) from exc
        with self.kernel.work(actor, COMPARTMENT, Access.WRITE) as work:
            now = work.now
            row = work.session.get(LogbookDraft, (actor.user_id, key))
            if row is None:
                work.session.add(LogbookDraft(user_id=actor.user_id, key=key, payload=text, saved_at=now))
            else:
                row.payload, row.saved_at = text, now
            work.commit()
        return Draft(key, json.loads(text), now)

    def drafts_for(self, actor: Actor) -> list[Draft]:
        """This user's drafts, newest first (offered again at login); drafts older than 30 days go."""
        with self.kernel.work(actor, COMPARTMENT, Access.WRITE) as work:
            session = work.session
            session.execute(delete(LogbookDraft).where(LogbookDraft.saved_at < work.now - timedelta(days=DRAFT_DAYS)))
            rows = session.scalars(select(LogbookDraft).where(LogbookDraft.user_id == actor.user_id)
                                   .order_by(LogbookDraft.saved_at.desc())).all()
            drafts = [Draft(row.key, json.loads(row.payload), row.saved_at) for row in rows]
            work.commit()
        return drafts

    def discard_draft(self, actor: Actor, key: str) -> None:
        with self.kernel.work(actor, COMPARTMENT, Access.WRITE) as work:
            drop_draft(work.session, actor, key)
            work.commit()


def drop_draft(session: Session, actor: Actor, key: str) -> None:
    """The draft goes in the transaction of the save that made it useless."""
    session.execute(delete(LogbookDraft).where(LogbookDraft.user_id == actor.user_id, LogbookDraft.key == key))
