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
from collections.abc import Callable, Sequence
from functools import partial
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from linkworker import errors
from linkworker.domain.documents import DocumentAction, DocumentKind
from linkworker.domain.plan import (
    AssetReferralDetail,
    GoalDetail,
    GoalStatus,
    PlanDetail,
    StepOwner,
)
from linkworker.printing.snapshots import PrintOptions
from linkworker.services.plan import InvalidPlan
from linkworker.ui.error_dialogs import show_user_error
from linkworker.ui.form_fields import stacked
from linkworker.ui.keyboard import tab_leaves
from linkworker.ui.paged_table_model import ID_ROLE
from linkworker.ui.people.episode_dialog import date_edit, py_date, qdate
from linkworker.ui.people.goal_dialog import PlanRecordDialog, confidence_trail, quoted
from linkworker.ui.people.suggestion_model import HTML_ROLE, MUTED, HtmlItemDelegate, chip
from linkworker.ui.style import QUOTE, SECTION_TITLE, font_css, hint_css, title_label
from linkworker.ui.workers import Tasks

if TYPE_CHECKING:
    from linkworker.services.documents import DocumentService
    from linkworker.services.plan import PlanService

Index = QModelIndex | QPersistentModelIndex

OVERDUE = "#8a4b00"
MUTED_COLOUR = QColor("#6b6b6b")


def day_text(day: dt.date, with_year: bool = True) -> str:
    return f"{day.day} {day:%b %Y}" if with_year else f"{day.day} {day:%b}"


def section_title(text: str) -> QLabel:
    return title_label(text, SECTION_TITLE)


class GoalListModel(QAbstractListModel):
    """A plan's goals, each painted as a card: their words, confidence, steps."""

    def __init__(self, today: Callable[[], dt.date] = dt.date.today, parent: Any = None) -> None:
        super().__init__(parent)
        self._today = today
        self._goals: list[GoalDetail] = []

    def set_goals(self, goals: Sequence[GoalDetail]) -> None:
        self.beginResetModel()
        self._goals = list(goals)
        self.endResetModel()

    def goal(self, row: int) -> GoalDetail:
        return self._goals[row]

    def row_of(self, goal_id: uuid.UUID) -> int:
        return next((i for i, g in enumerate(self._goals) if g.id == goal_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._goals)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._goals):
            return None
        goal = self._goals[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return quoted(goal.draft.words)
        if role == ID_ROLE:
            return goal.id
        if role == HTML_ROLE:
            return self.html(goal)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.plain(goal)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.ratings_text(goal)
        return None

    def _who(self, who: StepOwner, name: str) -> str:
        if who is StepOwner.SOMEONE_ELSE and name:
            return name
        return self.tr(who.label)

    def confidence_text(self, goal: GoalDetail) -> str:
        latest = goal.latest_confidence
        if latest is None:
            return self.tr("Confidence not asked yet")
        if len(goal.ratings) == 1:
            return self.tr("Confidence {0} of 10").format(latest)
        return self.tr("Confidence {0}").format(confidence_trail(goal))

    def ratings_text(self, goal: GoalDetail) -> str:
        """Every rating with its date (the hover text)."""
        if not goal.ratings:
            return self.tr("No confidence rating yet. Use “Ask confidence again”.")
        lines = [self.tr("How confident they felt (0 to 10):")]
        for rating in goal.ratings:
            line = self.tr("{score} on {day}").format(score=rating.score, day=day_text(rating.on))
            if rating.note:
                line += f": {rating.note}"
            lines.append(line)
        return "\n".join(lines)

    def _step_text(self, step: Any) -> str:
        bits = [self._who(step.who, step.who_name)]
        if step.by is not None:
            bits.append(self.tr("by {0}").format(day_text(step.by, with_year=False)))
        return ", ".join(bits)

    def plain(self, goal: GoalDetail) -> str:
        lines = [quoted(goal.draft.words), self.tr(goal.draft.status.label)]
        lines.append(self.confidence_text(goal))
        for step in goal.draft.steps:
            mark = self.tr("Done") if step.done else self.tr("To do")
            lines.append(f"{mark}: {step.what} ({self._step_text(step)})")
        return "\n".join(lines)

    def html(self, goal: GoalDetail) -> str:
        d = goal.draft
        status = {
            GoalStatus.OPEN: chip(self.tr(d.status.label), "#eef1f5", "#33415c"),
            GoalStatus.ACHIEVED: chip(self.tr(d.status.label), "#e3f1e6", "#1d5b2c"),
            GoalStatus.SET_ASIDE: chip(self.tr(d.status.label), "#f0f0f0", "#555555"),
        }[d.status]
        colour = f"color:{MUTED};" if d.status is GoalStatus.SET_ASIDE else ""
        parts = [
            "<table width='100%' cellspacing='0' cellpadding='0'><tr>"
            f"<td style='{font_css(QUOTE)}{colour}'><i>{escape(quoted(d.words))}</i></td>"
            f"<td align='right' valign='top'>&nbsp;{status}</td></tr></table>"
        ]
        latest = goal.latest_confidence
        if latest is None:
            parts.append(f"<div style='color:{MUTED}'>{escape(self.confidence_text(goal))}</div>")
        else:
            # Earlier ratings muted, the latest bold: "Confidence 3 → 5 → 7 of 10".
            earlier = "".join(f"{r.score} → " for r in goal.ratings[:-1])
            parts.append(
                f"<div>{escape(self.tr('Confidence'))} <span style='color:{MUTED}'>{earlier}</span>"
                f"<b>{latest}</b> <span style='color:{MUTED}'>{escape(self.tr('of 10'))}</span>"
                "</div>"
            )
        today = self._today()
        for step in d.steps:
            who = escape(self._step_text(step))
            if step.done:
                parts.append(
                    f"<div style='color:{MUTED}'>☑&nbsp;<s>{escape(step.what)}</s> · {who}</div>"
                )
                continue
            late = step.by is not None and step.by < today
            style = f" style='color:{OVERDUE}'" if late else ""
            parts.append(
                f"<div>☐&nbsp;{escape(step.what)} <span{style}>· {who}"
                + (escape(self.tr(" (date passed)")) if late else "")
                + "</span></div>"
            )
        return "".join(parts)


class ReferralTableModel(QAbstractTableModel):
    """The community assets chosen together, with where each has got to."""

    COLUMNS = ("Place", "Where it's got to", "Since", "Getting there")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[AssetReferralDetail] = []

    def set_referrals(self, referrals: Sequence[AssetReferralDetail]) -> None:
        self.beginResetModel()
        self._rows = list(referrals)
        self.endResetModel()

    def referral(self, row: int) -> AssetReferralDetail:
        return self._rows[row]

    def row_of(self, referral_id: uuid.UUID) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == referral_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.COLUMNS)
        ):
            return self.tr(self.COLUMNS[section])
        return None

    @staticmethod
    def since(referral: AssetReferralDetail) -> dt.date | None:
        return referral.current_since

    def display(self, referral: AssetReferralDetail, column: int) -> str:
        d = referral.draft
        if column == 0:
            return referral.asset_name + (
                self.tr(" (no longer listed)") if referral.asset_archived else ""
            )
        if column == 1:
            return self.tr(referral.current_status.label)
        if column == 2:
            since = self.since(referral)
            return day_text(since) if since is not None else ""
        if column == 3:
            # How they'll get there, and who goes with them the first time.
            bits = [d.getting_there] if d.getting_there else []
            if d.going_with_someone:
                bits.append(
                    self.tr("with {0}").format(d.going_with)
                    if d.going_with
                    else self.tr("with someone")
                )
            return "; ".join(bits)
        return ""

    def history_text(self, referral: AssetReferralDetail) -> str:
        lines = [referral.asset_name]
        for change in referral.history:
            line = f"{day_text(change.on)}: {self.tr(change.status.label)}"
            if change.note:
                line += f" ({change.note})"
            lines.append(line)
        return "\n".join(lines)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        referral = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.display(referral, index.column())
        if role == ID_ROLE:
            return referral.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.history_text(referral)
        if role == Qt.ItemDataRole.ForegroundRole:
            status = referral.current_status
            if not status.is_open or referral.asset_archived:
                return QBrush(MUTED_COLOUR)
        return None


class NextContactDialog(PlanRecordDialog):
    """When the link worker and the person will next be in touch (or not planned)."""

    discard_question = "You have changed the next contact. Close without saving?"

    def __init__(
        self,
        save: Callable[[dt.date | None], None],
        current: dt.date | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self.saved: tuple[dt.date | None] | None = None
        self.setWindowTitle(self.tr("Set next contact"))
        self.date_edit = date_edit(self.tr("Next contact on"))
        self.date_edit.setDate(qdate(current or dt.date.today() + dt.timedelta(days=14)))
        self.none_check = QCheckBox(self.tr("No next contact planned"))
        self.none_check.setAccessibleName(self.tr("No next contact planned"))
        self.none_check.toggled.connect(lambda on: self.date_edit.setEnabled(not on))
        error = self._field("next_contact_on", self.date_edit, self.tr("next contact"))
        form = QFormLayout()
        label = QLabel(self.tr("&Next contact on"))
        label.setBuddy(self.date_edit)
        form.addRow(label, stacked(self.date_edit, error))
        form.addRow("", self.none_check)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(self._buttons(self.tr("Save the next contact")))
        self._initial_state = self._state()

    def chosen(self) -> dt.date | None:
        return None if self.none_check.isChecked() else py_date(self.date_edit.date())

    def _state(self) -> object:
        return self.chosen()

    def _on_save(self) -> None:
        chosen = self.chosen()
        self._clear_problems()
        try:
            self._save(chosen)
        except InvalidPlan as exc:
            self._show_problems(self._placed(exc.problems))
            return
        except errors.UserFacingError as exc:
            self._show_error(exc)
            return
        self.saved = (chosen,)
        self._initial_state = self._state()
        self.accept()


class PlanWidget(QWidget):
    """Shows the plan of a person's current referral and the ways to change it.

    ``referral_requested`` asks the page to record a referral (there is no plan
    without one); ``suggestions_requested`` asks it to show the suggestions;
    ``plan_changed`` says something was saved; ``document_recorded`` that a
    document printed or saved was noted. Without ``documents``, no printing.
    """

    referral_requested = Signal()
    suggestions_requested = Signal()
    plan_changed = Signal()
    document_recorded = Signal()

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
        self.referrals_view = tab_leaves(QTableView())
        self.referrals_view.setModel(self.referral_model)
        self.referrals_view.setAccessibleName(self.tr("Places chosen together"))
        self.referrals_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.referrals_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.referrals_view.verticalHeader().hide()
        self.referrals_view.verticalHeader().setDefaultSectionSize(26)
        self.referrals_view.setAlternatingRowColors(True)
        self.referrals_view.setWordWrap(False)
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

    def show_person(self, person_id: uuid.UUID | None, name: str = "") -> None:
        """Show ``person_id``'s current plan (None: nobody chosen); ``name`` titles printouts."""
        self._person_id = person_id
        self._person_name = name if person_id is not None else ""
        self.refresh()

    def refresh(self) -> None:
        """Read the plan again, keeping the chosen goal and place chosen."""
        if self._person_id is None:
            self.plan = None
            self.stack.setCurrentIndex(0)
            return
        try:
            plan = self._plans.plan_for_person(self._person_id)
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
        return self.referral_model.referral(rows[0].row()) if rows else None

    def selected_referral_id(self) -> uuid.UUID | None:
        referral = self.selected_referral()
        return referral.id if referral else None

    # Actions ---------------------------------------------------------------

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
        from linkworker.ui.people.goal_dialog import RateGoalDialog

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
        render = partial(documents.plan_pdf, person_id)
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
