"""A goal in the person's own words: how confident they feel, and who does what, by when.

:class:`GoalDialog` adds or edits one goal of a plan; :class:`RateGoalDialog`
asks the confidence question again at a review. Confidence is on the usual
0-10 scale with its anchor words; a rating is only recorded when one is given,
so opening a goal to fix a typo never adds a rating nobody asked for.
Problems from the plan service (:class:`InvalidPlan`) appear beside their fields.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from linkworker import errors
from linkworker.domain.plan import (
    GoalDetail,
    GoalDraft,
    GoalStatus,
    GoalStep,
    StepOwner,
)
from linkworker.domain.validation import FieldError
from linkworker.services.plan import InvalidPlan
from linkworker.ui.form_fields import hint, stacked
from linkworker.ui.keyboard import scroll_area
from linkworker.ui.people.episode_dialog import (
    RecordDialog,
    combo,
    date_edit,
    plain_text,
    py_date,
    qdate,
    select,
)
from linkworker.ui.step_rows import StepRows
from linkworker.ui.style import SECTION_TITLE, font_css, hint_css


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


class GoalStepRow(QWidget):
    """One step towards a goal: done, what, who (me, my link worker, someone else), by when."""

    removal_requested = Signal(object)

    def __init__(
        self,
        step: GoalStep | None = None,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._today = today
        self._original = step
        self.done_check = QCheckBox(self.tr("Done"))
        self.what_edit = QLineEdit()
        self.what_edit.setPlaceholderText(self.tr("What will happen"))
        self.who_combo = combo(self.tr("Who"), [(o.label, o.value) for o in StepOwner])
        self.who_name_edit = QLineEdit()
        self.who_name_edit.setPlaceholderText(self.tr("Who? e.g. my daughter Sarah"))
        self.by_edit = date_edit("")
        # No date is shown as "No date" (the lowest date stands for none).
        self.by_edit.setMinimumDate(QDate(2000, 1, 1))
        self.by_edit.setSpecialValueText(self.tr("No date"))
        self.by_edit.setDate(self.by_edit.minimumDate())
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(lambda: self.removal_requested.emit(self))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.done_check)
        row.addWidget(self.what_edit, 3)
        row.addWidget(self.who_combo)
        row.addWidget(self.who_name_edit, 2)
        row.addWidget(self.by_edit)
        row.addWidget(self.remove_button)
        self.who_combo.currentIndexChanged.connect(self._on_who_changed)
        if step is not None:
            self.what_edit.setText(step.what)
            self.what_edit.setCursorPosition(0)
            select(self.who_combo, step.who.value)
            self.who_name_edit.setText(step.who_name)
            if step.by is not None:
                self.by_edit.setDate(qdate(step.by))
            self.done_check.setChecked(step.done)
        self._on_who_changed()

    def widgets(self) -> list[QWidget]:
        """The inputs in tab order."""
        return [
            self.done_check,
            self.what_edit,
            self.who_combo,
            self.who_name_edit,
            self.by_edit,
            self.remove_button,
        ]

    def _on_who_changed(self) -> None:
        someone = self.who_combo.currentData() == StepOwner.SOMEONE_ELSE.value
        self.who_name_edit.setVisible(someone)

    def set_number(self, number: int) -> None:
        self.done_check.setAccessibleName(self.tr("Step {0} done").format(number))
        self.what_edit.setAccessibleName(self.tr("Step {0}: what").format(number))
        self.who_combo.setAccessibleName(self.tr("Step {0}: who").format(number))
        self.who_name_edit.setAccessibleName(self.tr("Step {0}: who else").format(number))
        self.by_edit.setAccessibleName(self.tr("Step {0}: by when").format(number))
        self.remove_button.setAccessibleName(self.tr("Remove step {0}").format(number))

    def by(self) -> dt.date | None:
        date = self.by_edit.date()
        return None if date == self.by_edit.minimumDate() else py_date(date)

    def is_blank(self) -> bool:
        return not self.what_edit.text().strip() and not self.who_name_edit.text().strip()

    def step(self) -> GoalStep:
        who = StepOwner(self.who_combo.currentData())
        done = self.done_check.isChecked()
        done_on: dt.date | None = None
        if done:
            was = self._original
            done_on = was.done_on if was is not None and was.done and was.done_on else self._today()
        return GoalStep(
            what=self.what_edit.text().strip(),
            who=who,
            who_name=self.who_name_edit.text().strip() if who is StepOwner.SOMEONE_ELSE else "",
            by=self.by(),
            done=done,
            done_on=done_on,
        )


class PlanRecordDialog(RecordDialog):
    """A plan form: problems from :class:`InvalidPlan` go beside their fields."""

    #: Problem fields that start with one of these are shown beside that field.
    field_prefixes: tuple[str, ...] = ()
    #: Problem fields shown beside another field.
    field_aliases: dict[str, str] = {}

    def _placed(self, problems: Sequence[FieldError]) -> list[FieldError]:
        """Problems by the field that shows them; several for one field are shown together."""
        placed: dict[str, list[str]] = {}
        for problem in problems:
            name = self.field_aliases.get(problem.field) or next(
                (p for p in self.field_prefixes if problem.field.startswith(p)), problem.field
            )
            placed.setdefault(name, []).append(problem.message)
        return [FieldError(name, "\n".join(messages)) for name, messages in placed.items()]

    def _submit(self, save: Callable[[Any], Any], draft: Any) -> Any:
        try:
            return save(draft)
        except InvalidPlan as exc:
            self._show_problems(self._placed(exc.problems))
        except errors.ConcurrentEdit as exc:
            if draft.version is None:
                self._show_error(exc)
            elif self._ask_overwrite(exc):
                return self._submit(save, dataclasses.replace(draft, version=None))
        except errors.UserFacingError as exc:
            self._show_error(exc)
        return None


def _group(title: str) -> tuple[QGroupBox, QVBoxLayout]:
    group = QGroupBox(title)
    column = QVBoxLayout(group)
    column.setSpacing(6)
    return group, column


class GoalDialog(PlanRecordDialog):
    """Add a goal to a plan (``detail`` is None) or edit one.

    ``save`` is normally ``PlanService.save_goal``. After a successful save the
    stored goal is in :attr:`saved`, :attr:`goal_saved` is emitted and the
    dialog is accepted.
    """

    discard_question = "You have changed this goal. Close without saving?"
    field_prefixes = ("steps",)
    field_aliases = {"confidence_on": "confidence"}

    goal_saved = Signal(object)

    def __init__(
        self,
        save: Callable[[GoalDraft], GoalDetail],
        episode_id: uuid.UUID,
        detail: GoalDetail | None = None,
        position: int = 0,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._today = today
        self._detail = detail
        self._kept = (
            detail.draft
            if detail is not None
            else GoalDraft(episode_id=episode_id, words="", position=position)
        )
        self.saved: GoalDetail | None = None
        self.setWindowTitle(self.tr("Add a goal") if detail is None else self.tr("Edit goal"))
        self.setMinimumSize(720, 520)
        self.resize(820, 620)

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(12, 12, 12, 12)
        column.setSpacing(12)
        column.addWidget(self._build_words())
        column.addWidget(self._build_confidence())
        column.addWidget(self._build_steps())
        column.addLayout(self._build_status())
        column.addStretch(1)
        scroll = scroll_area(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.banner)
        layout.addWidget(scroll, 1)
        layout.addWidget(self._buttons(self.tr("Save the goal")))

        self._fill(self._kept)
        self.words_edit.setFocus()
        self._initial_state = self._state()

    # Building ------------------------------------------------------------

    def _build_words(self) -> QGroupBox:
        group, column = _group(self.tr("The goal, in their words"))
        self.words_edit = plain_text(self.tr("The goal, in their words"), 3)
        self.words_edit.setPlaceholderText(
            self.tr("e.g. I want to get back to my allotment before the spring")
        )
        error = self._field("words", self.words_edit, self.tr("the goal"))
        column.addWidget(hint(self.tr("Write it as they say it. It is their goal, not ours.")))
        column.addWidget(stacked(self.words_edit, error))
        return group

    def _build_confidence(self) -> QGroupBox:
        group, column = _group(self.tr("How confident do they feel?"))
        column.addWidget(
            hint(
                self.tr(
                    "Ask: “On a scale of 0 to 10, how confident do you feel that you can do this?”"
                )
            )
        )
        self.confidence = ConfidenceScale(self.tr("Confidence now, 0 to 10"))
        error = self._field("confidence", self.confidence.slider, self.tr("confidence"))
        column.addWidget(stacked(self.confidence, error))
        self.history_label = QLabel()
        self.history_label.setAccessibleName(self.tr("Confidence before"))
        self.history_label.setWordWrap(True)
        column.addWidget(self.history_label)
        self.note_edit = QLineEdit()
        self.note_edit.setAccessibleName(self.tr("About the rating"))
        self.note_edit.setPlaceholderText(
            self.tr("What would help it go up a point? (in their words)")
        )
        error = self._field("confidence_note", self.note_edit, self.tr("about the rating"))
        form = QFormLayout()
        label = QLabel(self.tr("About the &rating"))
        label.setBuddy(self.note_edit)
        form.addRow(label, stacked(self.note_edit, error))
        column.addLayout(form)
        self.confidence.changed.connect(self._on_confidence_changed)
        return group

    def _build_steps(self) -> QGroupBox:
        group, column = _group(self.tr("Steps: who does what, by when"))
        column.addWidget(hint(self.tr("Small steps they choose. Tick a step when it is done.")))
        self.steps_column = QVBoxLayout()
        self.steps_column.setSpacing(4)
        column.addLayout(self.steps_column)
        self.steps_error = self._field("steps", group, self.tr("steps"))
        column.addWidget(self.steps_error)
        self.add_step_button = QPushButton(self.tr("&Add a step"))
        self.add_step_button.setAccessibleName(self.tr("Add a step"))
        self._steps: StepRows[GoalStepRow, GoalStep] = StepRows(
            self.steps_column,
            functools.partial(GoalStepRow, today=self._today),
            self.add_step_button,
            before=self.note_edit,
        )
        row = QHBoxLayout()
        row.addWidget(self.add_step_button)
        row.addStretch(1)
        column.addLayout(row)
        return group

    def _build_status(self) -> QFormLayout:
        form = QFormLayout()
        self.status_combo = combo(
            self.tr("Where the goal has got to"), [(s.label, s.value) for s in GoalStatus]
        )
        self._steps.after = self.status_combo
        error = self._field("status", self.status_combo, self.tr("where it has got to"))
        label = QLabel(self.tr("Where it has &got to"))
        label.setBuddy(self.status_combo)
        form.addRow(label, stacked(self.status_combo, error))
        return form

    # Steps -----------------------------------------------------------------

    @property
    def step_rows(self) -> list[GoalStepRow]:
        return self._steps.rows

    def add_step(self, step: GoalStep | None = None) -> GoalStepRow:
        return self._steps.add(step)

    def remove_step(self, row: GoalStepRow) -> None:
        self._steps.remove(row)

    # Filling and reading ---------------------------------------------------

    def _fill(self, draft: GoalDraft) -> None:
        self.words_edit.setPlainText(draft.words)
        latest = self._detail.latest_confidence if self._detail is not None else None
        self.confidence.set_value(None, position=latest if latest is not None else 0)
        self._show_history()
        for step in draft.steps:
            self.add_step(step)
        if not draft.steps:
            self.add_step()
        select(self.status_combo, draft.status.value)

    def _show_history(self) -> None:
        detail = self._detail
        if detail is None or not detail.ratings:
            self.history_label.setText(self.tr("No rating yet."))
            return
        last = detail.ratings[-1]
        text = self.tr("Before: {trail} (last asked {day})").format(
            trail=confidence_trail(detail), day=f"{last.on.day} {last.on:%b %Y}"
        )
        if self.confidence.value() is None:
            text += self.tr(". Move the slider if you ask again now.")
        self.history_label.setText(text)

    def _on_confidence_changed(self) -> None:
        self._show_history()

    def build_draft(self) -> tuple[GoalDraft, list[FieldError]]:
        """The goal as typed, and problems the form itself finds."""
        problems: list[FieldError] = []
        words = self.words_edit.toPlainText().strip()
        if not words:
            problems.append(FieldError("words", self.tr("Write the goal in their words.")))
        steps = [r for r in self.step_rows if not r.is_blank()]
        if any(not r.what_edit.text().strip() for r in steps):
            problems.append(FieldError("steps", self.tr("Say what each step is.")))
        draft = dataclasses.replace(
            self._kept,
            id=None if self._detail is None else self._detail.id,
            version=None if self._detail is None else self._detail.version,
            words=words,
            steps=tuple(r.step() for r in steps),
            confidence=self.confidence.value(),
            confidence_note=self.note_edit.text().strip(),
            status=GoalStatus(self.status_combo.currentData()),
        )
        return draft, problems

    def _state(self) -> object:
        return self.build_draft()[0]

    # Saving ------------------------------------------------------------------

    def _on_save(self) -> None:
        draft, problems = self.build_draft()
        if problems:
            self._show_problems(problems)
            return
        self._clear_problems()
        saved = self._submit(self._save, draft)
        if saved is not None:
            self.saved = saved
            self._initial_state = self._state()
            self.goal_saved.emit(saved)
            self.accept()


@dataclasses.dataclass(frozen=True)
class Rating:
    """A confidence rating as the rate dialog collects it."""

    score: int | None
    on: dt.date
    note: str
    version: None = None


class RateGoalDialog(PlanRecordDialog):
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
        self.saved: GoalDetail | None = None
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
        label = QLabel(self.tr("Confidence &now"))
        label.setBuddy(self.confidence.slider)
        form.addRow(label, stacked(self.confidence, error))
        label = QLabel(self.tr("&Date asked"))
        label.setBuddy(self.on_edit)
        form.addRow(label, stacked(self.on_edit, on_error))
        label = QLabel(self.tr("About the &rating"))
        label.setBuddy(self.note_edit)
        form.addRow(label, self.note_edit)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(10)
        layout.addWidget(self.banner)
        layout.addWidget(
            hint(self.tr("Ask: “How confident do you feel now that you can do this, 0 to 10?”"))
        )
        layout.addWidget(words)
        layout.addWidget(before)
        layout.addLayout(form)
        layout.addWidget(self._buttons(self.tr("Save the rating")))
        self.confidence.slider.setFocus()
        self._initial_state = self._state()

    def rating(self) -> Rating:
        return Rating(
            score=self.confidence.value(),
            on=py_date(self.on_edit.date()),
            note=self.note_edit.text().strip(),
        )

    def _state(self) -> object:
        return self.rating()

    def _on_save(self) -> None:
        rating = self.rating()
        if rating.score is None:
            self._show_problems(
                [FieldError("confidence", self.tr("Move the slider to the number they give."))]
            )
            return
        self._clear_problems()
        score = rating.score
        saved = self._submit(lambda r: self._rate(score, r.on, r.note), rating)
        if saved is not None:
            self.saved = saved
            self._initial_state = self._state()
            self.accept()
