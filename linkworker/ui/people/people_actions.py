"""What can be done in the People area: add or edit a person, record a referral or a
conversation, change or close a referral, reopen notes kept as a draft, and import a
caseload spreadsheet.

:class:`PeopleActions` holds these; ``PeoplePage`` builds the area on it, with the
caseload and the person's tabs.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QWidget

from linkworker.domain.people import ConversationType, EpisodeStatus, PersonDetail
from linkworker.errors import UserFacingError
from linkworker.services.settings import emergency_numbers, referral_reasons
from linkworker.ui.error_dialogs import show_user_error
from linkworker.ui.workers import Tasks

if TYPE_CHECKING:
    from linkworker.services.context import Services
    from linkworker.services.drafts import DraftService, SavedDraft
    from linkworker.services.people import PeopleService
    from linkworker.services.settings import SettingsStore


class PeopleActions(QWidget):
    """The actions of the People area, on the person chosen in the caseload."""

    _services: Services
    _people: PeopleService
    _drafts: DraftService
    _settings: SettingsStore
    _tasks: Tasks

    # What the page says is chosen (PeoplePage) ----------------------------

    def _selected_id(self) -> uuid.UUID | None:
        raise NotImplementedError

    def _show_in_list(self, person_id: uuid.UUID) -> None:
        raise NotImplementedError

    def apply_filters(self) -> None:
        raise NotImplementedError

    # A person, their referrals and conversations ----------------------------

    def add_person(self) -> None:
        self._open_form(None)

    def _chosen_person(self) -> PersonDetail | None:
        """The person chosen in the caseload, read afresh; None when nobody is chosen or
        they could not be read (the person at the keyboard is told why)."""
        person_id = self._selected_id()
        if person_id is None:
            return None
        try:
            return self._people.get_person(person_id)
        except UserFacingError as exc:
            show_user_error(self, exc)
            return None

    def edit_person(self) -> None:
        detail = self._chosen_person()
        if detail is not None:
            self._open_form(detail)

    def _open_form(self, detail: PersonDetail | None) -> None:
        from linkworker.ui.people.person_form_dialog import PersonFormDialog

        dialog = PersonFormDialog(
            self._people.save_person, self._people.possible_matches, detail, parent=self
        )
        accepted = self._exec_dialog(dialog)
        chosen = dialog.saved.id if accepted and dialog.saved else None
        if chosen is None and dialog.opened_existing is not None:
            chosen = dialog.opened_existing.id
        if chosen is not None:
            self._show_in_list(chosen)

    def _user_name(self) -> str:
        return str(self._settings.get("user_name") or "")

    def new_referral(self) -> None:
        """Record a referral (an episode of support) for the chosen person."""
        from linkworker.ui.people.episode_dialog import EpisodeDialog

        person_id = self._selected_id()
        if person_id is None:
            return
        dialog = EpisodeDialog(
            self._people.save_episode,
            person_id,
            self._user_name(),
            reasons=referral_reasons(self._settings),
            parent=self,
        )
        if self._exec_dialog(dialog):
            self._show_in_list(person_id)

    def record_conversation(self) -> None:
        """Record a conversation in the person's open referral (asking for one if none is open)."""
        from linkworker.ui.people.conversation_dialog import ConversationDialog

        person_id = self._selected_id()
        if person_id is None:
            return
        detail = self._people.get_person(person_id)
        open_episodes = list(detail.open_episodes)
        if not open_episodes:
            self.new_referral()
            detail = self._people.get_person(person_id)
            open_episodes = list(detail.open_episodes)
            if not open_episodes:
                return
        episode = open_episodes[0]
        had_any = any(c.draft.episode_id == episode.id for c in detail.conversations)
        dialog = ConversationDialog(
            self._people.save_conversation,
            self._drafts,
            episode.id,
            detail.draft.display_name,
            self._user_name(),
            kind=ConversationType.FOLLOW_UP if had_any else ConversationType.FIRST,
            parent=self,
            flags=detail.flags,
            emergency_numbers=emergency_numbers(self._settings),
        )
        self._exec_dialog(dialog)
        self._show_in_list(person_id)
        saved = dialog.saved
        if saved is not None and saved.draft.kind is ConversationType.CLOSING:
            # A closing conversation: go straight on to close the referral with its reason.
            self.update_referral(closing=True)

    def update_referral(self, closing: bool = False) -> None:
        """Edit the person's current referral (the newest open one, else the newest).

        With ``closing``, the form opens with the status set to closed, asking
        for the date and the reason.
        """
        from linkworker.ui.people.episode_dialog import EpisodeDialog

        detail = self._chosen_person()
        if detail is None:
            return
        person_id = detail.id
        if not detail.episodes:
            self.new_referral()
            return
        current = next(
            iter(detail.open_episodes),
            detail.episodes[0],
        )
        if closing and current.draft.status is EpisodeStatus.CLOSED:
            return
        dialog = EpisodeDialog(
            self._people.save_episode,
            person_id,
            self._user_name(),
            reasons=referral_reasons(self._settings),
            detail=current,
            parent=self,
        )
        if closing:
            dialog.close_now()
        if self._exec_dialog(dialog):
            self._show_in_list(person_id)

    def open_saved_draft(self, saved: SavedDraft) -> None:
        """Reopen an autosaved conversation (after a crash, say) to finish it."""
        from linkworker.ui.people.conversation_dialog import ConversationDialog

        if not saved.key.startswith("conversation:"):
            return
        dialog = ConversationDialog.from_draft(
            saved, self._people.save_conversation, self._drafts, self._user_name(), parent=self
        )
        self._exec_dialog(dialog)
        self.apply_filters()

    def offer_saved_drafts(self) -> int:
        """Offer back notes that were typed but never saved; how many were opened."""
        from linkworker.ui.people.draft_recovery import offer_saved_drafts

        return offer_saved_drafts(self, self._services, self.open_saved_draft)

    def _choose_import_file(self) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import people from a spreadsheet"),
            str(Path.home()),
            self.tr("Spreadsheets (*.csv *.xlsx);;All files (*)"),
        )
        return Path(name) if name else None

    def import_people(self, path: Path | None = None) -> None:
        """Preview a caseload spreadsheet, then add everyone in it, or nobody."""
        from linkworker.ui.import_dialog import PeopleImportDialog

        path = path or self._choose_import_file()
        if path is None:
            return
        dialog = PeopleImportDialog(self._people, self._tasks, path, parent=self)
        if self._exec_dialog(dialog):
            self.apply_filters()

    def _exec_dialog(self, dialog: QWidget) -> bool:
        """Run a modal dialog; tests replace this to drive the dialog themselves."""
        return bool(dialog.exec())  # type: ignore[attr-defined]
