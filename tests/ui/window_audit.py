"""What a keyboard user and a screen reader meet in a window, found by walking its widgets.

Used by ``test_keyboard_and_names.py``: every page of every stacked widget and tab is
shown in turn, and in each the controls on show are checked for Alt-key clashes; every
control is checked for an accessible name that says what its label says, and for the
ways Tab gets stuck (a scroll area that takes focus, a table or a text box that keeps Tab).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QDateTimeEdit,
    QGroupBox,
    QLabel,
    QMainWindow,
    QPlainTextEdit,
    QScrollArea,
    QStackedWidget,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)

if TYPE_CHECKING:
    from linkworker.ui.main_window import MainWindow

_MNEMONIC = re.compile(r"&(.)")
_ELLIPSIS = re.compile(r"(…|\.\.\.)$")


def shown_text(text: str) -> str:
    """What a label shows: "Print &sheet…" -> "Print sheet…", "&&" -> "&"."""
    return _MNEMONIC.sub(r"\1", text)


def mnemonic(text: str) -> str:
    """The Alt key a label underlines ("" for none), in lower case."""
    for match in _MNEMONIC.finditer(text):
        if match.group(1) != "&":
            return match.group(1).lower()
    return ""


def every_page(window: MainWindow) -> MainWindow:
    """``window`` with all its pages built (the window builds each when it is first shown)."""
    pages = (
        window.today_page,
        window.people_page,
        window.directory_page,
        window.reports_page,
        window.settings_page,
        window.welcome_page,
    )
    assert all(window.pages.indexOf(page) >= 0 for page in pages)
    return window


def describe(widget: QWidget) -> str:
    """A widget as a person would name it in a bug report."""
    text = ""
    if isinstance(widget, QAbstractButton | QLabel):
        text = widget.text()
    elif isinstance(widget, QGroupBox):
        text = widget.title()
    name = widget.accessibleName()
    return f"{type(widget).__name__} {shown_text(text)!r} (named {name!r})"


def _own(window: QWidget) -> list[QWidget]:
    """The window's widgets, not those of popups or dialogs parented to it."""
    return [w for w in window.findChildren(QWidget) if w.window() is window]


def _set_page(stack: QStackedWidget, index: int) -> None:
    owner = stack.parentWidget()
    if isinstance(owner, QTabWidget) and owner.findChild(QStackedWidget) is stack:
        owner.setCurrentIndex(index)
    else:
        stack.setCurrentIndex(index)


def _top_stacks(container: QWidget, window: QWidget) -> list[QStackedWidget]:
    """The stacked widgets in ``container`` that are not inside another one in it."""
    found = []
    for stack in container.findChildren(QStackedWidget):
        if stack.window() is not window or stack is container:
            continue
        parent = stack.parentWidget()
        nested = False
        while parent is not None and parent is not container:
            if isinstance(parent, QStackedWidget):
                nested = True
                break
            parent = parent.parentWidget()
        if not nested:
            found.append(stack)
    return found


def states(window: QWidget) -> Iterator[str]:
    """Show every page of every stacked widget and tab in turn; yields where it is."""

    def visit(container: QWidget, path: str) -> Iterator[str]:
        stacks = [s for s in _top_stacks(container, window) if s.isVisibleTo(window)]
        if not stacks:
            yield path or "as opened"
            return
        for stack in stacks:
            original = stack.currentIndex()
            for index in range(stack.count()):
                _set_page(stack, index)
                page = stack.widget(index)
                label = page.accessibleName() or page.objectName() or type(page).__name__
                yield from visit(page, f"{path} > {label}")
            _set_page(stack, original)

    yield from visit(window, "")


def _key_of_sequence(sequence: QKeySequence) -> str:
    text = sequence.toString(QKeySequence.SequenceFormat.PortableText)
    match = re.fullmatch(r"Alt\+(\w)", text)
    return match.group(1).lower() if match else ""


def alt_keys(window: QWidget) -> dict[str, list[str]]:
    """Alt+letter -> what answers it among the controls on show now."""
    keys: dict[str, list[str]] = defaultdict(list)
    for widget in _own(window):
        if not widget.isVisibleTo(window):
            continue
        texts: list[str] = []
        if isinstance(widget, QAbstractButton) or (
            isinstance(widget, QLabel) and widget.buddy() is not None
        ):
            texts = [widget.text()]
        elif isinstance(widget, QGroupBox) and widget.isCheckable():
            texts = [widget.title()]
        elif isinstance(widget, QTabBar):
            texts = [widget.tabText(i) for i in range(widget.count())]
        for text in texts:
            key = mnemonic(text)
            if key:
                keys[key].append(describe(widget) if not isinstance(widget, QTabBar) else text)
        for shortcut in widget.findChildren(
            QShortcut, options=Qt.FindChildOption.FindDirectChildrenOnly
        ):
            key = _key_of_sequence(shortcut.key())
            if key and shortcut.isEnabled():
                keys[key].append(f"shortcut Alt+{key.upper()} on {type(widget).__name__}")
    if isinstance(window, QMainWindow) and window.menuBar().isVisibleTo(window):
        for action in window.menuBar().actions():
            key = mnemonic(action.text())
            if key:
                keys[key].append(f"menu {shown_text(action.text())!r}")
    for action in window.findChildren(QAction):
        key = _key_of_sequence(action.shortcut())
        if key:
            keys[key].append(f"action {shown_text(action.text())!r}")
    return keys


def clashes(window: QWidget) -> list[str]:
    """Alt keys that answer to two controls in any state of the window."""
    found: set[str] = set()
    for where in states(window):
        for key, owners in alt_keys(window).items():
            if len(owners) > 1:
                found.add(f"{where}: Alt+{key.upper()} for {sorted(owners)}")
    return sorted(found)


def names_without_labels(window: QWidget) -> list[str]:
    """Buttons whose accessible name does not contain the words on them."""
    found = []
    for button in window.findChildren(QAbstractButton):
        label = _ELLIPSIS.sub("", shown_text(button.text())).strip().casefold()
        name = button.accessibleName().casefold()
        words = any(c.isalpha() for c in label)  # a symbol such as "+" is an icon, not words
        if words and name and label not in name:
            found.append(describe(button))
    return found


def _tab_moves_on(edit: QWidget, window: QWidget) -> bool:
    edit.setFocus(Qt.FocusReason.TabFocusReason)
    if window.focusWidget() is not edit:
        return True  # it cannot take focus as things stand
    QApplication.sendEvent(
        edit, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier)
    )
    return window.focusWidget() is not edit


def tab_traps(window: QWidget) -> list[str]:
    """Scroll areas that take focus, and tables, text and date boxes that keep the Tab key."""
    found = set()
    for widget in _own(window):
        if isinstance(widget, QScrollArea) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            inside = widget.widget()
            found.add(f"scroll area takes focus: {inside and describe(inside)}")
        elif isinstance(widget, QAbstractItemView) and widget.tabKeyNavigation():
            found.add(f"keeps Tab: {describe(widget)}")
        elif (
            isinstance(widget, QPlainTextEdit | QTextEdit)
            and not widget.isReadOnly()
            and not widget.tabChangesFocus()
        ):
            found.add(f"types a tab: {describe(widget)}")
    for where in states(window):
        for edit in _own(window):
            if (
                isinstance(edit, QDateTimeEdit)
                and edit.isVisibleTo(window)
                and edit.isEnabled()
                and not _tab_moves_on(edit, window)
            ):
                found.add(f"{where}: keeps Tab: {describe(edit)} showing {edit.text()!r}")
    return sorted(found)
