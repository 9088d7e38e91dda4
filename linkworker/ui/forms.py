"""What every record form shares: the problem banner, Save and Cancel with their keys,
the question when someone else saved first, asking before typed work is thrown away,
and Return that finishes a field instead of saving a half-typed form.

The asset form, the person form and the referral and conversation forms build on
:class:`FormDialog`; each adds its own fields, checks and saving.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox, QPushButton

from linkworker import errors
from linkworker.ui.error_dialogs import show_user_error

BANNER_STYLE = (
    "QLabel { color: #7a1c14; background: #fdecea; border: 1px solid #e6a39c;"
    " border-radius: 4px; padding: 6px 8px; }"
)


class FormDialog(QDialog):
    """A modal form over one record. Subclasses set :attr:`discard_question`,
    implement :meth:`_on_save` and :meth:`_state`, and keep ``saved`` and
    ``_initial_state`` up to date."""

    #: Asked before closing a changed form without saving.
    discard_question = "You have made changes. Close without saving?"

    saved: Any
    _initial_state: Any

    def _make_banner(self) -> QLabel:
        """The red box at the top that says what needs correcting."""
        banner = QLabel()
        banner.setWordWrap(True)
        banner.setTextFormat(Qt.TextFormat.PlainText)
        banner.setStyleSheet(BANNER_STYLE)
        banner.setAccessibleName(self.tr("Problems to correct"))
        banner.hide()
        return banner

    def _buttons(self, save_name: str) -> QDialogButtonBox:
        """Save and Cancel; Ctrl+S, Ctrl+Return and Ctrl+Enter save too."""
        buttons = self._button_box = QDialogButtonBox()
        self.save_button = buttons.addButton(
            self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = buttons.addButton(
            self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.save_button.setAccessibleName(save_name)
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        self.cancel_button.setAccessibleName(self.tr("Cancel without saving"))
        self.cancel_button.setToolTip(self.tr("Cancel (Esc)"))
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        for keys in (QKeySequence.StandardKey.Save, "Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self._on_save)
        return buttons

    def _on_save(self) -> None:
        raise NotImplementedError

    def _state(self) -> Any:
        """Everything typed, comparable, to tell whether the form was changed."""
        raise NotImplementedError

    def _ask_overwrite(self, exc: errors.ConcurrentEdit) -> bool:
        """Ask whether to save over someone else's change. Tests replace this."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr(exc.title))
        box.setText(exc.message)
        box.setInformativeText(exc.advice)
        overwrite = box.addButton(
            self.tr("Save mine over theirs"), QMessageBox.ButtonRole.AcceptRole
        )
        keep = box.addButton(self.tr("Keep editing"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.exec()
        return box.clickedButton() is overwrite

    def _show_error(self, exc: errors.UserFacingError) -> None:
        """Explain an error that is not about one field. Tests replace this."""
        show_user_error(self, exc)

    def _confirm_discard(self) -> bool:
        """Ask whether to throw away what was typed. Tests replace this."""
        answer = QMessageBox.question(
            self,
            self.tr("Discard changes?"),
            self.tr(self.discard_question),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def is_dirty(self) -> bool:
        """True when anything differs from what the form opened with."""
        return bool(self._state() != self._initial_state)

    def reject(self) -> None:
        if self.saved is None and self.is_dirty() and not self._confirm_discard():
            return
        super().reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Return in a field only finishes that field; a long form must not save half-typed.
        plain = not event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier
            | Qt.KeyboardModifier.AltModifier
            | Qt.KeyboardModifier.MetaModifier
        )
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and plain and not isinstance(self.focusWidget(), QPushButton):
            event.accept()
            return
        super().keyPressEvent(event)
