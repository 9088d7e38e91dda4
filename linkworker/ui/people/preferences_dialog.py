"""What suits them: when they are free, what they can spend, how they'd like to start going,
how far they can get, and the kinds of thing they don't want.

Asked in conversation, in plain words; anything not asked yet is left empty and
suggestions simply do not use it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from linkworker.domain.directory import Cost, Day
from linkworker.domain.matching import (
    FreeTime,
    JoinPreference,
    MatchPreferences,
    PartOfDay,
    TravelRange,
)
from linkworker.ui.form_fields import combo, hint, select
from linkworker.ui.record_dialog import RecordDialog


class PreferencesDialog(RecordDialog):
    """Edit one person's :class:`MatchPreferences`; ``save`` stores them.

    ``kinds`` are the directory's kinds of asset (categories) offered to leave
    out. After a successful save the preferences are in :attr:`saved`.
    """

    discard_question = "You have changed what suits them. Close without saving?"

    preferences_saved = RecordDialog.record_saved

    def __init__(
        self,
        save: Callable[[MatchPreferences], None],
        preferences: MatchPreferences,
        kinds: Sequence[str],
        person_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        title = self.tr("What suits {0}").format(person_name) if person_name else ""
        self.setWindowTitle(title or self.tr("What suits them"))
        self.setMinimumSize(600, 560)
        self.resize(660, 720)

        scroll = self._scrolling(
            hint(
                self.tr(
                    "Fill in what they have said. Anything left empty is not used "
                    "to choose suggestions."
                )
            ),
            self._build_times(),
            self._build_choices(),
            self._build_kinds(kinds, preferences.avoid_categories),
        )
        self._lay_out(self.tr("Save what suits them"), scroll)
        self._fill(preferences)
        self._remember_opened()

    # Building ------------------------------------------------------------

    def _build_times(self) -> QGroupBox:
        group = QGroupBox(self.tr("When they are free"))
        column = QVBoxLayout(group)
        column.addWidget(hint(self.tr("Tick the times they could go to something.")))
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(6)
        for col, part in enumerate(PartOfDay, start=1):
            heading = QLabel(self.tr(part.label))
            heading.setStyleSheet("font-weight: 600;")
            grid.addWidget(heading, 0, col, Qt.AlignmentFlag.AlignHCenter)
        self.time_checks: dict[FreeTime, QCheckBox] = {}
        for row, day in enumerate(Day, start=1):
            grid.addWidget(QLabel(self.tr(day.label)), row, 0)
            for col, part in enumerate(PartOfDay, start=1):
                check = QCheckBox()
                check.setAccessibleName(
                    self.tr("Free on {day} {part}").format(
                        day=self.tr(day.label), part=self.tr(part.value)
                    )
                )
                check.setToolTip(check.accessibleName())
                self.time_checks[FreeTime(day, part)] = check
                grid.addWidget(check, row, col, Qt.AlignmentFlag.AlignHCenter)
        grid.setColumnStretch(4, 1)
        column.addLayout(grid)
        self.weekdays_button = QPushButton(self.tr("Weekday daytimes"))
        self.weekdays_button.setAccessibleName(
            self.tr("Weekday daytimes: tick mornings and afternoons")
        )
        self.weekdays_button.clicked.connect(self._tick_weekdays)
        self.clear_times_button = QPushButton(self.tr("Clear times"))
        self.clear_times_button.setAccessibleName(self.tr("Clear times they are free"))
        self.clear_times_button.clicked.connect(self._clear_times)
        buttons = QHBoxLayout()
        buttons.addWidget(self.weekdays_button)
        buttons.addWidget(self.clear_times_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        return group

    def _build_choices(self) -> QGroupBox:
        group = QGroupBox(self.tr("Cost, starting and travel"))
        form = self._form(labels_on_top=False)
        group.setLayout(form)
        not_asked = self.tr("Not asked yet")
        self.cost_combo = combo(
            self.tr("Cost they can manage"),
            [
                (not_asked, None),
                (self.tr("Only free things"), Cost.FREE.value),
                (self.tr("Free or low cost"), Cost.LOW_COST.value),
                (self.tr("Cost is no bar"), Cost.PAID.value),
            ],
        )
        self.join_combo = combo(
            self.tr("How they'd like to start"),
            [(not_asked, None)] + [(self.tr(j.label), j.value) for j in JoinPreference],
        )
        self.travel_combo = combo(
            self.tr("How far they can get"),
            [(not_asked, None)] + [(self.tr(t.label), t.value) for t in TravelRange],
        )
        for text, box in (
            (self.tr("&Cost they can manage"), self.cost_combo),
            (self.tr("How they'd like to &start"), self.join_combo),
            (self.tr("How &far they can get"), self.travel_combo),
        ):
            self._row(form, text, box)
        return group

    def _build_kinds(self, kinds: Sequence[str], avoided: Sequence[str]) -> QGroupBox:
        group = QGroupBox(self.tr("Kinds of thing they don't want"))
        column = QVBoxLayout(group)
        column.addWidget(hint(self.tr("Suggestions leave these out.")))
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        self.kind_checks: dict[str, QCheckBox] = {}
        # A kind saved earlier but no longer in the directory is still shown (and kept).
        names = list(dict.fromkeys([*kinds, *avoided]))
        for i, name in enumerate(names):
            check = QCheckBox(name)
            check.setAccessibleName(self.tr("Not: {0}").format(name))
            self.kind_checks[name] = check
            grid.addWidget(check, i // 3, i % 3)
        column.addLayout(grid)
        if not names:
            column.addWidget(hint(self.tr("The directory has no kinds of asset yet.")))
        return group

    def _tick_weekdays(self) -> None:
        for free, check in self.time_checks.items():
            if free.day <= Day.FRIDAY and free.part is not PartOfDay.EVENING:
                check.setChecked(True)

    def _clear_times(self) -> None:
        for check in self.time_checks.values():
            check.setChecked(False)

    # Filling and reading ---------------------------------------------------

    def _fill(self, preferences: MatchPreferences) -> None:
        for free, check in self.time_checks.items():
            check.setChecked(free in preferences.free_times)
        for box, value in (
            (self.cost_combo, preferences.cost_limit),
            (self.join_combo, preferences.join),
            (self.travel_combo, preferences.travel),
        ):
            select(box, None if value is None else value.value)
        for name, check in self.kind_checks.items():
            check.setChecked(name in preferences.avoid_categories)

    @staticmethod
    def _chosen(box: QComboBox) -> str | None:
        value = box.currentData()
        return None if value is None else str(value)

    def preferences(self) -> MatchPreferences:
        """What the form says suits them."""
        cost = self._chosen(self.cost_combo)
        join = self._chosen(self.join_combo)
        travel = self._chosen(self.travel_combo)
        return MatchPreferences(
            free_times=tuple(sorted(f for f, c in self.time_checks.items() if c.isChecked())),
            cost_limit=None if cost is None else Cost(cost),
            join=None if join is None else JoinPreference(join),
            travel=None if travel is None else TravelRange(travel),
            avoid_categories=tuple(n for n, c in self.kind_checks.items() if c.isChecked()),
        )

    def current_draft(self) -> MatchPreferences:
        return self.preferences()

    def _store(self, draft: MatchPreferences) -> MatchPreferences:
        self._save(draft)
        return draft
