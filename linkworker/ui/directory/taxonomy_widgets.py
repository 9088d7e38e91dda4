"""The team's mapping of Open Referral terms to kinds of help, in the window.

* :class:`TaxonomyBox`: the Settings section: every term, what it means, who it is
  for, how many listings use it; the unmapped ones first; Edit to change one.
* :class:`UnmappedTermsDialog`: after an import, the terms nobody has mapped with
  the listings that use them, to map there and then.
* :class:`TermMappingDialog`: change what one term means.

Mapping a term re-categorises the listings that carry it at once (the service does it).
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from linkworker.domain.taxonomy_map import MappingChange, TermMapping, UnmappedTerm, term_key
from linkworker.errors import UserFacingError
from linkworker.services.taxonomy import TableEntry, TaxonomyService
from linkworker.ui.error_dialogs import show_user_error
from linkworker.ui.form_fields import hint, line_edit
from linkworker.ui.paged_table_model import InMemoryTableModel, row_table


@dataclasses.dataclass(frozen=True, slots=True)
class TermRow:
    """A term as the tables hold it."""

    id: uuid.UUID
    mapping: TermMapping
    listings: int
    names: tuple[str, ...] = ()


def _row_id(term: str, keyword: bool) -> uuid.UUID:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"{'keyword' if keyword else 'term'}:{term_key(term)}")


def entry_row(entry: TableEntry) -> TermRow:
    return TermRow(
        _row_id(entry.mapping.term, entry.mapping.keyword), entry.mapping, entry.listings
    )


def unmapped_row(term: UnmappedTerm) -> TermRow:
    return TermRow(_row_id(term.term, False), TermMapping(term.term), term.listings, term.names)


#: Widths of the columns after the term, which takes the rest: the table fits its box
#: at laptop size with no sideways scroll.
COLUMN_WIDTHS = {1: 170, 2: 150, 3: 70, 4: 110}


def fit_columns(view: QTableView) -> None:
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column, width in COLUMN_WIDTHS.items():
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        view.setColumnWidth(column, width)


class TermTableModel(InMemoryTableModel[TermRow]):
    """Terms, what they mean, who for, and the listings that use them."""

    COLUMNS = (
        ("Term", "term"),
        ("Means", "means"),
        ("Who it is for", "who"),
        ("Listings", "listings"),
        ("Changed by", "by"),
    )

    def display(self, row: TermRow, key: Any) -> str:
        mapping = row.mapping
        if key == "term":
            return (
                self.tr("words like “{term}”").format(term=mapping.term)
                if mapping.keyword
                else mapping.term
            )
        if key == "means":
            if mapping.not_help:
                return self.tr("Not a kind of help")
            return ", ".join(mapping.categories) or self.tr("Not mapped yet")
        if key == "who":
            return mapping.who
        if key == "listings":
            if mapping.keyword:
                return ""
            text = f"{row.listings:,}"
            if row.names:
                more = row.listings - len(row.names)
                text += " (" + ", ".join(row.names) + (f" +{more:,}" if more > 0 else "") + ")"
            return text
        return mapping.changed_by

    def sort_value(self, row: TermRow, key: Any) -> Any:
        if key == "listings":
            return row.listings
        return super().sort_value(row, key)


class TermEditor(QWidget):
    """Which categories a term means (or none: not a kind of help), and who it is for."""

    def __init__(self, categories: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout()
        self.category_checks: dict[str, QCheckBox] = {}
        for i, name in enumerate(categories):
            check = QCheckBox(name)
            check.setAccessibleName(self.tr("Means {category}").format(category=name))
            check.toggled.connect(self._category_toggled)
            grid.addWidget(check, i // 3, i % 3)
            self.category_checks[name] = check
        self.not_help_check = QCheckBox(self.tr("&Not a kind of help (keep it as a tag only)"))
        self.not_help_check.setAccessibleName(self.tr("Not a kind of help (keep it as a tag only)"))
        self.not_help_check.toggled.connect(self._not_help_toggled)
        self.who_edit = line_edit(self.tr("Who it is for"), self.tr("e.g. Women only"))
        form = QFormLayout()
        form.addRow(self.tr("&Who it is for"), self.who_edit)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(QLabel(self.tr("Kinds of help it means:")))
        column.addLayout(grid)
        column.addWidget(self.not_help_check)
        column.addLayout(form)

    def set_mapping(self, mapping: TermMapping | None) -> None:
        chosen = {c.casefold() for c in mapping.categories} if mapping else set()
        for name, check in self.category_checks.items():
            check.setChecked(name.casefold() in chosen)
        self.not_help_check.setChecked(bool(mapping and mapping.not_help))
        self.who_edit.setText(mapping.who if mapping else "")

    def chosen(self) -> tuple[tuple[str, ...], bool, str]:
        """(categories, not a kind of help, who it is for) as ticked and typed."""
        categories = tuple(n for n, c in self.category_checks.items() if c.isChecked())
        return categories, self.not_help_check.isChecked(), self.who_edit.text().strip()

    def _category_toggled(self, on: bool) -> None:
        if on:
            self.not_help_check.setChecked(False)

    def _not_help_toggled(self, on: bool) -> None:
        if on:
            for check in self.category_checks.values():
                check.setChecked(False)


def save_mapping(
    parent: QWidget, service: TaxonomyService, mapping: TermMapping, editor: TermEditor
) -> MappingChange | None:
    """Map the term as the editor says; a refusal is shown and gives None."""
    categories, not_help, who = editor.chosen()
    try:
        return service.map_term(
            mapping.term,
            categories,
            not_help=not_help,
            who=who,
            age_min=mapping.age_min,
            age_max=mapping.age_max,
            keyword=mapping.keyword,
        )
    except UserFacingError as exc:
        show_user_error(parent, exc)
        return None


def change_words(widget: QWidget, change: MappingChange) -> str:
    """'“Board games” now means Befriending: 2 listings re-categorised.'"""
    return widget.tr("“{term}” now means {means}: {n} re-categorised.").format(
        term=change.mapping.term,
        means=change.mapping.describe(),
        n=widget.tr("1 listing") if change.listings == 1 else f"{change.listings:,} listings",
    )


class TermMappingDialog(QDialog):
    """Change what one term means."""

    def __init__(
        self, service: TaxonomyService, mapping: TermMapping, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._mapping = mapping
        self.change: MappingChange | None = None
        what = self.tr("words like “{term}”") if mapping.keyword else "“{term}”"
        self.setWindowTitle(self.tr("What a term means"))
        self.editor = TermEditor(service.categories())
        self.editor.set_mapping(mapping)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        column = QVBoxLayout(self)
        column.addWidget(QLabel(what.format(term=mapping.term)))
        column.addWidget(
            hint(self.tr("Listings that carry it are re-categorised as soon as you save."))
        )
        column.addWidget(self.editor)
        column.addWidget(buttons)

    def accept(self) -> None:
        self.change = save_mapping(self, self._service, self._mapping, self.editor)
        if self.change is not None:
            super().accept()


class TaxonomyBox(QGroupBox):
    """Settings: the terms feeds use and the kinds of help they mean, with Edit."""

    #: A mapping changed and listings may have been re-categorised.
    mapping_changed = Signal(object)

    def __init__(self, service: TaxonomyService, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Kinds of help from Open Referral"), parent)
        self._service = service
        self.model = TermTableModel(self)
        self.find_edit = QLineEdit()
        self.find_edit.setPlaceholderText(self.tr("Find a term"))
        self.find_edit.setAccessibleName(self.tr("Find a term"))
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.textChanged.connect(self._show)
        self.unmapped_check = QCheckBox(self.tr("Only terms not &mapped yet"))
        self.unmapped_check.setAccessibleName(self.tr("Only terms not mapped yet"))
        self.unmapped_check.toggled.connect(self._show)
        self.view = row_table(self.model, self.tr("Terms and what they mean"), sort_column=None)
        self.view.setMinimumHeight(220)
        fit_columns(self.view)
        self.view.activated.connect(lambda _i: self.edit_chosen())
        self.edit_button = QPushButton(self.tr("&Edit what it means…"))
        self.edit_button.setAccessibleName(self.tr("Edit what it means"))
        self.edit_button.clicked.connect(self.edit_chosen)
        self.count_label = QLabel()
        self.count_label.setAccessibleName(self.tr("Terms not mapped yet"))
        finding = QHBoxLayout()
        finding.addWidget(self.find_edit, 1)
        finding.addWidget(self.unmapped_check)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label, 1)
        buttons.addWidget(self.edit_button)
        column = QVBoxLayout(self)
        column.addWidget(
            hint(
                self.tr(
                    "Open Referral feeds tag each listing with terms (“Women's group”, "
                    "“Weight management”). This says which of the directory's kinds of help "
                    "each term means, so matching can find them. Terms are always kept as tags."
                )
            )
        )
        column.addLayout(finding)
        column.addWidget(self.view)
        column.addLayout(buttons)
        self._rows: list[TermRow] = []
        self.reload()

    def reload(self) -> None:
        """Read the table again."""
        self._rows = [entry_row(e) for e in self._service.entries()]
        waiting = sum(1 for r in self._rows if not r.mapping.mapped)
        self.count_label.setText(
            self.tr("Every term is mapped.")
            if not waiting
            else self.tr("{n} not mapped yet.").format(n=f"{waiting:,}")
        )
        self._show()

    def _show(self) -> None:
        wanted = term_key(self.find_edit.text())
        only_unmapped = self.unmapped_check.isChecked()
        self.model.set_rows(
            [
                r
                for r in self._rows
                if (not wanted or wanted in term_key(r.mapping.term))
                and not (only_unmapped and r.mapping.mapped)
            ]
        )
        self.edit_button.setEnabled(self.model.rowCount() > 0)
        if self.model.rowCount():
            self.view.selectRow(0)

    def chosen(self) -> TermRow | None:
        index = self.view.currentIndex()
        return self.model.summary(index.row()) if index.isValid() else None

    def edit_chosen(self) -> None:
        row = self.chosen()
        if row is None:
            return
        dialog = TermMappingDialog(self._service, row.mapping, self)
        if self._exec_dialog(dialog) and dialog.change is not None:
            self.reload()
            self._select(row.id)
            self.mapping_changed.emit(dialog.change)

    def _select(self, row_id: uuid.UUID) -> None:
        found = self.model.row_of(row_id)
        if found >= 0:
            self.view.selectRow(found)

    def _exec_dialog(self, dialog: QDialog) -> bool:
        """Run a dialog (tests replace this)."""
        return dialog.exec() == QDialog.DialogCode.Accepted


class UnmappedTermsDialog(QDialog):
    """After an import: the terms nobody has mapped, with the listings that use them."""

    def __init__(
        self,
        service: TaxonomyService,
        terms: Sequence[UnmappedTerm],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self.changes: list[MappingChange] = []
        self.setWindowTitle(self.tr("Terms not mapped yet"))
        self.setMinimumSize(720, 480)
        self.model = TermTableModel(self)
        self.model.set_rows([unmapped_row(t) for t in terms])
        self.view = row_table(self.model, self.tr("Terms not mapped yet"), sort_column=None)
        self.view.setColumnHidden(4, True)
        self.view.setColumnHidden(2, True)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.resizeColumnsToContents()
        self.editor = TermEditor(service.categories())
        self.map_button = QPushButton(self.tr("&Map this term"))
        self.map_button.setAccessibleName(self.tr("Map this term"))
        self.map_button.setDefault(True)
        self.map_button.clicked.connect(self.map_chosen)
        self.done_label = QLabel()
        self.done_label.setWordWrap(True)
        self.done_label.setAccessibleName(self.tr("Last term mapped"))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        self.close_button = close.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setText(self.tr("&Later"))
        self.close_button.setAccessibleName(self.tr("Map the rest later"))
        column = QVBoxLayout(self)
        column.addWidget(
            hint(
                self.tr(
                    "These terms from the import do not say yet which kind of help they are, "
                    "so matching cannot find their listings by kind. Choose a term, tick what "
                    "it means and press Map. You can also do it later in Settings."
                )
            )
        )
        column.addWidget(self.view, 1)
        column.addWidget(self.editor)
        row = QHBoxLayout()
        row.addWidget(self.done_label, 1)
        row.addWidget(self.map_button)
        column.addLayout(row)
        column.addWidget(close)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._chosen_changed())
        if self.model.rowCount():
            self.view.selectRow(0)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def chosen(self) -> TermRow | None:
        index = self.view.currentIndex()
        return self.model.summary(index.row()) if index.isValid() else None

    def _chosen_changed(self) -> None:
        row = self.chosen()
        self.editor.set_mapping(row.mapping if row else None)
        self.map_button.setEnabled(row is not None)

    def map_chosen(self) -> None:
        """Map the chosen term as ticked; it then leaves the list."""
        row = self.chosen()
        if row is None:
            return
        change = save_mapping(self, self._service, row.mapping, self.editor)
        if change is None:
            return
        self.changes.append(change)
        self.done_label.setText(change_words(self, change))
        left = [
            r for r in (self.model.summary(i) for i in range(self.model.rowCount())) if r != row
        ]
        self.model.set_rows(left)
        if left:
            self.view.selectRow(0)
        else:
            self._chosen_changed()
            self.close_button.setText(self.tr("&Close"))
            self.close_button.setAccessibleName(self.tr("Close"))
            self.close_button.setFocus()
