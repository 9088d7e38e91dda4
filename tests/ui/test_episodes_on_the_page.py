"""A second referral for someone whose plan is in progress, through the People page over a
real database: the plan stays on screen, both open plans can be shown, earlier episodes read
back; and the caseload opens on the worker's own open referrals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QDialog

from linkworker.domain.directory import AssetDraft
from linkworker.domain.episodes import PlaceOutcome
from linkworker.domain.journey import (
    ContactDraft,
    ContactOutcome,
    ContactPlace,
    ReferralChoice,
    ReferralResponse,
)
from linkworker.domain.people import (
    CaseloadFilter,
    ClosingReason,
    ConversationDraft,
    EpisodeDraft,
    EpisodeStatus,
    PersonDraft,
)
from linkworker.domain.plan import AssetReferralDraft, GoalDraft, ReferralStatus
from linkworker.services.episodes import Closing
from linkworker.ui.people.episode_dialog import EpisodeDialog
from linkworker.ui.people.episode_history import EpisodeHistoryDialog
from linkworker.ui.people.people_page import PLAN_TAB, STORY_TAB, SUGGESTIONS_TAB, PeoplePage
from linkworker.ui.people.referral_choice_dialog import PlacesDialog, ReferralChoiceDialog
from linkworker.ui.workers import Tasks
from tests.data.people_helpers import AGREED

TODAY = dt.date.today()


def _arthur(services: Any) -> Any:
    """Arthur, referred 40 days ago for low mood, seen, with a goal and a place."""
    person = services.people.save_person(
        PersonDraft(given_name="Arthur", family_name="Jenkins", nhs_number="9990000018")
    )
    episode = services.people.save_episode(
        EpisodeDraft(
            consent_to_hold=AGREED,
            person_id=person.id,
            referral_date=TODAY - dt.timedelta(days=40),
            reasons=("Low mood",),
            link_worker="Sam",
        )
    ).id
    services.people.save_conversation(
        ConversationDraft(episode_id=episode, at=dt.datetime.now() - dt.timedelta(days=30))
    )
    services.plans.save_goal(GoalDraft(episode_id=episode, words="Walk to the park each week"))
    cafe = services.directory.save(AssetDraft(name="Elton Community Cafe")).id
    services.plans.save_referral(
        AssetReferralDraft(episode_id=episode, asset_id=cafe, status=ReferralStatus.AGREED)
    )
    services.plans.set_next_contact(episode, TODAY + dt.timedelta(days=4))
    return person


@pytest.fixture
def page(qtbot: Any, services: Any) -> PeoplePage:
    widget = PeoplePage(services, Tasks())
    qtbot.addWidget(widget)
    widget.resize(1300, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _answer(
    qtbot: Any, choice: ReferralChoice, reason: str = "Loneliness"
) -> Callable[[QDialog], bool]:
    """Drive the dialogs New referral opens: the choice, then the referral with ``reason``."""

    def run(dialog: QDialog) -> bool:
        if isinstance(dialog, ReferralChoiceDialog):
            assert dialog.choice() is ReferralChoice.ADD_TO_CURRENT  # the usual case is default
            dialog.choose(choice)
            qtbot.mouseClick(dialog.go_button, Qt.MouseButton.LeftButton)
        else:
            assert isinstance(dialog, EpisodeDialog)
            dialog.reason_checks[reason].setChecked(True)
            qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result() == QDialog.DialogCode.Accepted

    return run


def _open_plan(page: PeoplePage, person_id: Any) -> None:
    page.open_person(person_id, "plan")
    assert page.tabs.currentIndex() == PLAN_TAB


def _new_referral(
    qtbot: Any, page: PeoplePage, choice: ReferralChoice, reason: str = "Loneliness"
) -> None:
    """From the story, where the button is, as a worker does it; then back to the plan."""
    page.tabs.setCurrentIndex(STORY_TAB)
    page._exec_dialog = _answer(qtbot, choice, reason)  # type: ignore[method-assign]
    qtbot.mouseClick(page.referral_button, Qt.MouseButton.LeftButton)
    page.tabs.setCurrentIndex(PLAN_TAB)


def _status(services: Any) -> EpisodeStatus | None:
    (row,) = services.people.caseload(CaseloadFilter()).rows
    return row.status


def test_adding_to_the_current_referral_keeps_the_plan_on_screen(
    qtbot: Any, page: PeoplePage, services: Any
) -> None:
    person = _arthur(services)
    _open_plan(page, person.id)
    assert page.plan_widget.goal_model.rowCount() == 1

    _new_referral(qtbot, page, ReferralChoice.ADD_TO_CURRENT)

    (episode,) = services.people.get_person(person.id).episodes
    assert episode.draft.reasons == ("Low mood", "Loneliness")
    assert page.tabs.currentIndex() == PLAN_TAB
    assert page.plan_widget.goal_model.rowCount() == 1
    assert page.plan_widget.goals_view.isVisible()
    assert not page.episode_switch.isVisible()  # one referral open: nothing to switch
    assert _status(services) is EpisodeStatus.ACTIVE


def test_keeping_both_open_lets_the_worker_switch_plans(
    qtbot: Any, page: PeoplePage, services: Any
) -> None:
    person = _arthur(services)
    _open_plan(page, person.id)
    _new_referral(qtbot, page, ReferralChoice.KEEP_BOTH)

    assert len(services.people.get_person(person.id).open_episodes) == 2
    assert _status(services) is EpisodeStatus.ACTIVE
    assert page.episode_switch.isVisible() and page.episode_switch.combo.count() == 2
    assert "Low mood" in page.episode_switch.combo.currentText()  # the plan in progress first
    assert page.plan_widget.goal_model.rowCount() == 1

    page.episode_switch.combo.setCurrentIndex(1)
    assert "Loneliness" in page.episode_switch.combo.currentText()
    assert page.plan_widget.plan is not None and page.plan_widget.plan.goals == ()
    second = page.plan_widget.plan.episode_id
    page.tabs.setCurrentIndex(SUGGESTIONS_TAB)  # places chosen here go to the plan on show
    assert page.suggestions_widget._episode_id == second
    page.tabs.setCurrentIndex(PLAN_TAB)
    page.episode_switch.combo.setCurrentIndex(0)
    assert page.plan_widget.goal_model.rowCount() == 1

    page.tabs.setCurrentIndex(STORY_TAB)
    html = page.summary.toHtml()
    assert html.count("Show its plan") == 2

    # Looking at the second, a referral added "to the current one" goes to the one on show.
    page.episode_switch.combo.setCurrentIndex(1)
    _new_referral(qtbot, page, ReferralChoice.ADD_TO_CURRENT, "Housing")
    reasons = sorted(e.draft.reasons for e in services.people.get_person(person.id).episodes)
    assert reasons == [("Loneliness", "Housing"), ("Low mood",)]
    assert "Loneliness, Housing" in page.episode_switch.combo.currentText()  # still on show


def test_an_earlier_episode_reads_back_whole_and_read_only(
    qtbot: Any, page: PeoplePage, services: Any
) -> None:
    person = _arthur(services)
    (episode,) = services.people.get_person(person.id).episodes
    services.episodes.respond(episode.id, ReferralResponse.ACCEPTED, TODAY - dt.timedelta(days=30))
    places = services.episodes.open_places(episode.id)
    services.contacts.book(
        ContactDraft(
            episode_id=episode.id,
            starts_at=dt.datetime.combine(TODAY - dt.timedelta(days=3), dt.time(10, 30)),
            minutes=45,
            place=ContactPlace.PHONE,
            outcome=ContactOutcome.COULD_NOT_REACH,
        )
    )

    services.episodes.record_referral(
        EpisodeDraft(
            consent_to_hold=AGREED, person_id=person.id, referral_date=TODAY, reasons=("Housing",)
        ),
        ReferralChoice.CLOSE_AND_START,
        Closing(
            on=TODAY,
            reason=ClosingReason.REFERRED_ON,
            places=tuple((p.id, PlaceOutcome.KEEP_GOING) for p in places),
        ),
    )
    page.open_person(person.id)
    story = page.summary.toPlainText()
    assert "waited 10 days for a first contact" in story
    assert "Read it" in story

    shown: list[EpisodeHistoryDialog] = []

    def look(dialog: QDialog) -> bool:
        assert isinstance(dialog, EpisodeHistoryDialog)
        shown.append(dialog)
        return True

    page._exec_dialog = look  # type: ignore[method-assign]
    page.open_episode_link(QUrl(f"episode:{episode.id}"))
    (dialog,) = shown
    text = dialog.browser.toPlainText()
    for words in (
        "Walk to the park each week",
        "Elton Community Cafe: Still going",
        "Accepted",
        "Waited 10 days for a first contact",
        "Closed",
        "Moved on to other support",
        "Contacts booked",
        "10:30 · Phone · 45 min · Could not reach",
    ):
        assert words in text, words
    assert dialog.browser.isReadOnly()


def test_the_caseload_opens_on_my_open_referrals_by_next_contact(qtbot: Any, services: Any) -> None:
    services.settings.set("user_name", "Sam")
    people = services.people
    for given, worker, days, status in (
        ("Later", "Sam", 9, EpisodeStatus.ACTIVE),
        ("Sooner", "Sam", 2, EpisodeStatus.WAITING),
        ("Closed", "Sam", None, EpisodeStatus.CLOSED),
        ("Theirs", "Ali", 1, EpisodeStatus.ACTIVE),
    ):
        person = people.save_person(PersonDraft(given_name=given, family_name="Jones"))
        people.save_episode(
            EpisodeDraft(
                consent_to_hold=AGREED,
                person_id=person.id,
                referral_date=TODAY - dt.timedelta(days=20),
                link_worker=worker,
                status=status,
                next_contact_on=TODAY + dt.timedelta(days=days) if days else None,
                closed_on=TODAY if status is EpisodeStatus.CLOSED else None,
                closing_reason=ClosingReason.MOVED if status is EpisodeStatus.CLOSED else None,
            )
        )
    page = PeoplePage(services, Tasks())
    qtbot.addWidget(page)
    names = [page.model.summary(r).name for r in range(page.model.rowCount())]
    assert names == ["Sooner Jones", "Later Jones"]
    assert page.mine_check.isChecked()

    services.settings.set("user_name", "Jo")  # a newcomer nobody is assigned to yet
    newcomer = PeoplePage(services, Tasks())
    qtbot.addWidget(newcomer)
    assert newcomer.model.rowCount() == 0
    assert "Show everyone" in newcomer.count_label.text()
    newcomer.count_label.linkActivated.emit("everyone")
    assert newcomer.model.rowCount() == 4

    services.settings.set("user_name", "")
    nobody_named = PeoplePage(services, Tasks())
    qtbot.addWidget(nobody_named)
    assert not nobody_named.mine_check.isChecked()
    assert nobody_named.model.rowCount() == 3  # everyone open


def test_declining_in_the_referral_form_asks_about_the_place_then_closes(
    qtbot: Any, page: PeoplePage, services: Any
) -> None:
    person = _arthur(services)
    page.open_person(person.id)
    opened: list[str] = []

    def run(dialog: QDialog) -> bool:
        opened.append(type(dialog).__name__)
        if isinstance(dialog, PlacesDialog):
            (box,) = dialog.places_box.combos.values()
            qtbot.mouseClick(dialog.go_button, Qt.MouseButton.LeftButton)
            assert "Elton Community Cafe" in dialog.banner.text()  # not answered: asked again
            box.setCurrentIndex(box.findData(PlaceOutcome.STOPPED.value))
            qtbot.mouseClick(dialog.go_button, Qt.MouseButton.LeftButton)
            return dialog.result() == QDialog.DialogCode.Accepted
        assert isinstance(dialog, EpisodeDialog)
        assert "10 days after the referral" in dialog.first_contact_label.text()
        dialog.response_combo.setCurrentIndex(
            dialog.response_combo.findData(ReferralResponse.DECLINED.value)
        )
        assert dialog.closing_shown()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert dialog.field_error("declined_reason")  # their reason is asked for
        dialog.declined_reason_edit.setPlainText("Feeling better, wants to try alone")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result() == QDialog.DialogCode.Accepted

    page._exec_dialog = run  # type: ignore[method-assign]
    qtbot.mouseClick(page.update_referral_button, Qt.MouseButton.LeftButton)
    assert opened == ["EpisodeDialog", "PlacesDialog"]
    (episode,) = services.people.get_person(person.id).episodes
    assert episode.draft.status is EpisodeStatus.CLOSED
    assert episode.draft.closing_reason is ClosingReason.DECLINED
    assert episode.draft.declined_reason == "Feeling better, wants to try alone"
    (place,) = services.plans.get_plan(episode.id).referrals
    assert place.draft.status is ReferralStatus.STOPPED
    assert _status(services) is EpisodeStatus.CLOSED


def test_the_questions_name_every_control_after_its_label(qtbot: Any, services: Any) -> None:
    from PySide6.QtWidgets import QLabel

    person = _arthur(services)
    current = services.episodes.open_episodes(person.id)[0]
    places = services.episodes.open_places(current.id)
    for dialog in (
        ReferralChoiceDialog("Arthur Jenkins", current, places),
        PlacesDialog(places),
    ):
        qtbot.addWidget(dialog)
        if isinstance(dialog, ReferralChoiceDialog):
            dialog.choose(ReferralChoice.CLOSE_AND_START)
        pairs = [
            (label.text().replace("&", "").lower(), buddy.accessibleName().lower())
            for label in dialog.findChildren(QLabel)
            if (buddy := label.buddy()) is not None
        ]
        assert pairs and [(t, n) for t, n in pairs if t not in n] == []
