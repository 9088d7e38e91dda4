"""The print preview: a document shown as it will print, printed or saved as a PDF.

The document arrives as PDF bytes from a ``render(options)`` function (a
service method). Changing large print, high contrast or easy read renders it
again in a background task; the page keeps showing the last version, greyed,
until the new one arrives, and a result overtaken by a later change is thrown
away. Printing paints each page as a picture at the printer's resolution,
also in a background task. Saving writes a temporary file beside the chosen
one and then replaces it, so a full disk never leaves half a PDF behind.

This module loads QtPdf and QtPrintSupport: import it only when someone asks
to print, never at start-up.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import re
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QMargins,
    QObject,
    QPointF,
    QRectF,
    QSize,
    QStandardPaths,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QImage,
    QKeySequence,
    QPageSize,
    QPainter,
    QShortcut,
)
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from linkworker.domain.documents import DocumentAction
from linkworker.errors import ExportFailed, UserFacingError
from linkworker.printing.snapshots import PrintOptions
from linkworker.ui.error_dialogs import show_user_error
from linkworker.ui.style import DOCUMENT_TITLE, QUOTE, font_css
from linkworker.ui.workers import Tasks

log = logging.getLogger(__name__)

Render = Callable[[PrintOptions], bytes]
OnDone = Callable[[DocumentAction, PrintOptions], None]

#: Pages print as pictures at the printer's resolution, up to this: text stays
#: sharp and an A4 page stays near 35 MB in memory (a 1200 dpi page would be 550 MB).
MAX_PRINT_DPI = 300
ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.25, 4.0
#: Behind the pages, so their edges show.
DESK_COLOUR = "#d5d9de"
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


class PrintFailed(UserFacingError):
    title = "The document could not be printed"


def _tr(text: str) -> str:
    return QCoreApplication.translate("PrintPreviewDialog", text)


def safe_file_name(name: str, fallback: str = "Document") -> str:
    """``name`` as a file name every system accepts, ending in ``.pdf``."""
    stem = " ".join(_UNSAFE.sub("-", name).split()).strip(" .-")
    if stem.lower().endswith(".pdf"):
        stem = stem[:-4].rstrip(" .")
    return f"{stem[:120] or fallback}.pdf"


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then put it in its place.

    Raises OSError (disk full, no permission...) with nothing left behind: the
    temporary file is removed and any earlier file at ``path`` is untouched.
    The file is readable by its owner only, as it may hold personal details.
    """
    fd, name = tempfile.mkstemp(prefix=".linkworker-", suffix=".part", dir=path.parent)
    temp: Path | None = Path(name)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(name, path)
        temp = None
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                temp.unlink()


def load_pdf(pdf: bytes, parent: QObject | None = None) -> QPdfDocument:
    """A QPdfDocument over ``pdf``; the buffer it reads is its child, so lives as long."""
    document = QPdfDocument(parent) if parent is not None else QPdfDocument()
    buffer = QBuffer(document)
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    return document


def chosen_pages(printer: QPrinter, count: int, current: int) -> list[int]:
    """The pages (from 0) the print dialog asked for: all, a range, or the one on show."""
    if printer.printRange() == QPrinter.PrintRange.CurrentPage:
        return [current]
    ranges = printer.pageRanges()
    if printer.printRange() == QPrinter.PrintRange.PageRange and not ranges.isEmpty():
        return [page for page in range(count) if ranges.contains(page + 1)]
    return list(range(count))


def fitted(page: QRectF, paper: QRectF) -> QRectF:
    """The largest rectangle of ``page``'s shape that fits ``paper``, centred on it."""
    width, height = page.width(), page.height()
    scale = min(paper.width() / width, paper.height() / height)
    size = QRectF(0, 0, width * scale, height * scale)
    size.moveCenter(paper.center())
    return size


def _on_white(document: QPdfDocument, page: int, size: QSize) -> QImage:
    """A page as an opaque picture: QtPdf leaves the paper transparent, which printers
    would be sent as an extra mask for every page."""
    sheet = QImage(size, QImage.Format.Format_RGB32)
    sheet.fill(Qt.GlobalColor.white)
    painter = QPainter(sheet)
    painter.drawImage(0, 0, document.render(page, size))
    painter.end()
    return sheet


def print_pdf(
    pdf: bytes, printer: QPrinter, pages: Sequence[int], progress: Callable[[int, int], None]
) -> None:
    """Paint ``pages`` of ``pdf`` onto ``printer``, each fitted to the paper.

    Made to run in a worker thread: it reads its own QPdfDocument (QtPdf
    serialises the PDF engine between threads) and paints only on the printer,
    which Qt allows off the UI thread. The PDF's own margins are kept by
    painting on the whole sheet.
    """
    document = load_pdf(pdf)
    if document.status() != QPdfDocument.Status.Ready:
        raise PrintFailed(_tr("The document could not be read for printing."), _tr("Try again."))
    printer.setFullPage(True)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintFailed(
            _tr("The printer could not be started."),
            _tr("Check the printer is switched on and connected, then try again."),
        )
    try:
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        paper = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))
        for n, page in enumerate(pages):
            if n and not printer.newPage():
                raise PrintFailed(_tr("The printer stopped part way."), _tr("Check the printer."))
            points = document.pagePointSize(page)
            size = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
            painter.drawImage(
                fitted(QRectF(QPointF(), points), paper), _on_white(document, page, size)
            )
            progress(n + 1, len(pages))
    finally:
        painter.end()
        document.close()
    if printer.printerState() == QPrinter.PrinterState.Error:
        raise PrintFailed(
            _tr("The printer reported a problem."),
            _tr("Check the printer and its queue, then try again."),
        )


class PrintPreviewDialog(QDialog):
    """Shows a document, re-rendered as the options change; prints it or saves it as PDF.

    ``on_done(action, options)`` is called after a print or a save succeeded,
    with the options of the version printed, so the person's record can note it.
    ``preview_shown`` says a version is on show (its page count).
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
    ) -> None:
        super().__init__(parent)
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

    # Building --------------------------------------------------------------

    def _build(self, options: PrintOptions) -> None:
        self.view = QPdfView()
        self.view.setAccessibleName(self.tr("Preview of {0}").format(self._title))
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(16)
        self.view.setDocumentMargins(QMargins(20, 16, 20, 16))
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        palette = self.view.palette()
        palette.setColor(palette.ColorRole.Dark, QColor(DESK_COLOUR))
        self.view.setPalette(palette)
        self.view.pageNavigator().currentPageChanged.connect(lambda _p: self._update_page_label())

        self.placeholder = QLabel(self.tr("Preparing the document…"))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setAccessibleName(self.tr("Preparing the document"))
        self.placeholder.setStyleSheet(f"background:{DESK_COLOUR}; color:#333; {font_css(QUOTE)}")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.view)

        self.page_label = QLabel()
        self.page_label.setAccessibleName(self.tr("Page"))
        self.page_label.setMinimumWidth(110)
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setFixedSize(90, 10)
        self.busy_bar.setAccessibleName(self.tr("Working"))
        self.busy_bar.hide()
        self.state_label = QLabel()
        self.state_label.setAccessibleName(self.tr("What is happening"))
        self.state_label.setStyleSheet("color:#444")
        self.zoom_out_button = self._tool("−", self.tr("Zoom out (Ctrl+-)"), self.zoom_out)
        self.fit_button = self._tool(
            self.tr("Fit width"),
            self.tr("Fit width: the page fills the width (Ctrl+0)"),
            self.fit_width,
        )
        self.fit_button.setCheckable(True)
        self.fit_button.setChecked(True)
        self.zoom_in_button = self._tool("+", self.tr("Zoom in (Ctrl+=)"), self.zoom_in)
        bar = QHBoxLayout()
        bar.setContentsMargins(10, 4, 10, 4)
        bar.addWidget(self.page_label)
        bar.addWidget(self.busy_bar)
        bar.addWidget(self.state_label, 1)
        for button in (self.zoom_out_button, self.fit_button, self.zoom_in_button):
            bar.addWidget(button)
        left = QWidget()
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        left_column.setSpacing(0)
        left_column.addWidget(self.stack, 1)
        left_column.addLayout(bar)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(left, 1)
        layout.addWidget(self._build_side(options))

        shortcuts: list[tuple[QKeySequence.StandardKey | str, Callable[[], None]]] = [
            (QKeySequence.StandardKey.Print, self.print_document),
            (QKeySequence.StandardKey.Save, self.save_pdf),
            (QKeySequence.StandardKey.ZoomIn, self.zoom_in),
            ("Ctrl+=", self.zoom_in),
            (QKeySequence.StandardKey.ZoomOut, self.zoom_out),
            ("Ctrl+0", self.fit_width),
        ]
        for keys, slot in shortcuts:
            QShortcut(QKeySequence(keys), self).activated.connect(slot)

    def _build_side(self, options: PrintOptions) -> QWidget:
        side = QFrame()
        side.setObjectName("side")
        side.setStyleSheet("QFrame#side { border-left: 1px solid #c8ccd0; }")
        side.setFixedWidth(290)
        heading = QLabel(self._title)
        heading.setWordWrap(True)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setStyleSheet(font_css(DOCUMENT_TITLE, 600))
        heading.setAccessibleName(self.tr("Document"))
        easier = QLabel(self.tr("Easier to read"))
        easier.setStyleSheet("font-weight:600; margin-top:10px;")
        self.large_print_check = self._option(
            self.tr("&Large print"),
            self.tr("Bigger text, 16 point or more, with more space between lines."),
            options.large_print,
        )
        self.high_contrast_check = self._option(
            self.tr("&High contrast"),
            self.tr("Black on white only, with heavier lines and no grey text."),
            options.high_contrast,
        )
        self.easy_read_check = self._option(
            self.tr("&Easy read"),
            self.tr("Short lines, one idea at a time, with a picture beside each."),
            options.easy_read,
        )
        self.print_button = QPushButton(self.tr("&Print…"))
        self.print_button.setAccessibleName(self.tr("Print (Ctrl+P)"))
        self.print_button.setToolTip(self.tr("Choose a printer and print (Ctrl+P)"))
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self.print_document)
        self.save_button = QPushButton(self.tr("&Save as PDF…"))
        self.save_button.setAccessibleName(self.tr("Save as PDF (Ctrl+S)"))
        self.save_button.setToolTip(self.tr("Save a PDF file, to email or keep (Ctrl+S)"))
        self.save_button.clicked.connect(self.save_pdf)
        self.done_label = QLabel()
        self.done_label.setWordWrap(True)
        self.done_label.setTextFormat(Qt.TextFormat.PlainText)
        self.done_label.setAccessibleName(self.tr("Last printed or saved"))
        self.done_label.setStyleSheet("color:#1d5b2c;")
        self.close_button = QPushButton(self.tr("&Close"))
        self.close_button.setAccessibleName(self.tr("Close the preview (Esc)"))
        self.close_button.setToolTip(self.tr("Close (Esc)"))
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)

        column = QVBoxLayout(side)
        column.setContentsMargins(16, 16, 16, 16)
        column.setSpacing(6)
        column.addWidget(heading)
        column.addWidget(easier)
        for check in (self.large_print_check, self.high_contrast_check, self.easy_read_check):
            column.addWidget(check)
            column.addWidget(self._explain(check.toolTip()))
        column.addSpacing(16)
        column.addWidget(self.print_button)
        column.addWidget(self.save_button)
        column.addWidget(self.done_label)
        column.addStretch(1)
        column.addWidget(self.close_button)
        return side

    def _option(self, text: str, explain: str, checked: bool) -> QCheckBox:
        check = QCheckBox(text)
        check.setChecked(checked)
        check.setAccessibleName(text.replace("&", ""))
        check.setAccessibleDescription(explain)
        check.setToolTip(explain)
        check.toggled.connect(lambda _on: self._start_render())
        return check

    @staticmethod
    def _explain(text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setStyleSheet("color:#555; margin-left:24px; margin-bottom:4px;")
        return label

    def _tool(self, text: str, tip: str, slot: Callable[[], None]) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.setAutoRaise(True)
        button.setMinimumWidth(30)
        button.clicked.connect(slot)
        return button

    def _fit_to_screen(self) -> None:
        screen = self.screen() or QGuiApplication.primaryScreen()
        free = screen.availableGeometry() if screen else None
        width, height = 1040, 860
        if free is not None:
            width, height = min(width, free.width() - 40), min(height, free.height() - 60)
        self.resize(width, height)

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

    def page_count(self) -> int:
        return self.document.pageCount() if self.document is not None else 0

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

    def _update_page_label(self) -> None:
        count = self.page_count()
        if not count:
            self.page_label.setText("")
            return
        page = self.view.pageNavigator().currentPage() + 1
        self.page_label.setText(self.tr("Page {0} of {1}").format(min(page, count), count))

    # Zoom --------------------------------------------------------------------

    def zoom_factor(self) -> float:
        """The zoom on show (when fitted to the width, the factor that fitting gives)."""
        if self.view.zoomMode() == QPdfView.ZoomMode.Custom or self.document is None:
            return float(self.view.zoomFactor())
        margins = self.view.documentMargins()
        room = self.view.viewport().width() - margins.left() - margins.right()
        page_pixels = self.document.pagePointSize(0).width() / 72 * self.view.logicalDpiX()
        return room / page_pixels if page_pixels > 0 else 1.0

    def _zoom_to(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(MIN_ZOOM, min(MAX_ZOOM, factor)))
        self.fit_button.setChecked(False)

    def zoom_in(self) -> None:
        self._zoom_to(self.zoom_factor() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom_to(self.zoom_factor() / ZOOM_STEP)

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.fit_button.setChecked(True)

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
            write_atomically(path, self._pdf)
        except OSError as exc:
            log.warning("Could not save %s: %s", path, exc)
            show_user_error(self, self._save_problem(exc, path))
            return
        self.done_label.setText(self.tr("Saved as {0}").format(path))
        self._report(DocumentAction.SAVED, self._shown_options)

    def _save_problem(self, exc: OSError, path: Path) -> ExportFailed:
        if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            return ExportFailed(
                self.tr("The disk is full, so the PDF was not saved."),
                self.tr("Free some space, or choose another place such as a USB stick."),
            )
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return ExportFailed(
                self.tr("Link Worker is not allowed to save in {0}.").format(path.parent),
                self.tr("Choose another folder, such as Documents, and save again."),
            )
        if exc.errno == errno.ENOENT:
            return ExportFailed(
                self.tr("The folder {0} is no longer there.").format(path.parent),
                self.tr("Choose another folder and save again."),
            )
        return ExportFailed(
            self.tr("The PDF could not be saved to {0}: {1}.").format(
                path, exc.strerror or str(exc)
            ),
            self.tr("Choose another folder and save again."),
        )

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
            render, title, options, tasks, on_done, suggested_name, parent, pdf=pdf
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
