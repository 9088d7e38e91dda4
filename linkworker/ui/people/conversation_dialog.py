"""The record of one conversation (contact) with a person, kept safe while it is typed.

The fields (when, what kind, how and where, how long, the notes, the "what matters"
prompts, the crisis plan) are in :mod:`conversation_form`.

Nothing typed is ever lost: every few seconds, when something has changed, the
whole form is kept as a draft through ``drafts.save``; a draft left by a crash
is offered back on the next start (see :mod:`draft_recovery`) and rebuilt with
:meth:`ConversationDialog.from_draft`. A successful save discards the draft.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any, Protocol

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import QCheckBox, QGroupBox, QLabel, QVBoxLayout, QWidget

from linkworker.domain.journey import RiskFlag
from linkworker.domain.people import (
    ConversationDetail,
    ConversationDraft,
    ConversationType,
    CrisisStep,
)
from linkworker.domain.person_validation import DEFAULT_CHECK_BACK_DAYS
from linkworker.services.drafts import SavedDraft
from linkworker.ui.form_fields import py_date, qdate, select
from linkworker.ui.people.conversation_form import ConversationForm
from linkworker.ui.people.draft_keeping import DraftStore, KeepsDraft
from linkworker.ui.people.risk_banner import RiskBanner

#: How often the form is kept as a draft, when something has changed.
AUTOSAVE_INTERVAL_MS = 3000


class SavesConversation(Protocol):
    """What saves the form: ``PeopleService.save_conversation``, which may record, in the
    same save, that the person agreed to us keeping their record."""

    def __call__(
        self, draft: ConversationDraft, agreed_to_hold: bool = False
    ) -> ConversationDetail: ...


#: The shape of the kept draft (:meth:`ConversationDialog.state`), should it ever change.
PAYLOAD_FORMAT = 1


def _qdatetime(at: dt.datetime) -> QDateTime:
    return QDateTime(qdate(at.date()), QTime(at.hour, at.minute))


def _day_text(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


class ConversationDialog(KeepsDraft, ConversationForm):
    """Record a conversation on a referral (``detail`` is None) or edit one.

    ``save`` is normally ``PeopleService.save_conversation``; ``drafts`` keeps
    the autosaved draft under :attr:`draft_key` (``draft_key``, or a new
    ``conversation:<episode id>:<uuid>``). After a successful save the stored
    conversation is in :attr:`saved`, :attr:`conversation_saved` is emitted,
    the draft is discarded and the dialog is accepted. Tests replace
    :meth:`_ask_overwrite`, :meth:`_show_error` and :meth:`_ask_keep_draft`.
    """

    conversation_saved = ConversationForm.record_saved

    def __init__(
        self,
        save: SavesConversation,
        drafts: DraftStore,
        episode_id: uuid.UUID,
        person_name: str,
        user_name: str,
        kind: ConversationType = ConversationType.FOLLOW_UP,
        detail: ConversationDetail | None = None,
        draft_key: str | None = None,
        parent: QWidget | None = None,
        flags: Sequence[RiskFlag] = (),
        emergency_numbers: Sequence[tuple[str, str]] = (),
        consent_needed: bool = False,
    ) -> None:
        super().__init__(parent)
        self._consent_needed = consent_needed
        self._emergency_numbers = tuple(emergency_numbers)
        self._save = save
        self._saver = save
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

        self.risk_banner = RiskBanner(flags, parent=self)
        self.scroll_area = self._scrolling(
            self._build_agreement(),
            self._build_when(),
            self._build_first(),
            self._build_long_term(),
            self._build_crisis(),
            self._build_notes(),
            grow_last=True,
        )
        self._lay_out(
            self.tr("Save the conversation"),
            self.risk_banner,
            self.scroll_area,
            beside_buttons=self._draft_label(),
        )

        self._fill(detail.draft if detail is not None else None, kind)
        self.kind_combo.currentIndexChanged.connect(self._on_kind_changed)
        self._remember_opened()
        self._start_keeping(AUTOSAVE_INTERVAL_MS)

    @classmethod
    def from_draft(
        cls,
        saved_draft: SavedDraft,
        save: SavesConversation,
        drafts: DraftStore,
        user_name: str,
        parent: QWidget | None = None,
        flags: Sequence[RiskFlag] = (),
        emergency_numbers: Sequence[tuple[str, str]] = (),
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
            flags=flags,
            emergency_numbers=emergency_numbers,
            consent_needed=bool(payload.get("consent_needed")),
        )
        dialog.take_back(payload)
        return dialog

    def _build_agreement(self) -> QGroupBox:
        """Asked only while the referral has no consent to hold: the notes wait for it."""
        box = QGroupBox(self.tr("Keeping their record"))
        column = QVBoxLayout(box)
        note = QLabel(
            self.tr(
                "They have not yet agreed to us keeping their record. Ask them before "
                "writing notes; a crisis conversation is kept either way."
            )
        )
        note.setWordWrap(True)
        column.addWidget(note)
        self.agree_check = QCheckBox(
            self.tr("They &agree to us keeping a record of our work together")
        )
        column.addWidget(self.agree_check)
        box.setVisible(self._consent_needed)
        self.agree_box = box
        return box

    def agreed_to_hold(self) -> bool:
        """True when the form records that the person agreed, in this conversation."""
        return self._consent_needed and self.agree_check.isChecked()

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
            edits = self.every_answer_edit
            for key, edit in edits.items():
                edit.setPlainText(answers.get(key, ""))
            # Answers to a prompt no longer asked are kept as they are.
            self._extra_answers = tuple((k, v) for k, v in draft.answers if k not in edits)
            if draft.crisis is not None:
                self.must_change_edit.setPlainText(draft.crisis.must_change)
                for step in draft.crisis.steps:
                    self.add_step(step)
                if draft.crisis.check_back_on is not None:
                    self.check_back_edit.setDate(qdate(draft.crisis.check_back_on))
                answer = {True: "yes", False: "no", None: ""}[draft.crisis.safeguarding]
                select(self.safeguarding_combo, answer)
                self.told_edit.setText(draft.crisis.told)
        self._on_kind_changed()

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
            "consent_needed": self._consent_needed,
            "agreed_to_hold": self.agree_check.isChecked(),
            "at": at.isoformat(timespec="minutes"),
            "kind": self.kind_combo.currentData(),
            "mode": self.mode_combo.currentData(),
            "place": self.place_edit.text(),
            "minutes": self.minutes_edit.text(),
            "notes": self.notes_edit.toPlainText(),
            "answers": {k: e.toPlainText() for k, e in self.every_answer_edit.items()},
            "crisis": {
                "must_change": self.must_change_edit.toPlainText(),
                "steps": [row.state() for row in self.step_rows],
                "check_back_on": py_date(self.check_back_edit.date()).isoformat(),
                "safeguarding": self.safeguarding_combo.currentData(),
                "told": self.told_edit.text(),
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
            if key in self.every_answer_edit:
                self.every_answer_edit[key].setPlainText(text)
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
        if "safeguarding" in crisis:
            select(self.safeguarding_combo, crisis["safeguarding"] or "")
        self.told_edit.setText(crisis.get("told", self.told_edit.text()))
        self.agree_check.setChecked(bool(state.get("agreed_to_hold", self.agree_check.isChecked())))
        self._on_kind_changed()

    def draft_title(self) -> str:
        day = py_date(self.at_edit.date())
        return self.tr("Conversation with {0}, {1}").format(self._person_name, _day_text(day))

    # Saving and closing ----------------------------------------------------

    def _store(self, draft: ConversationDraft) -> ConversationDetail:
        return self._saver(draft, agreed_to_hold=self.agreed_to_hold())

    def _finish(self, saved: ConversationDetail) -> None:
        self._discard_kept()
        super()._finish(saved)
