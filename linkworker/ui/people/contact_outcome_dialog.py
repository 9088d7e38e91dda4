"""What happened at a contact, and what can follow a missed one.

:class:`ContactOutcomeDialog` records attended, did not attend, cancelled by the
person or by the link worker, or could not reach, with a note. After a missed or
unreachable contact :class:`NextStepDialog` offers what can follow: book another
time, try by phone, write to them; a step not open to this person (no number,
no address, a "no letters" flag) is shown greyed with the reason.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from linkworker.domain.journey import (
    ContactDetail,
    ContactOutcome,
    NextStep,
    RiskFlag,
    StepOffer,
    contact_problems,
)
from linkworker.domain.validation import FieldError
from linkworker.services.contacts import OutcomeRecorded
from linkworker.ui.form_fields import hint, plain_text, stacked
from linkworker.ui.people.contact_dialog import contact_time
from linkworker.ui.people.risk_banner import RiskBanner
from linkworker.ui.record_dialog import RecordDialog

#: The outcomes offered, with the key that chooses each (Alt+letter).
OUTCOME_KEYS = (
    (ContactOutcome.ATTENDED, "&Attended"),
    (ContactOutcome.DID_NOT_ATTEND, "&Did not attend"),
    (ContactOutcome.CANCELLED_BY_PERSON, "Cancelled by the &person"),
    (ContactOutcome.CANCELLED_BY_WORKER, "Cancelled by the &link worker"),
    (ContactOutcome.COULD_NOT_REACH, "Could not &reach them (phone attempt)"),
)


class ContactOutcomeDialog(RecordDialog):
    """Record what happened at ``contact``; ``record(contact_id, outcome, note, version)``
    is normally ``ContactService.record_outcome``. :attr:`saved` holds its result."""

    outcome_recorded = RecordDialog.record_saved
    discard_question = "You have not saved what happened. Close without saving?"

    def __init__(
        self,
        record: Callable[[uuid.UUID, ContactOutcome, str, int | None], OutcomeRecorded],
        contact: ContactDetail,
        person_name: str,
        flags: Sequence[RiskFlag] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._record = record
        self._contact = contact
        self.setWindowTitle(self.tr("What happened: contact with {0}").format(person_name))
        self.setMinimumWidth(480)
        self.risk_banner = RiskBanner(flags, parent=self)
        c = contact.draft
        about = QLabel(
            self.tr("{0}, {1}, {2}").format(
                f"{c.starts_at:%A} {c.starts_at.day} {c.starts_at:%B %Y}",
                contact_time(contact),
                contact.where,
            )
        )
        about.setTextFormat(Qt.TextFormat.PlainText)
        about.setWordWrap(True)
        self.group = QButtonGroup(self)
        self.outcome_buttons: dict[ContactOutcome, QRadioButton] = {}
        choices = QWidget()
        column = QVBoxLayout(choices)
        column.setContentsMargins(0, 0, 0, 0)
        for outcome, text in OUTCOME_KEYS:
            button = QRadioButton(self.tr(text))
            button.setAccessibleName(self.tr(outcome.label))
            self.group.addButton(button)
            column.addWidget(button)
            self.outcome_buttons[outcome] = button
        # Before its time only a cancellation can be said; after it, most contacts happen.
        usual = (
            ContactOutcome.CANCELLED_BY_PERSON
            if c.starts_at > dt.datetime.now()
            else ContactOutcome.ATTENDED
        )
        current = self.outcome_buttons.get(c.outcome) or self.outcome_buttons[usual]
        current.setChecked(True)
        error = self._field("outcome", choices, self.tr("what happened"))
        self.note_edit = plain_text(self.tr("Note"), 3)
        self.note_edit.setPlaceholderText(self.tr("Optional: anything worth knowing next time"))
        self.note_edit.setPlainText(c.outcome_note)
        note_label = QLabel(self.tr("&Note"))
        note_label.setBuddy(self.note_edit)
        self._lay_out(
            self.tr("Save what happened"),
            self.risk_banner,
            about,
            stacked(choices, error),
            note_label,
            self.note_edit,
        )
        self._ready(current)

    def outcome(self) -> ContactOutcome:
        return next(o for o, b in self.outcome_buttons.items() if b.isChecked())

    def current_draft(self) -> tuple[ContactOutcome, str]:
        return self.outcome(), self.note_edit.toPlainText().strip()

    def _problems(self, draft: tuple[ContactOutcome, str]) -> Sequence[FieldError]:
        outcome, note = draft
        changed = dataclasses.replace(self._contact.draft, outcome=outcome, outcome_note=note)
        return [p for p in contact_problems(changed, dt.datetime.now()) if p.field == "outcome"]

    def _store(self, draft: tuple[ContactOutcome, str]) -> OutcomeRecorded:
        outcome, note = draft
        return self._record(self._contact.id, outcome, note, self._contact.version)


class NextStepDialog(QDialog):
    """What can follow a missed contact; :attr:`chosen` is the step chosen, or None."""

    def __init__(
        self,
        offers: Sequence[StepOffer],
        person_name: str,
        failed_in_a_row: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.chosen: NextStep | None = None
        self.setWindowTitle(self.tr("What next?"))
        self.setMinimumWidth(460)
        heading = QLabel(self.tr("What would you like to do next for {0}?").format(person_name))
        heading.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        if failed_in_a_row > 1:
            layout.addWidget(
                hint(
                    self.tr("{0} missed or unreachable contacts in a row.").format(failed_in_a_row)
                )
            )
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        self.step_buttons: dict[NextStep, QPushButton] = {}
        keys = {
            NextStep.REBOOK: "&Book another time",
            NextStep.PHONE: "Try by &phone",
            NextStep.WRITE: "&Write to them",
        }
        for row, offer in enumerate(offers):
            button = QPushButton(self.tr(keys[offer.step]))
            button.setAccessibleName(self.tr(offer.step.label))
            button.setEnabled(offer.available)
            button.clicked.connect(self._choose_step)
            button.setProperty("step", offer.step.value)
            grid.addWidget(button, row, 0)
            if offer.why_not:
                reason = hint(self.tr(offer.why_not))
                reason.setWordWrap(True)
                button.setAccessibleDescription(self.tr(offer.why_not))
                grid.addWidget(reason, row, 1)
            self.step_buttons[offer.step] = button
        layout.addLayout(grid)
        buttons = QDialogButtonBox()
        later = buttons.addButton(self.tr("Not now"), QDialogButtonBox.ButtonRole.RejectRole)
        later.setAccessibleName(self.tr("Not now"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        first = next((b for b in self.step_buttons.values() if b.isEnabled()), later)
        first.setFocus()

    def _choose_step(self) -> None:
        button = self.sender()
        value = button.property("step") if button is not None else None
        if value:
            self.chosen = NextStep(value)
            self.accept()
