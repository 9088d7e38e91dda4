"""The risk flags a person carries, shown wherever they are on screen.

A band in warning colours (dark brown on pale amber, over 4.5:1) that names
each flag in force, who raised it and when, and its note. It hides itself when
the person carries none. Flags are for the team's eyes: they are never printed.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from linkworker.domain.journey import RiskFlag

#: Text and background of the banner; the contrast between them is checked in the tests.
TEXT_COLOUR = "#4d3300"
BACKGROUND_COLOUR = "#fff1c2"
BORDER_COLOUR = "#b07d00"

STYLE = (
    f"QLabel {{ color: {TEXT_COLOUR}; background: {BACKGROUND_COLOUR};"
    f" border: 1px solid {BORDER_COLOUR}; border-left: 6px solid {BORDER_COLOUR};"
    " border-radius: 4px; padding: 6px 8px; }"
)


def flag_line(flag: RiskFlag) -> str:
    """One flag in words: "Do not visit alone: a large dog (Sam Patel, 3 Dec 2026)"."""
    note = " ".join(flag.note.split())
    who = ", ".join(
        x for x in (flag.raised_by, f"{flag.raised_on.day} {flag.raised_on:%b %Y}") if x
    )
    return f"{flag.kind.label}" + (f": {note}" if note else "") + f" ({who})"


class RiskBanner(QLabel):
    """The person's risk flags in force; hidden when there are none."""

    def __init__(self, flags: Sequence[RiskFlag] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setStyleSheet(STYLE)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.setAccessibleName(self.tr("Risk flags"))
        self.show_flags(flags)

    def show_flags(self, flags: Sequence[RiskFlag]) -> None:
        """Show these flags (those in force), or hide the banner when there are none."""
        current = [f for f in flags if f.is_current]
        self.flags = tuple(current)
        if not current:
            self.clear()
            self.setAccessibleDescription("")
            self.hide()
            return
        heading = self.tr("Take care:") if len(current) == 1 else self.tr("Take care, {0} flags:")
        lines = [escape(flag_line(f)) for f in current]
        self.setText(f"<b>{escape(heading.format(len(current)))}</b> " + "<br>".join(lines))
        self.setAccessibleDescription("; ".join(flag_line(f) for f in current))
        if self.parentWidget() is not None:  # never shown as a window of its own
            self.show()
