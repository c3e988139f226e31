"""The main courante module: today's entries, the whole log with its filters, and the search.

Keyboard first: Ctrl+N opens a new entry, Ctrl+F goes to the search field,
Enter on a row opens it. Every list comes from the service through the
task manager (the whole log is a lazy model: a page at a time), so the
screen never waits on a large log; the lists reload when a unit of work
says the main courante changed. Drafts left by a crash are offered again
as soon as the module is shown.
"""

from __future__ import annotations

from datetime import timedelta

from app.audit.actor import Actor
from app.clock import local_midnight
from app.kernel.work import Changes
from app.logbook.types import Draft, EntryRow, ListFilter, Page, PageCursor, SearchPage, SortKey
from app.i18n import translate
from app.models.logbook import STATUS_LABELS, EntryStatus
from app.qt import (
    QCheckBox,
    QComboBox,
    QDate,
    QFormLayout,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QShortcut,
    Qt,
    QTabWidget,
    QTimer,
    QVBoxLayout,
    QWidget,
)
from app.bootstrap import Services
from app.kernel.rights import Access, Compartment
from app.ui.forms import Jobs
from app.ui.dates import as_date, date_edit, first_problem
from app.ui.logbook.entry import EntryDialog
from app.ui.logbook.model import EntryTableModel, TodayCount, entry_table
from app.ui.messages import error_text
from app.ui.motive import MotiveDialog
from app.ui.tasks import TaskManager
from app.ui.widgets import busy_bar, error_label, heading, show_message

DEFAULT_DAYS = 30


class LogbookPage(QWidget):
    def __init__(self, services: Services, actor: Actor, tasks: TaskManager,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.tasks = tasks
        self.logbook = services.logbook
        self.loaded = False
        self.open_dialogs: list = []
        self.motive_dialog: MotiveDialog | None = None
        # Set by the main window when the writings module can take an entry ("Rédiger un rapport / PV").
        self.writing_opener = None
        self.may_write = False  # known once the right is read, in the background
        self.jobs = Jobs(tasks, self, lambda error: show_message(self.message, error_text(error)))
        # Several changes in a row (a save, then its attachment) make one reload.
        self.stale = QTimer(self)
        self.stale.setSingleShot(True)
        self.stale.setInterval(0)
        self.stale.timeout.connect(self.refresh)
        tasks.changed.connect(self._on_changes)

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(heading(self.tr("Main courante")))
        top.addStretch()
        self.new_button = QPushButton(self.tr("New entry (Ctrl+N)"), self)
        self.new_button.setObjectName("logbookNew")
        self.new_button.hide()
        self.new_button.clicked.connect(lambda: self.open_entry(None))
        top.addWidget(self.new_button)
        layout.addLayout(top)
        layout.addLayout(self._search_bar())
        self.busy = busy_bar(self)
        self.jobs.busy.connect(self.busy.setVisible)
        layout.addWidget(self.busy)
        self.message = error_label(self)
        layout.addWidget(self.message)
        layout.addWidget(self._build_tabs(tasks), 1)

        # Window-wide while this module is the one shown (a hidden page's shortcuts do not fire).
        new_shortcut = QShortcut(QKeySequence.StandardKey.New, self)
        new_shortcut.activated.connect(lambda: self.may_write and self.open_entry(None))
        find_shortcut = QShortcut(QKeySequence.StandardKey.Find, self)
        find_shortcut.activated.connect(self._focus_search)

    # -- building ------------------------------------------------------------------------------

    def _build_tabs(self, tasks: TaskManager) -> QTabWidget:
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("logbookTabs")
        self.today_model = EntryTableModel(tasks, self)
        self.today_table = entry_table(self, self.today_model, "logbookToday")
        self.tabs.addTab(self._today_tab(), self.tr("Today"))
        self.all_model = EntryTableModel(tasks, self)
        self.all_table = entry_table(self, self.all_model, "logbookAll")
        self.tabs.addTab(self._all_tab(), self.tr("Whole log"))
        self.search_model = EntryTableModel(tasks, self)
        self.search_table = entry_table(self, self.search_model, "logbookFound")
        self.tabs.addTab(self._search_tab(), self.tr("Search results"))
        for model, table in ((self.today_model, self.today_table), (self.all_model, self.all_table),
                             (self.search_model, self.search_table)):
            table.activated.connect(lambda index, m=model: self._open_row(m, index.row()))
        self.tabs.currentChanged.connect(self._tab_shown)
        for model in (self.all_model, self.search_model):
            model.fetch_failed.connect(lambda error: show_message(self.message, error_text(error)))
        return self.tabs

    def _search_bar(self) -> QHBoxLayout:
        self.search_field = QLineEdit(self)
        self.search_field.setObjectName("logbookSearch")
        self.search_field.setPlaceholderText(self.tr("Search the log: words, place, number such as 2026/00042 (Ctrl+F)"))
        self.search_field.setClearButtonEnabled(True)
        self.search_field.returnPressed.connect(self.search)
        self.person_search = QCheckBox(self.tr("a person's name (motive asked)"), self)
        self.person_search.setObjectName("logbookPersonSearch")
        self.search_button = QPushButton(self.tr("Search"), self)
        self.search_button.setObjectName("logbookSearchButton")
        self.search_button.clicked.connect(self.search)
        bar = QHBoxLayout()
        bar.addWidget(self.search_field, 1)
        bar.addWidget(self.person_search)
        bar.addWidget(self.search_button)
        return bar

    def _today_tab(self) -> QWidget:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        self.today_label = QLabel(tab)
        self.today_label.setObjectName("logbookTodayCount")
        layout.addWidget(self.today_label)
        layout.addWidget(self.today_table, 1)
        return tab

    def _all_tab(self) -> QWidget:
        tab = QWidget(self)
        now = self.services.station.clock.now().astimezone()
        today = QDate(now.year, now.month, now.day)
        self.start_date = date_edit(tab, "logbookFrom", today.addDays(-DEFAULT_DAYS), self.tr("From"))
        self.end_date = date_edit(tab, "logbookTo", today, self.tr("To"))
        self.nature_choice = QComboBox(tab)
        self.nature_choice.setObjectName("logbookNature")
        self.agent_choice = QComboBox(tab)
        self.agent_choice.setObjectName("logbookAgent")
        self.status_choice = QComboBox(tab)
        self.status_choice.setObjectName("logbookStatus")
        self.status_choice.addItem(self.tr("All"), "")
        for status in EntryStatus:
            self.status_choice.addItem(translate("logbook", STATUS_LABELS[status]), str(status))
        self.place_field = QLineEdit(tab)
        self.place_field.setObjectName("logbookPlace")
        self.place_field.setPlaceholderText(self.tr("street, place"))
        self.place_field.returnPressed.connect(self.load_all)
        self.sort_choice = QComboBox(tab)
        self.sort_choice.setObjectName("logbookSort")
        self.sort_choice.addItem(self.tr("Newest first"), (SortKey.REQUESTED_AT, True))
        self.sort_choice.addItem(self.tr("Oldest first"), (SortKey.REQUESTED_AT, False))
        self.sort_choice.addItem(self.tr("By number"), (SortKey.NUMBER, True))
        self.filter_button = QPushButton(self.tr("Apply the filters"), tab)
        self.filter_button.setObjectName("logbookFilter")
        self.filter_button.clicked.connect(self.load_all)
        self.all_label = QLabel(tab)
        self.all_label.setObjectName("logbookAllCount")

        left, middle, right = QFormLayout(), QFormLayout(), QFormLayout()
        left.addRow(self.tr("From:"), self.start_date)
        left.addRow(self.tr("To:"), self.end_date)
        middle.addRow(self.tr("Nature:"), self.nature_choice)
        middle.addRow(self.tr("Agent:"), self.agent_choice)
        right.addRow(self.tr("Status:"), self.status_choice)
        right.addRow(self.tr("Place:"), self.place_field)
        right.addRow(self.tr("Order:"), self.sort_choice)
        bar = QHBoxLayout()
        for part in (left, middle, right):
            bar.addLayout(part)
            bar.addSpacing(12)
        bar.addWidget(self.filter_button, 0, Qt.AlignmentFlag.AlignBottom)
        bar.addStretch()
        layout = QVBoxLayout(tab)
        layout.addLayout(bar)
        layout.addWidget(self.all_label)
        layout.addWidget(self.all_table, 1)
        return tab

    def _search_tab(self) -> QWidget:
        tab = self.search_tab = QWidget(self)
        layout = QVBoxLayout(tab)
        self.search_label = QLabel(self.tr("Type words in the search field above, then Enter."), tab)
        self.search_label.setObjectName("logbookSearchCount")
        layout.addWidget(self.search_label)
        layout.addWidget(self.search_table, 1)
        return tab

    # -- loading -------------------------------------------------------------------------------

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self.loaded:
            self.loaded = True
            self._load_choices()
            self.load_today()
            self._offer_drafts()

    def _load_choices(self) -> None:
        logbook, actor, rights = self.logbook, self.actor, self.services.station.rights

        def read() -> tuple:
            may_write = rights.can(actor, Compartment.MAIN_COURANTE, Access.WRITE)
            return may_write, logbook.natures(actor), logbook.agent_choices(actor)

        self.jobs.run(read, self._show_choices)

    def _show_choices(self, found: tuple) -> None:
        self.may_write, natures, agents = found
        self.new_button.setVisible(self.may_write)
        self.nature_choice.clear()
        self.nature_choice.addItem(self.tr("All natures"), "")
        for nature in natures:
            self.nature_choice.addItem(nature.label, nature.code)
        self.agent_choice.clear()
        self.agent_choice.addItem(self.tr("All agents"), "")
        for agent in agents:
            self.agent_choice.addItem(agent.full_name, agent.user_id)

    def _on_changes(self, changes: Changes) -> None:
        if self.loaded and "main_courante" in changes:
            self.stale.start()

    def _tab_shown(self, index: int) -> None:
        if self.tabs.widget(index) is self.all_table.parentWidget() and self.all_model.pages_fetched == 0:
            self.load_all()

    def refresh(self) -> None:
        """The main courante changed: the lists show it as it now is."""
        self.load_today()
        if self.all_model.pages_fetched:
            self.load_all()

    def load_today(self) -> None:
        logbook, actor = self.logbook, self.actor
        self.jobs.run_latest("today", lambda: logbook.today(actor), self._show_today)

    def _show_today(self, rows: tuple[EntryRow, ...]) -> None:
        self.today_model.reset(rows)
        self.today_label.setText(TodayCount().text(rows))

    def current_filter(self) -> ListFilter:
        start, end = self.start_date.date(), self.end_date.date()
        sort, descending = self.sort_choice.currentData()
        status = self.status_choice.currentData()
        nature = self.nature_choice.currentData()
        return ListFilter(
            start=local_midnight(as_date(start)),
            end=local_midnight(as_date(end) + timedelta(days=1)),
            nature_codes=(nature,) if nature else (),
            agent_id=self.agent_choice.currentData() or None,
            status=EntryStatus(status) if status else None,
            place=self.place_field.text().strip(),
            sort=sort, descending=descending,
        )

    def load_all(self) -> None:
        show_message(self.message, "")
        unreadable = first_problem((self.start_date, self.end_date))
        if unreadable is not None or self.start_date.date() > self.end_date.date():
            show_message(self.message, unreadable[1] if unreadable else self.tr("The period ends before it begins."))
            return
        filters = self.current_filter()
        logbook, actor = self.logbook, self.actor

        def work() -> tuple[Page, int]:
            return logbook.list_page(actor, filters), logbook.count(actor, filters)

        def fetch(cursor: PageCursor) -> tuple[list[EntryRow], PageCursor | None]:
            page = logbook.list_page(actor, filters, after=cursor)
            return list(page.rows), page.next

        def shown(result: tuple[Page, int]) -> None:
            page, total = result
            self.all_model.reset(page.rows, page.next, fetch)
            self.all_label.setText(self.tr("%n entries match.", "", total) if total
                                   else self.tr("No entry matches these filters."))

        self.jobs.run_latest("all", work, shown)

    # -- searching -----------------------------------------------------------------------------

    def _focus_search(self) -> None:
        self.search_field.setFocus()
        self.search_field.selectAll()

    def search(self) -> None:
        text = self.search_field.text().strip()
        if not text:
            return
        if self.person_search.isChecked():
            settings = self.services.settings
            self.jobs.run(lambda: settings.get("motives"), lambda motives: self._ask_motive(text, motives))
            return
        self._search(text, False, None)

    def _ask_motive(self, text: str, motives: list[str]) -> None:
        dialog = MotiveDialog(self.tr("Search for a person"), motives, required=True, parent=self)
        dialog.setObjectName("logbookSearchMotive")
        dialog.accepted.connect(lambda: self._search(text, True, dialog.motive))
        self.motive_dialog = dialog
        dialog.open()

    def _search(self, text: str, people: bool, motive: str | None) -> None:
        logbook, actor = self.logbook, self.actor

        def fetch(after: int) -> tuple[list[EntryRow], int | None]:
            page = logbook.search(actor, text, motive, people, after=after)
            return list(page.rows), page.next

        def shown(page: SearchPage) -> None:
            self.search_model.reset(page.rows, page.next, fetch)
            self.tabs.setCurrentWidget(self.search_tab)
            if page.rows:
                self.search_label.setText(self.tr("Entries found for \u00ab {text} \u00bb:").format(text=text))
                self.search_table.setFocus()
                self.search_table.selectRow(0)
            else:
                self.search_label.setText(self.tr("Nothing found for \u00ab {text} \u00bb.").format(text=text))

        self.jobs.run_latest("search", lambda: logbook.search(actor, text, motive, people), shown)

    # -- entries -------------------------------------------------------------------------------

    def _open_row(self, model: EntryTableModel, row: int) -> None:
        self.open_entry(model.row_at(row).id)

    def open_entry(self, entry_id: str | None, draft: Draft | None = None) -> EntryDialog:
        """The entry form, for a new entry (None) or an existing one; it fills itself in the background."""
        dialog = EntryDialog(self.services, self.actor, self.tasks, entry_id, draft=draft, parent=self)
        # Until every logbook write announces its Changes, a save seen by its own form reloads the lists too
        # (one reload either way: both go through the same coalescing timer).
        dialog.saved.connect(lambda _entry: self.stale.start())
        dialog.finished.connect(lambda _result: self._forget(dialog))
        self.open_dialogs.append(dialog)
        dialog.show()
        return dialog

    def _forget(self, dialog) -> None:
        if dialog in self.open_dialogs:
            self.open_dialogs.remove(dialog)
        dialog.deleteLater()

    def _offer_drafts(self) -> None:
        logbook, actor = self.logbook, self.actor
        self.jobs.run(lambda: logbook.drafts_for(actor), self._show_draft_offer)

    def _show_draft_offer(self, drafts: list[Draft]) -> None:
        """Typing a crash interrupted comes back: each draft is offered once, at the first showing."""
        if not drafts:
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Unsaved typing recovered"), self.tr(
            "Vigie kept what you were typing when it last stopped (%n forms not saved). "
            "Open them again to finish and save them?", "", len(drafts)), parent=self)
        box.setObjectName("logbookDraftOffer")
        restore = box.addButton(self.tr("Open them again", "", len(drafts)), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Discard them", "", len(drafts)), QMessageBox.ButtonRole.DestructiveRole)
        self.draft_offer = box

        def answered(_result) -> None:
            if box.clickedButton() is restore:
                for draft in drafts:
                    self.open_entry(draft.payload.get("entry_id"), draft=draft)
            else:
                logbook, actor, keys = self.logbook, self.actor, [draft.key for draft in drafts]

                def discard() -> None:
                    for key in keys:
                        logbook.discard_draft(actor, key)

                self.jobs.run(discard)

        box.finished.connect(answered)
        box.open()

    @property
    def is_busy(self) -> bool:
        return self.jobs.running > 0
