"""How the outcome reports write a share and a chart value: small numbers never shown."""

from __future__ import annotations

import pytest

from linkworker.services.report_outcomes import NOT_SHOWN, chart_value, share


@pytest.mark.parametrize(
    ("part", "whole", "shown"),
    [
        (0, 0, "0%"),
        (1, 4, NOT_SHOWN),
        (4, 4, NOT_SHOWN),
        (0, 5, "0%"),
        (1, 8, "13%"),  # 12.5 rounds up
        (7, 12, "58%"),
        (5, 5, "100%"),
    ],
)
def test_a_share_is_shown_only_of_five_or_more(part: int, whole: int, shown: str) -> None:
    assert share(part, whole) == shown


@pytest.mark.parametrize(
    ("value", "count", "shown"),
    [(0.0, 0, 0.0), (3.0, 3, None), (1.5, 4, None), (5.0, 5, 5.0), (-1.6, 7, -1.6)],
)
def test_a_chart_value_behind_a_small_count_is_none(
    value: float, count: int, shown: float | None
) -> None:
    assert chart_value(value, count) == shown
