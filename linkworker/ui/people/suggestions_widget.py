"""The Suggestions tab of a person's page: community assets that fit their life, with reasons.

The matching service ranks the directory for the person and says why each
suggestion is there and what to check; the link worker looks at them with the
person and adds the ones they choose to the plan. Anything in the directory
can be found with the search box and added the same way. Suggestions that are
not for them are set aside (with a short reason) and can be brought back.

Matching reads a few hundred rows and ranks them in well under a tenth of a
second, so it runs on the UI thread: the list then always belongs to the
person on show, with no stale result arriving after a quick change of person.
"""

from __future__ import annotations

import datetime as dt
import html
import uuid
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from linkworker import errors
from linkworker.domain.directory import AssetStatus, AssetSummary, DirectoryFilter
from linkworker.domain.matching import Dismissal, MatchResult
from linkworker.domain.plan import ReferralStatus
from linkworker.ui.error_dialogs import show_user_error
from linkworker.ui.people.suggestion_actions import SuggestionActions
from linkworker.ui.people.suggestion_model import (
    HtmlItemDelegate,
    SuggestionListModel,
    SuggestionRow,
)
from linkworker.ui.style import SECTION_TITLE, font_css

if TYPE_CHECKING:
    from linkworker.services.directory import DirectoryService
    from linkworker.services.matching import MatchingService
    from linkworker.services.plan import PlanService

Index = QModelIndex | QPersistentModelIndex

SEARCH_DELAY_MS = 200
SEARCH_LIMIT = 50
HINT_STYLE = (
    "QLabel { color: #1a3d6b; background: #eef4fb; border: 1px solid #c9dbf0;"
    " border-radius: 4px; padding: 6px 8px; }"
)


class SuggestionsWidget(SuggestionActions):
    """Ranked suggestions for the person on show, the directory search, and their actions.

    ``plan_changed`` is emitted after something is added to the plan.
    """

    def __init__(
        self,
        matching: MatchingService,
        plans: PlanService,
        directory: DirectoryService,
        user_name: Callable[[], str],
        today: Callable[[], dt.date] = dt.date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._matching = matching
        self._plans = plans
        self._directory = directory
        self._user_name = user_name
        self._today = today
        self._person_id: uuid.UUID | None = None
        self._person_name = ""
        self._episode_id: uuid.UUID | None = None
        self._shown_episode: uuid.UUID | None = None
        self._in_plan: set[uuid.UUID] = set()
        self._pinned: set[uuid.UUID] = set()
        self._dismissed: dict[uuid.UUID, Dismissal] = {}
        self.result: MatchResult | None = None

        self.heading = QLabel()
        self.heading.setStyleSheet(font_css(SECTION_TITLE, 600))
        self.heading.setAccessibleName(self.tr("What the list shows"))
        self.heading.setWordWrap(True)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Search the whole directory"))
        self.search_edit.setAccessibleName(self.tr("Search the whole directory"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setToolTip(
            self.tr("Find anything in the directory to add to the plan. Esc goes back.")
        )
        self.search_edit.installEventFilter(self)
        self.preferences_button = QPushButton(self.tr("&What suits them…"))
        self.preferences_button.setAccessibleName(self.tr("What suits them"))
        self.preferences_button.setToolTip(
            self.tr("When they are free, cost, how they'd like to start, how far they can get")
        )
        self.preferences_button.clicked.connect(self.edit_preferences)
        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.preferences_button)

        self.hints_label = QLabel()
        self.hints_label.setWordWrap(True)
        self.hints_label.setStyleSheet(HINT_STYLE)
        self.hints_label.setAccessibleName(self.tr("What would improve the suggestions"))
        self.left_out_label = QLabel()
        self.left_out_label.setWordWrap(True)
        self.left_out_label.setStyleSheet("color:#555")
        self.left_out_label.setAccessibleName(self.tr("Left out"))
        self.left_out_label.setTextFormat(Qt.TextFormat.RichText)
        self.left_out_label.linkActivated.connect(lambda _link: self.toggle_left_out())
        #: Each listing left out and why, shown on request ("Show which").
        self.left_out_list = QLabel()
        self.left_out_list.setWordWrap(True)
        self.left_out_list.setStyleSheet("color:#555; padding-left: 12px")
        self.left_out_list.setAccessibleName(self.tr("The listings left out, and why"))
        self.left_out_list.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.left_out_list.setVisible(False)
        self._left_out_text = ""
        self._left_out_open = False
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color:#555; padding: 8px 2px;")
        self.empty_label.setAccessibleName(self.tr("No suggestions"))

        self.model = SuggestionListModel(self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setItemDelegate(HtmlItemDelegate(self.view))
        self.view.setAccessibleName(self.tr("Suggestions"))
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # A steady width: cards are wrapped to it, so a scroll bar appearing must not change it.
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._enable())

        self.add_button = QToolButton()
        self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.add_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.add_action = QAction(self.tr("Add to &plan"), self)
        self.add_action.setToolTip(
            self.tr("Add to their plan as something they've agreed to try (the arrow: other ways)")
        )
        self.add_action.triggered.connect(lambda: self.add_to_plan(ReferralStatus.AGREED))
        self.add_button.setDefaultAction(self.add_action)
        self.add_button.setAccessibleName(self.tr("Add to plan"))
        menu = QMenu(self.add_button)
        agreed = menu.addAction(self.tr("Add: they've agreed to try it"))
        agreed.triggered.connect(lambda: self.add_to_plan(ReferralStatus.AGREED))
        later = menu.addAction(self.tr("Add: to think about"))
        later.triggered.connect(lambda: self.add_to_plan(ReferralStatus.SUGGESTED))
        self.add_button.setMenu(menu)
        self.pin_button = QPushButton(self.tr("Pi&n to top"))
        self.pin_button.setAccessibleName(self.tr("Pin to top of the suggestions"))
        self.pin_button.clicked.connect(self.toggle_pin)
        self.dismiss_button = QPushButton(self.tr("Not for &them…"))
        self.dismiss_button.setAccessibleName(self.tr("Not for them: set aside"))
        self.dismiss_button.setToolTip(self.tr("Leave it out of their suggestions, with a reason"))
        self.dismiss_button.clicked.connect(self.dismiss)
        self.set_aside_button = QPushButton(self.tr("&Set aside…"))
        self.set_aside_button.setAccessibleName(self.tr("Set aside: the suggestions left out"))
        self.set_aside_button.clicked.connect(self.show_set_aside)
        actions = QHBoxLayout()
        for button in (self.add_button, self.pin_button, self.dismiss_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.set_aside_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.heading)
        layout.addWidget(self.hints_label)
        layout.addWidget(self.left_out_label)
        layout.addWidget(self.left_out_list)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.view, 1)
        layout.addLayout(actions)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.search_edit.textChanged.connect(lambda _t: self._timer.start())
        self.show_person(None)

    # Showing -------------------------------------------------------------

    @property
    def person_id(self) -> uuid.UUID | None:
        return self._person_id

    @property
    def searching(self) -> bool:
        return bool(self.search_edit.text().strip())

    def show_person(
        self, person_id: uuid.UUID | None, name: str = "", episode_id: uuid.UUID | None = None
    ) -> None:
        """Suggestions for ``person_id`` (None: nobody chosen); a search is cleared.

        Places are added to their current plan, or to ``episode_id``'s when another
        of their open referrals is on show.
        """
        self._person_id = person_id
        self._person_name = name
        self._shown_episode = episode_id if person_id is not None else None
        self.search_edit.blockSignals(True)
        self.search_edit.clear()
        self.search_edit.blockSignals(False)
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Esc in the search box clears it (and goes back to the suggestions) rather
        # than reaching the page's own Esc shortcut.
        if watched is self.search_edit and event.type() in (
            QEvent.Type.ShortcutOverride,
            QEvent.Type.KeyPress,
        ):
            key = event.key() if isinstance(event, QKeyEvent) else None
            if key == Qt.Key.Key_Escape and self.search_edit.text():
                event.accept()
                if event.type() == QEvent.Type.KeyPress:
                    self.search_edit.clear()
                    self.refresh()
                return True
        return super().eventFilter(watched, event)

    def refresh(self) -> None:
        """Run the search or the matching again, keeping the chosen row chosen."""
        self._timer.stop()
        chosen = self.selected_id()
        enabled = self._person_id is not None
        for widget in (self.search_edit, self.preferences_button, self.view):
            widget.setEnabled(enabled)
        if self._person_id is None:
            self.result = None
            self.model.set_rows([])
            self.heading.setText("")
            self._say(hints=(), left_out="", empty=self.tr("Choose someone to see suggestions."))
            self._enable()
            return
        try:
            self._read_person()
            if self.searching:
                self._show_search(self.search_edit.text().strip())
            else:
                self._show_suggestions()
        except errors.UserFacingError as exc:
            show_user_error(self, exc)
            return
        row = self.model.row_of(chosen) if chosen else -1
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, 0))
        self._enable()

    def _read_person(self) -> None:
        assert self._person_id is not None
        plan = (
            self._plans.get_plan(self._shown_episode)
            if self._shown_episode is not None
            else self._plans.plan_for_person(self._person_id)
        )
        self._episode_id = plan.episode_id if plan is not None else None
        self._in_plan = (
            {r.draft.asset_id for r in plan.referrals if r.current_status.is_open}
            if plan is not None
            else set()
        )
        self._dismissed = {d.asset_id: d for d in self._matching.dismissed(self._person_id)}
        count = len(self._dismissed)
        label = self.tr("&Set aside ({0})…").format(count) if count else self.tr("&Set aside…")
        self.set_aside_button.setText(label)
        self.set_aside_button.setAccessibleName(
            self.tr("{0}: the suggestions left out").format(label.replace("&", "").rstrip("…"))
        )
        self.set_aside_button.setEnabled(bool(count))

    def _show_suggestions(self) -> None:
        assert self._person_id is not None
        result = self._matching.suggest(self._person_id)
        self.result = result
        self._pinned = {s.asset_id for s in result.suggestions if s.pinned}
        self.model.set_rows(
            [
                SuggestionRow.from_suggestion(s, s.asset_id in self._in_plan)
                for s in result.suggestions
            ]
        )
        who = self._person_name or self.tr("them")
        self.heading.setText(
            self.tr("Suggestions for {0}").format(who)
            if result.suggestions
            else self.tr("No suggestions yet")
        )
        left_out = ", ".join(f"{n} {reason}" for reason, n in result.left_out if n)
        empty = ""
        if not result.suggestions and self._directory.is_empty():
            empty = self._empty_directory()
        elif not result.suggestions:
            empty = self.tr(
                "Nothing in the directory fits what is recorded so far. Search the whole "
                "directory above, or record more about what matters to them."
            )
        self._say(
            hints=result.hints,
            left_out=self.tr("Left out: {0}.").format(left_out) if left_out else "",
            empty=empty,
        )

    def _show_search(self, text: str) -> None:
        page = self._directory.search(DirectoryFilter(text=text), limit=SEARCH_LIMIT)
        self.model.set_rows([self._search_row(s) for s in page.rows])
        if page.total == 0:
            self.heading.setText(self.tr("Nothing in the directory matches “{0}”").format(text))
        elif page.total > len(page.rows):
            self.heading.setText(
                self.tr("The first {shown} of {total} listings that match “{text}”").format(
                    shown=len(page.rows), total=page.total, text=text
                )
            )
        else:
            self.heading.setText(
                self.tr("{n} listings match “{text}”").format(n=page.total, text=text)
                if page.total != 1
                else self.tr("1 listing matches “{0}”").format(text)
            )
        empty = ""
        if page.total == 0:
            empty = (
                self._empty_directory()
                if self._directory.is_empty()
                else self.tr("Try fewer or different words.")
            )
        self._say(hints=(), left_out="", empty=empty)

    def _empty_directory(self) -> str:
        return self.tr(
            "The community directory is empty, so there is nothing to suggest yet. Fill it "
            "on the Directory page: Import or export brings in an Open Referral UK feed or "
            "file, or a spreadsheet; Add asset adds one at a time."
        )

    def _search_row(self, summary: AssetSummary) -> SuggestionRow:
        concerns: list[str] = []
        if summary.archived:
            concerns.append(self.tr("No longer listed (archived)"))
        elif summary.status is AssetStatus.PAUSED:
            concerns.append(self.tr("Paused at the moment"))
        elif summary.status is AssetStatus.CLOSED:
            concerns.append(self.tr("Closed"))
        dismissed = self._dismissed.get(summary.id)
        if dismissed is not None:
            concerns.append(
                self.tr("Set aside for them: {0}").format(dismissed.reason)
                if dismissed.reason
                else self.tr("Set aside for them")
            )
        row = SuggestionRow.from_summary(
            summary, in_plan=summary.id in self._in_plan, concerns=tuple(concerns)
        )
        return replace(row, pinned=True) if summary.id in self._pinned else row

    def _say(self, hints: Sequence[str], left_out: str, empty: str) -> None:
        if hints:
            lines = [self.tr("To find better matches:")] + [f"• {h}" for h in hints]
            self.hints_label.setText("\n".join(lines))
        self.hints_label.setVisible(bool(hints))
        self._left_out_text = left_out
        named = self.result.left_out_assets if self.result is not None and left_out else ()
        self.left_out_list.setText(
            "\n".join(
                self.tr("• {name}: {reason}").format(name=o.name, reason=o.reason) for o in named
            )
        )
        self._left_out_open = False
        self.left_out_list.setVisible(False)
        self._show_left_out_label()
        self.empty_label.setText(empty)
        self.empty_label.setVisible(bool(empty))
        self.view.setVisible(self.model.rowCount() > 0)

    def toggle_left_out(self) -> None:
        """Show or hide each listing that was left out, and why."""
        self._left_out_open = not self._left_out_open and bool(self.left_out_list.text())
        self.left_out_list.setVisible(self._left_out_open)
        self._show_left_out_label()

    def _show_left_out_label(self) -> None:
        text = html.escape(self._left_out_text, quote=False)
        if text and self.left_out_list.text():
            link = self.tr("Hide") if self._left_out_open else self.tr("Show which")
            text += f' <a href="which">{html.escape(link)}</a>'
        self.left_out_label.setText(text)
        self.left_out_label.setVisible(bool(text))

    def selected_row(self) -> SuggestionRow | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_data(rows[0].row()) if rows else None

    def selected_id(self) -> uuid.UUID | None:
        row = self.selected_row()
        return row.asset_id if row else None

    def _enable(self) -> None:
        row = self.selected_row()
        can_add = row is not None and not row.in_plan and self._episode_id is not None
        self.add_button.setEnabled(can_add)
        self.add_action.setEnabled(can_add)
        if self._person_id is not None and self._episode_id is None:
            self.add_button.setToolTip(self.tr("Record a referral first: a plan belongs to one."))
        elif row is not None and row.in_plan:
            self.add_button.setToolTip(self.tr("Already in their plan"))
        else:
            self.add_button.setToolTip(self.add_action.toolTip())
        self.pin_button.setEnabled(row is not None)
        pinned = row is not None and row.pinned
        self.pin_button.setText(self.tr("Un&pin") if pinned else self.tr("Pi&n to top"))
        self.pin_button.setAccessibleName(
            self.tr("Unpin from the top of the suggestions")
            if pinned
            else self.tr("Pin to top of the suggestions")
        )
        self.dismiss_button.setEnabled(row is not None and row.asset_id not in self._dismissed)
