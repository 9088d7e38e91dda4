"""What can be done with a suggestion: add it to the plan, pin it to the top, set it
aside (with why), bring back what was set aside, and say what suits the person.

:class:`SuggestionActions` holds these; ``SuggestionsWidget`` builds the tab on it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialogButtonBox, QInputDialog, QLineEdit, QWidget

from linkworker import errors
from linkworker.domain.plan import AssetReferralDraft, ReferralStatus
from linkworker.ui.error_dialogs import show_user_error
from linkworker.ui.people.set_aside_dialog import SetAsideDialog
from linkworker.ui.people.suggestion_model import SuggestionRow

if TYPE_CHECKING:
    from linkworker.services.directory import DirectoryService
    from linkworker.services.matching import MatchingService
    from linkworker.services.plan import PlanService


class SuggestionActions(QWidget):
    """The actions of the Suggestions tab; ``plan_changed`` is emitted after something is
    added to the plan."""

    plan_changed = Signal()

    _matching: MatchingService
    _plans: PlanService
    _directory: DirectoryService
    _user_name: Callable[[], str]
    _today: Callable[[], dt.date]
    _person_id: uuid.UUID | None
    _person_name: str
    _episode_id: uuid.UUID | None
    _pinned: set[uuid.UUID]

    # What the tab says is shown and chosen (SuggestionsWidget) ------------

    def refresh(self) -> None:
        raise NotImplementedError

    def selected_row(self) -> SuggestionRow | None:
        raise NotImplementedError

    # Adding to the plan, pinning, setting aside ----------------------------

    def _exec_dialog(self, dialog: QWidget) -> bool:
        """Run a modal dialog; tests replace this to drive the dialog themselves."""
        return bool(dialog.exec())  # type: ignore[attr-defined]

    def _ask_reason(self, name: str) -> str | None:
        """Ask why a suggestion is not for them; None if they cancel. Tests replace this."""
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("Not for them"))
        dialog.setLabelText(
            self.tr("Why is “{0}” not for them? A few words are enough.").format(name)
        )
        dialog.setOkButtonText(self.tr("Set aside"))
        edit = dialog.findChild(QLineEdit)
        buttons = dialog.findChild(QDialogButtonBox)
        if edit is not None and buttons is not None:
            ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
            edit.setAccessibleName(self.tr("Why it is not for them"))
            edit.setPlaceholderText(self.tr("e.g. tried it, did not like the group"))
            ok.setEnabled(False)
            edit.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))
        if not dialog.exec():
            return None
        return dialog.textValue().strip() or None

    def add_to_plan(self, status: ReferralStatus = ReferralStatus.AGREED) -> None:
        """Add the chosen asset to the plan of the current referral."""
        row = self.selected_row()
        if row is None or self._episode_id is None or row.in_plan:
            return
        draft = AssetReferralDraft(
            episode_id=self._episode_id,
            asset_id=row.asset_id,
            status=status,
            status_on=self._today(),
            recorded_by=self._user_name(),
        )
        try:
            self._plans.save_referral(draft)
        except errors.UserFacingError as exc:
            show_user_error(self, exc)
            return
        self.refresh()
        self.plan_changed.emit()

    def toggle_pin(self) -> None:
        row = self.selected_row()
        if row is None or self._person_id is None:
            return
        try:
            self._matching.pin(self._person_id, row.asset_id, not row.pinned)
        except errors.UserFacingError as exc:
            show_user_error(self, exc)
            return
        if row.pinned:
            self._pinned.discard(row.asset_id)
        else:
            self._pinned.add(row.asset_id)
        self.refresh()

    def dismiss(self) -> None:
        row = self.selected_row()
        if row is None or self._person_id is None:
            return
        reason = self._ask_reason(row.name)
        if reason is None:
            return
        try:
            self._matching.dismiss(self._person_id, row.asset_id, reason)
        except errors.UserFacingError as exc:
            show_user_error(self, exc)
            return
        self.refresh()

    def show_set_aside(self) -> None:
        if self._person_id is None:
            return
        dialog = SetAsideDialog(self._matching, self._person_id, parent=self)
        self._exec_dialog(dialog)
        if dialog.restored:
            self.refresh()

    def edit_preferences(self) -> None:
        from linkworker.ui.people.preferences_dialog import PreferencesDialog

        person_id = self._person_id
        if person_id is None:
            return
        try:
            preferences = self._matching.preferences(person_id)
            kinds = self._directory.facets().categories
        except errors.UserFacingError as exc:
            show_user_error(self, exc)
            return

        def save(chosen: Any) -> None:
            self._matching.save_preferences(person_id, chosen)

        dialog = PreferencesDialog(save, preferences, kinds, self._person_name, parent=self)
        if self._exec_dialog(dialog) and dialog.saved is not None:
            self.refresh()
