"""Every dialog of Vigie opened, and every word Qt itself puts on it read: buttons, calendars, file dialogs.

Qt draws the standard buttons ("Cancel", "Yes"), the wizard's ("< Back"),
the file dialog's and the calendar's month and day names itself: they are
French only when Qt's own translation and the French locale are loaded. A
dialog class added to app/ui without a way to open it here fails the test.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from datetime import UTC, datetime

import app.ui
from app.bootstrap import build_gate
from app.logbook.types import AttachmentInfo
from app.models.logbook import AttachmentKind
from app.qt import (
    QCalendarWidget,
    QDialog,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QToolButton,
    QWidget,
    QWizard,
)
from app.services.accounts import UserSummary
from app.ui.dates import TypedField
from app.ui.forms import FormDialog, PersonDialog, ask_to_drop
from app.writings.types import PersonData
from tests.ui.conftest import AGENT_PASSWORD

ENGLISH = {
    "ok all", "cancel", "yes", "no", "close", "save", "open", "apply", "reset", "help", "discard", "abort",
    "retry", "ignore", "yes to all", "no to all", "save all", "restore defaults", "don't save",
    "close without saving", "< back", "next >", "back", "next", "finish", "commit", "look in:", "file name:",
    "files of type:", "choose", "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "mon", "tue", "wed", "thu", "fri", "sat", "sun",
}


def words_on(widget: QWidget) -> list[str]:
    """What Qt shows on *widget* and under it: button texts, labels, calendars (each opened)."""
    for field in widget.findChildren(TypedField):
        field.open_calendar().hide()
    texts = [b.text() for b in (*widget.findChildren(QPushButton), *widget.findChildren(QToolButton))]
    texts += [label.text() for label in widget.findChildren(QLabel)]
    if isinstance(widget, QWizard):
        texts += [widget.buttonText(which) for which in (QWizard.WizardButton.BackButton,
                                                          QWizard.WizardButton.NextButton,
                                                          QWizard.WizardButton.FinishButton,
                                                          QWizard.WizardButton.CancelButton)]
    for calendar in widget.findChildren(QCalendarWidget):
        view = calendar.findChild(QTableView)
        assert view is not None
        model = view.model()
        texts += [model.data(model.index(0, column)) or "" for column in range(model.columnCount())]
        texts += [calendar.locale().monthName(month) for month in range(1, 13)]
    return texts


def english(texts: list[str]) -> list[str]:
    return [t for t in texts if re.sub(r"[&.]", "", t).strip().lower() in ENGLISH]


def dialog_classes() -> set[type]:
    """Every QDialog (and QWizard) class written in app/ui."""
    found: set[type] = set()
    for module in pkgutil.walk_packages(app.ui.__path__, "app.ui."):
        loaded = importlib.import_module(module.name)
        for _name, value in inspect.getmembers(loaded, inspect.isclass):
            if issubclass(value, (QDialog, QWizard)) and value.__module__ == loaded.__name__:
                found.add(value)
    return found


def openers(gate, services, actor, tasks, tmp_path, deps):
    """One way to open each dialog, as the screens do; returns {class name: factory}."""
    from app.ui.admin.users import ResetPasswordDialog, UserDialog
    from app.ui.journal.sealed import SealedVerifyDialog
    from app.ui.lock import LockDialog
    from app.ui.logbook.attachments import AttachmentViewer
    from app.ui.logbook.entry import EntryDialog
    from app.ui.login import LoginDialog
    from app.ui.motive import MotiveDialog
    from app.ui.password import ChangePasswordDialog
    from app.ui.recovery import RecoveryDialog
    from app.ui.sync import ConflictsDialog
    from app.ui.wizard import SetupWizard
    from app.ui.writings.document import WritingDialog
    from app.ui.writings.follow_up import AddendumDialog, OutcomeDialog, PasswordDialog, TransmissionDialog
    from app.ui.writings.output import PdfPreview

    now = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)
    me = services.accounts.list_users(gate.admin)[0]
    user = UserSummary(me.id, me.login, me.full_name, me.grade, me.matricule, me.role, True, False, None)
    photo = AttachmentInfo("a1", "note.txt", AttachmentKind.FILE, "text/plain", 5, False, "", now, actor.user_id)
    pdf = services.writings.preview(actor, services.writings.create_draft(actor, "rapport_information").id,
                                    translate=lambda _c, text: text)
    return {
        "FormDialog": lambda: FormDialog(tasks),
        "PersonDialog": lambda: PersonDialog(PersonData, extra=("guardian", "identity_document", "profession")),
        "MotiveDialog": lambda: MotiveDialog("Motif", ["Enquête"], required=True, ask_recipient=True),
        "ChangePasswordDialog": lambda: ChangePasswordDialog(services.accounts, actor, tasks),
        "LockDialog": lambda: LockDialog(services.accounts, actor, tasks),
        "LoginDialog": lambda: LoginDialog(gate, tasks),
        "RecoveryDialog": lambda: RecoveryDialog(gate, tasks),
        "SetupWizard": lambda: SetupWizard(build_gate(tmp_path / "new", deps), tasks),
        "UserDialog": lambda: UserDialog(services, gate.admin, tasks),
        "ResetPasswordDialog": lambda: ResetPasswordDialog(services, gate.admin, tasks, user),
        "AttachmentViewer": lambda: AttachmentViewer(photo, None),
        "EntryDialog": lambda: EntryDialog(services, actor, tasks, None),
        "WritingDialog": lambda: WritingDialog(services, actor, tasks, None, kind="pv_constatation"),
        "PasswordDialog": lambda: PasswordDialog("Signer", "Tapez votre mot de passe."),
        "AddendumDialog": lambda: AddendumDialog(),
        "TransmissionDialog": lambda: TransmissionDialog(now),
        "OutcomeDialog": lambda: OutcomeDialog(now.date()),
        "ConflictsDialog": lambda: ConflictsDialog(services.sync, actor, tasks),
        "SealedVerifyDialog": lambda: SealedVerifyDialog(),
        "PdfPreview": lambda: PdfPreview(pdf, "Aperçu"),
    }


def test_every_dialog_shows_french_buttons_calendars_and_file_dialogs(qtbot, station, tasks, tmp_path, deps):
    services = station.services
    actor = services.accounts.authenticate("lpetit", AGENT_PASSWORD)
    known = openers(station, services, actor, tasks, tmp_path, deps)
    assert {cls.__name__ for cls in dialog_classes()} - set(known) == set(), "a dialog this test cannot open"
    seen: dict[str, list[str]] = {}
    for name, make in known.items():
        dialog = make()
        qtbot.addWidget(dialog)
        dialog.show()
        seen[name] = words_on(dialog)
        dialog.hide()
    parent = QWidget()
    qtbot.addWidget(parent)
    boxes = {"ask_to_drop": ask_to_drop(parent, "Quitter ?", lambda: None),
             "question": QMessageBox(QMessageBox.Icon.Question, "Vigie", "?", QMessageBox.StandardButton.Yes
                                     | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel
                                     | QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Save
                                     | QMessageBox.StandardButton.Ok, parent)}
    for name, box in boxes.items():
        seen[name] = [button.text() for button in box.buttons()]
        box.close()
    for mode in (QFileDialog.AcceptMode.AcceptSave, QFileDialog.AcceptMode.AcceptOpen):
        files = QFileDialog(parent, "Fichier", str(tmp_path))
        files.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        files.setAcceptMode(mode)
        seen[f"QFileDialog {mode.name}"] = words_on(files)
    found = {name: english(texts) for name, texts in seen.items() if english(texts)}
    assert found == {}, f"English on screen: {found}"
    assert "Annuler" in seen["TransmissionDialog"] and "&Oui" in seen["question"]
    assert "décembre" in seen["OutcomeDialog"] and "lun." in seen["OutcomeDialog"]


def test_every_form_opens_with_the_typing_in_its_first_field(qtbot, station, tasks, tmp_path, deps):
    # The buttons of a form are made before its rows: Qt gave the focus to the first button, and what a
    # person typed (a password to sign, a motive) went nowhere, or a space pressed the button.
    from app.qt import QAbstractButton
    from app.ui.forms import FormDialog

    services = station.services
    actor = services.accounts.authenticate("lpetit", AGENT_PASSWORD)
    on_a_button = {}
    forms = 0
    for name, make in openers(station, services, actor, tasks, tmp_path, deps).items():
        dialog = make()
        qtbot.addWidget(dialog)
        dialog.show()
        if isinstance(dialog, FormDialog) and dialog.first_field() is not None:
            forms += 1
            if isinstance(dialog.focusWidget(), QAbstractButton) or dialog.focusWidget() is None:
                on_a_button[name] = dialog.focusWidget()
        dialog.hide()
    assert forms >= 7 and on_a_button == {}
