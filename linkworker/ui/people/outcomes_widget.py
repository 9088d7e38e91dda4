"""The Outcomes tab of a person: for the referral on show, how things changed over time.

A chart (ONS4's four items and each goal's confidence on 0 to 10, the UCLA loneliness
total on 3 to 9; declined and not asked are gaps), then the change in words ("Life
satisfaction: 3 (low) → 6 (medium)"), each goal's confidence first → latest, and every
taking item by item with its date, timepoint, who took it and what the person said, with
Correct and Remove for one entered wrongly. "Record a measure…" enters one (offering back
a measure left half-filled); "Print blank forms…" prints paper ones for a hub.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from linkworker.domain.outcomes import EpisodeOutcomes, Measure, OutcomeRecord, measure_lines
from linkworker.domain.plan import GoalDetail
from linkworker.errors import UserFacingError
from linkworker.printing.snapshots import PrintOptions
from linkworker.services.drafts import SavedDraft
from linkworker.ui.error_dialogs import show_user_error
from linkworker.ui.flow_layout import wrapping_row
from linkworker.ui.form_fields import hint
from linkworker.ui.people.confidence_scale import quoted
from linkworker.ui.people.measure_dialog import MeasureDialog, draft_prefix
from linkworker.ui.style import hint_css
from linkworker.ui.workers import Tasks

if TYPE_CHECKING:
    from linkworker.services.drafts import DraftService
    from linkworker.services.outcomes import OutcomeService
    from linkworker.services.plan import PlanService
    from linkworker.ui.people.outcome_chart import OutcomeChart

#: The measures ticked when printing blank forms: every published one.
PRINTED_FIRST = (Measure.ONS4, Measure.UCLA3, Measure.LONELY, Measure.CONNECTION)


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def confidence_line(goal: GoalDetail, number: int) -> str:
    """A goal's confidence first → latest, in words ("Goal 1, “…”: 3 → 6 of 10 (…)")."""
    ratings = goal.ratings
    words = f"Goal {number}, {quoted(goal.draft.words)}"
    if not ratings:
        return f"{words}: not asked yet"
    first, latest = ratings[0], ratings[-1]
    if len(ratings) == 1:
        return f"{words}: {first.score} of 10 ({_day(first.on)})"
    return f"{words}: {first.score} → {latest.score} of 10 ({_day(first.on)} → {_day(latest.on)})"


class FormsChoiceDialog(QDialog):
    """Which blank forms to print, and whether in large print."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Print blank forms"))
        self.checks: dict[Measure, QCheckBox] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint(self.tr("Blank forms to fill in on paper; each measure starts on a new page."))
        )
        for measure in Measure:
            check = QCheckBox(self.tr(measure.label))
            check.setChecked(measure in PRINTED_FIRST)
            self.checks[measure] = check
            layout.addWidget(check)
        self.large_check = QCheckBox(self.tr("&Large print (16 pt or more)"))
        layout.addWidget(self.large_check)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen(self) -> tuple[list[Measure], bool]:
        return [m for m, c in self.checks.items() if c.isChecked()], self.large_check.isChecked()


class OutcomesWidget(QWidget):
    """A person's outcome measures within the referral on show."""

    #: A measure was recorded, corrected or removed (the person's id).
    measures_changed = Signal(object)

    def __init__(
        self,
        outcomes: OutcomeService,
        plans: PlanService,
        drafts: DraftService,
        user_name: Callable[[], str],
        tasks: Tasks,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._outcomes = outcomes
        self._plans = plans
        self._drafts = drafts
        self._user_name = user_name
        self._tasks = tasks
        self.person_id: uuid.UUID | None = None
        self.person_name = ""
        self.episode: EpisodeOutcomes | None = None
        self.goals: tuple[GoalDetail, ...] = ()
        self._chart: OutcomeChart | None = None

        self.record_button = QPushButton(self.tr("Record a &measure…"))
        self.record_button.setAccessibleName(self.tr("Record a measure"))
        self.record_button.setToolTip(self.tr("Enter a measure taken today or on a paper form"))
        self.record_button.clicked.connect(lambda: self.record_measure())
        self.forms_button = QPushButton(self.tr("Print &blank forms…"))
        self.forms_button.setAccessibleName(self.tr("Print blank forms"))
        self.forms_button.setToolTip(self.tr("Paper forms of the measures, for a hub"))
        self.forms_button.clicked.connect(lambda: self.print_forms())
        self.words = QTextBrowser()
        self.words.setOpenLinks(False)
        self.words.setAccessibleName(self.tr("Change in words, and each measure taken"))
        self.words.anchorClicked.connect(self._link)
        # The words stay readable under the chart on a 768-pixel-high screen.
        self.words.setMinimumHeight(self.fontMetrics().lineSpacing() * 11)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.words)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(wrapping_row([self.record_button, self.forms_button]))

    # Showing -----------------------------------------------------------------

    @property
    def chart(self) -> OutcomeChart:
        """The chart, made when first needed (QtCharts loads then, not at start-up)."""
        if self._chart is None:
            from linkworker.ui.people.outcome_chart import OutcomeChart

            self._chart = OutcomeChart()
            self.splitter.insertWidget(0, self._chart)
            self.splitter.setSizes([11, 9])
        return self._chart

    def show_person(
        self, person_id: uuid.UUID | None, episode_id: uuid.UUID | None, name: str = ""
    ) -> None:
        """Show the measures of ``episode_id`` (None: the person's current referral)."""
        self.person_id, self.person_name = person_id, name
        self.episode, self.goals = None, ()
        try:
            if person_id is not None:
                episode_id = episode_id or self._plans.current_episode_id(person_id)
                found = self._outcomes.for_person(person_id)
                self.episode = next((e for e in found if e.episode_id == episode_id), None)
                if self.episode is not None:
                    self.goals = self._plans.get_plan(self.episode.episode_id).goals
        except UserFacingError as exc:
            show_user_error(self, exc)
        self._show()

    def _show(self) -> None:
        episode = self.episode
        self.record_button.setEnabled(episode is not None)
        rated = [(n, g) for n, g in enumerate(self.goals, start=1) if g.ratings]
        if episode is None or not (episode.measures or rated):
            if self._chart is not None:
                self._chart.hide()
            self.words.setHtml(f"<p style='{hint_css()}'>{escape(self._empty_words())}</p>")
            return
        from linkworker.ui.people.outcome_chart import chart_series

        series = chart_series(episode, self.goals)
        self.chart.show_series(series)
        self.chart.setVisible(bool(series))
        self.words.setHtml(self._html(episode, rated))

    def _empty_words(self) -> str:
        if self.person_id is None:
            return self.tr("Choose someone to see how things have changed for them.")
        if self.episode is None:
            return self.tr(
                "They have no referral yet. Record their referral first; measures are "
                "taken within a referral."
            )
        return self.tr(
            "No outcome measures yet for this referral. Record a measure… (Alt+M) enters one "
            "taken today or on a paper form; Print blank forms… (Alt+B) gives paper ones to "
            "take to a hub. A baseline early on and a review later show the change."
        )

    def _html(self, episode: EpisodeOutcomes, rated: list[tuple[int, GoalDetail]]) -> str:
        state = self.tr("closed") if episode.closed else self.tr("open")
        referral = self.tr("Referral of {0} ({1}).").format(_day(episode.referral_date), state)
        parts = [f"<p style='{hint_css()}'>{escape(referral)}</p>"]
        if episode.changes:
            parts.append(f"<h3>{escape(self.tr('Change'))}</h3>")
            for change in episode.changes:
                before, after = change.before, change.after
                heading = (
                    f"{change.title}: {before.timepoint.value} {_day(before.taken_on)} → "
                    f"{after.timepoint.value} {_day(after.taken_on)}"
                )
                parts.append(f"<p><b>{escape(heading)}</b></p>")
                parts.append(_list(change.lines))
        if rated:
            parts.append(f"<h3>{escape(self.tr('Confidence in each goal'))}</h3>")
            parts.append(_list(confidence_line(g, n) for n, g in rated))
        if episode.measures:
            parts.append(f"<h3>{escape(self.tr('Each measure taken'))}</h3>")
            for record in episode.measures:
                parts.append(self._taking_html(record))
        return "".join(parts)

    def _taking_html(self, record: OutcomeRecord) -> str:
        head = f"{record.timepoint.label}, {_day(record.taken_on)}: {record.title}"
        by = self.tr("taken by {0}").format(record.recorded_by) if record.recorded_by else ""
        links = (
            f"<a href='correct:{record.id}'>{escape(self.tr('Correct'))}</a> · "
            f"<a href='remove:{record.id}'>{escape(self.tr('Remove'))}</a>"
        )
        lines = measure_lines(record)
        if record.notes.strip() and record.measure is not Measure.OTHER:
            lines.append(self.tr("What they said: {0}").format(quoted(record.notes)))
        small = f"<span style='{hint_css()}'>{escape(by)}</span>" if by else ""
        return f"<p><b>{escape(head)}</b> {small} &nbsp; {links}</p>{_list(lines)}"

    # Recording, correcting, removing ------------------------------------------

    def _dialog(self, existing: OutcomeRecord | None = None) -> MeasureDialog | None:
        episode = self.episode
        if self.person_id is None or episode is None:
            return None
        save = self._outcomes.update if existing is not None else self._outcomes.record
        return MeasureDialog(
            save,
            self._drafts,
            self.person_id,
            episode.episode_id,
            self.person_name,
            self._user_name(),
            closed=episode.closed,
            earlier=episode.measures,
            existing=existing,
            parent=self,
        )

    def record_measure(self) -> None:
        """Record a measure; a half-filled one kept for this referral is offered first."""
        episode = self.episode
        if episode is None:
            return
        prefix = draft_prefix(episode.episode_id)
        kept = [d for d in self._drafts.pending() if d.key.startswith(prefix)]
        if kept:
            choice = self._ask_carry_on(kept[0])
            if choice == "cancel":
                return
            if choice == "carry on":
                self.open_saved_draft(kept[0])
                return
        dialog = self._dialog()
        if dialog is not None:
            self._run(dialog)

    def open_saved_draft(self, saved: SavedDraft) -> None:
        """Reopen a measure kept as a draft (from the tab, or offered at start-up)."""
        episode = self._episode_of(saved)
        dialog = MeasureDialog.from_draft(
            saved,
            self._outcomes.update if saved.payload.get("measure_id") else self._outcomes.record,
            self._drafts,
            self._user_name(),
            closed=episode is not None and episode.closed,
            earlier=episode.measures if episode is not None else (),
            parent=self,
        )
        self._run(dialog)

    def _episode_of(self, saved: SavedDraft) -> EpisodeOutcomes | None:
        """The referral a kept measure belongs to, read afresh unless it is on show."""
        shown = self.episode
        if shown is not None and saved.key.startswith(draft_prefix(shown.episode_id)):
            return shown
        try:
            person_id = uuid.UUID(str(saved.payload.get("person_id")))
            episode_id = uuid.UUID(str(saved.payload.get("episode_id")))
            found = self._outcomes.for_person(person_id)
        except (ValueError, UserFacingError):  # the form says what is wrong on saving
            return None
        return next((e for e in found if e.episode_id == episode_id), None)

    def _run(self, dialog: MeasureDialog) -> None:
        try:
            self._exec_dialog(dialog)
        finally:
            dialog.deleteLater()
        if dialog.saved is not None:
            self._changed()

    def _link(self, url: QUrl) -> None:
        kind, _, value = url.toString().partition(":")
        episode = self.episode
        record = next(
            (r for r in (episode.measures if episode else ()) if str(r.id) == value), None
        )
        if record is None or record.id is None:
            return
        if kind == "correct":
            dialog = self._dialog(record)
            if dialog is not None:
                self._run(dialog)
        elif kind == "remove" and self._confirm_remove(record):
            try:
                self._outcomes.remove(record.id)
            except UserFacingError as exc:
                show_user_error(self, exc)
            self._changed()

    def _changed(self) -> None:
        episode = self.episode
        self.show_person(self.person_id, episode.episode_id if episode else None, self.person_name)
        self.measures_changed.emit(self.person_id)

    # Printing ------------------------------------------------------------------

    def print_forms(self) -> None:
        """Choose measures and large print, then preview the blank forms to print or save."""
        from linkworker.ui.printing.preview_dialog import open_preview

        chosen = self._ask_forms()
        if chosen is None:
            return
        measures, large = chosen
        outcomes = self._outcomes
        open_preview(
            self,
            self._tasks,
            lambda options: outcomes.blank_forms(measures, options),
            PrintOptions(large_print=large),
            title=self.tr("Blank outcome measure forms"),
            suggested_name=self.tr("Outcome measure forms"),
            run=self._exec_dialog,
            show_error=lambda exc: show_user_error(self, exc),
        )

    # Questions (tests replace these) -------------------------------------------

    def _ask_forms(self) -> tuple[list[Measure], bool] | None:
        dialog = FormsChoiceDialog(self)
        if not self._exec_dialog(dialog):
            return None
        measures, large = dialog.chosen()
        return (measures, large) if measures else None

    def _ask_carry_on(self, saved: SavedDraft) -> str:
        """ "carry on" with a kept measure, start a "new" one, or "cancel"."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("A measure is not finished"))
        box.setText(self.tr("“{0}” was kept as a draft.").format(saved.title))
        box.setInformativeText(self.tr("Carry on with it, or start a new one?"))
        carry = box.addButton(self.tr("Carry on with it"), QMessageBox.ButtonRole.AcceptRole)
        new = box.addButton(self.tr("Start a new one"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(carry)
        box.exec()
        clicked = box.clickedButton()
        return "carry on" if clicked is carry else "new" if clicked is new else "cancel"

    def _confirm_remove(self, record: OutcomeRecord) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Remove this measure?"),
            self.tr(
                "Remove the {0} of {1} ({2})? Do this only when it was entered wrongly."
            ).format(record.timepoint.value, _day(record.taken_on), record.title),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _exec_dialog(self, dialog: QWidget) -> bool:
        """Run a modal dialog; tests replace this to drive the dialog themselves."""
        return bool(dialog.exec())  # type: ignore[attr-defined]


def _list(lines: Iterable[str]) -> str:
    items = "".join(f"<li>{escape(line)}</li>" for line in lines)
    return f"<ul style='margin-top:0'>{items}</ul>"
