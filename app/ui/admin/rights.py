"""Administration: the rights matrix (role x compartment x access) the services enforce."""

from __future__ import annotations

from app.audit.actor import Actor
from app.i18n import translate
from app.models import Role
from app.qt import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    Qt,
    QWidget,
    Signal,
)
from app.bootstrap import Services
from app.kernel.rights import ACCESS_LABELS, COMPARTMENT_LABELS, Access, Compartment, Matrix
from app.ui.admin.users import role_label
from app.ui.messages import error_text
from app.ui.tasks import TaskManager
from app.ui.widgets import error_label, show_message


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


class RightsPanel(QWidget):
    """One row per compartment and access, one column per role: a box ticked is a right granted.

    The matrix is read and saved through the task manager; the grid does not follow other
    windows' changes while the administrator edits it, and shows the station's matrix after a save.
    """

    loaded = Signal()  # the grid shows the station's matrix

    def __init__(self, services: Services, actor: Actor, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.tasks = tasks
        # The journal is written by Vigie alone: nobody is given the right to write in it.
        self.rows = [(c, a) for c in Compartment for a in Access if (c, a) != (Compartment.JOURNAL, Access.WRITE)]
        self.roles = list(Role)
        self.table = QTableWidget(len(self.rows), len(self.roles), self)
        self.table.setObjectName("rightsTable")
        self.table.setHorizontalHeaderLabels([role_label(role) for role in self.roles])
        self.table.setVerticalHeaderLabels(
            [self.tr("{compartment}: {access}").format(
                compartment=_capitalized(translate("fields", COMPARTMENT_LABELS[c])),
                access=translate("fields", ACCESS_LABELS[a]))
             for c, a in self.rows]
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.save_button = QPushButton(self.tr("Save the rights"), self)
        self.save_button.setObjectName("saveRights")
        self.save_button.clicked.connect(self.save)
        self.message = error_label(self)
        self.saved = QLabel(self)
        self.saved.setObjectName("rightsSaved")
        for r in range(len(self.rows)):
            for c in range(len(self.roles)):
                self.table.setItem(r, c, QTableWidgetItem())
        note = QLabel(
            self.tr("Rights are checked by Vigie itself for every operation, whatever the screen. "
                    "Accounts, settings and these rights stay with the administrators."),
            self,
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.saved)
        row.addStretch()
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.reload()

    def reload(self) -> None:
        self._set_busy(True)
        rights, actor = self.services.station.rights, self.actor
        self.tasks.run(lambda: rights.matrix(actor), self._show, self._failed, owner=self)

    def _show(self, matrix: Matrix) -> None:
        for r, (compartment, access) in enumerate(self.rows):
            for c, role in enumerate(self.roles):
                item = self._item(r, c)
                item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
                granted = access in matrix[(role, compartment)]
                item.setCheckState(Qt.CheckState.Checked if granted else Qt.CheckState.Unchecked)
        self._set_busy(False)
        self.loaded.emit()

    def _item(self, row: int, column: int) -> QTableWidgetItem:
        item = self.table.item(row, column)
        assert item is not None  # every cell is made with the grid
        return item

    def matrix(self) -> Matrix:
        result: dict[tuple[Role, Compartment], set[Access]] = {
            (role, compartment): set() for role in self.roles for compartment in Compartment}
        for r, (compartment, access) in enumerate(self.rows):
            for c, role in enumerate(self.roles):
                if self._item(r, c).checkState() == Qt.CheckState.Checked:
                    result[(role, compartment)].add(access)
        return {key: frozenset(value) for key, value in result.items()}

    def save(self) -> None:
        show_message(self.message, "")
        self.saved.clear()
        self._set_busy(True)
        rights, actor, matrix = self.services.station.rights, self.actor, self.matrix()

        def work() -> Matrix:
            rights.set_matrix(actor, matrix)
            return rights.matrix(actor)

        self.tasks.run(work, self._saved, self._failed, owner=self)

    def _saved(self, matrix: Matrix) -> None:
        self._show(matrix)
        self.saved.setText(self.tr("Rights saved."))

    def _failed(self, error: Exception) -> None:
        self._set_busy(False)
        show_message(self.message, error_text(error))

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.save_button.setEnabled(not busy)
        self.table.setEnabled(not busy)

    @property
    def is_busy(self) -> bool:
        return self._busy
