"""Administration: accounts, station settings, the rights matrix, and what identifies the station."""

from __future__ import annotations

from app.audit.actor import Actor
from app.qt import QTabWidget, QVBoxLayout, QWidget
from app.bootstrap import Services
from app.ui.admin.data import DataPanel
from app.ui.admin.rights import RightsPanel
from app.ui.admin.settings import SettingsPanel
from app.ui.admin.station import StationPanel
from app.ui.admin.sync import SyncPanel
from app.ui.admin.users import ResetPasswordDialog, UserDialog, UsersPanel, role_label
from app.ui.tasks import TaskManager
from app.ui.widgets import heading, scrolled

__all__ = ["AdministrationPage", "ResetPasswordDialog", "RightsPanel", "SettingsPanel", "StationPanel",
           "UserDialog", "UsersPanel", "role_label"]


class AdministrationPage(QWidget):
    """The administrator's tabs; each panel reads and saves through the application's task manager."""

    def __init__(self, services: Services, actor: Actor, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Administration")))
        self.tabs = QTabWidget(self)
        self.users = UsersPanel(services, actor, tasks, self)
        self.settings = SettingsPanel(services, actor, tasks, self)
        self.tabs.addTab(scrolled(self.users, self.tabs), self.tr("Accounts"))
        self.tabs.addTab(scrolled(self.settings, self.tabs), self.tr("Settings"))
        self.rights = RightsPanel(services, actor, tasks, self)
        self.tabs.addTab(scrolled(self.rights, self.tabs), self.tr("Access rights"))
        self.station = StationPanel(services, tasks, self)
        self.tabs.addTab(scrolled(self.station, self.tabs), self.tr("Station"))
        self.data = DataPanel(services, actor, tasks, self)
        self.tabs.addTab(scrolled(self.data, self.tabs), self.tr("Data"))
        self.sync = SyncPanel(services, actor, tasks, self)
        self.tabs.addTab(scrolled(self.sync, self.tabs), self.tr("Synchronisation"))
        layout.addWidget(self.tabs)  # each panel scrolls on a screen shorter or narrower than it (1280×720)

    @property
    def is_busy(self) -> bool:
        return self.users.is_busy or self.settings.is_busy or self.rights.is_busy or self.data.is_busy
