"""The calendar arithmetic and time summaries the directory and the matching share."""

from __future__ import annotations

import datetime as dt

from linkworker.domain.dates import months_before, months_between
from linkworker.domain.directory import Day, OpeningTime
from linkworker.domain.opening_times import summarise_times


def test_months_before_keeps_the_day_or_the_months_last() -> None:
    assert months_before(dt.date(2026, 11, 22), 12) == dt.date(2025, 11, 22)
    assert months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)
    assert months_before(dt.date(2024, 3, 30), 1) == dt.date(2024, 2, 29)
    assert months_before(dt.date(2026, 1, 15), 0) == dt.date(2026, 1, 15)


def test_months_between_counts_whole_months() -> None:
    assert months_between(dt.date(2025, 9, 10), dt.date(2026, 11, 22)) == 14
    assert months_between(dt.date(2025, 9, 30), dt.date(2025, 10, 29)) == 0
    assert months_between(dt.date(2026, 1, 1), dt.date(2025, 1, 1)) == 0
    assert months_between(dt.date(2025, 1, 31), dt.date(2025, 3, 30)) == 1
    assert months_between(dt.date(2025, 1, 31), dt.date(2025, 3, 31)) == 2


def test_months_before_counts_no_months_back_as_none_and_stops_at_the_first_date() -> None:
    assert months_before(dt.date(2026, 1, 15), -3) == dt.date(2026, 1, 15)
    assert months_before(dt.date(1, 6, 15), 5) == dt.date(1, 1, 15)
    assert months_before(dt.date(1, 6, 15), 6) == dt.date.min
    assert months_before(dt.date(3, 1, 15), 9999) == dt.date.min


def test_summaries_list_slots_and_notes_and_stop_where_asked() -> None:
    times = (
        OpeningTime(Day.TUESDAY, dt.time(10, 0)),
        OpeningTime(Day.THURSDAY),
        OpeningTime(note="  First   Friday of the month "),
    )
    assert summarise_times(times) == "Tue 10:00, Thu, First Friday of the month"
    assert summarise_times(times, most=2) == "Tue 10:00, Thu, ..."
    assert summarise_times(times, width=12) == "Tue 10:00..."
    assert summarise_times(()) == ""
