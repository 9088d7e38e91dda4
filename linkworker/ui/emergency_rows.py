"""One row of the team's emergency numbers: who (the crisis team, the safeguarding lead),
and the number to call."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWidget

from linkworker.ui.editable_rows import WholeRow


class EmergencyNumberRow(QWidget, WholeRow):
    """Who, the number, and Remove; saved when the cursor leaves a box (``edited``)."""

    def __init__(self, entry: tuple[str, str] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.who_edit = QLineEdit()
        self.who_edit.setPlaceholderText(self.tr("Who, e.g. Crisis team"))
        self.number_edit = QLineEdit()
        self.number_edit.setPlaceholderText(self.tr("Number, e.g. 0800 145 6485"))
        self.remove_button = QPushButton(self.tr("Remove"))
        line = QHBoxLayout(self)
        line.setContentsMargins(0, 0, 0, 0)
        for widget, stretch in zip(self.inputs(), (3, 2, 0), strict=True):
            line.addWidget(widget, stretch)
        if entry is not None:
            self.who_edit.setText(entry[0])
            self.number_edit.setText(entry[1])

    def inputs(self) -> list[QWidget]:
        return [self.who_edit, self.number_edit, self.remove_button]

    def first_input(self) -> QWidget:
        return self.who_edit

    def set_number(self, number: int) -> None:
        self.who_edit.setAccessibleName(self.tr("Emergency number {0}: who").format(number))
        self.number_edit.setAccessibleName(self.tr("Emergency number {0}: number").format(number))
        self.remove_button.setAccessibleName(self.tr("Remove emergency number {0}").format(number))

    def is_blank(self) -> bool:
        return not self.who_edit.text().strip() and not self.number_edit.text().strip()

    def entry(self) -> tuple[str, str]:
        return " ".join(self.who_edit.text().split()), " ".join(self.number_edit.text().split())
