"""File > Move to a team database…: the data file's every record copied into a new team
database, checked table by table, with the file kept as it is.

The copy runs in the background with its progress shown; the result lists each table
with its rows on both sides and whether they are the same. The password is used for
the copy and not kept anywhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from linkworker.domain.audit_words import SUBJECT_WORDS
from linkworker.errors import UserFacingError
from linkworker.services.team_copy import TeamCopy
from linkworker.services.team_database import DEFAULT_PORT, TeamDatabase
from linkworker.ui.style import hint_css, title_label

if TYPE_CHECKING:
    from linkworker.services.context import Services
    from linkworker.ui.workers import Tasks


class TeamCopyDialog(QDialog):
    """Where the team database is, the copy's progress, and its check, table by table."""

    def __init__(self, services: Services, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._tasks = tasks
        self.copied: TeamCopy | None = None
        self.setWindowTitle(self.tr("Move to a team database"))
        self.setMinimumWidth(620)

        intro = QLabel(
            self.tr(
                "Copies everything in this data file (people, their records, the directory "
                "and the audit trail) into a new, empty team database. The copy is checked "
                "table by table before it is kept, and this data file stays as it is."
            )
        )
        intro.setWordWrap(True)
        self.host = self._line(self.tr("Server"), self.tr("e.g. db.practice.nhs.uk"))
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.port.setAccessibleName(self.tr("Port"))
        self.database = self._line(self.tr("Database"), self.tr("e.g. linkworker"))
        self.user = self._line(self.tr("User"), self.tr("the team's connection role"))
        self.password = self._line(self.tr("Password"), self.tr("used for the copy, not kept"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.ssl = QCheckBox(self.tr("Encrypted connection (needed for a managed server)"))
        self.ssl.setChecked(True)
        form = QFormLayout()
        form.addRow(self.tr("&Server:"), self.host)
        form.addRow(self.tr("P&ort:"), self.port)
        form.addRow(self.tr("&Database:"), self.database)
        form.addRow(self.tr("&User:"), self.user)
        form.addRow(self.tr("Pass&word:"), self.password)
        form.addRow("", self.ssl)

        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Table"), self.tr("Rows here"), self.tr("Rows there"), self.tr("Check")]
        )
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setAccessibleName(self.tr("What was copied"))
        self.table.setVisible(False)
        where = QLabel(self.tr("This data file: {path}").format(path=services.paths.database))
        where.setStyleSheet(hint_css())
        where.setWordWrap(True)

        self.copy_button = QPushButton(self.tr("&Copy and check"))
        self.copy_button.setDefault(True)
        self.copy_button.clicked.connect(self.start_copy)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("Move to a team database")))
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(where)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)

    @staticmethod
    def _line(name: str, placeholder: str) -> QLineEdit:
        line = QLineEdit()
        line.setAccessibleName(name)
        line.setPlaceholderText(placeholder)
        return line

    def address(self) -> TeamDatabase:
        return TeamDatabase(
            host=self.host.text().strip(),
            database=self.database.text().strip(),
            user=self.user.text().strip(),
            port=self.port.value(),
            sslmode="require" if self.ssl.isChecked() else "",
        )

    def _missing(self, address: TeamDatabase) -> tuple[str, ...]:
        """What must still be filled in, in the words of the form."""
        given = (
            (self.tr("Server"), address.host),
            (self.tr("Database"), address.database),
            (self.tr("User"), address.user),
        )
        return tuple(name for name, value in given if not value)

    def start_copy(self) -> None:
        """Copy in the background, with its progress shown; the form is kept as typed."""
        address = self.address()
        missing = self._missing(address)
        if missing:
            self.message.setText(
                self.tr("Fill in {fields} first.").format(fields=", ".join(missing))
            )
            return
        url = address.url(self.password.text())
        self._set_busy(True)
        self.message.setText(self.tr("Copying into {db}…").format(db=address.database))
        copy = self._services.copy_to_team
        self._tasks.start(
            lambda progress: copy(url, lambda _what, done, steps: progress(done, steps)),
            self._copied,
            self._failed,
            self._progressed,
        )

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.copy_button.setEnabled(not busy)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setEnabled(not busy)
        if busy:
            self.progress.setRange(0, 0)

    def _progressed(self, done: int, steps: int) -> None:
        self.progress.setRange(0, steps)
        self.progress.setValue(done)

    def _copied(self, result: TeamCopy) -> None:
        self.copied = result
        self._set_busy(False)
        self.copy_button.setEnabled(False)
        check = result.check
        self.message.setText(
            self.tr(
                "Copied and checked: {rows:,} records in {tables} tables, every table the "
                "same on both sides. Your data file is kept as it was."
            ).format(rows=check.rows, tables=len(check.tables))
        )
        shown = [t for t in check.tables if t.source_rows or t.target_rows]
        self.table.setRowCount(len(shown))
        for row, table in enumerate(shown):
            words = SUBJECT_WORDS.get(table.table, table.table.replace("_", " "))
            cells = (
                f"{words[:1].upper()}{words[1:]}",
                f"{table.source_rows:,}",
                f"{table.target_rows:,}",
                self.tr("Same") if table.same else self.tr("Differs"),
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setVisible(True)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, UserFacingError):
            self.message.setText(f"{exc.message} {exc.advice}".strip())
            return
        self.message.setText(
            self.tr("The copy could not be made. Nothing was changed in your data file.")
        )
        raise exc
