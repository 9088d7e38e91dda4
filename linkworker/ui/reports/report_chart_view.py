"""A report's chart on screen with QtCharts: bar, stacked bar, line or pie.

Drawn from the same :class:`~linkworker.domain.reports.Chart` as the printed report and
in the same colours. A value hidden as small (None) draws no bar and no point (a break
in a line, never a fall to nought), and the chart says so under it. QtCharts loads with
this module: import it only when a report is shown.
"""

from __future__ import annotations

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QHorizontalStackedBarSeries,
    QLineSeries,
    QPieSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from linkworker.domain.reports import FEWER_THAN, Chart, ChartKind
from linkworker.printing.report_look import lies_sideways, series_colour
from linkworker.ui.style import font_css, hint_css

#: The least share of the longest stack a part needs for its number to be written on it.
SMALLEST_LABELLED = 0.06


#: Height for each category of a chart whose bars lie sideways, in pixels.
ROW_HEIGHT = 30


def _labels_fit(chart: Chart, values: tuple[float | None, ...]) -> bool:
    """Whether every part of a stack in this series is long enough to hold its number."""
    columns = zip(*(vs for _n, vs in chart.series), strict=False)
    top = max((sum(v or 0 for v in column) for column in columns), default=0) or 1
    return all(v / top >= SMALLEST_LABELLED for v in values if v)


def _value_axis(chart: Chart, title: str) -> QValueAxis:
    axis = QValueAxis()
    values = [v for _n, vs in chart.series for v in vs if v is not None]
    if chart.kind is ChartKind.STACKED_BAR:
        values = [
            sum(v or 0 for v in column)
            for column in zip(*(vs for _n, vs in chart.series), strict=False)
        ]
    # Changes can fall below nought (anxiety's mean change): the axis reaches them too.
    lowest = min(min(values, default=0) * 1.1, 0)
    if chart.unit.startswith("%"):
        axis.setRange(lowest, 100)  # shares of a whole stop at all of it
        axis.setTickCount(6)
    else:
        axis.setRange(lowest, max(max(values, default=0) * 1.1, 1))
        axis.applyNiceNumbers()
    axis.setLabelFormat("%g")
    axis.setGridLineColor(QColor("#dde2e5"))
    if title:
        axis.setTitleText(title)
    return axis


def build_chart(chart: Chart) -> QChart:
    """``chart`` as a QChart, ready for a view."""
    drawn = QChart()
    drawn.setTitle(chart.title)
    title_font = drawn.titleFont()
    title_font.setBold(True)
    title_font.setPointSizeF(title_font.pointSizeF() * 1.15)
    drawn.setTitleFont(title_font)
    drawn.setMargins(QMargins(4, 4, 4, 4))
    drawn.setBackgroundRoundness(0)
    drawn.legend().setVisible(len(chart.series) > 1 or chart.kind is ChartKind.PIE)
    drawn.legend().setAlignment(
        Qt.AlignmentFlag.AlignRight if chart.kind is ChartKind.PIE else Qt.AlignmentFlag.AlignTop
    )
    if chart.kind is ChartKind.PIE:
        _pie(drawn, chart)
    elif chart.kind is ChartKind.LINE:
        _line(drawn, chart)
    else:
        _bars(drawn, chart)
    return drawn


def _bars(drawn: QChart, chart: Chart) -> None:
    sideways = lies_sideways(chart)
    stacked = chart.kind is ChartKind.STACKED_BAR
    series: QAbstractBarSeries
    if sideways:
        series = QHorizontalStackedBarSeries() if stacked else QHorizontalBarSeries()
    else:
        series = QStackedBarSeries() if stacked else QBarSeries()
    labels = chart.category_labels  # a hidden value's bar has no height: its name says why
    categories = list(reversed(labels)) if sideways else list(labels)
    for index, (name, values) in enumerate(chart.series):
        bar_set = QBarSet(name)
        bar_set.setColor(QColor(series_colour(index)))
        bar_set.setBorderColor(QColor(series_colour(index)))
        ordered = list(reversed(values)) if sideways else list(values)
        bar_set.append([float(v) if v is not None else 0.0 for v in ordered])
        if stacked and not _labels_fit(chart, values):
            bar_set.setLabelColor(QColor(0, 0, 0, 0))  # a part too thin to hold its number
        else:
            bar_set.setLabelColor(QColor("white" if stacked else "#212B32"))
        series.append(bar_set)
    series.setLabelsVisible(True)
    series.setLabelsFormat("@value")
    series.setLabelsPosition(
        QAbstractBarSeries.LabelsPosition.LabelsCenter
        if stacked
        else QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd
    )
    drawn.addSeries(series)
    names = QBarCategoryAxis()
    names.append(categories)
    values_axis = _value_axis(chart, chart.unit)
    drawn.addAxis(names, Qt.AlignmentFlag.AlignLeft if sideways else Qt.AlignmentFlag.AlignBottom)
    drawn.addAxis(
        values_axis, Qt.AlignmentFlag.AlignBottom if sideways else Qt.AlignmentFlag.AlignLeft
    )
    series.attachAxis(names)
    series.attachAxis(values_axis)


#: A line with more points than this names them aslant, so a year's months are read whole.
ASLANT_AFTER = 6


def _line(drawn: QChart, chart: Chart) -> None:
    names = QBarCategoryAxis()
    names.append(list(chart.categories))
    if len(chart.categories) > ASLANT_AFTER:
        names.setLabelsAngle(-45)
    values_axis = _value_axis(chart, chart.unit)
    drawn.addAxis(names, Qt.AlignmentFlag.AlignBottom)
    drawn.addAxis(values_axis, Qt.AlignmentFlag.AlignLeft)
    for index, (name, values) in enumerate(chart.series):
        pen = QPen(QColor(series_colour(index)), 2.5)
        # One line per unbroken run: a hidden value is a break, never a fall to nought.
        run: QLineSeries | None = None
        first = True
        for x, value in enumerate(values):
            if value is None:
                run = None
                continue
            if run is None:
                run = QLineSeries()
                run.setName(name)
                run.setPen(pen)
                run.setPointsVisible(True)
                drawn.addSeries(run)
                run.attachAxis(names)
                run.attachAxis(values_axis)
                if not first:
                    for marker in drawn.legend().markers(run):
                        marker.setVisible(False)
                first = False
            run.append(float(x), float(value))


def _pie(drawn: QChart, chart: Chart) -> None:
    pie = QPieSeries()
    _name, values = chart.series[0]
    total = sum(v for v in values if v) or 1
    shown = [(c, v) for c, v in zip(chart.categories, values, strict=False) if v]
    # With a slice hidden, a share of those drawn is not a share of the whole: counts only.
    whole = all(v is not None for v in values)
    for index, (category, value) in enumerate(shown):
        share = f" ({round(100 * value / total)}%)" if whole else ""
        piece = pie.append(f"{category}: {value:g}{share}", float(value))
        piece.setColor(QColor(series_colour(index)))
        piece.setBorderColor(QColor("white"))
    for label, hidden in zip(chart.category_labels, values, strict=False):
        if hidden is None:  # named in the legend, with why it is not drawn
            pie.append(label, 0.0).setColor(QColor("#c8cfd4"))
    pie.setPieSize(0.8)
    drawn.addSeries(pie)


def drawn_values(drawn: QChart) -> list[float]:
    """Every value a chart draws (bars, points, slices): what a reader can see."""
    out: list[float] = []
    for series in drawn.series():
        if isinstance(series, QAbstractBarSeries):
            for bar_set in series.barSets():
                out += [bar_set.at(i) for i in range(bar_set.count())]
        elif isinstance(series, QLineSeries):
            out += [point.y() for point in series.points()]
        elif isinstance(series, QPieSeries):
            out += [piece.value() for piece in series.slices()]
    return out


class ReportChartWidget(QWidget):
    """One chart, with a line under it when some values are too small to show."""

    def __init__(self, chart: Chart, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart = chart
        self.view = QChartView(build_chart(chart))
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setAccessibleName(self.tr("Chart: {title}").format(title=chart.title))
        # Bars lying sideways need a line each for their names, or Qt hides the names.
        rows = len(chart.categories) if lies_sideways(chart) else 0
        self.view.setMinimumHeight(max(280, 100 + ROW_HEIGHT * rows))
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.view, 1)
        if any(v is None for _n, vs in chart.series for v in vs):
            said = (
                self.tr(
                    "A value of {fewer}, or one hidden so that it cannot be worked out from "
                    "a total, is not drawn: the line breaks there."
                )
                if chart.kind is ChartKind.LINE
                else self.tr(
                    "A value of {fewer}, or one hidden so that it cannot be worked out from "
                    "a total, is not drawn: the name beside it says which."
                )
            )
            note = QLabel(said.format(fewer=FEWER_THAN))
            note.setWordWrap(True)
            note.setStyleSheet(hint_css() + font_css(0.95))
            layout.addWidget(note)
