"""The journal's entries as a table: labels of operations, compartments and kinds, and the lazy model."""

from __future__ import annotations

from app.errors import QT_TRANSLATE_NOOP
from app.i18n import translate
from app.models.journal import OPERATION_LABELS
from app.qt import QAbstractTableModel, QModelIndex, Qt
from app.services.journal import PAGE_SIZE, JournalRow
from app.kernel.rights import ADMINISTRATION, COMPARTMENT_LABELS, Compartment

ADMINISTRATION_LABEL = QT_TRANSLATE_NOOP("fields", "administration")

# What the journal calls a kind of record, as the screen names it (an unknown kind shows as stored).
RECORD_KIND_LABELS = {
    "user": QT_TRANSLATE_NOOP("journal", "account"),
    "station": QT_TRANSLATE_NOOP("journal", "station"),
    "setting": QT_TRANSLATE_NOOP("journal", "setting"),
    "rights": QT_TRANSLATE_NOOP("journal", "access rights"),
    "retention": QT_TRANSLATE_NOOP("journal", "retention"),
    "journal": QT_TRANSLATE_NOOP("journal", "journal"),
    "journal_extract": QT_TRANSLATE_NOOP("journal", "journal extract"),
    "logbook_entry": QT_TRANSLATE_NOOP("journal", "main courante entry"),
    "writing": QT_TRANSLATE_NOOP("journal", "writing"),
}

COLUMNS = (
    ("seq", "No."),
    ("at", "Date and time"),
    ("login", "User"),
    ("operation", "Operation"),
    ("compartment", "Compartment"),
    ("record", "Record"),
    ("motive", "Motive"),
    ("recipient", "Recipient"),
    ("detail", "Detail"),
)


def operation_label(operation: str) -> str:
    label = OPERATION_LABELS.get(operation)
    return translate("journal", label) if label else operation


def compartment_label(compartment: str) -> str:
    if compartment == ADMINISTRATION:
        return translate("fields", ADMINISTRATION_LABEL)
    try:
        return translate("fields", COMPARTMENT_LABELS[Compartment(compartment)])
    except ValueError:
        return compartment


class JournalTableModel(QAbstractTableModel):
    """The entries of one search, newest first; the next page is fetched when the view needs it."""

    def __init__(self, fetch_after, parent=None) -> None:
        super().__init__(parent)
        # fetch_after(seq) -> the next rows (older than seq), at most PAGE_SIZE.
        self._fetch_after = fetch_after
        self.rows: list[JournalRow] = []
        self.total = 0
        self._complete = True
        self.pages_fetched = 0

    def reset(self, rows: list[JournalRow], total: int) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.total = total
        self._complete = len(rows) >= total or len(rows) < PAGE_SIZE
        self.pages_fetched = 1
        self.endResetModel()

    # -- lazy fetching -------------------------------------------------------------------------

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: B008 - Qt's own default
        return not parent.isValid() and not self._complete

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._complete or not self.rows:
            return
        more = self._fetch_after(self.rows[-1].seq)
        self.pages_fetched += 1
        if len(more) < PAGE_SIZE:
            self._complete = True
        if more:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
            self.rows.extend(more)
            self.endInsertRows()

    # -- what the view shows -----------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return translate("journal", COLUMNS[section][1])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, key)
        if role == Qt.ItemDataRole.ToolTipRole and key in ("detail", "motive", "record"):
            return self._text(row, key)
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "seq":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _text(row: JournalRow, key: str) -> str:
        if key == "seq":
            return str(row.seq)
        if key == "at":
            return row.at.astimezone().strftime("%d/%m/%Y %H:%M:%S")
        if key == "operation":
            return operation_label(row.operation)
        if key == "compartment":
            return _capitalized(compartment_label(row.compartment)) if row.compartment else ""
        if key == "record":
            kind = RECORD_KIND_LABELS.get(row.record_kind)
            return f"{translate('journal', kind) if kind else row.record_kind} {row.record_id}".strip()
        return str(getattr(row, key) or "")


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]
