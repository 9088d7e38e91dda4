"""A second referral for the demo's Arthur Jenkins, through the real window over a copy of
the demo's data, as a new user tried it: New referral, tick Loneliness, Save.

His plan (goals, places, next contact) stays on screen and the caseload keeps him active;
keeping both referrals open lets either plan be shown; closing one asks what happens to
each place still open; the closed one is read back from the story, read-only.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QDialog

from linkworker.domain.episodes import PlaceOutcome
from linkworker.domain.journey import ReferralChoice
from linkworker.domain.people import CaseloadFilter, ClosingReason, EpisodeStatus
from linkworker.domain.plan import ReferralStatus
from linkworker.paths import AppPaths
from linkworker.services.context import Services, open_services
from linkworker.ui.main_window import Area, MainWindow
from linkworker.ui.people.episode_dialog import EpisodeDialog
from linkworker.ui.people.episode_history import EpisodeHistoryDialog
from linkworker.ui.people.people_page import PLAN_TAB, STORY_TAB, PeoplePage
from linkworker.ui.people.referral_choice_dialog import PlacesDialog, ReferralChoiceDialog


@pytest.fixture
def demo_services(demo_data: Path) -> Iterator[Services]:
    opened = open_services(AppPaths.under(demo_data))
    yield opened
    opened.close()


@pytest.fixture
def page(qtbot: Any, demo_services: Services) -> PeoplePage:
    window = MainWindow.with_services(demo_services)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.show_area(Area.PEOPLE)
    return window.people_page


def _arthur(services: Services) -> Any:
    (row,) = services.people.caseload(CaseloadFilter(text="Arthur Jenkins")).rows
    return row


def _new_referral(qtbot: Any, page: PeoplePage, choice: ReferralChoice) -> list[str]:
    """New referral from the story, choosing ``choice``, ticking Loneliness, saving."""
    opened: list[str] = []

    def run(dialog: QDialog) -> bool:
        opened.append(type(dialog).__name__)
        if isinstance(dialog, ReferralChoiceDialog):
            dialog.choose(choice)
            if dialog.places_box is not None:
                for box in dialog.places_box.combos.values():
                    box.setCurrentIndex(box.findData(PlaceOutcome.KEEP_GOING.value))
            qtbot.mouseClick(dialog.go_button, Qt.MouseButton.LeftButton)
        else:
            assert isinstance(dialog, EpisodeDialog)
            dialog.reason_checks["Loneliness"].setChecked(True)
            qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result() == QDialog.DialogCode.Accepted

    page.tabs.setCurrentIndex(STORY_TAB)
    page._exec_dialog = run  # type: ignore[method-assign]
    qtbot.mouseClick(page.referral_button, Qt.MouseButton.LeftButton)
    page.tabs.setCurrentIndex(PLAN_TAB)
    return opened


def test_a_second_referral_keeps_arthurs_plan(
    qtbot: Any, page: PeoplePage, demo_services: Services
) -> None:
    services = demo_services
    arthur = _arthur(services)
    assert arthur.status is EpisodeStatus.ACTIVE
    page.open_person(arthur.id, "plan")
    plan = page.plan_widget.plan
    assert plan is not None and plan.goals and plan.referrals
    goals, places = len(plan.goals), len(plan.referrals)

    # The bug as found: New referral, tick Loneliness, Save. Now it asks first.
    assert _new_referral(qtbot, page, ReferralChoice.ADD_TO_CURRENT) == [
        "ReferralChoiceDialog",
        "EpisodeDialog",
    ]
    assert page.plan_widget.plan is not None and page.plan_widget.plan.episode_id == plan.episode_id
    assert page.plan_widget.goal_model.rowCount() == goals
    assert len(services.people.get_person(arthur.id).episodes) == 1
    assert _arthur(services).status is EpisodeStatus.ACTIVE
    assert _arthur(services).next_contact == arthur.next_contact

    # Two teams: both open, either plan shown, the caseload still says active.
    _new_referral(qtbot, page, ReferralChoice.KEEP_BOTH)
    assert page.episode_switch.isVisible() and page.episode_switch.combo.count() == 2
    assert page.plan_widget.goal_model.rowCount() == goals  # the plan in progress first
    page.episode_switch.combo.setCurrentIndex(1)
    assert page.plan_widget.plan is not None and page.plan_widget.plan.goals == ()
    assert _arthur(services).status is EpisodeStatus.ACTIVE
    page.episode_switch.combo.setCurrentIndex(0)

    # Close the first and start anew: every place still open is asked about.
    opened = _new_referral(qtbot, page, ReferralChoice.CLOSE_AND_START)
    assert opened == ["ReferralChoiceDialog", "EpisodeDialog"]
    record = services.episodes.record(plan.episode_id)
    assert record.episode.draft.status is EpisodeStatus.CLOSED
    assert record.episode.draft.closing_reason is ClosingReason.REFERRED_ON
    assert len(record.plan.referrals) == places
    assert all(r.draft.status is ReferralStatus.STILL_GOING for r in record.plan.referrals)

    # The closed one reads back from the story, whole and read-only.
    page.tabs.setCurrentIndex(STORY_TAB)
    assert "Read it" in page.summary.toPlainText()
    shown: list[QDialog] = []
    page._exec_dialog = lambda dialog: bool(shown.append(dialog)) or True  # type: ignore[method-assign]
    page.open_episode_link(QUrl(f"episode:{plan.episode_id}"))
    (history,) = shown
    assert isinstance(history, EpisodeHistoryDialog)
    text = history.browser.toPlainText()
    assert plan.goals[0].draft.words[:30] in text
    assert "Moved on to other support" in text
    assert history.browser.isReadOnly()


def test_closing_from_the_form_asks_about_each_place(
    qtbot: Any, page: PeoplePage, demo_services: Services
) -> None:
    services = demo_services
    arthur = _arthur(services)
    page.open_person(arthur.id)
    opened: list[str] = []

    def run(dialog: QDialog) -> bool:
        opened.append(type(dialog).__name__)
        if isinstance(dialog, PlacesDialog):
            for box in dialog.places_box.combos.values():
                box.setCurrentIndex(box.findData(PlaceOutcome.STOPPED.value))
            qtbot.mouseClick(dialog.go_button, Qt.MouseButton.LeftButton)
        else:
            assert isinstance(dialog, EpisodeDialog)
            dialog.close_now()
            reason = dialog.closing_reason_combo.findData(ClosingReason.GOALS_MET.value)
            dialog.closing_reason_combo.setCurrentIndex(reason)
            qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result() == QDialog.DialogCode.Accepted

    page._exec_dialog = run  # type: ignore[method-assign]
    qtbot.mouseClick(page.update_referral_button, Qt.MouseButton.LeftButton)
    assert opened == ["EpisodeDialog", "PlacesDialog"]
    (episode,) = services.people.get_person(arthur.id).episodes
    assert episode.draft.status is EpisodeStatus.CLOSED
    plan = services.plans.get_plan(episode.id)
    assert plan.referrals and all(r.draft.status is ReferralStatus.STOPPED for r in plan.referrals)
    assert _arthur(services).status is EpisodeStatus.CLOSED
