"""Importing or refreshing the directory from an Open Referral file, folder or feed.

The person picks a source (or one imported before), presses Check, and sees
what an import would do without anything being saved: the records left out
and why, what changes, what looks like a listing already held, and what was
fixed on the way in. Then they import the good records, or nothing. Reading
and importing run in the background with a progress bar and Cancel; an
import is all or nothing, so Cancel leaves the directory as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QWidget,
)

from linkworker.domain.directory_exchange import ImportReport, SourceSummary
from linkworker.errors import UserFacingError
from linkworker.services.directory_import import (
    DirectoryImportService,
    ReadCancelled,
    Source,
    SourceKind,
    is_feed,
)
from linkworker.ui.directory.exchange_layout import ExchangeLayout
from linkworker.ui.workers import Cancelled, Progress, TaskHandle, Tasks


class OpenReferralImportDialog(ExchangeLayout):
    """Check a source, show what importing it would do, then import the good records or none."""

    #: An import finished and saved something: carries its :class:`ImportReport`.
    imported = Signal(object)

    def __init__(
        self,
        services_import: DirectoryImportService,
        tasks: Tasks,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = services_import
        self._tasks = tasks
        self._source: Source | None = None
        #: The check or import running (or last run): Cancel and Close stop it.
        self._task: TaskHandle | None = None
        #: Which piece of work is current; results of older ones are dropped.
        self._job = 0
        self._busy = False
        self._closed = False
        self.report: ImportReport | None = None
        self.done_report: ImportReport | None = None
        self.setWindowTitle(self.tr("Import or refresh from Open Referral"))
        self.setMinimumSize(760, 560)
        self._build()
        self._connect()
        self._load_sources()
        self._show_idle()

    # Wiring ----------------------------------------------------------------

    def _connect(self) -> None:
        self.source_edit.textChanged.connect(self._source_changed)
        self.source_edit.returnPressed.connect(self.check)
        self.file_button.clicked.connect(self.choose_file)
        self.folder_button.clicked.connect(self.choose_folder)
        self.name_edit.textChanged.connect(self._inputs_changed)
        self.full_check.toggled.connect(self._inputs_changed)
        self.refresh_button.clicked.connect(self.refresh_chosen)
        self.cancel_button.clicked.connect(self.cancel)
        self.check_button.clicked.connect(self.check)
        self.import_button.clicked.connect(self.start_import)
        self.close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Open, self, self.choose_file)

    # Sources ---------------------------------------------------------------

    def _load_sources(self) -> None:
        self.sources = sorted(
            self._service.sources(),
            key=lambda s: s.last_finished_at.timestamp() if s.last_finished_at else 0.0,
            reverse=True,
        )
        self.sources_combo.clear()
        for summary in self.sources:
            self.sources_combo.addItem(self._source_words(summary), summary.key)
            self.sources_combo.setItemData(
                self.sources_combo.count() - 1, summary.location, Qt.ItemDataRole.ToolTipRole
            )
        self.sources_row.setVisible(bool(self.sources))
        self.sources_label.setVisible(bool(self.sources))

    def _source_words(self, summary: SourceSummary) -> str:
        when = (
            self.tr("refreshed {date}").format(
                date=summary.last_finished_at.astimezone().strftime("%d %b %Y %H:%M")
            )
            if summary.last_finished_at
            else self.tr("never finished")
        )
        listings = (
            self.tr("1 listing")
            if summary.listings == 1
            else self.tr("{n} listings").format(n=f"{summary.listings:,}")
        )
        try:
            kind = self.tr(SourceKind(summary.kind).label)
        except ValueError:  # a kind this version does not know
            kind = summary.kind
        return f"{summary.name} · {kind} · {when} · {listings}"

    def chosen_source(self) -> SourceSummary | None:
        index = self.sources_combo.currentIndex()
        return self.sources[index] if 0 <= index < len(self.sources) else None

    def refresh_chosen(self) -> None:
        """Fill in the chosen source imported before and check it: one click."""
        summary = self.chosen_source()
        if summary is None or self._busy:
            return
        self.source_edit.setText(summary.location)
        self.name_edit.setText(summary.name)
        self.check()

    def _choose(self, getter: Callable[..., Any], *args: Any) -> None:
        result = getter(self, *args)
        chosen = result[0] if isinstance(result, tuple) else result
        if chosen:
            self.source_edit.setText(str(Path(chosen)))
            self.check_button.setFocus()

    def choose_file(self) -> None:
        if self._busy:
            return
        self._choose(
            QFileDialog.getOpenFileName,
            self.tr("Choose an Open Referral file"),
            str(Path.home()),
            self.tr(
                "Open Referral files (*.json *.zip);;JSON (*.json);;Zip (*.zip);;All files (*)"
            ),
        )

    def choose_folder(self) -> None:
        if self._busy:
            return
        self._choose(
            QFileDialog.getExistingDirectory,
            self.tr("Choose a folder of Open Referral pages or tables"),
            str(Path.home()),
        )

    def _source_changed(self, text: str) -> None:
        self.full_check.setEnabled(is_feed(text.strip()))
        self._inputs_changed()

    def _inputs_changed(self) -> None:
        """A different source, name or refresh asks for a new check before importing."""
        if self.report is not None and not self._busy:
            self._forget_check()
            self._show_idle()

    # Checking --------------------------------------------------------------

    def check(self) -> None:
        """Open the source and read it in the background; nothing is saved."""
        location = self.source_edit.text().strip()
        if self._busy:
            return
        if not location:
            self._show_idle()
            self.summary.setText(
                self.tr("Type a file, folder or feed address, or choose a file or folder.")
            )
            self.source_edit.setFocus()
            return
        self._forget_check()
        self.report_view.clear_report()
        name = self.name_edit.text().strip() or None
        full = self.full_check.isChecked() and self.full_check.isEnabled()
        opened: list[Source] = []
        service = self._service

        def work(progress: Progress, cancelled: Cancelled) -> ImportReport:
            source = service.open(location, name=name, full_refresh=full)
            opened.append(source)
            return service.check(source, progress, cancelled)

        self._start(
            self.tr("Checking {where}…").format(where=location),
            work,
            lambda report: self._checked(opened, report),
            lambda exc: self._check_failed(opened, exc),
            opened=opened,
        )

    def _checked(self, opened: list[Source], report: ImportReport) -> None:
        self._source = opened[0]
        self.report = report
        self._show_report(report)
        good = report.read - report.left_out
        if report.changes_nothing:
            # Checked and up to date: that counts as this source's latest refresh.
            self._service.record_up_to_date(opened[0], report)
            self.import_button.setText(self.tr("Nothing to change"))
            self.import_button.setAccessibleName(self.tr("Nothing to change"))
            self.import_button.setEnabled(False)
            self.close_button.setText(self.tr("Close"))
            self._detail(
                self._join(
                    self.details.text(),
                    self.tr("Nothing to change: the directory already matches the source.")
                    if not report.left_out
                    else self.tr("Nothing to change apart from the records left out."),
                )
            )
            self.close_button.setFocus()
        else:
            if report.left_out:
                text = (
                    self.tr("&Import the good record")
                    if good == 1
                    else self.tr("&Import the {n} good records").format(n=f"{good:,}")
                )
                self.close_button.setText(self.tr("Import &nothing"))
                self.close_button.setAccessibleName(self.tr("Import nothing and close"))
            else:
                text = self.tr("&Import")
                self.close_button.setText(self.tr("Close"))
                self.close_button.setAccessibleName(self.tr("Close"))
            self.import_button.setText(text)
            self.import_button.setAccessibleName(text.replace("&", ""))
            self.import_button.setEnabled(True)
            self.import_button.setDefault(True)
            self.import_button.setFocus()
        self.import_button.show()

    def _check_failed(self, opened: list[Source], exc: BaseException) -> None:
        for source in opened:
            source.close()
        self._show_failure(exc)

    # Importing -------------------------------------------------------------

    def start_import(self) -> None:
        """Import everything the check found (the good records, when some have problems)."""
        source, report = self._source, self.report
        if source is None or report is None or self._busy:
            return
        skip = report.left_out > 0
        service = self._service

        def work(progress: Progress, cancelled: Cancelled) -> ImportReport:
            return service.run(source, progress, cancelled, skip_problems=skip)

        self._start(self.tr("Importing…"), work, self._imported, self._show_failure, writes=True)

    def _imported(self, report: ImportReport) -> None:
        self.done_report = report
        self._show_report(report)
        done = self.tr("Imported: {new} new, {changed} changed, {gone} withdrawn.").format(
            new=f"{report.created:,}", changed=f"{report.updated:,}", gone=f"{report.withdrawn:,}"
        )
        extra = ""
        if report.duplicates_total:
            extra = self.tr(
                "To merge them or keep them apart, choose Possible duplicates under "
                "Import or export on the Directory page."
            )
        if report.unmapped_terms:
            extra = self._join(
                extra,
                self.tr(
                    "{n} of its terms do not say yet which kind of help they are: "
                    "you can map them when you close this window."
                ).format(n=f"{len(report.unmapped_terms):,}"),
            )
        self.summary.setText(done)
        self._detail(self._join(report.summary(), extra))
        self._forget_check()
        self.import_button.hide()
        self.close_button.setText(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close"))
        self.close_button.setDefault(True)
        self.close_button.setFocus()
        self._load_sources()
        self.imported.emit(report)

    # Running work ----------------------------------------------------------

    def _start(
        self,
        words: str,
        work: Callable[[Progress, Cancelled], ImportReport],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        *,
        opened: list[Source] | None = None,
        writes: bool = False,
    ) -> None:
        """Run ``work`` in the background; a result arriving after Close only tidies up.

        ``writes``: it saves to the directory, so it takes its turn among the writing tasks.
        """
        self._job += 1
        job = self._job

        def wanted() -> bool:
            if job == self._job and not self._closed:
                self._set_busy(False)
                return True
            if self._closed:  # closed while working: the source can go now
                self._busy = False
                for source in opened or ():
                    source.close()
                self._forget_check()
            return False

        def done(result: Any) -> None:
            if wanted():
                on_done(result)

        def failed(exc: BaseException) -> None:
            if wanted():
                on_error(exc)

        self._set_busy(True)
        self.summary.setText(words)
        self._detail("")
        self.progress.setRange(0, 0)
        self.progress_label.setText("")
        self.cancel_button.setText(self.tr("Cance&l"))
        self.cancel_button.setEnabled(True)
        self.cancel_button.setFocus()
        self._task = self._tasks.start(
            work, done, failed, self._progressed, writes=writes, cancellable=True
        )

    def _progressed(self, done: int, total: int) -> None:
        """Readers count in records or in bytes, so the bar shows a share, not the numbers."""
        if not self._busy:
            return
        if total > 0:
            share = min(done, total) / total
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(share * 1000))
            self.progress_label.setText(self.tr("{percent}%").format(percent=int(share * 100)))
        else:
            self.progress.setRange(0, 0)
            self.progress_label.setText(self.tr("Reading…"))

    def cancel(self) -> None:
        """Stop the check or import; an import stopped part way saves nothing."""
        if self._busy and self._task is not None:
            self._task.cancel()
            self.cancel_button.setEnabled(False)
            self.cancel_button.setText(self.tr("Cancelling…"))

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.progress_row.setVisible(busy)
        for widget in (
            self.source_edit,
            self.file_button,
            self.folder_button,
            self.name_edit,
            self.sources_row,
            self.check_button,
            self.import_button,
        ):
            widget.setEnabled(not busy)
        self.full_check.setEnabled(not busy and is_feed(self.source_edit.text().strip()))
        if not busy and self.report is None:
            self.import_button.setEnabled(False)

    # Showing ---------------------------------------------------------------

    def _show_idle(self) -> None:
        self._set_busy(False)
        self.summary.setText(
            self.tr("Choose a source and press Check to see what would change. Nothing is saved.")
        )
        self._detail(
            self.tr(
                "An Open Referral UK feed or file: the web address of a directory that a "
                "council or a local charity publishes, a file saved from one (or a zip of "
                "them), or a folder of its pages or tables. The people who publish your "
                "local directory can tell you its Open Referral address."
            )
        )
        self.report_view.clear_report()
        self.import_button.hide()
        self.check_button.setDefault(True)
        self.close_button.setText(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close"))

    def _show_report(self, report: ImportReport) -> None:
        self.summary.setText(report.summary())
        lines = [
            self.tr("{kind}: {name} ({where})").format(
                kind=report.kind, name=report.source_name, where=report.location
            )
        ]
        if report.changes_since is not None:
            lines.append(
                self.tr("Only changes since {when} were asked for.").format(
                    when=report.changes_since.astimezone().strftime("%d %b %Y %H:%M")
                )
            )
        lines.extend(report.notes)
        self._detail("\n".join(lines))
        self.report_view.show_report(report)

    def _show_failure(self, exc: BaseException) -> None:
        self._forget_check()
        self.report_view.clear_report()
        self.import_button.hide()
        self.check_button.setDefault(True)
        self.close_button.setText(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close"))
        if isinstance(exc, ReadCancelled):
            self.summary.setText(self.tr("Cancelled: nothing was imported."))
            self._detail("")
        elif isinstance(exc, UserFacingError):
            self.summary.setText(exc.message)
            said = f"{exc.message} {exc.advice}".lower()
            self._detail(
                exc.advice
                if "nothing was imported" in said
                else self._join(exc.advice, self.tr("Nothing was imported."))
            )
        else:
            self.summary.setText(self.tr("Something went wrong: nothing was imported."))
            raise exc
        self.check_button.setFocus()

    def _detail(self, text: str) -> None:
        """The second line of the report; hidden when there is nothing to say."""
        self.details.setText(text)
        self.details.setVisible(bool(text))

    @staticmethod
    def _join(*parts: str) -> str:
        return "\n".join(p for p in parts if p)

    # Closing ---------------------------------------------------------------

    def _forget_check(self) -> None:
        """Drop the checked source (its spooled files go with it) and the report."""
        if self._source is not None:
            self._source.close()
            self._source = None
        self.report = None

    def done(self, result: int) -> None:
        """Closing stops any work still running and tidies the source away.

        A source still being read is closed when its reading stops, not under it.
        """
        self._closed = True
        if self._task is not None:
            self._task.cancel()
        if not self._busy:
            self._forget_check()
        super().done(result)
