"""Settings: who you are, how fresh listings must be, where data lives, backups."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from linkworker.errors import UserFacingError
from linkworker.services.settings import referral_reasons
from linkworker.ui.error_dialogs import show_user_error
from linkworker.ui.workers import Tasks

if TYPE_CHECKING:
    from linkworker.services.context import Services


class SettingsPage(QWidget):
    """Edits settings as they are typed; shows the data folder and makes backups."""

    stale_months_changed = Signal(int)

    def __init__(
        self, services: Services, tasks: Tasks, demo: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._settings = services.settings
        self._tasks = tasks

        title = QLabel(self.tr("Settings"))
        title.setStyleSheet("font-size:18px;font-weight:600")

        self.name_edit = QLineEdit(str(self._settings.get("user_name") or ""))
        self.name_edit.setAccessibleName(self.tr("Your name"))
        self.name_edit.setPlaceholderText(self.tr("Shown when you mark a listing as checked"))
        self.name_edit.editingFinished.connect(
            lambda: self._settings.set("user_name", self.name_edit.text().strip())
        )
        self.team_edit = QLineEdit(str(self._settings.get("team_name") or ""))
        self.team_edit.setAccessibleName(self.tr("Team or practice"))
        self.team_edit.editingFinished.connect(
            lambda: self._settings.set("team_name", self.team_edit.text().strip())
        )
        self.stale_spin = QSpinBox()
        self.stale_spin.setRange(1, 60)
        self.stale_spin.setSuffix(self.tr(" months"))
        self.stale_spin.setValue(int(self._settings.get("stale_months") or 12))
        self.stale_spin.setAccessibleName(self.tr("Flag listings not checked for"))
        self.stale_spin.valueChanged.connect(self._stale_changed)

        self.reasons_edit = QPlainTextEdit("\n".join(referral_reasons(self._settings)))
        self.reasons_edit.setAccessibleName(self.tr("Referral reasons, one per line"))
        self.reasons_edit.setFixedHeight(150)
        self.reasons_edit.setToolTip(
            self.tr("The reasons offered when recording a referral. One per line.")
        )
        self.reasons_edit.textChanged.connect(self._reasons_changed)
        people = QGroupBox(self.tr("People"))
        people_form = QFormLayout(people)
        people_form.addRow(self.tr("Referral reasons\n(one per line)"), self.reasons_edit)

        you = QGroupBox(self.tr("You"))
        you_form = QFormLayout(you)
        you_form.addRow(self.tr("Your name"), self.name_edit)
        you_form.addRow(self.tr("Team or practice"), self.team_edit)
        directory = QGroupBox(self.tr("Directory"))
        dir_form = QFormLayout(directory)
        dir_form.addRow(self.tr("Flag listings not checked for"), self.stale_spin)

        paths = services.paths
        data = QGroupBox(self.tr("Your data"))
        data_layout = QVBoxLayout(data)
        where = self.tr("Everything is kept on this computer in {folder}").format(
            folder=paths.data_dir
        )
        if demo:
            where += "\n" + self.tr("Demo mode: this folder is removed when you close Link Worker.")
        self.where_label = QLabel(where)
        self.where_label.setWordWrap(True)
        self.where_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton(self.tr("Open data folder"))
        self.open_button.setAccessibleName(self.tr("Open the data folder"))
        self.open_button.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.data_dir)))
        )
        self.backup_button = QPushButton(self.tr("&Back up now"))
        self.backup_button.setAccessibleName(self.tr("Back up now"))
        self.backup_button.clicked.connect(self.backup_now)
        self.backup_label = QLabel()
        self.backup_label.setWordWrap(True)
        self.backup_label.setAccessibleName(self.tr("Latest backup"))
        row = QHBoxLayout()
        row.addWidget(self.open_button)
        row.addWidget(self.backup_button)
        row.addStretch(1)
        data_layout.addWidget(self.where_label)
        data_layout.addLayout(row)
        data_layout.addWidget(self.backup_label)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        for box in (you, people, directory, data):
            box.setMaximumWidth(720)
            layout.addWidget(box)
        layout.addStretch(1)
        self.refresh_backups()

    def _reasons_changed(self) -> None:
        lines = [line.strip() for line in self.reasons_edit.toPlainText().splitlines()]
        self._settings.set("referral_reasons", [line for line in lines if line])

    def _stale_changed(self, months: int) -> None:
        self._settings.set("stale_months", months)
        self.stale_months_changed.emit(months)

    def refresh_backups(self) -> None:
        backups = self._services.backups.backups()
        if not backups:
            text = self.tr("No backups yet. Backups are kept in {folder}.")
        else:
            latest = backups[0]
            text = self.tr("{n} backups in {folder}. Latest: {when}.").format(
                n=len(backups), folder="{folder}", when=latest.made_at.strftime("%d %B %Y %H:%M")
            )
        self.backup_label.setText(text.format(folder=self._services.backups.folder))

    def backup_now(self) -> None:
        self.backup_button.setEnabled(False)
        self.backup_label.setText(self.tr("Backing up…"))

        def done(_path: object) -> None:
            self.backup_button.setEnabled(True)
            self.refresh_backups()

        def failed(exc: BaseException) -> None:
            self.backup_button.setEnabled(True)
            self.refresh_backups()
            if isinstance(exc, UserFacingError):
                show_user_error(self, exc)
            else:
                raise exc

        self._tasks.start(self._services.backups.backup_now, done, failed)
