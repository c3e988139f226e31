"""Dates and times on screen: stored in UTC, shown and typed in local time, optionally left blank.

Shared by the main courante and the écrits forms.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from app.qt import QDate, QDateEdit, QDateTime, QDateTimeEdit, Qt, QWidget

# QDateTimeEdit has no empty state: its minimum, shown as a blank, stands for "not given".
NOT_GIVEN = QDateTime(QDate(2000, 1, 1).startOfDay())


def local_time(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%d/%m/%Y %H:%M") if moment else ""


def as_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def date_edit(parent: QWidget, name: str, value: QDate) -> QDateEdit:
    """A day typed as dd/MM/yyyy or picked in a calendar (a filter's bound)."""
    edit = QDateEdit(value, parent)
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    return edit


def to_qdatetime(moment: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))


def from_qdatetime(value: QDateTime) -> datetime:
    return datetime.fromtimestamp(value.toSecsSinceEpoch(), UTC)


class OptionalDateTime(QDateTimeEdit):
    """A date and time that may be left blank (its minimum is shown as blank)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.setCalendarPopup(True)
        self.setMinimumDateTime(NOT_GIVEN)
        self.setSpecialValueText(" ")
        self.setDateTime(NOT_GIVEN)

    def value(self) -> datetime | None:
        current = self.dateTime()
        return None if current <= NOT_GIVEN else from_qdatetime(current)

    def set_value(self, moment: datetime | None) -> None:
        self.setDateTime(NOT_GIVEN if moment is None else to_qdatetime(moment))

    def keyPressEvent(self, event) -> None:
        # Delete or Backspace on a whole selection empties the field rather than half a date.
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and \
                self.lineEdit().selectedText() == self.lineEdit().text():
            self.setDateTime(NOT_GIVEN)
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event) -> None:
        if self.dateTime() <= NOT_GIVEN:
            self.setDateTime(QDateTime.currentDateTime())
        super().mousePressEvent(event)
