"""A person's risk flags: those in force, with who raised them and when; raise one; remove one.

Removing a flag dates it and names who removed it; it is never deleted, so the
history stays. Flags show in a banner wherever the person is on screen and are
never printed.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from linkworker.domain.journey import RiskFlag, RiskFlagKind
from linkworker.errors import UserFacingError
from linkworker.services.people import InvalidPerson
from linkworker.ui.error_dialogs import show_user_error
from linkworker.ui.form_fields import ErrorLabel, combo, hint, line_edit, plain_text, stacked
from linkworker.ui.people.risk_banner import flag_line

if TYPE_CHECKING:
    from linkworker.services.flags import FlagService


class FlagDialog(QDialog):
    """Raise and remove the risk flags of one person; :attr:`changed` is True after either."""

    def __init__(
        self,
        flags: FlagService,
        person_id: uuid.UUID,
        person_name: str,
        user_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._flags = flags
        self._person_id = person_id
        self.changed = False
        self.setWindowTitle(self.tr("Risk flags: {0}").format(person_name))
        self.setMinimumWidth(560)

        self.current_box = QGroupBox(self.tr("In force"))
        self.current_grid = QGridLayout(self.current_box)
        self.current_grid.setColumnStretch(0, 1)
        self.remove_buttons: dict[uuid.UUID, QPushButton] = {}

        raise_box = QGroupBox(self.tr("Raise a flag"))
        form = QFormLayout(raise_box)
        self.kind_combo = combo(
            self.tr("Kind of risk"),
            [(self.tr("Choose…"), "")] + [(self.tr(k.label), k.value) for k in RiskFlagKind],
        )
        self.kind_error = ErrorLabel(self.tr("kind of risk"))
        label = QLabel(self.tr("&Kind of risk"))
        label.setBuddy(self.kind_combo)
        form.addRow(label, stacked(self.kind_combo, self.kind_error))
        self.note_edit = plain_text(self.tr("What colleagues need to know"), 2)
        self.note_edit.setPlaceholderText(self.tr("e.g. a large dog; visit in pairs"))
        label = QLabel(self.tr("&What to know"))
        label.setBuddy(self.note_edit)
        form.addRow(label, self.note_edit)
        self.by_edit = line_edit(self.tr("Your name"), self.tr("Who is raising or removing it"))
        self.by_edit.setText(user_name)
        # Who signed in raises or removes it: shown, not typed.
        self.by_edit.setReadOnly(bool(user_name.strip()))
        self.by_error = ErrorLabel(self.tr("your name"))
        label = QLabel(self.tr("&Your name"))
        label.setBuddy(self.by_edit)
        form.addRow(label, stacked(self.by_edit, self.by_error))
        self.raise_button = QPushButton(self.tr("&Raise the flag"))
        self.raise_button.setAccessibleName(self.tr("Raise the flag"))
        self.raise_button.clicked.connect(self.raise_flag)
        form.addRow("", self.raise_button)

        buttons = QDialogButtonBox()
        close = buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setAccessibleName(self.tr("Close the risk flags"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint(
                self.tr(
                    "Flags show on screen wherever this person is, so colleagues see them "
                    "before a visit or a call. They are never printed."
                )
            )
        )
        layout.addWidget(self.current_box)
        layout.addWidget(raise_box)
        layout.addWidget(buttons)
        self.refresh()
        self.kind_combo.setFocus()

    def refresh(self) -> None:
        """Show the flags in force now."""
        try:
            current = self._flags.current(self._person_id)
        except UserFacingError as exc:
            show_user_error(self, exc)
            return
        self._show_current(current)

    def _show_current(self, current: Sequence[RiskFlag]) -> None:
        while self.current_grid.count():
            item = self.current_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.remove_buttons = {}
        if not current:
            self.current_grid.addWidget(hint(self.tr("None.")), 0, 0)
        for row, flag in enumerate(current):
            text = QLabel(flag_line(flag))
            text.setWordWrap(True)
            text.setTextFormat(Qt.TextFormat.PlainText)
            remove = QPushButton(self.tr("Remove"))
            remove.setAccessibleName(self.tr("Remove the flag: {0}").format(flag.kind.label))
            remove.setProperty("flag_id", str(flag.id))
            remove.clicked.connect(self._remove_clicked)
            self.current_grid.addWidget(text, row, 0)
            self.current_grid.addWidget(remove, row, 1)
            self.remove_buttons[flag.id] = remove

    def raise_flag(self) -> RiskFlag | None:
        """Raise the flag described in the form; None when it needs correcting."""
        value = self.kind_combo.currentData()
        kind = RiskFlagKind(value) if value else None
        self.kind_error.show_message("")
        self.by_error.show_message("")
        try:
            flag = self._flags.raise_flag(
                self._person_id, kind, self.note_edit.toPlainText(), self.by_edit.text()
            )
        except InvalidPerson as exc:
            for problem in exc.problems:
                error = self.kind_error if problem.field == "kind" else self.by_error
                error.show_message(problem.message)
            return None
        except UserFacingError as exc:
            show_user_error(self, exc)
            return None
        self.changed = True
        self.kind_combo.setCurrentIndex(0)
        self.note_edit.clear()
        self.refresh()
        return flag

    def _remove_clicked(self) -> None:
        button = self.sender()
        value = button.property("flag_id") if button is not None else None
        if value:
            self.remove_flag(uuid.UUID(value))

    def remove_flag(self, flag_id: uuid.UUID) -> RiskFlag | None:
        """Remove a flag today, by the name in the form."""
        self.by_error.show_message("")
        try:
            flag = self._flags.remove_flag(flag_id, self.by_edit.text())
        except InvalidPerson as exc:
            self.by_error.show_message(exc.problems[0].message)
            return None
        except UserFacingError as exc:
            show_user_error(self, exc)
            return None
        self.changed = True
        self.refresh()
        return flag
