"""Review records past retention: the people whose last referral closed longer ago than
the team keeps records, each of whom can be erased from here (asked twice, as anywhere)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from linkworker.domain.rights import REASON_RETENTION, RetentionCase
from linkworker.domain.subject_access import uk_date
from linkworker.ui.form_fields import hint
from linkworker.ui.people.rights_actions import erase_with_dialog

if TYPE_CHECKING:
    from linkworker.services.rights import RightsService

_Index = QModelIndex | QPersistentModelIndex


class RetentionModel(QAbstractTableModel):
    """Name, last referral closed, years since: one row a person due for review."""

    HEADERS = ("Name", "Last referral closed", "Years since")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cases: list[RetentionCase] = []

    def set_cases(self, cases: Sequence[RetentionCase]) -> None:
        self.beginResetModel()
        self.cases = list(cases)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.cases)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        case = self.cases[index.row()]
        return (case.name, uk_date(case.last_closed_on), str(case.years_since))[index.column()]


class RetentionDialog(QDialog):
    """The people due for review, and Erase for the one chosen."""

    def __init__(
        self,
        rights: RightsService,
        run_dialog: Callable[[QWidget], bool] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._rights = rights
        self._run_dialog = run_dialog or (lambda dialog: bool(dialog.exec()))  # type: ignore[attr-defined]
        #: The people erased from here, in order.
        self.erased: list[uuid.UUID] = []
        self.setWindowTitle(self.tr("Records past retention"))
        self.resize(640, 420)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.model = RetentionModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("People past retention"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.erase_button = buttons.addButton(
            self.tr("&Erase…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.erase_button.setAccessibleName(self.tr("Erase the person chosen"))
        self.erase_button.clicked.connect(self.erase_chosen)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(
            hint(
                self.tr(
                    "Check each record against your records policy before erasing it: someone "
                    "may have been referred again under another record, or a complaint or "
                    "safeguarding matter may mean it must be kept longer."
                )
            )
        )
        layout.addWidget(buttons)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._chosen_changed())
        self.reload()

    def reload(self) -> None:
        """Read the list again."""
        years = self._rights.retention_years
        cases = self._rights.retention_due()
        self.model.set_cases(cases)
        if cases:
            text = self.tr(
                "These people's last referral closed more than {0} years ago, and nothing "
                "has happened on their record since."
            ).format(years)
        else:
            text = self.tr("No one's last referral closed more than {0} years ago.").format(years)
        self.intro.setText(text)
        if cases:
            self.table.selectRow(0)
        self._chosen_changed()

    def _chosen_changed(self) -> None:
        self.erase_button.setEnabled(self.chosen() is not None)

    def chosen(self) -> RetentionCase | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.cases[rows[0].row()] if rows else None

    def erase_chosen(self) -> None:
        """Erase the person chosen, asked twice; the list is read again after."""
        case = self.chosen()
        if case is None:
            return
        why = self.tr("Their last referral closed on {0}, {1} years ago.").format(
            uk_date(case.last_closed_on), case.years_since
        )
        if erase_with_dialog(
            self._rights, case.person_id, REASON_RETENTION, self._run_dialog, self, why
        ):
            self.erased.append(case.person_id)
            self.reload()
