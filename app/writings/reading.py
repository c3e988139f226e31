"""Reading: one document (a journaled consultation), its history, the listings."""

from __future__ import annotations

import json

from sqlalchemy import select

from app.audit.journal import Actor
from app.kernel.rights import Access
from app.models import Operation, Writing, WritingVersion
from app.models.writings import WritingKind, WritingStatus
from app.kernel import numbering
from app.models.numbering import NumberCounter
from app.writings import integrity, store
from app.writings.base import LIST_LIMIT, RECORD_KIND, SERIES, WritingsBase
from app.writings.types import HistoryItem, NumberGap, WritingDetail, WritingNotFound, WritingRow


class Reading(WritingsBase):
    """Reading and listing. A consultation is journaled, so it is a write: the journal's entry
    is committed with the read it records, under the right read in the same transaction."""

    def get(self, actor: Actor, writing_id: str) -> WritingDetail:
        """One document, whole; the consultation is journaled (a signed one that no longer holds, marked so)."""
        with self._unit(actor, Access.READ) as work:
            writing = self._writing(work, writing_id)
            altered = integrity.is_altered(work.session, writing)
            result = store.detail(work.session, writing, altered=altered)
            self._journal(work, Operation.CONSULT, writing, **({"detail": "content altered"} if altered else {}))
            work.commit()
            return result

    def id_of_number(self, actor: Actor, number: str) -> str:
        """The id of the document numbered *number* ("2026/00042"); nothing of its content is read."""
        with self._reading(actor) as work:
            found = work.session.scalar(select(Writing.id).where(Writing.number == number.strip()))
        if found is None:
            raise WritingNotFound(number=number)
        return found

    def documents(self, actor: Actor, *, year: int | None = None, status: WritingStatus | None = None,
                  kind: WritingKind | None = None, author_id: str | None = None,
                  limit: int = LIST_LIMIT) -> list[WritingRow]:
        """Documents, newest first; the listing is journaled as one search.

        Each signed document is checked against its signature (integrity.py): one that no longer
        holds is marked `altered`, and the listing's entry names it.
        """
        statement = select(Writing, store.erasing_outcome())
        filters = []
        if year is not None:
            statement = statement.where(Writing.year == year)
            filters.append(f"year={year}")
        if status is not None:
            statement = statement.where(Writing.status == WritingStatus(status))
            filters.append(f"status={status}")
        if kind is not None:
            statement = statement.where(Writing.kind == WritingKind(kind))
            filters.append(f"kind={kind}")
        if author_id is not None:
            statement = statement.where(Writing.author_id == author_id)
            filters.append(f"author={author_id}")
        statement = statement.order_by(Writing.created_at.desc(), Writing.id.desc()).limit(limit)
        with self._unit(actor, Access.READ) as work:
            listed = [(w, erased_by) for w, erased_by in work.session.execute(statement)]
            found = [w for w, _ in listed]
            altered = integrity.altered(work.session, found)
            rows = [store.row(w, w.id in altered, erased_by) for w, erased_by in listed]
            detail = f"list: {' '.join(filters) or 'all'}"
            if altered:
                detail += "; content altered: " + ", ".join(r.number for r in rows if r.altered)
            work.journal(Operation.SEARCH, kind=RECORD_KIND, detail=detail)
            work.commit()
            return rows

    def number_gaps(self, actor: Actor, *, year: int | None = None) -> list[NumberGap]:
        """The numbers this station gave to PV and rapports that no document here bears, oldest first.

        Voided numbers say so, with their reason; the others are missing (docs/numbering.md: the
        ledger's unaccounted numbers). Only numbers are read: nothing is journaled.
        """
        with self._reading(actor) as work:
            session = work.session
            years = [year] if year is not None else sorted(set(session.scalars(
                select(NumberCounter.year).where(NumberCounter.series == SERIES))))
            gaps: list[NumberGap] = []
            for each in years:
                present = set(session.scalars(select(Writing.serial).where(Writing.year == each)))
                for station in numbering.ledger(session, SERIES, each, present):
                    gaps += [NumberGap(v.number, each, _serial(v.number), True, v.reason, v.voided_at)
                             for v in station.voided]
                    gaps += [NumberGap(n, each, _serial(n), False) for n in station.unaccounted]
            return sorted(gaps, key=lambda gap: (gap.year, gap.serial))

    def for_entry(self, actor: Actor, entry_id: str) -> list[WritingRow]:
        """The documents written from one main courante entry (the entry shows the link)."""
        with self._reading(actor) as work:
            found = work.session.scalars(select(Writing).where(Writing.logbook_entry_id == entry_id)
                                         .order_by(Writing.created_at)).all()
            return [store.row(w) for w in found]

    def history(self, actor: Actor, writing_id: str) -> list[HistoryItem[dict]]:
        """The previous states of a document, oldest first (a requalification keeps the old qualification)."""
        with self._unit(actor, Access.READ) as work:
            session = work.session
            writing = self._writing(work, writing_id)
            versions = session.scalars(select(WritingVersion).where(WritingVersion.writing_id == writing.id)
                                       .order_by(WritingVersion.writing_version, WritingVersion.id)).all()
            names = store.user_names(session, {v.replaced_by for v in versions})
            self._journal(work, Operation.CONSULT, writing, detail="history")
            # A kept state is the document before the change that replaced it, made by replaced_by.
            items = [HistoryItem(version=v.writing_version, change=v.change, changed_at=v.replaced_at,
                                 changed_by=v.replaced_by, changed_by_name=names.get(v.replaced_by, ""),
                                 changed_fields=(), record=json.loads(v.state)) for v in versions]
            work.commit()
            return items


def _serial(number: str) -> int:
    return int(number.rpartition("/")[2])
