"""The log's lists and its full-text search, in this compartment only.

Lists are not journaled: a row shows no person's identity (opening an entry
is journaled). A search's first page is journaled, once, without what was typed.
"""

from __future__ import annotations

from app.audit.journal import Actor
from app.clock import local_midnight
from app.kernel.motives import checked_motive
from app.kernel.rights import Access
from app.logbook import queries
from app.logbook.base import COMPARTMENT, PAGE_SIZE, RECORD_KIND, LogbookBase
from app.logbook.types import EntryRow, ListFilter, Page, PageCursor, SearchPage
from app.logbook.validation import NUMBER, page_limit
from app.models import Operation


class ListCases(LogbookBase):
    def list_page(self, actor: Actor, filters: ListFilter = ListFilter(), after: PageCursor | None = None,
                  limit: int = PAGE_SIZE, offset: int | None = None) -> Page:
        """Rows of the log, *limit* at a time: after a cursor (scrolling on), or from *offset* (a jump)."""
        with self.kernel.read(actor, COMPARTMENT) as work:
            return queries.list_page(work.session, filters, after, page_limit(limit), offset)

    def count(self, actor: Actor, filters: ListFilter = ListFilter()) -> int:
        with self.kernel.read(actor, COMPARTMENT) as work:
            return queries.count(work.session, filters)

    def today(self, actor: Actor, limit: int = 500) -> tuple[EntryRow, ...]:
        """"Aujourd'hui": entries requested since midnight (the station's time), and every open entry."""
        midnight = local_midnight(self.clock.now().astimezone().date())
        with self.kernel.read(actor, COMPARTMENT) as work:
            return queries.today_rows(work.session, midnight, page_limit(limit))

    def search(self, actor: Actor, text: str, motive: str | None = None, people: bool = False,
               after: int | None = None, limit: int = PAGE_SIZE) -> SearchPage:
        """Full-text search in this compartment; a first page is journaled (with the motive, if any).

        What was typed is not journaled (it may be a name): the journal says
        who searched, when, which kind of search, and why.
        """
        # A next page is not journaled again, so it needs no write: it reads without the lock.
        with self.kernel.work(actor, COMPARTMENT, Access.READ, write=after is None) as work:
            session = work.session
            given = checked_motive(session, "search_person", motive or "") if people else (motive or "").strip()
            if not people and (number := NUMBER.match(text or "")):
                rows, following = queries.by_number(session, int(number[1]), int(number[2])), None
            else:
                rows, following = queries.search_page(session, text or "", people, after, page_limit(limit))
            if after is None:
                work.journal(Operation.SEARCH, kind=RECORD_KIND, motive=given,
                             detail="person search" if people else "text search")
                work.commit()
        return SearchPage(rows, following)
