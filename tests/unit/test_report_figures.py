"""Counts into what a report shows, and any report as CSV: no database, no Qt."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io

import pytest

from linkworker.domain.report_figures import (
    NONE_TO_COUNT,
    TOO_FEW,
    born_after_for_age,
    by_month,
    count_cell,
    days_text,
    histogram_mean,
    histogram_median,
    months_between,
    percent,
    share_cell,
)
from linkworker.domain.reports import (
    FEWER_THAN,
    Chart,
    ChartKind,
    Figure,
    Period,
    ReportKind,
    ReportRequest,
    Table,
)
from linkworker.services.report_activity import age_bands
from linkworker.services.report_csv import report_csv


@pytest.mark.parametrize(
    ("counts", "median", "mean"),
    [
        ({}, None, None),
        ({4: 1}, 4, 4),
        ({1: 1, 3: 1}, 2, 2),  # an even number: the middle two's mean
        ({7: 6, 13: 5}, 7, 107 / 11),
        ({0: 2, 10: 2}, 5, 5),
        ({-2: 1, 2: 2}, 2, 2 / 3),
    ],
)
def test_median_and_mean_from_counts_by_value(
    counts: dict[int, int], median: float | None, mean: float | None
) -> None:
    assert histogram_median(counts) == median
    found = histogram_mean(counts)
    assert found is None if mean is None else found == pytest.approx(mean)


def test_small_counts_rates_and_averages_are_not_shown() -> None:
    assert [count_cell(n) for n in (0, 1, 4, 5)] == [0, FEWER_THAN, FEWER_THAN, 5]
    assert share_cell(3, 100) is None and share_cell(5, 4) is None and share_cell(5, 10) == 50
    assert percent(1, 0) == NONE_TO_COUNT and percent(1, 4) == TOO_FEW and percent(1, 8) == "12%"
    assert days_text(None, 0) == NONE_TO_COUNT and days_text(3.0, 2) == TOO_FEW
    assert days_text(9.727, 11) == "9.7 days" and days_text(1.0, 6) == "1 day"


def test_age_bands_turn_on_the_birthday() -> None:
    on = dt.date(2025, 3, 31)
    assert born_after_for_age(35, on) == dt.date(1990, 3, 31)
    assert born_after_for_age(18, dt.date(2024, 2, 29)) == dt.date(2006, 2, 28)
    bands = dict(age_bands(on).bands)
    # Someone is in a band when born after its day: born 31 March 1990 is 35, so 35 to 44.
    assert bands["25 to 34"] == dt.date(1990, 3, 31)
    assert age_bands(on).oldest == "85 and over"


def test_months_of_a_period_and_counts_folded_into_them() -> None:
    months = months_between(dt.date(2025, 11, 20), dt.date(2026, 2, 3))
    assert months == ((2025, 11), (2025, 12), (2026, 1), (2026, 2))
    days = [(dt.date(2025, 11, 20), 2), (dt.date(2025, 11, 30), 1), (dt.date(2026, 2, 3), 4)]
    assert by_month(days, months) == (3, 0, 0, 4)


def test_any_report_as_csv_headline_first_then_a_section_per_table() -> None:
    request = ReportRequest(
        ReportKind.ACTIVITY, Period.month(2026, 11), "=Team", dt.date(2026, 12, 7), "Priya"
    )
    report = dataclasses.replace(
        request.empty(),
        headline=(Figure("People referred", "12", "in the month"),),
        tables=(
            Table("By reason", ("Reason", "Referrals"), (("Loneliness", 7), ("Debt", FEWER_THAN))),
        ),
        charts=(
            Chart(
                "By reason", ChartKind.BAR, ("Loneliness", "Debt"), (("Referrals", (7.0, None)),)
            ),
        ),
        could_not_count=("Fewer than 5 contacts have no outcome.",),
    )
    rows = list(csv.reader(io.StringIO(report_csv(report).decode("utf-8-sig"))))
    assert rows[:5] == [
        ["Report", "Activity"],
        ["Team", "'=Team"],  # a spreadsheet would run it as a formula
        ["Period", "November 2026", "2026-11-01", "2026-11-30"],
        ["Made on", "2026-12-07"],
        ["Made by", "Priya"],
    ]
    assert rows[6:9] == [
        ["Headline figures"],
        ["Figure", "Value", "Note"],
        ["People referred", "12", "in the month"],
    ]
    at = rows.index(["By reason"])
    assert rows[at + 1 : at + 4] == [
        ["Reason", "Referrals"],
        ["Loneliness", "7"],
        ["Debt", FEWER_THAN],
    ]
    at = rows.index(["Chart: By reason"])
    assert rows[at + 1 : at + 4] == [["", "Referrals"], ["Loneliness", "7"], ["Debt", FEWER_THAN]]
    assert rows[-2:] == [["What could not be counted"], ["Fewer than 5 contacts have no outcome."]]
