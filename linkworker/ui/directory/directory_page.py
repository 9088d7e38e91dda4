"""The Directory area: search, filters, the table, the detail pane and the actions.

A listing prints as a one-page sheet to hand over or pin up, and the chosen
category or area as a booklet, through the print preview.
"""

from __future__ import annotations

import logging
import uuid
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelection, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from linkworker.domain.directory import (
    AssetStatus,
    Cost,
    Day,
    DirectoryFacets,
    DirectoryFilter,
    JoinMode,
    SearchPage,
    SortKey,
)
from linkworker.errors import UserFacingError
from linkworker.ui.directory.asset_detail_widget import AssetDetailWidget
from linkworker.ui.directory.asset_table_model import ID_ROLE, AssetTableModel
from linkworker.ui.directory.directory_actions import DirectoryActions
from linkworker.ui.error_dialogs import show_user_error
from linkworker.ui.flow_layout import wrapping_row
from linkworker.ui.paged_table_model import row_table
from linkworker.ui.style import title_label
from linkworker.ui.workers import Tasks

if TYPE_CHECKING:
    from linkworker.services.context import Services
    from linkworker.services.directory import DirectoryService
    from linkworker.services.settings import SettingsStore

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 120


class DirectoryPage(DirectoryActions):
    """Find, read, add, edit, check and archive community assets.

    At start-up the window builds the page before the data is open (``services``
    None, ``settings`` given), may show the first page read without the services
    (:meth:`show_first_look`), then calls :meth:`attach`.
    """

    _services: Services
    _directory: DirectoryService

    def __init__(
        self,
        services: Services | None,
        tasks: Tasks,
        parent: QWidget | None = None,
        *,
        settings: SettingsStore | None = None,
    ) -> None:
        super().__init__(parent)
        chosen = services.settings if services is not None else settings
        assert chosen is not None, "a page without services yet is given the settings"
        self._settings = chosen
        self._tasks = tasks
        self._preparing = False
        #: Listings not archived: with none, printing a booklet has nothing to print.
        self._listed = 0
        #: The first page, read before the services opened: all the list has until attach().
        self._first_look = SearchPage((), 0)
        self._attached = False

        self.model = AssetTableModel(self._search, stale_months=self._stale_months(), parent=self)
        self._build()
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        if services is not None:
            self.attach(services)

    def attach(self, services: Services) -> None:
        """Work over ``services`` from now on: the choices in the filters, the list, duplicates."""
        self._services = services
        self._directory = services.directory
        self._attached = True
        self.refresh_facets()
        self.apply_filters()
        self.update_duplicates_action()

    def show_first_look(self, first: SearchPage, facets: DirectoryFacets) -> None:
        """Show the first page by name and the filters' choices, read before the services
        opened; attach() follows."""
        self._first_look = first
        self._show_facets(facets)
        self.apply_filters()

    def _search(
        self, flt: DirectoryFilter, sort: SortKey, descending: bool, limit: int, offset: int
    ) -> SearchPage:
        if not self._attached:
            first = self._first_look
            return first if offset == 0 else SearchPage((), first.total)
        return self._directory.search(flt, sort, descending, limit, offset)

    # Building --------------------------------------------------------------

    def _build(self) -> None:
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(
            self.tr("Search by name, activity, interest or place (Ctrl+F)")
        )
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName(self.tr("Search the directory"))
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())
        self.search_edit.returnPressed.connect(self._open_first_result)

        self.add_button = QPushButton(self.tr("&Add asset"))
        self.add_button.setAccessibleName(self.tr("Add asset to the community directory (Ctrl+N)"))
        self.add_button.setToolTip(self.tr("Add a community asset (Ctrl+N)"))
        self.add_button.clicked.connect(self.add_asset)

        self.more_button = QToolButton()
        self.more_button.setText(self.tr("Import or export"))
        self.more_button.setAccessibleName(self.tr("Import or export the directory"))
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.oruk_import_action = QAction(self.tr("Import or refresh from Open Referral…"), self)
        self.oruk_import_action.triggered.connect(self.import_open_referral)
        self.import_action = QAction(self.tr("Import from a spreadsheet (CSV)…"), self)
        self.import_action.triggered.connect(self.import_csv)
        self.export_action = QAction(self.tr("Export the assets shown…"), self)
        self.export_action.setToolTip(
            self.tr("Save the assets shown as an Open Referral UK file or as a spreadsheet")
        )
        self.export_action.triggered.connect(lambda _checked=False: self.export_assets())
        self.duplicates_action = QAction(self.tr("Possible duplicates…"), self)
        self.duplicates_action.triggered.connect(self.show_duplicates)
        menu_separator = QAction(self)
        menu_separator.setSeparator(True)
        last_separator = QAction(self)
        last_separator.setSeparator(True)
        self.more_button.addActions(
            [
                self.oruk_import_action,
                self.import_action,
                menu_separator,
                self.export_action,
                last_separator,
                self.duplicates_action,
            ]
        )

        self.sheet_button = QPushButton(self.tr("Print &sheet…"))
        self.sheet_button.setAccessibleName(self.tr("Print sheet for the chosen asset (Ctrl+P)"))
        self.sheet_button.setToolTip(
            self.tr("One page about the chosen asset, to hand over or pin up (Ctrl+P)")
        )
        self.sheet_button.clicked.connect(self.print_sheet)
        self.booklet_button = QPushButton(self.tr("Print &booklet…"))
        self.booklet_button.setAccessibleName(self.tr("Print booklet of assets"))
        self.booklet_button.clicked.connect(self.print_booklet)

        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.add_button)
        top.addWidget(self.sheet_button)
        top.addWidget(self.booklet_button)
        top.addWidget(self.more_button)

        self.category_combo = self._combo(self.tr("Category"), self.tr("Any category"))
        self.cost_combo = self._combo(
            self.tr("Cost"), self.tr("Any cost"), [(self.tr(c.label), c) for c in Cost]
        )
        self.join_combo = self._combo(
            self.tr("How to join"),
            self.tr("Any way to join"),
            [(self.tr(j.label), j) for j in JoinMode],
        )
        self.day_combo = self._combo(
            self.tr("Day"), self.tr("Any day"), [(self.tr(d.label), d) for d in Day]
        )
        self.area_combo = self._combo(self.tr("Area"), self.tr("Any area"))
        self.status_combo = self._combo(
            self.tr("Status"), self.tr("Any status"), [(self.tr(s.label), s) for s in AssetStatus]
        )
        self.stale_check = QCheckBox(self.tr("Not checked for over"))
        self.stale_check.setAccessibleName(
            self.tr("Not checked for over the months set: only those")
        )
        self.stale_check.toggled.connect(self.apply_filters)
        self.stale_spin = QSpinBox()
        self.stale_spin.setRange(1, 60)
        self.stale_spin.setValue(self._stale_months())
        self.stale_spin.setSuffix(self.tr(" months"))
        self.stale_spin.setAccessibleName(self.tr("Months since last checked"))
        self.stale_spin.valueChanged.connect(self._stale_changed)
        self.clear_button = QPushButton(self.tr("Clear filters"))
        self.clear_button.setAccessibleName(self.tr("Clear filters and search"))
        self.clear_button.clicked.connect(self.clear_filters)

        stale = QWidget()
        stale_row = QHBoxLayout(stale)
        stale_row.setContentsMargins(8, 0, 0, 0)
        stale_row.addWidget(self.stale_check)
        stale_row.addWidget(self.stale_spin)
        # On a narrow screen or with a big font the filters wrap onto a second line.
        self.filter_combos = (
            self.category_combo,
            self.cost_combo,
            self.join_combo,
            self.day_combo,
            self.area_combo,
            self.status_combo,
        )
        filters = wrapping_row([*self.filter_combos, stale], right=[self.clear_button])

        self.table = row_table(self.model, self.tr("Community assets"))
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((220, 140, 165, 52, 72, 100, 104, 62)):
            header.resizeSection(column, width)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _i: self.edit_current())
        self.table.activated.connect(lambda _i: self.edit_current())

        self.detail = AssetDetailWidget(self._stale_months)
        self.detail.edit_requested.connect(self.edit_current)
        self.detail.verify_requested.connect(self.verify_current)
        self.detail.archive_requested.connect(self.archive_current)

        self.count_label = QLabel()
        self.count_label.setAccessibleName(self.tr("Number of results"))
        self.count_label.setStyleSheet("color:#444")

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count_label)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([760, 400])
        self.detail.setMinimumWidth(300)

        title = title_label(self.tr("Community directory"))
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(top)
        layout.addWidget(filters)
        layout.addWidget(self.splitter, 1)

        QShortcut(QKeySequence.StandardKey.Find, self, self.focus_search)
        QShortcut(QKeySequence.StandardKey.New, self, self.add_asset)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_sheet)
        QShortcut(
            QKeySequence(Qt.Key.Key_Escape),
            self,
            self.clear_search,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )

    def _combo(
        self, name: str, any_text: str, items: list[tuple[str, object]] | None = None
    ) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.setToolTip(name)
        combo.addItem(any_text, None)
        for text, value in items or []:
            combo.addItem(text, value)
        combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        return combo

    # Filters ---------------------------------------------------------------

    def _stale_months(self) -> int:
        return int(self._settings.get("stale_months") or 12)

    def _stale_changed(self, months: int) -> None:
        self._settings.set("stale_months", months)
        self.model.set_stale_months(months)
        self.detail.show_detail(self.detail.detail)
        if self.stale_check.isChecked():
            self.apply_filters()

    def current_filter(self) -> DirectoryFilter:
        # Qt hands enum data back as plain str/int, so each is turned back into its enum.
        def data(combo: QComboBox, kind: Any) -> Any:
            value = combo.currentData()
            return None if value is None else kind(value)

        return DirectoryFilter(
            text=self.search_edit.text(),
            category=self.category_combo.currentData(),
            cost=data(self.cost_combo, Cost),
            join_mode=data(self.join_combo, JoinMode),
            day=data(self.day_combo, Day),
            district=self.area_combo.currentData(),
            status=data(self.status_combo, AssetStatus),
            stale_months=self.stale_spin.value() if self.stale_check.isChecked() else None,
        )

    def apply_filters(self) -> None:
        """Run the search now with the current text and filters."""
        self._search_timer.stop()
        selected = self._selected_id()
        try:
            self.model.set_filter(self.current_filter())
        except UserFacingError as exc:
            show_user_error(self, exc)
            return
        self._update_count()
        self._update_print_buttons()
        row = self.model.row_of(selected) if selected else -1
        if row >= 0:
            self.table.selectRow(row)
        elif selected is not None:
            self.detail.show_detail(None)

    def refresh_facets(self) -> None:
        self._show_facets(self._directory.facets())

    def _show_facets(self, facets: DirectoryFacets) -> None:
        self._listed = facets.total_assets
        for combo, values in (
            (self.category_combo, facets.categories),
            (self.area_combo, facets.districts),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for value in values:
                combo.addItem(value, value)
            index = combo.findData(current) if current else 0
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def clear_filters(self) -> None:
        for combo in self.filter_combos:
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.stale_check.blockSignals(True)
        self.stale_check.setChecked(False)
        self.stale_check.blockSignals(False)
        self.search_edit.blockSignals(True)
        self.search_edit.clear()
        self.search_edit.blockSignals(False)
        self.apply_filters()

    def clear_search(self) -> None:
        """Esc: clear the search box (or, if it is empty, the filters)."""
        if self.search_edit.text():
            self.search_edit.clear()
            self.apply_filters()
        else:
            self.clear_filters()
        self.focus_search()

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def _update_count(self) -> None:
        total = self.model.total
        flt = self.model.current_filter
        filtered = flt != DirectoryFilter(today=flt.today)
        if total == 0:
            text = (
                self.tr("No assets match. Try fewer words or clear the filters.")
                if filtered
                else self.tr("The directory is empty. Add an asset or import a file.")
            )
        elif total == 1:
            text = self.tr("1 asset")
        else:
            text = self.tr("{n} assets").format(n=f"{total:,}")
        self.count_label.setText(text)
        self.export_action.setEnabled(total > 0)
        self.detail.set_empty_directory(total == 0 and not filtered)

    # Selection and actions ---------------------------------------------------

    def _selected_id(self) -> uuid.UUID | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ID_ROLE) if rows else None

    def _selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        asset_id = self._selected_id()
        self._update_print_buttons()
        if asset_id is None:
            self.detail.show_detail(None)
            return
        try:
            self.detail.show_detail(self._directory.get(asset_id))
        except UserFacingError as exc:
            self.detail.show_detail(None)
            show_user_error(self, exc)

    def _open_first_result(self) -> None:
        self.apply_filters()
        if self.model.rowCount() > 0:
            self.table.selectRow(0)
            self.table.setFocus()

    def select_asset(self, asset_id: uuid.UUID) -> None:
        row = self.model.row_of(asset_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
