"""Signing in: pick or type your name, then your PIN or passphrase.

With nobody set up yet (a new data folder, or data from before workers signed in)
the same dialog sets up the first worker, a manager, with a PIN or passphrase
typed twice. A wrong PIN says so plainly and leaves the name for another try;
nothing typed is kept once the dialog closes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from linkworker.domain.workers import PASSPHRASE_CHARACTERS, PIN_DIGITS, Worker
from linkworker.errors import UserFacingError
from linkworker.services.workers import WorkerService
from linkworker.ui.form_fields import hint
from linkworker.ui.style import PAGE_TITLE, title_label

#: A calm red for what went wrong, readable on the window's background.
PROBLEM_CSS = "color:#8a1c1c;"


def secret_field(name: str) -> QLineEdit:
    """A field for a PIN or passphrase: what is typed is not shown."""
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setAccessibleName(name)
    edit.setMaxLength(200)
    return edit


def problem_label() -> QLabel:
    """Where a wrong PIN or a missing name is explained, empty until then."""
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(PROBLEM_CSS)
    label.setAccessibleName(label.tr("Problem"))
    return label


class SignInDialog(QDialog):
    """Sign in (or set up the first worker); :attr:`worker` is who signed in once accepted."""

    def __init__(
        self,
        workers: WorkerService,
        suggested_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._workers = workers
        self.worker: Worker | None = None
        self.first = not workers.any_workers()
        self.setWindowTitle(self.tr("Sign in to Link Worker"))
        self.setMinimumWidth(460)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(12)
        form = QFormLayout()
        form.setSpacing(10)
        self.secret_edit = secret_field(self.tr("PIN or passphrase"))
        self.again_edit: QLineEdit | None = None
        if self.first:
            layout.addWidget(title_label(self.tr("Set up your sign-in"), PAGE_TITLE))
            layout.addWidget(
                hint(
                    self.tr(
                        "You are the first to use Link Worker with this data, so you will be "
                        "its manager: you can add your colleagues afterwards in Settings. "
                        "Choose a PIN of at least {digits} digits or a passphrase of at least "
                        "{chars} characters."
                    ).format(digits=PIN_DIGITS, chars=PASSPHRASE_CHARACTERS)
                )
            )
            self.name_edit: QLineEdit | QComboBox = QLineEdit(suggested_name)
            self.name_edit.setPlaceholderText(self.tr("As people know you, e.g. Sam Okafor"))
            self.again_edit = secret_field(self.tr("PIN or passphrase again"))
        else:
            layout.addWidget(title_label(self.tr("Sign in"), PAGE_TITLE))
            layout.addWidget(hint(self.tr("Choose your name, then type your PIN or passphrase.")))
            combo = QComboBox()
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            combo.addItems([w.display_name for w in workers.listed()])
            combo.setCurrentIndex(combo.findText(suggested_name) if suggested_name else -1)
            self.name_edit = combo
        self.name_edit.setAccessibleName(self.tr("Your name"))
        self._row(form, self.tr("Your &name"), self.name_edit)
        self._row(form, self.tr("&PIN or passphrase"), self.secret_edit)
        if self.again_edit is not None:
            self._row(form, self.tr("&Again"), self.again_edit)
        layout.addLayout(form)
        self.problem = problem_label()
        layout.addWidget(self.problem)

        buttons = QDialogButtonBox()
        self.sign_in_button = buttons.addButton(
            self.tr("Set up and sign in") if self.first else self.tr("Sign in"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.sign_in_button.setDefault(True)
        self.quit_button = buttons.addButton(
            self.tr("Quit"), QDialogButtonBox.ButtonRole.RejectRole
        )
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        (self.secret_edit if self.name_text() else self.name_edit).setFocus(
            Qt.FocusReason.OtherFocusReason
        )

    def _row(self, form: QFormLayout, caption: str, field: QWidget) -> None:
        label = QLabel(caption)
        label.setBuddy(field)
        form.addRow(label, field)

    def name_text(self) -> str:
        """The name chosen or typed."""
        if isinstance(self.name_edit, QComboBox):
            return self.name_edit.currentText().strip()
        return self.name_edit.text().strip()

    def try_sign_in(self) -> None:
        """Check the name and secret; accept when they match, else say so and ask again."""
        name, secret = self.name_text(), self.secret_edit.text()
        if not name:
            self._problem(self.tr("Choose or type your name."), self.name_edit)
            return
        if self.again_edit is not None:
            self._set_up(name, secret, self.again_edit.text())
            return
        try:
            worker = self._workers.sign_in(name, secret)
        except UserFacingError as exc:  # too many wrong tries: a pause first
            self.secret_edit.clear()
            self._problem(f"{exc.message} {exc.advice}".strip(), self.secret_edit)
            return
        if worker is None:
            self.secret_edit.clear()
            self._problem(
                self.tr("That name and PIN or passphrase do not match. Please try again."),
                self.secret_edit,
            )
            return
        self._done(worker)

    def _set_up(self, name: str, secret: str, again: str) -> None:
        if secret != again:
            assert self.again_edit is not None
            self.again_edit.clear()
            self._problem(self.tr("The two do not match. Type it again."), self.again_edit)
            return
        try:
            worker = self._workers.add_first(name, secret)
        except UserFacingError as exc:
            self._problem(f"{exc.message} {exc.advice}".strip(), None)
            return
        self._done(worker)

    def _problem(self, text: str, focus: QWidget | None) -> None:
        self.problem.setText(text)
        if focus is not None:
            focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def _done(self, worker: Worker) -> None:
        self.worker = worker
        self.secret_edit.clear()
        if self.again_edit is not None:
            self.again_edit.clear()
        self.accept()
