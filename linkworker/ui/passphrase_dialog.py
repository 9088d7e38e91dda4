"""Asking for the data's passphrase: to open it, to choose one, or to change it.

:func:`ask_key` runs before the data is opened (and before SQLAlchemy is loaded): a new
data folder asks for a passphrase to be chosen, an encrypted one asks for its
passphrase (again, as often as needed, when it is wrong: the file is never touched),
and a data file from before encryption is offered encryption now.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from linkworker.domain.passphrase import MIN_LENGTH
from linkworker.errors import UserFacingError, WrongPassphrase

if TYPE_CHECKING:
    from linkworker.paths import AppPaths
    from linkworker.services.encryption import Key

#: Turns what was typed (the passphrase, and the second copy of a new one) into a key,
#: or raises a UserFacingError that the dialog shows.
Check = Callable[[str, "str | None"], "Key"]
#: Wrong tries after which the dialog suggests Caps Lock and asking the manager.
HINT_AFTER = 3


class PassphraseDialog(QDialog):
    """One passphrase (``new=False``) or a new one typed twice; ``key`` once accepted."""

    def __init__(
        self,
        check: Check,
        *,
        new: bool,
        intro: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._check = check
        self._new = new
        self.key: Key | None = None
        self.wrong_tries = 0
        self.setWindowTitle(
            self.tr("Choose a passphrase") if new else self.tr("Passphrase for your data")
        )
        self.intro_label = QLabel(intro or self._default_intro())
        self.intro_label.setWordWrap(True)
        self.passphrase_edit = self._password_edit(self.tr("Passphrase"))
        form = QFormLayout()
        form.addRow(self.tr("&Passphrase:"), self.passphrase_edit)
        self.again_edit: QLineEdit | None = None
        if new:
            self.again_edit = self._password_edit(self.tr("Passphrase again"))
            form.addRow(self.tr("&Again:"), self.again_edit)
        self.problem_label = QLabel()
        self.problem_label.setObjectName("passphraseProblem")
        self.problem_label.setWordWrap(True)
        self.problem_label.setAccessibleName(self.tr("What is wrong"))
        self.problem_label.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.try_passphrase)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro_label)
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(buttons)
        # Wrapped labels: the dialog grows to their height rather than clipping them. The
        # size constraint sets the dialog's minimum from the layout's, so the width is
        # given to the labels (a dialog's own minimum width would be overridden).
        for label in (self.intro_label, self.problem_label):
            label.setMinimumWidth(440)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)

    def _default_intro(self) -> str:
        if not self._new:
            return self.tr("Your data is encrypted. Type its passphrase to open it.")
        return self.tr(
            "Your data will be encrypted on this computer. Choose a passphrase of at least "
            "{n} characters. Nobody can recover it: without it, neither the data nor its "
            "backups can be opened, so keep it somewhere safe (your manager may keep a "
            "sealed copy)."
        ).format(n=MIN_LENGTH)

    def _password_edit(self, name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setAccessibleName(name)
        return edit

    def try_passphrase(self) -> None:
        """Check what was typed: accept with its key, or say what is wrong and stay open."""
        again = self.again_edit.text() if self.again_edit is not None else None
        self.setCursor(Qt.CursorShape.WaitCursor)
        try:
            self.key = self._check(self.passphrase_edit.text(), again)
        except WrongPassphrase:
            self.wrong_tries += 1
            self._show_problem(self._wrong_text())
            return
        except UserFacingError as exc:
            self._show_problem(exc.message)
            return
        finally:
            self.unsetCursor()
        self.accept()

    def _wrong_text(self) -> str:
        text = self.tr("That passphrase does not open the data. Try again.")
        if self.wrong_tries >= HINT_AFTER:
            text += " " + self.tr(
                "Check that Caps Lock is off and the keyboard is the usual one. If the "
                "passphrase was changed, use the new one, or ask your manager."
            )
        return text

    def _show_problem(self, text: str) -> None:
        self.problem_label.setText(text)
        self.problem_label.show()
        self.adjustSize()
        self.passphrase_edit.selectAll()
        self.passphrase_edit.setFocus()


class Cancelled(Exception):
    """The person chose not to give a passphrase: the window closes without the data."""


def ask_key(
    parent: QWidget, paths: AppPaths, given: str | None, *, offer: bool = True
) -> Key | None:
    """The key to open the data with (None: a plain file, opened as it is).

    ``given``: a passphrase from the environment or a file, tried first. ``offer``:
    offer to encrypt a plain data file (not in a check that nobody watches). Raises
    :class:`Cancelled` when a dialog is cancelled.
    """
    from linkworker.services import encryption as enc

    kind = enc.data_file(paths)
    if kind is enc.DataFile.OTHER:
        return None  # the full open explains what is wrong
    if kind is enc.DataFile.PLAIN:
        return _offer_encryption(parent, paths) if offer else None
    if given is not None:
        try:
            if kind is enc.DataFile.NEW:
                return enc.new_key(given)
            return enc.unlock(paths, given)
        except UserFacingError:
            pass  # asked for below
    if kind is enc.DataFile.NEW:
        return _run(PassphraseDialog(enc.new_key, new=True, parent=parent))
    return _run(PassphraseDialog(lambda p, _again: enc.unlock(paths, p), new=False, parent=parent))


def _run(dialog: PassphraseDialog) -> Key:
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.key is None:
            raise Cancelled
        return dialog.key
    finally:
        dialog.deleteLater()


def _offer_encryption(parent: QWidget, paths: AppPaths) -> Key | None:
    """Offer to encrypt a data file from before encryption; its key, or None to open it plain."""
    from linkworker.services import encryption as enc

    answer = QMessageBox.question(
        parent,
        parent.tr("Encrypt your data?"),
        parent.tr(
            "Your data is not encrypted: anyone who can read this computer's disk can read "
            "it. Encrypt it now? It takes a moment; the data and its backups are then opened "
            "with a passphrase you choose."
        ),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return None
    key = _run(PassphraseDialog(enc.new_key, new=True, parent=parent))
    enc.encrypt_plain(paths, key)
    return key


def change_passphrase(parent: QWidget, paths: AppPaths, change: Callable[[Key], None]) -> bool:
    """Ask for the current passphrase, then a new one twice, and ``change`` to it; True if done."""
    from linkworker.services import encryption as enc

    current = PassphraseDialog(
        lambda p, _again: enc.unlock(paths, p),
        new=False,
        intro=parent.tr("To change the passphrase, first type the one in use now."),
        parent=parent,
    )
    try:
        _run(current)
        new = _run(PassphraseDialog(enc.new_key, new=True, parent=parent))
    except Cancelled:
        return False
    change(new)
    return True
