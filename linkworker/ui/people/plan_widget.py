"""The Plan tab of a person's page: their goals, the places they chose, and the next contact.

Goals are shown in the person's words, with how confident they feel now and
how that has changed ("Confidence 3 → 5 → 7"), and the steps towards them.
The community assets chosen together are listed with where each has got to.
A plan belongs to a referral: someone without one is offered a referral first.
The plan prints for them to take home, and a chosen place can be sent a referral
letter; each print or save is noted on the person's record.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from linkworker import errors
from linkworker.domain.plan import AssetReferralDetail, GoalDetail, PlanDetail
from linkworker.ui.error_dialogs import show_user_error
from linkworker.ui.paged_table_model import row_table
from linkworker.ui.people.plan_actions import PlanActions
from linkworker.ui.people.plan_models import GoalListModel, ReferralTableModel, day_text
from linkworker.ui.people.suggestion_model import HtmlItemDelegate
from linkworker.ui.style import SECTION_TITLE, hint_css, title_label
from linkworker.ui.workers import Tasks

if TYPE_CHECKING:
    from linkworker.services.documents import DocumentService
    from linkworker.services.plan import PlanService


def section_title(text: str) -> QLabel:
    return title_label(text, SECTION_TITLE)


class PlanWidget(PlanActions):
    """Shows the plan of a person's current referral and the ways to change it.

    ``referral_requested`` asks the page to record a referral (there is no plan
    without one); ``suggestions_requested`` asks it to show the suggestions;
    ``plan_changed`` says something was saved; ``document_recorded`` that a
    document printed or saved was noted. Without ``documents``, no printing.
    """

    referral_requested = Signal()
    suggestions_requested = Signal()

    def __init__(
        self,
        plans: PlanService,
        user_name: Callable[[], str],
        today: Callable[[], dt.date] = dt.date.today,
        parent: QWidget | None = None,
        *,
        documents: DocumentService | None = None,
        tasks: Tasks | None = None,
    ) -> None:
        super().__init__(parent)
        self._plans = plans
        self._user_name = user_name
        self._today = today
        self._documents = documents
        self._tasks = tasks or Tasks(self)
        self._person_id: uuid.UUID | None = None
        self._episode_id: uuid.UUID | None = None
        self._person_name = ""
        self._preparing = False
        self.plan: PlanDetail | None = None

        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_nobody())
        self.stack.addWidget(self._build_no_referral())
        self.stack.addWidget(self._build_plan())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.show_person(None)

    # Building ------------------------------------------------------------

    def _build_nobody(self) -> QWidget:
        self.nobody_label = QLabel(self.tr("Choose someone to see their plan."))
        self.nobody_label.setStyleSheet(hint_css())
        self.nobody_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        page = QWidget()
        QVBoxLayout(page).addWidget(self.nobody_label)
        return page

    def _build_no_referral(self) -> QWidget:
        self.no_referral_label = QLabel(
            self.tr(
                "A plan belongs to a referral. Record their referral first; then you can "
                "write their goals with them and choose places to try together."
            )
        )
        self.no_referral_label.setWordWrap(True)
        self.no_referral_label.setAccessibleName(self.tr("No referral yet"))
        self.referral_button = QPushButton(self.tr("New &referral…"))
        self.referral_button.setAccessibleName(self.tr("Record a new referral"))
        self.referral_button.clicked.connect(self.referral_requested)
        row = QHBoxLayout()
        row.addWidget(self.referral_button)
        row.addStretch(1)
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(12, 12, 12, 12)
        column.addWidget(self.no_referral_label)
        column.addLayout(row)
        column.addStretch(1)
        return page

    def _button(self, text: str, name: str, slot: Callable[[], None], tip: str = "") -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        if tip:
            button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    def _build_plan(self) -> QWidget:
        self.next_contact_label = QLabel()
        self.next_contact_label.setAccessibleName(self.tr("Next contact"))
        self.next_contact_label.setTextFormat(Qt.TextFormat.RichText)
        self.next_contact_label.setWordWrap(True)
        self.next_contact_button = self._button(
            self.tr("Set &next contact…"), self.tr("Set next contact"), self.set_next_contact
        )
        self.print_plan_button = self._button(
            self.tr("&Print plan…"),
            self.tr("Print plan: their own copy (Ctrl+P)"),
            self.print_plan,
            self.tr("Their own copy to take home, in the way they read best (Ctrl+P)"),
        )
        top = QHBoxLayout()
        top.addWidget(self.next_contact_label, 1)
        top.addWidget(self.next_contact_button)
        top.addWidget(self.print_plan_button)

        self.goal_model = GoalListModel(self._today, self)
        self.goals_view = QListView()
        self.goals_view.setModel(self.goal_model)
        self.goals_view.setItemDelegate(HtmlItemDelegate(self.goals_view))
        self.goals_view.setAccessibleName(self.tr("Goals, in their words"))
        self.goals_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.goals_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.goals_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # A steady width: cards are wrapped to it, so a scroll bar appearing must not change it.
        self.goals_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.goals_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.goals_view.activated.connect(lambda _i: self.edit_goal())
        self.goals_empty = QLabel(
            self.tr(
                "No goals yet. Goals are written in the person's words: ask what they "
                "would like to be different, and how confident they feel about it from 0 to 10."
            )
        )
        self.goals_empty.setWordWrap(True)
        self.goals_empty.setStyleSheet("color:#555; padding: 8px 2px;")
        self.goals_empty.setAccessibleName(self.tr("No goals yet"))
        self.add_goal_button = self._button(
            self.tr("Add a g&oal"), self.tr("Add a goal"), self.add_goal
        )
        self.edit_goal_button = self._button(
            self.tr("&Edit goal"), self.tr("Edit goal: the chosen one"), self.edit_goal
        )
        self.rate_button = self._button(
            self.tr("Ask &confidence again"),
            self.tr("Ask confidence again for the chosen goal"),
            self.rate_goal,
            self.tr("Record how confident they feel about the goal now, 0 to 10"),
        )
        goals_head = QHBoxLayout()
        goals_head.addWidget(section_title(self.tr("Goals, in their words")), 1)
        goals_buttons = QHBoxLayout()
        for button in (self.add_goal_button, self.edit_goal_button, self.rate_button):
            goals_buttons.addWidget(button)
        goals_buttons.addStretch(1)

        self.referral_model = ReferralTableModel(self)
        self.referrals_view = row_table(
            self.referral_model, self.tr("Places chosen together"), sort_column=None
        )
        header = self.referrals_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the place's name
        self.referrals_view.activated.connect(lambda _i: self.update_status())
        self.referrals_empty = QLabel(
            self.tr(
                "Nothing chosen yet. Look at the suggestions together and add the ones "
                "they would like to try."
            )
        )
        self.referrals_empty.setWordWrap(True)
        self.referrals_empty.setStyleSheet("color:#555; padding: 8px 2px;")
        self.referrals_empty.setAccessibleName(self.tr("Nothing chosen yet"))
        self.status_button = self._button(
            self.tr("&Update status…"),
            self.tr("Update status of the chosen place"),
            self.update_status,
            self.tr("Record where it has got to, how they'll get there and who goes with them"),
        )
        self.find_button = self._button(
            self.tr("See &suggestions"),
            self.tr("See suggestions"),
            lambda: self.suggestions_requested.emit(),
        )
        self.referral_letter_button = self._button(
            self.tr("Referral &letter…"),
            self.tr("Referral letter to the chosen place"),
            self.referral_letter,
            self.tr("Only what they agreed to share: needs their consent to share with providers"),
        )
        places_buttons = QHBoxLayout()
        places_buttons.addWidget(self.status_button)
        places_buttons.addWidget(self.referral_letter_button)
        places_buttons.addWidget(self.find_button)
        places_buttons.addStretch(1)

        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(8, 8, 8, 4)
        column.setSpacing(6)
        column.addLayout(top)
        column.addSpacing(6)
        column.addLayout(goals_head)
        # While a list is empty its message takes its room, so nothing jumps about.
        column.addWidget(self.goals_empty, 3, Qt.AlignmentFlag.AlignTop)
        column.addWidget(self.goals_view, 3)
        column.addLayout(goals_buttons)
        column.addSpacing(10)
        column.addWidget(section_title(self.tr("Places chosen together")))
        column.addWidget(self.referrals_empty, 2, Qt.AlignmentFlag.AlignTop)
        column.addWidget(self.referrals_view, 2)
        column.addLayout(places_buttons)
        self.goals_view.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.referrals_view.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.print_plan_button.setVisible(self._documents is not None)
        self.referral_letter_button.setVisible(self._documents is not None)
        #: Ctrl+P; a page that shows the plan among other tabs gives the key to all of them.
        self.print_shortcut = QShortcut(QKeySequence.StandardKey.Print, self, self.print_plan)
        return page

    # Showing -------------------------------------------------------------

    @property
    def person_id(self) -> uuid.UUID | None:
        return self._person_id

    def show_person(
        self, person_id: uuid.UUID | None, name: str = "", episode_id: uuid.UUID | None = None
    ) -> None:
        """Show ``person_id``'s current plan (None: nobody chosen); ``name`` titles printouts.

        ``episode_id`` shows another of their open episodes' plans instead.
        """
        self._person_id = person_id
        self._person_name = name if person_id is not None else ""
        self._episode_id = episode_id if person_id is not None else None
        self.refresh()

    def refresh(self) -> None:
        """Read the plan again, keeping the chosen goal and place chosen."""
        if self._person_id is None:
            self.plan = None
            self.stack.setCurrentIndex(0)
            return
        try:
            plan = (
                self._plans.get_plan(self._episode_id)
                if self._episode_id is not None
                else self._plans.plan_for_person(self._person_id)
            )
        except errors.UserFacingError as exc:
            show_user_error(self, exc)
            return
        self.plan = plan
        if plan is None:
            self.stack.setCurrentIndex(1)
            return
        goal_id = self.selected_goal_id()
        referral_id = self.selected_referral_id()
        self.goal_model.set_goals(plan.goals)
        self.referral_model.set_referrals(plan.referrals)
        self.goals_empty.setVisible(not plan.goals)
        self.goals_view.setVisible(bool(plan.goals))
        self.referrals_empty.setVisible(not plan.referrals)
        self.referrals_view.setVisible(bool(plan.referrals))
        self._select_goal(goal_id)
        self._select_referral(referral_id)
        self.next_contact_label.setText(self._next_contact_text(plan.next_contact_on))
        self.stack.setCurrentIndex(2)
        self._enable()

    def _next_contact_text(self, on: dt.date | None) -> str:
        if on is None:
            return self.tr("Next contact: not planned yet")
        days = (on - self._today()).days
        when = f"{on:%A} {day_text(on)}"
        if days == 0:
            extra = self.tr("today")
        elif days == 1:
            extra = self.tr("tomorrow")
        elif days > 1:
            extra = self.tr("in {0} days").format(days)
        else:
            extra = self.tr("{0} days ago").format(-days)
        return self.tr("Next contact: <b>{when}</b> ({extra})").format(
            when=escape(when), extra=escape(extra)
        )

    def _enable(self) -> None:
        has_goal = self.selected_goal() is not None
        has_place = self.selected_referral() is not None
        self.edit_goal_button.setEnabled(has_goal)
        self.rate_button.setEnabled(has_goal)
        self.status_button.setEnabled(has_place)
        self.print_plan_button.setEnabled(self.plan is not None and not self._preparing)
        self.referral_letter_button.setEnabled(has_place and not self._preparing)

    def _select_goal(self, goal_id: uuid.UUID | None) -> None:
        row = self.goal_model.row_of(goal_id) if goal_id else -1
        if row < 0 and self.goal_model.rowCount() and goal_id is None:
            row = 0
        if row >= 0:
            self.goals_view.setCurrentIndex(self.goal_model.index(row, 0))

    def _select_referral(self, referral_id: uuid.UUID | None) -> None:
        row = self.referral_model.row_of(referral_id) if referral_id else -1
        if row < 0 and self.referral_model.rowCount() and referral_id is None:
            row = 0
        if row >= 0:
            self.referrals_view.selectRow(row)

    def selected_goal(self) -> GoalDetail | None:
        rows = self.goals_view.selectionModel().selectedRows()
        return self.goal_model.goal(rows[0].row()) if rows else None

    def selected_goal_id(self) -> uuid.UUID | None:
        goal = self.selected_goal()
        return goal.id if goal else None

    def selected_referral(self) -> AssetReferralDetail | None:
        rows = self.referrals_view.selectionModel().selectedRows()
        return self.referral_model.summary(rows[0].row()) if rows else None

    def selected_referral_id(self) -> uuid.UUID | None:
        referral = self.selected_referral()
        return referral.id if referral else None
