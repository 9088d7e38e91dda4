"""Controls that let the Tab key move on, so every form can be filled in from the keyboard.

Qt's own defaults keep Tab in a few places: a table moves from cell to cell with it,
a date box moves between day, month and year (and, showing "No date", never lets go),
and a scroll area is a Tab stop of its own. The versions here give Tab back: it moves
to the next control, and the arrow keys move inside one.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QDateEdit, QDateTimeEdit, QScrollArea, QWidget


class DateEdit(QDateEdit):
    """A date box that Tab leaves; the arrow keys move between day, month and year."""

    def focusNextPrevChild(self, forward: bool) -> bool:
        return QWidget.focusNextPrevChild(self, forward)


class DateTimeEdit(QDateTimeEdit):
    """A date and time box that Tab leaves; the arrow keys move between its parts."""

    def focusNextPrevChild(self, forward: bool) -> bool:
        return QWidget.focusNextPrevChild(self, forward)


def scroll_area(content: QWidget) -> QScrollArea:
    """A frameless scroll area around ``content`` that is not a Tab stop itself.

    The controls inside still take focus, and the area scrolls to show each one.
    """
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    scroll.setWidget(content)
    return scroll


ViewT = TypeVar("ViewT", bound=QAbstractItemView)


def tab_leaves(view: ViewT) -> ViewT:
    """Tab moves on from a table or list; the arrow keys move inside it."""
    view.setTabKeyNavigation(False)
    return view
