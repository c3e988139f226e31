"""Driving the real dialogs as a user would: typing, clicking, waiting for the result."""

from __future__ import annotations

from app.qt import QApplication, QEvent, QKeyEvent, QLineEdit, Qt


def type_into(qtbot, field: QLineEdit, text: str) -> None:
    field.clear()
    type_text(qtbot, field, text)


def type_text(qtbot, widget, text: str) -> None:
    """Key presses for *text*; accented letters, emoji and Arabic come as a keyboard layout sends them."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier,
                                                         char))


def login_dialog(qtbot, shell):
    """The login window (the first one, or the one a logout left), once it accepts a login."""
    shown = shell.login_dialog
    dialog = shown if shown is not None and shown.isVisible() else shell.begin()
    qtbot.waitUntil(dialog.submit.isEnabled, timeout=10_000)
    return dialog


def log_in(qtbot, shell, login: str, password: str):
    """Type into the login dialog and wait for the main window."""
    dialog = login_dialog(qtbot, shell)
    type_into(qtbot, dialog.login_field, login)
    type_into(qtbot, dialog.password_field, password)
    qtbot.mouseClick(dialog.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shell.window is not None and shell.window.isVisible(), timeout=10_000)
    return shell.window
