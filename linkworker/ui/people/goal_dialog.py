"""A goal in the person's own words: how confident they feel, and who does what, by when.

:class:`GoalDialog` adds or edits one goal of a plan. Confidence is on the usual
0-10 scale with its anchor words; a rating is only recorded when one is given,
so opening a goal to fix a typo never adds a rating nobody asked for.
Problems from the plan service (``InvalidPlan``) appear beside their fields.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import uuid
from collections.abc import Callable

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from linkworker.domain.plan import GoalDetail, GoalDraft, GoalStatus, GoalStep
from linkworker.domain.validation import FieldError
from linkworker.ui.editable_rows import EditableRows
from linkworker.ui.form_fields import (
    combo,
    hint,
    plain_text,
    select,
    stacked,
)
from linkworker.ui.people.confidence_scale import ConfidenceScale, confidence_trail
from linkworker.ui.people.step_rows import GoalStepRow
from linkworker.ui.record_dialog import RecordDialog


def _group(title: str) -> tuple[QGroupBox, QVBoxLayout]:
    group = QGroupBox(title)
    column = QVBoxLayout(group)
    column.setSpacing(6)
    return group, column


class GoalDialog(RecordDialog):
    """Add a goal to a plan (``detail`` is None) or edit one.

    ``save`` is normally ``PlanService.save_goal``. After a successful save the
    stored goal is in :attr:`saved`, :attr:`goal_saved` is emitted and the
    dialog is accepted.
    """

    discard_question = "You have changed this goal. Close without saving?"
    field_prefixes = ("steps",)
    field_aliases = {"confidence_on": "confidence"}

    goal_saved = RecordDialog.record_saved

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
        self.setWindowTitle(self.tr("Add a goal") if detail is None else self.tr("Edit goal"))
        self.setMinimumSize(720, 520)
        self.resize(820, 620)

        scroll = self._scrolling(
            self._build_words(),
            self._build_confidence(),
            self._build_steps(),
            self._build_status(),
        )
        self._lay_out(self.tr("Save the goal"), scroll)
        self._fill(self._kept)
        self._ready(self.words_edit)

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
        self._row(
            form, self.tr("About the &rating"), self.note_edit, stacked(self.note_edit, error)
        )
        column.addLayout(form)
        self.confidence.changed.connect(self._on_confidence_changed)
        return group

    def _build_steps(self) -> QGroupBox:
        group, column = _group(self.tr("Steps: who does what, by when"))
        column.addWidget(hint(self.tr("Small steps they choose. Tick a step when it is done.")))
        self.steps_error = self._field("steps", group, self.tr("steps"))
        self.steps: EditableRows[GoalStepRow, GoalStep] = EditableRows(
            functools.partial(GoalStepRow, today=self._today),
            self.tr("&Add a step"),
            self.tr("Add a step"),
            note=self.steps_error,
            spacing=6,
        )
        self.steps.grid.setVerticalSpacing(4)
        self.add_step_button = self.steps.add_button
        column.addWidget(self.steps)
        return group

    def _build_status(self) -> QWidget:
        status = QWidget()
        form = QFormLayout(status)
        form.setContentsMargins(0, 0, 0, 0)
        form.setSpacing(12)  # as the column of sections around it
        self.status_combo = combo(
            self.tr("Where the goal has got to"), [(s.label, s.value) for s in GoalStatus]
        )
        error = self._field("status", self.status_combo, self.tr("where it has got to"))
        self._row(
            form,
            self.tr("Where it has &got to"),
            self.status_combo,
            stacked(self.status_combo, error),
        )
        return status

    # Steps -----------------------------------------------------------------

    @property
    def step_rows(self) -> list[GoalStepRow]:
        return self.steps.rows

    def add_step(self, step: GoalStep | None = None) -> GoalStepRow:
        return self.steps.add(step)

    # Filling and reading ---------------------------------------------------

    def _fill(self, draft: GoalDraft) -> None:
        self.words_edit.setPlainText(draft.words)
        latest = self._detail.latest_confidence if self._detail is not None else None
        self.confidence.set_value(None, position=latest if latest is not None else 0)
        self._show_history()
        self.steps.fill(draft.steps)
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

    def current_draft(self) -> GoalDraft:
        """The goal as typed (blank steps left out)."""
        return dataclasses.replace(
            self._kept,
            id=None if self._detail is None else self._detail.id,
            version=None if self._detail is None else self._detail.version,
            words=self.words_edit.toPlainText().strip(),
            steps=tuple(r.step() for r in self.steps.filled()),
            confidence=self.confidence.value(),
            confidence_note=self.note_edit.text().strip(),
            status=GoalStatus(self.status_combo.currentData()),
        )

    def _problems(self, draft: GoalDraft) -> list[FieldError]:
        problems: list[FieldError] = []
        if not draft.words:
            problems.append(FieldError("words", self.tr("Write the goal in their words.")))
        if any(not step.what for step in draft.steps):
            problems.append(FieldError("steps", self.tr("Say what each step is.")))
        return problems
