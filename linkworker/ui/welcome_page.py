"""First run with an empty data folder: three ways to begin."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCommandLinkButton, QLabel, QVBoxLayout, QWidget


class WelcomePage(QWidget):
    """Offers the sample directory, importing a file, or starting empty."""

    sample_requested = Signal()
    import_requested = Signal()
    empty_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("Welcome to Link Worker"))
        title.setStyleSheet("font-size:24px;font-weight:600")
        intro = QLabel(
            self.tr(
                "Your community directory is empty. It is the list of local groups, cafes, "
                "advice services and volunteering you connect people to. How would you like "
                "to begin?"
            )
        )
        intro.setWordWrap(True)
        intro.setStyleSheet("font-size:14px;color:#333")

        self.sample_button = self._choice(
            self.tr("Load the sample directory"),
            self.tr(
                "Over 100 invented local groups in one town, to try things out. "
                "You can archive them later."
            ),
        )
        self.import_button = self._choice(
            self.tr("Import a directory file"),
            self.tr("A CSV file exported from a spreadsheet or another copy of Link Worker."),
        )
        self.empty_button = self._choice(
            self.tr("Start empty"), self.tr("Add your own community assets one at a time.")
        )
        self.sample_button.clicked.connect(self.sample_requested)
        self.import_button.clicked.connect(self.import_requested)
        self.empty_button.clicked.connect(self.empty_requested)

        self.status = QLabel()
        self.status.setAccessibleName(self.tr("Progress"))
        self.status.setStyleSheet("color:#444")

        column = QVBoxLayout()
        column.setSpacing(14)
        column.addWidget(title)
        column.addWidget(intro)
        column.addSpacing(8)
        for button in (self.sample_button, self.import_button, self.empty_button):
            column.addWidget(button)
        column.addWidget(self.status)
        holder = QWidget()
        holder.setLayout(column)
        holder.setFixedWidth(600)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(holder, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)

    def _choice(self, title: str, detail: str) -> QCommandLinkButton:
        button = QCommandLinkButton(title, detail)
        button.setAccessibleName(title)
        button.setAccessibleDescription(detail)
        button.setMinimumHeight(58)
        button.setStyleSheet(
            "QCommandLinkButton{border:1px solid #c8ccd0;border-radius:6px;background:#fff;"
            "padding:6px}QCommandLinkButton:hover{border-color:#5b8bb5;background:#f5f9fc}"
        )
        return button

    def set_busy(self, message: str) -> None:
        """Show progress and stop a second click while work runs."""
        self.status.setText(message)
        for button in (self.sample_button, self.import_button, self.empty_button):
            button.setEnabled(not message)
