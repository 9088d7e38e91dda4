"""A table model over a service that returns rows a page at a time.

Sorting and filtering happen in the database, not in a ``QSortFilterProxyModel``:
with rows fetched a page at a time, a proxy could only sort the rows already
fetched. ``sort()`` asks the service again with the new order. Subclasses say
which columns there are and how a row is shown.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

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


class PagedTableModel(QAbstractTableModel, Generic[RowT, FilterT, SortT]):
    """Rows fetched a page at a time as the view scrolls; ``COLUMNS`` is (title, sort key)."""

    COLUMNS: tuple[tuple[str, Any], ...] = ()

    def __init__(
        self, fetch: Fetch[FilterT, SortT], flt: FilterT, sort: SortT, parent: Any = None
    ) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._rows: list[RowT] = []
        self._total = 0
        self._filter = flt
        self._sort = sort
        self._descending = False

    # Loading -------------------------------------------------------------

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

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.COLUMNS):
            return
        self.set_sort(self.COLUMNS[column][1], order == Qt.SortOrder.DescendingOrder)
        self.reload()

    def refresh_rows(self) -> None:
        """Repaint every fetched row (after a setting that changes how rows look)."""
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self.COLUMNS) - 1)
            )

    # Reading -------------------------------------------------------------

    def summary(self, row: int) -> RowT:
        return self._rows[row]

    def row_of(self, row_id: uuid.UUID) -> int:
        """The row showing ``row_id`` among those fetched, or -1."""
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
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, key)
        return self.other_role(row, key, role)

    def display(self, row: RowT, key: Any) -> str:
        """The text of one cell; ``key`` is the column's sort key."""
        raise NotImplementedError

    def other_role(self, row: RowT, key: Any, role: int) -> Any:
        """Tooltips, colours and the like; none by default."""
        return None
