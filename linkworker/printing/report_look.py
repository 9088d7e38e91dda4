"""How a report looks wherever it is shown: the words in its cells and its charts' colours.

The screen (QtCharts) and the printed report (ReportLab) both read these, so a report
on a slide and the same report on paper match. No ReportLab here: the window imports it.
"""

from __future__ import annotations

from linkworker.domain.reports import FEWER_THAN, Cell, Chart, Table

#: Series colours: NHS blue first, then colours that stay apart for the common kinds
#: of colour blindness (Okabe and Ito), dark enough to read on white.
SERIES_COLOURS = (
    "#005EB8",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#56B4E9",
    "#330072",
    "#768692",
)

#: Bars lie sideways when a category's name is longer than this, or there are more
#: categories than :data:`UPRIGHT_MOST`, so that every name can be read in full.
UPRIGHT_LONGEST = 12
UPRIGHT_MOST = 7

#: A cell with nothing in it (nothing to show, never a nought).
NO_VALUE = "\u2013"


def series_colour(index: int) -> str:
    """The colour of the ``index``-th series (or pie slice), as #RRGGBB."""
    return SERIES_COLOURS[index % len(SERIES_COLOURS)]


def cell_text(cell: Cell) -> str:
    """A table cell in words: '12', '1.5', '-0.8', a dash for nothing, words as they are."""
    if cell is None:
        return NO_VALUE
    if isinstance(cell, bool):
        return "Yes" if cell else "No"
    if isinstance(cell, int):
        return str(cell)
    if isinstance(cell, float):
        return f"{cell:.1f}"
    return cell


def is_number(cell: Cell) -> bool:
    """Whether a cell reads as a number (aligned right): a count, a rate, 'fewer than 5',
    'not shown'."""
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return True
    if not isinstance(cell, str):
        return False
    text = cell.strip().removesuffix("%").replace(",", "").lstrip("+-\u2212")
    return text.startswith(("fewer than", "not shown")) or text.replace(".", "", 1).isdigit()


def value_text(value: float | None, unit: str = "") -> str:
    """A chart value as its label reads: whole numbers without a decimal point."""
    if value is None:
        return FEWER_THAN
    text = str(int(value)) if float(value).is_integer() else f"{value:.1f}"
    return f"{text} {unit}".strip() if unit else text


def number_columns(table: Table) -> list[bool]:
    """For each column, whether it holds numbers (aligned right); never the first,
    which names the row."""
    return [
        i > 0 and bool(table.rows) and all(is_number(r[i]) or r[i] is None for r in table.rows)
        for i in range(len(table.headers))
    ]


def lies_sideways(chart: Chart) -> bool:
    """Whether a bar chart's bars lie sideways (see :data:`UPRIGHT_LONGEST`)."""
    longest = max((len(c) for c in chart.category_labels), default=0)
    return longest > UPRIGHT_LONGEST or len(chart.categories) > UPRIGHT_MOST
