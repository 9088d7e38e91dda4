"""A list of step rows the user grows and shrinks: the goal steps and the emergency plan."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtWidgets import QLineEdit, QPushButton, QVBoxLayout, QWidget


class StepRow(Protocol):
    """What a row offers: its inputs in tab order, a number, and a request to go."""

    what_edit: QLineEdit
    removal_requested: Any  # a Signal(object) carrying the row

    def widgets(self) -> list[QWidget]: ...

    def set_number(self, number: int) -> None: ...


RowT = TypeVar("RowT", bound=QWidget)
StepT = TypeVar("StepT")


class StepRows(Generic[RowT, StepT]):
    """Rows in a column, numbered from 1, in tab order between the widgets around them.

    ``make`` builds a row for a step (or an empty one for None). The add
    button adds an empty row and puts the cursor in it; a row's own remove
    button takes it away. ``before`` and ``after`` give the widgets the tab
    order runs from and on to; ``after`` may be set once it is built.

    Nothing here refers back to the dialog (``make`` should not either): a
    Qt connection to a closure over the dialog would keep it alive.
    """

    def __init__(
        self,
        column: QVBoxLayout,
        make: Callable[[StepT | None], RowT],
        add_button: QPushButton,
        before: QWidget,
        after: QWidget | None = None,
    ) -> None:
        self.rows: list[RowT] = []
        self._column = column
        self._make = make
        self._add_button = add_button
        self._before = before
        self.after = after
        add_button.clicked.connect(self._add_empty)

    @staticmethod
    def _row(row: RowT) -> StepRow:
        return row  # type: ignore[return-value]

    def _add_empty(self) -> None:
        self._row(self.add()).what_edit.setFocus()

    def add(self, step: StepT | None = None) -> RowT:
        row = self._make(step)
        self._row(row).removal_requested.connect(self.remove)
        self.rows.append(row)
        self._column.addWidget(row)
        self._renumber()
        return row

    def remove(self, row: RowT) -> None:
        self.rows.remove(row)
        self._column.removeWidget(row)
        row.deleteLater()
        self._renumber()

    def _renumber(self) -> None:
        previous = self._before
        for number, row in enumerate(self.rows, start=1):
            self._row(row).set_number(number)
            for widget in self._row(row).widgets():
                QWidget.setTabOrder(previous, widget)
                previous = widget
        QWidget.setTabOrder(previous, self._add_button)
        if self.after is not None:
            QWidget.setTabOrder(self._add_button, self.after)
