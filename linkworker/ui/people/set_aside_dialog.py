"""The suggestions set aside for one person, with why; any can be brought back."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from linkworker import errors
from linkworker.domain.matching import Dismissal
from linkworker.ui.error_dialogs import show_user_error
from linkworker.ui.paged_table_model import ID_ROLE

if TYPE_CHECKING:
    from linkworker.services.matching import MatchingService

Index = QModelIndex | QPersistentModelIndex


class DismissalListModel(QAbstractListModel):
    """What was set aside for one person, and why."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Dismissal] = []

    def set_rows(self, rows: Sequence[Dismissal]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def dismissal(self, row: int) -> Dismissal:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        d = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            when = f"{d.on.day} {d.on:%b %Y}"
            if d.reason:
                return self.tr("{name}: “{reason}” ({when})").format(
                    name=d.asset_name, reason=d.reason, when=when
                )
            return self.tr("{name} ({when})").format(name=d.asset_name, when=when)
        if role == ID_ROLE:
            return d.asset_id
        return None


class SetAsideDialog(QDialog):
    """The suggestions set aside for one person; any can be brought back."""

    def __init__(
        self,
        matching: MatchingService,
        person_id: uuid.UUID,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._matching = matching
        self._person_id = person_id
        self.restored: list[uuid.UUID] = []
        self.setWindowTitle(self.tr("Set aside"))
        self.setMinimumSize(480, 320)
        self.model = DismissalListModel(self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("Suggestions set aside"))
        self.view.setAlternatingRowColors(True)
        self.restore_button = QPushButton(self.tr("&Bring back"))
        self.restore_button.setAccessibleName(self.tr("Bring back the chosen suggestion"))
        self.restore_button.clicked.connect(self.restore_selected)
        self.empty_label = QLabel(self.tr("Nothing is set aside."))
        self.empty_label.setStyleSheet("color:#555")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(self.tr("Close"))
        row = QHBoxLayout()
        row.addWidget(self.restore_button)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(self.tr("These are left out of their suggestions. Bring one back to see it."))
        )
        layout.addWidget(self.empty_label)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.reload()

    def reload(self) -> None:
        self.model.set_rows(self._matching.dismissed(self._person_id))
        empty = self.model.rowCount() == 0
        self.empty_label.setVisible(empty)
        self.view.setVisible(not empty)
        if not empty:
            self.view.setCurrentIndex(self.model.index(0, 0))
        self._enable()

    def _enable(self) -> None:
        self.restore_button.setEnabled(bool(self.view.selectionModel().selectedRows()))

    def restore_selected(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return
        dismissal = self.model.dismissal(rows[0].row())
        try:
            self._matching.restore(self._person_id, dismissal.asset_id)
        except errors.UserFacingError as exc:
            show_user_error(self, exc)
            return
        self.restored.append(dismissal.asset_id)
        self.reload()
