"""Two versions of one record side by side, field by field, to choose which to keep.

Shown when a save meets a record someone else saved after it was opened here. Each field
that differs has a row: its name, their value (as saved now) and yours (as you edited it),
each with a button to choose it. The side that changed the field since the form was opened
is highlighted. "Keep all mine" and "Take all theirs" choose for every row at once; Save
these saves the result; Cancel goes back to the form with everything typed still there.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from linkworker.domain.conflicts import MINE, THEIRS, Choice, Conflict

#: A changed value's background: a soft yellow, as a highlighter pen.
CHANGED_STYLE = "background:#fff4c2;border:1px solid #e8d27a;border-radius:3px;"
SAME_STYLE = "border:1px solid #ddd;border-radius:3px;"


class _ChoiceCell(QFrame):
    """One side's value, wrapped to its column, with the button that chooses it; a click
    anywhere on the value chooses it too."""

    def __init__(self, text: str, changed: bool) -> None:
        super().__init__()
        self.setObjectName("choice")
        style = CHANGED_STYLE if changed else SAME_STYLE
        self.setStyleSheet(f"QFrame#choice {{{style}}}")
        self.button = QRadioButton()
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 2, 4, 2)
        row.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.label, 1)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.button.setChecked(True)
        super().mousePressEvent(event)


class MergeDialog(QDialog):
    """Choose, field by field, between the stored version and yours; :meth:`choices` after."""

    def __init__(self, found: Conflict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conflict = found
        self.setWindowTitle(self.tr("Someone else saved this too"))
        self.setAccessibleName(self.tr("Choose which changes to keep"))
        self._groups: dict[str, QButtonGroup] = {}
        self._buttons: dict[tuple[str, Choice], QRadioButton] = {}

        intro = QLabel(
            self.tr(
                "Someone else saved %1 after you opened it, and the fields below now differ. "
                "Choose which version of each to keep. Highlighted values are the ones "
                "changed since you opened it."
            ).replace("%1", found.what[:1].lower() + found.what[1:])
        )
        intro.setWordWrap(True)

        grid_holder = QWidget()
        grid = QGridLayout(grid_holder)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        grid.setHorizontalSpacing(12)
        for column, heading in enumerate(
            (self.tr("Field"), self.tr("Theirs (saved now)"), self.tr("Yours (as you edited it)"))
        ):
            title = QLabel(f"<b>{heading}</b>")
            grid.addWidget(title, 0, column)
        for row, difference in enumerate(found.differences, start=1):
            name = QLabel(difference.label)
            name.setMinimumWidth(name.sizeHint().width())
            grid.addWidget(name, row, 0, Qt.AlignmentFlag.AlignTop)
            group = QButtonGroup(self)
            for column, (choice, text, changed) in enumerate(
                (
                    (THEIRS, difference.theirs, difference.they_changed),
                    (MINE, difference.mine, difference.i_changed),
                ),
                start=1,
            ):
                side = self.tr("theirs") if choice == THEIRS else self.tr("yours")
                cell = _ChoiceCell(text or self.tr("(empty)"), changed)
                cell.button.setAccessibleName(f"{difference.label}: {side}")
                group.addButton(cell.button)
                self._buttons[(difference.name, choice)] = cell.button
                grid.addWidget(cell, row, column)
            self._groups[difference.name] = group
        grid.setRowStretch(len(found.differences) + 1, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(grid_holder)

        self.keep_mine_button = QPushButton(self.tr("Keep all &mine"))
        self.take_theirs_button = QPushButton(self.tr("Take all &theirs"))
        self.keep_mine_button.clicked.connect(lambda: self.choose_all(MINE))
        self.take_theirs_button.clicked.connect(lambda: self.choose_all(THEIRS))
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(
            self.tr("&Save these"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(
            self.tr("Cancel, keep editing"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.save_button.setDefault(True)
        footer = QHBoxLayout()
        footer.addWidget(self.keep_mine_button)
        footer.addWidget(self.take_theirs_button)
        footer.addStretch(1)
        footer.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addLayout(footer)
        for field, choice in found.suggested().items():
            self._buttons[(field, choice)].setChecked(True)
        self.resize(880, min(620, 170 + 56 * len(found.differences)))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.save_button.setFocus()

    def choose(self, field: str, choice: Choice) -> None:
        """Choose ``choice`` for the field called ``field``."""
        self._buttons[(field, choice)].setChecked(True)

    def choose_all(self, choice: Choice) -> None:
        """The same choice for every field."""
        for difference in self.conflict.differences:
            self.choose(difference.name, choice)

    def choices(self) -> dict[str, Choice]:
        """Each differing field's choice, as the buttons show it now."""
        return {
            d.name: THEIRS if self._buttons[(d.name, THEIRS)].isChecked() else MINE
            for d in self.conflict.differences
        }
