"""The people of an entry: a list in the entry form, and the dialog of one person.

People belong to the entry that mentions them; Vigie keeps no index of people.
"""

from __future__ import annotations

from datetime import date

from app.errors import VigieError
from app.i18n import translate
from app.models.logbook import PERSON_ROLE_LABELS, PersonRole
from app.qt import (
    QComboBox,
    QDate,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from app.logbook.types import PersonData
from app.ui.messages import error_text
from app.ui.widgets import MARKED, error_label, show_message


class EntryPeople:
    """Part of EntryDialog: the people tab."""

    def _people_tab(self) -> QWidget:
        tab = QWidget(self)
        note = QLabel(self.tr(
            "People belong to this entry only: Vigie keeps no index of people across the service."), tab)
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        self.people_list = QListWidget(tab)
        self.people_list.setObjectName("people")
        self.people_list.itemActivated.connect(lambda item: self.edit_person(self.people_list.row(item)))
        add = QPushButton(self.tr("Add a person\u2026"), tab)
        add.setObjectName("personAdd")
        add.clicked.connect(lambda: self.edit_person(None))
        edit = QPushButton(self.tr("Edit\u2026"), tab)
        edit.clicked.connect(lambda: self.edit_person(self.people_list.currentRow()))
        remove = QPushButton(self.tr("Remove"), tab)
        remove.setObjectName("personRemove")
        remove.clicked.connect(self.remove_person)
        buttons = QHBoxLayout()
        for button in (add, edit, remove):
            buttons.addWidget(button)
        buttons.addStretch()
        layout = QVBoxLayout(tab)
        layout.addWidget(note)
        layout.addWidget(self.people_list, 1)
        layout.addLayout(buttons)
        return tab

    def _people(self) -> list:
        return list(self.entry.people) if self.entry is not None else list(self.new_people)

    def _refresh_people(self) -> None:
        self.people_list.clear()
        for person in self._people():
            name = " ".join(p for p in (person.last_name.upper(), person.first_names) if p)
            born = f", {self.tr('born')} {person.birth_date.strftime('%d/%m/%Y')}" if person.birth_date else ""
            role = translate("people", PERSON_ROLE_LABELS[PersonRole(person.role)])
            QListWidgetItem(f"{role} \u2014 {name}{born}", self.people_list)
        self.tabs.setTabText(1, self.tr("People ({count})").format(count=len(self._people())))

    def edit_person(self, row: int | None) -> PersonDialog | None:
        people = self._people()
        if row is not None and not 0 <= row < len(people):
            return None
        dialog = PersonDialog(people[row] if row is not None else None, self)
        dialog.accepted.connect(lambda: self._person_entered(row, dialog.person()))
        self.person_dialog = dialog
        dialog.open()
        return dialog

    def _person_entered(self, row: int | None, person: PersonData) -> None:
        if self.entry is None:
            if row is None:
                self.new_people.append(person)
            else:
                self.new_people[row] = person
            self._refresh_people()
            return
        try:
            if row is None:
                result = self.logbook.add_person(self.actor, self.entry.id, person,
                                                 expected_version=self.entry.version)
            else:
                result = self.logbook.update_person(self.actor, self.entry.id, self.entry.people[row].id, person,
                                                    expected_version=self.entry.version)
        except VigieError as error:
            show_message(self.message, error_text(error))
            return
        self._after_side_change(result)

    def remove_person(self) -> None:
        row = self.people_list.currentRow()
        if row < 0:
            return
        if self.entry is None:
            del self.new_people[row]
            self._refresh_people()
            return
        try:
            result = self.logbook.remove_person(self.actor, self.entry.id, self.entry.people[row].id,
                                                expected_version=self.entry.version)
        except VigieError as error:
            show_message(self.message, error_text(error))
            return
        self._after_side_change(result)

    def _after_side_change(self, result) -> None:
        """People and files are saved at once; what is typed in the form stays as it is."""
        typed = self.payload() if self.dirty else None
        self.show_entry(result.entry)
        if typed is not None:
            self.apply_payload(typed)
            self.dirty = True
        self.saved.emit(result.entry)


class PersonDialog(QDialog):
    """One person involved: a role and what identifies them."""

    def __init__(self, person=None, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("personDialog")
        self.setWindowTitle(self.tr("Person involved"))
        self.setMinimumWidth(520)
        self.role = QComboBox(self)
        self.role.setObjectName("personRole")
        for role in PersonRole:
            self.role.addItem(translate("people", PERSON_ROLE_LABELS[role]), str(role))
        self.last_name = QLineEdit(self)
        self.last_name.setObjectName("personLastName")
        self.first_names = QLineEdit(self)
        self.first_names.setObjectName("personFirstNames")
        self.birth_date = QDateEdit(self)
        self.birth_date.setObjectName("personBirthDate")
        self.birth_date.setDisplayFormat("dd/MM/yyyy")
        self.birth_date.setMinimumDate(QDate(1900, 1, 1))
        self.birth_date.setSpecialValueText(" ")
        self.birth_date.setDate(self.birth_date.minimumDate())
        self.birth_place = QLineEdit(self)
        self.birth_place.setObjectName("personBirthPlace")
        self.address = QLineEdit(self)
        self.address.setObjectName("personAddress")
        self.contact = QLineEdit(self)
        self.contact.setObjectName("personContact")
        self.contact.setPlaceholderText(self.tr("phone, e-mail"))
        self.guardian = QLineEdit(self)
        self.guardian.setObjectName("personGuardian")
        self.guardian.setPlaceholderText(self.tr("for a minor: name and contact of the legal guardian"))
        form = QFormLayout()
        form.addRow(self.tr("Role *"), self.role)
        form.addRow(self.tr("Last name *"), self.last_name)
        form.addRow(self.tr("First names"), self.first_names)
        form.addRow(self.tr("Born on"), self.birth_date)
        form.addRow(self.tr("Born in"), self.birth_place)
        form.addRow(self.tr("Address"), self.address)
        form.addRow(self.tr("Contact"), self.contact)
        form.addRow(self.tr("Legal guardian"), self.guardian)
        self.message = error_label(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("personOk")
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        if person is not None:
            self.role.setCurrentIndex(self.role.findData(str(person.role)))
            self.last_name.setText(person.last_name)
            self.first_names.setText(person.first_names)
            if person.birth_date:
                self.birth_date.setDate(QDate(person.birth_date.year, person.birth_date.month, person.birth_date.day))
            self.birth_place.setText(person.birth_place)
            self.address.setText(person.address)
            self.contact.setText(person.contact)
            self.guardian.setText(person.guardian)

    def person(self) -> PersonData:
        born = self.birth_date.date()
        return PersonData(
            role=self.role.currentData(), last_name=self.last_name.text().strip(),
            first_names=self.first_names.text().strip(),
            birth_date=None if born <= self.birth_date.minimumDate() else date(born.year(), born.month(), born.day()),
            birth_place=self.birth_place.text().strip(), address=self.address.text().strip(),
            contact=self.contact.text().strip(), guardian=self.guardian.text().strip(),
        )

    def try_accept(self) -> None:
        if not self.last_name.text().strip() and not self.first_names.text().strip():
            show_message(self.message, self.tr("Give at least a name."))
            self.last_name.setStyleSheet(MARKED)
            self.last_name.setFocus()
            return
        self.accept()
