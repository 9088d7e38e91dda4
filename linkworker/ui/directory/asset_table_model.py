"""The directory table: a lazily fetched Qt model over ``DirectoryService.search``.

Sorting and filtering happen in the database, not in a ``QSortFilterProxyModel``:
with rows fetched a page at a time, a proxy could only sort the rows already
fetched. ``sort()`` asks the service again with the new order.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from linkworker.domain.directory import (
    AssetStatus,
    AssetSummary,
    DirectoryFilter,
    SearchPage,
    SortKey,
)

Fetch = Callable[[DirectoryFilter, SortKey, bool, int, int], SearchPage]
Index = QModelIndex | QPersistentModelIndex

PAGE_SIZE = 200
ID_ROLE = Qt.ItemDataRole.UserRole + 1
STALE_COLOUR = QColor("#a33a00")
MUTED_COLOUR = QColor("#6b6b6b")


def _checked(day: dt.date | None, today: dt.date) -> str:
    if day is None:
        return "Never"
    days = (today - day).days
    if days < 1:
        return "Today"
    if days < 60:
        return f"{days} days ago"
    return f"{days // 30} months ago"


class AssetTableModel(QAbstractTableModel):
    """Rows of :class:`AssetSummary`, fetched a page at a time as the view scrolls."""

    COLUMNS: tuple[tuple[str, SortKey], ...] = (
        ("Name", SortKey.NAME),
        ("What it is", SortKey.CATEGORY),
        ("When", SortKey.WHEN),
        ("Area", SortKey.DISTRICT),
        ("Cost", SortKey.COST),
        ("Last checked", SortKey.LAST_VERIFIED),
        ("How to join", SortKey.JOIN_MODE),
        ("Status", SortKey.STATUS),
    )
    CHECKED_COLUMN = 5

    def __init__(
        self,
        fetch: Fetch,
        stale_months: int = 12,
        today: Callable[[], dt.date] = dt.date.today,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._today = today
        self._stale_days = stale_months * 30
        self._rows: list[AssetSummary] = []
        self._total = 0
        self._filter = DirectoryFilter()
        self._sort = SortKey.RELEVANCE
        self._descending = False

    # Loading -------------------------------------------------------------

    @property
    def total(self) -> int:
        """How many assets match, including rows not fetched yet."""
        return self._total

    @property
    def current_filter(self) -> DirectoryFilter:
        return self._filter

    def set_stale_months(self, months: int) -> None:
        self._stale_days = months * 30
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self.COLUMNS) - 1)
            )

    def set_filter(self, flt: DirectoryFilter) -> None:
        """Show the first page for a new search or filter (relevance order for text)."""
        if flt.text.strip() != self._filter.text.strip() and flt.text.strip():
            self._sort, self._descending = SortKey.RELEVANCE, False
        elif not flt.text.strip() and self._sort is SortKey.RELEVANCE:
            self._sort = SortKey.NAME
        self._filter = flt
        self.reload()

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
        self._sort = self.COLUMNS[column][1]
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    # Reading -------------------------------------------------------------

    def summary(self, row: int) -> AssetSummary:
        return self._rows[row]

    def row_of(self, asset_id: uuid.UUID) -> int:
        """The row showing ``asset_id`` among those fetched, or -1."""
        return next((i for i, r in enumerate(self._rows) if r.id == asset_id), -1)

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
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole and column == self.CHECKED_COLUMN:
            if row.last_verified_on is None:
                return self.tr("Nobody has recorded checking this listing.")
            return self.tr("Last checked on {date}").format(
                date=row.last_verified_on.strftime("%d %B %Y")
            )
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == self.CHECKED_COLUMN and self._is_stale(row):
                return QBrush(STALE_COLOUR)
            if row.status is not AssetStatus.ACTIVE or row.archived:
                return QBrush(MUTED_COLOUR)
        return None

    def _display(self, row: AssetSummary, column: int) -> str:
        key = self.COLUMNS[column][1] if 0 <= column < len(self.COLUMNS) else None
        if key is SortKey.NAME:
            return row.name + (self.tr(" (archived)") if row.archived else "")
        if key is SortKey.CATEGORY:
            return ", ".join(row.categories)
        if key is SortKey.WHEN:
            return row.when
        if key is SortKey.DISTRICT:
            return row.district
        if key is SortKey.COST:
            return self.tr(row.cost.label)
        if key is SortKey.LAST_VERIFIED:
            return self.tr(_checked(row.last_verified_on, self._today()))
        if key is SortKey.JOIN_MODE:
            return self.tr(row.join_mode.label)
        if key is SortKey.STATUS:
            return self.tr(row.status.label)
        return ""

    def _is_stale(self, row: AssetSummary) -> bool:
        if row.last_verified_on is None:
            return True
        return (self._today() - row.last_verified_on).days > self._stale_days
