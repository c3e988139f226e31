"""The main window: the modules on the left, the current one on the right, who and where below.

Which modules a user sees follows the rights matrix the services enforce
(Rights.accesses, read by the Shell through the task manager before the
window opens): a compartment's module shows when its read right is granted,
Administration when the role holds the station's administration. There is
no second table of rights here, so what the administrator ticks in the matrix
is what the next login shows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from app.audit.actor import Actor
from app.qt import (
    QAction,
    QApplication,
    QCloseEvent,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSize,
    QStackedWidget,
    Qt,
    QVBoxLayout,
    QSizePolicy,
    QWidget,
    Signal,
)
from app.bootstrap import Services
from app.kernel.rights import Access, Compartment, Permission, allowed
from app.ui.tasks import TaskManager
from app.ui.widgets import fit_to_screen, heading

Accesses = Mapping[Compartment, frozenset[Access]]

# The modules in the order of the navigation, each with the compartment whose read right shows it
# (None: the station's administration, which belongs to the administrator's role).
MODULES: tuple[tuple[str, Compartment | None], ...] = (
    ("main_courante", Compartment.MAIN_COURANTE),
    ("ecrits", Compartment.ECRITS),
    ("demandes", Compartment.DEMANDES),
    ("registres", Compartment.REGISTRES),
    ("journal", Compartment.JOURNAL),
    ("administration", None),
)


def visible_modules(actor: Actor, accesses: Accesses) -> list[str]:
    """The modules *actor* reaches with these rights, in navigation order."""
    return [key for key, compartment in MODULES
            if (allowed(actor, Permission.ADMINISTER_STATION) if compartment is None
                else Access.READ in accesses.get(compartment, frozenset()))]


class PlaceholderPage(QWidget):
    """A module that is not built yet says so plainly; nothing on it pretends to work."""

    def __init__(self, title: str, purpose: str, parent=None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(title))
        text = QLabel(purpose, self)
        text.setWordWrap(True)
        layout.addWidget(text)
        notice = QLabel(self.tr("This module is not available yet in this version of Vigie."), self)
        notice.setObjectName("notAvailable")
        notice.setStyleSheet("color: #555; font-style: italic;")
        layout.addWidget(notice)
        layout.addStretch()


class ElidedLabel(QLabel):
    """A label that cuts the middle of a text too long for it ("Police munic…sur-Vienne"), whole in its tooltip."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.full_text = text
        self.setToolTip(text)
        # Its whole text when there is room, down to a few letters when there is not.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self._elide()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = super().sizeHint()
        return QSize(self.fontMetrics().horizontalAdvance(self.full_text) + 8, hint.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(self.fontMetrics().averageCharWidth() * 12, super().minimumSizeHint().height())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideMiddle, self.width()))


class MainWindow(QMainWindow):
    logout_requested = Signal()
    lock_requested = Signal()
    change_password_requested = Signal()
    closed = Signal()  # by its user, by a logout or at shutdown: the shell tells them apart

    def __init__(self, services: Services, actor: Actor, tasks: TaskManager, accesses: Accesses,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.tasks = tasks
        self.accesses = accesses
        details = services.station.details
        self.setWindowTitle(self.tr("Vigie \u2014 {service}").format(service=details.service_name))
        fit_to_screen(self, 1280, 720)  # its frame and the taskbar too stay within a 1280×720 screen
        # Set when the user locks the screen (Ctrl+L), so that the lock screen does not speak of inactivity.
        self.locked_by_hand = False

        self.navigation = QListWidget(self)
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(210)
        self.navigation.setIconSize(QSize(20, 20))
        self.navigation.setStyleSheet(
            "QListWidget { font-size: 11pt; border: none; background: #1f3a5f; color: white; }"
            "QListWidget::item { padding: 10px 14px; }"
            "QListWidget::item:selected { background: #f0f3f7; color: #1f3a5f; font-weight: bold; }"
        )
        self.pages = QStackedWidget(self)
        self.page_keys: list[str] = []
        for key in visible_modules(actor, accesses):
            self._add_module(key)

        self.content = content = QWidget(self)  # the modules, in front of the cover unless locked
        row = QHBoxLayout(content)
        row.setContentsMargins(0, 0, 0, 0)
        side = QVBoxLayout()
        side.setSpacing(0)
        side.addWidget(self._service_banner(details.commune))
        side.addWidget(self.navigation, 1)
        row.addLayout(side)
        row.addWidget(self.pages, 1)
        # While the session is locked the work stays as it was, hidden behind a cover.
        self.cover = QLabel(self.tr("Session locked"), self)
        self.cover.setObjectName("lockCover")
        self.cover.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.cover.setStyleSheet("background: #1f3a5f; color: white; font-size: 20pt;")
        self.screens = QStackedWidget(self)
        self.screens.addWidget(content)
        self.screens.addWidget(self.cover)
        self.setCentralWidget(self.screens)
        self._link_modules()
        self.navigation.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.navigation.setCurrentRow(0)
        self._build_menu()
        self._build_status_bar()

    def _service_banner(self, commune: str) -> QLabel:
        banner = QLabel(self.tr("Municipal police\n{commune}").format(commune=commune), self)
        banner.setObjectName("serviceBanner")
        banner.setFixedWidth(210)
        banner.setWordWrap(True)
        banner.setStyleSheet(
            "background: #1f3a5f; color: #c9d6e8; padding: 16px 14px 12px 14px; font-weight: bold;"
        )
        return banner

    def show_activity(self, text: str) -> None:
        """What runs in the background right now (empty when nothing does)."""
        self.activity_label.setText(text)

    def set_locked(self, locked: bool) -> None:
        self.screens.setCurrentWidget(self.cover if locked else self.content)
        self.menuBar().setEnabled(not locked)
        if not locked:
            self.locked_by_hand = False

    def lock_by_hand(self) -> None:
        self.locked_by_hand = True
        self.lock_requested.emit()

    @property
    def is_locked(self) -> bool:
        return self.screens.currentWidget() is self.cover

    def _module_texts(self, key: str) -> tuple[str, str]:
        texts = {
            "main_courante": (self.tr("Main courante"), self.tr(
                "The daily log of the service: calls, patrol events and interventions.")),
            "ecrits": (self.tr("\u00c9crits"), self.tr(
                "Proc\u00e8s-verbaux and rapports: drafting, signature, printing, transmission and follow-up.")),
            "demandes": (self.tr("Demandes"), self.tr(
                "Requests from citizens, elected officials and other services, handled as tasks.")),
            "registres": (self.tr("Registres"), self.tr(
                "Found objects, impounds, holiday watch and dangerous animals.")),
            "journal": (self.tr("Journal"), self.tr(
                "The access journal: who consulted, changed, printed or exported which record, and why.")),
            "administration": (self.tr("Administration"), ""),
        }
        return texts[key]

    def _add_module(self, key: str) -> None:
        title, purpose = self._module_texts(key)
        build = self._page_builders().get(key)
        page = build() if build is not None else PlaceholderPage(title, purpose, self)
        page.setObjectName(f"page_{key}")
        item = QListWidgetItem(title)
        item.setData(Qt.ItemDataRole.UserRole, key)
        self.navigation.addItem(item)
        self.pages.addWidget(page)
        self.page_keys.append(key)

    def _page_builders(self) -> dict[str, Callable[[], QWidget]]:
        """The built modules; the screens are imported when shown to someone who may use them."""
        services, actor, tasks = self.services, self.actor, self.tasks

        def administration() -> QWidget:
            from app.ui.admin import AdministrationPage

            return AdministrationPage(services, actor, tasks, self)

        def logbook() -> QWidget:
            from app.ui.logbook.screen import LogbookPage

            self.logbook_page = LogbookPage(services, actor, tasks, self)
            return self.logbook_page

        def writings() -> QWidget:
            from app.ui.writings.screen import WritingsPage

            self.writings_page = WritingsPage(services, actor, tasks, self)
            return self.writings_page

        def journal() -> QWidget:
            from app.ui.journal.screen import JournalPage

            return JournalPage(services, actor, tasks, self, accesses=self.accesses.get(Compartment.JOURNAL, frozenset()))

        return {"administration": administration, "main_courante": logbook, "ecrits": writings, "journal": journal}

    def _link_modules(self) -> None:
        """"Rédiger un rapport / PV" on an entry opens a draft prefilled from it, in the Écrits module."""
        logbook, writings = getattr(self, "logbook_page", None), getattr(self, "writings_page", None)
        if logbook is None or writings is None:
            return

        def write_from(entry_id: str) -> None:
            self.show_module("ecrits")
            writings.new_document(writings.kind_choice.currentData(), from_entry=entry_id)

        logbook.writing_opener = write_from

    def show_module(self, key: str) -> QWidget:
        index = self.page_keys.index(key)
        self.navigation.setCurrentRow(index)
        page = self.pages.widget(index)
        assert page is not None  # each key of page_keys was added with its page
        return page

    def _build_menu(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&Session"))
        change = QAction(self.tr("Change my password\u2026"), self)
        change.triggered.connect(self.change_password_requested)
        lock = QAction(self.tr("Lock the screen"), self)
        lock.setShortcut(QKeySequence("Ctrl+L"))
        lock.triggered.connect(self.lock_by_hand)
        logout = QAction(self.tr("Log out"), self)
        logout.setObjectName("logoutAction")
        logout.triggered.connect(self.logout_requested)
        quit_action = QAction(self.tr("Quit"), self)
        quit_action.setObjectName("quitAction")
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        # The application's end journals the logout and waits for running tasks (Shell.shutdown).
        quit_action.triggered.connect(QApplication.quit)
        for action in (change, lock, logout):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(quit_action)
        self.logout_action = logout
        self.lock_action = lock
        self.quit_action = quit_action
        self._build_module_menu()
        sync_menu = self.menuBar().addMenu(self.tr("S&ync"))
        # Beside the red words of the status bar: a chef de poste has no Administration page to reach it from.
        self.settle_action = QAction(self.tr("Records to settle\u2026"), self)
        self.settle_action.setObjectName("settleAction")
        self.settle_action.triggered.connect(self._settle_conflicts)
        sync_menu.addAction(self.settle_action)

    def _build_module_menu(self) -> None:
        """Ctrl+1, Ctrl+2...: the modules in the order of the list on the left."""
        menu = self.menuBar().addMenu(self.tr("&Modules"))
        self.module_actions: list[QAction] = []
        for index, key in enumerate(self.page_keys[:9]):
            title, _purpose = self._module_texts(key)
            action = QAction(title, self)
            action.setObjectName(f"module_{key}")
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _checked=False, key=key: self._go_to(key))
            menu.addAction(action)
            self.module_actions.append(action)
            item = self.navigation.item(index)
            if item is not None:
                item.setToolTip(action.shortcut().toString(QKeySequence.SequenceFormat.NativeText))

    def _go_to(self, key: str) -> None:
        if not self.is_locked:
            self.show_module(key)
            self.navigation.setFocus()

    def _settle_conflicts(self) -> None:
        from app.ui.sync import ConflictsDialog  # the records two stations changed apart, settled by a person

        dialog = ConflictsDialog(self.services.sync, self.actor, self.tasks, self)
        dialog.finished.connect(self.sync_label.refresh)
        dialog.open()

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        actor = self.actor
        who = f"{actor.grade} {actor.full_name}".strip()
        self.user_label = ElidedLabel(self.tr("User: {who} ({login})").format(who=who, login=actor.login), self)
        self.user_label.setObjectName("statusUser")
        details = self.services.station.details
        self.station_label = ElidedLabel(
            self.tr("Station: {service}, {commune}").format(service=details.service_name, commune=details.commune),
            self,
        )
        self.station_label.setObjectName("statusStation")
        from app.ui.sync_status import SyncStatusLabel  # sync: online or not, waiting, conflicts; every 2 min

        self.sync_label = SyncStatusLabel(self.services.sync, self.tasks, self)
        self.sync_label.settle_asked.connect(self._settle_conflicts)
        self.activity_label = QLabel(self)
        self.activity_label.setObjectName("statusActivity")
        # The user and the station share the bar's room; each elides its middle when the window is narrow.
        bar.addWidget(self.user_label)
        bar.addWidget(self.activity_label, 1)
        bar.addWidget(self.station_label)
        bar.addPermanentWidget(self.sync_label)
        from app.ui.backup_status import BackupStatusLabel  # backups: a word in the bar, the automatic backup

        self.backup_label = BackupStatusLabel(self.services.backup, self.tasks, self)
        bar.addPermanentWidget(self.backup_label)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        super().closeEvent(event)
        if event.isAccepted():
            self.closed.emit()
