"""How the print preview looks: the pages on a desk, a bar under them with the page
number, what is happening and the zoom, and a side panel with the ways to make it
easier to read, Print, Save as PDF and Close.

What it does is in preview_dialog.py. This module loads QtPdf: import it only when
someone asks to print, never at start-up.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
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

from linkworker.printing.snapshots import PrintOptions
from linkworker.ui.style import DOCUMENT_TITLE, QUOTE, font_css

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.25, 4.0
#: Behind the pages, so their edges show.
DESK_COLOUR = "#d5d9de"


class PreviewLayout(QDialog):
    """The controls of the preview and the zoom; :class:`PrintPreviewDialog` renders,
    prints and saves."""

    _title: str
    document: QPdfDocument | None

    # What the dialog does (PrintPreviewDialog) ----------------------------

    def _start_render(self) -> None:
        raise NotImplementedError

    def print_document(self) -> None:
        raise NotImplementedError

    def save_pdf(self) -> None:
        raise NotImplementedError

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

    def page_count(self) -> int:
        return self.document.pageCount() if self.document is not None else 0

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
