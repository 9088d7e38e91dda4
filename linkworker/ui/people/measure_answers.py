"""The answer to one question of an outcome measure, as the measure dialog takes it.

A score (ONS4's 0 to 10) is a spin box that also holds "not asked" and "declined":
type the number, or ``d`` for declined, or clear it for not asked, then Tab to the next
question; the Declined and Not asked buttons beside it do the same with the mouse. A
choice (UCLA, the loneliness question, the Connection Test) is a row of radio buttons,
Declined and Not asked among them: one Tab stop, the arrows move along it, and a key picks
at once (the answer's number in the list, ``d`` declined, ``n`` not asked). Either way
"not asked" is where a question starts, and neither it nor "declined" is ever a zero.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QValidator
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from linkworker.domain.outcomes import DECLINED, NOT_ASKED, Answer, Item
from linkworker.ui.flow_layout import FlowLayout

#: The spin box's values for the two answers that are not scores.
_NOT_ASKED, _DECLINED = -1, -2


class ScoreBox(QSpinBox):
    """0 to 10, or "not asked" (its lowest value, shown as words), or "declined"."""

    def __init__(self, scores: range, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(_DECLINED, scores[-1])
        self._low = scores[0]
        self.setValue(_NOT_ASKED)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance(NOT_ASKED) + 48)

    def textFromValue(self, value: int) -> str:
        return {_NOT_ASKED: NOT_ASKED, _DECLINED: DECLINED}.get(value, str(value))

    def valueFromText(self, text: str) -> int:
        word = text.strip().lower()
        if word.startswith("d"):
            return _DECLINED
        if not word or word.startswith("n") or word == "-" or not word.isdigit():
            return _NOT_ASKED
        return max(self._low, min(int(word), self.maximum()))

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        # "d" is declined and "n", "-" or nothing is not asked as soon as typed: the
        # value is right even before the box is left and shows the words.
        word = text.strip().lower()
        if word.isdigit():
            fits = self._low <= int(word) <= self.maximum()
            return (QValidator.State.Acceptable if fits else QValidator.State.Invalid), text, pos
        if not word or word == "-" or DECLINED.startswith(word) or NOT_ASKED.startswith(word):
            return QValidator.State.Acceptable, text, pos
        return QValidator.State.Invalid, text, pos

    def fixup(self, text: str) -> str:
        return self.textFromValue(self.valueFromText(text))

    def stepBy(self, steps: int) -> None:
        # Up from "not asked" goes to the lowest score; "declined" is never stepped into.
        value = self.value()
        if value < self._low:
            self.setValue(self._low if steps > 0 else value)
            return
        self.setValue(max(self._low, min(value + steps, self.maximum())))

    def answer(self) -> Answer:
        value = self.value()
        return {_NOT_ASKED: NOT_ASKED, _DECLINED: DECLINED}.get(value, value)

    def set_answer(self, answer: Answer) -> None:
        if isinstance(answer, int) and self._low <= answer <= self.maximum():
            self.setValue(answer)
        else:
            self.setValue(_DECLINED if answer == DECLINED else _NOT_ASKED)


class AnswerRow(QWidget):
    """One question in its exact words, and the way to answer it."""

    changed = Signal()

    def __init__(self, number: int, item: Item, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        question = QLabel(f"{number}. {item.question}" if number else item.question)
        question.setWordWrap(True)
        question.setTextFormat(Qt.TextFormat.PlainText)
        question.setStyleSheet("font-weight: 600;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(question)
        self.score: ScoreBox | None = None
        self.group: QButtonGroup | None = None
        if item.scores is not None and not item.choices:
            layout.addWidget(self._score_row(item))
        else:
            layout.addWidget(self._choice_row(item))
        question.setBuddy(self.focus_widget())

    def _score_row(self, item: Item) -> QWidget:
        assert item.scores is not None
        self.score = ScoreBox(item.scores)
        self.score.setAccessibleName(self.tr("{0}, 0 to 10").format(item.label))
        self.score.setToolTip(
            self.tr("Type the number they gave; d for declined; clear it for not asked")
        )
        self.score.valueChanged.connect(lambda _v: self.changed.emit())
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(16, 0, 0, 0)
        line.addWidget(self.score)
        for text, answer in ((self.tr("Declined"), DECLINED), (self.tr("Not asked"), NOT_ASKED)):
            button = QPushButton(text)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the box takes "d" from the keys
            button.setAccessibleName(self.tr("{0}: {1}").format(item.label, text))
            button.clicked.connect(lambda _c=False, a=answer: self.set_answer(a))
            line.addWidget(button)
        line.addStretch(1)
        return row

    def _choice_row(self, item: Item) -> QWidget:
        self.group = QButtonGroup(self)
        row = QWidget()
        flow = FlowLayout(row, spacing=12)
        flow.setContentsMargins(16, 0, 0, 0)
        self.buttons: dict[str, QRadioButton] = {}
        for choice in (*item.choices, DECLINED, NOT_ASKED):
            words = self.tr(choice.capitalize()) if choice in (DECLINED, NOT_ASKED) else choice
            button = QRadioButton(words)
            button.setAccessibleName(self.tr("{0}: {1}").format(item.label, words))
            self.group.addButton(button)
            self.buttons[choice] = button
            button.installEventFilter(self)
            flow.addWidget(button)
        self.buttons[NOT_ASKED].setChecked(True)
        self.group.buttonToggled.connect(lambda _b, on: self.changed.emit() if on else None)
        return row

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.group is not None and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            picked = self._picked_by(event.text().lower())
            if picked is not None:
                picked.setChecked(True)
                picked.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return True
        return super().eventFilter(watched, event)

    def _picked_by(self, key: str) -> QRadioButton | None:
        """The answer a key picks: its number in the list, d declined, n not asked."""
        choices = list(self.buttons)
        if key.isdigit() and 1 <= int(key) <= len(self.item.choices):
            return self.buttons[choices[int(key) - 1]]
        if key == "d":
            return self.buttons[DECLINED]
        if key in ("n", "-"):
            return self.buttons[NOT_ASKED]
        return None

    def focus_widget(self) -> QWidget:
        """Where the keyboard goes for this question."""
        if self.score is not None:
            return self.score
        return self.group.checkedButton() or self.buttons[NOT_ASKED]  # type: ignore[union-attr]

    def answer(self) -> Answer:
        if self.score is not None:
            return self.score.answer()
        for number, (choice, button) in enumerate(self.buttons.items()):
            if button.isChecked():
                # A scored choice (UCLA: choice n is score n) is kept as its score.
                scored = self.item.scores is not None and number < len(self.item.choices)
                return self.item.scores[number] if scored else choice  # type: ignore[index]
        return NOT_ASKED

    def set_answer(self, answer: Answer) -> None:
        if self.score is not None:
            self.score.set_answer(answer)
            return
        chosen = answer if isinstance(answer, str) and answer in self.buttons else NOT_ASKED
        scores = self.item.scores
        if isinstance(answer, int) and scores is not None and answer in scores:
            chosen = self.item.choices[scores.index(answer)]
        self.buttons[chosen].setChecked(True)
