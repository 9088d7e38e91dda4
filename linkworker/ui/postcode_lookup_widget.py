"""The "Postcode lookup" section of Settings: load a postcode file so distances are in miles.

Shows how many postcodes are loaded and how many places and people they put on
the map; imports an ONS Postcode Directory or Code-Point Open file in the
background, with a progress bar and Cancel, and then says what it did.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from linkworker.domain.postcode_lookup import GeoCoverage, GeoImportReport, parse_outward_codes
from linkworker.domain.validation import InvalidValue
from linkworker.errors import UserFacingError
from linkworker.services.geo import ReadCancelled
from linkworker.ui.form_fields import hint

if TYPE_CHECKING:
    from linkworker.services.geo import GeoService
    from linkworker.ui.workers import TaskHandle, Tasks

#: Invalid rows named in the report under the summary.
ROWS_SHOWN = 3


class PostcodeLookupWidget(QGroupBox):
    """Loads a postcode lookup file and says how much of the directory and caseload it places."""

    #: A lookup was imported (the GeoImportReport): suggestions may now show miles.
    lookup_imported = Signal(object)

    def __init__(self, geo: GeoService, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._geo = geo
        self._tasks = tasks
        self._import: TaskHandle | None = None
        self.setTitle(self.tr("Postcode lookup"))
        self.setAccessibleName(self.tr("Postcode lookup"))

        explain = hint(
            self.tr(
                "Distances in miles need a postcode lookup: the ONS Postcode Directory or "
                "Ordnance Survey Code-Point Open, both free to download. Without one, "
                "suggestions judge nearness from the postcodes alone."
            )
        )
        self.coverage_label = QLabel(self.tr("Counting postcodes…"))
        self.coverage_label.setWordWrap(True)
        self.coverage_label.setAccessibleName(self.tr("What the postcode lookup covers"))

        self.outward_edit = QLineEdit()
        self.outward_edit.setAccessibleName(self.tr("Only these outward codes"))
        self.outward_edit.setPlaceholderText(self.tr("e.g. CH65, CH66 or CH; empty for all"))
        self.outward_edit.setToolTip(
            self.tr(
                "Load only the postcodes in these districts or areas: quicker, and enough "
                "for the places and people near you."
            )
        )
        outward_label = QLabel(self.tr("&Only these outward codes"))
        outward_label.setBuddy(self.outward_edit)

        self.import_button = QPushButton(self.tr("&Import postcode file…"))
        self.import_button.setAccessibleName(self.tr("Import postcode file: a postcode lookup"))
        self.import_button.clicked.connect(self.choose_file)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel the postcode import"))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Postcode import progress"))
        self.progress.hide()
        self.report_label = QLabel()
        self.report_label.setWordWrap(True)
        self.report_label.setTextFormat(Qt.TextFormat.PlainText)
        self.report_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.report_label.setAccessibleName(self.tr("What the last postcode import did"))
        self.report_label.hide()

        codes_row = QHBoxLayout()
        codes_row.addWidget(outward_label)
        codes_row.addWidget(self.outward_edit, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(0)
        column = QVBoxLayout(self)
        column.addWidget(explain)
        column.addWidget(self.coverage_label)
        column.addLayout(codes_row)
        column.addLayout(buttons)
        column.addWidget(self.report_label)
        self.setTabOrder(self.outward_edit, self.import_button)
        self.setTabOrder(self.import_button, self.cancel_button)

    def showEvent(self, event: QShowEvent) -> None:
        """Count afresh each time Settings is opened (not while the window starts)."""
        super().showEvent(event)
        self.refresh()

    def _say(self, text: str) -> None:
        self.report_label.setText(text)
        self.report_label.setVisible(bool(text))

    # What is loaded ---------------------------------------------------------------

    def refresh(self) -> None:
        """Count, in the background, what the lookup holds and places."""
        self._tasks.start(self._geo.coverage, self._show_coverage, self._coverage_failed)

    def _show_coverage(self, found: GeoCoverage) -> None:
        if isValid(self):
            self.coverage_label.setText(self.coverage_text(found))

    def _coverage_failed(self, exc: BaseException) -> None:
        if not isValid(self):
            return
        if not isinstance(exc, UserFacingError):
            raise exc
        self.coverage_label.setText(exc.message)

    def coverage_text(self, found: GeoCoverage) -> str:
        """``12,345 postcodes loaded. 18 of 20 places ... 5 of 9 people ...`` in plain words."""
        if not found.postcodes:
            first = self.tr("No postcode lookup is loaded yet.")
        elif found.postcodes == 1:
            first = self.tr("1 postcode is loaded.")
        else:
            first = self.tr("{n} postcodes are loaded.").format(n=f"{found.postcodes:,}")
        places = self.tr("{located} of {total} places in the directory have a map position.")
        people = self.tr("{located} of {total} people with a postcode have it on the map.")
        return " ".join(
            (
                first,
                places.format(located=f"{found.places_located:,}", total=f"{found.places:,}"),
                people.format(
                    located=f"{found.people_located:,}", total=f"{found.people_with_postcode:,}"
                ),
            )
        )

    # Importing --------------------------------------------------------------------

    def choose_file(self) -> None:
        """Ask for the file, then import it."""
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import a postcode lookup file"),
            "",
            self.tr("Postcode lookup files (*.csv *.zip);;All files (*)"),
        )
        if path:
            self.start_import(Path(path))

    def start_import(self, path: Path) -> None:
        """Import ``path`` in the background, keeping only the outward codes typed."""
        try:
            codes = parse_outward_codes(self.outward_edit.text())
        except InvalidValue as exc:
            self._say(str(exc))
            self.outward_edit.setFocus()
            return
        self.import_button.setEnabled(False)
        self.outward_edit.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.cancel_button.show()
        self.progress.setRange(0, 0)
        self.progress.show()
        self._say(self.tr("Reading {name}…").format(name=path.name))

        # Called as import_lookup(path, codes, progress, cancelled).
        work = functools.partial(self._geo.import_lookup, path, codes)
        self._import = self._tasks.start(
            work, self._imported, self._failed, self._progressed, writes=True, cancellable=True
        )

    def cancel(self) -> None:
        """Stop the import at its next pause; nothing is written."""
        if self._import is not None:
            self._import.cancel()
        self.cancel_button.setEnabled(False)
        self._say(self.tr("Stopping…"))

    def _progressed(self, done: int, total: int) -> None:
        if isValid(self):
            self.progress.setRange(0, max(1, total))
            self.progress.setValue(min(done, total))

    def _finish(self) -> None:
        self.import_button.setEnabled(True)
        self.outward_edit.setEnabled(True)
        self.cancel_button.hide()

    def _imported(self, report: GeoImportReport) -> None:
        if not isValid(self):
            return
        self._finish()
        self.progress.setRange(0, max(1, self.progress.maximum()))
        self.progress.setValue(self.progress.maximum())
        self._say(self.report_text(report))
        self.refresh()
        self.lookup_imported.emit(report)

    def _failed(self, exc: BaseException) -> None:
        if not isValid(self):
            return
        self._finish()
        self.progress.hide()
        if isinstance(exc, ReadCancelled):
            self._say(self.tr("Import cancelled. The postcode lookup was left as it was."))
        elif isinstance(exc, UserFacingError):
            self._say(f"{exc.message} {exc.advice}".strip())
        else:
            raise exc

    def report_text(self, report: GeoImportReport) -> str:
        """What an import did, in plain words."""
        count = f"{report.imported:,}"
        if report.outward_codes:
            codes = ", ".join(report.outward_codes)
            if report.imported == 1:
                loaded = self.tr("Loaded 1 postcode for {codes}").format(codes=codes)
            else:
                loaded = self.tr("Loaded {n} postcodes for {codes}").format(n=count, codes=codes)
        elif report.imported == 1:
            loaded = self.tr("Loaded 1 postcode")
        else:
            loaded = self.tr("Loaded {n} postcodes").format(n=count)
        skipped = [
            text.format(n=f"{n:,}")
            for n, text in (
                (report.skipped_terminated, self.tr("{n} terminated")),
                (report.skipped_no_location, self.tr("{n} without a location")),
                (report.skipped_invalid, self.tr("{n} that could not be read")),
            )
            if n
        ]
        if skipped:
            loaded += self.tr("; skipped {list}.").format(list=", ".join(skipped))
        else:
            loaded += "."
        lines = [loaded]
        if report.assets_located == 1:
            lines.append(self.tr("1 place in the directory now has a map position."))
        elif report.assets_located:
            lines.append(
                self.tr("{n} places in the directory now have map positions.").format(
                    n=f"{report.assets_located:,}"
                )
            )
        if report.people_with_location == 1:
            lines.append(self.tr("1 person on the caseload has a postcode on the map."))
        elif report.people_with_location:
            lines.append(
                self.tr("{n} people on the caseload have a postcode on the map.").format(
                    n=f"{report.people_with_location:,}"
                )
            )
        text = " ".join(lines)
        for bad in report.invalid_examples[:ROWS_SHOWN]:
            text += "\n" + self.tr("Could not read {where}: {why}").format(
                where=bad.label, why=bad.message
            )
        for note in report.notes:
            text += "\n" + note
        return text
