"""The values every report is made of: periods, and small numbers hidden."""

from __future__ import annotations

import datetime as dt

import pytest

from linkworker.domain.reports import FEWER_THAN, Period, PeriodKind, ReportKind, shown_count


def test_periods_cover_whole_months_quarters_and_years() -> None:
    feb = Period.month(2028, 2)
    assert (feb.start, feb.end, feb.days) == (dt.date(2028, 2, 1), dt.date(2028, 2, 29), 29)
    assert feb.label == "February 2028"
    q4 = Period.quarter(2026, 4)
    assert (q4.start, q4.end) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert q4.label == "October to December 2026"
    assert Period.year(2026).days == 365 and Period.year(2026).label == "2026"
    with pytest.raises(ValueError):
        Period.quarter(2026, 5)


def test_a_custom_period_reads_plainly_and_cannot_run_backwards() -> None:
    one_day = Period(dt.date(2026, 11, 3), dt.date(2026, 11, 3))
    assert one_day.kind is PeriodKind.CUSTOM and one_day.label == "3 November 2026"
    assert Period(dt.date(2026, 11, 3), dt.date(2026, 11, 19)).label == "3 to 19 November 2026"
    span = Period(dt.date(2025, 12, 20), dt.date(2026, 1, 9))
    assert span.label == "20 December 2025 to 9 January 2026"
    assert span.contains(dt.date(2026, 1, 9)) and not span.contains(dt.date(2026, 1, 10))
    with pytest.raises(ValueError):
        Period(dt.date(2026, 1, 2), dt.date(2026, 1, 1))


@pytest.mark.parametrize(("n", "shown"), [(0, "0"), (1, FEWER_THAN), (4, FEWER_THAN), (5, "5")])
def test_small_numbers_are_hidden(n: int, shown: str) -> None:
    assert shown_count(n) == shown


def test_every_report_has_a_name_for_the_command_line_and_a_label() -> None:
    assert [k.value for k in ReportKind] == [
        "activity",
        "reach",
        "connections",
        "outcomes",
        "stories",
    ]
    assert ReportKind.REACH.label == "Who we reach"
