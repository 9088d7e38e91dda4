"""The People area: the caseload table, its search and filters, and a person's story,
plan and suggestions (one tab each; only the tab on show is read when someone is chosen)."""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelection, QMargins, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from linkworker.domain.people import (
    CaseloadFilter,
    CaseloadSort,
    ClosingReason,
    EpisodeDetail,
    EpisodeStatus,
    NeedsAsWritten,
    UndatedReferral,
)
from linkworker.errors import UserFacingError
from linkworker.ui.error_dialogs import show_user_error
from linkworker.ui.flow_layout import wrapping_row
from linkworker.ui.paged_table_model import ID_ROLE, row_table
from linkworker.ui.people.as_written_bands import NeedsBand, UndatedReferralBand
from linkworker.ui.people.caseload_model import CaseloadTableModel
from linkworker.ui.people.consent_banner import ConsentBanner
from linkworker.ui.people.contacts_widget import ContactsWidget
from linkworker.ui.people.episode_switch import EpisodeSwitch
from linkworker.ui.people.gp_codes_widget import CodesExporter, GpCodesWidget
from linkworker.ui.people.gp_letter_actions import GpLetterFlow
from linkworker.ui.people.outcomes_widget import OutcomesWidget
from linkworker.ui.people.people_actions import PeopleActions
from linkworker.ui.people.person_summary import person_html
from linkworker.ui.people.plan_widget import PlanWidget
from linkworker.ui.people.rights_actions import RightsMenu
from linkworker.ui.people.risk_banner import RiskBanner
from linkworker.ui.people.suggestions_widget import SuggestionsWidget
from linkworker.ui.style import hint_css, title_label
from linkworker.ui.workers import Tasks

if TYPE_CHECKING:
    from linkworker.services.context import Services
    from linkworker.services.drafts import SavedDraft

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 120
STORY_TAB, PLAN_TAB, SUGGESTIONS_TAB, CONTACTS_TAB, GP_TAB, OUTCOMES_TAB = range(6)
#: The status choice for people whose referral is open (waiting or active).
OPEN_ONLY = "open"
#: The caseload opens sorted by the next contact, soonest first.
NEXT_CONTACT_COLUMN = [key for _title, key in CaseloadTableModel.COLUMNS].index(
    CaseloadSort.NEXT_CONTACT
)


class PeoplePage(PeopleActions):
    """Find someone on the caseload by name, NHS number or postcode, and read their story."""

    #: The person's tabs by name, for pages that open someone on a given one.
    TAB_NAMES = {
        "story": STORY_TAB,
        "plan": PLAN_TAB,
        "suggestions": SUGGESTIONS_TAB,
        "contacts": CONTACTS_TAB,
        "gp": GP_TAB,
        "outcomes": OUTCOMES_TAB,
    }

    def __init__(self, services: Services, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._people = services.people
        self._drafts = services.drafts
        self._settings = services.settings
        self._tasks = tasks
        self._person_id: uuid.UUID | None = None
        self._fresh_tabs: set[int] = set()
        self._open_now: tuple[EpisodeDetail, ...] = ()
        self._empty = False
        self.model = CaseloadTableModel(self._people.caseload, parent=self)

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(
            self.tr("Search by name, NHS number or postcode (Ctrl+F)")
        )
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName(self.tr("Search the caseload"))
        self.status_combo = QComboBox()
        self.status_combo.setAccessibleName(self.tr("Status"))
        self.status_combo.addItem(self.tr("Waiting or active"), OPEN_ONLY)
        self.status_combo.addItem(self.tr("Everyone"), None)
        for status in EpisodeStatus:
            self.status_combo.addItem(self.tr(status.label), status.value)
        self.mine_check = QCheckBox(self.tr("Only people I support"))
        self.mine_check.setAccessibleName(self.tr("Only people I support"))
        # The worker's own caseload first; with no name in Settings, everyone open.
        self.mine_check.setChecked(bool(self._user_name()))
        self.add_button = QPushButton(self.tr("&Add a person"))
        self.add_button.setAccessibleName(self.tr("Add a person (Ctrl+N)"))
        self.add_button.setToolTip(self.tr("Add a person (Ctrl+N)"))
        self.add_button.clicked.connect(self.add_person)
        self.import_button = QPushButton(self.tr("&Import…"))
        self.import_button.setAccessibleName(self.tr("Import people from a spreadsheet"))
        self.import_button.setToolTip(
            self.tr("Bring in a caseload kept in a spreadsheet (CSV or Excel .xlsx)")
        )
        self.import_button.clicked.connect(lambda: self.import_people())
        self.edit_button = QPushButton(self.tr("&Edit details"))
        self.edit_button.setAccessibleName(self.tr("Edit details of this person"))
        self.edit_button.clicked.connect(self.edit_person)
        self.referral_button = QPushButton(self.tr("New &referral"))
        self.referral_button.setAccessibleName(self.tr("Record a new referral"))
        self.referral_button.clicked.connect(self.new_referral)
        self.update_referral_button = QPushButton(self.tr("&Update referral…"))
        self.update_referral_button.setAccessibleName(
            self.tr("Update referral: status, consent, closing")
        )
        self.update_referral_button.setToolTip(
            self.tr(
                "Change the referral on show: its status, consent, how it was answered, or close it"
            )
        )
        self.update_referral_button.clicked.connect(lambda: self.update_referral())
        self.close_referral_button = QPushButton(self.tr("Clo&se referral…"))
        self.close_referral_button.setAccessibleName(
            self.tr("Close referral: how it ended, their story and giving back")
        )
        self.close_referral_button.setToolTip(
            self.tr("Close the referral on show: the reason, each place, their story, giving back")
        )
        self.close_referral_button.clicked.connect(lambda: self.close_referral())
        self.conversation_button = QPushButton(self.tr("Record a &conversation"))
        self.conversation_button.setAccessibleName(self.tr("Record a conversation"))
        self.conversation_button.clicked.connect(self.record_conversation)

        self.rights_menu = RightsMenu(
            services.rights,
            tasks,
            lambda: self._person_id,
            lambda dialog: self._exec_dialog(dialog),
            self.person_erased,
            parent=self,
        )

        self.table = row_table(self.model, self.tr("Caseload"), NEXT_CONTACT_COLUMN)
        self.table.horizontalHeader().setSortIndicatorShown(True)
        self._size_columns()

        self.summary = QTextBrowser()
        self.summary.setAccessibleName(self.tr("The person's story"))
        self.summary.setOpenLinks(False)
        self.count_label = QLabel()
        self.count_label.setAccessibleName(self.tr("Number of people"))
        self.count_label.setStyleSheet("color:#444")
        self.count_label.setWordWrap(True)
        self.count_label.linkActivated.connect(lambda _link: self.show_everyone())

        title = title_label(self.tr("People"))
        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.status_combo)
        top.addWidget(self.mine_check)
        top.addWidget(self.add_button)
        top.addWidget(self.import_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count_label)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        story = QWidget()
        story_layout = QVBoxLayout(story)
        story_layout.setContentsMargins(0, 0, 0, 0)
        story_layout.addWidget(self.summary, 1)
        actions = wrapping_row(
            [
                self.conversation_button,
                self.referral_button,
                self.update_referral_button,
                self.close_referral_button,
                self.edit_button,
                self.rights_menu,
            ],
            margins=QMargins(8, 0, 8, 4),
        )
        story_layout.addWidget(actions)
        self.plan_widget = PlanWidget(
            services.plans, self._user_name, parent=self, documents=services.documents, tasks=tasks
        )
        self.plan_widget.referral_requested.connect(self.new_referral)
        self.plan_widget.document_recorded.connect(lambda: self._fresh_tabs.discard(STORY_TAB))
        self.plan_widget.plan_changed.connect(self._plan_changed)
        self.plan_widget.plan_changed.connect(lambda: self._fresh_tabs.discard(OUTCOMES_TAB))
        self.suggestions_widget = SuggestionsWidget(
            services.matching, services.plans, services.directory, self._user_name, parent=self
        )
        self.suggestions_widget.plan_changed.connect(lambda: self._fresh_tabs.discard(PLAN_TAB))
        self.contacts_widget = ContactsWidget(
            services.contacts,
            services.flags,
            services.people,
            services.drafts,
            services.directory,
            self._user_name,
            parent=self,
        )
        self.contacts_widget.close_requested.connect(lambda _p: self.close_not_taken_up())
        self.contacts_widget.contacts_changed.connect(lambda _p: self._plan_changed())
        self.contacts_widget.flags_changed.connect(lambda _p: self._show_flags())
        self.gp_letter = GpLetterFlow(
            services.gp_letters,
            services.people,
            tasks,
            self,
            lambda dialog: self._exec_dialog(dialog),
            recorded=lambda: self._fresh_tabs.discard(STORY_TAB),
        )
        self.gp_widget = GpCodesWidget(
            services.codes,
            parent=self,
            letter=lambda person: self.gp_letter.start(person, self._shown_episode_id()),
        )
        self.codes_exporter = CodesExporter(services.codes, self)
        self.export_codes_action = QAction(self.tr("Export &coded events…"), self)
        self.export_codes_action.triggered.connect(lambda _c=False: self.export_codes())
        self.outcomes_widget = OutcomesWidget(
            services.outcomes, services.plans, services.drafts, self._user_name, tasks, self
        )
        self.closing_measures_wanted.connect(self._take_closing_measures)
        self.risk_banner = RiskBanner(parent=self)
        self.consent_banner = ConsentBanner(parent=self)
        self.consent_banner.record_requested.connect(lambda: self.update_referral())
        self.undated_band = UndatedReferralBand(parent=self)
        self.undated_band.date_requested.connect(self.date_referral)
        self.needs_band = NeedsBand(parent=self)
        self.needs_band.confirmed.connect(self.confirm_needs)
        self.needs_band.correct_details.connect(self._correct_details)
        self.needs_band.correct_times.connect(self._correct_times)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("About the person"))
        self.tabs.setDocumentMode(True)
        for index, (widget, tab_title) in enumerate(
            (
                (story, self.tr("Story")),
                (self.plan_widget, self.tr("Plan")),
                (self.suggestions_widget, self.tr("Suggestions")),
                (self.contacts_widget, self.tr("Contacts")),
                (self.gp_widget, self.tr("GP record")),
                (self.outcomes_widget, self.tr("Outcomes")),
            )
        ):
            self.tabs.addTab(widget, tab_title)
            self.tabs.setTabToolTip(index, self.tr("{0} (Alt+{1})").format(tab_title, index + 1))
            QShortcut(
                QKeySequence(f"Alt+{index + 1}"), self, lambda i=index: self.tabs.setCurrentIndex(i)
            )
        self.tabs.currentChanged.connect(self._tab_changed)
        self.plan_widget.suggestions_requested.connect(
            lambda: self.tabs.setCurrentIndex(SUGGESTIONS_TAB)
        )
        self.episode_switch = EpisodeSwitch()
        self.episode_switch.switched.connect(self._episode_switched)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.risk_banner)
        right_layout.addWidget(self.consent_banner)
        right_layout.addWidget(self.undated_band)
        right_layout.addWidget(self.needs_band)
        right_layout.addWidget(self.episode_switch)
        right_layout.addWidget(self.tabs, 1)
        self.summary.anchorClicked.connect(self.open_episode_link)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        # The tabs' least width is fixed, so a tab whose content is wider (a long name,
        # a long date) cannot push the divider when it is shown.
        pages = (story, self.plan_widget, self.suggestions_widget, self.contacts_widget)
        self.tabs.setMinimumWidth(max(page.minimumSizeHint().width() for page in pages))
        self._placed_divider = False
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_filters)
        self.search_edit.textChanged.connect(lambda _t: self._timer.start())
        self.status_combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.mine_check.toggled.connect(lambda _c: self.apply_filters())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        QShortcut(QKeySequence.StandardKey.Find, self, self.focus_search)
        QShortcut(QKeySequence.StandardKey.New, self, self.add_person)
        # Ctrl+P prints the plan from every tab (the plan's own key would clash with it).
        self.plan_widget.print_shortcut.setEnabled(False)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_plan)
        self.table.activated.connect(lambda _i: self.edit_person())
        QShortcut(
            QKeySequence(Qt.Key.Key_Escape),
            self,
            self.clear_search,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        self.apply_filters()
        self._show_person(None)

    def _size_columns(self) -> None:
        """Columns as wide as what they show; the name takes the room left over."""
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        samples = {
            CaseloadSort.NHS_NUMBER: "999 999 9999",
            CaseloadSort.POSTCODE: "CH66 9WW",
            CaseloadSort.STATUS: max((self.tr(s.label) for s in EpisodeStatus), key=len),
            CaseloadSort.LAST_CONTACT: "30 Sep 2026",
            CaseloadSort.NEXT_CONTACT: "30 Sep 2026",
        }
        padding = 2 * metrics.horizontalAdvance("M")
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, (title, key) in enumerate(self.model.COLUMNS):
            if key in samples:
                width = max(
                    metrics.horizontalAdvance(samples[key]),
                    header.fontMetrics().horizontalAdvance(self.tr(title)),
                )
                header.resizeSection(column, width + padding)
        self._name_width = metrics.horizontalAdvance("Mohammed Abdullah") + padding

    def caseload_width(self) -> int:
        """The width the caseload needs to show every column without scrolling sideways."""
        header = self.table.horizontalHeader()
        others = sum(header.sectionSize(c) for c in range(1, header.count()))
        chrome = self.table.verticalScrollBar().sizeHint().width() + 2 * self.table.frameWidth()
        return self._name_width + others + chrome

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._placed_divider and self.splitter.width() > 0:
            # Give the caseload the room for all its columns when the story still fits.
            total = sum(self.splitter.sizes())
            left = self.caseload_width()
            if total - left >= self.tabs.minimumWidth():
                self.splitter.setSizes([left, total - left])
                self._placed_divider = True

    def current_filter(self) -> CaseloadFilter:
        status = self.status_combo.currentData()
        me = self._user_name()
        return CaseloadFilter(
            text=self.search_edit.text().strip(),
            status=None if status in (None, OPEN_ONLY) else EpisodeStatus(status),
            link_worker=me if self.mine_check.isChecked() and me else None,
            open_only=status == OPEN_ONLY,
        )

    def show_everyone(self) -> None:
        """Every person on the caseload, whoever supports them and whatever their status."""
        for control in (self.status_combo, self.mine_check):
            control.blockSignals(True)
        self.status_combo.setCurrentIndex(self.status_combo.findData(None))
        self.mine_check.setChecked(False)
        for control in (self.status_combo, self.mine_check):
            control.blockSignals(False)
        self.apply_filters()

    def apply_filters(self) -> None:
        self._timer.stop()
        selected = self._selected_id()
        try:
            self.model.set_filter(self.current_filter())
        except UserFacingError as exc:
            show_user_error(self, exc)
            return
        total = self.model.total
        self._empty = total == 0 and self._people.count() == 0
        if self._empty:
            text = self.tr("No people yet: add a person or import a caseload.")
        elif total == 0 and not self.search_edit.text().strip():
            text = (
                self.tr("Nobody you support is on this list. <a href='everyone'>Show everyone</a>")
                if self.mine_check.isChecked()
                else self.tr("Nobody is on this list. <a href='everyone'>Show everyone</a>")
            )
        elif total == 0:
            text = self.tr(
                "Nobody matches. Try fewer words, or <a href='everyone'>show everyone</a>."
            )
        elif total == 1:
            text = self.tr("1 person")
        else:
            text = self.tr("{n} people").format(n=f"{total:,}")
        self.count_label.setText(text)
        row = self.model.row_of(selected) if selected else -1
        if row >= 0:
            self.table.selectRow(row)
        elif selected is not None:
            self._show_person(None)
        elif self._person_id is None and self.tabs.currentIndex() == STORY_TAB:
            self._show_story(None)  # "No people yet" or "Choose someone"

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def clear_search(self) -> None:
        self.search_edit.clear()
        self.apply_filters()
        self.focus_search()

    def _selected_id(self) -> uuid.UUID | None:
        rows = self.table.selectionModel().selectedRows()
        value: Any = rows[0].data(ID_ROLE) if rows else None
        return value if isinstance(value, uuid.UUID) else None

    def _selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        self._show_person(self._selected_id())

    def select_person(self, person_id: uuid.UUID) -> None:
        row = self.model.row_of(person_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def open_person(self, person_id: uuid.UUID, tab: str = "story") -> None:
        """Show someone on a named tab ("story", "plan"...), clearing filters that hide them."""
        index = self.TAB_NAMES.get(tab, STORY_TAB)
        self.tabs.setCurrentIndex(index)
        self._show_in_list(person_id)

    def _show_in_list(self, person_id: uuid.UUID) -> None:
        """Select someone, clearing the search if it hides them."""
        self.apply_filters()
        if self.model.row_of(person_id) < 0:
            self.search_edit.blockSignals(True)
            self.search_edit.clear()
            self.search_edit.blockSignals(False)
            self.status_combo.setCurrentIndex(self.status_combo.findData(None))
            self.mine_check.setChecked(False)
            self.apply_filters()
        while self.model.row_of(person_id) < 0 and self.model.canFetchMore():
            self.model.fetchMore()
        self.select_person(person_id)
        self._show_person(person_id)

    def _show_person(self, person_id: uuid.UUID | None) -> None:
        """Show someone (None: nobody); only the tab on show is read now, the rest when opened."""
        self._person_id = person_id
        self._fresh_tabs.clear()
        self._show_flags()
        self._show_bands()
        self._fill_episode_switch(person_id)
        self._refresh_tab(self.tabs.currentIndex())

    # Several open referrals ------------------------------------------------

    def _fill_episode_switch(self, person_id: uuid.UUID | None) -> None:
        """Offer a choice of plans only to someone with more than one referral open."""
        open_now: tuple[EpisodeDetail, ...] = ()
        if person_id is not None:
            try:
                open_now = self._services.episodes.open_episodes(person_id)
            except UserFacingError as exc:
                show_user_error(self, exc)
        self.episode_switch.set_episodes(open_now)
        self._open_now = open_now
        self._show_consent()

    def _show_consent(self) -> None:
        """Above the tabs, what the referral on show still lacks in consent (nothing: no band)."""
        chosen = self.episode_switch.chosen()
        shown = next(
            (e for e in self._open_now if chosen is None or e.id == chosen), None
        )  # with no choice offered, the one open referral (the current one comes first)
        self.consent_banner.show_episode(shown)

    def _shown_episode_id(self) -> uuid.UUID | None:
        return self.episode_switch.chosen()

    def _show_episode_plan(self, episode_id: uuid.UUID) -> None:
        if self.episode_switch.choose(episode_id):
            self.tabs.setCurrentIndex(PLAN_TAB)

    def _episode_switched(self, _episode_id: object) -> None:
        self._show_consent()
        self._fresh_tabs.difference_update((PLAN_TAB, SUGGESTIONS_TAB, OUTCOMES_TAB))
        if self.tabs.currentIndex() in (PLAN_TAB, SUGGESTIONS_TAB, OUTCOMES_TAB):
            self._refresh_tab(self.tabs.currentIndex())

    def _show_flags(self) -> None:
        """The chosen person's risk flags above their tabs (none: no banner)."""
        flags = () if self._person_id is None else self._services.flags.current(self._person_id)
        self.risk_banner.show_flags(flags)

    def _show_bands(self) -> None:
        """What came in from a spreadsheet and waits for the worker: a referral with no date,
        needs as written to confirm (nothing: no band)."""
        needs: NeedsAsWritten | None = None
        undated: tuple[UndatedReferral, ...] = ()
        if self._person_id is not None:
            try:
                needs = self._people.as_written(self._person_id)
                undated = self._people.undated_referrals(self._person_id)
            except UserFacingError as exc:
                show_user_error(self, exc)
        self.needs_band.show_needs(needs)
        self.undated_band.show_referrals(undated)

    def confirm_needs(self) -> None:
        """What was read in their needs as written is right: the band goes."""
        if self._person_id is None:
            return
        try:
            self._people.confirm_needs(self._person_id)
        except UserFacingError as exc:
            show_user_error(self, exc)
        self._show_bands()

    def _correct_details(self) -> None:
        self.edit_person()
        self._show_bands()

    def _correct_times(self) -> None:
        self.tabs.setCurrentIndex(SUGGESTIONS_TAB)
        self.suggestions_widget.edit_preferences()

    def _tab_changed(self, index: int) -> None:
        if index not in self._fresh_tabs:
            self._refresh_tab(index)

    def _take_closing_measures(self, person_id: uuid.UUID, episode_id: uuid.UUID) -> None:
        """After closing with "take closing measures next": the Outcomes tab on the referral
        just closed, and the measure form (its timepoint is closing, the referral being
        closed)."""
        self.tabs.setCurrentIndex(OUTCOMES_TAB)
        try:
            name = self._people.get_person(person_id).draft.display_name
        except UserFacingError as exc:
            show_user_error(self, exc)
            return
        self.outcomes_widget.show_person(person_id, episode_id, name)
        self.outcomes_widget.record_measure()

    def _refresh_tab(self, index: int) -> None:
        self._fresh_tabs.add(index)
        person_id = self._person_id
        if index in (PLAN_TAB, SUGGESTIONS_TAB, OUTCOMES_TAB):
            name = ""
            if person_id is not None:
                try:
                    name = self._people.get_person(person_id).draft.display_name
                except UserFacingError as exc:
                    show_user_error(self, exc)
                    return
            if index == OUTCOMES_TAB:
                self.outcomes_widget.show_person(person_id, self._shown_episode_id(), name)
                return
            widget = self.plan_widget if index == PLAN_TAB else self.suggestions_widget
            widget.show_person(person_id, name, self._shown_episode_id())
        elif index == CONTACTS_TAB:
            self.contacts_widget.show_person(person_id)
        elif index == GP_TAB:
            self.gp_widget.show_person(person_id)
        else:
            self._show_story(person_id)

    def print_plan(self) -> None:
        """Ctrl+P on any tab: preview the chosen person's plan to print or save."""
        if self._person_id is None:
            return
        if PLAN_TAB not in self._fresh_tabs:
            self._refresh_tab(PLAN_TAB)
        if self.plan_widget.plan is None:
            self._notify(self.tr("There is no plan to print yet: record their referral first."))
            return
        self.plan_widget.print_plan()

    def person_erased(self, person_id: uuid.UUID) -> None:
        """Close their page and read the caseload again: they are no longer on it."""
        if self._person_id == person_id:
            self.table.clearSelection()
            self._show_person(None)
        self.apply_filters()
        self._notify(self.tr("The record was erased."))

    def export_codes(self) -> None:
        """File > Export coded events…: a day's or a week's, for the practice."""
        said = self.codes_exporter.export()
        if said:
            self._notify(said)

    def _notify(self, message: str) -> None:
        status = getattr(self.window(), "statusBar", None)
        if callable(status):
            status().showMessage(message, 8000)

    def _plan_changed(self) -> None:
        """Something in the plan was saved: the caseload's next contact may have moved."""
        self._fresh_tabs.discard(SUGGESTIONS_TAB)
        person_id = self._person_id
        self.apply_filters()
        if person_id is not None and self.model.row_of(person_id) < 0:
            self._show_in_list(person_id)

    def _show_story(self, person_id: uuid.UUID | None) -> None:
        for button in (
            self.edit_button,
            self.referral_button,
            self.update_referral_button,
            self.conversation_button,
            self.close_referral_button,
            self.rights_menu,
        ):
            button.setEnabled(person_id is not None)
        if person_id is None:
            words = (
                self.tr(
                    "No people yet. Add a person (Ctrl+N), or import a caseload kept in a "
                    "spreadsheet (Import…)."
                )
                if self._empty
                else self.tr("Choose someone to see what matters to them and their story so far.")
            )
            self.summary.setHtml(f"<p style='{hint_css()}'>{escape(words)}</p>")
            return
        try:
            detail = self._people.get_person(person_id)
            documents = self._services.documents.history(person_id)
            handovers = self._services.caseloads.history(person_id)
        except UserFacingError as exc:
            show_user_error(self, exc)
            return
        self.close_referral_button.setEnabled(bool(detail.open_episodes))
        self.summary.setHtml(person_html(detail, dt.date.today(), documents, handovers))

    def open_saved_draft(self, saved: SavedDraft) -> None:
        """Reopen a kept draft: a booking on the Contacts tab, notes in their own form."""
        if saved.key.startswith("contact:"):
            self.contacts_widget.open_saved_draft(saved)
            self.apply_filters()
            return
        if saved.key.startswith("measure:"):
            self.outcomes_widget.open_saved_draft(saved)
            self._fresh_tabs.discard(OUTCOMES_TAB)
            return
        super().open_saved_draft(saved)

    def _exec_dialog(self, dialog: QWidget) -> bool:
        """Run a form about the chosen person with their risk flags above it."""
        show_flags = getattr(dialog, "show_risk_flags", None)
        shows_its_own = getattr(dialog, "risk_banner", None) is not None
        if self._person_id is not None and callable(show_flags) and not shows_its_own:
            show_flags(self._services.flags.current(self._person_id))
        return super()._exec_dialog(dialog)

    def close_not_taken_up(self) -> None:
        """Close the referral through the closing form, the reason set to "not taken up"."""
        self.close_referral(ClosingReason.NOT_TAKEN_UP)
