"""One report on screen: its face, what could not be counted, the headline figures,
the charts two by two, each table, and the stories with a button to copy each.

Everything shown comes from one :class:`~linkworker.domain.reports.Report`; the page
hands the same value to the PDF and CSV writers, so what is saved is what was seen.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from linkworker.domain.dates import long_date
from linkworker.domain.reports import Figure, Report
from linkworker.domain.reports import Table as ReportTable
from linkworker.printing.report_look import cell_text, number_columns
from linkworker.ui.flow_layout import FlowLayout
from linkworker.ui.form_fields import hint
from linkworker.ui.style import DOCUMENT_TITLE, PAGE_TITLE, SECTION_TITLE, font_css, hint_css

#: Charts side by side.
CHARTS_ACROSS = 2
#: A table shows up to this many rows before it scrolls on its own.
MOST_ROWS_SHOWN = 14

_Index = QModelIndex | QPersistentModelIndex


class ReportTableModel(QAbstractTableModel):
    """A report's table, read-only: numbers aligned right, small counts as words."""

    def __init__(self, table: ReportTable, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = table
        self._numbers = number_columns(table)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.table.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.table.headers)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.table.rows[index.row()]
        value = row[index.column()] if index.column() < len(row) else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return cell_text(value)
        if (
            role == Qt.ItemDataRole.TextAlignmentRole
            and index.column()
            and self._numbers[index.column()]
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.table.headers[section]
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.TextAlignmentRole
            and section
            and self._numbers[section]
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def _heading(text: str, scale: float = SECTION_TITLE) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(font_css(scale, 600))
    label.setWordWrap(True)
    return label


class FigureTile(QFrame):
    """A headline number, big, with what it counts under it."""

    WIDTH = 190

    def __init__(self, figure: Figure, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figure_tile")
        self.setStyleSheet(
            "QFrame#figure_tile{background:#eef3f8;border-left:4px solid #005EB8;border-radius:3px}"
        )
        self.value = QLabel(figure.value)
        self.value.setWordWrap(True)  # words such as 'not shown (fewer than 5)' fit the tile
        self.value.setStyleSheet(
            font_css(1.9 if len(figure.value) <= 7 else 1.3, 700) + "color:#005EB8"
        )
        self.label = QLabel(figure.label)
        self.label.setWordWrap(True)
        self.label.setStyleSheet("font-weight:600")
        self.column = layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 8)
        layout.setSpacing(1)
        layout.addWidget(self.value)
        layout.addWidget(self.label)
        if figure.note:
            note = QLabel(figure.note)
            note.setWordWrap(True)
            note.setStyleSheet(hint_css() + font_css(0.9))
            layout.addWidget(note)
        layout.addStretch(1)
        self.setAccessibleName(f"{figure.label}: {figure.value}")


class ReportView(QWidget):
    """Shows one :class:`Report`, top to bottom; empty until :meth:`show_report`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report: Report | None = None
        self.tiles: list[FigureTile] = []
        self.tables: list[QTableView] = []
        self.charts: list[QWidget] = []
        self.passages: list[QLabel] = []
        self.copy_buttons: list[QPushButton] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 8, 12)
        self._layout.setSpacing(8)

    def clear(self) -> None:
        while (item := self._layout.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.hide()
                widget.deleteLater()
            elif (inner := item.layout()) is not None:
                inner.deleteLater()
        self.tiles, self.tables, self.charts, self.passages, self.copy_buttons = [], [], [], [], []
        self.report = None

    def show_report(self, report: Report) -> None:
        self.clear()
        self.report = report
        add = self._layout.addWidget
        add(_heading(report.title, PAGE_TITLE))
        span = (
            long_date(report.period.start)
            if report.period.days == 1
            else f"{long_date(report.period.start)} to {long_date(report.period.end)}"
        )
        made = long_date(report.made_on) + (f" by {report.made_by}" if report.made_by else "")
        face = QLabel(
            self.tr("{team}  ·  {span}  ·  made {made}").format(
                team=report.team, span=span, made=made
            )
        )
        face.setStyleSheet(hint_css())
        face.setWordWrap(True)
        add(face)
        if report.could_not_count:
            add(self._could_not_count(report.could_not_count))
        if report.headline:
            add(self._figures(report.headline))
        if not (report.headline or report.tables or report.charts or report.passages):
            add(
                _heading(
                    self.tr(
                        "There is nothing to report for this period: nothing was recorded "
                        "that this report counts."
                    ),
                    1.0,
                )
            )
        if report.charts:
            add(self._charts(report))
        for table in report.tables:
            add(self._table(table))
        if report.passages:
            add(_heading(self.tr("In their own words"), DOCUMENT_TITLE))
            hint = QLabel(
                self.tr(
                    "Told with each person's consent and anonymised: no names, dates of "
                    "birth or exact places. Copy one to paste it into a report."
                )
            )
            hint.setWordWrap(True)
            hint.setStyleSheet(hint_css())
            add(hint)
            for number, passage in enumerate(report.passages, start=1):
                add(self._passage(number, passage))
        self._layout.addStretch(1)

    def _could_not_count(self, lines: tuple[str, ...]) -> QLabel:
        label = QLabel(
            "<b>"
            + self.tr("What could not be counted")
            + "</b><ul style='margin:2px 0 0 -20px'>"
            + "".join(f"<li>{_html(line)}</li>" for line in lines)
            + "</ul>"
        )
        label.setObjectName("could_not_count")
        label.setWordWrap(True)
        label.setStyleSheet(
            "QLabel#could_not_count{background:#fff4d6;border:1px solid #e7c55c;"
            "border-radius:4px;padding:6px 10px;color:#3d2e00}"
        )
        label.setAccessibleName(self.tr("What could not be counted"))
        return label

    def _figures(self, figures: tuple[Figure, ...]) -> QWidget:
        box = QWidget()
        flow = FlowLayout(box, spacing=8)
        for figure in figures:
            tile = FigureTile(figure)
            self.tiles.append(tile)
            flow.addWidget(tile)
        # One size for every tile, so the rows line up however long a label is.
        width = FigureTile.WIDTH
        height = max(tile.column.totalHeightForWidth(width) for tile in self.tiles)
        for tile in self.tiles:
            tile.setFixedSize(width, height)
        return box

    def _charts(self, report: Report) -> QWidget:
        from linkworker.ui.reports.report_chart_view import ReportChartWidget

        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 4, 0, 4)
        grid.setSpacing(10)
        for n, chart in enumerate(report.charts):
            widget = ReportChartWidget(chart)
            self.charts.append(widget)
            grid.addWidget(widget, n // CHARTS_ACROSS, n % CHARTS_ACROSS)
        for column in range(CHARTS_ACROSS):
            grid.setColumnStretch(column, 1)
        return box

    def _table(self, table: ReportTable) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(_heading(table.title))
        view = QTableView()
        view.setModel(ReportTableModel(table, view))
        view.setAccessibleName(table.title)
        view.setTabKeyNavigation(False)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setAlternatingRowColors(True)
        view.setShowGrid(False)
        view.setWordWrap(False)
        view.verticalHeader().hide()
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        header.setHighlightSections(False)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        view.resizeColumnsToContents()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column in range(len(table.headers)):
            view.setColumnWidth(column, view.columnWidth(column) + 18)
        row_height = view.fontMetrics().height() + 8
        view.verticalHeader().setDefaultSectionSize(row_height)
        rows = max(min(len(table.rows), MOST_ROWS_SHOWN), 1)
        view.setFixedHeight(header.sizeHint().height() + rows * row_height + 2 * view.frameWidth())
        width = sum(view.columnWidth(c) for c in range(len(table.headers)))
        extra = view.style().pixelMetric(view.style().PixelMetric.PM_ScrollBarExtent)
        scrolls = len(table.rows) > MOST_ROWS_SHOWN
        header.setStretchLastSection(True)
        view.setMaximumWidth(width + 2 * view.frameWidth() + (extra if scrolls else 0))
        layout.addWidget(view)
        if not table.rows:
            layout.addWidget(hint(self.tr("Nothing to count here in this period.")))
        if table.note:
            layout.addWidget(hint(table.note))
        self.tables.append(view)
        return box

    def _passage(self, number: int, passage: str) -> QWidget:
        box = QFrame()
        box.setObjectName("passage")
        box.setStyleSheet(
            "QFrame#passage{background:#f4f6f7;border:1px solid #d5d9de;border-radius:4px}"
        )
        text = QLabel(passage)
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        copy = QPushButton(self.tr("Copy"))
        copy.setAccessibleName(self.tr("Copy story {n}").format(n=number))
        copy.clicked.connect(
            lambda _c=False, words=passage: QGuiApplication.clipboard().setText(words)
        )
        row = QHBoxLayout(box)
        row.setContentsMargins(10, 8, 8, 8)
        row.addWidget(text, 1)
        row.addWidget(copy, 0, Qt.AlignmentFlag.AlignTop)
        self.passages.append(text)
        self.copy_buttons.append(copy)
        return box


def _html(text: str) -> str:
    from html import escape

    return escape(text)
