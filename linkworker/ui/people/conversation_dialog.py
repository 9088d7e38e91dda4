"""The record of one conversation (contact) with a person, kept safe while it is typed.

When, what kind, how and where, how long, and the notes. A first "what matters"
conversation is guided by the prompts of :data:`WHAT_MATTERS_PROMPTS`, each
answered in the person's own words; a crisis conversation records what must
change now to be safe, a short emergency plan and a date to check back within
days. Switching the type hides a section but keeps what was typed in it (and a
section that holds words stays in view, so nothing is saved unseen or dropped).

Nothing typed is ever lost: every few seconds, when something has changed, the
whole form is kept as a draft through ``drafts.save``; a draft left by a crash
is offered back on the next start (see :mod:`draft_recovery`) and rebuilt with
:meth:`ConversationDialog.from_draft`. A successful save discards the draft.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QDate, QDateTime, QTime, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from linkworker import errors
from linkworker.domain.people import (
    WHAT_MATTERS_PROMPTS,
    ConversationDetail,
    ConversationDraft,
    ConversationMode,
    ConversationType,
    CrisisPlan,
    CrisisStep,
)
from linkworker.domain.person_validation import DEFAULT_CHECK_BACK_DAYS, validate_conversation
from linkworker.domain.validation import FieldError, InvalidValue
from linkworker.services.drafts import SavedDraft
from linkworker.ui.editable_rows import EditableRows
from linkworker.ui.form_fields import (
    DATE_FORMAT,
    combo,
    date_edit,
    hint,
    plain_text,
    py_date,
    qdate,
    select,
    stacked,
)
from linkworker.ui.keyboard import DateTimeEdit
from linkworker.ui.people.step_rows import CrisisStepRow
from linkworker.ui.record_dialog import RecordDialog

log = logging.getLogger(__name__)

#: How often the form is kept as a draft, when something has changed.
AUTOSAVE_INTERVAL_MS = 3000
#: A crisis plan is checked back on within days, not weeks.
PAYLOAD_FORMAT = 1


class DraftStore(Protocol):
    """What the dialog needs of :class:`~linkworker.services.drafts.DraftService`."""

    def save(self, key: str, title: str, payload: dict[str, Any]) -> None: ...

    def get(self, key: str) -> SavedDraft | None: ...

    def discard(self, key: str) -> None: ...


def _qdatetime(at: dt.datetime) -> QDateTime:
    return QDateTime(qdate(at.date()), QTime(at.hour, at.minute))


def _day_text(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


class ConversationDialog(RecordDialog):
    """Record a conversation on a referral (``detail`` is None) or edit one.

    ``save`` is normally ``PeopleService.save_conversation``; ``drafts`` keeps
    the autosaved draft under :attr:`draft_key` (``draft_key``, or a new
    ``conversation:<episode id>:<uuid>``). After a successful save the stored
    conversation is in :attr:`saved`, :attr:`conversation_saved` is emitted,
    the draft is discarded and the dialog is accepted. Tests replace
    :meth:`_ask_overwrite`, :meth:`_show_error` and :meth:`_ask_keep_draft`.
    """

    conversation_saved = RecordDialog.record_saved

    def __init__(
        self,
        save: Callable[[ConversationDraft], ConversationDetail],
        drafts: DraftStore,
        episode_id: uuid.UUID,
        person_name: str,
        user_name: str,
        kind: ConversationType = ConversationType.FOLLOW_UP,
        detail: ConversationDetail | None = None,
        draft_key: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._drafts = drafts
        self._episode_id = episode_id
        self._person_name = person_name
        self._conversation_id = None if detail is None else detail.id
        self._version = None if detail is None else detail.version
        self._recorded_by = user_name if detail is None else detail.draft.recorded_by
        self.draft_key = draft_key or f"conversation:{episode_id}:{uuid.uuid4()}"
        self._extra_answers: tuple[tuple[str, str], ...] = ()
        self._draft_kept = draft_key is not None and drafts.get(draft_key) is not None

        self.setWindowTitle(
            self.tr("Conversation with {0}").format(person_name)
            if detail is None
            else self.tr("Edit conversation with {0}").format(person_name)
        )
        self.setMinimumSize(680, 620)
        self.resize(760, 780)

        self.scroll_area = self._scrolling(
            self._build_when(),
            self._build_first(),
            self._build_crisis(),
            self._build_notes(),
            grow_last=True,
        )
        self.autosave_label = hint("")
        self.autosave_label.setAccessibleName(self.tr("Draft status"))
        self._lay_out(
            self.tr("Save the conversation"), self.scroll_area, beside_buttons=self.autosave_label
        )

        self._fill(detail.draft if detail is not None else None, kind)
        self.kind_combo.currentIndexChanged.connect(self._on_kind_changed)
        self._remember_opened()
        self._last_kept = self.state()

        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_INTERVAL_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()

    @classmethod
    def from_draft(
        cls,
        saved_draft: SavedDraft,
        save: Callable[[ConversationDraft], ConversationDetail],
        drafts: DraftStore,
        user_name: str,
        parent: QWidget | None = None,
    ) -> ConversationDialog:
        """A dialog showing what an autosaved draft held, still kept under the same key."""
        payload = saved_draft.payload
        dialog = cls(
            save,
            drafts,
            uuid.UUID(payload["episode_id"]),
            payload.get("person_name", ""),
            payload.get("recorded_by") or user_name,
            draft_key=saved_draft.key,
            parent=parent,
        )
        dialog.restore(payload)
        dialog._draft_kept = True
        dialog._remember_opened()
        dialog._last_kept = dialog.state()
        return dialog

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
        self.first_box = QGroupBox(self.tr("What matters to them"))
        column = QVBoxLayout(self.first_box)
        column.addWidget(
            hint(
                self.tr(
                    "Write their answers in their own words, as they say them. "
                    "Leave out any they would rather not talk about."
                )
            )
        )
        self.answer_edits: dict[str, QPlainTextEdit] = {}
        for key, prompt in WHAT_MATTERS_PROMPTS:
            edit = plain_text(self.tr("{0} (in their words)").format(prompt), 2)
            edit.setPlaceholderText(self.tr("In their words…"))
            label = QLabel(prompt)
            label.setBuddy(edit)
            column.addSpacing(4)
            column.addWidget(label)
            column.addWidget(edit)
            self.answer_edits[key] = edit
        return self.first_box

    def _build_crisis(self) -> QGroupBox:
        self.crisis_box = QGroupBox(self.tr("Staying safe"))
        column = QVBoxLayout(self.crisis_box)
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
        column.addLayout(form)
        return self.crisis_box

    def _build_notes(self) -> QWidget:
        notes = QWidget()
        column = QVBoxLayout(notes)
        column.setContentsMargins(0, 0, 0, 0)
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

    def _first_has_words(self) -> bool:
        return any(e.toPlainText().strip() for e in self.answer_edits.values())

    def _crisis_has_words(self) -> bool:
        return bool(self.must_change_edit.toPlainText().strip()) or bool(self.steps.filled())

    def _on_kind_changed(self) -> None:
        kind = self.kind()
        self.first_box.setVisible(kind is ConversationType.FIRST or self._first_has_words())
        crisis = kind is ConversationType.CRISIS or self._crisis_has_words()
        self.crisis_box.setVisible(crisis)
        if crisis and not self.step_rows:
            self.add_step()

    # Filling, state and the draft ------------------------------------------

    def _fill(self, draft: ConversationDraft | None, kind: ConversationType) -> None:
        now = QDateTime.currentDateTime()
        now.setTime(QTime(now.time().hour(), now.time().minute()))
        self.at_edit.setDateTime(now)
        self.check_back_edit.setDate(QDate.currentDate().addDays(DEFAULT_CHECK_BACK_DAYS))
        if draft is None:
            select(self.kind_combo, kind.value)
        else:
            self.at_edit.setDateTime(_qdatetime(draft.at))
            select(self.kind_combo, draft.kind.value)
            select(self.mode_combo, draft.mode.value)
            self.place_edit.setText(draft.place)
            self.minutes_edit.setText("" if draft.minutes is None else str(draft.minutes))
            self.notes_edit.setPlainText(draft.notes)
            answers = dict(draft.answers)
            for key, edit in self.answer_edits.items():
                edit.setPlainText(answers.get(key, ""))
            # Answers to a prompt no longer asked are kept as they are.
            self._extra_answers = tuple(
                (k, v) for k, v in draft.answers if k not in self.answer_edits
            )
            if draft.crisis is not None:
                self.must_change_edit.setPlainText(draft.crisis.must_change)
                for step in draft.crisis.steps:
                    self.add_step(step)
                if draft.crisis.check_back_on is not None:
                    self.check_back_edit.setDate(qdate(draft.crisis.check_back_on))
        self._on_kind_changed()

    def _at(self) -> dt.datetime:
        when = self.at_edit.dateTime()
        time = when.time()
        return dt.datetime.combine(py_date(when.date()), dt.time(time.hour(), time.minute()))

    def state(self) -> dict[str, Any]:
        """Everything in the form as JSON-able values (the autosaved payload)."""
        at = self._at()
        return {
            "format": PAYLOAD_FORMAT,
            "episode_id": str(self._episode_id),
            "person_name": self._person_name,
            "conversation_id": None
            if self._conversation_id is None
            else str(self._conversation_id),
            "version": self._version,
            "recorded_by": self._recorded_by,
            "at": at.isoformat(timespec="minutes"),
            "kind": self.kind_combo.currentData(),
            "mode": self.mode_combo.currentData(),
            "place": self.place_edit.text(),
            "minutes": self.minutes_edit.text(),
            "notes": self.notes_edit.toPlainText(),
            "answers": {k: e.toPlainText() for k, e in self.answer_edits.items()},
            "crisis": {
                "must_change": self.must_change_edit.toPlainText(),
                "steps": [row.state() for row in self.step_rows],
                "check_back_on": py_date(self.check_back_edit.date()).isoformat(),
            },
        }

    def restore(self, state: dict[str, Any]) -> None:
        """Put a :meth:`state` back into the form (missing keys leave a field as it is)."""
        if state.get("conversation_id"):
            self._conversation_id = uuid.UUID(state["conversation_id"])
            self._version = state.get("version")
        if state.get("at"):
            self.at_edit.setDateTime(_qdatetime(dt.datetime.fromisoformat(state["at"])))
        if state.get("kind"):
            select(self.kind_combo, state["kind"])
        if state.get("mode"):
            select(self.mode_combo, state["mode"])
        self.place_edit.setText(state.get("place", self.place_edit.text()))
        self.minutes_edit.setText(str(state.get("minutes", self.minutes_edit.text())))
        self.notes_edit.setPlainText(state.get("notes", self.notes_edit.toPlainText()))
        for key, text in state.get("answers", {}).items():
            if key in self.answer_edits:
                self.answer_edits[key].setPlainText(text)
        crisis = state.get("crisis") or {}
        if "must_change" in crisis:
            self.must_change_edit.setPlainText(crisis["must_change"])
        if "steps" in crisis:
            self.steps.clear()
            for step in crisis["steps"]:
                by = step.get("by")
                self.add_step(
                    CrisisStep(
                        what=step.get("what", ""),
                        who=step.get("who", ""),
                        by=dt.date.fromisoformat(by) if by else None,
                    )
                )
        if crisis.get("check_back_on"):
            self.check_back_edit.setDate(qdate(dt.date.fromisoformat(crisis["check_back_on"])))
        self._on_kind_changed()

    def draft_title(self) -> str:
        day = py_date(self.at_edit.date())
        return self.tr("Conversation with {0}, {1}").format(self._person_name, _day_text(day))

    def autosave(self) -> bool:
        """Keep the form as a draft if it changed since last kept; True if written."""
        if self.saved is not None:
            return False
        state = self.state()
        if state == self._last_kept:
            return False
        try:
            self._drafts.save(self.draft_key, self.draft_title(), state)
        except errors.UserFacingError as exc:
            log.warning("Could not keep a draft of %s: %s", self.draft_key, exc)
            self.autosave_label.setText(self.tr("Could not keep a draft: {0}").format(exc.message))
            return False
        self._last_kept = state
        self._draft_kept = True
        self.autosave_label.setText(
            self.tr("Kept as a draft at {0}").format(dt.datetime.now().strftime("%H:%M"))
        )
        return True

    # Saving and closing ----------------------------------------------------

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
            )
        answers = tuple(
            (key, edit.toPlainText().strip())
            for key, edit in self.answer_edits.items()
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

    def _finish(self, saved: ConversationDetail) -> None:
        self.autosave_timer.stop()
        try:
            self._drafts.discard(self.draft_key)
        except errors.UserFacingError as exc:  # the record is safe; a stale draft is harmless
            log.warning("Could not discard draft %s: %s", self.draft_key, exc)
        super()._finish(saved)

    def _ask_keep_draft(self) -> str:
        """Ask what to do with unsaved words: "keep", "discard" or "cancel". Tests replace this."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Close without saving?"))
        box.setText(self.tr("These notes are not saved yet."))
        box.setInformativeText(self.tr("Keep them as a draft to finish later, or throw them away?"))
        keep = box.addButton(self.tr("Keep as a draft"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(self.tr("Throw away"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("Keep writing"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.exec()
        clicked = box.clickedButton()
        return "keep" if clicked is keep else "discard" if clicked is discard else "cancel"

    def reject(self) -> None:
        if self.saved is None and (self._draft_kept or self.is_dirty()):
            choice = self._ask_keep_draft()
            if choice == "cancel":
                return
            if choice == "keep":
                self.autosave()
            else:
                self._drafts.discard(self.draft_key)
                self._draft_kept = False
        QDialog.reject(self)  # the draft question above replaces the usual "discard?"

    def done(self, result: int) -> None:
        self.autosave_timer.stop()
        super().done(result)

    @property
    def has_draft(self) -> bool:
        """True while a draft of this form is kept."""
        return self._draft_kept
