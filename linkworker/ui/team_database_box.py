"""Settings, Team database: where the team's shared PostgreSQL database is.

The server, port, database and user are kept in the settings file; the password in
this computer's password store (see :mod:`linkworker.services.team_database`),
never on screen again once saved. The connection can be tried before it is saved;
Link Worker opens the team database from its next start.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from linkworker.errors import UserFacingError
from linkworker.services.settings import SettingsStore
from linkworker.services.team_database import (
    DEFAULT_PORT,
    TeamDatabase,
    check_connection,
    save_team_database,
    saved_team_database,
)
from linkworker.ui.workers import Tasks


class TeamDatabaseBox(QGroupBox):
    """Server, port, database, user and password; try the connection; save."""

    #: What the last try or save came to, as shown (for the window's status, and tests).
    told = Signal(str)

    def __init__(self, settings: SettingsStore, tasks: Tasks, parent: QWidget | None = None):
        super().__init__(self.tr("Team database"), parent)
        self._settings = settings
        self._tasks = tasks
        form = QFormLayout(self)
        intro = QLabel(
            self.tr(
                "To share one directory and caseload with your team, Link Worker can use your "
                "team's PostgreSQL database instead of the file on this computer. Your IT team "
                "or PCN gives you these details. The password is kept in this computer's "
                "password store, not in Link Worker's files."
            )
        )
        intro.setWordWrap(True)
        form.addRow(intro)
        self.host_edit = self._line(form, self.tr("Server"), self.tr("Team database server"))
        self.port_spin = QSpinBox()
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(DEFAULT_PORT)
        self.port_spin.setAccessibleName(self.tr("Team database port"))
        form.addRow(self.tr("Port"), self.port_spin)
        self.database_edit = self._line(form, self.tr("Database"), self.tr("Team database name"))
        self.user_edit = self._line(form, self.tr("User"), self.tr("Team database user"))
        self.password_edit = self._line(
            form, self.tr("Password"), self.tr("Team database password")
        )
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(self.tr("kept in this computer's password store"))
        self.ssl_check = QCheckBox(self.tr("Encrypted connection (needed for a managed server)"))
        form.addRow(self.ssl_check)
        self.test_button = QPushButton(self.tr("&Test the connection"))
        self.test_button.setAccessibleName(self.tr("Test the connection"))
        self.test_button.clicked.connect(self.test_connection)
        self.save_button = QPushButton(self.tr("Save team database"))
        self.save_button.setAccessibleName(self.tr("Save team database"))
        self.save_button.clicked.connect(self.save)
        self.local_button = QPushButton(self.tr("Use the file on this computer"))
        self.local_button.setAccessibleName(self.tr("Use the file on this computer"))
        self.local_button.clicked.connect(self.use_local)
        buttons = QHBoxLayout()
        for button in (self.test_button, self.save_button, self.local_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        form.addRow(buttons)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName(self.tr("Team database status"))
        form.addRow(self.status_label)
        self.load()

    @staticmethod
    def _line(form: QFormLayout, label: str, name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(name)
        form.addRow(label, edit)
        return edit

    def load(self) -> None:
        """Show what is saved (never the password)."""
        team = saved_team_database(self._settings)
        self.host_edit.setText(team.host if team else "")
        self.port_spin.setValue(team.port if team else DEFAULT_PORT)
        self.database_edit.setText(team.database if team else "")
        self.user_edit.setText(team.user if team else "")
        self.ssl_check.setChecked(bool(team and team.sslmode == "require"))
        self.password_edit.clear()
        self._say(
            self.tr("Link Worker uses the team database {name} on {host}.").format(
                name=team.database, host=team.host
            )
            if team
            else self.tr("Link Worker uses the data file on this computer.")
        )

    def typed(self) -> TeamDatabase:
        return TeamDatabase(
            host=self.host_edit.text().strip(),
            database=self.database_edit.text().strip(),
            user=self.user_edit.text().strip(),
            port=self.port_spin.value(),
            sslmode="require" if self.ssl_check.isChecked() else "",
        )

    def test_connection(self) -> None:
        """Try the typed details (in the background: a server may take seconds to answer)."""
        team, password = self.typed(), self.password_edit.text() or None
        self.test_button.setEnabled(False)
        self._say(self.tr("Trying the team database…"))

        def done(found: object) -> None:
            self.test_button.setEnabled(True)
            self._say(str(found))

        def failed(exc: BaseException) -> None:
            self.test_button.setEnabled(True)
            if not isinstance(exc, UserFacingError):
                raise exc
            self._say(f"{exc.message} {exc.advice}")

        self._tasks.start(lambda: check_connection(team, password), done, failed)

    def save(self) -> None:
        try:
            save_team_database(self._settings, self.typed(), self.password_edit.text() or None)
        except UserFacingError as exc:
            self._say(f"{exc.message} {exc.advice}")
            return
        self.password_edit.clear()
        self._say(self.tr("Saved. Link Worker opens the team database the next time it starts."))

    def use_local(self) -> None:
        save_team_database(self._settings, None)
        self.load()
        self._say(
            self.tr(
                "Saved. Link Worker opens the data file on this computer the next time it starts."
            )
        )

    def _say(self, text: str) -> None:
        self.status_label.setText(text)
        self.told.emit(text)
