"""A list of rows the user grows and shrinks: an asset's places and opening times, the
people important to someone, a goal's steps and the steps of an emergency plan.

:class:`EditableRows` holds rows of one type, each made by a function from an item
(or None for a blank row). It numbers them (a row names its inputs by its number:
"Step 2: what"), keeps them in the Tab order where they are shown, between what comes
before the list and its add button, puts the cursor in a row added with the button and,
after a row is removed with its own button, in the row that took its place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Generic, Protocol, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class EditableRow(Protocol):
    """What a row offers the list it is in."""

    @property
    def remove_button(self) -> QPushButton: ...

    def cells(self) -> Sequence[QWidget]:
        """What is shown side by side, one under each heading (a row that is one widget: itself)."""
        ...

    def below(self) -> QWidget | None:
        """What is shown across the whole line under the row (its message), if anything."""
        ...

    def inputs(self) -> Sequence[QWidget]:
        """The controls in Tab order."""
        ...

    def first_input(self) -> QWidget:
        """Where the cursor goes when the row is added, or takes the place of one removed."""
        ...

    def set_number(self, number: int) -> None:
        """Name the row's controls by its place in the list, from 1."""
        ...

    def is_blank(self) -> bool:
        """True when nothing is filled in (a blank row is not saved)."""
        ...


RowT = TypeVar("RowT", bound=EditableRow)
ItemT = TypeVar("ItemT")


class EditableRows(QWidget, Generic[RowT, ItemT]):
    """Rows under optional headings, and an add button under them.

    ``make(item)`` builds a row (None: a blank one). With ``keep`` set, that many rows
    always stay (their remove buttons are hidden) and can only be emptied. ``note``, if
    given, is shown between the rows and the add button (a message about all the rows).
    :attr:`rows_changed` is emitted after a row is added or removed.

    Nothing here refers back to the dialog (``make`` should not either): a Qt
    connection to a closure over the dialog would keep it alive.
    """

    rows_changed = Signal()

    def __init__(
        self,
        make: Callable[[ItemT | None], RowT],
        add_text: str,
        add_name: str,
        headers: Sequence[str] = (),
        keep: int = 0,
        note: QWidget | None = None,
        spacing: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.rows: list[RowT] = []
        self._make = make
        self._keep = keep
        self.headers = [QLabel(text) for text in headers]
        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.add_button = QPushButton(add_text)
        self.add_button.setAccessibleName(add_name)
        self.add_button.clicked.connect(self.add_blank)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        if spacing is not None:
            column.setSpacing(spacing)
        column.addLayout(self.grid)
        if note is not None:
            column.addWidget(note)
        column.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._lay_out()

    # Filling -----------------------------------------------------------------

    def fill(self, items: Iterable[ItemT]) -> None:
        """Rows for ``items`` in place of any there are; one blank row when there are none."""
        self.clear()
        for item in items:
            self.add(item)
        if not self.rows:
            self.add()

    def clear(self) -> None:
        """Remove every row (``keep`` does not apply)."""
        for row in list(self.rows):
            self._drop(row)
        self._changed()

    def add(self, item: ItemT | None = None) -> RowT:
        """Add a row for ``item`` (a blank one for None) at the end and return it."""
        row = self._make(item)
        row.remove_button.clicked.connect(lambda: self.remove_by_button(row))
        self.rows.append(row)
        self._changed()
        return row

    def add_blank(self) -> RowT:
        """Add a blank row and put the cursor in it (the add button does this)."""
        row = self.add()
        row.first_input().setFocus()
        return row

    def remove(self, row: RowT) -> None:
        """Remove ``row``, unless it is one of the rows that always stay."""
        if row not in self.rows or len(self.rows) <= self._keep:
            return
        self._drop(row)
        self._changed()

    def remove_by_button(self, row: RowT) -> None:
        """Remove ``row`` and put the cursor in the row that took its place (or the one
        before, or the add button when none is left)."""
        if row not in self.rows or len(self.rows) <= self._keep:
            return
        index = self.rows.index(row)
        self.remove(row)
        if self.rows:
            self.rows[min(index, len(self.rows) - 1)].first_input().setFocus()
        else:
            self.add_button.setFocus()

    # Reading -------------------------------------------------------------------

    def filled(self) -> list[RowT]:
        """The rows that are not blank, in order."""
        return [row for row in self.rows if not row.is_blank()]

    # Inside --------------------------------------------------------------------

    def _drop(self, row: RowT) -> None:
        self.rows.remove(row)
        for widget in self._widgets(row):
            self.grid.removeWidget(widget)
            widget.hide()
            widget.deleteLater()

    @staticmethod
    def _widgets(row: RowT) -> list[QWidget]:
        below = row.below()
        return [*row.cells(), *([below] if below is not None else [])]

    def _changed(self) -> None:
        self._lay_out()
        self._chain()
        self.rows_changed.emit()

    def _lay_out(self) -> None:
        """Lay the rows out again under their headings, each message under its row."""
        grid = self.grid
        while grid.count():
            grid.takeAt(0)
        width = max([len(self.headers), 1, *(len(row.cells()) for row in self.rows)])
        for col, header in enumerate(self.headers):
            header.setVisible(bool(self.rows))  # no headings over an empty list
            grid.addWidget(header, 0, col)
        line = 1 if self.headers else 0
        for number, row in enumerate(self.rows, start=1):
            cells = row.cells()
            for col, widget in enumerate(cells):
                span = width - col if col == len(cells) - 1 else 1
                grid.addWidget(widget, line, col, 1, span)
                widget.show()  # now, not on the next turn of the event loop: it may take focus
            below = row.below()
            if below is not None:
                grid.addWidget(below, line + 1, 0, 1, width)
            line += 2 if below is not None else 1
            row.set_number(number)
            row.remove_button.setVisible(len(self.rows) > self._keep)

    def _before(self) -> QWidget | None:
        """The Tab stop before the list: the nearest one before the add button that is not
        part of the list."""
        widget = self.add_button.previousInFocusChain()
        while widget is not None and widget is not self.add_button:
            outside = widget is not self and not self.isAncestorOf(widget)
            if outside and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                return widget
            widget = widget.previousInFocusChain()
        return None

    def _chain(self) -> None:
        """Every row's inputs in order, then the add button, after what comes before."""
        previous = self._before()
        for widget in [*(w for row in self.rows for w in row.inputs()), self.add_button]:
            if previous is not None:
                QWidget.setTabOrder(previous, widget)
            previous = widget


class WholeRow:
    """For a row that is one widget: it is its own single cell, with nothing under it."""

    def cells(self) -> list[QWidget]:
        return [self]  # type: ignore[list-item]

    def below(self) -> None:
        return None
