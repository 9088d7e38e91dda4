"""Counts into what a report shows, and any report as CSV: no database, no Qt."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io

import pytest

from linkworker.domain.report_figures import (
    ALSO_HIDDEN,
    NONE_TO_COUNT,
    TOO_FEW,
    born_after_for_age,
    by_month,
    count_cell,
    days_text,
    hidden_cells,
    histogram_mean,
    histogram_median,
    months_between,
    percent,
    protected_column,
    protected_rows,
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


# Small numbers beside a total: secondary suppression, worked by hand ------------------------


def test_a_lone_small_count_beside_a_shown_total_hides_the_next_smallest_too() -> None:
    # Total 31: with only the 3 hidden it is 31 - 12 - 9 - 7 = 3; hiding the 7 too leaves
    # 10 between two cells, which could be 3 and 7, or 4 and 6 ...
    assert protected_column([12, 3, 9, 7]) == [12, FEWER_THAN, 9, ALSO_HIDDEN]


def test_two_small_counts_already_protect_each_other() -> None:
    assert protected_column([12, 3, 9, 2]) == [12, FEWER_THAN, 9, FEWER_THAN]


def test_noughts_are_never_hidden_and_nothing_small_hides_nothing() -> None:
    assert protected_column([0, 4, 0, 20]) == [0, FEWER_THAN, 0, ALSO_HIDDEN]
    assert protected_column([0, 5, 0, 20]) == [0, 5, 0, 20]
    assert protected_column([0, 0, 0]) == [0, 0, 0]


def test_the_smallest_of_equal_counts_is_the_first_one() -> None:
    assert protected_column([8, 1, 8]) == [ALSO_HIDDEN, FEWER_THAN, 8]


def test_a_grid_with_totals_both_ways_is_hidden_until_no_line_gives_one_away() -> None:
    # Rows (places) by columns (what happened), with a total for each row and column:
    #   home    20  2  9     the 2 is small. Rows first, then columns, until settled:
    #   phone   30  6  7     row 0: the 2 alone, so its next smallest, the 9, goes;
    #   hub     11  5  8     column 1: the 2 alone there, so the 5 goes (below the 6);
    #                        column 2: the 9 alone there, so the 7 goes (below the 8);
    #                        row 1: the 7 alone, so the 6 goes; row 2: the 5 alone, so
    #                        the 8 goes. Now each row and column hides two or more.
    grid = [[20, 2, 9], [30, 6, 7], [11, 5, 8]]
    assert hidden_cells(grid, row_totals=True, column_totals=True) == {
        (0, 1), (0, 2), (1, 1), (1, 2), (2, 1), (2, 2),
    }  # fmt: skip
    assert protected_rows(grid, row_totals=True, column_totals=True) == [
        [20, FEWER_THAN, ALSO_HIDDEN],
        [30, ALSO_HIDDEN, ALSO_HIDDEN],
        [11, ALSO_HIDDEN, ALSO_HIDDEN],
    ]
    # Rows alone: only row 0 gives one away.
    assert hidden_cells(grid) == {(0, 1), (0, 2)}


def test_without_totals_a_small_count_hides_only_itself() -> None:
    grid = [[20, 2, 9], [30, 6, 7]]
    assert protected_rows(grid, row_totals=False) == [[20, FEWER_THAN, 9], [30, 6, 7]]
