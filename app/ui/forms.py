"""What the forms of the screens share: running their service calls, marking a refused field, asking before
dropping what was typed, and the dialog of one person involved (main courante and écrits alike).

A form never calls a service on the GUI thread: `Jobs.run` hands the call to
the application's task manager and counts it, so that a form shows it is
busy and refuses a second save while the first runs. When the form is gone
before the call returns, the task manager skips the callbacks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from app.errors import InvalidInput
from app.i18n import translate
from app.models.people import PERSON_ROLE_LABELS, PersonRole
from app.qt import (
    QAbstractButton,
    QComboBox,
    QCoreApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QObject,
    QPlainTextEdit,
    QShowEvent,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from app.ui.dates import DateField, TypedField, first_problem
from app.ui.messages import error_text
from app.ui.tasks import TaskManager
from app.ui.widgets import error_label, mark, show_message


class Jobs(QObject):
    """The service calls one widget has running; `busy` tells when the first starts and the last ends."""

    busy = Signal(bool)

    def __init__(self, tasks: TaskManager, owner: QWidget, on_error: Callable[[Exception], None]) -> None:
        super().__init__(owner)
        self.tasks = tasks
        self._owner = owner
        self._on_error = on_error
        self.running = 0
        self._latest: dict[str, int] = {}  # run_latest's newest call of each key

    def run(self, work: Callable[[], Any], on_success: Callable[[Any], object] | None = None,
            on_failure: Callable[[Exception], None] | None = None) -> None:
        self._count(+1)

        def succeeded(result: Any) -> None:
            self._count(-1)
            if on_success is not None:
                on_success(result)

        def failed(error: Exception) -> None:
            self._count(-1)
            (on_failure or self._on_error)(error)

        self.tasks.run(work, succeeded, failed, owner=self._owner)

    def run_latest(self, key: str, work: Callable[[], Any], on_success: Callable[[Any], object]) -> None:
        """As run, but only the newest call of *key* is delivered, its success or its failure: a list asked for
        again while its first reading runs shows the second reading, even when the first ends after it."""
        self._latest[key] = ticket = self._latest.get(key, 0) + 1

        def succeeded(result: Any) -> None:
            if self._latest[key] == ticket:
                on_success(result)

        def failed(error: Exception) -> None:
            if self._latest[key] == ticket:
                self._on_error(error)

        self.run(work, succeeded, failed)

    def _count(self, step: int) -> None:
        was = self.running
        self.running += step
        if bool(was) != bool(self.running):
            self.busy.emit(bool(self.running))


class FormDialog(QDialog):
    """A form in a QFormLayout with its message line and OK/Cancel; Escape asks before dropping changes.

    Subclasses add rows with `row(label, widget, key)`; a refusal whose `key`
    names a row (InvalidInput.key, as EntryInvalid carries) marks that row.
    `submission()` may return a service call: it then runs through the task
    manager with the buttons disabled, and the dialog closes once it succeeds.
    """

    submitted = Signal(object)  # what the submission returned

    def __init__(self, tasks: TaskManager | None = None, parent: QWidget | None = None,
                 ok_text: str | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.fields: dict[str, QWidget] = {}
        self._last_row: QWidget | None = None
        self.dirty = False
        self.saving = False
        self.form = QFormLayout()
        self.message = error_label(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        if ok_text is None:
            self.buttons.addButton(QDialogButtonBox.StandardButton.Ok)
            self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        else:
            self.ok_button = self.buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout(self)
        self.body.addLayout(self.form)
        self.body.addWidget(self.message)
        self.body.addWidget(self.buttons)

    def row(self, label: str, widget: QWidget, key: str | None = None) -> QWidget:
        self.form.addRow(label, widget)
        if self._last_row is not None:  # Tab goes down the rows, whatever order the widgets were made in
            QWidget.setTabOrder(self._last_row, widget)
        self._last_row = widget
        if key is not None:
            self.fields[key] = widget
        if isinstance(widget, TypedField):
            widget.label = widget.label or label.rstrip(" *:")
            widget.report_to(self.message)
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(self._edited)
        elif isinstance(widget, QPlainTextEdit):
            widget.textChanged.connect(self._edited)
        return widget

    def _edited(self, *_args: object) -> None:
        self.dirty = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """The typing starts in the first field: the buttons were made before the rows, and Qt gave the
        focus to the first of them (what a person typed went nowhere; a space pressed the button)."""
        super().showEvent(event)
        focused = self.focusWidget()
        if focused is None or isinstance(focused, QAbstractButton):
            first = self.first_field()
            if first is not None:
                first.setFocus()

    def first_field(self) -> QWidget | None:
        """The form's first row that takes the focus by Tab, or the first such widget inside it."""
        for index in range(self.form.rowCount()):
            item = self.form.itemAt(index, QFormLayout.ItemRole.FieldRole)
            widget = item.widget() if item is not None else None
            if widget is None or not widget.isVisibleTo(self) or not widget.isEnabled():
                continue
            for candidate in (widget, *widget.findChildren(QWidget)):
                if candidate.focusPolicy() & Qt.FocusPolicy.TabFocus and candidate.isEnabled():
                    return candidate
        return None

    # -- accepting ---------------------------------------------------------------------------------

    def check(self) -> bool:
        """What the form checks itself before anything is sent; mark and return False to stop."""
        return True

    def submission(self) -> Callable[[], Any] | None:
        """The service call that saves the form, or None when the caller saves what it reads back."""
        return None

    def try_accept(self) -> None:
        if self.saving:
            return  # one save at a time: the first is still running
        self.clear_marks()
        unreadable = first_problem(self.fields.values())
        if unreadable is not None:
            field, problem = unreadable
            show_message(self.message, problem)
            field.setFocus()
            return
        if not self.check():
            return
        work = self.submission()
        if work is None or self.tasks is None:
            self.accept()
            return
        self.set_saving(True)
        self.tasks.run(work, self._succeeded, self._failed, owner=self)

    def _succeeded(self, result: Any) -> None:
        self.set_saving(False)
        self.dirty = False
        self.submitted.emit(result)
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.set_saving(False)
        self.show_refusal(error)

    def set_saving(self, saving: bool) -> None:
        self.saving = saving
        self.buttons.setEnabled(not saving)

    def show_refusal(self, error: Exception) -> None:
        key = getattr(error, "key", None) if isinstance(error, InvalidInput) else None
        self.mark(key)
        show_message(self.message, error_text(error))

    def mark(self, key: str | None) -> None:
        field = self.fields.get(key) if key else None
        if field is not None:
            mark(field)
            field.setFocus()

    def clear_marks(self) -> None:
        for field in self.fields.values():
            mark(field, False)
        show_message(self.message, "")

    # -- leaving ----------------------------------------------------------------------------------

    def reject(self) -> None:
        if not self.dirty:
            super().reject()
            return
        self.drop_question = ask_to_drop(self, self.tr("Leave this form without saving what you typed?"),
                                         super().reject)


def ask_to_drop(parent: QWidget, question: str, drop: Callable[[], None]) -> QMessageBox:
    """'Leave without saving?' asked without blocking (a modal loop would stall the tasks' replies)."""
    box = QMessageBox(QMessageBox.Icon.Question, QCoreApplication.translate("forms", "Cancel"), question,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setObjectName("dropChanges")
    box.setDefaultButton(QMessageBox.StandardButton.No)
    yes = box.button(QMessageBox.StandardButton.Yes)
    box.finished.connect(lambda _answer: drop() if box.clickedButton() is yes else None)
    box.open()
    return box


# -- the people involved ----------------------------------------------------------------------------


class PersonDialog(FormDialog):
    """One person involved: a role and what identifies them.

    *make* builds the feature's PersonData from the fields; *extra* names the
    fields that feature adds ("guardian", "identity_document", "profession").
    With *save* (a service call taking the person, run in a worker) the dialog
    stays open until the person is saved and marks what the service refuses.
    """

    def __init__(self, make: Callable[..., Any], person: Any = None, extra: Sequence[str] = (), *,
                 tasks: TaskManager | None = None, save: Callable[[Any], Any] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(tasks, parent)
        self.make = make
        self.save = save
        self.setObjectName("personDialog")
        self.setWindowTitle(self.tr("Person involved"))
        self.setMinimumWidth(520)
        self.role = QComboBox(self)
        self.role.setObjectName("personRole")
        for role in PersonRole:
            self.role.addItem(translate("people", PERSON_ROLE_LABELS[role]), str(role))
        self.birth_date = DateField(self)
        self.birth_date.setObjectName("personBirthDate")
        self.texts: dict[str, QLineEdit] = {}
        self.ok_button.setObjectName("personOk")
        self._rows(extra)
        if person is not None:
            self._show(person)
        self.dirty = False

    def _rows(self, extra: Sequence[str]) -> None:
        labels = {"last_name": self.tr("Last name *"), "first_names": self.tr("First names"),
                  "birth_place": self.tr("Born in"), "address": self.tr("Address"), "contact": self.tr("Contact"),
                  "identity_document": self.tr("Identity document"), "profession": self.tr("Profession"),
                  "guardian": self.tr("Legal guardian")}
        hints = {"contact": self.tr("phone, e-mail"),
                 "guardian": self.tr("for a minor: name and contact of the legal guardian")}
        self.row(self.tr("Role *"), self.role, "role")
        for key in ("last_name", "first_names"):
            self._text_row(key, labels[key], "")
        self.row(self.tr("Born on"), self.birth_date, "birth_date")
        for key in ("birth_place", "address", *extra, "contact"):
            self._text_row(key, labels[key], hints.get(key, ""))

    def _text_row(self, key: str, label: str, hint: str) -> None:
        field = QLineEdit(self)
        field.setObjectName("person" + "".join(part.title() for part in key.split("_")))
        field.setPlaceholderText(hint)
        self.texts[key] = field
        setattr(self, key, field)  # dialog.last_name, dialog.guardian: each field by its PersonData name
        self.row(label, field, key)

    def _show(self, person: Any) -> None:
        self.role.setCurrentIndex(self.role.findData(str(person.role)))
        for key, field in self.texts.items():
            field.setText(getattr(person, key, "") or "")
        self.birth_date.set_value(person.birth_date)

    def person(self) -> Any:
        values = {key: field.text().strip() for key, field in self.texts.items()}
        return self.make(role=PersonRole(self.role.currentData()), birth_date=self.birth_date.value(), **values)

    def submission(self) -> Callable[[], Any] | None:
        if self.save is None:
            return None
        person, save = self.person(), self.save  # read on the GUI thread, saved in the worker
        return lambda: save(person)

    def check(self) -> bool:
        if not self.texts["last_name"].text().strip() and not self.texts["first_names"].text().strip():
            show_message(self.message, self.tr("Give at least a name."))
            self.mark("last_name")
            return False
        born = self.birth_date.value()
        if born is not None and born > date.today():  # said here, not only once the whole entry is saved
            show_message(self.message, self.tr("The birth date is in the future."))
            self.mark("birth_date")
            return False
        return True
