"""Turning counts into what a report shows: cells, chart values, rates, middles, months.

Counts come in already added up (by the database); nothing here sees a person.
A count from 1 to 4 is shown as "fewer than 5" in a cell and left out of a chart
(None); a rate, a share or an average worked out over fewer than five is not shown
either, because it would let a small number be worked back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from linkworker.domain.reports import FEWER_THAN, SMALL_NUMBER, Cell, Table

#: What a rate or an average over too few says instead of a number.
TOO_FEW = f"not shown: {FEWER_THAN}"
#: What a rate or an average over nothing at all says.
NONE_TO_COUNT = "none to count"


def count_cell(n: int) -> Cell:
    """A count as a table cell: the number, or 'fewer than 5' for 1 to 4."""
    return FEWER_THAN if 0 < n < SMALL_NUMBER else n


def chart_value(n: int) -> float | None:
    """A count as a chart value: None (not drawn) for 1 to 4."""
    return None if 0 < n < SMALL_NUMBER else float(n)


def is_small(n: int) -> bool:
    return 0 < n < SMALL_NUMBER


def share_cell(n: int, whole: int) -> Cell:
    """``n`` as a whole-number percentage of ``whole``; blank when either is too small."""
    if whole <= 0 or is_small(n) or whole < SMALL_NUMBER:
        return None
    return round(100 * n / whole)


def percent(n: int, whole: int) -> str:
    """A rate in words for a headline: '12%', or why it is not shown."""
    if whole <= 0:
        return NONE_TO_COUNT
    if whole < SMALL_NUMBER:
        return TOO_FEW
    return f"{round(100 * n / whole)}%"


def histogram_mean(counts: Mapping[int, int]) -> float | None:
    """The mean of values given as {value: how many}; None when there are none."""
    total = sum(counts.values())
    if total == 0:
        return None
    return sum(value * n for value, n in counts.items()) / total


def histogram_median(counts: Mapping[int, int]) -> float | None:
    """The median of values given as {value: how many} (the mean of the middle two for an
    even number); None when there are none."""
    total = sum(counts.values())
    if total == 0:
        return None
    low_rank, high_rank = (total - 1) // 2, total // 2
    low = high = None
    seen = 0
    for value in sorted(counts):
        n = counts[value]
        if low is None and seen + n > low_rank:
            low = value
        if seen + n > high_rank:
            high = value
            break
        seen += n
    assert low is not None and high is not None
    return (low + high) / 2


def days_text(days: float | None, over: int) -> str:
    """An average number of days for a headline ('12 days', '3.5 days'), or why not shown."""
    if days is None or over == 0:
        return NONE_TO_COUNT
    if over < SMALL_NUMBER:
        return TOO_FEW
    shown = f"{days:.1f}".removesuffix(".0")
    return f"{shown} day" if shown == "1" else f"{shown} days"


def months_between(start: dt.date, end: dt.date) -> tuple[tuple[int, int], ...]:
    """The (year, month) of every month the days from ``start`` to ``end`` touch, in order."""
    months: list[tuple[int, int]] = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(months)


def by_month(
    days: Iterable[tuple[dt.date, int]], months: Iterable[tuple[int, int]]
) -> tuple[int, ...]:
    """Counts per day folded into the given months, in their order (0 for a month with none)."""
    totals = dict.fromkeys(months, 0)
    for day, n in days:
        key = (day.year, day.month)
        if key in totals:
            totals[key] += n
    return tuple(totals.values())


def month_label(year: int, month: int) -> str:
    return dt.date(year, month, 1).strftime("%b %Y")


def age_on(born: dt.date, day: dt.date) -> int:
    """Whole years of age on ``day``."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def born_after_for_age(age: int, on: dt.date) -> dt.date:
    """The day after which someone was born to be younger than ``age`` on ``on``.

    Someone born on or before the returned day is ``age`` or older on ``on`` (a
    29 February birthday counts from 1 March in a year without one).
    """
    try:
        return on.replace(year=on.year - age)
    except ValueError:  # 29 February on, in a year that has none
        return dt.date(on.year - age, 2, 28)


#: Age bands for Who we reach: (label, lowest age in the band); the last has no top.
AGE_BANDS: tuple[tuple[str, int], ...] = (
    ("Under 18", 0),
    ("18 to 24", 18),
    ("25 to 34", 25),
    ("35 to 44", 35),
    ("45 to 54", 45),
    ("55 to 64", 55),
    ("65 to 74", 65),
    ("75 to 84", 75),
    ("85 and over", 85),
)


# Small numbers in a table with totals ----------------------------------------------------

#: What a count hidden only to protect a small one beside it says.
ALSO_HIDDEN = "not shown"
#: The note under a table in which a count was hidden to protect a small one.
ALSO_HIDDEN_NOTE = (
    f"'{ALSO_HIDDEN}': hidden as well, so that a count of {FEWER_THAN} cannot be worked "
    "out from the total."
)


def hidden_cells(
    grid: Sequence[Sequence[int]], *, row_totals: bool = True, column_totals: bool = False
) -> set[tuple[int, int]]:
    """The cells of ``grid`` (rows of counts) not to show, as (row, column).

    This is cell suppression as the ONS and NHS England practise it for published
    tables. Primary suppression hides every count from 1 to 4 (:data:`SMALL_NUMBER`).
    Secondary (complementary) suppression follows: in a row whose total is shown
    (``row_totals``), or a column whose total is shown (``column_totals``), a hidden
    count standing alone could be worked out by taking the others from the total, so
    the next smallest count above nought in that row or column is hidden too. A
    nought is never hidden (hiding it protects nothing), and this is repeated until no
    row or column with a total has exactly one hidden count.
    """
    hidden = {
        (r, c) for r, row in enumerate(grid) for c, n in enumerate(row) if 0 < n < SMALL_NUMBER
    }
    groups: list[list[tuple[int, int]]] = []
    if row_totals:
        groups += [[(r, c) for c in range(len(row))] for r, row in enumerate(grid)]
    if column_totals and grid:
        width = max(len(row) for row in grid)
        groups += [[(r, c) for r in range(len(grid)) if c < len(grid[r])] for c in range(width)]
    changed = True
    while changed:
        changed = False
        for group in groups:
            if sum(1 for cell in group if cell in hidden) != 1:
                continue
            shown = [cell for cell in group if cell not in hidden and grid[cell[0]][cell[1]] > 0]
            if shown:
                hidden.add(min(shown, key=lambda cell: (grid[cell[0]][cell[1]], cell)))
                changed = True
    return hidden


def protected_rows(
    grid: Sequence[Sequence[int]], *, row_totals: bool = True, column_totals: bool = False
) -> list[list[Cell]]:
    """``grid`` as table cells: small counts 'fewer than 5', and any count that would give
    one away from a shown total 'not shown' (see :func:`hidden_cells`)."""
    hidden = hidden_cells(grid, row_totals=row_totals, column_totals=column_totals)
    return [
        [
            (FEWER_THAN if is_small(n) else ALSO_HIDDEN) if (r, c) in hidden else n
            for c, n in enumerate(row)
        ]
        for r, row in enumerate(grid)
    ]


def protected_column(counts: Sequence[int]) -> list[Cell]:
    """One column of counts whose total is shown (in the table or its report)."""
    return [
        row[0]
        for row in protected_rows([[n] for n in counts], row_totals=False, column_totals=True)
    ]


def drawn(cells: Sequence[Cell]) -> tuple[float | None, ...]:
    """Table cells as a chart's values: a hidden count is not drawn (None)."""
    return tuple(float(c) if isinstance(c, int | float) else None for c in cells)


def hidden_notes(cells: Sequence[Cell]) -> tuple[str, ...]:
    """For a chart of these cells: why each hidden one is hidden ('' where shown)."""
    return tuple(str(c) if c in (FEWER_THAN, ALSO_HIDDEN) else "" for c in cells)


def noted(table: Table) -> Table:
    """``table``, its note saying why a count is 'not shown' when one is."""
    if not any(cell == ALSO_HIDDEN for row in table.rows for cell in row):
        return table
    return replace(table, note=f"{table.note} {ALSO_HIDDEN_NOTE}".strip())
