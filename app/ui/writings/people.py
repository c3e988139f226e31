"""One person involved in a document: a role and what identifies them."""

from __future__ import annotations

from datetime import date

from app.i18n import translate
from app.models.writings import PERSON_ROLE_LABELS, PersonRole
from app.qt import QComboBox, QDate, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout
from app.writings.types import PersonData


class WritingPersonDialog(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("writingPersonDialog")
        self.setWindowTitle(self.tr("Person involved"))
        self.setMinimumWidth(520)
        self.role = QComboBox(self)
        self.role.setObjectName("writingPersonRole")
        for role in PersonRole:
            self.role.addItem(translate("people", PERSON_ROLE_LABELS[role]), str(role))
        self.fields = {}
        form = QFormLayout()
        form.addRow(self.tr("Role"), self.role)
        for key, label in (("last_name", self.tr("Last name")), ("first_names", self.tr("First names")),
                           ("birth_place", self.tr("Born in")), ("address", self.tr("Address")),
                           ("identity_document", self.tr("Identity document")),
                           ("profession", self.tr("Profession")), ("contact", self.tr("Contact"))):
            field = QLineEdit(self)
            field.setObjectName(f"writingPerson_{key}")
            self.fields[key] = field
            form.addRow(label, field)
        self.birth_date = QDateEdit(self)
        self.birth_date.setDisplayFormat("dd/MM/yyyy")
        self.birth_date.setMinimumDate(QDate(1900, 1, 1))
        self.birth_date.setSpecialValueText(" ")
        self.birth_date.setDate(self.birth_date.minimumDate())
        form.addRow(self.tr("Born on"), self.birth_date)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def person(self) -> PersonData:
        born = self.birth_date.date()
        birth = None if born <= self.birth_date.minimumDate() else date(born.year(), born.month(), born.day())
        values = {key: field.text().strip() for key, field in self.fields.items()}
        return PersonData(role=PersonRole(self.role.currentData()), birth_date=birth, **values)
