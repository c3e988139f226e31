"""Asking why: the motive (from the station's pick list, plus free text) and, for a disclosure, the recipient."""

from __future__ import annotations

from app.qt import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout
from app.kernel.motives import compose
from app.ui.widgets import error_label, show_message


class MotiveDialog(QDialog):
    """Accepted with `motive` (and `recipient` when asked) filled in."""

    def __init__(self, title: str, motives: list[str], required: bool, ask_recipient: bool = False,
                 parent=None) -> None:
        super().__init__(parent)
        self.required = required
        self.ask_recipient = ask_recipient
        self.motive = ""
        self.recipient = ""
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        intro = QLabel(
            self.tr("This operation is written in the access journal with its motive.") if required else
            self.tr("You may give a motive; it is written in the access journal."),
            self,
        )
        intro.setWordWrap(True)
        self.choice = QComboBox(self)
        self.choice.setObjectName("motiveChoice")
        self.choice.addItem(self.tr("(choose a motive)"), "")
        for motive in motives:
            self.choice.addItem(motive, motive)
        self.details = QLineEdit(self)
        self.details.setObjectName("motiveDetails")
        self.details.setPlaceholderText(self.tr("Details: reference of the request, case number\u2026"))
        form = QFormLayout()
        form.addRow(self.tr("Motive:"), self.choice)
        form.addRow(self.tr("Details:"), self.details)
        self.recipient_field = QLineEdit(self)
        self.recipient_field.setObjectName("recipient")
        if ask_recipient:
            form.addRow(self.tr("Recipient:"), self.recipient_field)
        self.message = error_label(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.submit = buttons.addButton(self.tr("Continue"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.submit.setObjectName("submit")
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def try_accept(self) -> None:
        motive = compose(self.choice.currentData() or "", self.details.text())
        if self.required and not motive:
            show_message(self.message, self.tr("Choose a motive or write one."))
            return
        if self.ask_recipient and not self.recipient_field.text().strip():
            show_message(self.message, self.tr("Name the recipient."))
            return
        self.motive = motive
        self.recipient = self.recipient_field.text().strip()
        self.accept()
