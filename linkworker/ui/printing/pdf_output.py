"""Putting a document on paper or on disk: reading the PDF, painting its pages on a
printer, and writing it to a file so that a full disk never leaves half a PDF behind.

This module loads QtPdf and QtPrintSupport: import it only when someone asks to print,
never at start-up.
"""

from __future__ import annotations

import errno
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QObject,
    QPointF,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from linkworker.errors import ExportFailed, UserFacingError

#: Pages print as pictures at the printer's resolution, up to this: text stays
#: sharp and an A4 page stays near 35 MB in memory (a 1200 dpi page would be 550 MB).
MAX_PRINT_DPI = 300
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


def save_problem(exc: OSError, path: Path) -> ExportFailed:
    """What to tell someone when a PDF could not be written to ``path``."""
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return ExportFailed(
            _tr("The disk is full, so the PDF was not saved."),
            _tr("Free some space, or choose another place such as a USB stick."),
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return ExportFailed(
            _tr("Link Worker is not allowed to save in {0}.").format(path.parent),
            _tr("Choose another folder, such as Documents, and save again."),
        )
    if exc.errno == errno.ENOENT:
        return ExportFailed(
            _tr("The folder {0} is no longer there.").format(path.parent),
            _tr("Choose another folder and save again."),
        )
    return ExportFailed(
        _tr("The PDF could not be saved to {0}: {1}.").format(path, exc.strerror or str(exc)),
        _tr("Choose another folder and save again."),
    )
