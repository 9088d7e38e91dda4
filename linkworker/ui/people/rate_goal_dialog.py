"""Ask the confidence question again at a review and record the answer."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from linkworker.domain.plan import GoalDetail
from linkworker.domain.validation import FieldError
from linkworker.ui.form_fields import date_edit, hint, py_date, stacked
from linkworker.ui.people.confidence_scale import ConfidenceScale, confidence_trail, quoted
from linkworker.ui.record_dialog import RecordDialog
from linkworker.ui.style import SECTION_TITLE, font_css


@dataclasses.dataclass(frozen=True)
class Rating:
    """A confidence rating as the rate dialog collects it."""

    score: int | None
    on: dt.date
    note: str
    version: None = None


class RateGoalDialog(RecordDialog):
    """Ask the confidence question again for one goal and record the answer.

    ``rate(score, on, note)`` is normally ``PlanService.rate_goal`` for the goal.
    """

    discard_question = "You have not recorded this rating. Close without saving?"

    def __init__(
        self,
        rate: Callable[[int, dt.date, str], GoalDetail],
        goal: GoalDetail,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._rate = rate
        self._goal = goal
        self.setWindowTitle(self.tr("Ask confidence again"))
        self.setMinimumWidth(640)

        words = QLabel(quoted(goal.draft.words))
        words.setWordWrap(True)
        words.setTextFormat(Qt.TextFormat.PlainText)
        words.setStyleSheet(font_css(SECTION_TITLE, italic=True))
        words.setAccessibleName(self.tr("The goal"))
        trail = confidence_trail(goal)
        before = QLabel(
            self.tr("Before: {0}").format(trail) if trail else self.tr("No rating yet.")
        )
        before.setAccessibleName(self.tr("Confidence before"))
        self.confidence = ConfidenceScale(self.tr("Confidence now, 0 to 10"))
        latest = goal.latest_confidence
        self.confidence.set_value(None, position=latest if latest is not None else 0)
        error = self._field("confidence", self.confidence.slider, self.tr("confidence"))
        self.on_edit = date_edit(self.tr("Date asked"))
        on_error = self._field("confidence_on", self.on_edit, self.tr("date asked"))
        self.note_edit = QLineEdit()
        self.note_edit.setAccessibleName(self.tr("About the rating"))
        self.note_edit.setPlaceholderText(
            self.tr("What would help it go up a point? (in their words)")
        )
        form = QFormLayout()
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(8)
        self._row(
            form,
            self.tr("Confidence &now"),
            self.confidence.slider,
            stacked(self.confidence, error),
        )
        self._row(form, self.tr("&Date asked"), self.on_edit, stacked(self.on_edit, on_error))
        self._row(form, self.tr("About the &rating"), self.note_edit)

        self._lay_out(
            self.tr("Save the rating"),
            hint(self.tr("Ask: “How confident do you feel now that you can do this, 0 to 10?”")),
            words,
            before,
            form,
            spacing=10,
        )
        self._ready(self.confidence.slider)

    def current_draft(self) -> Rating:
        return Rating(
            score=self.confidence.value(),
            on=py_date(self.on_edit.date()),
            note=self.note_edit.text().strip(),
        )

    def _problems(self, draft: Rating) -> list[FieldError]:
        if draft.score is None:
            return [FieldError("confidence", self.tr("Move the slider to the number they give."))]
        return []

    def _store(self, draft: Rating) -> GoalDetail | None:
        if draft.score is None:  # _problems has asked for one already
            return None
        return self._rate(draft.score, draft.on, draft.note)
