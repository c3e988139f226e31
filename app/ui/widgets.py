"""Small pieces shared by the screens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.qt import QDialog, QFont, QFrame, QLabel, QLayout, QLineEdit, QProgressBar, QScrollArea, Qt, QWidget

# How a field the service refused is marked where it is: a red border on the field itself. The selector holds
# the rule to the widget with the property, not its children (a date field's calendar, a list's popup, which a
# bare declaration turned red, their headings unreadable).
MARKED = '*[marked="true"] { border: 2px solid #b00020; }'


def mark(field: QWidget, marked: bool = True) -> None:
    """Mark *field* (or clear its mark); a mark goes as soon as the field is changed by hand."""
    field.setProperty("marked", marked)
    field.setStyleSheet(MARKED if marked else "")
    if marked and not field.property("unmarkedOnEdit"):
        edited = next((getattr(field, name) for name in ("textEdited", "textChanged", "activated")
                       if hasattr(field, name)), None)
        if edited is not None:
            edited.connect(lambda *_: mark(field, False))
            field.setProperty("unmarkedOnEdit", True)

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


def scrolled(content: QWidget | QLayout, parent: QWidget) -> QScrollArea:
    """*content* in an area that scrolls when the window is shorter than it: on a laptop's 1280×720 screen the
    long forms (a main courante entry, a procès-verbal) scroll, and their buttons stay in sight below."""
    if isinstance(content, QLayout):
        holder = QWidget(parent)
        holder.setLayout(content)
        content = holder
    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(content)
    return area


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """*window* at *width* × *height*, or as large as its screen leaves room for (its frame and the taskbar)."""
    screen = (window.parentWidget() or window).screen()
    area = screen.availableGeometry()
    window.resize(min(width, area.width() - 24), min(height, area.height() - 48))
