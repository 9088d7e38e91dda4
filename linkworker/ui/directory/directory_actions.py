"""What can be done in the Directory: add, edit, check and archive an asset; import,
export and look through possible duplicates; print a sheet or a booklet.

:class:`DirectoryActions` holds these; ``DirectoryPage`` builds the page on it, with its
search, filters and table.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QWidget,
)

from linkworker.domain.directory import AssetDetail, DirectoryFilter
from linkworker.errors import UserFacingError
from linkworker.printing.snapshots import PrintOptions
from linkworker.ui.directory.asset_detail_widget import AssetDetailWidget
from linkworker.ui.directory.asset_table_model import AssetTableModel
from linkworker.ui.error_dialogs import show_user_error
from linkworker.ui.workers import Tasks

if TYPE_CHECKING:
    from linkworker.domain.taxonomy_map import UnmappedTerm
    from linkworker.services.context import Services
    from linkworker.services.directory import DirectoryService
    from linkworker.services.directory_export import ExportFormat
    from linkworker.services.settings import SettingsStore

log = logging.getLogger(__name__)


class DirectoryActions(QWidget):
    """The actions of the Directory page; ``directory_changed`` says an asset was added,
    changed, archived or imported."""

    directory_changed = Signal()

    _services: Services
    _directory: DirectoryService
    _settings: SettingsStore
    _tasks: Tasks
    _preparing: bool
    _listed: int
    model: AssetTableModel
    table: QTableView
    detail: AssetDetailWidget
    search_edit: QLineEdit
    count_label: QLabel
    category_combo: QComboBox
    area_combo: QComboBox
    sheet_button: QPushButton
    booklet_button: QPushButton
    duplicates_action: QAction

    # What the page says is shown and chosen (DirectoryPage) ---------------

    def refresh_facets(self) -> None:
        raise NotImplementedError

    def apply_filters(self) -> None:
        raise NotImplementedError

    def current_filter(self) -> DirectoryFilter:
        raise NotImplementedError

    def _update_count(self) -> None:
        raise NotImplementedError

    def _selected_id(self) -> uuid.UUID | None:
        raise NotImplementedError

    # Adding, editing, checking and archiving ------------------------------

    def _exec_dialog(self, dialog: QWidget) -> bool:
        """Run a modal dialog; tests replace this to drive the dialog themselves."""
        return bool(dialog.exec())  # type: ignore[attr-defined]

    def add_asset(self) -> None:
        self._open_form(None)

    def edit_current(self) -> None:
        detail = self.detail.detail
        if detail is not None:
            self._open_form(detail)

    def _open_form(self, detail: AssetDetail | None) -> None:
        from linkworker.ui.directory.asset_form_dialog import AssetFormDialog

        dialog = AssetFormDialog(
            self._directory.save,
            detail,
            categories=self._directory.facets().categories,
            parent=self,
        )
        if self._exec_dialog(dialog) and dialog.saved is not None:
            self._after_change(dialog.saved.id)

    def verify_current(self) -> None:
        detail = self.detail.detail
        if detail is None:
            return
        by = self._services.workers.name_for_records(str(self._settings.get("user_name") or ""))
        try:
            updated = self._directory.mark_verified(detail.id, by)
        except UserFacingError as exc:
            show_user_error(self, exc)
            return
        self._after_change(updated.id)

    def archive_current(self, archive: bool) -> None:
        detail = self.detail.detail
        if detail is None:
            return
        if archive and not self._confirm(
            self.tr("Archive “{name}”?").format(name=detail.name),
            self.tr(
                "It will be hidden from searches and suggestions. Nothing is deleted, "
                "and you can restore it."
            ),
        ):
            return
        try:
            self._directory.archive(detail.id, archive)
        except UserFacingError as exc:
            show_user_error(self, exc)
            return
        self.refresh_facets()
        self.apply_filters()
        self.detail.show_detail(None)
        self.directory_changed.emit()

    def _confirm(self, question: str, detail: str) -> bool:
        """Ask yes/no; tests replace this."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Please confirm"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setInformativeText(detail)
        return box.exec() == QMessageBox.StandardButton.Yes

    def _after_change(self, asset_id: uuid.UUID) -> None:
        self.refresh_facets()
        self.apply_filters()
        row = self.model.row_of(asset_id)
        if row < 0 and self.model.current_filter.text:
            # The saved asset no longer matches the search: show it anyway.
            self.search_edit.blockSignals(True)
            self.search_edit.clear()
            self.search_edit.blockSignals(False)
            self.apply_filters()
            row = self.model.row_of(asset_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        else:
            self.detail.show_detail(self._directory.get(asset_id))
        self.directory_changed.emit()

    # Import and export -----------------------------------------------------

    def _choose_import_file(self) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import a directory file"),
            str(Path.home()),
            self.tr("CSV files (*.csv);;All files (*)"),
        )
        return Path(name) if name else None

    def _choose_export_file(self) -> tuple[Path, ExportFormat] | None:
        """Where to save and in which format (from the chosen filter, else the name's ending)."""
        from linkworker.services.directory_export import ExportFormat

        suggested = Path.home() / f"directory-{dt.date.today():%Y-%m-%d}.json"
        json_filter = self.tr("Open Referral UK file (*.json)")
        csv_filter = self.tr("Spreadsheet (*.csv)")
        name, chosen = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the directory"),
            str(suggested),
            f"{json_filter};;{csv_filter}",
            json_filter,
        )
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() == ".csv":
            fmt = ExportFormat.CSV
        elif path.suffix.lower() == ".json":
            fmt = ExportFormat.ORUK_JSON
        else:
            fmt = ExportFormat.CSV if chosen == csv_filter else ExportFormat.ORUK_JSON
            path = path.with_name(path.name + fmt.suffix)
        return path, fmt

    def import_csv(self, path: Path | None = None) -> None:
        from linkworker.ui.import_dialog import DirectoryImportDialog

        path = path or self._choose_import_file()
        if path is None:
            return
        dialog = DirectoryImportDialog(self._directory, self._tasks, path, parent=self)
        if self._exec_dialog(dialog):
            self.refresh_facets()
            self.apply_filters()
            self.directory_changed.emit()

    def import_open_referral(self) -> None:
        """Import or refresh from an Open Referral file, folder or feed."""
        from linkworker.ui.directory.exchange_dialog import OpenReferralImportDialog

        dialog = OpenReferralImportDialog(self._services.directory_import, self._tasks, self)
        dialog.imported.connect(lambda _report: self._after_import())
        self._exec_dialog(dialog)
        report = dialog.done_report
        if report is not None and report.unmapped_terms:
            self.offer_term_mapping(report.unmapped_terms)

    def offer_term_mapping(self, terms: Sequence[UnmappedTerm]) -> None:
        """After an import: the terms nobody has mapped, with their listings, to map now."""
        from linkworker.ui.directory.taxonomy_widgets import UnmappedTermsDialog

        dialog = UnmappedTermsDialog(self._services.taxonomy, terms, self)
        self._exec_dialog(dialog)
        if dialog.changes:
            self._after_import()

    def _after_import(self) -> None:
        self.refresh_facets()
        self.apply_filters()
        self.update_duplicates_action()
        self.directory_changed.emit()

    def update_duplicates_action(self) -> None:
        """Show how many pairs are waiting in the menu, and offer the list only when there are."""
        count = len(self._services.directory_import.duplicates())
        self.duplicates_action.setText(self.tr("Possible duplicates ({n})…").format(n=f"{count:,}"))
        self.duplicates_action.setEnabled(count > 0)

    def show_duplicates(self) -> None:
        from linkworker.ui.directory.duplicates_dialog import DuplicatesDialog

        dialog = DuplicatesDialog(self._services.directory_import, self)
        dialog.changed.connect(self._after_import)
        self._exec_dialog(dialog)
        self.update_duplicates_action()

    def export_csv(self, path: Path | None = None) -> None:
        """Export the assets shown as a spreadsheet (asks where when no path is given)."""
        from linkworker.services.directory_export import ExportFormat

        self.export_assets(path, ExportFormat.CSV if path is not None else None)

    def export_assets(self, path: Path | None = None, fmt: ExportFormat | None = None) -> None:
        """Export the assets shown, as Open Referral UK 3.0 JSON or as a spreadsheet."""
        from linkworker.services.directory_export import ExportFormat, export_directory

        if path is None:
            chosen = self._choose_export_file()
            if chosen is None:
                return
            path, fmt = chosen
        if fmt is None:
            fmt = ExportFormat.CSV if path.suffix.lower() == ".csv" else ExportFormat.ORUK_JSON
        target, kind = path, fmt
        flt = self.current_filter()  # exactly the assets shown
        team = str(self._settings.get("team_name") or "")
        self.count_label.setText(self.tr("Exporting…"))

        def done(count: int) -> None:
            self._update_count()
            self._notify(
                self.tr("Exported {n} assets to {path} as {what}.").format(
                    n=f"{count:,}", path=target, what=self.tr(kind.label)
                )
            )

        def failed(exc: BaseException) -> None:
            self._update_count()
            if isinstance(exc, UserFacingError):
                show_user_error(self, exc)
            else:
                raise exc

        self._tasks.start(
            lambda: export_directory(self._directory, target, kind, flt, source_name=team),
            done,
            failed,
        )

    # Printing --------------------------------------------------------------

    def booklet_choice(self) -> tuple[str | None, str | None]:
        """The category and area the booklet is for (None, None: the whole directory)."""
        return self.category_combo.currentData(), self.area_combo.currentData()

    def _booklet_words(self) -> str:
        category, area = self.booklet_choice()
        if category and area:
            return self.tr("{category} near {area}").format(category=category, area=area)
        if category:
            return str(category)
        if area:
            return self.tr("community groups near {0}").format(area)
        return self.tr("all community groups")

    def _update_print_buttons(self) -> None:
        self.sheet_button.setEnabled(self._selected_id() is not None and not self._preparing)
        self.booklet_button.setEnabled(self._listed > 0 and not self._preparing)
        self.booklet_button.setToolTip(
            self.tr(
                "A booklet of {0}: the assets running now, with a contents page. "
                "Choose a category or an area to narrow it."
            ).format(self._booklet_words())
        )

    def _set_preparing(self, preparing: bool) -> None:
        self._preparing = preparing
        self._update_print_buttons()

    def print_sheet(self) -> None:
        """Preview a one-page sheet for the chosen asset (Ctrl+P)."""
        asset_id = self._selected_id()
        if asset_id is None or self._preparing:
            return
        name = self.model.summary(self.table.selectionModel().selectedRows()[0].row()).name
        documents = self._services.documents
        self._preview(
            lambda options: documents.asset_sheet_pdf(asset_id, options),
            title=self.tr("Sheet: {0}").format(name),
            suggested_name=self.tr("{0} - sheet").format(name),
        )

    def print_booklet(self) -> None:
        """Preview a booklet for the chosen category or area, else the whole directory."""
        if self._preparing:
            return
        category, area = self.booklet_choice()
        documents = self._services.documents
        words = self._booklet_words()
        self._preview(
            lambda options: documents.booklet_pdf(
                category=category, district=area, options=options
            ),
            title=self.tr("Booklet: {0}").format(words),
            suggested_name=self.tr("Booklet - {0}").format(words),
        )

    def _preview(self, render: Any, *, title: str, suggested_name: str) -> None:
        from linkworker.ui.printing.preview_dialog import open_preview

        open_preview(
            self,
            self._tasks,
            render,
            PrintOptions(),
            title=title,
            suggested_name=suggested_name,
            run=self._exec_dialog,
            show_error=lambda exc: show_user_error(self, exc),
            busy=self._set_preparing,
        )

    def _notify(self, message: str) -> None:
        window = self.window()
        status = getattr(window, "statusBar", None)
        if callable(status):
            status().showMessage(message, 8000)
        log.info(message)
