"""What a check or an import of an Open Referral source found, in four short lists.

The lists are read-only views over small item models: a report never lists
more than a few hundred records of each kind (the counts in the tab titles
are always whole, and a last row says how many more there were).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QTabWidget, QTreeView, QWidget

from linkworker.domain.directory_exchange import ImportReport, RecordNote

#: The widest the first column starts, so the reasons keep most of the room.
FIRST_COLUMN_MAX = 340


class ReportList(QTreeView):
    """One read-only list of the report: a row per record, no editing, no tree."""

    def __init__(self, headers: Sequence[str], name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model_ = QStandardItemModel(0, len(headers), self)
        self.model_.setHorizontalHeaderLabels(list(headers))
        self.setModel(self.model_)
        self.setAccessibleName(name)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.header().setStretchLastSection(True)

    def fill(self, rows: Sequence[Sequence[str]], more: int, more_text: str) -> None:
        """Show ``rows``; with ``more`` > 0 a last row says how many were not listed."""
        self.model_.removeRows(0, self.model_.rowCount())
        for row in rows:
            items = [QStandardItem(text) for text in row]
            for item in items:
                item.setToolTip(item.text() or row[0])
            self.model_.appendRow(items)
        if more > 0:
            last = QStandardItem(more_text)
            last.setForeground(self.palette().placeholderText())
            self.model_.appendRow(
                [last, *(QStandardItem("") for _ in range(self.model_.columnCount() - 1))]
            )
        columns = self.model_.columnCount()
        for column in range(columns - 1):
            self.resizeColumnToContents(column)
            self.setColumnWidth(column, min(self.columnWidth(column) + 16, FIRST_COLUMN_MAX))

    def texts(self, column: int = 0) -> list[str]:
        """The text in ``column`` of every row (for tests and for reading back)."""
        return [self.model_.item(r, column).text() for r in range(self.model_.rowCount())]


def one_reason_a_row(notes: Sequence[RecordNote]) -> list[tuple[str, str]]:
    """A row for each reason, the record named on its first: long lists of reasons stay legible."""
    rows: list[tuple[str, str]] = []
    for note in notes:
        for index, reason in enumerate(note.reasons or ("",)):
            rows.append((note.label if index == 0 else "", reason))
    return rows


class ImportReportView(QTabWidget):
    """Problems, changes, possible duplicates and what was fixed, each with its count."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("What the source holds"))
        self.problems = ReportList(
            [self.tr("Record"), self.tr("Why it is left out")], self.tr("Records with problems")
        )
        self.changes = ReportList(
            [self.tr("Listing"), self.tr("Change")], self.tr("Changes to the directory")
        )
        self.duplicates = ReportList(
            [self.tr("Record"), self.tr("Looks like"), self.tr("Why")],
            self.tr("Possible duplicates"),
        )
        self.fixed = ReportList(
            [self.tr("Record"), self.tr("What was fixed")], self.tr("Fixed on the way in")
        )
        for view in (self.problems, self.changes, self.duplicates, self.fixed):
            self.addTab(view, "")
        self.clear_report()

    def _titles(self, problems: int, changes: int, duplicates: int, fixed: int) -> None:
        for index, (title, count) in enumerate(
            (
                (self.tr("&Problems ({n})"), problems),
                (self.tr("C&hanges ({n})"), changes),
                (self.tr("Possible &duplicates ({n})"), duplicates),
                (self.tr("Fi&xed on the way in ({n})"), fixed),
            )
        ):
            self.setTabText(index, title.format(n=f"{count:,}"))
            self.setTabEnabled(index, count > 0)

    def clear_report(self) -> None:
        """Empty lists under greyed tabs, the first in front, until there is a report."""
        for view in (self.problems, self.changes, self.duplicates, self.fixed):
            view.fill([], 0, "")
        self._titles(0, 0, 0, 0)
        for index in range(self.count()):
            self.setTabEnabled(index, True)
        self.setCurrentIndex(0)
        self.setEnabled(False)

    def show_report(self, report: ImportReport) -> None:
        self.setEnabled(True)
        more = self.tr("… and {n} more, not listed")
        changed = report.created + report.updated + report.withdrawn
        self.problems.fill(
            one_reason_a_row(report.problems),
            report.left_out - len(report.problems),
            more.format(n=f"{report.left_out - len(report.problems):,}"),
        )
        self.changes.fill(
            [(c.label, c.change) for c in report.changes],
            changed - len(report.changes),
            more.format(n=f"{changed - len(report.changes):,}"),
        )
        self.duplicates.fill(
            [(d.label, d.other_name, d.reason) for d in report.duplicates],
            report.duplicates_total - len(report.duplicates),
            more.format(n=f"{report.duplicates_total - len(report.duplicates):,}"),
        )
        self.fixed.fill(
            one_reason_a_row(report.warnings),
            report.warnings_total - len(report.warnings),
            more.format(n=f"{report.warnings_total - len(report.warnings):,}"),
        )
        self._titles(report.left_out, changed, report.duplicates_total, report.warnings_total)
        for index, count in enumerate(
            (report.left_out, changed, report.duplicates_total, report.warnings_total)
        ):
            if count:
                self.setCurrentIndex(index)
                break
