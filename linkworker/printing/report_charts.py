"""A report's charts drawn for paper with ``reportlab.graphics``: bar, stacked bar, line, pie.

Drawn the way a manager puts a chart on a slide: a clear title above, few gridlines,
the numbers on the bars, a legend only when there is more than one series, and long
category names on bars laid sideways so they are read, not guessed. A value hidden as
small (None) draws no bar and no point, and the chart says so under it.
"""

from __future__ import annotations

from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from linkworker.domain.reports import Chart, ChartKind
from linkworker.printing.fonts import BOLD, REGULAR, printable
from linkworker.printing.report_look import lies_sideways, series_colour, value_text

#: Longest category name drawn before it is cut with an ellipsis.
LONGEST_NAME = 40
GRID = colors.HexColor("#D8DDE0")
INK = colors.HexColor("#212B32")
MUTED = colors.HexColor("#4C6272")


def _colour(index: int) -> colors.Color:
    return colors.HexColor(series_colour(index))


def _name(text: str) -> str:
    clean = printable(text).replace("\n", " ")
    return clean if len(clean) <= LONGEST_NAME else clean[: LONGEST_NAME - 1].rstrip() + "\u2026"


def _values(chart: Chart) -> list[list[float | None]]:
    return [list(values) for _name_, values in chart.series]


def _top(chart: Chart) -> float:
    """The value axis' top: a round number above the largest bar (or stack)."""
    rows = _values(chart)
    if chart.kind is ChartKind.STACKED_BAR:
        sums = [sum(v or 0 for v in column) for column in zip(*rows, strict=False)]
        biggest = max(sums, default=0)
    else:
        biggest = max((v for row in rows for v in row if v is not None), default=0)
    if biggest <= 0:
        return 1
    step = 10.0 ** max(len(str(int(biggest))) - 1, 0)
    for nice in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if biggest * 1.08 <= nice * step:
            return float(nice * step)
    return float(biggest) * 1.1


def has_hidden(chart: Chart) -> bool:
    """Whether any value is hidden as small."""
    return any(v is None for _n, values in chart.series for v in values)


def chart_height(chart: Chart, width: float, size: float) -> float:
    """How tall ``chart`` is drawn ``width`` wide: sideways bars grow with their number."""
    if chart.kind is ChartKind.PIE:
        return min(width * 0.42, size * 22)
    if chart.kind in (ChartKind.BAR, ChartKind.STACKED_BAR) and lies_sideways(chart):
        per = size * (1.9 if chart.kind is ChartKind.STACKED_BAR else 1.2 + 0.9 * len(chart.series))
        return max(size * 10, per * len(chart.categories) + size * 7.5)
    return width * 0.45


def draw_chart(chart: Chart, width: float, size: float = 9.0) -> Drawing:
    """``chart`` as a Drawing ``width`` wide, its text ``size`` points."""
    height = chart_height(chart, width, size)
    drawing = Drawing(width, height)
    if not chart.categories or not chart.series:
        drawing.add(String(0, height / 2, "Nothing to draw.", fontName=REGULAR, fontSize=size))
        return drawing
    legend_room = size * 2.2 if len(chart.series) > 1 and chart.kind is not ChartKind.PIE else 0
    sideways = chart.kind in (ChartKind.BAR, ChartKind.STACKED_BAR) and lies_sideways(chart)
    # The unit sits above an upright value axis, and under a sideways one.
    unit_room = size * 1.6 if chart.unit and chart.kind is not ChartKind.PIE else 0
    if chart.kind is ChartKind.PIE:
        _pie(drawing, chart, width, height, size)
    elif chart.kind is ChartKind.LINE:
        _line(drawing, chart, width, height - legend_room - unit_room, size)
    elif sideways:
        _bars_sideways(drawing, chart, width, height - legend_room, size, unit_room)
    else:
        _bars_upright(drawing, chart, width, height - legend_room - unit_room, size)
    if legend_room:
        _legend(drawing, chart, height - size * 0.8, size)
    if unit_room:
        x, y = (width - size, 0) if sideways else (0, height - legend_room - size * 1.2)
        label = String(x, y, printable(chart.unit), fontName=REGULAR, fontSize=size)
        label.fillColor = MUTED
        label.textAnchor = "end" if sideways else "start"
        drawing.add(label)
    return drawing


def _legend(drawing: Drawing, chart: Chart, top: float, size: float) -> None:
    legend = Legend()
    legend.x, legend.y = 0, top
    legend.alignment = "right"
    legend.fontName, legend.fontSize = REGULAR, size
    legend.columnMaximum = 1
    widest = max(stringWidth(printable(name), REGULAR, size) for name, _v in chart.series)
    legend.deltax = widest + size * 3
    legend.dx = legend.dy = size * 0.9
    legend.strokeWidth = 0
    legend.colorNamePairs = [
        (_colour(i), printable(name)) for i, (name, _v) in enumerate(chart.series)
    ]
    legend.subCols.minWidth = size * 4
    drawing.add(legend)


def _bottom(chart: Chart) -> float:
    """The value axis' bottom: 0, or a round number below the most negative value (a
    mean change that went down), so a bar never runs over the category names."""
    lowest = min((v for row in _values(chart) for v in row if v is not None), default=0)
    if lowest >= 0:
        return 0
    mirrored = Chart(chart.title, ChartKind.BAR, ("",), (("", (-lowest,)),))
    return -_top(mirrored)


def _value_axis(axis: Any, chart: Chart, size: float) -> None:
    axis.valueMin = _bottom(chart)
    # Shares of a whole stop at all of it.
    axis.valueMax = 100 if chart.unit.startswith("%") else _top(chart)
    axis.valueSteps = None
    axis.labels.fontName = REGULAR
    axis.labels.fontSize = size
    axis.labels.fillColor = MUTED
    axis.strokeColor = GRID
    axis.visibleGrid = True
    axis.gridStrokeColor = GRID
    axis.gridStrokeWidth = 0.5
    axis.labelTextFormat = lambda v: value_text(v)


def _category_axis(axis: Any, chart: Chart, size: float) -> Any:
    """The axis naming the categories, in the chart's type and colours."""
    axis.categoryNames = [_name(c) for c in chart.category_labels]
    axis.labels.fontName = REGULAR
    axis.labels.fontSize = size
    axis.labels.fillColor = INK
    axis.strokeColor = GRID
    return axis


def _bar_style(bars: VerticalBarChart | HorizontalBarChart, chart: Chart, size: float) -> None:
    stacked = chart.kind is ChartKind.STACKED_BAR
    bars.data = [[v if v is not None else 0 for v in row] for row in _values(chart)]
    for i in range(len(chart.series)):
        bars.bars[i].fillColor = _colour(i)
        bars.bars[i].strokeColor = None
    bars.barSpacing = 0 if stacked else size * 0.15
    bars.groupSpacing = size * 0.9
    if stacked:
        bars.categoryAxis.style = "stacked"
    _value_axis(bars.valueAxis, chart, size)
    axis = _category_axis(bars.categoryAxis, chart, size)
    setattr(axis, "tickLeft" if isinstance(bars, HorizontalBarChart) else "tickDown", 0)
    # The names stay at the edge of the chart when a value goes below nought.
    axis.joinAxisMode = "left" if isinstance(bars, HorizontalBarChart) else "bottom"
    # The number on each bar (inside a stack: only where the part is tall enough to hold it).
    top = _top(chart)
    length = bars.width if isinstance(bars, HorizontalBarChart) else bars.height

    def fits(v: float | None) -> bool:  # a part of a stack long enough for its number
        return bool(v) and (v or 0) / top * length > stringWidth(value_text(v), REGULAR, size) + 4

    # A hidden value has no bar and no number: the category's name says why.
    labels = [
        [
            "" if v is None else (value_text(v) if fits(v) else "") if stacked else value_text(v)
            for v in row
        ]
        for row in _values(chart)
    ]
    bars.barLabelFormat = "values"
    bars.barLabelArray = labels
    bars.barLabels.fontName = BOLD if not stacked else REGULAR
    bars.barLabels.fontSize = size * 0.9
    bars.barLabels.fillColor = colors.white if stacked else INK


def _bars_upright(drawing: Drawing, chart: Chart, width: float, height: float, size: float) -> None:
    bars = VerticalBarChart()
    bars.x, bars.y = size * 4, size * 2.4
    bars.width, bars.height = width - bars.x - size, height - bars.y - size * 1.2
    _bar_style(bars, chart, size)
    bars.barLabels.nudge = size * 0.7 if chart.kind is ChartKind.BAR else 0
    bars.barLabels.boxTarget = "hi" if chart.kind is ChartKind.BAR else "mid"
    drawing.add(bars)


def _bars_sideways(
    drawing: Drawing, chart: Chart, width: float, height: float, size: float, below: float
) -> None:
    bars = HorizontalBarChart()
    label_room = min(
        max(len(_name(c)) for c in chart.category_labels) * size * 0.55 + size, width * 0.42
    )
    bars.x, bars.y = label_room, size * 2 + below
    bars.width, bars.height = width - label_room - size * 3, height - bars.y - size * 0.6
    hidden = chart.hidden + ("",) * (len(chart.categories) - len(chart.hidden))
    reversed_chart = Chart(
        chart.title,
        chart.kind,
        tuple(reversed(chart.categories)),
        tuple((name, tuple(reversed(values))) for name, values in chart.series),
        chart.unit,
        hidden=tuple(reversed(hidden)),
    )
    _bar_style(bars, reversed_chart, size)  # first category at the top, as it is read
    bars.barLabels.nudge = size * 0.9 if chart.kind is ChartKind.BAR else 0
    bars.barLabels.boxTarget = "hi" if chart.kind is ChartKind.BAR else "mid"
    bars.barLabels.boxAnchor = "w" if chart.kind is ChartKind.BAR else "c"
    bars.barLabels.dx = size * 0.2 if chart.kind is ChartKind.BAR else 0
    drawing.add(bars)


def _line(drawing: Drawing, chart: Chart, width: float, height: float, size: float) -> None:
    line = HorizontalLineChart()
    line.x, line.y = size * 4, size * 2.4
    line.width, line.height = width - line.x - size, height - line.y - size * 1.2
    line.data = _values(chart)
    line.joinedLines = 1
    for i in range(len(chart.series)):
        line.lines[i].strokeColor = _colour(i)
        line.lines[i].strokeWidth = 2.2
        line.lines[i].symbol = makeMarker("FilledCircle", size=size * 0.55)
        line.lines[i].symbol.fillColor = _colour(i)
        line.lines[i].symbol.strokeColor = _colour(i)
    _value_axis(line.valueAxis, chart, size)
    axis = _category_axis(line.categoryAxis, chart, size)
    wanted = sum(stringWidth(n, REGULAR, size) + size for n in axis.categoryNames)
    if wanted > line.width:
        axis.labels.angle = 30
        axis.labels.boxAnchor = "ne"
        line.y += size * 1.5
        line.height -= size * 1.5
    drawing.add(line)


def _pie(drawing: Drawing, chart: Chart, width: float, height: float, size: float) -> None:
    _name0, values = chart.series[0]
    shown = [(c, v) for c, v in zip(chart.categories, values, strict=False) if v]
    total = sum(v for _c, v in shown if v) or 1
    pie = Pie()
    diameter = height - size * 1.5
    pie.x, pie.y = size, (height - diameter) / 2
    pie.width = pie.height = diameter
    pie.data = [v for _c, v in shown] or [1]
    pie.labels = None
    pie.sideLabels = False
    pie.startAngle = 90
    pie.direction = "clockwise"
    pie.slices.strokeColor = colors.white
    pie.slices.strokeWidth = 1.2
    for i in range(len(shown)):
        pie.slices[i].fillColor = _colour(i)
    if not shown:
        pie.slices[0].fillColor = GRID
    drawing.add(pie)
    legend = Legend()
    legend.x = pie.x + diameter + size * 2.5
    legend.y = height / 2 + len(shown) * size * 0.8
    legend.fontName, legend.fontSize = REGULAR, size
    legend.alignment = "right"
    legend.dx = legend.dy = size * 0.9
    legend.deltay = size * 1.6
    legend.columnMaximum = 12
    legend.strokeWidth = 0
    legend.colorNamePairs = [
        (
            _colour(i),
            f"{_name(c)}  {value_text(v, chart.unit)}"
            + (f" ({round(100 * (v or 0) / total)}%)" if None not in values else ""),
        )
        for i, (c, v) in enumerate(shown)
    ] + [  # a hidden slice is named, with why it is not drawn
        (GRID, _name(label))
        for label, v in zip(chart.category_labels, values, strict=False)
        if v is None
    ]
    drawing.add(legend)
