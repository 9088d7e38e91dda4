"""The add/edit form for one referral (an episode of support).

Referral date, who referred and why, urgency, the three consents (each with the
date it was given and who recorded it) and the status; closing details appear
when the status is Closed. Problems from :func:`validate_episode` and from the
service are shown in red beside their fields, and nothing typed is thrown away
because of an error.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Callable, Sequence

from PySide6.QtCore import QDate, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from linkworker.domain.episodes import closing_for, response_problems
from linkworker.domain.journey import ReferralResponse, waiting_days
from linkworker.domain.people import (
    DEFAULT_REFERRAL_REASONS,
    ClosingReason,
    Consent,
    EpisodeDetail,
    EpisodeDraft,
    EpisodeStatus,
    ReferrerKind,
    Urgency,
)
from linkworker.domain.person_validation import validate_episode
from linkworker.domain.validation import FieldError
from linkworker.ui.form_fields import (
    combo,
    date_edit,
    hint,
    plain_text,
    py_date,
    qdate,
    select,
    stacked,
)
from linkworker.ui.record_dialog import NOT_READY, RecordDialog

#: Shown as "not known yet" in the date box of a referral that came with no date.
UNKNOWN_DATE = QDate(1900, 1, 1)


class ConsentRow(QWidget):
    """One consent: "Consent given", the date and who recorded it.

    Ticking the box fills in today and the user's name when they are empty.
    """

    def __init__(self, what: str, user_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._user_name = user_name
        self.given_check = QCheckBox(self.tr("Consent given"))
        self.given_check.setAccessibleName(self.tr("Consent given: {0}").format(what))
        self.date_edit = date_edit(self.tr("Date consent given: {0}").format(what))
        self.recorded_by_edit = QLineEdit()
        self.recorded_by_edit.setAccessibleName(self.tr("Consent recorded by: {0}").format(what))
        self.recorded_by_edit.setPlaceholderText(self.tr("Recorded by"))
        # Who signed in records it: shown, not typed.
        self.recorded_by_edit.setReadOnly(True)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.given_check)
        on_label = QLabel(self.tr("on"))
        on_label.setBuddy(self.date_edit)
        row.addWidget(on_label)
        row.addWidget(self.date_edit)
        by_label = QLabel(self.tr("recorded by"))
        by_label.setBuddy(self.recorded_by_edit)
        row.addWidget(by_label)
        row.addWidget(self.recorded_by_edit, 1)
        self.given_check.toggled.connect(self._on_toggled)
        self.given_check.clicked.connect(self._on_clicked)
        self._on_toggled(False)

    def _on_toggled(self, given: bool) -> None:
        self.date_edit.setEnabled(given)
        self.recorded_by_edit.setEnabled(given)

    def _on_clicked(self, given: bool) -> None:
        # Ticked by the user (not filled from the record): today, by whoever is using the app.
        if given and not self.recorded_by_edit.text().strip():
            self.recorded_by_edit.setText(self._user_name)
            self.date_edit.setDate(QDate.currentDate())

    def set_consent(self, consent: Consent) -> None:
        self.recorded_by_edit.setText(consent.recorded_by)
        if consent.on is not None:
            self.date_edit.setDate(qdate(consent.on))
        self.given_check.setChecked(consent.given)
        self._on_toggled(consent.given)

    def consent(self) -> Consent:
        if not self.given_check.isChecked():
            return Consent()
        return Consent(
            given=True,
            on=py_date(self.date_edit.date()),
            recorded_by=self.recorded_by_edit.text().strip(),
        )


class EpisodeDialog(RecordDialog):
    """Add a referral for a person (``detail`` is None) or edit one.

    ``save`` is normally ``PeopleService.save_episode``; it may raise
    :class:`~linkworker.services.people.InvalidPerson` or
    :class:`~linkworker.errors.ConcurrentEdit`. After a successful save the stored
    referral is in :attr:`saved`, :attr:`episode_saved` is emitted and the dialog
    is accepted.
    """

    discard_question = "You have changed this referral. Close without saving?"

    episode_saved = RecordDialog.record_saved

    def __init__(
        self,
        save: Callable[[EpisodeDraft], EpisodeDetail],
        person_id: uuid.UUID,
        user_name: str,
        reasons: Sequence[str] = DEFAULT_REFERRAL_REASONS,
        detail: EpisodeDetail | None = None,
        parent: QWidget | None = None,
        prefill: EpisodeDraft | None = None,
        date_unknown: bool = False,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._person_id = person_id
        self._detail = detail
        #: The referral came with no date: the worker must give one before it is saved.
        self._date_unknown = date_unknown
        draft = (
            detail.draft
            if detail is not None
            else prefill
            or EpisodeDraft(
                person_id=person_id, referral_date=dt.date.today(), link_worker=user_name
            )
        )
        self._kept = draft  # fields this form does not show are saved as they were
        self._filled = False
        #: Set when the worker chose Close referral…: the caller opens the closing form.
        self.closing_wanted = False
        self.setWindowTitle(
            self.tr("Add a referral") if detail is None else self.tr("Edit referral")
        )
        self.setMinimumSize(640, 600)
        self.resize(720, 760)

        scroll = self._scrolling(
            self._build_referral(),
            self._build_reasons(reasons, draft.reasons),
            self._build_consents(user_name),
            self._build_response(),
            self._build_status(),
        )
        self.close_referral_button = QPushButton(self.tr("Close referral…"))
        self.close_referral_button.setAccessibleName(
            self.tr("Close referral: its story, places and giving back")
        )
        self.close_referral_button.setToolTip(
            self.tr("Save any changes here, then close the referral with the closing form")
        )
        self.close_referral_button.clicked.connect(self.close_referral)
        self.close_referral_button.setVisible(detail is not None and detail.is_open)
        self._lay_out(
            self.tr("Save the referral"),
            scroll,
            beside_buttons=self._left(self.close_referral_button),
        )
        self._fill(draft)
        if date_unknown:
            self.setWindowTitle(self.tr("Add the date of this referral"))
            self.referral_date_edit.setMinimumDate(UNKNOWN_DATE)
            self.referral_date_edit.setSpecialValueText(self.tr("Not known yet: choose it"))
            self.referral_date_edit.setDate(UNKNOWN_DATE)
        self._ready(self.referral_date_edit)

    # Building ------------------------------------------------------------

    def _build_referral(self) -> QGroupBox:
        group = QGroupBox(self.tr("Referral"))
        form = self._form()
        group.setLayout(form)
        self.referral_date_edit = date_edit(self.tr("Referral date"))
        error = self._field("referral_date", self.referral_date_edit, self.tr("referral date"))
        self._row(
            form,
            self.tr("Referral &date"),
            self.referral_date_edit,
            stacked(self.referral_date_edit, error),
        )
        self.referred_by_combo = combo(
            self.tr("Referred by"), [(k.label, k.value) for k in ReferrerKind]
        )
        self.referrer_name_edit = QLineEdit()
        self.referrer_name_edit.setAccessibleName(self.tr("Name of referrer"))
        self.referrer_name_edit.setPlaceholderText(self.tr("e.g. Dr Patel, Riverside Surgery"))
        self._row(form, self.tr("Referred &by"), self.referred_by_combo)
        self._row(form, self.tr("&Name of referrer"), self.referrer_name_edit)
        self.urgency_combo = combo(self.tr("Urgency"), [(u.label, u.value) for u in Urgency])
        self._row(form, self.tr("&Urgency"), self.urgency_combo)
        return group

    def _build_reasons(self, offered: Sequence[str], chosen: Sequence[str]) -> QGroupBox:
        group = QGroupBox(self.tr("Reasons for referral"))
        column = QVBoxLayout(group)
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        self.reason_checks: dict[str, QCheckBox] = {}
        # A reason stored earlier but no longer on the team's list is still shown (and kept).
        names = list(dict.fromkeys([*offered, *chosen]))
        for i, name in enumerate(names):
            check = QCheckBox(name)
            check.setAccessibleName(self.tr("Reason: {0}").format(name))
            self.reason_checks[name] = check
            grid.addWidget(check, i // 3, i % 3)
        column.addLayout(grid)
        self.reason_notes_edit = plain_text(self.tr("About the reasons"), 3)
        self.reason_notes_edit.setPlaceholderText(
            self.tr("What the referrer said, and what the person says about it")
        )
        label = QLabel(self.tr("About the re&asons"))
        label.setBuddy(self.reason_notes_edit)
        column.addWidget(label)
        column.addWidget(self.reason_notes_edit)
        return group

    def _build_consents(self, user_name: str) -> QGroupBox:
        group = QGroupBox(self.tr("Consent"))
        form = self._form()
        group.setLayout(form)
        self.consent_rows: dict[str, ConsentRow] = {}
        for key, text in (
            ("consent_to_hold", self.tr("To &hold their details")),
            ("consent_share_gp", self.tr("To share with the &GP")),
            ("consent_share_providers", self.tr("To share with &providers")),
        ):
            what = text.replace("&", "").lower()
            row = ConsentRow(what, user_name)
            self.consent_rows[key] = row
            error = self._field(key, row.date_edit, self.tr("consent {0}").format(what))
            self._row(form, text, row.given_check, stacked(row, error))
        form.addRow(hint(self.tr("Record consent before sharing anything about the person.")))
        return group

    def _build_status(self) -> QGroupBox:
        group = QGroupBox(self.tr("Status"))
        form = self._status_form = self._form()
        group.setLayout(form)
        self.status_combo = combo(self.tr("Status"), [(s.label, s.value) for s in EpisodeStatus])
        self._row(form, self.tr("S&tatus"), self.status_combo)

        self.closed_on_edit = date_edit(self.tr("Date closed"))
        error = self._field("closed_on", self.closed_on_edit, self.tr("date closed"))
        self._row(
            form,
            self.tr("Date c&losed"),
            self.closed_on_edit,
            stacked(self.closed_on_edit, error),
        )
        self.closing_reason_combo = combo(
            self.tr("Reason for closing"),
            [(self.tr("Choose a reason"), None)] + [(r.label, r.value) for r in ClosingReason],
        )
        error = self._field(
            "closing_reason", self.closing_reason_combo, self.tr("reason for closing")
        )
        self._row(
            form,
            self.tr("&Reason for closing"),
            self.closing_reason_combo,
            stacked(self.closing_reason_combo, error),
        )
        self.closing_note_edit = plain_text(self.tr("Closing note"), 3)
        self.closing_note_edit.setPlaceholderText(
            self.tr("How things are now, in the person's words where you can")
        )
        self._row(form, self.tr("Closing n&ote"), self.closing_note_edit)
        self.status_combo.currentIndexChanged.connect(self._on_status_changed)
        return group

    def _build_response(self) -> QGroupBox:
        group = QGroupBox(self.tr("How the referral was answered"))
        form = self._response_form = self._form()
        group.setLayout(form)
        self.first_contact_label = QLabel()
        self.first_contact_label.setAccessibleName(self.tr("First contact"))
        self.first_contact_label.setWordWrap(True)
        form.addRow(self.first_contact_label)
        self.response_combo = combo(
            self.tr("Answer"),
            [(self.tr("Not answered yet"), None)]
            + [(self.tr(r.label), r.value) for r in ReferralResponse],
        )
        self._row(form, self.tr("Ans&wer"), self.response_combo)
        self.responded_on_edit = date_edit(self.tr("Answered on"))
        error = self._field("responded_on", self.responded_on_edit, self.tr("date of the answer"))
        self._row(
            form,
            self.tr("Answ&ered on"),
            self.responded_on_edit,
            stacked(self.responded_on_edit, error),
        )
        self.declined_reason_edit = plain_text(self.tr("Their reason for declining"), 2)
        self.declined_reason_edit.setPlaceholderText(self.tr("In the person's own words"))
        error = self._field(
            "declined_reason", self.declined_reason_edit, self.tr("reason for declining")
        )
        self._row(
            form,
            self.tr("Their rea&son"),
            self.declined_reason_edit,
            stacked(self.declined_reason_edit, error),
        )
        form.addRow(
            hint(
                self.tr(
                    "Declined or not taken up closes the referral that day; places still "
                    "open in the plan are asked about."
                )
            )
        )
        self.response_combo.currentIndexChanged.connect(self._on_response_changed)
        return group

    def _on_response_changed(self) -> None:
        value = self.response_combo.currentData()
        response = ReferralResponse(value) if value else None
        rows = self._response_form.rowCount()
        self._response_form.setRowVisible(2, response is not None)
        self._response_form.setRowVisible(3, response is ReferralResponse.DECLINED)
        self._response_form.setRowVisible(rows - 1, response is not None)
        reason = closing_for(response)
        if reason is not None and self._filled:
            # The answer closes the referral: show it closing, that day, for that reason.
            select(self.status_combo, EpisodeStatus.CLOSED.value)
            select(self.closing_reason_combo, reason.value)
            self.closed_on_edit.setDate(self.responded_on_edit.date())

    def _first_contact_text(self, draft: EpisodeDraft) -> str:
        if draft.first_contact_on is None:
            return self.tr("No contact yet: the wait is counted from the referral date.")
        waited = waiting_days(draft.referral_date, draft.first_contact_on) or 0
        return self.tr("First contact on {0}, {1} after the referral.").format(
            f"{draft.first_contact_on:%d %B %Y}",
            self.tr("1 day") if waited == 1 else self.tr("{0} days").format(waited),
        )

    def _on_status_changed(self) -> None:
        closed = self.status_combo.currentData() == EpisodeStatus.CLOSED.value
        for row in range(1, self._status_form.rowCount()):
            self._status_form.setRowVisible(row, closed)

    @staticmethod
    def _left(button: QPushButton) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(button)
        row.addStretch(1)
        return box

    def close_referral(self) -> None:
        """Leave this form for the closing form, saving what was changed here first."""
        if self.is_dirty():
            draft = self._checked_draft()
            if draft is NOT_READY:
                return
            saved = self._submit(draft)
            if saved is None:
                return
            self.closing_wanted = True
            self._finish(saved)
            return
        self.closing_wanted = True
        self.accept()

    def close_now(self) -> None:
        """Set the form up to close the referral today: the date and reason come next."""
        select(self.status_combo, EpisodeStatus.CLOSED.value)
        if self._detail is None or self._detail.draft.closed_on is None:
            self.closed_on_edit.setDate(qdate(dt.date.today()))
        self.setWindowTitle(self.tr("Close the referral"))
        QTimer.singleShot(0, self.closing_reason_combo.setFocus)

    def closing_shown(self) -> bool:
        """True while the closing date, reason and note are on show."""
        return self.closing_reason_combo.isVisibleTo(self)

    # Filling and reading ---------------------------------------------------

    def _fill(self, draft: EpisodeDraft) -> None:
        self.referral_date_edit.setDate(qdate(draft.referral_date))
        select(self.referred_by_combo, draft.referred_by.value)
        self.referrer_name_edit.setText(draft.referrer_name)
        for name, check in self.reason_checks.items():
            check.setChecked(name in draft.reasons)
        self.reason_notes_edit.setPlainText(draft.reason_notes)
        select(self.urgency_combo, draft.urgency.value)
        for key, row in self.consent_rows.items():
            row.set_consent(getattr(draft, key))
        select(self.status_combo, draft.status.value)
        if draft.closed_on is not None:
            self.closed_on_edit.setDate(qdate(draft.closed_on))
        select(
            self.closing_reason_combo,
            None if draft.closing_reason is None else draft.closing_reason.value,
        )
        self.closing_note_edit.setPlainText(draft.closing_note)
        self._on_status_changed()
        self.first_contact_label.setText(self._first_contact_text(draft))
        self.responded_on_edit.setDate(qdate(draft.responded_on or dt.date.today()))
        self.declined_reason_edit.setPlainText(draft.declined_reason)
        select(self.response_combo, draft.response.value if draft.response else None)
        self._on_response_changed()
        self._filled = True

    def build_draft(self) -> EpisodeDraft:
        """The referral as typed."""
        closed = self.status_combo.currentData() == EpisodeStatus.CLOSED.value
        reason = self.closing_reason_combo.currentData()
        answer = self.response_combo.currentData()
        response = ReferralResponse(answer) if answer else None
        return dataclasses.replace(
            self._kept,
            id=None if self._detail is None else self._detail.id,
            version=None if self._detail is None else self._detail.version,
            person_id=self._person_id,
            referral_date=py_date(self.referral_date_edit.date()),
            referred_by=ReferrerKind(self.referred_by_combo.currentData()),
            referrer_name=self.referrer_name_edit.text().strip(),
            reasons=tuple(n for n, c in self.reason_checks.items() if c.isChecked()),
            reason_notes=self.reason_notes_edit.toPlainText().strip(),
            urgency=Urgency(self.urgency_combo.currentData()),
            consent_to_hold=self.consent_rows["consent_to_hold"].consent(),
            consent_share_gp=self.consent_rows["consent_share_gp"].consent(),
            consent_share_providers=self.consent_rows["consent_share_providers"].consent(),
            status=EpisodeStatus(self.status_combo.currentData()),
            closed_on=py_date(self.closed_on_edit.date()) if closed else None,
            closing_reason=ClosingReason(reason) if closed and reason else None,
            closing_note=self.closing_note_edit.toPlainText().strip() if closed else "",
            response=response,
            responded_on=py_date(self.responded_on_edit.date()) if response else None,
            declined_reason=self.declined_reason_edit.toPlainText().strip()
            if response is ReferralResponse.DECLINED
            else "",
        )

    def current_draft(self) -> EpisodeDraft:
        return self.build_draft()

    def _problems(self, draft: EpisodeDraft) -> list[FieldError]:
        today = dt.date.today()
        if self._date_unknown and self.referral_date_edit.date() == UNKNOWN_DATE:
            return [
                FieldError(
                    "referral_date",
                    "Give the date the referral was made: the spreadsheet had none.",
                )
            ]
        return validate_episode(draft, today) + response_problems(draft, today)
