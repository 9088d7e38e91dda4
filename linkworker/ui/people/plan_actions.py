"""What can be done from the Plan tab: add, edit and rate goals, update a place chosen
together, set the next contact, and print the plan or a referral letter.

:class:`PlanActions` holds these; :class:`~linkworker.ui.people.plan_widget.PlanWidget`
builds the tab on it and says what is chosen.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from linkworker import errors
from linkworker.domain.documents import DocumentAction, DocumentKind
from linkworker.domain.plan import AssetReferralDetail, GoalDetail, PlanDetail
from linkworker.printing.snapshots import PrintOptions
from linkworker.ui.error_dialogs import show_user_error
from linkworker.ui.workers import Tasks

if TYPE_CHECKING:
    from linkworker.services.documents import DocumentService
    from linkworker.services.plan import PlanService


class PlanActions(QWidget):
    """The actions of the Plan tab. ``plan_changed`` says something was saved;
    ``document_recorded`` that a document printed or saved was noted."""

    plan_changed = Signal()
    document_recorded = Signal()

    plan: PlanDetail | None
    _plans: PlanService
    _documents: DocumentService | None
    _tasks: Tasks
    _user_name: Callable[[], str]
    _today: Callable[[], dt.date]
    _person_id: uuid.UUID | None
    _person_name: str
    _preparing: bool

    # What the tab says is chosen (PlanWidget) ------------------------------

    def refresh(self) -> None:
        raise NotImplementedError

    def selected_goal(self) -> GoalDetail | None:
        raise NotImplementedError

    def selected_referral(self) -> AssetReferralDetail | None:
        raise NotImplementedError

    def _select_goal(self, goal_id: uuid.UUID | None) -> None:
        raise NotImplementedError

    def _enable(self) -> None:
        raise NotImplementedError

    # Goals, places and the next contact -------------------------------------

    def _exec_dialog(self, dialog: QWidget) -> bool:
        """Run a modal dialog; tests replace this to drive the dialog themselves."""
        return bool(dialog.exec())  # type: ignore[attr-defined]

    def _after_save(self, goal_id: uuid.UUID | None = None) -> None:
        self.refresh()
        if goal_id is not None:
            self._select_goal(goal_id)
        self.plan_changed.emit()

    def add_goal(self) -> None:
        from linkworker.ui.people.goal_dialog import GoalDialog

        if self.plan is None:
            return
        dialog = GoalDialog(
            self._plans.save_goal,
            self.plan.episode_id,
            position=len(self.plan.goals),
            today=self._today,
            parent=self,
        )
        if self._exec_dialog(dialog) and dialog.saved is not None:
            self._after_save(dialog.saved.id)

    def edit_goal(self) -> None:
        from linkworker.ui.people.goal_dialog import GoalDialog

        goal = self.selected_goal()
        if self.plan is None or goal is None:
            return
        dialog = GoalDialog(
            self._plans.save_goal, self.plan.episode_id, goal, today=self._today, parent=self
        )
        if self._exec_dialog(dialog) and dialog.saved is not None:
            self._after_save(dialog.saved.id)

    def rate_goal(self) -> None:
        from linkworker.ui.people.rate_goal_dialog import RateGoalDialog

        goal = self.selected_goal()
        if goal is None:
            return
        goal_id = goal.id

        def rate(score: int, on: dt.date, note: str) -> GoalDetail:
            return self._plans.rate_goal(goal_id, score, on, note)

        dialog = RateGoalDialog(rate, goal, parent=self)
        if self._exec_dialog(dialog) and dialog.saved is not None:
            self._after_save(goal_id)

    def update_status(self) -> None:
        from linkworker.ui.people.asset_referral_dialog import AssetReferralDialog

        referral = self.selected_referral()
        if self.plan is None or referral is None:
            return
        dialog = AssetReferralDialog(
            self._plans.save_referral,
            referral,
            self._user_name(),
            goals=self.plan.goals,
            parent=self,
        )
        if self._exec_dialog(dialog) and dialog.saved is not None:
            self._after_save()

    def set_next_contact(self) -> None:
        from linkworker.ui.people.next_contact_dialog import NextContactDialog

        if self.plan is None:
            return
        episode_id = self.plan.episode_id

        def save(on: dt.date | None) -> None:
            self._plans.set_next_contact(episode_id, on)

        dialog = NextContactDialog(save, self.plan.next_contact_on, parent=self)
        if self._exec_dialog(dialog):
            self._after_save()

    # Printing --------------------------------------------------------------

    def print_plan(self) -> None:
        """Preview their plan in the way they read best, to print or save (Ctrl+P)."""
        documents, person_id = self._documents, self._person_id
        if documents is None or person_id is None or self.plan is None:
            return
        try:
            options = documents.default_options(person_id)
        except errors.UserFacingError as exc:
            show_user_error(self, exc)
            return
        # The plan on show: with two referrals open, the one the worker switched to.
        render = partial(documents.plan_pdf, person_id, episode_id=self.plan.episode_id)
        self._preview(self.tr("My plan"), render, options, DocumentKind.MY_PLAN)

    def referral_letter(self) -> None:
        """Preview a referral letter to the chosen place (only with consent to share)."""
        documents, referral = self._documents, self.selected_referral()
        if documents is None or referral is None:
            return
        place, kind = referral.asset_name, DocumentKind.PROVIDER_REFERRAL
        render = partial(documents.referral_pdf, referral.id)
        self._preview(self.tr("Referral to {0}").format(place), render, PrintOptions(), kind, place)

    def _preview(
        self,
        what: str,
        render: Callable[[PrintOptions], bytes],
        options: PrintOptions,
        kind: DocumentKind,
        detail: str = "",
    ) -> None:
        from linkworker.ui.printing.preview_dialog import open_preview

        documents, person_id, name = self._documents, self._person_id, self._person_name
        if documents is None or person_id is None or self._preparing:
            return

        def recorded(action: DocumentAction, chosen: PrintOptions) -> None:
            documents.record(person_id, kind, action, chosen, detail)
            self.document_recorded.emit()

        def busy(on: bool) -> None:
            self._preparing = on
            self._enable()

        open_preview(
            self,
            self._tasks,
            render,
            options,
            title=self.tr("{what} for {name}").format(what=what, name=name) if name else what,
            suggested_name=f"{what} - {name}" if name else what,
            on_done=recorded,
            run=self._exec_dialog,
            show_error=lambda exc: show_user_error(self, exc),
            busy=busy,
        )
