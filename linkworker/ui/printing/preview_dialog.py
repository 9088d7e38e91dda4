"""The print preview: a document shown as it will print, printed or saved as a PDF.

The document arrives as PDF bytes from a ``render(options)`` function (a
service method). Changing large print, high contrast or easy read renders it
again in a background task; the page keeps showing the last version, greyed,
until the new one arrives, and a result overtaken by a later change is thrown
away. Printing paints each page as a picture at the printer's resolution,
also in a background task. Saving writes a temporary file beside the chosen
one and then replaces it, so a full disk never leaves half a PDF behind.

The PDF's reading, printing and writing are in :mod:`pdf_output`. This module
loads QtPdf and QtPrintSupport: import it only when someone asks to print, never
at start-up.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPointF, QStandardPaths, Qt, Signal
from PySide6.QtGui import QPageSize
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QWidget,
)

from linkworker.domain.documents import DocumentAction
from linkworker.errors import UserFacingError
from linkworker.paths import save_export
from linkworker.printing.snapshots import PrintOptions
from linkworker.ui.error_dialogs import show_user_error
from linkworker.ui.printing.pdf_output import (
    chosen_pages,
    load_pdf,
    print_pdf,
    safe_file_name,
    save_problem,
)
from linkworker.ui.printing.preview_layout import PreviewLayout
from linkworker.ui.workers import Tasks

log = logging.getLogger(__name__)

Render = Callable[[PrintOptions], bytes]
OnDone = Callable[[DocumentAction, PrintOptions], None]
#: Called with the PDF's path once it is saved; returns what to say instead of "Saved as".
OnSaved = Callable[[Path], str]

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.25, 4.0
#: Behind the pages, so their edges show.
DESK_COLOUR = "#d5d9de"


class PrintPreviewDialog(PreviewLayout):
    """Shows a document, re-rendered as the options change; prints it or saves it as PDF.

    ``on_done(action, options)`` is called after a print or a save succeeded,
    with the options of the version printed, so the person's record can note it.
    ``preview_shown`` says a version is on show (its page count). ``on_saved(path)``
    may save a companion file beside the PDF (the same letter as JSON, say).
    """

    preview_shown = Signal(int)

    def __init__(
        self,
        render: Render,
        title: str,
        options: PrintOptions,
        tasks: Tasks,
        on_done: OnDone | None = None,
        suggested_name: str = "",
        parent: QWidget | None = None,
        *,
        pdf: bytes | None = None,
        on_saved: OnSaved | None = None,
    ) -> None:
        super().__init__(parent)
        self._on_saved = on_saved
        self._render = render
        self._title = title
        self._tasks = tasks
        self._on_done = on_done
        self._suggested_name = safe_file_name(suggested_name or title)
        self._generation = 0
        self._pdf: bytes | None = None
        self._shown_options = options
        self._printer: QPrinter | None = None
        self._busy = False
        self.document: QPdfDocument | None = None

        self.setWindowTitle(self.tr("Print preview: {0}").format(title))
        self.setAccessibleName(self.tr("Print preview"))
        self.setModal(True)
        self._build(options)
        self._fit_to_screen()
        if pdf is not None:
            self._show_pdf(pdf, options)
        else:
            self._start_render()

    # The document on show ----------------------------------------------------

    def options(self) -> PrintOptions:
        """The options as the check boxes stand."""
        return PrintOptions(
            large_print=self.large_print_check.isChecked(),
            high_contrast=self.high_contrast_check.isChecked(),
            easy_read=self.easy_read_check.isChecked(),
        )

    @property
    def shown_options(self) -> PrintOptions:
        """The options of the version on show (what Print and Save use)."""
        return self._shown_options

    @property
    def busy(self) -> bool:
        """A new version is being made, or the printer is being sent pages."""
        return self._busy

    def _start_render(self) -> None:
        self._generation += 1
        generation = self._generation
        options = self.options()
        render = self._render
        self._set_busy(True, self.tr("Preparing…"))
        self._tasks.start(
            lambda: render(options),
            lambda pdf: self._rendered(generation, options, pdf),
            lambda exc: self._render_failed(generation, exc),
        )

    def _rendered(self, generation: int, options: PrintOptions, pdf: bytes) -> None:
        if generation != self._generation:
            log.debug("A preview was overtaken by a later change; dropped")
            return
        self._set_busy(False)
        self._show_pdf(pdf, options)

    def _render_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._set_busy(False)
        self._set_checks(self._shown_options)
        if self.document is None:
            self.placeholder.setText(self.tr("The document could not be prepared."))
        if isinstance(exc, UserFacingError):
            show_user_error(self, exc)
        else:
            raise exc

    def _show_pdf(self, pdf: bytes, options: PrintOptions) -> None:
        document = load_pdf(pdf, self)
        if document.status() != QPdfDocument.Status.Ready:
            document.deleteLater()
            self._set_checks(self._shown_options)
            show_user_error(
                self,
                UserFacingError(
                    self.tr("The document could not be shown."),
                    self.tr("Close the preview and try again."),
                ),
            )
            return
        previous, self.document = self.document, document
        self._pdf = pdf
        self._shown_options = options
        self._set_checks(options)
        self.view.setDocument(document)
        self.view.pageNavigator().jump(0, QPointF(), self.view.zoomFactor())
        if previous is not None:
            previous.close()
            previous.deleteLater()
        self.stack.setCurrentWidget(self.view)
        self._update_page_label()
        self._enable()
        self.preview_shown.emit(document.pageCount())

    def _set_checks(self, options: PrintOptions) -> None:
        for check, on in (
            (self.large_print_check, options.large_print),
            (self.high_contrast_check, options.high_contrast),
            (self.easy_read_check, options.easy_read),
        ):
            check.blockSignals(True)
            check.setChecked(on)
            check.blockSignals(False)

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self._busy = busy
        self.busy_bar.setVisible(busy)
        self.state_label.setText(text)
        self.view.setEnabled(not busy)
        self._enable()

    def _enable(self) -> None:
        ready = self.document is not None and not self._busy
        printing = self._printer is not None
        for widget in (self.print_button, self.save_button):
            widget.setEnabled(ready and not printing)
        for check in (self.large_print_check, self.high_contrast_check, self.easy_read_check):
            check.setEnabled(not printing)
        self.close_button.setEnabled(not printing)
        for button in (self.zoom_in_button, self.zoom_out_button, self.fit_button):
            button.setEnabled(self.document is not None)

    # Print -------------------------------------------------------------------

    def print_document(self) -> None:
        """Choose a printer in the system dialog, then print the version on show."""
        if not self.print_button.isEnabled() or self._pdf is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setDocName(self._title)
        count = self.page_count()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print {0}").format(self._title))
        dialog.setMinMax(1, count)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage, True)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if not accepted:
            return
        pages = chosen_pages(printer, count, self.view.pageNavigator().currentPage())
        if not pages:
            return
        copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
        pdf, options = self._pdf, self._shown_options
        to_file = printer.outputFileName() if self._to_file(printer) else ""
        self._printer = printer
        self._set_busy(True, self.tr("Sending to the printer…"))

        def run(progress: Callable[[int, int], None]) -> None:
            print_pdf(pdf, printer, pages * copies, progress)

        def progressed(done: int, total: int) -> None:
            self.state_label.setText(self.tr("Printing page {0} of {1}…").format(done, total))

        self._tasks.start(
            run,
            lambda _r: self._printed(options, to_file),
            self._print_failed,
            on_progress=progressed,
        )

    @staticmethod
    def _to_file(printer: QPrinter) -> bool:
        return printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and bool(
            printer.outputFileName()
        )

    def _printed(self, options: PrintOptions, to_file: str = "") -> None:
        self._printer = None
        self._set_busy(False)
        self.done_label.setText(
            self.tr("Printed to {0}").format(to_file)
            if to_file
            else self.tr("Sent to the printer.")
        )
        self._report(DocumentAction.PRINTED, options)

    def _print_failed(self, exc: BaseException) -> None:
        self._printer = None
        self._set_busy(False)
        if isinstance(exc, UserFacingError):
            show_user_error(self, exc)
        else:
            raise exc

    # Save --------------------------------------------------------------------

    def _suggested_path(self) -> Path:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        place = Path(folder) if folder and Path(folder).is_dir() else Path.home()
        return place / self._suggested_name

    def save_pdf(self) -> None:
        """Ask where, then write the version on show there as a PDF."""
        if not self.save_button.isEnabled() or self._pdf is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save as PDF"),
            str(self._suggested_path()),
            self.tr("PDF documents (*.pdf)"),
        )
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            save_export(path, self._pdf)
        except OSError as exc:
            log.warning("Could not save %s: %s", path, exc)
            show_user_error(self, save_problem(exc, path))
            return
        self.done_label.setText(self.tr("Saved as {0}").format(path))
        self._report(DocumentAction.SAVED, self._shown_options)
        if self._on_saved is not None:
            try:
                self.done_label.setText(self._on_saved(path))
            except UserFacingError as exc:
                show_user_error(self, exc)

    # After ---------------------------------------------------------------------

    def _report(self, action: DocumentAction, options: PrintOptions) -> None:
        if self._on_done is None:
            return
        try:
            self._on_done(action, options)
        except UserFacingError as exc:
            show_user_error(self, exc)

    def reject(self) -> None:
        """Close, unless a print job is still being sent (it would be cut short)."""
        if self._printer is not None:
            return
        self._generation += 1  # any render still running is no longer wanted
        super().reject()


def open_preview(
    parent: QWidget,
    tasks: Tasks,
    render: Render,
    options: PrintOptions,
    *,
    title: str,
    run: Callable[[QDialog], object],
    show_error: Callable[[UserFacingError], None],
    suggested_name: str = "",
    on_done: OnDone | None = None,
    busy: Callable[[bool], None] | None = None,
    on_saved: OnSaved | None = None,
) -> None:
    """Render the first version in the background, then open the preview with it.

    When the document cannot be made (no consent to share, say) ``show_error``
    says why and no preview opens. ``run`` shows the dialog modally (pages pass
    their own, which tests replace); ``busy`` is told while the first version is
    being made.
    """

    def finish() -> None:
        QApplication.restoreOverrideCursor()
        if busy is not None:
            busy(False)

    def ready(pdf: bytes) -> None:
        finish()
        dialog = PrintPreviewDialog(
            render,
            title,
            options,
            tasks,
            on_done,
            suggested_name,
            parent,
            pdf=pdf,
            on_saved=on_saved,
        )
        try:
            run(dialog)
        finally:
            dialog.deleteLater()

    def failed(exc: BaseException) -> None:
        finish()
        if isinstance(exc, UserFacingError):
            show_error(exc)
        else:
            raise exc

    if busy is not None:
        busy(True)
    QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
    tasks.start(lambda: render(options), ready, failed)
