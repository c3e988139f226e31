"""What a user would notice on a screen, measured: a clipped label, a cut time, an unreadable column.

Used in the test process (1280x720) and in a process of its own started with QT_SCALE_FACTOR=1.25
(1920x1080 at 125 %), where every screen is also saved as a PNG to be looked at.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from app.qt import QApplication, QLabel, Qt, QTableView, QWidget

if TYPE_CHECKING:
    from app.ui.main_window import ElidedLabel

DATE_COLUMNS = ("Date et heure", "Date", "Date des faits")
READABLE_COLUMNS = {"Objet": 18, "Enregistrement": 18, "Nature": 12}  # at least so many average characters
PADDING = 6  # a cell's margins, in pixels


def wait(app: QApplication, condition: Callable[[], bool], seconds: float = 20.0) -> None:
    """Process events until *condition* holds (polled with a deadline)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the screen did not settle")
        app.processEvents()
        time.sleep(0.01)


def visible_tables(widget: QWidget) -> list[QTableView]:
    return [table for table in widget.findChildren(QTableView) if table.isVisible()]


def loaded(widget: QWidget) -> bool:
    """Every visible table holds rows (the page's first read came back)."""
    return all((table.model() is not None and table.model().rowCount() > 0) for table in visible_tables(widget))


def problems(widget: QWidget) -> list[str]:
    """What is cut on *widget* as it shows now."""
    found = [*_label_problems(widget)]
    for table in visible_tables(widget):
        found += _table_problems(table)
    return found


def _label_problems(widget: QWidget) -> list[str]:
    found = []
    for label in widget.findChildren(QLabel):
        text = label.text()
        if not label.isVisible() or not text or label.textFormat() == Qt.TextFormat.RichText:
            continue
        if type(label).__name__ == "ElidedLabel":
            elided = cast("ElidedLabel", label)
            shown = elided.fontMetrics().horizontalAdvance(text)
            if shown > elided.width() or (text != elided.full_text and elided.toolTip() != elided.full_text):
                found.append(f"status bar text cut without its tooltip: {text!r}")
            continue
        if label.wordWrap():
            if label.height() < label.heightForWidth(label.width()):
                found.append(f"wrapped label clipped: {text[:50]!r}")
            continue
        widest = max(label.fontMetrics().horizontalAdvance(line.replace("&", "")) for line in text.splitlines())
        if widest > label.contentsRect().width() + 1:
            found.append(f"label cut: {text[:50]!r} needs {widest}px, has {label.contentsRect().width()}px")
    return found


def _table_problems(table: QTableView) -> list[str]:
    model = table.model()
    found: list[str] = []
    if model is None:
        return found
    metrics = table.fontMetrics()
    for column in range(model.columnCount()):
        if table.isColumnHidden(column):
            continue
        title = str(model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole))
        width = table.columnWidth(column)
        if title in DATE_COLUMNS:
            for row in range(min(model.rowCount(), 30)):
                text = str(model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole) or "")
                if metrics.horizontalAdvance(text) > width - PADDING:
                    found.append(f"{title!r} cut: {text!r} in {width}px")
                    break
        if title in READABLE_COLUMNS and width < READABLE_COLUMNS[title] * metrics.averageCharWidth():
            found.append(f"{title!r} too narrow to read: {width}px")
    return found


def shoot(widget: QWidget, folder: Path, name: str) -> Path:
    path = folder / f"{name}.png"
    widget.grab().save(str(path))
    return path
