"""The fields of a conversation's record and how they are read into a draft.

When, what kind, how and where, how long, and the notes; the "what matters"
prompts of a first conversation and the "good life" prompts of a long-term one, each
answered in the person's own words; and for a crisis, the team's emergency numbers,
what must change now to be safe, a short emergency plan, a date to check back within
days, whether there is a safeguarding concern and who was told. Switching the type
hides a section but keeps what was typed in it (and a section that holds words stays
in view, so nothing is saved unseen or dropped).

Keeping it as a draft while it is typed, and saving it, is in conversation_dialog.py.
"""

from __future__ import annotations

import datetime as dt
import uuid
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from linkworker.domain.people import (
    LONG_TERM_PROMPTS,
    WHAT_MATTERS_PROMPTS,
    ConversationDraft,
    ConversationMode,
    ConversationType,
    CrisisPlan,
    CrisisStep,
)
from linkworker.domain.person_validation import validate_conversation
from linkworker.domain.validation import FieldError, InvalidValue
from linkworker.ui.editable_rows import EditableRows
from linkworker.ui.form_fields import (
    DATE_FORMAT,
    combo,
    date_edit,
    hint,
    plain_text,
    py_date,
    stacked,
)
from linkworker.ui.keyboard import DateTimeEdit
from linkworker.ui.people.step_rows import CrisisStepRow
from linkworker.ui.record_dialog import RecordDialog


class ConversationForm(RecordDialog):
    """The sections of the conversation form and its draft; :class:`ConversationDialog`
    fills it, keeps it as a draft and saves it."""

    _episode_id: uuid.UUID
    _conversation_id: uuid.UUID | None
    _version: int | None
    _recorded_by: str
    _extra_answers: tuple[tuple[str, str], ...]
    _emergency_numbers: tuple[tuple[str, str], ...] = ()

    #: The answers to the safeguarding question, as kept in a draft.
    SAFEGUARDING_CHOICES = (("Not asked", ""), ("Yes", "yes"), ("No", "no"))

    # Building ------------------------------------------------------------

    def _build_when(self) -> QGroupBox:
        group = QGroupBox(self.tr("When and where"))
        form = self._form(labels_on_top=False)
        group.setLayout(form)
        self.at_edit = DateTimeEdit()
        self.at_edit.setCalendarPopup(True)
        self.at_edit.setDisplayFormat(f"{DATE_FORMAT} HH:mm")
        self.at_edit.setAccessibleName(self.tr("Date and time"))
        self.at_edit.setMaximumWidth(
            self.at_edit.fontMetrics().horizontalAdvance("00 Www 0000 00:00") + 60
        )
        error = self._field("at", self.at_edit, self.tr("date and time"))
        self._row(form, self.tr("&Date and time"), self.at_edit, stacked(self.at_edit, error))
        self.kind_combo = combo(
            self.tr("Type of conversation"), [(k.label, k.value) for k in ConversationType]
        )
        self._row(form, self.tr("&Type"), self.kind_combo)
        self.mode_combo = combo(
            self.tr("How you met"), [(m.label, m.value) for m in ConversationMode]
        )
        self._row(form, self.tr("&How you met"), self.mode_combo)
        self.place_edit = QLineEdit()
        self.place_edit.setAccessibleName(self.tr("Place"))
        self.place_edit.setPlaceholderText(self.tr("e.g. their kitchen, the Riverside Cafe"))
        self._row(form, self.tr("&Place"), self.place_edit)
        self.minutes_edit = QLineEdit()
        self.minutes_edit.setAccessibleName(self.tr("Length in minutes"))
        self.minutes_edit.setPlaceholderText(self.tr("e.g. 45"))
        self.minutes_edit.setMaximumWidth(120)
        error = self._field("minutes", self.minutes_edit, self.tr("length in minutes"))
        self._row(
            form,
            self.tr("&Length in minutes"),
            self.minutes_edit,
            stacked(self.minutes_edit, error),
        )
        return group

    def _build_first(self) -> QGroupBox:
        self.answer_edits: dict[str, QPlainTextEdit] = {}
        self.first_box = self._prompts_box(
            self.tr("What matters to them"), WHAT_MATTERS_PROMPTS, self.answer_edits
        )
        return self.first_box

    def _build_long_term(self) -> QGroupBox:
        self.long_term_edits: dict[str, QPlainTextEdit] = {}
        self.long_term_box = self._prompts_box(
            self.tr("A good life, and what keeps it going"), LONG_TERM_PROMPTS, self.long_term_edits
        )
        return self.long_term_box

    @property
    def every_answer_edit(self) -> dict[str, QPlainTextEdit]:
        """The answer to every prompt asked, first and long-term, by the prompt's key."""
        return {**self.answer_edits, **self.long_term_edits}

    def _prompts_box(
        self,
        title: str,
        prompts: tuple[tuple[str, str], ...],
        edits: dict[str, QPlainTextEdit],
    ) -> QGroupBox:
        """A section of prompts, each answered in the person's words (into ``edits``)."""
        box = QGroupBox(title)
        column = QVBoxLayout(box)
        column.addWidget(
            hint(
                self.tr(
                    "Write their answers in their own words, as they say them. "
                    "Leave out any they would rather not talk about."
                )
            )
        )
        for key, prompt in prompts:
            edit = plain_text(self.tr("{0} (in their words)").format(prompt), 2)
            edit.setPlaceholderText(self.tr("In their words…"))
            label = QLabel(prompt)
            label.setBuddy(edit)
            column.addSpacing(4)
            column.addWidget(label)
            column.addWidget(edit)
            edits[key] = edit
        return box

    def _build_crisis(self) -> QGroupBox:
        self.crisis_box = QGroupBox(self.tr("Staying safe"))
        column = QVBoxLayout(self.crisis_box)
        self.numbers_label = QLabel(self._numbers_text())
        self.numbers_label.setWordWrap(True)
        self.numbers_label.setTextFormat(Qt.TextFormat.RichText)
        self.numbers_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.numbers_label.setAccessibleName(self.tr("The team's emergency numbers"))
        self.numbers_label.setStyleSheet(
            "QLabel { background: #eef4fb; border: 1px solid #9bb8d9; padding: 6px 8px; }"
        )
        column.addWidget(self.numbers_label)
        self.must_change_edit = plain_text(self.tr("What must change now to be safe"), 3)
        error = self._field(
            "crisis.must_change", self.must_change_edit, self.tr("what must change now")
        )
        label = QLabel(self.tr("What must change &now to be safe"))
        label.setBuddy(self.must_change_edit)
        column.addWidget(label)
        column.addWidget(stacked(self.must_change_edit, error))

        column.addWidget(QLabel(self.tr("Emergency plan: who does what, by when")))
        self.steps_error = self._field("crisis.steps", self.crisis_box, self.tr("emergency plan"))
        self.steps: EditableRows[CrisisStepRow, CrisisStep] = EditableRows(
            CrisisStepRow, self.tr("&Add a step"), self.tr("Add a step"), note=self.steps_error
        )
        self.steps.grid.setVerticalSpacing(4)
        self.add_step_button = self.steps.add_button
        column.addWidget(self.steps)

        form = self._form(labels_on_top=False)
        self.check_back_edit = date_edit(self.tr("Check back on"))
        error = self._field(
            "crisis.check_back_on", self.check_back_edit, self.tr("check-back date")
        )
        self._row(
            form,
            self.tr("&Check back on"),
            self.check_back_edit,
            stacked(self.check_back_edit, error, hint(self.tr("Within days, not weeks."))),
        )
        self.safeguarding_combo = combo(
            self.tr("Is there a safeguarding concern?"),
            [(self.tr(text), value) for text, value in self.SAFEGUARDING_CHOICES],
        )
        self._row(form, self.tr("Is there a &safeguarding concern?"), self.safeguarding_combo)
        self.told_edit = QLineEdit()
        self.told_edit.setAccessibleName(self.tr("Who was told"))
        self.told_edit.setPlaceholderText(self.tr("e.g. the safeguarding lead, their GP"))
        error = self._field("crisis.told", self.told_edit, self.tr("who was told"))
        self._row(form, self.tr("&Who was told?"), self.told_edit, stacked(self.told_edit, error))
        self.safeguarding_combo.currentIndexChanged.connect(self._safeguarding_shown)
        column.addLayout(form)
        self._safeguarding_shown()
        return self.crisis_box

    def _numbers_text(self) -> str:
        numbers = [escape(f"{who}: {number}") for who, number in self._emergency_numbers]
        heading = f"<b>{escape(self.tr('Emergency numbers'))}</b>"
        if not numbers:
            return f"{heading}: " + escape(
                self.tr(
                    "none set yet. Add your team's numbers in Settings, "
                    "so they are here when they are needed."
                )
            )
        return "<br>".join([heading, *numbers])

    def _safeguarding(self) -> bool | None:
        value = self.safeguarding_combo.currentData()
        return None if not value else value == "yes"

    def _safeguarding_shown(self, _index: int = 0) -> None:
        """ "Who was told" is asked when there is a concern (or something is typed in it)."""
        self.told_edit.setEnabled(self._safeguarding() is True or bool(self.told_edit.text()))

    def _build_notes(self) -> QWidget:
        notes = QWidget()
        column = QVBoxLayout(notes)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)  # as the column of sections around it
        self.notes_edit = plain_text(self.tr("Notes"), 8, grow=True)
        self.notes_edit.setPlaceholderText(
            self.tr("What you talked about, what they want to do next, what you agreed")
        )
        label = QLabel(self.tr("N&otes"))
        label.setBuddy(self.notes_edit)
        column.addWidget(label)
        column.addWidget(self.notes_edit, 1)
        return notes

    # Emergency plan rows ---------------------------------------------------

    @property
    def step_rows(self) -> list[CrisisStepRow]:
        return self.steps.rows

    def add_step(self, step: CrisisStep | None = None) -> CrisisStepRow:
        return self.steps.add(step)

    # Type ------------------------------------------------------------------

    def kind(self) -> ConversationType:
        return ConversationType(self.kind_combo.currentData())

    def _has_words(self, prompts: tuple[tuple[str, str], ...]) -> bool:
        edits = self.every_answer_edit
        return any(edits[key].toPlainText().strip() for key, _ in prompts)

    def _crisis_has_words(self) -> bool:
        return (
            bool(self.must_change_edit.toPlainText().strip())
            or bool(self.steps.filled())
            or bool(self.told_edit.text().strip())
        )

    def _on_kind_changed(self) -> None:
        kind = self.kind()
        self.first_box.setVisible(
            kind is ConversationType.FIRST or self._has_words(WHAT_MATTERS_PROMPTS)
        )
        self.long_term_box.setVisible(
            kind is ConversationType.LONG_TERM or self._has_words(LONG_TERM_PROMPTS)
        )
        crisis = kind is ConversationType.CRISIS or self._crisis_has_words()
        self.crisis_box.setVisible(crisis)
        if crisis and not self.step_rows:
            self.add_step()

    def _at(self) -> dt.datetime:
        when = self.at_edit.dateTime()
        time = when.time()
        return dt.datetime.combine(py_date(when.date()), dt.time(time.hour(), time.minute()))

    # Reading ---------------------------------------------------------------

    def _read(self) -> tuple[ConversationDraft, list[FieldError]]:
        """The conversation as typed, and what typed could not be read into it."""
        problems: list[FieldError] = []
        minutes: int | None = None
        text = self.minutes_edit.text().strip()
        if text:
            if text.isascii() and text.isdigit():
                minutes = int(text)
            else:
                problems.append(
                    FieldError("minutes", self.tr("Give the length in minutes, from 1 to 1440."))
                )
        crisis: CrisisPlan | None = None
        if not self.crisis_box.isHidden():
            crisis = CrisisPlan(
                must_change=self.must_change_edit.toPlainText().strip(),
                steps=tuple(r.step() for r in self.steps.filled()),
                check_back_on=py_date(self.check_back_edit.date()),
                safeguarding=self._safeguarding(),
                told=self.told_edit.text().strip(),
            )
        answers = tuple(
            (key, edit.toPlainText().strip())
            for key, edit in self.every_answer_edit.items()
            if edit.toPlainText().strip()
        )
        draft = ConversationDraft(
            episode_id=self._episode_id,
            at=self._at(),
            id=self._conversation_id,
            version=self._version,
            kind=self.kind(),
            mode=ConversationMode(self.mode_combo.currentData()),
            place=self.place_edit.text().strip(),
            minutes=minutes,
            notes=self.notes_edit.toPlainText().strip(),
            answers=answers + self._extra_answers,
            crisis=crisis,
            recorded_by=self._recorded_by,
        )
        return draft, problems

    def current_draft(self) -> ConversationDraft:
        """The conversation as typed; raises InvalidValue for a length that is not a number."""
        draft, unreadable = self._read()
        if unreadable:
            raise InvalidValue(unreadable[0].message)
        return draft

    def _draft_and_problems(self) -> tuple[ConversationDraft, list[FieldError]]:
        draft, problems = self._read()
        found = {p.field for p in problems}
        return draft, problems + [p for p in validate_conversation(draft) if p.field not in found]
