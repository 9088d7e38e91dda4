"""How confident someone feels about a goal, on the usual 0 to 10 scale."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QVBoxLayout, QWidget

from linkworker.domain.plan import GoalDetail
from linkworker.ui.style import hint_css


def confidence_trail(goal: GoalDetail) -> str:
    """The ratings as a trail, oldest first: "3 → 5 → 7"."""
    return " → ".join(str(r.score) for r in goal.ratings)


def quoted(words: str) -> str:
    return f"“{words.strip()}”"


class ConfidenceScale(QWidget):
    """0 (not at all confident) to 10 (completely confident), or not asked yet.

    The slider is a plain, accessible control; the label beside it says the
    number, or "Not asked yet" until someone moves the slider.
    """

    changed = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value: int | None = None
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 10)
        self.slider.setPageStep(1)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setTickInterval(1)
        self.slider.setAccessibleName(name)
        self._palette = QPalette(self.slider.palette())
        low = QLabel(self.tr("0 not at all confident"))
        high = QLabel(self.tr("10 completely confident"))
        for anchor in (low, high):
            anchor.setStyleSheet(hint_css())
        self.slider.setMinimumWidth(low.sizeHint().width() + high.sizeHint().width() + 24)
        self.value_label = QLabel()
        self.value_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("Not asked yet") + 12)
        self.value_label.setAccessibleName(self.tr("Confidence given"))
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.setAccessibleName(self.tr("Clear: confidence not asked this time"))
        self.clear_button.setToolTip(self.tr("Leave confidence unrecorded this time"))
        self.clear_button.clicked.connect(lambda: self.set_value(None))
        anchors = QHBoxLayout()
        anchors.setContentsMargins(0, 0, 0, 0)
        anchors.addWidget(low)
        anchors.addStretch(1)
        anchors.addWidget(high)
        scale = QVBoxLayout()
        scale.setContentsMargins(0, 0, 0, 0)
        scale.setSpacing(0)
        scale.addWidget(self.slider)
        scale.addLayout(anchors)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(10)
        row.addLayout(scale, 1)
        row.addWidget(self.value_label, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignTop)
        self.slider.valueChanged.connect(self._moved)
        self.slider.actionTriggered.connect(lambda _a: self._moved(self.slider.value()))
        self.slider.sliderPressed.connect(lambda: self._moved(self.slider.value()))
        self._show()

    def _moved(self, value: int) -> None:
        # actionTriggered comes before the move: it marks "asked" even at the end of the scale.
        if self._value != value:
            self._value = value
            self._show()
            self.changed.emit()

    def _show(self) -> None:
        if self._value is None:
            self.value_label.setText(self.tr("Not asked yet"))
            self.value_label.setStyleSheet(hint_css())
        else:
            self.value_label.setText(self.tr("{0} of 10").format(self._value))
            self.value_label.setStyleSheet("font-weight: 600;")
        self.clear_button.setEnabled(self._value is not None)
        # Not asked yet: the groove is not filled in, so the handle does not read as an answer.
        palette = QPalette(self._palette)
        if self._value is None:
            palette.setColor(QPalette.ColorRole.Highlight, palette.color(QPalette.ColorRole.Mid))
        self.slider.setPalette(palette)
        self.slider.setAccessibleDescription(
            self.tr("Not asked yet")
            if self._value is None
            else self.tr("{0} of 10. 0 is not at all confident, 10 is completely confident").format(
                self._value
            )
        )

    def value(self) -> int | None:
        return self._value

    def set_value(self, value: int | None, position: int | None = None) -> None:
        """Show ``value`` (None: not asked); ``position`` places the slider when not asked."""
        self.slider.blockSignals(True)
        self.slider.setValue(value if value is not None else position or 0)
        self.slider.blockSignals(False)
        changed = value != self._value
        self._value = value
        self._show()
        if changed:
            self.changed.emit()
