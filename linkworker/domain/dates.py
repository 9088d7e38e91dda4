"""Calendar arithmetic the directory and the matching share."""

from __future__ import annotations

import calendar
import datetime as dt


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` months earlier (the month's last day if it is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - max(0, months), 12)
    if year < dt.MINYEAR:
        return dt.date.min
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole months from one date to a later one (0 if it is not later)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return max(0, months - (1 if later.day < earlier.day else 0))


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
#: The months' names, January first, the same in any locale.
MONTH_NAMES = _MONTHS
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def long_date(day: dt.date, *, weekday: bool = False) -> str:
    """A date in words, "22 November 2026" (or "Sunday 22 November 2026"), in any locale."""
    text = f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
    return f"{_DAYS[day.weekday()]} {text}" if weekday else text
