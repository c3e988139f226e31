"""Small pieces shared by the screens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.qt import QDialog, QFont, QLabel, QLineEdit, QProgressBar, Qt, QWidget

# How a field the service refused is marked where it is.
MARKED = "border: 2px solid #b00020;"

# The base of a part of a dialog (a mixin such as EntryFields or WritingOutput): QDialog for the type checker,
# which then knows the Qt methods the part calls on `self` (tr, windowTitle...); plain `object` at run time,
# where the part comes before QDialog among the dialog's own bases.
if TYPE_CHECKING:
    DialogPart = QDialog
else:
    DialogPart = object


def heading(text: str, size: int = 15) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSize(size)
    font.setBold(True)
    label.setFont(font)
    return label


def error_label(parent: QWidget | None = None) -> QLabel:
    """An inline message under a form; empty (and hidden) until something goes wrong."""
    label = QLabel(parent)
    label.setObjectName("formError")
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020;")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def show_message(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


def password_field(parent: QWidget | None = None) -> QLineEdit:
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


def busy_bar(parent: QWidget | None = None) -> QProgressBar:
    """An indeterminate bar shown while a slow check (key derivation) runs in the background."""
    bar = QProgressBar(parent)
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.setMaximumHeight(6)
    bar.hide()
    return bar
