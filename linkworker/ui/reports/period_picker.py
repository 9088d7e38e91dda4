"""Which days a report covers: a month, a quarter, a year, or two dates of one's own.

The picker shows only what the chosen kind needs (a month and a year; a quarter and a
year; a year; two dates) and opens on the last full month, the period a team reports
on most. :meth:`PeriodPicker.period` gives the :class:`Period`, or says what is wrong.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QWidget

from linkworker.domain.dates import MONTH_NAMES, long_date
from linkworker.domain.reports import Period, PeriodKind
from linkworker.ui.form_fields import combo, date_edit, py_date, qdate, select

QUARTER_NAMES = ("January to March", "April to June", "July to September", "October to December")
KIND_NAMES = {
    PeriodKind.MONTH: "A month",
    PeriodKind.QUARTER: "A quarter",
    PeriodKind.YEAR: "A year",
    PeriodKind.CUSTOM: "Dates I choose",
}
EARLIEST_YEAR = 2000


def last_full_month(today: dt.date) -> Period:
    """The month before the one ``today`` is in."""
    end = today.replace(day=1) - dt.timedelta(days=1)
    return Period.month(end.year, end.month)


class PeriodError(ValueError):
    """The dates chosen do not make a period: the message says what to change."""


class PeriodPicker(QWidget):
    """A period kind and what it needs, in one row; ``changed`` when any of it changes."""

    changed = Signal()

    def __init__(self, today: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today or dt.date.today()
        start = last_full_month(self._today)
        self.kind_box = combo(
            self.tr("Period"), [(self.tr(name), kind) for kind, name in KIND_NAMES.items()]
        )
        self.month_box = combo(
            self.tr("Month"), [(self.tr(m), n) for n, m in enumerate(MONTH_NAMES, 1)]
        )
        self.quarter_box = combo(
            self.tr("Quarter"), [(self.tr(q), n) for n, q in enumerate(QUARTER_NAMES, 1)]
        )
        self.year_spin = QSpinBox()
        self.year_spin.setAccessibleName(self.tr("Year"))
        self.year_spin.setRange(EARLIEST_YEAR, self._today.year + 1)
        self.from_edit = date_edit(self.tr("From"))
        self.to_edit = date_edit(self.tr("To"))
        select(self.month_box, start.start.month)
        select(self.quarter_box, (start.start.month - 1) // 3 + 1)
        self.year_spin.setValue(start.start.year)
        self.from_edit.setDate(qdate(start.start))
        self.to_edit.setDate(qdate(start.end))

        self.labels: dict[QWidget, QLabel] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for text, widget in (
            (self.tr("&Period:"), self.kind_box),
            (self.tr("M&onth:"), self.month_box),
            (self.tr("&Quarter:"), self.quarter_box),
            (self.tr("&Year:"), self.year_spin),
            (self.tr("Fr&om:"), self.from_edit),
            (self.tr("&To:"), self.to_edit),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            self.labels[widget] = label
            layout.addWidget(label)
            layout.addWidget(widget)
            layout.addSpacing(6)
        for box in (self.kind_box, self.month_box, self.quarter_box):
            box.currentIndexChanged.connect(self._changed)
        self.year_spin.valueChanged.connect(self._changed)
        self.from_edit.dateChanged.connect(self._changed)
        self.to_edit.dateChanged.connect(self._changed)
        self._show_parts()

    @property
    def kind(self) -> PeriodKind:
        return PeriodKind(self.kind_box.currentData())

    def set_kind(self, kind: PeriodKind) -> None:
        select(self.kind_box, kind)

    def _changed(self) -> None:
        self._show_parts()
        self.changed.emit()

    def _show_parts(self) -> None:
        kind = self.kind
        shown = {
            self.month_box: kind is PeriodKind.MONTH,
            self.quarter_box: kind is PeriodKind.QUARTER,
            self.year_spin: kind in (PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.YEAR),
            self.from_edit: kind is PeriodKind.CUSTOM,
            self.to_edit: kind is PeriodKind.CUSTOM,
        }
        for widget, on in shown.items():
            widget.setVisible(on)
            self.labels[widget].setVisible(on)

    def period(self) -> Period:
        """The period chosen; :class:`PeriodError` when the dates cannot make one."""
        kind = self.kind
        year = self.year_spin.value()
        if kind is PeriodKind.MONTH:
            return Period.month(year, int(self.month_box.currentData()))
        if kind is PeriodKind.QUARTER:
            return Period.quarter(year, int(self.quarter_box.currentData()))
        if kind is PeriodKind.YEAR:
            return Period.year(year)
        start, end = py_date(self.from_edit.date()), py_date(self.to_edit.date())
        if end < start:
            raise PeriodError(
                self.tr(
                    "The period ends ({end}) before it starts ({start}): change one of the dates."
                ).format(end=long_date(end), start=long_date(start))
            )
        return Period(start, end, PeriodKind.CUSTOM)
