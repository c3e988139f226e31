"""The people of an entry, as a tab of the entry form (the dialog of one person is app.ui.forms.PersonDialog).

People belong to the entry that mentions them; Vigie keeps no index of people.
On an entry already saved, each person is saved at once, in the background.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from app.audit.actor import Actor
from app.i18n import translate
from app.logbook.service import LogbookService
from app.logbook.types import EntryDetail, PersonData, Saved
from app.models.logbook import PERSON_ROLE_LABELS, PersonRole
from app.qt import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    Signal,
)
from app.ui.forms import Jobs, PersonDialog
from app.ui.tasks import TaskManager
from app.ui.widgets import DialogPart

# What the tab calls of the entry form (show_saved) and of EntryFields (payload, apply_payload). Declared for the
# type checker only, outside the class: an `if` in a class body hides the class's strings from lupdate.
if TYPE_CHECKING:
    class _EntryForm(DialogPart):
        def show_saved(self, result: Saved) -> None: ...
        def payload(self) -> dict: ...
        def apply_payload(self, payload: dict) -> None: ...
else:
    _EntryForm = DialogPart


class EntryPeople(_EntryForm):
    """Part of EntryDialog: the people tab."""

    actor: Actor
    logbook: LogbookService
    tasks: TaskManager
    jobs: Jobs
    entry: EntryDetail | None
    new_people: list[PersonData]
    tabs: QTabWidget
    dirty: bool
    saved: ClassVar[Signal]

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
            role = translate("people", PERSON_ROLE_LABELS[PersonRole(person.role)])
            if person.birth_date:
                text = self.tr("{role} \u2014 {name}, born {born}").format(
                    role=role, name=name, born=person.birth_date.strftime("%d/%m/%Y"))
            else:
                text = f"{role} \u2014 {name}"
            QListWidgetItem(text, self.people_list)
        self.tabs.setTabText(1, self.tr("People ({count})").format(count=len(self._people())))

    def edit_person(self, row: int | None) -> PersonDialog | None:
        """The person dialog; on a saved entry it saves the person itself, in the background."""
        people = self._people()
        if row is not None and not 0 <= row < len(people):
            return None
        dialog = PersonDialog(PersonData, people[row] if row is not None else None, extra=("guardian",),
                              tasks=self.tasks, save=self._person_saver(row), parent=self)
        if self.entry is None:
            dialog.accepted.connect(lambda: self._person_entered(row, dialog.person()))
        else:
            dialog.submitted.connect(self._after_side_change)
        self.person_dialog = dialog
        dialog.open()
        return dialog

    def _person_saver(self, row: int | None) -> Callable[[PersonData], Saved] | None:
        if self.entry is None:
            return None  # kept in the form until the entry's first save
        logbook, actor, entry_id, version = self.logbook, self.actor, self.entry.id, self.entry.version
        if row is None:
            return lambda person: logbook.add_person(actor, entry_id, person, expected_version=version)
        person_id = self.entry.people[row].id
        return lambda person: logbook.update_person(actor, entry_id, person_id, person, expected_version=version)

    def _person_entered(self, row: int | None, person: PersonData) -> None:
        if row is None:
            self.new_people.append(person)
        else:
            self.new_people[row] = person
        self._refresh_people()

    def remove_person(self) -> None:
        row = self.people_list.currentRow()
        if row < 0:
            return
        if self.entry is None:
            del self.new_people[row]
            self._refresh_people()
            return
        logbook, actor, entry_id, version = self.logbook, self.actor, self.entry.id, self.entry.version
        person_id = self.entry.people[row].id
        self.jobs.run(lambda: logbook.remove_person(actor, entry_id, person_id, expected_version=version),
                      self._after_side_change)

    def _after_side_change(self, result: Saved) -> None:
        """People and files are saved at once; what is typed in the form stays as it is."""
        typed = self.payload() if self.dirty else None
        self.show_saved(result)
        if typed is not None:
            self.apply_payload(typed)
            self.dirty = True
        self.saved.emit(result.entry)
