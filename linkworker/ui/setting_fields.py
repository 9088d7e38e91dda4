"""Settings saved as they are typed, and the calm note that says they were.

Used by the Settings page and by the welcome page, which asks for the same details
(your name, team and phone print on every plan and letter).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from linkworker.services.settings import SettingsStore
from linkworker.ui.style import hint_css

#: The details about the link worker that print on plans and letters:
#: key, label, name for a screen reader, example.
ABOUT_YOU = (
    ("user_name", "Your name", "Your name", "As people know you, e.g. Sam Okafor"),
    (
        "team_name",
        "Team or practice",
        "Team or practice",
        "e.g. Ellesmere Port Social Prescribing Team",
    ),
    ("user_phone", "Work phone", "Your work phone", "e.g. 0151 496 0000"),
    ("user_email", "Work email", "Your work email", "e.g. firstname.lastname@nhs.net"),
)


class SavedNote(QLabel):
    """“Changes are saved as you go.”, then “Saved at 14:32.” after each change."""

    def __init__(
        self, now: Callable[[], dt.datetime] = dt.datetime.now, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._now = now
        self.setStyleSheet(hint_css())
        self.setAccessibleName(self.tr("Saving"))
        self.setText(self.tr("Changes are saved as you go."))

    def saved(self) -> None:
        """Say a change was saved, and when."""
        self.setText(self.tr("Saved at {time}.").format(time=f"{self._now():%H:%M}"))


class SettingsWriter:
    """Writes settings and tells each :class:`SavedNote` that shows them."""

    def __init__(self, settings: SettingsStore) -> None:
        self.settings = settings
        self.notes: list[SavedNote] = []

    def set(self, key: str, value: object) -> None:
        """Save ``value`` under ``key`` unless it is already so; the notes say when."""
        if self.settings.get(key) == value:
            return
        self.settings.set(key, value)
        for note in self.notes:
            note.saved()

    def line_edit(self, key: str, name: str, example: str) -> QLineEdit:
        """A field saved under ``key`` (tidied) when the cursor leaves it."""
        edit = QLineEdit(str(self.settings.get(key) or ""))
        edit.setAccessibleName(name)
        edit.setPlaceholderText(example)
        edit.setClearButtonEnabled(True)
        edit.editingFinished.connect(lambda: self.set(key, edit.text().strip()))
        return edit

    def reload(self, edit: QLineEdit, key: str) -> None:
        """Show what is stored now (it may have been typed elsewhere)."""
        if not edit.hasFocus():
            edit.setText(str(self.settings.get(key) or ""))
