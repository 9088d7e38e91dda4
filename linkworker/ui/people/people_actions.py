"""What can be done in the People area: add or edit a person, record a referral or a
conversation, change or close a referral, reopen notes kept as a draft, and import a
caseload spreadsheet.

:class:`PeopleActions` holds these; ``PeoplePage`` builds the area on it, with the
caseload and the person's tabs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from linkworker.domain.directory import DirectoryFilter
from linkworker.domain.journey import ReferralChoice
from linkworker.domain.keeping import may_keep
from linkworker.domain.people import (
    ClosingReason,
    ConversationType,
    EpisodeDetail,
    EpisodeDraft,
    EpisodeStatus,
    PersonDetail,
    UndatedReferral,
)
from linkworker.errors import UserFacingError
from linkworker.services.episodes import AlreadyClosed, Closing, PlacesStillOpen
from linkworker.services.settings import emergency_numbers, referral_reasons
from linkworker.ui.error_dialogs import show_user_error
from linkworker.ui.workers import Tasks

if TYPE_CHECKING:
    from linkworker.services.context import Services
    from linkworker.services.drafts import DraftService, SavedDraft
    from linkworker.services.people import PeopleService
    from linkworker.services.settings import SettingsStore


#: Places offered from the directory as a helper role's place is typed.
PLACES_OFFERED = 12


class PeopleActions(QWidget):
    """The actions of the People area, on the person chosen in the caseload."""

    #: A referral was closed with "Take closing measures next" ticked: (person id,
    #: episode id). The measures are taken through whatever is connected here.
    closing_measures_wanted = Signal(object, object)

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

    def _shown_episode_id(self) -> uuid.UUID | None:
        """The open episode chosen among several; None for the current one."""
        raise NotImplementedError

    def _show_episode_plan(self, episode_id: uuid.UUID) -> None:
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
        """Who records what is saved here: the worker signed in (the settings' name before)."""
        return self._services.workers.name_for_records(str(self._settings.get("user_name") or ""))

    def new_referral(self) -> None:
        """Record a referral for the chosen person; with one open, ask what it means first."""
        from linkworker.ui.people.episode_dialog import EpisodeDialog
        from linkworker.ui.people.referral_choice_dialog import ReferralChoiceDialog

        detail = self._chosen_person()
        if detail is None:
            return
        episodes = self._services.episodes
        shown = self._shown_episode_id()
        try:
            open_now = episodes.open_episodes(detail.id)
            # The current one is the one on show when the worker chose another of two open.
            current = next((e for e in open_now if e.id == shown), None) or next(
                iter(open_now), None
            )
            places = episodes.open_places(current.id) if current else ()
        except UserFacingError as exc:
            show_user_error(self, exc)
            return
        ask: ReferralChoiceDialog | None = None
        if current is not None:
            ask = ReferralChoiceDialog(detail.draft.display_name, current, places, parent=self)
            if not self._exec_dialog(ask):
                return
        choice = ask.choice() if ask is not None else None

        def save(draft: EpisodeDraft) -> EpisodeDetail:
            closing = ask.closing(dt.date.today(), self._user_name()) if ask else None
            return episodes.record_referral(
                draft, choice, closing, into=current.id if current else None
            )

        dialog = EpisodeDialog(
            save,
            detail.id,
            self._user_name(),
            reasons=referral_reasons(self._settings),
            parent=self,
        )
        if choice is ReferralChoice.ADD_TO_CURRENT and current is not None:
            dialog.setWindowTitle(
                self.tr("Add reasons to the referral of {0}").format(
                    f"{current.draft.referral_date:%d %B %Y}"
                )
            )
        if self._exec_dialog(dialog):
            self._show_in_list(detail.id)

    def date_referral(self, waiting: UndatedReferral) -> None:
        """Give a referral that came with no date its date: the referral form, filled in from
        the spreadsheet, records it once the worker has chosen the date."""
        from linkworker.ui.people.episode_dialog import EpisodeDialog

        waiting_id = waiting.id
        if waiting_id is None:  # only stored ones are offered
            return
        prefill = waiting.dated(dt.date.today())
        if not prefill.link_worker:
            prefill = dataclasses.replace(prefill, link_worker=self._user_name())
        dialog = EpisodeDialog(
            lambda draft: self._people.date_referral(waiting_id, draft),
            waiting.person_id,
            self._user_name(),
            reasons=referral_reasons(self._settings),
            parent=self,
            prefill=prefill,
            date_unknown=True,
        )
        if self._exec_dialog(dialog):
            self._show_in_list(waiting.person_id)

    def _working_episode(self, detail: PersonDetail) -> EpisodeDetail | None:
        """The episode the page is showing: the one chosen among several open, else the
        current one by the house rule, else None for someone with no referral."""
        chosen = self._shown_episode_id()
        try:
            current = chosen or self._services.plans.current_episode_id(detail.id)
        except UserFacingError as exc:
            show_user_error(self, exc)
            return None
        return next((e for e in detail.episodes if e.id == current), None)

    def record_conversation(self) -> None:
        """Record a conversation in the person's open referral (asking for one if none is open)."""
        from linkworker.ui.people.conversation_dialog import ConversationDialog

        person_id = self._selected_id()
        if person_id is None:
            return
        detail = self._people.get_person(person_id)
        if not detail.open_episodes:
            self.new_referral()
            detail = self._people.get_person(person_id)
            if not detail.open_episodes:
                return
        episode = self._working_episode(detail)
        if episode is None or not episode.is_open:
            episode = detail.open_episodes[0]
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
            consent_needed=not may_keep(episode.draft.consent_to_hold),
        )
        self._exec_dialog(dialog)
        self._show_in_list(person_id)
        saved = dialog.saved
        if saved is not None and saved.draft.kind is ConversationType.CLOSING:
            # A closing conversation: go straight on to close the referral, with the story.
            self.close_referral()

    def update_referral(self, closing: bool = False) -> None:
        """Edit the referral on show (the current one unless another open one is chosen).

        With ``closing``, the form opens with the status set to closed, asking
        for the date and the reason; places still open in its plan are asked about.
        """
        from linkworker.ui.people.episode_dialog import EpisodeDialog

        detail = self._chosen_person()
        if detail is None:
            return
        person_id = detail.id
        current = self._working_episode(detail)
        if current is None:
            self.new_referral()
            return
        if closing and current.draft.status is EpisodeStatus.CLOSED:
            return
        dialog = EpisodeDialog(
            self._save_episode,
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
        if dialog.closing_wanted:
            self.close_referral()

    def close_referral(self, reason: ClosingReason | None = None) -> None:
        """Close the referral on show through the closing form (``reason`` chosen already).

        A referral already closed is not closed again: the worker is told so.
        """
        from linkworker.ui.people.closing_dialog import ClosingDialog

        detail = self._chosen_person()
        if detail is None:
            return
        current = self._working_episode(detail)
        if current is None:
            return
        if not current.is_open:
            show_user_error(self, AlreadyClosed(current.draft.closed_on))
            return
        episodes = self._services.episodes
        try:
            places = episodes.open_places(current.id)
        except UserFacingError as exc:
            show_user_error(self, exc)
            return
        directory = self._services.directory

        def find_places(text: str) -> list[tuple[uuid.UUID, str]]:
            page = directory.search(DirectoryFilter(text=text), limit=PLACES_OFFERED)
            return [(row.id, row.name) for row in page.rows]

        def close(closing: Closing) -> EpisodeDetail:
            return episodes.close(current.id, closing)

        dialog = ClosingDialog(
            close,
            current,
            detail.draft.display_name,
            self._user_name(),
            places=places,
            find_places=find_places,
            reason=reason,
            parent=self,
        )
        if not self._exec_dialog(dialog):
            return
        self._show_in_list(detail.id)
        if dialog.measures_next():
            self.closing_measures_wanted.emit(detail.id, current.id)

    def _save_episode(self, draft: EpisodeDraft) -> EpisodeDetail:
        """Save a referral from its form; closing one with places still open asks about each."""
        from linkworker.ui.people.referral_choice_dialog import PlacesDialog

        episodes = self._services.episodes
        try:
            return episodes.save_episode(draft)
        except PlacesStillOpen as exc:
            ask = PlacesDialog(exc.places, parent=self)
            if not self._exec_dialog(ask):
                raise
            return episodes.save_episode(draft, ask.answers(), self._user_name())

    def open_episode_link(self, url: QUrl) -> None:
        """A link on the story page: read an earlier episode, or show another open one's plan."""
        from linkworker.ui.people.episode_history import EpisodeHistoryDialog

        kind, _, value = url.toString().partition(":")
        try:
            episode_id = uuid.UUID(value)
        except ValueError:
            return
        if kind == "plan":
            self._show_episode_plan(episode_id)
            return
        if kind != "episode":
            return
        detail = self._chosen_person()
        if detail is None:
            return
        try:
            record = self._services.episodes.record(episode_id)
        except UserFacingError as exc:
            show_user_error(self, exc)
            return
        self._exec_dialog(EpisodeHistoryDialog(record, detail.draft.display_name, parent=self))

    def open_saved_draft(self, saved: SavedDraft) -> None:
        """Reopen an autosaved conversation (after a crash, say) to finish it."""
        from linkworker.ui.people.conversation_dialog import ConversationDialog

        if not saved.key.startswith("conversation:"):
            return
        try:
            flags = self._services.flags.current_for_episode(
                uuid.UUID(str(saved.payload.get("episode_id")))
            )
        except ValueError:  # a draft with no readable referral: the dialog says so on saving
            flags = ()
        dialog = ConversationDialog.from_draft(
            saved,
            self._people.save_conversation,
            self._drafts,
            self._user_name(),
            parent=self,
            flags=flags,
            emergency_numbers=emergency_numbers(self._settings),
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
