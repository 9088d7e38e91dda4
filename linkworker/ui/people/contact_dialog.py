"""Booking a contact with a person, or moving one: day, time, place, length.

A new booking chooses where (at home, the practice, a hub from the directory, by
phone or video) and may record a contact that has already happened, with what
happened. Moving a booked contact changes its day, time and length only; the time
it was first booked for is kept by the service.

Before saving, the form says so when the worker already has a contact booked at
an overlapping time (a warning: saving asks "book anyway?") and when the time
happens twice because the clocks go back; a time the clocks skip is refused beside
the field. A half-filled booking is kept as a draft, like conversation notes.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QStringListModel, Qt, QTime, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCompleter,
    QLabel,
    QMessageBox,
    QSizePolicy,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from linkworker.domain.journey import (
    MAX_MINUTES,
    MIN_MINUTES,
    ContactDetail,
    ContactDraft,
    ContactOutcome,
    ContactPlace,
    RiskFlag,
    contact_problems,
)
from linkworker.domain.validation import FieldError
from linkworker.services.contacts import Booked, BookingCheck
from linkworker.services.drafts import SavedDraft
from linkworker.ui.form_fields import combo, date_edit, line_edit, py_date, qdate, select, stacked
from linkworker.ui.people.draft_keeping import DraftStore, KeepsDraft
from linkworker.ui.people.risk_banner import RiskBanner
from linkworker.ui.record_dialog import RecordDialog

#: The shape of the kept draft (:meth:`ContactDialog.state`), should it ever change.
PAYLOAD_FORMAT = 1
#: Typing pauses this long before the directory is searched for a hub, and the
#: booking is checked against the worker's others.
LOOK_UP_DELAY_MS = 250

WARNING_STYLE = (
    "QLabel { color: #4d3300; background: #fff1c2; border: 1px solid #b07d00;"
    " border-radius: 4px; padding: 6px 8px; }"
)

#: Finds hubs in the directory by name: (id, name) pairs.
FindHubs = Callable[[str], Sequence[tuple[uuid.UUID, str]]]


def contact_time(contact: ContactDetail) -> str:
    """ "10:00 to 11:00" (the end as the clock in the room shows it)."""
    return f"{contact.draft.starts_at:%H:%M} to {contact.draft.ends_at:%H:%M}"


class ContactDialog(KeepsDraft, RecordDialog):
    """Book a contact in an episode (``detail`` None) or move a booked one.

    ``book`` is normally ``ContactService.book``, ``move`` ``ContactService.reschedule``
    and ``check`` ``ContactService.check``. After a save :attr:`saved` holds the
    :class:`~linkworker.services.contacts.Booked` result. Tests replace
    :meth:`_confirm_overlap`, :meth:`_ask_keep_draft` and :meth:`_show_error`.
    """

    contact_booked = RecordDialog.record_saved
    unsaved_text = "This contact is not booked yet."
    discard_question = "You have changed this contact. Close without saving?"

    def __init__(
        self,
        book: Callable[[ContactDraft], Booked],
        move: Callable[..., Booked],
        check: Callable[[ContactDraft], BookingCheck],
        drafts: DraftStore,
        episode_id: uuid.UUID,
        person_name: str,
        user_name: str,
        find_hubs: FindHubs = lambda _text: (),
        detail: ContactDetail | None = None,
        flags: Sequence[RiskFlag] = (),
        draft_key: str | None = None,
        start: ContactDraft | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._book, self._move, self._check = book, move, check
        self._drafts = drafts
        self._episode_id = episode_id
        self._person_name = person_name
        self._user_name = user_name
        self._find_hubs = find_hubs
        self._detail = detail
        self._hubs: dict[str, uuid.UUID] = {}
        self.draft_key = draft_key or f"contact:{episode_id}:{uuid.uuid4()}"
        self._draft_kept = draft_key is not None and drafts.get(draft_key) is not None
        moving = detail is not None
        self.setWindowTitle(
            self.tr("Move the contact with {0}").format(person_name)
            if moving
            else self.tr("Book a contact with {0}").format(person_name)
        )
        self.setMinimumWidth(520)

        self.risk_banner = RiskBanner(flags, parent=self)
        form = self._form(labels_on_top=False)
        self.date_edit = date_edit(self.tr("Day"))
        error = self._field("starts_at", self.date_edit, self.tr("day and time"))
        self._row(form, self.tr("&Day"), self.date_edit, stacked(self.date_edit, error))
        self.time_edit = QTimeEdit()
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_edit.setAccessibleName(self.tr("Time"))
        self.time_edit.setMaximumWidth(self.time_edit.fontMetrics().horizontalAdvance("00:00") + 60)
        self._row(form, self.tr("&Time"), self.time_edit)
        self.minutes_spin = QSpinBox()
        self.minutes_spin.setRange(MIN_MINUTES, MAX_MINUTES)
        self.minutes_spin.setSingleStep(5)
        self.minutes_spin.setSuffix(self.tr(" minutes"))
        self.minutes_spin.setAccessibleName(self.tr("Expected length in minutes"))
        self.minutes_spin.setMaximumWidth(
            self.minutes_spin.fontMetrics().horizontalAdvance("000 minutes") + 60
        )
        error = self._field("minutes", self.minutes_spin, self.tr("length"))
        self._row(
            form, self.tr("Expected &length"), self.minutes_spin, stacked(self.minutes_spin, error)
        )
        self.place_combo = combo(
            self.tr("Where"), [(self.tr(p.label), p.value) for p in ContactPlace]
        )
        self._row(form, self.tr("&Where"), self.place_combo)
        self.place_edit = line_edit(self.tr("Which hub, or where exactly"))
        self._hub_names = QStringListModel(self)
        completer = QCompleter(self._hub_names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self._completer = completer
        error = self._field("place_name", self.place_edit, self.tr("place"))
        self.place_label = QLabel()
        self.place_label.setBuddy(self.place_edit)
        form.addRow(self.place_label, stacked(self.place_edit, error))
        self.outcome_combo = combo(
            self.tr("What happened"),
            [(self.tr("Still to come (booked)"), ContactOutcome.BOOKED.value)]
            + [
                (self.tr(o.label), o.value)
                for o in ContactOutcome
                if o is not ContactOutcome.BOOKED
            ],
        )
        self.outcome_combo.setToolTip(
            self.tr("To record a contact that has already happened, say what happened.")
        )
        error = self._field("outcome", self.outcome_combo, self.tr("what happened"))
        self._row(
            form, self.tr("What ha&ppened"), self.outcome_combo, stacked(self.outcome_combo, error)
        )
        self.warning_label = QLabel()
        self.warning_label.setWordWrap(True)
        self.warning_label.setTextFormat(Qt.TextFormat.PlainText)
        self.warning_label.setStyleSheet(WARNING_STYLE)
        self.warning_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.warning_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.warning_label.setAccessibleName(self.tr("Worth knowing before you book"))
        self.warning_label.hide()
        self._lay_out(
            self.tr("Save the move") if moving else self.tr("Book the contact"),
            self.risk_banner,
            form,
            self.warning_label,
            beside_buttons=self._draft_label(),
        )
        self.save_button.setText(self.tr("Move") if moving else self.tr("Book"))

        self._look_up = QTimer(self)
        self._look_up.setSingleShot(True)
        self._look_up.setInterval(LOOK_UP_DELAY_MS)
        self._look_up.timeout.connect(self.look_up)
        self._fill(start or (detail.draft if detail is not None else None))
        for signal in (
            self.date_edit.dateChanged,
            self.time_edit.timeChanged,
            self.minutes_spin.valueChanged,
            self.place_edit.textEdited,
            self.outcome_combo.currentIndexChanged,
        ):
            signal.connect(self._changed)
        self.place_combo.currentIndexChanged.connect(self._place_changed)
        self._place_changed()
        for fixed in (self.place_combo, self.place_edit, self.outcome_combo):
            fixed.setEnabled(not moving)  # a move changes the time; the rest stays
        self.look_up()
        self._ready(self.time_edit if moving else self.date_edit)
        self._start_keeping()

    @classmethod
    def from_draft(cls, saved_draft: SavedDraft, **services: Any) -> ContactDialog:
        """A dialog showing what a kept draft held, still kept under the same key.

        ``services`` are the callables and stores :class:`ContactDialog` takes.
        """
        payload = saved_draft.payload
        dialog = cls(
            episode_id=uuid.UUID(payload["episode_id"]),
            person_name=payload.get("person_name", ""),
            draft_key=saved_draft.key,
            **services,
        )
        dialog.take_back(payload)
        return dialog

    # Filling and reading ----------------------------------------------------

    def _fill(self, draft: ContactDraft | None) -> None:
        if draft is None:
            soon = dt.datetime.now() + dt.timedelta(days=7)
            draft = ContactDraft(
                episode_id=self._episode_id, starts_at=soon.replace(hour=10, minute=0)
            )
        self.date_edit.setDate(qdate(draft.starts_at.date()))
        self.time_edit.setTime(QTime(draft.starts_at.hour, draft.starts_at.minute))
        self.minutes_spin.setValue(draft.minutes)
        select(self.place_combo, draft.place.value)
        self.place_edit.setText(draft.place_name)
        if draft.asset_id is not None and draft.place_name:
            self._hubs[draft.place_name] = draft.asset_id
        select(self.outcome_combo, draft.outcome.value)

    def _starts_at(self) -> dt.datetime:
        time = self.time_edit.time()
        return dt.datetime.combine(
            py_date(self.date_edit.date()), dt.time(time.hour(), time.minute())
        )

    def _chosen_place(self) -> ContactPlace:
        return ContactPlace(self.place_combo.currentData())

    def current_draft(self) -> ContactDraft:
        """The contact as the form shows it."""
        name = " ".join(self.place_edit.text().split())
        place = self._chosen_place()
        base = self._detail.draft if self._detail is not None else None
        return ContactDraft(
            episode_id=self._episode_id,
            starts_at=self._starts_at(),
            minutes=self.minutes_spin.value(),
            place=place,
            asset_id=self._hubs.get(name) if place is ContactPlace.HUB else None,
            place_name=name,
            outcome=ContactOutcome(self.outcome_combo.currentData()),
            link_worker=base.link_worker if base is not None else "",
            booked_by=base.booked_by if base is not None else self._user_name,
            id=None if self._detail is None else self._detail.id,
            version=None if self._detail is None else self._detail.version,
        )

    def _problems(self, draft: ContactDraft) -> Sequence[FieldError]:
        return contact_problems(draft, dt.datetime.now())

    # What is worth knowing ------------------------------------------------

    def _changed(self, *_args: object) -> None:
        self._look_up.start()

    def _place_changed(self, _index: int = 0) -> None:
        hub = self._chosen_place() is ContactPlace.HUB
        self.place_label.setText(self.tr("Which &hub") if hub else self.tr("Where e&xactly"))
        self.place_edit.setPlaceholderText(
            self.tr("Start typing a name from the directory")
            if hub
            else self.tr("Optional: a room, an address, a number to call")
        )
        self.place_edit.setCompleter(self._completer if hub else None)  # type: ignore[arg-type]
        self._look_up.start()

    def look_up(self) -> None:
        """Find hubs matching what is typed, and check the booking against the worker's others."""
        self._look_up.stop()
        if self._chosen_place() is ContactPlace.HUB:
            text = " ".join(self.place_edit.text().split())
            if len(text) >= 2:
                found = self._find_hubs(text)
                self._hubs.update({name: asset_id for asset_id, name in found})
                self._hub_names.setStringList([name for _id, name in found])
        self.show_check()

    def show_check(self) -> BookingCheck:
        """Say what is worth knowing about the booking as it stands (and return it)."""
        try:
            check = self._check(self.current_draft())
        except ValueError:
            check = BookingCheck()
        lines = []
        if check.overlaps:
            lines.append(self.tr("You already have a contact booked at an overlapping time:"))
            lines += [
                f"  {c.draft.starts_at:%d %b}, {contact_time(c)}, {c.where}" for c in check.overlaps
            ]
        if check.clock_note:
            lines.append(check.clock_note)
        was_shown = not self.warning_label.isHidden()
        self.warning_label.setText("\n".join(lines))
        self.warning_label.setVisible(bool(lines))
        if was_shown != bool(lines) or lines:
            self._fit_height()
        return check

    def _fit_height(self) -> None:
        """As tall as the form needs at its width: wrapped words leave no empty band."""
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth():
            layout.activate()
            self.resize(self.width(), layout.totalHeightForWidth(self.width()))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_height()

    # Saving -----------------------------------------------------------------

    def _store(self, draft: ContactDraft) -> Booked | None:
        check = self.show_check()
        if check.overlaps and not self._confirm_overlap(check):
            return None
        if self._detail is not None:
            return self._move(
                self._detail.id, draft.starts_at, minutes=draft.minutes, version=draft.version
            )
        return self._book(draft)

    def _finish(self, saved: Booked) -> None:
        self._discard_kept()
        super()._finish(saved)

    def _confirm_overlap(self, check: BookingCheck) -> bool:
        """Ask whether to book over another contact. Tests replace this."""
        answer = QMessageBox.question(
            self,
            self.tr("Book anyway?"),
            self.tr(
                "You already have {n} contact(s) booked at an overlapping time. "
                "Book this one anyway?"
            ).format(n=len(check.overlaps)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    # The draft ----------------------------------------------------------------

    def state(self) -> dict[str, Any]:
        """Everything in the form as JSON-able values (the draft kept)."""
        return {
            "format": PAYLOAD_FORMAT,
            "episode_id": str(self._episode_id),
            "person_name": self._person_name,
            "starts_at": self._starts_at().isoformat(timespec="minutes"),
            "minutes": self.minutes_spin.value(),
            "place": self.place_combo.currentData(),
            "place_name": self.place_edit.text(),
            "asset_id": str(self._hubs[self.place_edit.text()])
            if self.place_edit.text() in self._hubs
            else None,
            "outcome": self.outcome_combo.currentData(),
        }

    def restore(self, state: dict[str, Any]) -> None:
        """Put a :meth:`state` back into the form."""
        if state.get("starts_at"):
            at = dt.datetime.fromisoformat(state["starts_at"])
            self.date_edit.setDate(qdate(at.date()))
            self.time_edit.setTime(QTime(at.hour, at.minute))
        if state.get("minutes"):
            self.minutes_spin.setValue(int(state["minutes"]))
        if state.get("place"):
            select(self.place_combo, state["place"])
        self.place_edit.setText(state.get("place_name", ""))
        if state.get("asset_id") and state.get("place_name"):
            self._hubs[state["place_name"]] = uuid.UUID(state["asset_id"])
        if state.get("outcome"):
            select(self.outcome_combo, state["outcome"])

    def draft_title(self) -> str:
        at = self._starts_at()
        return self.tr("Contact with {0}, {1}").format(
            self._person_name, f"{at.day} {at:%B %Y} at {at:%H:%M}"
        )
