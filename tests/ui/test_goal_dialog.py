"""The goal form and the confidence question, over a real database."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox, QDialog

from linkworker.domain.people import EpisodeDraft, PersonDraft
from linkworker.domain.plan import GoalDraft, GoalStatus, GoalStep, StepOwner
from linkworker.ui.people.goal_dialog import GoalDialog
from linkworker.ui.people.rate_goal_dialog import RateGoalDialog
from tests.data.people_helpers import AGREED

TODAY = dt.date.today()
REFERRED = TODAY - dt.timedelta(days=30)


def _episode(services: Any) -> Any:
    person = services.people.save_person(
        PersonDraft(given_name="Maureen", family_name="Oakes", nhs_number="9990000018")
    )
    return services.people.save_episode(
        EpisodeDraft(consent_to_hold=AGREED, person_id=person.id, referral_date=REFERRED)
    )


def _unexpected(*args: object) -> Any:
    raise AssertionError(f"unexpected message box: {args}")


def _show(qtbot: Any, dialog: Any) -> Any:
    qtbot.addWidget(dialog)
    dialog._confirm_discard = lambda: True
    dialog._ask_overwrite = _unexpected
    dialog._show_error = _unexpected
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _choose(combo: QComboBox, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, text
    combo.setCurrentIndex(index)


def _save(qtbot: Any, dialog: Any) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def test_a_new_goal_is_saved_in_their_words_with_steps_and_confidence(
    qtbot: Any, services: Any
) -> None:
    episode = _episode(services)
    dialog = _show(qtbot, GoalDialog(services.plans.save_goal, episode.id))
    assert dialog.windowTitle() == "Add a goal"
    assert dialog.confidence.value_label.text() == "Not asked yet"
    dialog.words_edit.setFocus()
    qtbot.keyClicks(dialog.words_edit, "Get back to my allotment before the spring")
    dialog.confidence.slider.setValue(4)
    assert dialog.confidence.value_label.text() == "4 of 10"
    qtbot.keyClicks(dialog.note_edit, "If my daughter came the first time")
    first = dialog.step_rows[0]
    qtbot.keyClicks(first.what_edit, "Ring the allotment society")
    first.by_edit.setDate(QDate(TODAY.year, TODAY.month, TODAY.day).addDays(7))
    second = dialog.add_step()
    qtbot.keyClicks(second.what_edit, "Find my gloves")
    assert second.who_name_edit.isHidden()  # a name is only asked for "Someone else"
    _choose(second.who_combo, "Someone else")
    assert not second.who_name_edit.isHidden()
    qtbot.keyClicks(second.who_name_edit, "my daughter Sarah")
    _save(qtbot, dialog)

    assert dialog.result() == QDialog.DialogCode.Accepted
    plan = services.plans.get_plan(episode.id)
    (goal,) = plan.goals
    assert goal.draft.words == "Get back to my allotment before the spring"
    assert [(r.score, r.on, r.note) for r in goal.ratings] == [
        (4, TODAY, "If my daughter came the first time")
    ]
    assert goal.draft.steps == (
        GoalStep("Ring the allotment society", StepOwner.PERSON, by=TODAY + dt.timedelta(days=7)),
        GoalStep("Find my gloves", StepOwner.SOMEONE_ELSE, who_name="my daughter Sarah"),
    )


def test_the_goal_must_be_in_words_and_each_step_must_say_what(qtbot: Any, services: Any) -> None:
    episode = _episode(services)
    dialog = _show(qtbot, GoalDialog(services.plans.save_goal, episode.id))
    _choose(dialog.step_rows[0].who_combo, "Someone else")
    qtbot.keyClicks(dialog.step_rows[0].who_name_edit, "Sarah")
    _save(qtbot, dialog)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.field_error("words") == "Write the goal in their words."
    assert dialog.field_error("steps") == "Say what each step is."
    assert not dialog.banner.isHidden()
    assert services.plans.get_plan(episode.id).goals == ()


def test_problems_found_by_the_plan_service_appear_beside_the_steps(
    qtbot: Any, services: Any
) -> None:
    episode = _episode(services)
    dialog = _show(qtbot, GoalDialog(services.plans.save_goal, episode.id))
    dialog.words_edit.setPlainText("Go to the cafe on my own")
    row = dialog.step_rows[0]
    row.what_edit.setText("Walk past the cafe")
    before = REFERRED - dt.timedelta(days=3)
    row.by_edit.setDate(QDate(before.year, before.month, before.day))
    other = dialog.add_step()
    other.what_edit.setText("Go in for a cup of tea")
    _choose(other.who_combo, "Someone else")
    _save(qtbot, dialog)
    assert dialog.result() != QDialog.DialogCode.Accepted
    message = dialog.field_error("steps")
    assert "Step 1: the date is before the referral" in message
    assert "Step 2: say who will do it." in message
    assert services.plans.get_plan(episode.id).goals == ()


def test_editing_without_asking_again_adds_no_rating(qtbot: Any, services: Any) -> None:
    episode = _episode(services)
    goal = services.plans.save_goal(GoalDraft(episode_id=episode.id, words="Sleep better"))
    goal = services.plans.rate_goal(goal.id, 5, TODAY - dt.timedelta(days=10))
    dialog = _show(qtbot, GoalDialog(services.plans.save_goal, episode.id, goal))
    assert dialog.windowTitle() == "Edit goal"
    assert dialog.confidence.value() is None
    assert dialog.confidence.slider.value() == 5  # where they were last time
    assert "Before: 5" in dialog.history_label.text()
    dialog.words_edit.setPlainText("Sleep better, most nights")
    _choose(dialog.status_combo, "Achieved")
    _save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = services.plans.get_plan(episode.id).goals[0]
    assert saved.draft.words == "Sleep better, most nights"
    assert saved.draft.status is GoalStatus.ACHIEVED
    assert [r.score for r in saved.ratings] == [5]


def test_ticking_a_step_done_dates_it(qtbot: Any, services: Any) -> None:
    episode = _episode(services)
    goal = services.plans.save_goal(
        GoalDraft(
            episode_id=episode.id,
            words="Get out of the house twice a week",
            steps=(GoalStep("Try the walking group"), GoalStep("Ask about the bus pass")),
        )
    )
    dialog = _show(qtbot, GoalDialog(services.plans.save_goal, episode.id, goal))
    assert len(dialog.step_rows) == 2
    dialog.step_rows[0].done_check.setChecked(True)
    _save(qtbot, dialog)
    steps = services.plans.get_plan(episode.id).goals[0].draft.steps
    assert [(s.what, s.done, s.done_on) for s in steps] == [
        ("Try the walking group", True, TODAY),
        ("Ask about the bus pass", False, None),
    ]


def test_a_goal_changed_elsewhere_shows_both_versions(qtbot: Any, services: Any) -> None:
    episode = _episode(services)
    goal = services.plans.save_goal(GoalDraft(episode_id=episode.id, words="Cook for myself"))
    dialog = _show(qtbot, GoalDialog(services.plans.save_goal, episode.id, goal))
    services.plans.save_goal(
        GoalDraft(episode_id=episode.id, id=goal.id, version=goal.version, words="Cook once a week")
    )
    asked: list[Any] = []

    def choose(found: Any) -> dict[str, str]:
        asked.append(found)
        return found.choices("mine")

    dialog._choose_merge = choose
    dialog.words_edit.setPlainText("Cook a proper meal for myself")
    _save(qtbot, dialog)
    assert [(d.name, d.theirs, d.mine) for d in asked[0].differences] == [
        ("words", "Cook once a week", "Cook a proper meal for myself")
    ]
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert (
        services.plans.get_plan(episode.id).goals[0].draft.words == "Cook a proper meal for myself"
    )


def test_removing_a_step(qtbot: Any, services: Any) -> None:
    episode = _episode(services)
    goal = services.plans.save_goal(
        GoalDraft(
            episode_id=episode.id,
            words="Feel less alone",
            steps=(GoalStep("Phone my brother"), GoalStep("Go to the cafe")),
        )
    )
    dialog = _show(qtbot, GoalDialog(services.plans.save_goal, episode.id, goal))
    qtbot.mouseClick(dialog.step_rows[0].remove_button, Qt.MouseButton.LeftButton)
    assert dialog.step_rows[0].what_edit.accessibleName() == "Step 1: what"
    _save(qtbot, dialog)
    steps = services.plans.get_plan(episode.id).goals[0].draft.steps
    assert [s.what for s in steps] == ["Go to the cafe"]


def test_asking_confidence_again_records_the_answer(qtbot: Any, services: Any) -> None:
    episode = _episode(services)
    goal = services.plans.save_goal(GoalDraft(episode_id=episode.id, words="Join a choir"))
    goal = services.plans.rate_goal(goal.id, 3, TODAY - dt.timedelta(days=14))

    def rate(score: int, on: dt.date, note: str) -> Any:
        return services.plans.rate_goal(goal.id, score, on, note)

    dialog = _show(qtbot, RateGoalDialog(rate, goal))
    _save(qtbot, dialog)  # no number given yet
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.field_error("confidence") == "Move the slider to the number they give."
    dialog.confidence.slider.setFocus()
    for _ in range(3):
        qtbot.keyClick(dialog.confidence.slider, Qt.Key.Key_Right)
    assert dialog.confidence.value() == 6
    dialog.note_edit.setText("Went to one practice")
    _save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    ratings = services.plans.get_plan(episode.id).goals[0].ratings
    assert [(r.score, r.on, r.note) for r in ratings] == [
        (3, TODAY - dt.timedelta(days=14), ""),
        (6, TODAY, "Went to one practice"),
    ]


def test_a_rating_dated_before_the_referral_is_shown_beside_the_date(
    qtbot: Any, services: Any
) -> None:
    episode = _episode(services)
    goal = services.plans.save_goal(GoalDraft(episode_id=episode.id, words="Join a choir"))

    def rate(score: int, on: dt.date, note: str) -> Any:
        return services.plans.rate_goal(goal.id, score, on, note)

    dialog = _show(qtbot, RateGoalDialog(rate, goal))
    dialog.confidence.slider.setValue(5)
    early = REFERRED - dt.timedelta(days=1)
    dialog.on_edit.setDate(QDate(early.year, early.month, early.day))
    _save(qtbot, dialog)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "before the referral" in dialog.field_error("confidence_on")
    assert services.plans.get_plan(episode.id).goals[0].ratings == ()
