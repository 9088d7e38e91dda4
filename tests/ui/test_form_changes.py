"""Whether a form has changed comes from its draft: a field edited and put back again is no
change, a blank row added is no change, and something typed that cannot be read is one.
Each record form, over real services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QLineEdit, QPlainTextEdit

from linkworker.domain.directory import AssetDraft, Day, Location, OpeningTime
from linkworker.domain.matching import FreeTime, MatchPreferences, PartOfDay
from linkworker.domain.people import EpisodeDraft, EpisodeStatus, ImportantPerson, PersonDraft
from linkworker.domain.plan import AssetReferralDraft, GoalDraft, GoalStep, ReferralStatus
from linkworker.ui.directory.asset_form_dialog import AssetFormDialog
from linkworker.ui.people.asset_referral_dialog import AssetReferralDialog
from linkworker.ui.people.conversation_dialog import ConversationDialog
from linkworker.ui.people.episode_dialog import EpisodeDialog
from linkworker.ui.people.goal_dialog import GoalDialog
from linkworker.ui.people.next_contact_dialog import NextContactDialog
from linkworker.ui.people.person_form_dialog import PersonFormDialog
from linkworker.ui.people.preferences_dialog import PreferencesDialog
from linkworker.ui.people.rate_goal_dialog import RateGoalDialog
from linkworker.ui.record_dialog import RecordDialog
from tests.data.people_helpers import AGREED

TODAY = dt.date.today()


def _never(*_args: object) -> bool:
    raise AssertionError("asked about changes on a form with none")


def _shown(qtbot: Any, dialog: RecordDialog) -> Any:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _closes_without_asking(qtbot: Any, dialog: RecordDialog) -> None:
    dialog._confirm_discard = _never  # type: ignore[method-assign]
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert not dialog.isVisible()


def _changed_then_back(
    dialog: RecordDialog, change: Callable[[], None], back: Callable[[], None]
) -> None:
    assert not dialog.is_dirty()
    change()
    assert dialog.is_dirty()
    back()
    assert not dialog.is_dirty()


def _typed_over(dialog: RecordDialog, edit: QLineEdit | QPlainTextEdit, other: str) -> None:
    """``other`` typed over what ``edit`` holds is a change; the old text put back is none."""
    if isinstance(edit, QPlainTextEdit):
        was = edit.toPlainText()
        _changed_then_back(dialog, lambda: edit.setPlainText(other), lambda: edit.setPlainText(was))
    else:
        was = edit.text()
        _changed_then_back(dialog, lambda: edit.setText(other), lambda: edit.setText(was))


def _ticked_over(dialog: RecordDialog, check: QCheckBox) -> None:
    """A box ticked (or unticked) is a change; put back as it was, none."""
    was = check.isChecked()
    _changed_then_back(dialog, lambda: check.setChecked(not was), lambda: check.setChecked(was))


def _chosen_over(dialog: RecordDialog, combo: QComboBox, other: object) -> None:
    """Another choice is a change; the old one chosen again is none."""
    was = combo.currentIndex()
    _changed_then_back(
        dialog,
        lambda: combo.setCurrentIndex(combo.findData(other)),
        lambda: combo.setCurrentIndex(was),
    )


def _person(services: Any) -> Any:
    return services.people.save_person(
        PersonDraft(
            given_name="Wilfred",
            family_name="Ashby",
            date_of_birth=dt.date(1950, 3, 14),
            important_people=(ImportantPerson("Edna", "Sister"),),
        )
    )


def _episode(services: Any, person: Any) -> Any:
    return services.people.save_episode(
        EpisodeDraft(
            consent_to_hold=AGREED, person_id=person.id, referral_date=TODAY - dt.timedelta(days=10)
        )
    )


def test_the_asset_form(qtbot: Any, services: Any) -> None:
    detail = services.directory.save(
        AssetDraft(
            name="Canal Walkers",
            locations=(Location(name="Lock Cottage", postcode="CH65 4AB"),),
            opening_times=(OpeningTime(Day.TUESDAY, dt.time(10), dt.time(12)),),
        )
    )
    dialog = _shown(qtbot, AssetFormDialog(services.directory.save, detail))
    _typed_over(dialog, dialog.name_edit, "Canal Strollers")
    _typed_over(dialog, dialog.time_rows[0].starts_edit, "09:30")
    _typed_over(dialog, dialog.age_min_edit, "old enough")  # cannot be read: a change
    dialog.add_location()  # a blank place is not saved, so it is no change
    dialog.add_opening_time()
    assert not dialog.is_dirty()
    _closes_without_asking(qtbot, dialog)


def test_the_person_form(qtbot: Any, services: Any) -> None:
    dialog = _shown(
        qtbot, PersonFormDialog(services.people.save_person, lambda _d: [], _person(services))
    )
    _typed_over(dialog, dialog.given_name_edit, "Wilf")
    _typed_over(dialog, dialog.dob_edit, "31/02/1950")  # not a date: a change
    _typed_over(dialog, dialog.important_rows[0].relationship_edit, "Twin")
    dialog.add_important_person()
    assert not dialog.is_dirty()
    _closes_without_asking(qtbot, dialog)


def test_the_referral_form(qtbot: Any, services: Any) -> None:
    person = _person(services)
    episode = _episode(services, person)
    dialog = _shown(
        qtbot, EpisodeDialog(services.people.save_episode, person.id, "Sam", detail=episode)
    )
    _typed_over(dialog, dialog.referrer_name_edit, "Dr Hale")
    _chosen_over(dialog, dialog.status_combo, EpisodeStatus.CLOSED.value)
    _closes_without_asking(qtbot, dialog)


def test_the_conversation_form(qtbot: Any, services: Any) -> None:
    person = _person(services)
    episode = _episode(services, person)
    dialog = ConversationDialog(
        services.people.save_conversation, services.drafts, episode.id, "Wilfred Ashby", "Sam"
    )
    dialog.autosave_timer.stop()
    _shown(qtbot, dialog)
    _typed_over(dialog, dialog.notes_edit, "Talked about the allotment")
    _typed_over(dialog, dialog.minutes_edit, "an hour")  # not a number: a change
    dialog._ask_keep_draft = _never  # type: ignore[method-assign]
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_the_goal_form(qtbot: Any, services: Any) -> None:
    episode = _episode(services, _person(services))
    goal = services.plans.save_goal(
        GoalDraft(episode_id=episode.id, words="Dig the allotment", steps=(GoalStep("Buy seeds"),))
    )
    dialog = _shown(qtbot, GoalDialog(services.plans.save_goal, episode.id, goal))
    _typed_over(dialog, dialog.words_edit, "Dig it all")
    _typed_over(dialog, dialog.step_rows[0].what_edit, "Buy bulbs")
    dialog.add_step()
    assert not dialog.is_dirty()
    _closes_without_asking(qtbot, dialog)


def test_the_confidence_form(qtbot: Any, services: Any) -> None:
    episode = _episode(services, _person(services))
    goal = services.plans.save_goal(GoalDraft(episode_id=episode.id, words="Sing again"))
    dialog = _shown(qtbot, RateGoalDialog(lambda *_a: goal, goal))
    scale = dialog.confidence
    _changed_then_back(dialog, lambda: scale.set_value(6), lambda: scale.set_value(None))
    _closes_without_asking(qtbot, dialog)


def test_the_place_in_the_plan_form(qtbot: Any, services: Any) -> None:
    episode = _episode(services, _person(services))
    asset = services.directory.save(AssetDraft(name="Riverside Cafe"))
    referral = services.plans.save_referral(
        AssetReferralDraft(
            episode_id=episode.id,
            asset_id=asset.id,
            status=ReferralStatus.AGREED,
            status_on=TODAY,
            getting_there="The 1 bus",
        )
    )
    dialog = _shown(qtbot, AssetReferralDialog(services.plans.save_referral, referral, "Sam"))
    _typed_over(dialog, dialog.getting_there_edit, "A lift")
    _chosen_over(dialog, dialog.status_combo, ReferralStatus.ATTENDED.value)
    _closes_without_asking(qtbot, dialog)


def test_the_next_contact_form(qtbot: Any) -> None:
    day = TODAY + dt.timedelta(days=7)
    dialog = _shown(qtbot, NextContactDialog(lambda _d: None, day))
    _ticked_over(dialog, dialog.none_check)
    when = dialog.date_edit
    _changed_then_back(
        dialog,
        lambda: when.setDate(QDate(day.year, day.month, day.day).addDays(1)),
        lambda: when.setDate(QDate(day.year, day.month, day.day)),
    )
    _closes_without_asking(qtbot, dialog)


@pytest.mark.parametrize("ticked", [False, True])
def test_the_what_suits_them_form(qtbot: Any, ticked: bool) -> None:
    monday = FreeTime(Day.MONDAY, PartOfDay.MORNING)
    preferences = MatchPreferences(free_times=(monday,) if ticked else ())
    dialog = _shown(qtbot, PreferencesDialog(lambda _p: None, preferences, ["Walking"]))
    _ticked_over(dialog, dialog.time_checks[monday])
    _ticked_over(dialog, dialog.kind_checks["Walking"])
    _closes_without_asking(qtbot, dialog)
