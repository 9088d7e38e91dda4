"""The directory table: community assets, fetched a page at a time from the directory service."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from linkworker.domain.directory import AssetStatus, AssetSummary, DirectoryFilter, SortKey
from linkworker.ui.paged_table_model import ID_ROLE, Fetch, PagedTableModel

__all__ = ["ID_ROLE", "AssetTableModel"]

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


class AssetTableModel(PagedTableModel[AssetSummary, DirectoryFilter, SortKey]):
    """Rows of :class:`AssetSummary`; free text is shown by relevance, otherwise by name."""

    COLUMNS = (
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
        fetch: Fetch[DirectoryFilter, SortKey],
        stale_months: int = 12,
        today: Callable[[], dt.date] = dt.date.today,
        parent: Any = None,
    ) -> None:
        super().__init__(fetch, DirectoryFilter(), SortKey.RELEVANCE, parent)
        self._today = today
        self._stale_days = stale_months * 30

    def set_stale_months(self, months: int) -> None:
        self._stale_days = months * 30
        self.refresh_rows()

    def set_filter(self, flt: DirectoryFilter) -> None:
        """New search words rank by relevance; with no words, the list is by name."""
        if flt.text.strip() != self._filter.text.strip() and flt.text.strip():
            self.set_sort(SortKey.RELEVANCE)
        elif not flt.text.strip() and self._sort is SortKey.RELEVANCE:
            self.set_sort(SortKey.NAME)
        super().set_filter(flt)

    def display(self, row: AssetSummary, key: Any) -> str:
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

    def other_role(self, row: AssetSummary, key: Any, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and key is SortKey.LAST_VERIFIED:
            if row.last_verified_on is None:
                return self.tr("Nobody has recorded checking this listing.")
            return self.tr("Last checked on {date}").format(
                date=row.last_verified_on.strftime("%d %B %Y")
            )
        if role == Qt.ItemDataRole.ForegroundRole:
            if key is SortKey.LAST_VERIFIED and self._is_stale(row):
                return QBrush(STALE_COLOUR)
            if row.status is not AssetStatus.ACTIVE or row.archived:
                return QBrush(MUTED_COLOUR)
        return None

    def _is_stale(self, row: AssetSummary) -> bool:
        if row.last_verified_on is None:
            return True
        return (self._today() - row.last_verified_on).days > self._stale_days
