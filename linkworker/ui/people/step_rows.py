"""The rows of steps: one step towards a goal, one step of an emergency plan.

Each says what will happen, who does it and by when; a step may have no date
(shown as "No date": the lowest date of the box stands for none).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QPushButton, QWidget

from linkworker.domain.people import CrisisStep
from linkworker.domain.plan import GoalStep, StepOwner
from linkworker.ui.editable_rows import WholeRow
from linkworker.ui.form_fields import combo, date_edit, py_date, qdate, select


class StepRow(QWidget, WholeRow):
    """What every step row has: what will happen, by when (or no date), and Remove."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.what_edit = QLineEdit()
        self.what_edit.setPlaceholderText(self.tr("What will happen"))
        self.by_edit = date_edit("")
        self.by_edit.setMinimumDate(QDate(2000, 1, 1))
        self.by_edit.setSpecialValueText(self.tr("No date"))
        self.by_edit.setDate(self.by_edit.minimumDate())
        self.remove_button = QPushButton(self.tr("Remove"))
        self.line = QHBoxLayout(self)
        self.line.setContentsMargins(0, 0, 0, 0)

    def first_input(self) -> QWidget:
        return self.what_edit

    def set_number(self, number: int) -> None:
        self.what_edit.setAccessibleName(self.tr("Step {0}: what").format(number))
        self.by_edit.setAccessibleName(self.tr("Step {0}: by when").format(number))
        self.remove_button.setAccessibleName(self.tr("Remove step {0}").format(number))

    def set_by(self, by: dt.date | None) -> None:
        self.by_edit.setDate(self.by_edit.minimumDate() if by is None else qdate(by))

    def by(self) -> dt.date | None:
        date = self.by_edit.date()
        return None if date == self.by_edit.minimumDate() else py_date(date)


class GoalStepRow(StepRow):
    """One step towards a goal: done, what, who (me, my link worker, someone else), by when."""

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
        self.who_combo = combo(self.tr("Who"), [(o.label, o.value) for o in StepOwner])
        self.who_name_edit = QLineEdit()
        self.who_name_edit.setPlaceholderText(self.tr("Who? e.g. my daughter Sarah"))
        for widget, stretch in zip(self.inputs(), (0, 3, 0, 2, 0, 0), strict=True):
            self.line.addWidget(widget, stretch)
        self.who_combo.currentIndexChanged.connect(self._on_who_changed)
        if step is not None:
            self.what_edit.setText(step.what)
            self.what_edit.setCursorPosition(0)
            select(self.who_combo, step.who.value)
            self.who_name_edit.setText(step.who_name)
            self.set_by(step.by)
            self.done_check.setChecked(step.done)
        self._on_who_changed()

    def inputs(self) -> list[QWidget]:
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
        super().set_number(number)
        self.done_check.setAccessibleName(self.tr("Step {0} done").format(number))
        self.who_combo.setAccessibleName(self.tr("Step {0}: who").format(number))
        self.who_name_edit.setAccessibleName(self.tr("Step {0}: who else").format(number))

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


class CrisisStepRow(StepRow):
    """One step of the emergency plan: what, who, by when (tomorrow, for a new step)."""

    def __init__(self, step: CrisisStep | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.who_edit = QLineEdit()
        self.who_edit.setPlaceholderText(self.tr("Who"))
        self.by_edit.setDate(QDate.currentDate().addDays(1))
        for widget, stretch in zip(self.inputs(), (3, 2, 0, 0), strict=True):
            self.line.addWidget(widget, stretch)
        if step is not None:
            self.set_step(step)

    def inputs(self) -> list[QWidget]:
        return [self.what_edit, self.who_edit, self.by_edit, self.remove_button]

    def set_number(self, number: int) -> None:
        super().set_number(number)
        self.who_edit.setAccessibleName(self.tr("Step {0}: who").format(number))

    def set_step(self, step: CrisisStep) -> None:
        self.what_edit.setText(step.what)
        self.who_edit.setText(step.who)
        self.set_by(step.by)

    def step(self) -> CrisisStep:
        return CrisisStep(
            what=self.what_edit.text().strip(), who=self.who_edit.text().strip(), by=self.by()
        )

    def is_blank(self) -> bool:
        return not self.what_edit.text().strip() and not self.who_edit.text().strip()

    def state(self) -> dict[str, Any]:
        """The step as the kept draft holds it."""
        by = self.by()
        return {
            "what": self.what_edit.text(),
            "who": self.who_edit.text(),
            "by": None if by is None else by.isoformat(),
        }
