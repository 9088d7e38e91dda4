"""Listings flagged as possibly the same place: merge them, or say they are different."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from linkworker.domain.directory_exchange import DuplicatePair
from linkworker.errors import UserFacingError
from linkworker.services.directory_import import DirectoryImportService
from linkworker.ui.error_dialogs import show_user_error

#: Names longer than this are shortened on the buttons (in full on the list and the tooltips).
BUTTON_NAME_MAX = 36


def short(name: str, limit: int = BUTTON_NAME_MAX) -> str:
    name = " ".join(name.split())
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


class DuplicatesDialog(QDialog):
    """Every open pair with both names, where each came from and why it was flagged."""

    #: A pair was merged or kept apart: the directory may look different now.
    changed = Signal()

    def __init__(self, services_import: DirectoryImportService, parent: QWidget | None = None):
        super().__init__(parent)
        self._service = services_import
        self.pairs: list[DuplicatePair] = []
        self.setWindowTitle(self.tr("Possible duplicates"))
        self.setMinimumSize(900, 440)

        self.intro = QLabel(
            self.tr(
                "These listings look like the same place or group, usually because two "
                "sources both list it. Choose a pair, then keep one (the other is merged into "
                "it) or say they are different."
            )
        )
        self.intro.setWordWrap(True)
        self.intro.setAccessibleName(self.tr("About possible duplicates"))

        self.model = QStandardItemModel(0, 5, self)
        self.model.setHorizontalHeaderLabels(
            [
                self.tr("Listing"),
                self.tr("From"),
                self.tr("Possibly the same as"),
                self.tr("From"),
                self.tr("Why"),
            ]
        )
        self.view = QTreeView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("Pairs of listings that may be the same"))
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.header().setStretchLastSection(True)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)

        self.empty_label = QLabel(self.tr("No possible duplicates are waiting for a decision."))
        self.empty_label.setAccessibleName(self.tr("No possible duplicates"))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.keep_first = QPushButton()
        self.keep_second = QPushButton()
        self.different = QPushButton(self.tr("They are &different"))
        self.different.setAccessibleName(self.tr("They are different: keep both"))
        self.different.setToolTip(self.tr("Keep both listings; this pair is not flagged again."))
        self.keep_first.clicked.connect(lambda: self._keep(first=True))
        self.keep_second.clicked.connect(lambda: self._keep(first=False))
        self.different.clicked.connect(self.keep_apart)
        keeps = QVBoxLayout()
        keeps.addWidget(self.keep_first)
        keeps.addWidget(self.keep_second)
        actions = QHBoxLayout()
        actions.addLayout(keeps)
        actions.addStretch(1)
        actions.addWidget(self.different, 0, Qt.AlignmentFlag.AlignBottom)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(self.tr("Close"))

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(actions)
        layout.addWidget(self.buttons)
        self.setTabOrder(self.view, self.keep_first)
        self.setTabOrder(self.keep_first, self.keep_second)
        self.setTabOrder(self.keep_second, self.different)
        self.setTabOrder(self.different, close)
        QShortcut(QKeySequence("Alt+1"), self, self.keep_first.animateClick)
        QShortcut(QKeySequence("Alt+2"), self, self.keep_second.animateClick)
        self.refresh()

    # The list --------------------------------------------------------------

    def _from(self, source: str) -> str:
        return source or self.tr("added here")

    def refresh(self) -> None:
        """Read the open pairs again, keeping the choice on the same pair where it can."""
        chosen = self.chosen()
        self.pairs = list(self._service.duplicates())
        self.model.removeRows(0, self.model.rowCount())
        for pair in self.pairs:
            items = [
                QStandardItem(pair.asset_name),
                QStandardItem(self._from(pair.asset_source)),
                QStandardItem(pair.other_name),
                QStandardItem(self._from(pair.other_source)),
                QStandardItem(pair.reason),
            ]
            for item in items:
                item.setToolTip(item.text())
            self.model.appendRow(items)
        for column, width in ((0, 240), (1, 190), (2, 240), (3, 190)):
            self.view.resizeColumnToContents(column)
            self.view.setColumnWidth(column, min(self.view.columnWidth(column) + 16, width))
        has_pairs = bool(self.pairs)
        self.view.setVisible(has_pairs)
        self.empty_label.setVisible(not has_pairs)
        ids = [p.id for p in self.pairs]
        row = ids.index(chosen.id) if chosen is not None and chosen.id in ids else 0
        if has_pairs:
            self.view.setCurrentIndex(self.model.index(min(row, len(ids) - 1), 0))
            self.view.setFocus()
        self._update_buttons()

    def chosen(self) -> DuplicatePair | None:
        rows = self.view.selectionModel().selectedRows() if self.pairs else []
        return self.pairs[rows[0].row()] if rows else None

    def choose(self, row: int) -> None:
        self.view.setCurrentIndex(self.model.index(row, 0))

    def _selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        pair = self.chosen()
        for button in (self.keep_first, self.keep_second, self.different):
            button.setEnabled(pair is not None)
        choices = (
            [(pair.asset_name, pair.asset_source), (pair.other_name, pair.other_source)]
            if pair
            else [(self.tr("the first"), ""), (self.tr("the second"), "")]
        )
        same = pair is not None and choices[0][0].strip().lower() == choices[1][0].strip().lower()
        for button, (name, source), key in zip(
            (self.keep_first, self.keep_second), choices, ("Alt+1", "Alt+2"), strict=True
        ):
            text = self.tr("Keep “{name}” (merge the other into it)")
            if same:  # the names alone cannot tell the two apart
                text = self.tr("Keep “{name}” {origin} (merge the other into it)")
            origin = self._origin(source)
            shown = text.format(name=short(name), origin=origin)
            whole = text.format(name=name, origin=origin)
            button.setText(shown.replace("&", "&&"))
            # The name starts with the words on the button; a shortened name follows in full.
            button.setAccessibleName(shown if shown == whole else f"{shown}: {name}")
            button.setToolTip(whole + f" ({key})")

    def _origin(self, source: str) -> str:
        if not source:
            return self.tr("added here")
        return self.tr("from {source}").format(source=short(source, 30))

    # Deciding --------------------------------------------------------------

    def _keep(self, first: bool) -> None:
        pair = self.chosen()
        if pair is None:
            return
        ours = (pair.asset_id, pair.asset_name, pair.asset_source)
        theirs = (pair.other_id, pair.other_name, pair.other_source)
        (keep_id, keep, keep_from), (_, gone, gone_from) = (
            (ours, theirs) if first else (theirs, ours)
        )
        if not self._confirm(
            self.tr("Keep “{keep}” ({keep_from}) and merge “{gone}” ({gone_from}) into it?").format(
                keep=keep,
                gone=gone,
                keep_from=self._origin(keep_from),
                gone_from=self._origin(gone_from),
            ),
            self.tr(
                "“{gone}” will be archived: it leaves searches and suggestions, and a refresh "
                "of its source leaves it alone. Plans that name it will name “{keep}” instead, "
                "and its notes are added to the notes of “{keep}”. Nothing is deleted."
            ).format(keep=keep, gone=gone),
        ):
            return
        self._decide(lambda: self._service.merge(pair.id, keep_id))

    def keep_apart(self) -> None:
        pair = self.chosen()
        if pair is not None:
            self._decide(lambda: self._service.keep_apart(pair.id))

    def merge(self, pair_id: uuid.UUID, keep_id: uuid.UUID) -> None:
        """Merge without asking (the buttons ask first)."""
        self._decide(lambda: self._service.merge(pair_id, keep_id))

    def _decide(self, action: Callable[[], None]) -> None:
        try:
            action()
        except UserFacingError as exc:
            show_user_error(self, exc)
            self.refresh()
            return
        self.refresh()
        self.changed.emit()

    def _confirm(self, question: str, detail: str) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Merge these listings?"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setInformativeText(detail)
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        box.setAccessibleName(self.tr("Merge these listings?"))
        return box.exec() == QMessageBox.StandardButton.Yes
