"""Change over time in one referral, as a chart: ONS4's four items and each goal's
confidence on a 0-10 axis, the UCLA loneliness total (3-9) on its own axis at the right.

:func:`chart_series` turns the measures into plain series of (date, value) points, where
an item declined or not asked is a gap (None), never a zero; :class:`OutcomeChart` draws
them with QtCharts, each run of answers as a line and a gap as a break in it. Anxiety and
loneliness are the two where lower is better: their names say so and their lines are
dashed. QtCharts loads with this module, so import it only when the Outcomes tab is shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCharts import QChart, QChartView, QDateTimeAxis, QLineSeries, QValueAxis
from PySide6.QtCore import QDateTime, QMargins, QPointF, Qt, QTime
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QCheckBox, QVBoxLayout, QWidget

from linkworker.domain.outcomes import (
    ITEMS,
    EpisodeOutcomes,
    Measure,
    is_given,
    ucla_total,
)
from linkworker.domain.plan import GoalDetail
from linkworker.ui.flow_layout import FlowLayout
from linkworker.ui.form_fields import qdate

#: Which axis a series is drawn against.
TEN, UCLA = "0-10", "3-9"
#: Colours that stay apart for the common kinds of colour blindness (Okabe and Ito).
COLOURS = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#56B4E9",
    "#000000",
    "#8C8C8C",
)


@dataclass(frozen=True, slots=True)
class Series:
    """One line: its name, its points (None: declined or not asked, a gap), its axis."""

    name: str
    points: tuple[tuple[dt.date, float | None], ...]
    axis: str = TEN
    lower_better: bool = False
    #: A goal's confidence: drawn finer, so the measures stand out.
    goal: bool = False
    #: The goal in the person's words (its tooltip in the legend).
    words: str = ""
    #: Its place in :data:`COLOURS`: each kind keeps its colour whatever else is drawn.
    colour: int = 0

    def runs(self) -> list[list[tuple[dt.date, float]]]:
        """The unbroken runs of answers, in order: a gap ends one run."""
        runs: list[list[tuple[dt.date, float]]] = [[]]
        for day, value in self.points:
            if value is None:
                if runs[-1]:
                    runs.append([])
            else:
                runs[-1].append((day, value))
        return [run for run in runs if run]


def chart_series(outcomes: EpisodeOutcomes, goals: Sequence[GoalDetail] = ()) -> list[Series]:
    """The series to draw for one referral; a series with no answer at all is left out."""
    by_date = sorted(outcomes.measures, key=lambda r: r.taken_on)
    ons4 = [r for r in by_date if r.measure is Measure.ONS4]
    out: list[Series] = []
    for index, item in enumerate(ITEMS[Measure.ONS4]):
        points = tuple(
            (r.taken_on, float(a) if is_given(a := r.answer(index)) else None) for r in ons4
        )
        name = f"{item.label} (lower is better)" if item.lower_better else item.label
        out.append(Series(name, points, TEN, item.lower_better, colour=index))
    ucla = tuple(
        (r.taken_on, None if (t := ucla_total(r)) is None else float(t))
        for r in by_date
        if r.measure is Measure.UCLA3
    )
    out.append(Series("Loneliness, UCLA (lower is better)", ucla, UCLA, True, colour=4))
    for number, goal in enumerate(goals, start=1):
        points = tuple((rating.on, float(rating.score)) for rating in goal.ratings)
        name = f"Goal {number} confidence"
        out.append(Series(name, points, TEN, goal=True, words=goal.draft.words, colour=4 + number))
    return [s for s in out if any(v is not None for _d, v in s.points)]


def _moment(day: dt.date) -> float:
    return float(QDateTime(qdate(day), QTime(12, 0)).toMSecsSinceEpoch())


def _pen(one: Series, colour: QColor) -> QPen:
    pen = QPen(colour, 1.75 if one.goal else 2.5)
    if one.lower_better:
        pen.setStyle(Qt.PenStyle.DashLine)
    elif one.goal:
        pen.setStyle(Qt.PenStyle.DotLine)
    return pen


def _swatch(pen: QPen, size: int) -> QIcon:
    """A short sample of a line, for its name in the legend."""
    picture = QPixmap(size * 2, size)
    picture.fill(Qt.GlobalColor.transparent)
    painter = QPainter(picture)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    wide = QPen(pen)
    wide.setWidthF(pen.widthF() + 0.5)
    painter.setPen(wide)
    painter.drawLine(QPointF(1, size / 2), QPointF(size * 2 - 1, size / 2))
    painter.setBrush(pen.color())
    painter.drawEllipse(QPointF(size, size / 2), 3, 3)
    painter.end()
    return QIcon(picture)


class OutcomeChart(QWidget):
    """The chart of :func:`chart_series`, with the dates along the foot, and below it a
    legend that wraps (each name whole) where a line is shown or hidden by its tick."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = QChartView()
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setAccessibleName(self.tr("Chart of change over time"))
        self.view.setMinimumHeight(180)
        self.view.setChart(QChart())
        self.series: list[Series] = []
        self.lines: dict[str, list[QLineSeries]] = {}
        self.shown: dict[str, QCheckBox] = {}
        self.legend = QWidget()
        self.legend.setAccessibleName(self.tr("What each line is"))
        self._legend_flow = FlowLayout(self.legend, spacing=4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.legend)

    def show_series(self, series: Sequence[Series]) -> None:
        """Draw ``series`` (a new chart each time: the old one goes with its series)."""
        self.series = list(series)
        self.lines = {}
        chart = QChart()
        chart.setMargins(QMargins(2, 2, 2, 2))
        chart.legend().hide()
        days = sorted({d for s in series for d, _v in s.points})
        axis_x = QDateTimeAxis()
        axis_x.setFormat("d MMM yy")
        if days:
            first, last = days[0], days[-1]
            pad = max((last - first).days // 12, 3)
            axis_x.setRange(
                QDateTime(qdate(first - dt.timedelta(days=pad)), QTime(0, 0)),
                QDateTime(qdate(last + dt.timedelta(days=pad)), QTime(0, 0)),
            )
            axis_x.setTickCount(min(max(len(days), 2), 5))
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        axes = {TEN: self._axis(chart, 0, 10, self.tr("0 to 10"), Qt.AlignmentFlag.AlignLeft)}
        if any(s.axis == UCLA for s in series):
            axes[UCLA] = self._axis(
                chart, 3, 9, self.tr("UCLA total, 3 to 9"), Qt.AlignmentFlag.AlignRight
            )
        while (item := self._legend_flow.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        self.shown = {}
        size = self.fontMetrics().height()
        for one in series:
            pen = _pen(one, QColor(COLOURS[one.colour % len(COLOURS)]))
            self.lines[one.name] = self._draw(chart, one, pen, axis_x, axes[one.axis])
            tick = QCheckBox(self.tr(one.name))
            tick.setIcon(_swatch(pen, size))
            tick.setChecked(True)
            if one.words:
                tick.setToolTip(one.words)
            tick.setAccessibleName(self.tr("Show {0}").format(self.tr(one.name)))
            tick.toggled.connect(lambda on, name=one.name: self._show_line(name, on))
            self.shown[one.name] = tick
            self._legend_flow.addWidget(tick)
        self.view.setChart(chart)

    def _show_line(self, name: str, on: bool) -> None:
        for line in self.lines.get(name, ()):
            line.setVisible(on)

    @staticmethod
    def _axis(chart: QChart, low: int, high: int, title: str, side: Qt.AlignmentFlag) -> QValueAxis:
        axis = QValueAxis()
        axis.setRange(low, high)
        axis.setTickCount(high - low + 1 if high - low <= 6 else 6)
        axis.setLabelFormat("%d")
        axis.setTitleText(title)
        chart.addAxis(axis, side)
        return axis

    @staticmethod
    def _draw(
        chart: QChart, one: Series, pen: QPen, axis_x: QDateTimeAxis, axis_y: QValueAxis
    ) -> list[QLineSeries]:
        """One line per unbroken run of answers: a gap is a break, never a fall to zero."""
        drawn = []
        for run in one.runs():
            line = QLineSeries()
            line.setName(one.name)
            line.setPen(pen)
            line.setPointsVisible(True)
            for day, value in run:
                line.append(_moment(day), value)
            chart.addSeries(line)
            line.attachAxis(axis_x)
            line.attachAxis(axis_y)
            drawn.append(line)
        return drawn

    def drawn_lines(self) -> list[QLineSeries]:
        """The line series on the chart now (each unbroken run of answers is one)."""
        return [s for s in self.view.chart().series() if isinstance(s, QLineSeries)]
