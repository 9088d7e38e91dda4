"""First run with an empty data folder: who you are, and how to fill the directory.

Your name, team and phone print on every plan and letter, so they are asked for
first (they are saved as they are typed, and can be changed in Settings). Then four
ways to begin: an Open Referral UK feed or file, a spreadsheet, the sample
directory, or an empty start.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from linkworker.services.settings import SettingsStore
from linkworker.ui.form_fields import hint
from linkworker.ui.setting_fields import ABOUT_YOU, SavedNote, SettingsWriter
from linkworker.ui.style import SECTION_TITLE, WELCOME_TITLE, font_css

#: The details asked for on the first run (the email can wait for Settings).
ASKED = ("user_name", "team_name", "user_phone")


class WelcomePage(QWidget):
    """Asks who you are, then offers Open Referral, a spreadsheet, the sample, or empty."""

    oruk_requested = Signal()
    import_requested = Signal()
    sample_requested = Signal()
    empty_requested = Signal()

    def __init__(self, settings: SettingsStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("Welcome to Link Worker"))
        title.setStyleSheet(font_css(WELCOME_TITLE, 600))

        self._writer = SettingsWriter(settings)
        you = QGroupBox(self.tr("About you"))
        form = QFormLayout(you)
        why = hint(
            self.tr(
                "These are printed on every plan and letter, so people know how to reach "
                "you. You can change them later in Settings."
            )
        )
        form.addRow(why)
        self.edits: dict[str, QLineEdit] = {}
        for key, label, name, example in ABOUT_YOU:
            if key in ASKED:
                edit = self._writer.line_edit(key, self.tr(name), self.tr(example))
                caption = QLabel(self.tr(label))
                caption.setBuddy(edit)
                form.addRow(caption, edit)
                self.edits[key] = edit
        self.saved_note = SavedNote()
        self._writer.notes.append(self.saved_note)
        form.addRow("", self.saved_note)

        intro = QLabel(
            self.tr(
                "Your community directory is empty. It is the list of local groups, cafes, "
                "advice services and volunteering you connect people to. How would you like "
                "to begin?"
            )
        )
        intro.setWordWrap(True)
        intro.setStyleSheet(font_css(SECTION_TITLE) + "color:#333")

        self.oruk_button = self._choice(
            self.tr("Import from Open Referral UK"),
            self.tr("A feed or file from the directory your council or a local charity publishes."),
        )
        self.import_button = self._choice(
            self.tr("Import a spreadsheet"),
            self.tr("A CSV file saved from a spreadsheet or from another copy of Link Worker."),
        )
        self.sample_button = self._choice(
            self.tr("Load the sample directory"),
            self.tr(
                "Over 100 invented local groups in one town, to try things out. "
                "You can archive them later."
            ),
        )
        self.empty_button = self._choice(
            self.tr("Start empty"), self.tr("Add your own community assets one at a time.")
        )
        self.oruk_button.clicked.connect(self.oruk_requested)
        self.import_button.clicked.connect(self.import_requested)
        self.sample_button.clicked.connect(self.sample_requested)
        self.empty_button.clicked.connect(self.empty_requested)

        self.status = QLabel()
        self.status.setAccessibleName(self.tr("Progress"))
        self.status.setStyleSheet("color:#444")

        column = QVBoxLayout()
        column.setSpacing(10)
        column.addWidget(title)
        column.addWidget(you)
        column.addSpacing(4)
        column.addWidget(intro)
        for button in self.choices():
            column.addWidget(button)
        column.addWidget(self.status)
        holder = QWidget()
        holder.setLayout(column)
        holder.setMaximumWidth(640)
        middle = QHBoxLayout()  # 640 wide in the middle, narrower when the window is
        middle.addStretch(1)
        middle.addWidget(holder, 8)
        middle.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(middle)
        outer.addStretch(2)
        self.setFocusProxy(self.edits["user_name"])

    def _choice(self, title: str, detail: str) -> QCommandLinkButton:
        button = QCommandLinkButton(title, detail)
        button.setAccessibleName(title)
        button.setAccessibleDescription(detail)
        button.setMinimumHeight(54)
        button.setStyleSheet(
            "QCommandLinkButton{border:1px solid #c8ccd0;border-radius:6px;background:#fff;"
            "padding:4px}QCommandLinkButton:hover{border-color:#5b8bb5;background:#f5f9fc}"
        )
        return button

    def choices(self) -> tuple[QCommandLinkButton, ...]:
        """The ways to begin, in the order shown."""
        return (self.oruk_button, self.import_button, self.sample_button, self.empty_button)

    def save_details(self) -> None:
        """Save what is typed in the fields now (a choice may be clicked before leaving one)."""
        for key, edit in self.edits.items():
            self._writer.set(key, edit.text().strip())

    def set_busy(self, message: str) -> None:
        """Show progress and stop a second click while work runs."""
        self.status.setText(message)
        for button in self.choices():
            button.setEnabled(not message)
