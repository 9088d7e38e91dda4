"""One community asset in a person's plan: where it has got to, and how they will get there.

A new status is recorded with its date and a note and joins the dated history
shown at the bottom; the rest (getting there, going with someone, the goal it
helps with, notes) can be changed at any time.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from linkworker.domain.plan import (
    AssetReferralDetail,
    AssetReferralDraft,
    GoalDetail,
    ReferralStatus,
)
from linkworker.ui.form_fields import (
    combo,
    date_edit,
    hint,
    plain_text,
    py_date,
    select,
    stacked,
)
from linkworker.ui.record_dialog import RecordDialog
from linkworker.ui.style import DOCUMENT_TITLE, font_css


def day_text(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


class AssetReferralDialog(RecordDialog):
    """Update one chosen asset. ``save`` is normally ``PlanService.save_referral``.

    After a successful save the stored referral is in :attr:`saved`,
    :attr:`referral_saved` is emitted and the dialog is accepted.
    """

    discard_question = "You have changed this. Close without saving?"

    referral_saved = RecordDialog.record_saved

    def __init__(
        self,
        save: Callable[[AssetReferralDraft], AssetReferralDetail],
        detail: AssetReferralDetail,
        user_name: str,
        goals: Sequence[GoalDetail] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._detail = detail
        self._user_name = user_name
        self._current = detail.current_status
        self.setWindowTitle(self.tr("Update: {0}").format(detail.asset_name))
        self.setMinimumWidth(620)

        title = QLabel(detail.asset_name)
        title.setTextFormat(Qt.TextFormat.PlainText)
        title.setStyleSheet(font_css(DOCUMENT_TITLE, 600))
        title.setWordWrap(True)
        title.setAccessibleName(self.tr("Community asset"))

        gone = [hint(self.tr("No longer listed in the directory (archived)."))]
        self._lay_out(
            self.tr("Save the changes"),
            title,
            *(gone if detail.asset_archived else []),
            self._build_status(),
            self._build_getting_there(goals),
            self._build_history(),
            spacing=10,
        )
        self._fill(detail.draft)
        self._ready(self.status_combo)

    # Building ------------------------------------------------------------

    def _build_status(self) -> QGroupBox:
        group = QGroupBox(self.tr("Where it has got to"))
        form = self._form()
        group.setLayout(form)
        self.status_combo = combo(
            self.tr("Where it has got to"), [(s.label, s.value) for s in ReferralStatus]
        )
        error = self._field("status", self.status_combo, self.tr("where it has got to"))
        self._row(form, self.tr("&Status"), self.status_combo, stacked(self.status_combo, error))
        self.status_on_edit = date_edit(self.tr("Date of the change"))
        error = self._field("status_on", self.status_on_edit, self.tr("date of the change"))
        self._row(form, self.tr("&On"), self.status_on_edit, stacked(self.status_on_edit, error))
        self.status_note_edit = QLineEdit()
        self.status_note_edit.setAccessibleName(self.tr("Note about the change"))
        self.status_note_edit.setPlaceholderText(
            self.tr("e.g. Went twice and liked the people; the room was too noisy")
        )
        error = self._field("status_note", self.status_note_edit, self.tr("note"))
        self._row(
            form, self.tr("No&te"), self.status_note_edit, stacked(self.status_note_edit, error)
        )
        self.change_hint = hint("")
        form.addRow(self.change_hint)
        self.status_combo.currentIndexChanged.connect(self._on_status_changed)
        return group

    def _build_getting_there(self, goals: Sequence[GoalDetail]) -> QGroupBox:
        group = QGroupBox(self.tr("Getting there"))
        form = self._form()
        group.setLayout(form)
        self.getting_there_edit = QLineEdit()
        self.getting_there_edit.setAccessibleName(self.tr("How they will get there"))
        self.getting_there_edit.setPlaceholderText(
            self.tr("e.g. the 1 bus from the Civic Way stop; a lift from their son")
        )
        error = self._field("getting_there", self.getting_there_edit, self.tr("getting there"))
        self._row(
            form,
            self.tr("How they'll &get there"),
            self.getting_there_edit,
            stacked(self.getting_there_edit, error),
        )
        self.going_with_check = QCheckBox(self.tr("Someone will go with them the first time"))
        self.going_with_check.setAccessibleName(self.tr("Someone will go with them the first time"))
        self.going_with_edit = QLineEdit()
        self.going_with_edit.setAccessibleName(self.tr("Who will go with them"))
        self.going_with_edit.setPlaceholderText(self.tr("Who? e.g. a volunteer"))
        error = self._field("going_with", self.going_with_edit, self.tr("who will go with them"))
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.going_with_check)
        row.addWidget(self.going_with_edit, 1)
        self._row(form, self.tr("Going &with"), self.going_with_check, stacked(row, error))
        self.going_with_check.toggled.connect(self.going_with_edit.setEnabled)
        self.goal_combo = combo(
            self.tr("The goal it helps with"),
            [(self.tr("No goal in particular"), None)]
            + [(self._short(g.draft.words), g.id) for g in goals],
        )
        error = self._field("goal_id", self.goal_combo, self.tr("the goal it helps with"))
        self._row(
            form, self.tr("Helps with goa&l"), self.goal_combo, stacked(self.goal_combo, error)
        )
        self.notes_edit = plain_text(self.tr("Notes"), 3)
        self.notes_edit.setPlaceholderText(self.tr("Anything to remember about it"))
        self._row(form, self.tr("&Notes"), self.notes_edit, self.notes_edit)
        return group

    @staticmethod
    def _short(words: str, limit: int = 60) -> str:
        words = " ".join(words.split())
        text = words if len(words) <= limit else words[: limit - 1].rstrip() + "…"
        return f"“{text}”"

    def _build_history(self) -> QGroupBox:
        group = QGroupBox(self.tr("So far"))
        column = QVBoxLayout(group)
        self.history_label = QLabel()
        self.history_label.setTextFormat(Qt.TextFormat.RichText)
        self.history_label.setWordWrap(True)
        self.history_label.setAccessibleName(self.tr("What has happened so far"))
        self.history_label.setText(self._history_html())
        column.addWidget(self.history_label)
        return group

    def _history_html(self) -> str:
        if not self._detail.history:
            return escape(self.tr("Nothing recorded yet."))
        rows = []
        for change in reversed(self._detail.history):  # newest first
            bits = [escape(change.note)] if change.note else []
            if change.recorded_by:
                by = escape(self.tr("by {0}").format(change.recorded_by))
                bits.append(f"<span style='color:#555'>{by}</span>")
            status = escape(self.tr(change.status.label))
            rows.append(
                "<tr>"
                f"<td style='padding:2px 12px 2px 0;color:#555'>{day_text(change.on)}</td>"
                f"<td style='padding:2px 12px 2px 0'><b>{status}</b></td>"
                f"<td style='padding:2px 0'>{' '.join(bits)}</td>"
                "</tr>"
            )
        return "<table cellspacing='0'>" + "".join(rows) + "</table>"

    # Filling and reading ---------------------------------------------------

    def _fill(self, d: AssetReferralDraft) -> None:
        select(self.status_combo, self._current.value)
        self.getting_there_edit.setText(d.getting_there)
        self.going_with_check.setChecked(d.going_with_someone)
        self.going_with_edit.setText(d.going_with)
        self.going_with_edit.setEnabled(d.going_with_someone)
        select(self.goal_combo, d.goal_id)
        self.notes_edit.setPlainText(d.notes)
        self._on_status_changed()

    def _status(self) -> ReferralStatus:
        return ReferralStatus(self.status_combo.currentData())

    def _on_status_changed(self) -> None:
        changed = self._status() is not self._current
        self.status_on_edit.setEnabled(changed)
        self.status_note_edit.setEnabled(changed)
        self.change_hint.setText(
            self.tr("Choose a new status to record a change; it keeps its date.")
            if not changed
            else self.tr("“{0}” will be added to the history.").format(
                self.tr(self._status().label)
            )
        )

    def current_draft(self) -> AssetReferralDraft:
        """The referral as typed; a status change carries its date, note and who recorded it."""
        changed = self._status() is not self._current
        going = self.going_with_check.isChecked()
        return dataclasses.replace(
            self._detail.draft,
            id=self._detail.id,
            version=self._detail.version,
            status=self._status(),
            status_on=py_date(self.status_on_edit.date()) if changed else None,
            status_note=self.status_note_edit.text().strip() if changed else "",
            recorded_by=self._user_name if changed else self._detail.draft.recorded_by,
            getting_there=self.getting_there_edit.text().strip(),
            going_with_someone=going,
            going_with=self.going_with_edit.text().strip() if going else "",
            goal_id=self.goal_combo.currentData(),
            notes=self.notes_edit.toPlainText().strip(),
        )
