"""The journal's entries as a table: labels of operations, compartments and kinds, and the lazy model."""

from __future__ import annotations

from collections.abc import Callable

from app.audit import wording
from app.audit.query import EntryKey
from app.audit.stations import StationLabel, station_text
from app.errors import QT_TRANSLATE_NOOP
from app.i18n import translate
from app.qt import QObject, Qt
from app.services.journal import PAGE_SIZE, JournalRow
from app.ui.table_model import LazyTableModel
from app.ui.tasks import TaskManager

COLUMNS = (
    ("seq", "No."),
    ("at", "Date and time"),
    ("station", QT_TRANSLATE_NOOP("journal", "Station of the entry")),
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


def station_label(station: StationLabel | None, station_id: str = "") -> str:
    """"Poste 2", "Poste 1 (ce poste)"; a station whose number is not known, by the end of its id."""
    return station_text(station or StationLabel(station_id, None), translate)


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
        # The stations the journal holds entries of, by id (JournalService.stations), for the Station column.
        self.stations: dict[str, StationLabel] = {}

    def show(self, rows: list[JournalRow], total: int, fetch_after: Callable[[EntryKey], list[JournalRow]]) -> None:
        """The first page of a search and its count; *fetch_after(key)* gives the page older than *key*."""
        self.total = total

        def fetch(key: EntryKey) -> tuple[list[JournalRow], EntryKey | None]:
            more = fetch_after(key)
            return more, next_key(more)

        self.reset(rows, next_key(rows) if len(rows) < total else None, fetch)

    def display(self, row: JournalRow, key: str, role: Qt.ItemDataRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, key)
        if role == Qt.ItemDataRole.ToolTipRole and key == "record" and row.record_id:
            # The id the verifier and the Record filter take, beside the name people read.
            return f"{self._text(row, key)}\n{row.record_id}"
        if role == Qt.ItemDataRole.ToolTipRole and key in ("detail", "motive", "record"):
            return self._text(row, key)
        if role == Qt.ItemDataRole.ToolTipRole and key == "station":
            return f"{self._text(row, key)}\n{row.station_id}"
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "seq":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, row: JournalRow, key: str) -> str:
        if key == "station":
            return station_label(self.stations.get(row.station_id), row.station_id)
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
        if key == "recipient":
            return wording.recipient_text(row.recipient or "", translate)
        return str(getattr(row, key) or "")


def next_key(page: list[JournalRow]) -> EntryKey | None:
    """Where the next page starts: after a full page's last entry; a short page was the last."""
    return page[-1].key if len(page) >= PAGE_SIZE else None


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]
