"""Dates and times on screen: stored in UTC, shown and typed in local time, in French order.

Every date or date-and-time field of Vigie is a DateField or a DateTimeField:
one line of text, typed as people write it (`14/03/1991`, `14031991`,
`14/03/1991 07:55`, `14031991 0755`, `07h55`), so that Tab leaves it in one
press and nothing typed turns into something else (a spin box's sections
would). What was typed is read when the field is left: a readable value is
shown tidied (`14031991` becomes `14/03/1991`), an unreadable one stays as
typed, marked, with a message saying how to type it, and the form refuses
to save until it is corrected. A calendar opens from the field's button or
with Alt+Down.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from app.qt import (
    QCalendarWidget,
    QColor,
    QDate,
    QDateTime,
    QIcon,
    QLabel,
    QLineEdit,
    QPainter,
    QPixmap,
    Qt,
    QWidget,
    Signal,
)
from app.ui.widgets import mark, show_message

FIRST_YEAR, LAST_YEAR = 1900, 2100
Day = date  # the type, under a name DateField.date() does not hide
_DAY = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})|(\d{2})(\d{2})(\d{4})")
_TIME = re.compile(r"(\d{1,2})\s*[:hH.]\s*(\d{2})|(\d{2})(\d{2})|(\d{1,2})\s*[hH]")
_BETWEEN = {"\u00e0", "a", "at"}  # "14/03/1991 à 07:55"


def local_time(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%d/%m/%Y %H:%M") if moment else ""


def as_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def to_qdatetime(moment: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))


def from_qdatetime(value: QDateTime) -> datetime:
    return datetime.fromtimestamp(value.toSecsSinceEpoch(), UTC)


# -- reading what was typed (no Qt) ------------------------------------------------------------------


def parse_day(text: str) -> date | None:
    """The day *text* names in French order, or None when it names none."""
    found = _DAY.fullmatch(text.strip())
    if found is None:
        return None
    parts = [int(g) for g in found.groups() if g is not None]
    day, month, year = parts
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_clock(text: str) -> tuple[int, int] | None:
    """(hour, minute) from `07:55`, `0755`, `7h55` or `7h`, or None."""
    found = _TIME.fullmatch(text.strip())
    if found is None:
        return None
    parts = [int(g) for g in found.groups() if g is not None]
    hour, minute = (parts + [0])[:2]
    return (hour, minute) if hour < 24 and minute < 60 else None


def parse_moment(text: str) -> datetime | None:
    """A local (naive) date and time from `14/03/1991 07:55`, `140319910755`, `14031991 0755`..., or None."""
    text = text.strip()
    if re.fullmatch(r"\d{12}", text):
        splits = [(text[:8], text[8:])]
    else:
        words = [w for w in text.split() if w.lower() not in _BETWEEN]
        splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    for day_text, time_text in splits:
        day, clock = parse_day(day_text), parse_clock(time_text)
        if day is not None and clock is not None:
            return datetime(day.year, day.month, day.day, *clock)
    return None


def calendar_icon() -> QIcon:
    """A small page of a calendar: a red top band over a grid of days (drawn: no icon file to ship)."""
    pixmap = QPixmap(32, 32)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(QColor("#4a4a4a"))
    painter.setBrush(QColor("#ffffff"))
    painter.drawRect(3, 5, 26, 24)
    painter.fillRect(4, 6, 25, 6, QColor("#b00020"))
    for row in range(3):
        for column in range(4):
            painter.fillRect(7 + column * 6, 15 + row * 5, 3, 3, QColor("#4a4a4a"))
    painter.end()
    return QIcon(pixmap)


# -- the fields -----------------------------------------------------------------------------------------


class _TypedField(QLineEdit):
    """What both fields share: reading on leaving, marking, the message, the calendar."""

    problem = Signal(str)  # what is wrong with the typed text, or '' once it reads well

    def __init__(self, parent: QWidget | None, optional: bool, label: str) -> None:
        super().__init__(parent)
        self.optional = optional
        self.label = label  # the form's name for the field, in its messages
        self.calendar: QCalendarWidget | None = None
        self._report: QLabel | None = None
        self._reported = ""
        self.editingFinished.connect(self.tidy)
        self.calendar_button = self.addAction(calendar_icon(), QLineEdit.ActionPosition.TrailingPosition)
        self.calendar_button.setToolTip(self.tr("Choose in a calendar (Alt+Down)"))
        self.calendar_button.triggered.connect(self.open_calendar)

    def setReadOnly(self, read_only: bool) -> None:  # noqa: N802 - Qt's name
        """A read-only date (a signed document's) offers no calendar to change it."""
        super().setReadOnly(read_only)
        self.calendar_button.setVisible(not read_only)

    # -- what subclasses say

    def _readable(self, text: str) -> bool:
        raise NotImplementedError

    def _tidied(self, text: str) -> str:
        raise NotImplementedError

    def _unreadable(self, text: str) -> str:
        raise NotImplementedError

    def _missing(self) -> str:
        raise NotImplementedError

    def _typed_day(self) -> date | None:
        raise NotImplementedError

    def _put_day(self, day: date) -> None:
        raise NotImplementedError

    def _fit(self, sample: str) -> None:
        """Wide enough for a whole value and the calendar button, whatever the layout gives."""
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance(sample) + 4 * self.fontMetrics().height())

    # -- checking

    def error(self) -> str:
        """Why the typed text cannot be saved, or '' when it can."""
        text = self.text().strip()
        if not text:
            return "" if self.optional else self._missing()
        return "" if self._readable(text) else self._unreadable(text)

    def report_to(self, label: QLabel) -> None:
        """Problems found on leaving the field are shown in *label* (a form's message line)."""
        self._report = label

    def tidy(self) -> None:
        """On leaving: tidy a readable value, or mark the field and say how to type it."""
        problem = self.error()
        if not problem and self.text().strip():
            tidied = self._tidied(self.text().strip())
            if tidied != self.text():
                self.setText(tidied)
        mark(self, bool(problem))
        self.setToolTip(problem)
        if self._report is not None:
            if problem:
                show_message(self._report, problem)
            elif self._reported and self._report.text() == self._reported:
                show_message(self._report, "")
        self._reported = problem
        self.problem.emit(problem)

    # -- the calendar

    def open_calendar(self) -> QCalendarWidget:
        if self.calendar is None:
            self.calendar = QCalendarWidget(self)
            self.calendar.setObjectName("calendarPopup")
            self.calendar.setWindowFlags(Qt.WindowType.Popup)
            self.calendar.setGridVisible(True)
            self.calendar.setMinimumDate(QDate(FIRST_YEAR, 1, 1))
            self.calendar.setMaximumDate(QDate(LAST_YEAR, 12, 31))
            self.calendar.clicked.connect(self._picked)
            self.calendar.activated.connect(self._picked)
        day = self._typed_day() or date.today()
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        self.calendar.move(self.mapToGlobal(self.rect().bottomLeft()))
        self.calendar.show()
        self.calendar.setFocus()
        return self.calendar

    def _picked(self, value: QDate) -> None:
        if self.calendar is not None:
            self.calendar.hide()
        if self.isReadOnly():
            return
        self._put_day(as_date(value))
        self.textEdited.emit(self.text())  # a choice of the user's, as typing is
        self.setFocus()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier \
                and not self.isReadOnly():
            self.open_calendar()
            return
        super().keyPressEvent(event)


class DateField(_TypedField):
    """A day: `14/03/1991`, `14.03.1991`, `14031991`; blank when *optional*."""

    def __init__(self, parent: QWidget | None = None, *, optional: bool = True, label: str = "",
                 value: Day | None = None) -> None:
        super().__init__(parent, optional, label)
        self.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self._fit("00/00/0000")
        self.set_value(value)

    def value(self) -> Day | None:
        """The day typed (None when blank); ValueError when the text reads as no day (see error())."""
        text = self.text().strip()
        if not text:
            return None
        day = parse_day(text)
        if day is None:
            raise ValueError(self.error())
        return day

    def set_value(self, day: Day | None) -> None:
        self.setText(day.strftime("%d/%m/%Y") if day else "")
        mark(self, False)

    def date(self) -> QDate:
        """The day as a QDate (an invalid one when blank or unreadable), as a QDateEdit gives it."""
        day = parse_day(self.text())
        return QDate(day.year, day.month, day.day) if day else QDate()

    def _readable(self, text: str) -> bool:
        return parse_day(text) is not None

    def _tidied(self, text: str) -> str:
        day = parse_day(text)
        return day.strftime("%d/%m/%Y") if day else text

    def _unreadable(self, text: str) -> str:
        return self.tr("{field}: \u201c{text}\u201d is not a date. Type it as dd/mm/yyyy, for instance "
                       "14/03/1991 or 14031991.").format(field=self.label or self.tr("Date"), text=text)

    def _missing(self) -> str:
        return self.tr("{field}: give a date (dd/mm/yyyy).").format(field=self.label or self.tr("Date"))

    def _typed_day(self) -> Day | None:
        return parse_day(self.text())

    def _put_day(self, day: Day) -> None:
        self.setText(day.strftime("%d/%m/%Y"))


class DateTimeField(_TypedField):
    """A date and time: `14/03/1991 07:55`, `14031991 0755`, `14/03/1991 à 7h55`; blank when *optional*.

    A moment shown by set_value and left as shown reads back exactly (seconds included).
    """

    def __init__(self, parent: QWidget | None = None, *, optional: bool = True, label: str = "",
                 value: datetime | None = None) -> None:
        super().__init__(parent, optional, label)
        self.setPlaceholderText(self.tr("dd/mm/yyyy hh:mm"))
        self._fit("00/00/0000 00:00")
        self._shown: tuple[str, datetime] | None = None
        self.set_value(value)

    def value(self) -> datetime | None:
        """The moment typed, in UTC (None when blank); ValueError when the text reads as none."""
        text = self.text().strip()
        if not text:
            return None
        if self._shown is not None and self._shown[0] == text:
            return self._shown[1]
        moment = parse_moment(text)
        if moment is None:
            raise ValueError(self.error())
        return moment.astimezone(UTC)

    def set_value(self, moment: datetime | None) -> None:
        text = local_time(moment)
        self._shown = (text, moment) if moment is not None else None
        self.setText(text)
        mark(self, False)

    def _readable(self, text: str) -> bool:
        return parse_moment(text) is not None

    def _tidied(self, text: str) -> str:
        moment = parse_moment(text)
        return moment.strftime("%d/%m/%Y %H:%M") if moment else text

    def _unreadable(self, text: str) -> str:
        field = self.label or self.tr("Date and time")
        day = parse_day(text)
        if day is not None:
            return self.tr("{field}: give the time too, after the date: {day} 07:55 (or 0755).").format(
                field=field, day=day.strftime("%d/%m/%Y"))
        return self.tr("{field}: \u201c{text}\u201d is not a date and time. Type them as dd/mm/yyyy hh:mm, for "
                       "instance 14/03/1991 07:55 or 14031991 0755.").format(field=field, text=text)

    def _missing(self) -> str:
        return self.tr("{field}: give the date and the time (dd/mm/yyyy hh:mm).").format(
            field=self.label or self.tr("Date and time"))

    def _typed_day(self) -> date | None:
        moment = parse_moment(self.text())
        return moment.date() if moment else parse_day(self.text().split(" ")[0])

    def _put_day(self, day: date) -> None:
        """The day picked; the time typed stays, or is left to type."""
        words = self.text().strip().split(None, 1)
        clock = parse_clock(words[1]) if len(words) == 2 else None
        text = day.strftime("%d/%m/%Y ")
        self.setText(text + (f"{clock[0]:02d}:{clock[1]:02d}" if clock else ""))


TypedField = _TypedField


def first_problem(fields) -> tuple[_TypedField, str] | None:
    """The first of *fields* whose text cannot be saved, with why (each marked as on leaving it)."""
    for field in fields:
        if isinstance(field, _TypedField) and field.error():
            field.tidy()
            return field, field.error()
    return None


def date_edit(parent: QWidget, name: str, value: QDate, label: str = "") -> DateField:
    """A day that must be given (a filter's bound)."""
    field = DateField(parent, optional=False, label=label, value=as_date(value))
    field.setObjectName(name)
    return field
