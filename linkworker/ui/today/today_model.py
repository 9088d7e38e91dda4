"""One section of Today as a table: who, what, and when."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from linkworker.domain.today import (
    SectionKind,
    TodayRow,
    TodaySection,
    flag_words,
    since_words,
)

Index = QModelIndex | QPersistentModelIndex

#: The columns, and the last one shown only when everyone's people are listed.
COLUMNS = ("Name", "What", "When", "Link worker")
WORKER_COLUMN = 3


class TodaySectionModel(QAbstractTableModel):
    """The rows of one :class:`TodaySection` (read only)."""

    def __init__(self, kind: SectionKind, parent: Any = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self._rows: tuple[TodayRow, ...] = ()
        self._total = 0

    def set_section(self, section: TodaySection) -> None:
        self.beginResetModel()
        self._rows = section.rows
        self._total = section.total
        self.endResetModel()

    @property
    def total(self) -> int:
        return self._total

    def row_at(self, row: int) -> TodayRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.tr(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row())
        if row is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole) and column:
            worker = row.link_worker or self.tr("Not assigned")
            return (row.name, row.what, since_words(row, self.kind), worker)[column]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"\u26a0 {row.name}" if row.flags else row.name
        if role == Qt.ItemDataRole.ToolTipRole:
            opening = self.tr("Enter or double-click to open {name}").format(name=row.name)
            if row.flags:
                return self.tr("Take care: {flags}").format(flags=flag_words(row.flags)) + (
                    "\n" + opening
                )
            return opening
        if role == Qt.ItemDataRole.AccessibleTextRole and row.flags:
            return self.tr("{name}, take care: {flags}").format(
                name=row.name, flags=flag_words(row.flags)
            )
        return None
