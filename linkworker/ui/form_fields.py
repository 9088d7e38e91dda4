"""The pieces every form is built from: a message label beside a field, a field with
its check, a hint, the inputs (line, text, choice and date boxes) and small helpers for
comma lists, optional values and dates."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from linkworker.domain.validation import (
    InvalidValue,
)
from linkworker.ui.keyboard import DateEdit
from linkworker.ui.style import hint_css

ERROR_STYLE = "color: #b3261e;"
DATE_FORMAT = "d MMM yyyy"


class ErrorLabel(QLabel):
    """A small red message under one field, hidden while there is nothing to say."""

    def __init__(self, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setStyleSheet(ERROR_STYLE)
        self.setAccessibleName(self.tr("Problem with {0}").format(what))
        self.hide()

    def show_message(self, message: str) -> None:
        self.setText(message)
        self.setVisible(bool(message))


@dataclasses.dataclass(eq=False)
class Field:
    """An input, the label for its problems, and the check run when it is left."""

    widget: QWidget
    error: ErrorLabel
    check: Callable[[], str]

    def validate(self) -> str:
        message = self.check()
        self.show(message)
        return message

    def show(self, message: str) -> None:
        self.error.show_message(message)
        self.widget.setAccessibleDescription(message)


def stacked(*widgets: QWidget | QLayout) -> QWidget:
    """A field with its error label under it, as one form cell."""
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    for item in widgets:
        if isinstance(item, QLayout):
            column.addLayout(item)
        else:
            column.addWidget(item)
    return box


def hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(hint_css())
    return label


def items(text: str) -> tuple[str, ...]:
    """Comma-separated text as tidy items, each once (ignoring case), in the order typed."""
    seen: dict[str, str] = {}
    for part in text.split(","):
        clean = " ".join(part.split())
        if clean:
            seen.setdefault(clean.lower(), clean)
    return tuple(seen.values())


def optional_text(edit: QLineEdit, parse: Callable[[str], str]) -> Callable[[], str]:
    """A check that parses non-empty text and writes back the normalised form."""

    def check() -> str:
        if not edit.text().strip():
            edit.clear()
            return ""
        try:
            value = parse(edit.text())
        except InvalidValue as exc:
            return str(exc)
        if value != edit.text():
            edit.setText(value)
        return ""

    return check


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def py_date(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def line_edit(name: str, placeholder: str = "") -> QLineEdit:
    """A one-line box with its accessible name and, if given, a placeholder."""
    edit = QLineEdit()
    edit.setAccessibleName(name)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    return edit


def plain_text(name: str, lines: int, grow: bool = False, placeholder: str = "") -> QPlainTextEdit:
    """A multi-line box ``lines`` high that Tab leaves; with ``grow`` it takes any room to spare."""
    edit = QPlainTextEdit()
    edit.setAccessibleName(name)
    edit.setTabChangesFocus(True)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    height = edit.fontMetrics().lineSpacing() * lines + 14
    if grow:
        edit.setMinimumHeight(height)
    else:
        edit.setFixedHeight(height)
    return edit


def combo(name: str, choices: Sequence[tuple[str, object]]) -> QComboBox:
    """A choice box of (text, data) pairs."""
    box = QComboBox()
    box.setAccessibleName(name)
    for text, data in choices:
        box.addItem(text, data)
    return box


def select(box: QComboBox, data: object) -> None:
    """Choose the item holding ``data`` (the first item when none does)."""
    index = box.findData(data)
    box.setCurrentIndex(max(index, 0))


def date_edit(name: str) -> QDateEdit:
    """A date box with a calendar, not limited to the past: a future date gets a message."""
    edit = DateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setAccessibleName(name)
    edit.setDate(QDate.currentDate())
    edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("00 Www 0000") + 60)
    return edit
