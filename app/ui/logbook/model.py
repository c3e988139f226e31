"""The main courante as a table: rows fetched a page at a time, only when the view scrolls to them.

A model holds the rows fetched so far and the cursor of the next page; Qt
asks `canFetchMore`/`fetchMore` when the view nears the end. The first page
comes with the search that set the filters; later pages are single indexed
reads of a few dozen rows, done on demand. Every page is read through the
task manager, never on the GUI thread: a page asked for while another is on
its way waits for it, and a page that arrives after the filters changed is
dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from app.errors import QT_TRANSLATE_NOOP
from app.i18n import translate
from app.models.logbook import CHANNEL_LABELS, STATUS_LABELS, EntryStatus
from app.qt import (
    QAbstractItemView,
    QAbstractTableModel,
    QColor,
    QHeaderView,
    QModelIndex,
    QObject,
    Qt,
    QTableView,
    QWidget,
    Signal,
)
from app.logbook.types import EntryRow
from app.ui.dates import local_time
from app.ui.tasks import TaskManager

COLUMNS = (
    ("number", QT_TRANSLATE_NOOP("logbook", "No.")),
    ("requested_at", QT_TRANSLATE_NOOP("logbook", "Date and time")),
    ("channel", QT_TRANSLATE_NOOP("logbook", "Channel")),
    ("nature", QT_TRANSLATE_NOOP("logbook", "Nature")),
    ("subject", QT_TRANSLATE_NOOP("logbook", "Subject")),
    ("address", QT_TRANSLATE_NOOP("logbook", "Place")),
    ("agents", QT_TRANSLATE_NOOP("logbook", "Agents")),
    ("status", QT_TRANSLATE_NOOP("logbook", "Status")),
)

Cursor = TypeVar("Cursor")  # where a page starts: a PageCursor, a search's offset...

# fetch(cursor) -> (rows, next cursor or None when that was the last page); it runs in a worker.
Fetch = Callable[[Cursor], tuple[list[EntryRow], Cursor | None]]


class EntryTableModel(QAbstractTableModel):
    fetch_failed = Signal(object)  # the exception of a page that could not be read

    def __init__(self, tasks: TaskManager, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.rows: list[EntryRow] = []
        self._fetch: Fetch[Any] | None = None
        self._next: object | None = None
        self._generation = 0  # moves on at each reset: a page for older filters is dropped
        self.fetching = False
        self.pages_fetched = 0

    def reset(self, rows: list[EntryRow], next_cursor: Cursor | None = None,
              fetch: Fetch[Cursor] | None = None) -> None:
        """Show *rows*; with *fetch* and a *next_cursor*, more come when the view scrolls to them."""
        self.beginResetModel()
        self.rows = list(rows)
        self._fetch = fetch
        self._next = next_cursor
        self._generation += 1
        self.fetching = False
        self.pages_fetched = 1
        self.endResetModel()

    def row_at(self, row: int) -> EntryRow:
        return self.rows[row]

    # -- lazy fetching -------------------------------------------------------------------------

    # *parent* as Qt gives it: a QModelIndex or a QPersistentModelIndex (which app.qt does not export).
    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: B008 - Qt's own default
        return (not parent.isValid() and self._fetch is not None and self._next is not None
                and not self.fetching)

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or self._fetch is None:
            return
        fetch, cursor, generation = self._fetch, self._next, self._generation
        self.fetching = True
        self.tasks.run(lambda: fetch(cursor), lambda page: self._arrived(generation, page),
                       lambda error: self._failed(generation, error), owner=self)

    def _arrived(self, generation: int, page: tuple[list[EntryRow], object | None]) -> None:
        if generation != self._generation:
            return
        more, self._next = page
        self.fetching = False
        self.pages_fetched += 1
        if more:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
            self.rows.extend(more)
            self.endInsertRows()

    def _failed(self, generation: int, error: Exception) -> None:
        if generation != self._generation:
            return
        self.fetching = False
        self._next = None  # no retry loop on a failing read: the next reset starts again
        self.fetch_failed.emit(error)

    # -- what the view shows -----------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return translate("logbook", COLUMNS[section][1])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(row, key)
        if role == Qt.ItemDataRole.ForegroundRole and key == "status" and row.status == EntryStatus.OPEN:
            return QColor("#b35c00")
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    @staticmethod
    def _text(row: EntryRow, key: str) -> str:
        if key == "number":
            return row.number
        if key == "requested_at":
            return local_time(row.requested_at)
        if key == "channel":
            return translate("logbook", CHANNEL_LABELS[row.channel])
        if key == "nature":
            return row.nature_label
        if key == "agents":
            return ", ".join(row.agents)
        if key == "status":
            return translate("logbook", STATUS_LABELS[row.status])
        return str(getattr(row, key) or "")


def entry_table(parent: QWidget, model: EntryTableModel, name: str) -> QTableView:
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setTabKeyNavigation(False)
    table.verticalHeader().hide()
    # Fixed row heights: the view never measures rows it does not show.
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(24)
    header = table.horizontalHeader()
    for column, width in enumerate((90, 120, 95, 150, 0, 180, 150, 80)):
        table.setColumnWidth(column, width)
    # The subject takes what the other columns leave: no sideways scrolling on a station screen.
    header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
    return table
