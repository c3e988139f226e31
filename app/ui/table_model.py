"""A table model whose rows arrive a page at a time, each page fetched through the task manager.

Qt asks `canFetchMore`/`fetchMore` when a view nears the last row it holds;
here `fetchMore` does not read anything itself: it starts a task
(app.ui.tasks.TaskManager) that calls the page's *fetch*, and the rows are
inserted when the page comes back on the GUI thread. So scrolling never
blocks the window, whatever a page costs.

Three rules, which every list of Vigie can rely on:

* one fetch at a time: while a page is on its way, `canFetchMore` says no,
  so Qt's repeated asks start nothing more;
* a reset wins: `reset()` (a new search, new filters) makes any page still
  on its way stale, and a stale page is dropped when it arrives;
* the first page is the caller's: a search usually brings it with a count
  (one consultation, journaled once), so `reset(rows, cursor, fetch)` shows
  it and says how to get the next ones.

Using it for a list: subclass it, declare the columns and how a row shows,
and hand it pages (app.ui.journal.model and app.ui.logbook.model do so):

    class EntryTableModel(LazyTableModel[EntryRow]):
        COLUMNS = (("number", "No."), ("subject", "Subject"))   # (key, untranslated header)
        CONTEXT = "logbook"                                      # translation context of the headers

        def display(self, row: EntryRow, key: str, role: Qt.ItemDataRole) -> object:
            return row.number if key == "number" else row.subject   # None for roles you ignore

    model = EntryTableModel(tasks, parent=view)
    # fetch(cursor) -> (rows, next cursor or None after the last page); it runs in a worker,
    # so it must open its own unit of work (a service call does) and return plain data.
    fetch = lambda cursor: services.logbook.page(actor, filters, cursor)
    model.reset(first_rows, next_cursor, fetch)

The cursor is whatever the list pages by, typed per result: a keyset cursor
for the whole main courante, an offset for its search, the last seq for the
journal. Each `reset` checks its first cursor against what its *fetch* takes
and gives; the model itself only hands it back.

`page_arrived` fires after rows are inserted (tests wait on it); a fetch that
fails emits `fetch_failed` with the exception (show it with error_text) and
leaves the model as it was, ready to try again at the next scroll.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeAlias, TypeVar

from app.i18n import translate
from app.qt import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from app.ui.tasks import TaskManager

Row = TypeVar("Row")
Cursor = TypeVar("Cursor")  # where a page starts: a keyset cursor, an offset, a seq...
# fetch(cursor) -> (the rows of that page, the cursor of the next page or None after the last)
Fetch: TypeAlias = Callable[[Cursor], tuple[Sequence[Row], Cursor | None]]

ROOT = QModelIndex()
# What Qt hands a model as an index or a parent: either kind of index.
Index = QModelIndex | QPersistentModelIndex


class LazyTableModel(QAbstractTableModel, Generic[Row]):
    """The rows fetched so far of one result; the next page is fetched in a worker when a view needs it."""

    COLUMNS: tuple[tuple[str, str], ...] = ()  # (key, untranslated header)
    CONTEXT = ""  # translation context of the headers

    page_arrived = Signal()
    fetch_failed = Signal(object)  # the exception

    def __init__(self, tasks: TaskManager, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.rows: list[Row] = []
        self.pages_fetched = 0
        # Typed by each reset; from then on the model only hands the cursor back to that fetch.
        self._fetch: Fetch[Any, Row] | None = None
        self._next: Any = None
        self._fetching = False
        # Bumped by every reset: a page fetched for an older result is recognised and dropped.
        self._generation = 0

    def reset(self, rows: Sequence[Row], next_cursor: Cursor | None = None,
              fetch: Fetch[Cursor, Row] | None = None) -> None:
        """Show *rows* (the first page); with *fetch* and a *next_cursor*, more come when scrolled to."""
        self.beginResetModel()
        self._generation += 1
        self._fetching = False
        self.rows = list(rows)
        self._fetch = fetch
        self._next = next_cursor
        self.pages_fetched = 1
        self.endResetModel()

    def row_at(self, row: int) -> Row:
        return self.rows[row]

    @property
    def fetching(self) -> bool:
        """A page is on its way."""
        return self._fetching

    # -- lazy fetching -------------------------------------------------------------------------

    def canFetchMore(self, parent: Index = ROOT) -> bool:  # noqa: N802 - Qt's name
        return (not parent.isValid() and self._fetch is not None and self._next is not None
                and not self._fetching)

    def fetchMore(self, parent: Index = ROOT) -> None:  # noqa: N802 - Qt's name
        if not self.canFetchMore(parent):
            return
        fetch, cursor, generation = self._fetch, self._next, self._generation
        assert fetch is not None
        self._fetching = True
        self.tasks.run(lambda: fetch(cursor), lambda page: self._arrived(generation, page),
                       lambda error: self._failed(generation, error), owner=self)

    def _arrived(self, generation: int, page: tuple[Sequence[Row], Any]) -> None:
        if generation != self._generation:
            return  # fetched for a result the user has since replaced
        self._fetching = False
        more, self._next = page
        self.pages_fetched += 1
        if more:
            first = len(self.rows)
            self.beginInsertRows(ROOT, first, first + len(more) - 1)
            self.rows.extend(more)
            self.endInsertRows()
        self.page_arrived.emit()

    def _failed(self, generation: int, error: Exception) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        self.fetch_failed.emit(error)

    # -- what the view shows -----------------------------------------------------------------

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt's name
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return translate(self.CONTEXT, self.COLUMNS[section][1])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        return self.display(self.rows[index.row()], self.COLUMNS[index.column()][0], Qt.ItemDataRole(role))

    def display(self, row: Row, key: str, role: Qt.ItemDataRole) -> object:
        """What cell *key* of *row* shows for *role* (None for a role it does not fill)."""
        raise NotImplementedError
