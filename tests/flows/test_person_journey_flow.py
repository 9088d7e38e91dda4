"""One person's time with a link worker, through the real window over a real data folder.

A referral comes in; the link worker adds the person and their referral, has the
first "what matters" conversation in the person's words, looks at suggestions,
chooses a place together and writes a goal with a confidence rating. Life then
goes wrong: a crisis conversation with a short emergency plan. Weeks later, a
closing conversation closes the referral with its reason. Every step is read
back from the services and from what the window shows.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flow_helpers import click_save
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog

from linkworker.domain.episodes import PlaceOutcome
from linkworker.domain.people import ClosingReason, ConversationType, EpisodeStatus
from linkworker.domain.plan import ReferralStatus
from linkworker.ui.main_window import MainWindow
from linkworker.ui.people.closing_dialog import ClosingDialog
from linkworker.ui.people.conversation_dialog import ConversationDialog
from linkworker.ui.people.episode_dialog import EpisodeDialog
from linkworker.ui.people.goal_dialog import GoalDialog
from linkworker.ui.people.people_page import PLAN_TAB, STORY_TAB, SUGGESTIONS_TAB
from linkworker.ui.people.person_form_dialog import PersonFormDialog


def test_from_referral_to_closing(
    qtbot: Any, services: Any, monkeypatch: Any, people_window: MainWindow
) -> None:
    window = people_window
    page = window.people_page

    # 1. The referral arrives: add the person, then their referral.
    def add_person(dialog: PersonFormDialog) -> bool:
        qtbot.keyClicks(dialog.given_name_edit, "Gwen")
        qtbot.keyClicks(dialog.family_name_edit, "Pritchard")
        qtbot.keyClicks(dialog.nhs_number_edit, "999 000 0034")
        return click_save(qtbot, dialog)

    monkeypatch.setattr(page, "_exec_dialog", add_person)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    (row,) = services.people.caseload().rows
    assert row.name == "Gwen Pritchard" and row.status is None
    assert page._selected_id() == row.id

    def refer(dialog: EpisodeDialog) -> bool:
        dialog.reason_checks["Loneliness"].setChecked(True)
        dialog.reason_notes_edit.setPlainText("Widowed in the spring; days feel long.")
        for consent in dialog.consent_rows.values():
            consent.given_check.click()
        return click_save(qtbot, dialog)

    monkeypatch.setattr(page, "_exec_dialog", refer)
    qtbot.mouseClick(page.referral_button, Qt.MouseButton.LeftButton)
    (episode,) = services.people.get_person(row.id).episodes
    assert episode.draft.reasons == ("Loneliness",)
    assert episode.draft.status is EpisodeStatus.WAITING
    assert episode.draft.consent_share_providers.given
    assert episode.draft.consent_share_providers.recorded_by == "Priya Link"

    # 2. The first conversation, in her words.
    def first_talk(dialog: ConversationDialog) -> bool:
        assert dialog.kind() is ConversationType.FIRST
        dialog.answer_edits["what_matters"].setPlainText(
            "Getting my hands in the soil again, and someone to talk to"
        )
        dialog.answer_edits["enjoy"].setPlainText("Gardening, baking for the chapel")
        dialog.notes_edit.setPlainText("Met at the surgery. Warm and funny.")
        return click_save(qtbot, dialog)

    monkeypatch.setattr(page, "_exec_dialog", first_talk)
    qtbot.mouseClick(page.conversation_button, Qt.MouseButton.LeftButton)
    assert services.people.get_person(row.id).episodes[0].draft.status is EpisodeStatus.ACTIVE
    page.tabs.setCurrentIndex(STORY_TAB)
    assert "hands in the soil" in page.summary.toPlainText()

    # 3. Suggestions: her words bring a gardening place near the top, with reasons.
    page.tabs.setCurrentIndex(SUGGESTIONS_TAB)
    suggestions = page.suggestions_widget
    qtbot.waitUntil(lambda: suggestions.view.model().rowCount() > 0, timeout=5000)
    top = [suggestions.view.model().index(r, 0) for r in range(5)]
    names = [str(i.data(Qt.ItemDataRole.DisplayRole)) for i in top]
    result = services.matching.suggest(row.id, limit=5)
    assert next(s.name for s in result.suggestions) in names[0]
    garden = next(s for s in result.suggestions if "Gardening" in s.categories)
    assert any("garden" in reason for reason in garden.reasons)

    # Choose it together: Add to plan.
    suggestions.view.setCurrentIndex(
        suggestions.view.model().index(
            [s.asset_id for s in result.suggestions].index(garden.asset_id), 0
        )
    )
    suggestions.add_to_plan()
    plan = services.plans.plan_for_person(row.id)
    assert [(r.asset_name, r.draft.status) for r in plan.referrals] == [
        (garden.name, ReferralStatus.AGREED)
    ]

    # 4. A goal in her words, with how confident she feels.
    page.tabs.setCurrentIndex(PLAN_TAB)
    plan_widget = page.plan_widget

    def goal(dialog: GoalDialog) -> bool:
        dialog.words_edit.setPlainText("Grow my own tomatoes by the summer")
        dialog.confidence.set_value(4)
        dialog.add_step()
        dialog.step_rows[0].what_edit.setText("Go to the garden group with Priya")
        return click_save(qtbot, dialog)

    monkeypatch.setattr(plan_widget, "_exec_dialog", goal)
    qtbot.mouseClick(plan_widget.add_goal_button, Qt.MouseButton.LeftButton)
    (saved_goal,) = services.plans.plan_for_person(row.id).goals
    assert saved_goal.draft.words == "Grow my own tomatoes by the summer"
    assert saved_goal.latest_confidence == 4
    assert "tomatoes" in plan_widget.goal_model.plain(saved_goal)

    # 5. A crisis: what must change now, a short emergency plan, and a check back in days.
    def crisis(dialog: ConversationDialog) -> bool:
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(ConversationType.CRISIS))
        dialog.must_change_edit.setPlainText("The boiler is broken and it is freezing")
        dialog.step_rows[0].what_edit.setText("Ring the emergency heating scheme")
        dialog.step_rows[0].who_edit.setText("Priya")
        dialog.check_back_edit.setDate(QDate.currentDate().addDays(2))
        return click_save(qtbot, dialog)

    monkeypatch.setattr(page, "_exec_dialog", crisis)
    page.tabs.setCurrentIndex(STORY_TAB)
    qtbot.mouseClick(page.conversation_button, Qt.MouseButton.LeftButton)
    stored = services.people.get_person(row.id)
    crisis_plan = stored.conversations[0].draft.crisis
    assert crisis_plan is not None
    assert crisis_plan.must_change == "The boiler is broken and it is freezing"
    assert crisis_plan.check_back_on == dt.date.today() + dt.timedelta(days=2)
    assert "Crisis plan" in page.summary.toPlainText()

    # 6. Closing: the closing conversation leads straight to closing the referral.
    opened: list[str] = []

    def closing(dialog: QDialog) -> bool:
        opened.append(type(dialog).__name__)
        if isinstance(dialog, ConversationDialog):
            dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(ConversationType.CLOSING))
            dialog.notes_edit.setPlainText("Going to the garden group every week now.")
            return click_save(qtbot, dialog)
        assert isinstance(dialog, ClosingDialog)
        assert dialog.places_box is not None  # the garden is still open in the plan: ask
        for box in dialog.places_box.combos.values():
            box.setCurrentIndex(box.findData(PlaceOutcome.KEEP_GOING.value))
        dialog.reason_combo.setCurrentIndex(
            dialog.reason_combo.findData(ClosingReason.GOALS_MET.value)
        )
        dialog.note_edit.setPlainText("“I've got my Tuesdays back.”")
        return click_save(qtbot, dialog)

    monkeypatch.setattr(page, "_exec_dialog", closing)
    qtbot.mouseClick(page.conversation_button, Qt.MouseButton.LeftButton)
    assert opened == ["ConversationDialog", "ClosingDialog"]
    final = services.people.get_person(row.id)
    (closed,) = final.episodes
    assert closed.draft.status is EpisodeStatus.CLOSED
    assert closed.draft.closing_reason is ClosingReason.GOALS_MET
    assert closed.draft.closed_on == dt.date.today()
    assert [c.draft.kind for c in final.conversations] == [
        ConversationType.CLOSING,
        ConversationType.CRISIS,
        ConversationType.FIRST,
    ]
    assert services.people.caseload().rows[0].status is EpisodeStatus.CLOSED
    story = page.summary.toPlainText()
    assert "Goals met" in story and "garden group every week" in story
    # The history stays readable: the plan of the closed referral is still there.
    assert services.plans.plan_for_person(row.id).goals[0].draft.words.startswith("Grow")
    (garden,) = services.plans.plan_for_person(row.id).referrals
    assert garden.draft.status is ReferralStatus.STILL_GOING
    assert garden.history[-1].on == dt.date.today()
