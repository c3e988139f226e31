"""The journal's entries as a table: labels of operations, compartments and kinds, and the lazy model."""

from __future__ import annotations

from collections.abc import Callable

from app.audit import wording
from app.i18n import translate
from app.qt import QObject, Qt
from app.services.journal import PAGE_SIZE, JournalRow
from app.ui.table_model import LazyTableModel
from app.ui.tasks import TaskManager

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
    return wording.operation_text(operation, translate)


def compartment_label(compartment: str) -> str:
    return wording.compartment_text(compartment, translate)


def record_label(row: JournalRow) -> str:
    """"PV 2026/00007", "Utilisateur mbernard": the record as people name it (its id in the tooltip)."""
    return wording.record_text(row.record_kind, row.record_id, row.record, {}, translate)


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
        if role == Qt.ItemDataRole.ToolTipRole and key == "record" and row.record_id:
            # The id the verifier and the Record filter take, beside the name people read.
            return f"{self._text(row, key)}\n{row.record_id}"
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
            return compartment_label(row.compartment) if row.compartment else ""
        if key == "record":
            return record_label(row)
        if key in ("detail", "motive"):
            return wording.detail_text(getattr(row, key), translate)
        return str(getattr(row, key) or "")


def next_seq(page: list[JournalRow]) -> int | None:
    """Where the next page starts: after a full page's last entry; a short page was the last."""
    return page[-1].seq if len(page) >= PAGE_SIZE else None


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]
