"""The Contacts tab of a person: contacts still to come and those past, and what to do
with them: book one, move one, record what happened, and the person's risk flags.

After a missed or unreachable contact the tab offers the next step (book another
time, try by phone, write); after three failed attempts in a row it asks whether
to close the referral as "not taken up", and if so asks the page to close it
through the referral form (:attr:`ContactsWidget.close_requested`). Nothing is
closed here.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import QHeaderView, QMessageBox, QTableView, QVBoxLayout, QWidget

from linkworker.domain.directory import DirectoryFilter
from linkworker.domain.journey import ContactDetail, ContactDraft, ContactPlace, NextStep
from linkworker.domain.people import PersonDetail
from linkworker.errors import UserFacingError
from linkworker.services.contacts import OutcomeRecorded
from linkworker.services.drafts import SavedDraft
from linkworker.ui.error_dialogs import show_user_error
from linkworker.ui.flow_layout import wrapping_row
from linkworker.ui.form_fields import hint
from linkworker.ui.paged_table_model import InMemoryTableModel, row_table
from linkworker.ui.style import SECTION_TITLE, title_label

if TYPE_CHECKING:
    from PySide6.QtWidgets import QPushButton

    from linkworker.services.contacts import ContactService
    from linkworker.services.directory import DirectoryService
    from linkworker.services.drafts import DraftService
    from linkworker.services.flags import FlagService
    from linkworker.services.people import PeopleService

#: Hubs offered while typing a hub's name.
HUBS_OFFERED = 20


class ContactTableModel(InMemoryTableModel[ContactDetail]):
    """Contacts as rows: day, time, where, length, what happened."""

    COLUMNS = (
        ("Day", "day"),
        ("Time", "time"),
        ("Where", "where"),
        ("Length", "length"),
        ("What happened", "outcome"),
    )

    def display(self, row: ContactDetail, key: Any) -> str:
        at = row.draft.starts_at
        if key == "day":
            return f"{at:%a} {at.day} {at:%b %Y}"
        if key == "time":
            return f"{at:%H:%M}"
        if key == "where":
            return row.where
        if key == "length":
            return self.tr("{0} min").format(row.draft.minutes)
        moved = self.tr(" (moved)") if row.moved_from is not None and row.outcome.is_pending else ""
        return self.tr(row.outcome.label) + moved

    def other_role(self, row: ContactDetail, key: Any, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and key == "where":
            return row.where  # the column may be too narrow for a hub's whole name
        if role == Qt.ItemDataRole.ToolTipRole and row.draft.outcome_note:
            return row.draft.outcome_note
        if role == Qt.ItemDataRole.ToolTipRole and row.moved_from is not None:
            return self.tr("First booked for {0}").format(f"{row.moved_from:%d %b %Y %H:%M}")
        return None

    def sort_value(self, row: ContactDetail, key: Any) -> Any:
        if key in ("day", "time"):
            return row.draft.starts_at
        if key == "length":
            return row.draft.minutes
        return super().sort_value(row, key)


class ContactsWidget(QWidget):
    """A person's contacts, still to come and past, with Book, Move, What happened, Flags."""

    #: The person's referral should be closed as "not taken up" (the person's id).
    close_requested = Signal(object)
    #: A flag was raised or removed (the person's id).
    flags_changed = Signal(object)
    #: A contact was booked, moved or recorded (the person's id): the caseload may follow.
    contacts_changed = Signal(object)

    def __init__(
        self,
        contacts: ContactService,
        flags: FlagService,
        people: PeopleService,
        drafts: DraftService,
        directory: DirectoryService,
        user_name: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._contacts = contacts
        self._flags = flags
        self._people = people
        self._drafts = drafts
        self._user_name = user_name
        self._person: PersonDetail | None = None

        def find_hubs(text: str) -> list[tuple[uuid.UUID, str]]:
            page = directory.search(DirectoryFilter(text=text), limit=HUBS_OFFERED)
            return [(row.id, row.name) for row in page.rows]

        self._find_hubs = find_hubs
        self.upcoming_model = ContactTableModel(self)
        self.past_model = ContactTableModel(self)
        self.upcoming_table = self._table(self.upcoming_model, self.tr("Contacts still to come"))
        self.past_table = self._table(self.past_model, self.tr("Earlier contacts"))
        self.past_table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)

        self.book_button = self._button(self.tr("&Book…"), self.tr("Book a contact"), self.book)
        self.move_button = self._button(
            self.tr("Re&schedule…"), self.tr("Reschedule the chosen contact"), self.reschedule
        )
        self.outcome_button = self._button(
            self.tr("&What happened…"),
            self.tr("Record what happened at the chosen contact"),
            self.record_outcome,
        )
        self.flags_button = self._button(
            self.tr("Ris&k flags…"), self.tr("Raise or remove risk flags"), self.edit_flags
        )
        self.note = hint("")
        self.note.setWordWrap(True)
        self.past_note = hint("")
        self.past_note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addWidget(self.note)
        layout.addWidget(title_label(self.tr("Still to come"), SECTION_TITLE))
        layout.addWidget(self.upcoming_table, 1)
        layout.addWidget(title_label(self.tr("Earlier"), SECTION_TITLE))
        layout.addWidget(self.past_note)
        layout.addWidget(self.past_table, 2)
        layout.addWidget(
            wrapping_row(
                [self.book_button, self.move_button, self.outcome_button, self.flags_button]
            )
        )
        self.show_person(None)

    def _table(self, model: ContactTableModel, name: str) -> QTableView:
        view = row_table(model, name)
        header = view.horizontalHeader()
        for column, (_title, key) in enumerate(model.COLUMNS):
            header.setSectionResizeMode(  # where takes the room; the rest are as wide as they read
                column,
                QHeaderView.ResizeMode.Stretch
                if key == "where"
                else QHeaderView.ResizeMode.ResizeToContents,
            )
        view.selectionModel().selectionChanged.connect(self._selection_changed)
        view.activated.connect(self._activated)
        return view

    def _button(self, text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        from PySide6.QtWidgets import QPushButton

        button = QPushButton(text)
        button.setAccessibleName(name)
        button.setToolTip(name)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # Showing --------------------------------------------------------------------

    @property
    def person_id(self) -> uuid.UUID | None:
        return None if self._person is None else self._person.id

    def show_person(self, person_id: uuid.UUID | None) -> None:
        """Show someone's contacts (None: nobody chosen)."""
        self._person = None
        if person_id is not None:
            try:
                self._person = self._people.get_person(person_id)
                listed = self._contacts.contacts(person_id)
            except UserFacingError as exc:
                show_user_error(self, exc)
                self._person = None
        if self._person is None:
            self.upcoming_model.set_rows(())
            self.past_model.set_rows(())
            self.note.setText(self.tr("Choose someone to see their contacts."))
            self.past_note.hide()
        else:
            self.upcoming_model.set_rows(listed.upcoming)
            self.past_model.set_rows(listed.past)
            self.note.setText(self._note_text(self._person, len(listed.upcoming)))
            self._show_past_note(self._person, len(listed.past))
        self._enable()

    def _show_past_note(self, person: PersonDetail, past: int) -> None:
        """Say where earlier meetings are when no booking has happened yet."""
        if past:
            self.past_note.hide()
            return
        if person.conversations:
            self.past_note.setText(
                self.tr(
                    "No booked contact has happened yet. The conversations recorded with "
                    "them are on the Story tab."
                )
            )
        else:
            self.past_note.setText(self.tr("No contact has happened yet."))
        self.past_note.show()

    def _note_text(self, person: PersonDetail, upcoming: int) -> str:
        if not person.open_episodes:
            return self.tr("No open referral: record a referral before booking a contact.")
        if upcoming == 0:
            return self.tr("Nothing booked yet. Book the next contact with Book… (Alt+B).")
        return ""

    def selected(self) -> ContactDetail | None:
        """The contact chosen in either list."""
        for view, model in (
            (self.upcoming_table, self.upcoming_model),
            (self.past_table, self.past_model),
        ):
            rows = view.selectionModel().selectedRows()
            if rows:
                return model.summary(rows[0].row())
        return None

    def _selection_changed(self, selected: QItemSelection, _old: QItemSelection) -> None:
        if not selected.isEmpty():  # one contact chosen at a time, in either list
            for view in (self.upcoming_table, self.past_table):
                if view.selectionModel() is not self.sender():
                    view.selectionModel().blockSignals(True)
                    view.clearSelection()
                    view.selectionModel().blockSignals(False)
        self._enable()

    def _activated(self, *_args: object) -> None:
        chosen = self.selected()
        if chosen is not None and chosen.outcome.is_pending:
            self.record_outcome()

    def _enable(self) -> None:
        person = self._person
        chosen = self.selected()
        self.book_button.setEnabled(person is not None and bool(person.open_episodes))
        self.move_button.setEnabled(chosen is not None and chosen.outcome.is_pending)
        self.outcome_button.setEnabled(chosen is not None)
        self.flags_button.setEnabled(person is not None)

    def _reload(self) -> None:
        person_id = self.person_id
        self.show_person(person_id)
        if person_id is not None:
            self.contacts_changed.emit(person_id)

    # Booking and moving ------------------------------------------------------------

    def _dialog_services(self) -> dict[str, Any]:
        return {
            "book": self._contacts.book,
            "move": self._contacts.reschedule,
            "check": self._contacts.check,
            "drafts": self._drafts,
            "user_name": self._user_name(),
            "find_hubs": self._find_hubs,
            "parent": self,
        }

    def book(self, start: ContactDraft | None = None) -> None:
        """Book a contact in the person's open referral (``start``: what the form starts with)."""
        from linkworker.ui.people.contact_dialog import ContactDialog

        person = self._person
        if person is None or not person.open_episodes:
            return
        episode = person.open_episodes[0]
        if start is not None:
            start = ContactDraft(
                episode_id=episode.id,
                starts_at=start.starts_at,
                minutes=start.minutes,
                place=start.place,
            )
        dialog = ContactDialog(
            episode_id=episode.id,
            person_name=person.draft.display_name,
            flags=person.flags,
            start=start,
            **self._dialog_services(),
        )
        self._exec_dialog(dialog)
        self._reload()

    def reschedule(self) -> None:
        """Move the chosen contact (still booked) to another time."""
        from linkworker.ui.people.contact_dialog import ContactDialog

        person, chosen = self._person, self.selected()
        if person is None or chosen is None or not chosen.outcome.is_pending:
            return
        dialog = ContactDialog(
            episode_id=chosen.draft.episode_id,
            person_name=person.draft.display_name,
            flags=person.flags,
            detail=chosen,
            **self._dialog_services(),
        )
        self._exec_dialog(dialog)
        self._reload()

    def open_saved_draft(self, saved: SavedDraft) -> None:
        """Reopen a booking kept as a draft (a ``contact:`` key) to finish it."""
        from linkworker.ui.people.contact_dialog import ContactDialog

        dialog = ContactDialog.from_draft(saved, **self._dialog_services())
        self._exec_dialog(dialog)
        self._reload()

    # What happened ------------------------------------------------------------------

    def record_outcome(self) -> OutcomeRecorded | None:
        """Record what happened at the chosen contact, then offer what can follow."""
        from linkworker.ui.people.contact_outcome_dialog import ContactOutcomeDialog

        person, chosen = self._person, self.selected()
        if person is None or chosen is None:
            return None
        dialog = ContactOutcomeDialog(
            self._contacts.record_outcome,
            chosen,
            person.draft.display_name,
            flags=person.flags,
            parent=self,
        )
        self._exec_dialog(dialog)
        result: OutcomeRecorded | None = dialog.saved
        self._reload()
        if result is not None:
            self._follow_up(result)
        return result

    def _follow_up(self, result: OutcomeRecorded) -> None:
        person = self._person
        if person is None or not result.next_steps:
            return
        if result.suggest_not_taken_up and self._ask_close_not_taken_up(result.failed_in_a_row):
            self.close_requested.emit(person.id)
            return
        step = self._ask_next_step(result)
        if step is NextStep.REBOOK:
            self.book()
        elif step is NextStep.PHONE:
            soon = dt.datetime.now().replace(second=0, microsecond=0) + dt.timedelta(minutes=10)
            self.book(ContactDraft(person.open_episodes[0].id, soon, 15, ContactPlace.PHONE))

    def _ask_close_not_taken_up(self, failed: int) -> bool:
        """Ask whether to close the referral as "not taken up". Tests replace this."""
        answer = QMessageBox.question(
            self,
            self.tr("Close as not taken up?"),
            self.tr(
                "That is {0} missed or unreachable contacts in a row. Close the referral as "
                "not taken up? You will see the referral form before anything is closed."
            ).format(failed),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _ask_next_step(self, result: OutcomeRecorded) -> NextStep | None:
        """Offer the next steps; the one chosen, or None. Tests replace this."""
        from linkworker.ui.people.contact_outcome_dialog import NextStepDialog

        person = self._person
        name = person.draft.display_name if person is not None else ""
        dialog = NextStepDialog(result.next_steps, name, result.failed_in_a_row, parent=self)
        dialog.exec()
        return dialog.chosen

    # Flags ---------------------------------------------------------------------------

    def edit_flags(self) -> None:
        """Raise or remove the person's risk flags."""
        from linkworker.ui.people.flag_dialog import FlagDialog

        person = self._person
        if person is None:
            return
        dialog = FlagDialog(
            self._flags, person.id, person.draft.display_name, self._user_name(), parent=self
        )
        self._exec_dialog(dialog)
        if dialog.changed:
            self.show_person(person.id)
            self.flags_changed.emit(person.id)

    def _exec_dialog(self, dialog: QWidget) -> bool:
        """Run a modal dialog; tests replace this to drive the dialog themselves."""
        return bool(dialog.exec())  # type: ignore[attr-defined]


def contact_rows(model: ContactTableModel) -> Sequence[ContactDetail]:
    """The contacts a table shows, in its order (for tests and the Today page)."""
    return [model.summary(i) for i in range(model.rowCount())]
