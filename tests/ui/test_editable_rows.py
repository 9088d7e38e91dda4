"""The list of rows every form grows and shrinks: numbering, Tab order, where the cursor
goes, rows that always stay, blank rows, and rows laid out under headings."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from linkworker.ui.editable_rows import EditableRows, WholeRow


class NoteRow(QWidget, WholeRow):
    """A row of one line of text, for these tests."""

    def __init__(self, text: str | None = None) -> None:
        super().__init__()
        self.edit = QLineEdit(text or "")
        self.remove_button = QPushButton("Remove")
        line = QHBoxLayout(self)
        line.addWidget(self.edit)
        line.addWidget(self.remove_button)

    def inputs(self) -> list[QWidget]:
        return [self.edit, self.remove_button]

    def first_input(self) -> QWidget:
        return self.edit

    def set_number(self, number: int) -> None:
        self.edit.setAccessibleName(f"Note {number}: words")
        self.remove_button.setAccessibleName(f"Remove note {number}")

    def is_blank(self) -> bool:
        return not self.edit.text().strip()


class Window(QWidget):
    def __init__(self, keep: int = 0, headers: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.before, self.after = QLineEdit(), QLineEdit()
        self.rows: EditableRows[NoteRow, str] = EditableRows(
            NoteRow, "Add a note", "Add a note", headers=headers, keep=keep
        )
        column = QVBoxLayout(self)
        for widget in (self.before, self.rows, self.after):
            column.addWidget(widget)


def _tab_stops(qtbot: Any, window: Window) -> list[QWidget]:
    """Every widget Tab reaches from the first box until it comes round again."""
    window.before.setFocus()
    stops: list[QWidget] = []
    for _ in range(30):
        focused = QApplication.focusWidget()
        assert focused is not None
        stops.append(focused)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        if QApplication.focusWidget() is window.before:
            break
    return stops


def test_rows_are_numbered_and_renumbered(qtbot: Any, activate: Any) -> None:
    window = activate(Window())
    window.rows.fill(["bus times", "bring a flask", "wear boots"])
    names = [row.edit.accessibleName() for row in window.rows.rows]
    assert names == ["Note 1: words", "Note 2: words", "Note 3: words"]
    window.rows.remove(window.rows.rows[0])
    assert [row.edit.text() for row in window.rows.rows] == ["bring a flask", "wear boots"]
    assert window.rows.rows[1].remove_button.accessibleName() == "Remove note 2"


def test_tab_runs_through_the_rows_in_order_after_adding_and_removing(
    qtbot: Any, activate: Any
) -> None:
    window = activate(Window())
    window.rows.fill(["one"])
    qtbot.mouseClick(window.rows.add_button, Qt.MouseButton.LeftButton)
    first, second = window.rows.rows
    assert QApplication.focusWidget() is second.edit
    expected = [
        window.before,
        first.edit,
        first.remove_button,
        second.edit,
        second.remove_button,
        window.rows.add_button,
        window.after,
    ]
    assert _tab_stops(qtbot, window) == expected

    qtbot.mouseClick(first.remove_button, Qt.MouseButton.LeftButton)
    assert QApplication.focusWidget() is second.edit  # the row that took its place
    assert _tab_stops(qtbot, window) == [
        window.before,
        second.edit,
        second.remove_button,
        window.rows.add_button,
        window.after,
    ]

    qtbot.mouseClick(second.remove_button, Qt.MouseButton.LeftButton)
    assert window.rows.rows == []
    assert QApplication.focusWidget() is window.rows.add_button
    assert _tab_stops(qtbot, window) == [window.before, window.rows.add_button, window.after]


def test_removing_the_last_row_puts_the_cursor_in_the_one_before(qtbot: Any, activate: Any) -> None:
    window = activate(Window())
    window.rows.fill(["one", "two"])
    first, second = window.rows.rows
    qtbot.mouseClick(second.remove_button, Qt.MouseButton.LeftButton)
    assert QApplication.focusWidget() is first.edit


def test_kept_rows_cannot_be_removed_only_emptied(qtbot: Any, activate: Any) -> None:
    window = activate(Window(keep=1))
    window.rows.fill([])
    (only,) = window.rows.rows
    assert only.is_blank() and not only.remove_button.isVisibleTo(window)
    window.rows.remove(only)
    assert window.rows.rows == [only]
    window.rows.add("two")
    assert all(row.remove_button.isVisibleTo(window) for row in window.rows.rows)


def test_blank_rows_are_left_out_of_what_is_filled(qtbot: Any, activate: Any) -> None:
    window = activate(Window())
    window.rows.fill([])
    assert len(window.rows.rows) == 1 and window.rows.filled() == []
    window.rows.add("a note")
    window.rows.add("   ")
    assert [row.edit.text() for row in window.rows.filled()] == ["a note"]


def test_headings_show_only_over_rows(qtbot: Any, activate: Any) -> None:
    window = activate(Window(headers=("Words",)))
    (heading,) = window.rows.headers
    assert not heading.isVisibleTo(window)
    window.rows.add("a note")
    assert heading.isVisibleTo(window)
    window.rows.clear()
    assert not heading.isVisibleTo(window)
