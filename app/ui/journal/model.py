"""The journal's entries as a table: labels of operations, compartments and kinds, and the lazy model."""

from __future__ import annotations

from collections.abc import Callable

from app.errors import QT_TRANSLATE_NOOP
from app.i18n import translate
from app.models.journal import OPERATION_LABELS
from app.qt import QObject, Qt
from app.services.journal import PAGE_SIZE, JournalRow
from app.kernel.rights import ADMINISTRATION, COMPARTMENT_LABELS, Compartment
from app.ui.table_model import LazyTableModel
from app.ui.tasks import TaskManager

ADMINISTRATION_LABEL = QT_TRANSLATE_NOOP("fields", "administration")

# A journal row carries its operation as stored (a string, maybe one this version does not know).
_OPERATION_LABELS_BY_VALUE: dict[str, str] = {operation.value: label for operation, label in OPERATION_LABELS.items()}

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
    label = _OPERATION_LABELS_BY_VALUE.get(operation)
    return translate("journal", label) if label else operation


def compartment_label(compartment: str) -> str:
    if compartment == ADMINISTRATION:
        return translate("fields", ADMINISTRATION_LABEL)
    try:
        return translate("fields", COMPARTMENT_LABELS[Compartment(compartment)])
    except ValueError:
        return compartment


class JournalTableModel(LazyTableModel[JournalRow]):
    """The entries of one search, newest first; the next page is fetched (in a worker) when the view needs it."""

    COLUMNS = COLUMNS
    CONTEXT = "journal"

    def __init__(self, tasks: TaskManager, parent: QObject | None = None) -> None:
        super().__init__(tasks, parent)
        self.total = 0

    def show(self, rows: list[JournalRow], total: int, fetch_after: Callable[[int], list[JournalRow]]) -> None:
        """The first page of a search and its count; *fetch_after(seq)* gives the page older than *seq*."""
        self.total = total

        def fetch(seq: int) -> tuple[list[JournalRow], int | None]:
            more = fetch_after(seq)
            return more, next_seq(more)

        self.reset(rows, next_seq(rows) if len(rows) < total else None, fetch)

    def display(self, row: JournalRow, key: str, role: Qt.ItemDataRole) -> object:
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


def next_seq(page: list[JournalRow]) -> int | None:
    """Where the next page starts: after a full page's last entry; a short page was the last."""
    return page[-1].seq if len(page) >= PAGE_SIZE else None


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]
