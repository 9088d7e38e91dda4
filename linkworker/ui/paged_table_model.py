"""Table models over rows that carry an id, and the table view that shows them.

:class:`RowTableModel` is what every such table shares: ``COLUMNS`` as (title, key),
the text of each cell (the same text for screen readers), the row's id, tooltips
and colours, and sorting when a heading is clicked. Two kinds build on it:

- :class:`PagedTableModel`, over a service that returns rows a page at a time (the
  directory, the caseload). Sorting and filtering happen in the database, not in a
  ``QSortFilterProxyModel``: with rows fetched a page at a time, a proxy could only
  sort the rows already fetched. ``sort()`` asks the service again with the new order.
- :class:`InMemoryTableModel`, over a short list a service returns whole (the places
  in a plan); it sorts the rows itself and keeps the chosen ones chosen.

:func:`row_table` makes the view: whole rows chosen one at a time, Tab leaves it and
the arrow keys move inside it, a heading sorts by its column.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QTableView

from linkworker.ui.keyboard import tab_leaves

Index = QModelIndex | QPersistentModelIndex
PAGE_SIZE = 200
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class _HasId(Protocol):
    @property
    def id(self) -> uuid.UUID: ...


class _Page(Protocol):
    @property
    def rows(self) -> Sequence[Any]: ...

    @property
    def total(self) -> int: ...


RowT = TypeVar("RowT", bound=_HasId)
FilterT = TypeVar("FilterT")
SortT = TypeVar("SortT")

#: fetch(filter, sort, descending, limit, offset) -> a page with .rows and .total
Fetch = Callable[[FilterT, SortT, bool, int, int], _Page]


class RowTableModel(QAbstractTableModel, Generic[RowT]):
    """Rows with an id in ``COLUMNS`` of (title, key); subclasses say how a cell is shown
    (:meth:`display`, :meth:`other_role`) and how rows are put in order (:meth:`order_by`)."""

    COLUMNS: tuple[tuple[str, Any], ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[RowT] = []

    # Reading -------------------------------------------------------------

    def summary(self, row: int) -> RowT:
        """The value shown in ``row``."""
        return self._rows[row]

    def row_of(self, row_id: uuid.UUID) -> int:
        """The row showing ``row_id`` (among those fetched), or -1."""
        return next((i for i, r in enumerate(self._rows) if r.id == row_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.COLUMNS)
        ):
            return self.tr(self.COLUMNS[section][0])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == ID_ROLE:
            return row.id
        key = self.COLUMNS[index.column()][1] if 0 <= index.column() < len(self.COLUMNS) else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.display(row, key)
        return self.other_role(row, key, role)

    def display(self, row: RowT, key: Any) -> str:
        """The text of one cell (read out as it is shown); ``key`` is the column's key."""
        raise NotImplementedError

    def other_role(self, row: RowT, key: Any, role: int) -> Any:
        """Tooltips, colours and the like; none by default."""
        return None

    def refresh_rows(self) -> None:
        """Repaint every row (after a setting that changes how rows look)."""
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self.COLUMNS) - 1)
            )

    # Order -----------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.COLUMNS[column][1] if 0 <= column < len(self.COLUMNS) else None
        self.order_by(key, order == Qt.SortOrder.DescendingOrder)

    def order_by(self, key: Any, descending: bool) -> None:
        """Put the rows in the order of the column with ``key`` (None: no column chosen)."""
        raise NotImplementedError


class InMemoryTableModel(RowTableModel[RowT]):
    """A short list held whole: shown in the order given until a heading is clicked, then
    in that column's order (:meth:`sort_value`), which new rows keep."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._given: list[RowT] = []
        self._order: tuple[Any, bool] = (None, False)

    def set_rows(self, rows: Sequence[RowT]) -> None:
        """Show ``rows`` in the order chosen."""
        self.beginResetModel()
        self._given = list(rows)
        self._rows = self._ordered()
        self.endResetModel()

    def sort_value(self, row: RowT, key: Any) -> Any:
        """What a column sorts by; its text, ignoring case, unless a subclass says otherwise."""
        return self.display(row, key).casefold()

    def order_by(self, key: Any, descending: bool) -> None:
        self._order = (key, descending)
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self._rows[i.row()].id for i in before]
        self._rows = self._ordered()
        after = [
            self.index(self.row_of(row_id), i.column())
            for row_id, i in zip(ids, before, strict=True)
        ]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def _ordered(self) -> list[RowT]:
        key, descending = self._order
        if key is None:
            return list(self._given)
        return sorted(self._given, key=lambda row: self.sort_value(row, key), reverse=descending)


class PagedTableModel(RowTableModel[RowT], Generic[RowT, FilterT, SortT]):
    """Rows fetched a page at a time as the view scrolls; the column keys are the service's
    sort keys."""

    def __init__(
        self, fetch: Fetch[FilterT, SortT], flt: FilterT, sort: SortT, parent: Any = None
    ) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._total = 0
        self._filter = flt
        self._sort = sort
        self._descending = False

    @property
    def total(self) -> int:
        """How many rows match, including those not fetched yet."""
        return self._total

    @property
    def current_filter(self) -> FilterT:
        return self._filter

    def set_filter(self, flt: FilterT) -> None:
        """Show the first page for a new filter."""
        self._filter = flt
        self.reload()

    def set_sort(self, sort: SortT, descending: bool = False) -> None:
        self._sort, self._descending = sort, descending

    def reload(self) -> None:
        page = self._fetch(self._filter, self._sort, self._descending, PAGE_SIZE, 0)
        self.beginResetModel()
        self._rows = list(page.rows)
        self._total = page.total
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if parent.isValid():
            return
        page = self._fetch(self._filter, self._sort, self._descending, PAGE_SIZE, len(self._rows))
        if not page.rows:
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
        self._rows.extend(page.rows)
        self._total = page.total
        self.endInsertRows()

    def order_by(self, key: Any, descending: bool) -> None:
        if key is None:
            return
        self.set_sort(key, descending)
        self.reload()


def row_table(model: RowTableModel[Any], name: str, sort_column: int | None = 0) -> QTableView:
    """A table of ``model``'s rows, one chosen at a time; Tab leaves it, the arrow keys move
    inside it. It starts sorted by ``sort_column`` (None: in the model's own order); the
    sort mark shows once someone clicks a heading."""
    view = tab_leaves(QTableView())
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    header = view.horizontalHeader()
    header.setSortIndicator(-1 if sort_column is None else sort_column, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)
    header.setSortIndicatorShown(False)
    header.sectionClicked.connect(lambda _s: header.setSortIndicatorShown(True))
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(26)
    return view
