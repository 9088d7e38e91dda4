"""The Reports area: choose a report and a period, make it, read it, save it.

The page is given the reports service's ``build(kind, period, progress)`` and ``save``,
and runs ``build`` in the background while a bar shows how far it has got (the step it is
counting, of the report's steps), so the window keeps answering on a large caseload. What
is on screen is one :class:`~linkworker.domain.reports.Report`; Save as PDF and Save as
CSV hand that same value to ``save``, so a saved report is always the one that was read.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from linkworker.domain.dates import long_date
from linkworker.domain.reports import STEPS, Period, Progress, Report, ReportKind
from linkworker.errors import ExportFailed, UserFacingError
from linkworker.ui.form_fields import combo
from linkworker.ui.reports.period_picker import PeriodError, PeriodPicker
from linkworker.ui.reports.report_view import ReportView
from linkworker.ui.style import hint_css, title_label

if TYPE_CHECKING:
    from linkworker.services.context import Services
    from linkworker.ui.workers import Tasks

log = logging.getLogger(__name__)

#: Makes one report, telling ``progress(done, total)`` as it goes: the service's ``build``.
MakeReport = Callable[[ReportKind, Period, Progress], Report]
#: Saves a report as its file's ending says (.pdf or .csv): the service's ``save``.
SaveReport = Callable[[Report, Path], None]

UNAVAILABLE = "Reports are not available in this version of Link Worker."


def report_functions(services: Services) -> tuple[MakeReport, SaveReport]:
    """The reports service's ``build`` and ``save`` (each save noted as an export)."""
    service = services.reports
    return service.build, service.save


def file_stem(report: Report) -> str:
    """'activity-2026-11-01-to-2026-11-30': says which report and when, safe on any system."""
    period = report.period
    when = f"{period.start:%Y-%m-%d}" + ("" if period.days == 1 else f"-to-{period.end:%Y-%m-%d}")
    return re.sub(r"[^a-z0-9-]+", "-", f"{report.kind.value}-{when}")


class ReportsPage(QWidget):
    """Pick, make, read and save the team's reports."""

    def __init__(
        self,
        make: MakeReport | None,
        save: SaveReport | None,
        tasks: Tasks,
        *,
        today: dt.date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Reports"))
        self._make = make
        self._save_report = save
        self._tasks = tasks
        self._generation = 0
        self.report: Report | None = None

        self.kind_box = combo(
            self.tr("Report"), [(self.tr(kind.label), kind) for kind in ReportKind]
        )
        kind_label = QLabel(self.tr("&Report:"))
        kind_label.setBuddy(self.kind_box)
        self.picker = PeriodPicker(today)
        self.make_button = QPushButton(self.tr("&Make report"))
        self.make_button.setAccessibleName(self.tr("Make report"))
        self.make_button.setDefault(True)
        self.make_button.clicked.connect(self.make_report)
        self.pdf_button = QPushButton(self.tr("Save as P&DF…"))
        self.pdf_button.setAccessibleName(self.tr("Save as PDF…"))
        self.pdf_button.clicked.connect(self.save_pdf)
        self.csv_button = QPushButton(self.tr("Save as &CSV…"))
        self.csv_button.setAccessibleName(self.tr("Save as CSV…"))
        self.csv_button.clicked.connect(self.save_csv)

        choose = QHBoxLayout()
        choose.setSpacing(6)
        choose.addWidget(kind_label)
        choose.addWidget(self.kind_box)
        choose.addSpacing(12)
        choose.addWidget(self.picker)
        choose.addSpacing(6)
        choose.addWidget(self.make_button)
        choose.addStretch(1)

        self.busy_bar = QProgressBar()
        self.busy_bar.setAccessibleName(self.tr("Making the report"))
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(220)
        self.busy_bar.setFormat(self.tr("%v of %m"))
        self.busy_bar.hide()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(hint_css())
        status = QHBoxLayout()
        status.addWidget(self.busy_bar)
        status.addWidget(self.message, 1)
        status.addWidget(self.pdf_button)
        status.addWidget(self.csv_button)

        self.view = ReportView()
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(self.view)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        top = QHBoxLayout()
        top.addWidget(title_label(self.tr("Reports")))
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addLayout(choose)
        layout.addLayout(status)
        layout.addWidget(self.scroll_area, 1)

        self.picker.changed.connect(lambda: self.message.setText(""))
        self._set_saving_enabled()
        if make is None:
            for widget in (self.kind_box, self.picker, self.make_button):
                widget.setEnabled(False)
            self.message.setText(self.tr(UNAVAILABLE))
        else:
            self.message.setText(self.tr("Choose a report and a period, then Make report."))

    # Making ------------------------------------------------------------------------

    @property
    def kind(self) -> ReportKind:
        return ReportKind(self.kind_box.currentData())

    def focus_search(self) -> None:
        """On showing the page: the report's choice takes the keys."""
        self.kind_box.setFocus(Qt.FocusReason.OtherFocusReason)

    def make_report(self) -> None:
        """Make the chosen report for the chosen period, in the background."""
        if self._make is None or not self.make_button.isEnabled():
            return
        try:
            period = self.picker.period()
        except PeriodError as exc:
            self.message.setText(str(exc))
            return
        make, kind = self._make, self.kind
        self._generation += 1
        generation = self._generation
        self._set_busy(True)
        self.busy_bar.setRange(0, 0)
        self.message.setText(
            self.tr("Making the {report} report for {period}…").format(
                report=self.tr(kind.label), period=period.label
            )
        )
        self._tasks.start(
            lambda progress: make(kind, period, progress),
            lambda report: self._made(generation, report),
            lambda exc: self._failed(generation, exc),
            on_progress=lambda done, total: self._progressed(generation, kind, done, total),
        )

    def _progressed(self, generation: int, kind: ReportKind, done: int, total: int) -> None:
        """The bar and the words follow the report's steps: 'Counting contacts (3 of 6)…'."""
        if generation != self._generation:
            return
        self.busy_bar.setRange(0, total)
        self.busy_bar.setValue(done)
        steps = STEPS[kind]
        if done < min(total, len(steps)):
            self.message.setText(
                self.tr("Counting {what} ({step} of {steps})…").format(
                    what=self.tr(steps[done]), step=done + 1, steps=total
                )
            )
        else:
            self.message.setText(self.tr("Putting the report together…"))

    def _set_busy(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy)
        self.make_button.setEnabled(not busy)
        self._set_saving_enabled(busy)

    def _set_saving_enabled(self, busy: bool = False) -> None:
        shown = self.report is not None and not busy and self._save_report is not None
        self.pdf_button.setEnabled(shown)
        self.csv_button.setEnabled(shown)

    def _made(self, generation: int, report: Report) -> None:
        if generation != self._generation:
            return
        self.show_report(report)
        self._set_busy(False)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._set_busy(False)
        if isinstance(exc, UserFacingError):
            self.message.setText(exc.message)
            return
        self.message.setText(self.tr("The report could not be made."))
        raise exc

    def show_report(self, report: Report) -> None:
        """Show ``report`` (made here, or given by a test) and offer to save it."""
        self.report = report
        self.view.show_report(report)
        self.scroll_area.verticalScrollBar().setValue(0)
        self.message.setText(
            self.tr("Made {when}. Save it as PDF or CSV to share it.").format(
                when=long_date(report.made_on)
            )
        )
        self._set_saving_enabled()

    # Saving ------------------------------------------------------------------------

    def save_pdf(self) -> None:
        self._save(self.tr("Save the report as PDF"), ".pdf", self.tr("PDF documents (*.pdf)"))

    def save_csv(self) -> None:
        self._save(self.tr("Save the report as CSV"), ".csv", self.tr("Spreadsheet (*.csv)"))

    def _save(self, title: str, suffix: str, pattern: str) -> None:
        report, write = self.report, self._save_report
        if report is None or write is None:
            return
        path = self._ask_where(title, self._suggested(report, suffix), pattern)
        if path is None:
            return
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        self._set_saving_enabled(busy=True)
        self.message.setText(self.tr("Saving {file}…").format(file=path.name))
        self._tasks.start(
            lambda: write(report, path),
            lambda _none: self._saved(path),
            lambda exc: self._save_failed(path, exc),
        )

    def _saved(self, path: Path) -> None:
        self._set_saving_enabled()
        self.message.setText(self.tr("Saved as {path}").format(path=path))

    def _save_failed(self, path: Path, exc: BaseException) -> None:
        self._set_saving_enabled()
        if isinstance(exc, OSError):
            log.warning("A report could not be saved (%s)", type(exc).__name__)
            exc = ExportFailed(
                self.tr("The report could not be saved to {path}: {reason}.").format(
                    path=path, reason=exc.strerror or self.tr("the folder cannot be written to")
                ),
                self.tr("Choose another folder, such as Documents, and save again."),
            )
        if isinstance(exc, UserFacingError):
            self.message.setText(f"{exc.message} {exc.advice}".strip())
            return
        raise exc

    @staticmethod
    def _suggested(report: Report, suffix: str) -> Path:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        place = Path(folder) if folder and Path(folder).is_dir() else Path.home()
        return place / f"{file_stem(report)}{suffix}"

    def _ask_where(self, title: str, suggested: Path, pattern: str) -> Path | None:
        """The file to save to, from a file picker (tests replace this)."""
        chosen, _filter = QFileDialog.getSaveFileName(self, title, str(suggested), pattern)
        return Path(chosen) if chosen else None
