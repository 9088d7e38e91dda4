"""Erase this person: says plainly what will be deleted, and asks twice.

First ask: type the person's name (or the word ERASE); the Erase button stays
off until it matches. Second ask: a confirmation that it cannot be undone
(:meth:`EraseDialog.confirm`, which tests replace). Only then is ``erase``
called; the dialog is accepted once it has gone well.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from linkworker.errors import UserFacingError
from linkworker.services.rights import ErasurePreview
from linkworker.ui.error_dialogs import show_user_error
from linkworker.ui.form_fields import hint

#: The word that may be typed instead of the person's name.
ERASE_WORD = "ERASE"


def _tidy(text: str) -> str:
    return " ".join(text.split()).casefold()


class EraseDialog(QDialog):
    """What erasing a person removes, the first ask (their name or ERASE) and the second."""

    def __init__(
        self,
        preview: ErasurePreview,
        erase: Callable[[], object],
        parent: QWidget | None = None,
        *,
        why: str = "",
    ) -> None:
        super().__init__(parent)
        self._preview = preview
        self._erase = erase
        self.erased = False
        name = preview.name or self.tr("this person")
        self.setWindowTitle(self.tr("Erase {0}").format(name))
        self.setMinimumWidth(520)

        heading = QLabel(self.tr("Erase {0} for good?").format(name))
        heading.setStyleSheet("font-size: 15pt; font-weight: bold")
        heading.setWordWrap(True)
        intro = QLabel(
            self.tr(
                "This permanently deletes {0} and everything about them from Link Worker:"
            ).format(name)
        )
        intro.setWordWrap(True)
        lines = "".join(f"<li>{_escape(line)}</li>" for line in preview.lines)
        self.counts_label = QLabel(f"<ul style='margin:0'>{lines}</ul>")
        self.counts_label.setAccessibleName(self.tr("What will be deleted"))
        after = hint(
            self.tr(
                "It cannot be undone. The audit trail keeps a note that a record was erased, "
                "with these counts and no name. Backups made before now still hold the record "
                "until they are replaced; a copy for the person can be made first with "
                "Subject access request."
            )
        )
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        if why:
            layout.addWidget(hint(why))
        layout.addWidget(intro)
        layout.addWidget(self.counts_label)
        layout.addWidget(after)
        ask = QLabel(self.tr("To go on, type their name ({0}) or {1}:").format(name, ERASE_WORD))
        ask.setWordWrap(True)
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName(self.tr("Type their name or ERASE to go on"))
        ask.setBuddy(self.name_edit)
        layout.addWidget(ask)
        layout.addWidget(self.name_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.erase_button = buttons.addButton(
            self.tr("&Erase…"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.erase_button.setAccessibleName(self.tr("Erase this person"))
        self.erase_button.setEnabled(False)
        self.erase_button.clicked.connect(self.try_erase)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.name_edit.textChanged.connect(lambda _t: self._typed_changed())
        self.name_edit.setFocus()

    def _typed_changed(self) -> None:
        self.erase_button.setEnabled(self.first_ask_answered())

    def first_ask_answered(self) -> bool:
        """True when their name (any case or spacing) or ERASE has been typed."""
        typed = _tidy(self.name_edit.text())
        return bool(typed) and typed in {_tidy(self._preview.name), ERASE_WORD.casefold()}

    def confirm(self) -> bool:
        """The second ask: a plain yes or no, No the default."""
        answer = QMessageBox.warning(
            self,
            self.tr("Erase for good"),
            self.tr("Erase {0} now? This cannot be undone.").format(
                self._preview.name or self.tr("this person")
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def try_erase(self) -> None:
        """Erase only with both asks answered; stay open (nothing deleted) otherwise."""
        if not self.first_ask_answered() or not self.confirm():
            return
        try:
            self._erase()
        except UserFacingError as exc:
            show_user_error(self, exc)
            return
        self.erased = True
        self.accept()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
