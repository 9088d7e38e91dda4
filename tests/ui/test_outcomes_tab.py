"""The Outcomes tab and Record a measure…, on the real window over real services: a measure
typed in and seen on the tab, a half-filled one kept as a draft and offered back, the
service's problems said on the form, a taking corrected and removed, the chart's gaps,
and the blank forms through the print preview."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QWidget

from linkworker.domain.outcomes import DECLINED, NOT_ASKED, Measure, OutcomeRecord, Timepoint
from linkworker.domain.people import EpisodeDraft, EpisodeStatus, PersonDraft
from linkworker.domain.plan import GoalDraft
from linkworker.ui.main_window import Area
from linkworker.ui.people.measure_dialog import MeasureDialog
from linkworker.ui.people.outcome_chart import chart_series
from linkworker.ui.people.outcomes_widget import OutcomesWidget
from tests.data.people_helpers import AGREED
from tests.ui.laptop_window import open_window

TODAY = dt.date.today()
REFERRED = TODAY - dt.timedelta(days=60)


@pytest.fixture
def person(services: Any) -> tuple[uuid.UUID, uuid.UUID]:
    person_id = services.people.save_person(
        PersonDraft(given_name="Tamsin", family_name="Trelawny", nhs_number="9995752697")
    ).id
    episode_id = services.episodes.record_referral(
        EpisodeDraft(
            consent_to_hold=AGREED,
            person_id=person_id,
            referral_date=REFERRED,
            status=EpisodeStatus.ACTIVE,
        )
    ).id
    return person_id, episode_id


@pytest.fixture
def tab(qtbot: Any, services: Any, person: tuple[uuid.UUID, uuid.UUID]) -> OutcomesWidget:
    """The person's Outcomes tab in the real window, at the size of a small laptop."""
    window = open_window(qtbot, services)
    window.show_area(Area.PEOPLE)
    page = window.people_page
    page.open_person(person[0], "outcomes")
    assert page.tabs.currentWidget() is page.outcomes_widget
    return page.outcomes_widget


def _take(services: Any, person: tuple[uuid.UUID, uuid.UUID], days: int, *answers: Any) -> Any:
    timepoint = Timepoint.BASELINE if days < 10 else Timepoint.REVIEW
    return services.outcomes.record(
        OutcomeRecord(*person, Measure.ONS4, timepoint, REFERRED + dt.timedelta(days=days), answers)
    )


def _type_score(qtbot: Any, dialog: MeasureDialog, index: int, keys: str) -> None:
    box = dialog.rows[Measure.ONS4][index].score
    assert box is not None
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, keys)
    qtbot.keyClick(box, Qt.Key.Key_Tab)


def test_a_measure_typed_in_is_saved_and_shown_on_the_tab(
    qtbot: Any, tab: OutcomesWidget, services: Any
) -> None:
    assert "No outcome measures yet" in tab.words.toPlainText()

    def fill(dialog: QWidget) -> bool:
        assert isinstance(dialog, MeasureDialog)
        assert dialog.measure() is Measure.ONS4
        assert dialog.timepoint_combo.currentData() == "baseline"  # none taken yet
        _type_score(qtbot, dialog, 0, "3")
        _type_score(qtbot, dialog, 1, "d")
        _type_score(qtbot, dialog, 3, "8")
        dialog.notes_edit.setPlainText("Nights are the hardest")
        dialog._on_save()
        return bool(dialog.result())

    tab._exec_dialog = fill  # type: ignore[method-assign]
    tab.record_measure()
    (kept,) = services.outcomes.for_person(tab.person_id)[0].measures
    assert kept.answers == (3, DECLINED, NOT_ASKED, 8)
    assert kept.notes == "Nights are the hardest"
    words = tab.words.toPlainText()
    assert "Life satisfaction: 3 (low)" in words and "Worthwhile: declined" in words
    assert "What they said: “Nights are the hardest”" in words
    assert f"Baseline, {TODAY.day} {TODAY:%b %Y}: ONS4 personal wellbeing" in words
    assert services.drafts.pending() == []


def test_choices_are_picked_by_their_number_from_the_keyboard(
    qtbot: Any, tab: OutcomesWidget, services: Any
) -> None:
    def fill(dialog: QWidget) -> bool:
        assert isinstance(dialog, MeasureDialog)
        dialog.measure_combo.setCurrentIndex(dialog.measure_combo.findData("ucla3"))
        for row, key in zip(dialog.rows[Measure.UCLA3], "3d1", strict=True):
            qtbot.keyClicks(row.focus_widget(), key)
        dialog._on_save()
        return bool(dialog.result())

    tab._exec_dialog = fill  # type: ignore[method-assign]
    tab.record_measure()
    (kept,) = services.outcomes.for_person(tab.person_id)[0].measures
    assert (kept.measure, kept.answers) == (Measure.UCLA3, (3, DECLINED, 1))
    assert "Lack companionship: Often (3)" in tab.words.toPlainText()


def test_a_half_filled_measure_is_kept_as_a_draft_and_offered_back(
    qtbot: Any, tab: OutcomesWidget, services: Any
) -> None:
    def half_fill(dialog: QWidget) -> bool:
        assert isinstance(dialog, MeasureDialog)
        _type_score(qtbot, dialog, 0, "4")
        dialog._ask_keep_draft = lambda: "keep"  # type: ignore[method-assign]
        dialog.reject()
        return False

    tab._exec_dialog = half_fill  # type: ignore[method-assign]
    tab.record_measure()
    (kept,) = services.drafts.pending()
    assert kept.key.startswith(f"measure:{tab.episode.episode_id}:")  # type: ignore[union-attr]
    assert kept.payload["answers"][0] == 4
    assert tab.episode is not None and tab.episode.measures == ()

    offered: list[str] = []

    def carry_on(saved: Any) -> str:
        offered.append(saved.title)
        return "carry on"

    def finish(dialog: QWidget) -> bool:
        assert isinstance(dialog, MeasureDialog)
        assert dialog.rows[Measure.ONS4][0].answer() == 4  # as it was left
        _type_score(qtbot, dialog, 2, "6")
        dialog._on_save()
        return bool(dialog.result())

    tab._ask_carry_on = carry_on  # type: ignore[method-assign]
    tab._exec_dialog = finish  # type: ignore[method-assign]
    tab.record_measure()
    assert offered and offered[0].startswith("ONS4 personal wellbeing for Tamsin")
    assert services.drafts.pending() == []
    (measure,) = tab.episode.measures
    assert measure.answers == (4, NOT_ASKED, 6, NOT_ASKED)


def test_a_draft_left_when_the_window_closed_reopens_from_the_start_up_offer(
    qtbot: Any, tab: OutcomesWidget, services: Any, person: tuple[uuid.UUID, uuid.UUID]
) -> None:
    baseline = _take(services, person, 3, 3, 3, 3, 3)
    tab.show_person(person[0], None, "Tamsin")
    dialog = tab._dialog()
    assert dialog is not None
    qtbot.addWidget(dialog)
    _type_score(qtbot, dialog, 0, "2")
    assert dialog.autosave()  # what the timer does every few seconds; then the window dies
    dialog.done(0)
    (saved,) = services.drafts.pending()

    reopened: list[MeasureDialog] = []

    def look(shown: QWidget) -> bool:
        assert isinstance(shown, MeasureDialog)
        reopened.append(shown)
        shown._on_save()
        return bool(shown.result())

    page = tab.parent()
    while page is not None and not hasattr(page, "open_saved_draft"):
        page = page.parent()
    tab._exec_dialog = look  # type: ignore[method-assign]
    tab.show_person(None, None)  # at start-up nobody is on show yet
    page.open_saved_draft(saved)  # type: ignore[union-attr]
    assert reopened and reopened[0].rows[Measure.ONS4][0].answer() == 2
    assert reopened[0]._earlier == (baseline,)  # checked against its referral's measures
    taken = services.outcomes.for_person(person[0])[0].measures
    assert [(m.timepoint, m.answers[0]) for m in taken] == [
        (Timepoint.BASELINE, 3),
        (Timepoint.REVIEW, 2),
    ]


def test_what_the_service_refuses_is_said_on_the_form_and_nothing_is_lost(
    qtbot: Any, tab: OutcomesWidget, services: Any, person: tuple[uuid.UUID, uuid.UUID]
) -> None:
    _take(services, person, 20, 3, 3, 3, 3)  # a review... dated 20 days in
    services.outcomes.record(
        OutcomeRecord(*person, Measure.UCLA3, Timepoint.BASELINE, REFERRED, (3, 3, 3))
    )
    tab.show_person(person[0], None, "Tamsin")
    said: list[str] = []

    def closing_on_open(dialog: QWidget) -> bool:
        assert isinstance(dialog, MeasureDialog)
        dialog.timepoint_combo.setCurrentIndex(dialog.timepoint_combo.findData("closing"))
        _type_score(qtbot, dialog, 0, "7")
        dialog._on_save()
        said.append(dialog.banner.text())
        assert dialog.banner.isVisibleTo(dialog) and dialog.saved is None
        assert dialog.rows[Measure.ONS4][0].answer() == 7  # still there to correct
        dialog.timepoint_combo.setCurrentIndex(dialog.timepoint_combo.findData("review"))
        dialog._on_save()
        return bool(dialog.result())

    tab._exec_dialog = closing_on_open  # type: ignore[method-assign]
    tab.record_measure()
    assert "still open" in said[0]
    assert len(services.outcomes.for_person(person[0])[0].measures) == 3


def test_a_taking_is_corrected_and_removed_from_the_tab(
    qtbot: Any, tab: OutcomesWidget, services: Any, person: tuple[uuid.UUID, uuid.UUID]
) -> None:
    first = _take(services, person, 3, 3, 4, 5, 7)
    second = _take(services, person, 30, 5, 5, 5, 5)
    tab.show_person(person[0], None, "Tamsin")

    def correct(dialog: QWidget) -> bool:
        assert isinstance(dialog, MeasureDialog)
        assert dialog.rows[Measure.ONS4][3].answer() == 5
        _type_score(qtbot, dialog, 3, "4")
        dialog._on_save()
        return bool(dialog.result())

    tab._exec_dialog = correct  # type: ignore[method-assign]
    tab._link(QUrl(f"correct:{second.id}"))
    assert "Anxiety: 7 (high) → 4 (medium), better" in tab.words.toPlainText()
    tab._confirm_remove = lambda _record: True  # type: ignore[method-assign]
    tab._link(QUrl(f"remove:{first.id}"))
    measures = services.outcomes.for_person(person[0])[0].measures
    assert [(m.id, m.answers) for m in measures] == [(second.id, (5, 5, 5, 4))]
    assert "Change" not in tab.words.toPlainText()  # one taking left: no change to tell


def test_the_chart_leaves_a_gap_for_a_declined_item_never_a_zero(
    tab: OutcomesWidget, services: Any, person: tuple[uuid.UUID, uuid.UUID]
) -> None:
    _take(services, person, 3, 3, 4, 5, 7)
    _take(services, person, 20, 4, DECLINED, 5, 6)
    _take(services, person, 40, 6, 7, NOT_ASKED, 4)
    goal = services.plans.save_goal(GoalDraft(episode_id=person[1], words="Walk to the shop"))
    services.plans.rate_goal(goal.id, 3, REFERRED + dt.timedelta(days=3), "")
    services.plans.rate_goal(goal.id, 6, REFERRED + dt.timedelta(days=40), "")
    tab.show_person(person[0], None, "Tamsin")
    assert tab.episode is not None
    series = {s.name: s for s in chart_series(tab.episode, tab.goals)}
    assert [v for _d, v in series["Worthwhile"].points] == [4.0, None, 7.0]
    assert [v for _d, v in series["Happiness"].points] == [5.0, 5.0, None]
    assert [v for _d, v in series["Goal 1 confidence"].points] == [3.0, 6.0]
    assert series["Anxiety (lower is better)"].lower_better
    drawn = tab.chart.lines["Worthwhile"]
    assert [[p.y() for p in line.points()] for line in drawn] == [[4.0], [7.0]]
    assert all(p.y() > 0 for line in tab.chart.drawn_lines() for p in line.points())
    assert tab.chart.isVisibleTo(tab)
    assert "“Walk to the shop”: 3 → 6 of 10" in tab.words.toPlainText()
    tab.chart.shown["Worthwhile"].setChecked(False)
    assert not any(line.isVisible() for line in drawn)


def test_blank_forms_open_in_the_print_preview_in_large_print(
    qtbot: Any, tab: OutcomesWidget
) -> None:
    from linkworker.ui.printing.preview_dialog import PrintPreviewDialog

    shown: list[tuple[bool, int]] = []

    def look(dialog: QWidget) -> bool:
        assert isinstance(dialog, PrintPreviewDialog)
        shown.append((dialog.options().large_print, dialog.page_count()))
        return False

    tab._ask_forms = lambda: ([Measure.UCLA3, Measure.LONELY], True)  # type: ignore[method-assign]
    tab._exec_dialog = look  # type: ignore[method-assign]
    tab.print_forms()
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert shown == [(True, 2)]
