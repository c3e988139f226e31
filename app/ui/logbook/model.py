"""The main courante as a table: rows fetched a page at a time, only when the view scrolls to them.

The model is the application's lazy table (app.ui.table_model): the first
page comes with the search that set the filters; later pages are single
indexed reads of a few dozen rows, fetched through the task manager when the
view nears the end, one at a time, a page for older filters dropped. The
whole log pages by a keyset cursor (PageCursor), a search by an offset.
"""

from __future__ import annotations

from app.errors import QT_TRANSLATE_NOOP
from app.i18n import translate
from app.models.logbook import CHANNEL_LABELS, STATUS_LABELS, EntryStatus
from app.qt import QAbstractItemView, QColor, QHeaderView, QObject, Qt, QTableView, QWidget
from app.logbook.types import EntryRow
from app.ui.dates import local_time
from app.ui.table_model import LazyTableModel

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

OPEN_COLOUR = "#b35c00"  # an entry still open, in the status column


class EntryTableModel(LazyTableModel[EntryRow]):
    """Entries of the main courante: today's, the whole log's under its filters, or a search's."""

    COLUMNS = COLUMNS
    CONTEXT = "logbook"

    def display(self, row: EntryRow, key: str, role: Qt.ItemDataRole) -> object:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(row, key)
        if role == Qt.ItemDataRole.ForegroundRole and key == "status" and row.status == EntryStatus.OPEN:
            return QColor(OPEN_COLOUR)
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
    # Widths from the font the station shows (its size, its DPI): fixed pixels cut the time off a date on a
    # screen whose font is larger. A number and a date are measured whole; the others by a count of letters.
    metrics, padding = table.fontMetrics(), 18
    letter = metrics.horizontalAdvance("n")
    measured = (metrics.horizontalAdvance("2026/00000"), metrics.horizontalAdvance("00/00/0000 00:00"))
    widths = [width + padding for width in (*measured, 11 * letter, 20 * letter, 0, 18 * letter, 14 * letter,
                                            9 * letter)]
    for column, width in enumerate(widths):
        table.setColumnWidth(column, width)
    # The subject takes what the other columns leave: no sideways scrolling on a station screen.
    header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
    return table


class TodayCount(QObject):
    """The line over today's list: how many entries, how many still open; an empty day said in words."""

    def text(self, rows: tuple[EntryRow, ...]) -> str:
        still_open = sum(1 for row in rows if row.status == EntryStatus.OPEN)
        if not rows:
            return self.tr("No entry today, and none open.")
        if not still_open:
            return self.tr("%n entries today, none open.", "", len(rows))
        return self.tr("%n entries today or still open, {open} of them open.", "", len(rows)).format(
            open=still_open)
