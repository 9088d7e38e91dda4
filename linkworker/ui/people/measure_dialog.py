"""Record a measure… : quick entry of an outcome measure, from the person or a paper form.

Measure, timepoint and date first, then each question in its published words (ONS4's
introduction above its four), answered with the keys: a number, ``d`` for declined, or
nothing for not asked, then Tab. "What they said" keeps the person's words about it. The
other measure takes a name and a score as the measure gives it.

What is wrong (a review dated before the baseline, a closing measure on an open referral,
an answer out of range) is said plainly in the box at the top, before and after the
service checks it, and the form stays as it was. A form closed half-filled is kept as a
draft (see :mod:`draft_keeping`) and offered back the next time; the same dialog corrects
a measure entered wrongly.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from linkworker.domain.outcomes import (
    DECLINED,
    INTRODUCTIONS,
    ITEMS,
    ONS4_INTRODUCTION,
    Measure,
    OutcomeRecord,
    Timepoint,
    is_given,
    record_problems,
)
from linkworker.domain.validation import FieldError
from linkworker.services.drafts import SavedDraft
from linkworker.ui.form_fields import combo, date_edit, hint, line_edit, plain_text, py_date, qdate
from linkworker.ui.form_fields import select as choose
from linkworker.ui.people.draft_keeping import DraftStore, KeepsDraft
from linkworker.ui.people.measure_answers import AnswerRow
from linkworker.ui.record_dialog import RecordDialog

#: The start of every measure draft's key: ``measure:<episode id>:<id>``.
DRAFT_PREFIX = "measure:"
#: The shape of the kept draft, should it ever change.
PAYLOAD_FORMAT = 1

Save = Callable[[OutcomeRecord], OutcomeRecord]


def draft_prefix(episode_id: uuid.UUID) -> str:
    """The start of the keys of the drafts of measures within one referral."""
    return f"{DRAFT_PREFIX}{episode_id}:"


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


class MeasureDialog(KeepsDraft, RecordDialog):
    """Record a measure taken within one referral (or, given ``existing``, correct one).

    ``save`` is ``OutcomeService.record`` (or ``update``); ``earlier`` are the measures
    already kept for the referral, so the form can say at once what the service would
    refuse. Tests replace :meth:`_ask_keep_draft`, :meth:`_show_error` and the like.
    """

    unsaved_text = "This measure is not saved yet."
    measure_saved = RecordDialog.record_saved

    def __init__(
        self,
        save: Save,
        drafts: DraftStore,
        person_id: uuid.UUID,
        episode_id: uuid.UUID,
        person_name: str,
        user_name: str,
        *,
        closed: bool = False,
        earlier: Sequence[OutcomeRecord] = (),
        existing: OutcomeRecord | None = None,
        draft_key: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._drafts = drafts
        self._person_id = person_id
        self._episode_id = episode_id
        self._person_name = person_name
        self._closed = closed
        self._earlier = tuple(earlier)
        self._existing_id = existing.id if existing is not None else None
        mark = existing.id if existing is not None and existing.id else uuid.uuid4()
        self.draft_key = draft_key or f"{draft_prefix(episode_id)}{mark}"
        self._draft_kept = draft_key is not None and drafts.get(draft_key) is not None
        self.setWindowTitle(
            self.tr("Correct a measure for {0}").format(person_name)
            if existing is not None
            else self.tr("Record a measure for {0}").format(person_name)
        )
        self.setMinimumSize(640, 560)
        self.resize(760, 700)

        self.measure_combo = combo(
            self.tr("Measure"), [(self.tr(m.label), m.value) for m in Measure]
        )
        self.timepoint_combo = combo(
            self.tr("Timepoint"), [(self.tr(t.label), t.value) for t in Timepoint]
        )
        self.date_edit = date_edit(self.tr("Date taken"))
        date_error = self._field("taken_on", self.date_edit, self.tr("date taken"))
        self.by_edit = line_edit(self.tr("Taken by"))
        self.by_edit.setText(user_name)
        form = self._form(labels_on_top=False)
        self._row(form, self.tr("&Measure"), self.measure_combo)
        self._row(form, self.tr("&Timepoint"), self.timepoint_combo)
        date_cell = QWidget()
        date_column = QVBoxLayout(date_cell)
        date_column.setContentsMargins(0, 0, 0, 0)
        date_column.addWidget(self.date_edit)
        date_column.addWidget(date_error)
        self._row(form, self.tr("&Date taken"), self.date_edit, date_cell)
        self._row(form, self.tr("Taken &by"), self.by_edit)
        top = QWidget()
        top.setLayout(form)

        self.rows: dict[Measure, list[AnswerRow]] = {}
        self.pages: dict[Measure, QWidget] = {m: self._page(m) for m in Measure}
        self.notes_edit = plain_text(
            self.tr("What they said"),
            3,
            placeholder=self.tr("What the person said about it, in their words"),
        )
        notes_label = QLabel(self.tr("What they &said"))
        notes_label.setBuddy(self.notes_edit)
        notes_label.setStyleSheet("font-weight: 600;")
        self.scroll_area = self._scrolling(*self.pages.values(), notes_label, self.notes_edit)
        self._lay_out(
            self.tr("Save the measure"), top, self.scroll_area, beside_buttons=self._draft_label()
        )

        self._fill(existing)
        self.measure_combo.currentIndexChanged.connect(lambda _i: self._show_page())
        self._show_page()
        self._ready(self.measure_combo)
        self._start_keeping()

    # Building ----------------------------------------------------------------

    def _page(self, measure: Measure) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        if measure is Measure.ONS4:
            intro = QLabel(self.tr(ONS4_INTRODUCTION))
            intro.setWordWrap(True)
            intro.setAccessibleName(self.tr("Introduction to read out"))
            column.addWidget(intro)
            column.addWidget(
                hint(
                    self.tr(
                        "Type the number they gave (0 is not at all, 10 is completely), or d "
                        "if they declined; a question left at “not asked” was not asked."
                    )
                )
            )
        elif measure in INTRODUCTIONS:
            column.addWidget(hint(self.tr(INTRODUCTIONS[measure])))
        if measure is Measure.OTHER:
            self.name_edit = line_edit(self.tr("Measure's name"), self.tr("e.g. SWEMWBS"))
            self.score_edit = line_edit(self.tr("Score"), self.tr("as the measure gives it"))
            form = self._form(labels_on_top=False)
            self._row(form, self.tr("Measure's &name"), self.name_edit)
            self._row(form, self.tr("Sc&ore"), self.score_edit)
            column.addLayout(form)
            column.addWidget(
                hint(self.tr("For a measure the team is licensed to use; notes go below."))
            )
        items = ITEMS[measure]
        if any(item.choices for item in items):
            column.addWidget(
                hint(
                    self.tr(
                        "Press the answer's number (1 for the first), d if they declined or "
                        "n if it was not asked; Tab goes to the next question."
                    )
                )
            )
        self.rows[measure] = [
            AnswerRow(n if len(items) > 1 else 0, item) for n, item in enumerate(items, start=1)
        ]
        for row in self.rows[measure]:
            column.addWidget(row)
        return page

    def _show_page(self) -> None:
        shown = self.measure()
        for measure, page in self.pages.items():
            page.setVisible(measure is shown)

    def _fill(self, existing: OutcomeRecord | None) -> None:
        if existing is None:
            taken = {r.timepoint for r in self._earlier}
            timepoint = (
                Timepoint.CLOSING
                if self._closed
                else Timepoint.REVIEW
                if Timepoint.BASELINE in taken
                else Timepoint.BASELINE
            )
            choose(self.timepoint_combo, timepoint.value)
            return
        choose(self.measure_combo, existing.measure.value)
        choose(self.timepoint_combo, existing.timepoint.value)
        self.date_edit.setDate(qdate(existing.taken_on))
        self.by_edit.setText(existing.recorded_by)
        for index, row in enumerate(self.rows[existing.measure]):
            row.set_answer(existing.answer(index))
        self.name_edit.setText(existing.name)
        self.score_edit.setText(existing.score)
        self.notes_edit.setPlainText(existing.notes)

    # The draft -----------------------------------------------------------------

    def measure(self) -> Measure:
        return Measure(self.measure_combo.currentData())

    def current_draft(self) -> OutcomeRecord:
        measure = self.measure()
        other = measure is Measure.OTHER
        return OutcomeRecord(
            person_id=self._person_id,
            episode_id=self._episode_id,
            measure=measure,
            timepoint=Timepoint(self.timepoint_combo.currentData()),
            taken_on=py_date(self.date_edit.date()),
            answers=tuple(row.answer() for row in self.rows[measure]),
            name=self.name_edit.text().strip() if other else "",
            score=self.score_edit.text().strip() if other else "",
            notes=self.notes_edit.toPlainText().strip(),
            recorded_by=self.by_edit.text().strip(),
            id=self._existing_id,
        )

    def _problems(self, draft: OutcomeRecord) -> list[FieldError]:
        problems: list[FieldError] = []
        if draft.taken_on > dt.date.today():
            problems.append(
                FieldError("taken_on", self.tr("The date is in the future: when was it taken?"))
            )
        if draft.measure is Measure.OTHER and not draft.score:
            problems.append(FieldError("answers", self.tr("Give the score the measure gave.")))
        elif draft.measure is not Measure.OTHER and not any(
            is_given(a) or a == DECLINED for a in draft.answers
        ):
            problems.append(
                FieldError(
                    "answers",
                    self.tr("Nothing is answered yet: give an answer, or mark it Declined."),
                )
            )
        problems += [
            FieldError("answers", self.tr(p))
            for p in record_problems(draft, self._closed, self._earlier)
        ]
        return problems

    def state(self) -> dict[str, Any]:
        """Everything in the form as JSON-able values (the draft kept)."""
        draft = self.current_draft()
        return {
            "format": PAYLOAD_FORMAT,
            "person_id": str(self._person_id),
            "episode_id": str(self._episode_id),
            "person_name": self._person_name,
            "measure_id": None if self._existing_id is None else str(self._existing_id),
            "measure": draft.measure.value,
            "timepoint": draft.timepoint.value,
            "taken_on": draft.taken_on.isoformat(),
            "answers": list(draft.answers),
            "name": self.name_edit.text(),
            "score": self.score_edit.text(),
            "notes": self.notes_edit.toPlainText(),
            "recorded_by": self.by_edit.text(),
        }

    def restore(self, state: dict[str, Any]) -> None:
        """Put a :meth:`state` back into the form."""
        if state.get("measure_id"):
            self._existing_id = uuid.UUID(state["measure_id"])
        choose(self.measure_combo, state.get("measure", Measure.ONS4.value))
        choose(self.timepoint_combo, state.get("timepoint", Timepoint.BASELINE.value))
        if state.get("taken_on"):
            self.date_edit.setDate(qdate(dt.date.fromisoformat(state["taken_on"])))
        for row, answer in zip(self.rows[self.measure()], state.get("answers", []), strict=False):
            row.set_answer(answer)
        self.name_edit.setText(state.get("name", ""))
        self.score_edit.setText(state.get("score", ""))
        self.notes_edit.setPlainText(state.get("notes", ""))
        self.by_edit.setText(state.get("recorded_by", self.by_edit.text()))
        self._show_page()

    def draft_title(self) -> str:
        return self.tr("{0} for {1}, {2}").format(
            self.tr(self.measure().label), self._person_name, _day(py_date(self.date_edit.date()))
        )

    @classmethod
    def from_draft(
        cls,
        saved: SavedDraft,
        save: Save,
        drafts: DraftStore,
        user_name: str,
        *,
        closed: bool = False,
        earlier: Sequence[OutcomeRecord] = (),
        parent: QWidget | None = None,
    ) -> MeasureDialog:
        """A dialog showing what a kept draft held, still kept under the same key."""
        payload = saved.payload
        dialog = cls(
            save,
            drafts,
            uuid.UUID(payload["person_id"]),
            uuid.UUID(payload["episode_id"]),
            payload.get("person_name", ""),
            payload.get("recorded_by") or user_name,
            closed=closed,
            earlier=earlier,
            draft_key=saved.key,
            parent=parent,
        )
        dialog.take_back(payload)
        return dialog

    # Saving ----------------------------------------------------------------------

    def _finish(self, saved: OutcomeRecord) -> None:
        self._discard_kept()
        super()._finish(saved)
