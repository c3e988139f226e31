"""The supervisor's screen: the access journal filtered, read page by page, exported and verified.

The list is a lazy table model (app.ui.table_model): it holds the rows
fetched so far and asks the service, in a worker, for the next page (by
sequence number) only when the view scrolls near the end, so a million
entries cost no more than the pages looked at. The first page and the count
come from a search through the task manager, which is the one consultation
the journal records about itself; exports and the verification of the whole
journal run there too. Nothing here reads the database on the GUI thread.

The page does not reload by itself when something is committed: every action
of every user writes to the journal, and each search is itself journaled, so
a list that followed the changes would never hold still under the reader's
eyes. It is read again when the supervisor asks (Search).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.audit.actor import Actor
from app.audit.query import JournalFilter
from app.i18n import translate
from app.models.journal import OPERATION_LABELS
from app.qt import (
    QAbstractItemView,
    QComboBox,
    QDate,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    Qt,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from app.bootstrap import Services
from app.audit.verify import Report
from app.services.journal import ExportResult, JournalRow, StationKey
from app.kernel.rights import ADMINISTRATION, Access, Compartment
from app.ui.dates import as_date, date_edit, first_problem
from app.audit.stations import StationLabel
from app.ui.journal.model import COLUMNS, JournalTableModel, _capitalized, compartment_label, station_label
from app.ui.journal.sealed import SealedVerifyDialog, stations_text
from app.ui.messages import error_text
from app.ui.motive import MotiveDialog
from app.ui.tasks import TaskManager
from app.ui.widgets import busy_bar, error_label, heading, show_message

DEFAULT_DAYS = 7

__all__ = ["COLUMNS", "JournalPage"]


class JournalPage(QWidget):
    """Filters above, the entries below, exports and verification on the right of the filters."""

    def __init__(self, services: Services, actor: Actor, tasks: TaskManager, parent: QWidget | None = None, *,
                 accesses: frozenset[Access] = frozenset()) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.tasks = tasks
        # What the actor may do in the journal, as MainWindow read it from the rights matrix.
        self.accesses = accesses
        self.journal = services.journal
        self.filters = JournalFilter()
        self.searched = False
        self._running = 0
        self.motive_dialog: MotiveDialog | None = None
        self.file_dialog: QFileDialog | None = None
        self.sealed_dialog: SealedVerifyDialog | None = None

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Access journal")))
        intro = QLabel(self.tr(
            "Who consulted, changed, printed, exported or erased which record, from which station, and why. "
            "Looking at this journal is itself written in it."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(self._filter_bar())
        layout.addLayout(self._action_bar())
        self.busy = busy_bar(self)
        layout.addWidget(self.busy)
        self.message = error_label(self)
        layout.addWidget(self.message)
        for field in (self.start_date, self.end_date):
            field.report_to(self.message)  # a bad date is said on leaving the field
        self.outcome = QLabel(self)
        self.outcome.setObjectName("journalOutcome")
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.outcome.hide()
        layout.addWidget(self.outcome)
        self.model = JournalTableModel(tasks, self)
        self.model.fetch_failed.connect(lambda error: show_message(self.message, error_text(error)))
        self.table = self._table()
        layout.addWidget(self.table, 1)

    # -- building ------------------------------------------------------------------------------

    def _filter_bar(self) -> QHBoxLayout:
        # The station's clock, not the machine's: they are the same but for tests and a clock put right.
        now = self.services.station.clock.now().astimezone()
        today = QDate(now.year, now.month, now.day)
        self.start_date = date_edit(self, "journalFrom", today.addDays(-DEFAULT_DAYS), self.tr("From"))
        self.end_date = date_edit(self, "journalTo", today, self.tr("To"))
        self.login_field = QLineEdit(self)
        self.login_field.setObjectName("journalLogin")
        self.login_field.setPlaceholderText(self.tr("all users"))
        self.operation_choice = QComboBox(self)
        self.operation_choice.setObjectName("journalOperation")
        self.operation_choice.addItem(self.tr("All operations"), "")
        for operation, label in OPERATION_LABELS.items():
            self.operation_choice.addItem(translate("journal", label), str(operation))
        self.compartment_choice = QComboBox(self)
        self.compartment_choice.setObjectName("journalCompartment")
        self.compartment_choice.addItem(self.tr("All compartments"), "")
        for compartment in Compartment:
            self.compartment_choice.addItem(_capitalized(compartment_label(compartment)), str(compartment))
        self.compartment_choice.addItem(_capitalized(compartment_label(ADMINISTRATION)), ADMINISTRATION)
        # Every station's entries are here (sync); the choice is filled with the stations at each search.
        self.station_choice = QComboBox(self)
        self.station_choice.setObjectName("journalStation")
        self.station_choice.addItem(self.tr("All stations"), "")
        self.record_field = QLineEdit(self)
        self.record_field.setObjectName("journalRecord")
        self.record_field.setPlaceholderText(self.tr("record identifier"))
        self.search_button = QPushButton(self.tr("Search"), self)
        self.search_button.setObjectName("journalSearch")
        self.search_button.setDefault(True)
        self.search_button.clicked.connect(self.search)
        for field in (self.start_date, self.end_date, self.login_field, self.record_field):
            field.returnPressed.connect(self.search)

        left, right = QFormLayout(), QFormLayout()
        left.addRow(self.tr("From:"), self.start_date)
        left.addRow(self.tr("To:"), self.end_date)
        left.addRow(self.tr("User:"), self.login_field)
        right.addRow(self.tr("Operation:"), self.operation_choice)
        right.addRow(self.tr("Compartment:"), self.compartment_choice)
        right.addRow(self.tr("Record:"), self.record_field)
        right.addRow(self.tr("Station:"), self.station_choice)
        bar = QHBoxLayout()
        bar.addLayout(left)
        bar.addSpacing(16)
        bar.addLayout(right)
        bar.addSpacing(16)
        bar.addWidget(self.search_button, 0, Qt.AlignmentFlag.AlignBottom)
        bar.addStretch()
        return bar

    def _action_bar(self) -> QHBoxLayout:
        self.count_label = QLabel(self)
        self.count_label.setObjectName("journalCount")
        may_export = Access.EXPORT in self.accesses
        self.export_csv_button = QPushButton(self.tr("Export as CSV\u2026"), self)
        self.export_csv_button.setObjectName("journalExportCsv")
        self.export_csv_button.clicked.connect(lambda: self.start_export("csv"))
        self.export_pdf_button = QPushButton(self.tr("Export as PDF\u2026"), self)
        self.export_pdf_button.setObjectName("journalExportPdf")
        self.export_pdf_button.clicked.connect(lambda: self.start_export("pdf"))
        self.verify_button = QPushButton(self.tr("Verify the whole journal"), self)
        self.verify_button.setObjectName("journalVerify")
        self.verify_button.clicked.connect(self.verify)
        self.verify_sealed_button = QPushButton(self.tr("Verify with the code\u2026"), self)
        self.verify_sealed_button.setObjectName("journalVerifySealed")
        self.verify_sealed_button.clicked.connect(self.ask_code)
        bar = QHBoxLayout()
        bar.addWidget(self.count_label, 1)
        for button in (self.export_csv_button, self.export_pdf_button):
            button.setVisible(may_export)
            bar.addWidget(button)
        bar.addWidget(self.verify_button)
        bar.addWidget(self.verify_sealed_button)
        return bar

    def _table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("journalTable")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        # Fixed row heights: the view never measures rows it does not show.
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(24)
        header = table.horizontalHeader()
        header.setStretchLastSection(True)
        self.table = table
        self._fit_columns()
        return table

    def _fit_columns(self) -> None:
        """Each column as wide as what it shows (the time in full), long texts held to a readable width."""
        table = self.table
        chars = table.fontMetrics().averageCharWidth()
        table.resizeColumnsToContents()
        at = COLUMNS.index(next(c for c in COLUMNS if c[0] == "at"))
        widest_time = table.fontMetrics().horizontalAdvance("00/00/0000 00:00:00") + 3 * chars
        table.setColumnWidth(at, max(table.columnWidth(at), widest_time))
        limits = {"login": 14, "station": 22, "operation": 24, "compartment": 24, "record": 30, "motive": 20, "recipient": 20}
        for column, (key, _title) in enumerate(COLUMNS[:-1]):
            if key in limits:
                table.setColumnWidth(column, min(table.columnWidth(column), limits[key] * chars))

    # -- searching -----------------------------------------------------------------------------

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self.searched:
            self.search()

    def current_filters(self) -> JournalFilter:
        return JournalFilter.days(
            as_date(self.start_date.date()), as_date(self.end_date.date()),
            login=self.login_field.text(), operation=self.operation_choice.currentData() or "",
            compartment=self.compartment_choice.currentData() or "", record_id=self.record_field.text(),
            station=self.station_choice.currentData() or "",
        )

    def period_problem(self) -> str:
        """Why the period cannot be read ('' when it can): an unreadable date, or an end before the start."""
        unreadable = first_problem((self.start_date, self.end_date))
        if unreadable is not None:
            return unreadable[1]
        if self.start_date.date() > self.end_date.date():
            return self.tr("The period ends before it begins.")
        return ""

    def search(self) -> None:
        show_message(self.message, "")
        problem = self.period_problem()
        if problem:
            show_message(self.message, problem)
            return
        self.searched = True
        filters = self.current_filters()
        journal, actor = self.journal, self.actor

        def work() -> tuple[list[JournalRow], int, list[StationLabel]]:
            return journal.search(actor, filters), journal.count(actor, filters), journal.stations(actor)

        self._run(work, lambda result: self._show_results(filters, *result))

    def _show_results(self, filters: JournalFilter, rows: list[JournalRow], total: int,
                      stations: list[StationLabel]) -> None:
        self.filters = filters
        journal, actor = self.journal, self.actor

        def fetch_after(key) -> list[JournalRow]:  # in a worker, for this search's filters only
            return journal.search(actor, filters, after=key, first_page=False)

        self._show_stations(stations)
        self.model.show(rows, total, fetch_after)
        self._fit_columns()
        self.count_label.setText(
            self.tr("%n matching entries", "", total) if total else self.tr("No entry matches these filters.")
        )

    def _show_stations(self, stations: list[StationLabel]) -> None:
        """The Station column's names and the stations to choose from, the choice kept; a station
        alone (not synced with others) has no column to repeat its own name in every row."""
        self.model.stations = {station.station_id: station for station in stations}
        column = COLUMNS.index(next(c for c in COLUMNS if c[0] == "station"))
        self.table.setColumnHidden(column, len(stations) <= 1)
        chosen = self.station_choice.currentData() or ""
        wanted = [("", self.tr("All stations"))] + [(s.station_id, station_label(s)) for s in stations]
        held = [(self.station_choice.itemData(i), self.station_choice.itemText(i))
                for i in range(self.station_choice.count())]
        if held == wanted:
            return
        self.station_choice.blockSignals(True)
        self.station_choice.clear()
        for station_id, text in wanted:
            self.station_choice.addItem(text, station_id)
        self.station_choice.setCurrentIndex(max(0, self.station_choice.findData(chosen)))
        self.station_choice.blockSignals(False)

    # -- exporting -----------------------------------------------------------------------------

    def start_export(self, fmt: str) -> None:
        """Read the station's motives, ask the motive, then where to write, then export in the background."""
        problem = self.period_problem()
        if problem:
            show_message(self.message, problem)
            return
        settings = self.services.settings
        self._run(lambda: settings.get("motives"), lambda motives: self._ask_motive(fmt, motives))

    def _ask_motive(self, fmt: str, motives: list[str]) -> None:
        title = self.tr("Export the access journal")
        dialog = MotiveDialog(title, motives, required=True, parent=self)
        dialog.setObjectName("journalExportMotive")
        dialog.accepted.connect(lambda: self._choose_file(fmt, dialog.motive))
        self.motive_dialog = dialog
        dialog.open()

    def _choose_file(self, fmt: str, motive: str) -> None:
        name = f"journal-{self.services.station.clock.now().astimezone().date().isoformat()}.{fmt}"
        dialog = QFileDialog(self, self.tr("Save the extract"), str(Path.home() / name))
        dialog.setObjectName("journalExportFile")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setDefaultSuffix(fmt)
        dialog.setNameFilter(self.tr("CSV file (*.csv)") if fmt == "csv" else self.tr("PDF file (*.pdf)"))
        dialog.fileSelected.connect(lambda path: self.export_to(fmt, path, motive))
        self.file_dialog = dialog
        dialog.open()

    def export_to(self, fmt: str, path: str, motive: str) -> None:
        filters = self.current_filters()
        journal, actor = self.journal, self.actor

        def work() -> tuple[ExportResult, StationKey]:
            return journal.export(actor, filters, fmt, path, motive, translate=translate), journal.station_key()

        self._run(work, lambda done: self._exported(*done))

    def _exported(self, result: ExportResult, key: StationKey) -> None:
        self._show_outcome(self.tr(
            "%n entries exported to {path}.\nSigned manifest: {manifest}\n"
            "Station key fingerprint: {fingerprint}", "", result.count).format(
                path=str(result.path), manifest=str(result.manifest),
                fingerprint=key.readable_fingerprint))

    # -- verifying -----------------------------------------------------------------------------

    def verify(self) -> None:
        journal, actor = self.journal, self.actor
        self._run(lambda: journal.verify_every_station(actor), self._verified)

    def _verified(self, reports: tuple[Report, list]) -> None:
        self._show_outcome(stations_text(*reports))

    def ask_code(self) -> None:
        """The dialog for the journal verification code; the verification runs when it is given."""
        dialog = SealedVerifyDialog(self)
        dialog.code_given.connect(lambda code: self.verify_sealed(code, dialog))
        self.sealed_dialog = dialog
        dialog.open()

    def verify_sealed(self, code: str, dialog: SealedVerifyDialog) -> None:
        """Every seal checked with *code*, in a worker; a code refused is said in the dialog, typed again there."""
        journal, actor = self.journal, self.actor

        def verified(reports: tuple[Report, list]) -> None:
            dialog.finished_verifying()
            self._verified(reports)

        self._run(lambda: journal.verify_every_station(actor, code), verified,
                  lambda error: dialog.refused(error_text(error)))

    # -- background work -----------------------------------------------------------------------

    def _run(self, work: Callable[[], Any], on_success: Callable[[Any], None],
             on_failure: Callable[[Exception], None] | None = None) -> None:
        """One service call through the task manager; the buttons wait while it runs."""
        self._running += 1
        self._set_busy(True)

        def succeeded(result: Any) -> None:
            self._done()
            on_success(result)

        def failed(error: Exception) -> None:
            self._done()
            if on_failure is not None:
                on_failure(error)
            else:
                show_message(self.message, error_text(error))

        self.tasks.run(work, succeeded, failed, owner=self)

    def _done(self) -> None:
        self._running -= 1
        self._set_busy(self._running > 0)

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for button in (self.search_button, self.export_csv_button, self.export_pdf_button, self.verify_button,
                       self.verify_sealed_button):
            button.setEnabled(not busy)

    @property
    def is_busy(self) -> bool:
        return self._running > 0 or self.model.fetching

    def _show_outcome(self, text: str) -> None:
        self.outcome.setText(text)
        self.outcome.show()
