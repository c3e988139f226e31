"""Asking why: the motive (from the station's pick list, plus free text) and, for a disclosure, the recipient."""

from __future__ import annotations

from app.kernel.motives import compose
from app.qt import QComboBox, QLabel, QLineEdit
from app.ui.forms import FormDialog
from app.ui.widgets import show_message


class MotiveDialog(FormDialog):
    """Accepted with `motive` (and `recipient` when asked) filled in.

    Escape leaves at once: a motive is asked for an operation not begun, nothing typed here is a record.
    """

    def __init__(self, title: str, motives: list[str], required: bool, ask_recipient: bool = False,
                 parent=None) -> None:
        super().__init__(parent=parent, ok_text=self.tr("Continue"))
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
        intro.setObjectName("motiveIntro")
        intro.setWordWrap(True)
        self.body.insertWidget(0, intro)
        self.choice = QComboBox(self)
        self.choice.setObjectName("motiveChoice")
        self.choice.addItem(self.tr("(choose a motive)"), "")
        for motive in motives:
            self.choice.addItem(motive, motive)
        self.details = QLineEdit(self)
        self.details.setObjectName("motiveDetails")
        self.details.setPlaceholderText(self.tr("Details: reference of the request, case number\u2026"))
        self.form.addRow(self.tr("Motive:"), self.choice)
        self.form.addRow(self.tr("Details:"), self.details)
        # Made only when asked: a field left out of the layout would show as a stray box over the text.
        self.recipient_field: QLineEdit | None = None
        if ask_recipient:
            self.recipient_field = QLineEdit(self)
            self.recipient_field.setObjectName("recipient")
            self.form.addRow(self.tr("Recipient:"), self.recipient_field)
        self.submit = self.ok_button
        self.submit.setObjectName("submit")

    def check(self) -> bool:
        motive = compose(self.choice.currentData() or "", self.details.text())
        if self.required and not motive:
            show_message(self.message, self.tr("Choose a motive or write one."))
            return False
        recipient = self.recipient_field.text().strip() if self.recipient_field is not None else ""
        if self.ask_recipient and not recipient:
            show_message(self.message, self.tr("Name the recipient."))
            return False
        self.motive = motive
        self.recipient = recipient
        return True
