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
)
from app.bootstrap import Services
from app.kernel.rights import ACCESS_LABELS, COMPARTMENT_LABELS, Access, Compartment
from app.ui.admin.users import role_label
from app.ui.messages import error_text
from app.ui.widgets import error_label, show_message


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


class RightsPanel(QWidget):
    """One row per compartment and access, one column per role: a box ticked is a right granted."""

    def __init__(self, services: Services, actor: Actor, parent=None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
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
        matrix = self.services.station.rights.matrix(self.actor)
        for r, (compartment, access) in enumerate(self.rows):
            for c, role in enumerate(self.roles):
                item = QTableWidgetItem()
                item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
                granted = access in matrix[(role, compartment)]
                item.setCheckState(Qt.CheckState.Checked if granted else Qt.CheckState.Unchecked)
                self.table.setItem(r, c, item)

    def matrix(self) -> dict:
        result = {(role, compartment): set() for role in self.roles for compartment in Compartment}
        for r, (compartment, access) in enumerate(self.rows):
            for c, role in enumerate(self.roles):
                if self.table.item(r, c).checkState() == Qt.CheckState.Checked:
                    result[(role, compartment)].add(access)
        return {key: frozenset(value) for key, value in result.items()}

    def save(self) -> None:
        show_message(self.message, "")
        try:
            self.services.station.rights.set_matrix(self.actor, self.matrix())
        except Exception as error:
            self.saved.clear()
            show_message(self.message, error_text(error))
            return
        self.saved.setText(self.tr("Rights saved."))
