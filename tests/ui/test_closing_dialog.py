"""Closing a referral well through the People page over a real database: the closing form
from the story and from the referral form, problems said beside their fields with nothing
typed lost, the story with its consent and a helper role kept and shown on the Story tab,
closing measures asked for next, and a closed referral never closed again."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

from linkworker.domain.closing import HelperRole, StoryConsent
from linkworker.domain.directory import AssetDraft
from linkworker.domain.episodes import PlaceOutcome
from linkworker.domain.outcomes import Measure, Timepoint
from linkworker.domain.people import (
    ClosingReason,
    ConversationDraft,
    EpisodeDraft,
    EpisodeStatus,
    PersonDraft,
)
from linkworker.domain.plan import AssetReferralDraft, ReferralStatus
from linkworker.errors import UserFacingError
from linkworker.services.episodes import AlreadyClosed, Closing
from linkworker.ui.people import people_actions
from linkworker.ui.people.closing_dialog import ClosingDialog
from linkworker.ui.people.episode_dialog import EpisodeDialog
from linkworker.ui.people.measure_dialog import MeasureDialog
from linkworker.ui.people.people_page import STORY_TAB, PeoplePage
from linkworker.ui.workers import Tasks
from tests.data.people_helpers import AGREED

TODAY = dt.date.today()
REFERRED = TODAY - dt.timedelta(days=40)
WORDS = "I go to the cafe on my own now and I help set up on Fridays."


def _arthur(services: Any) -> tuple[Any, Any, Any]:
    """Arthur, referred 40 days ago, seen, with the cafe in his plan; (person, episode, cafe)."""
    person = services.people.save_person(PersonDraft(given_name="Arthur", family_name="Jenkins"))
    episode = services.people.save_episode(
        EpisodeDraft(
            consent_to_hold=AGREED, person_id=person.id, referral_date=REFERRED, link_worker="Sam"
        )
    ).id
    services.people.save_conversation(
        ConversationDraft(episode_id=episode, at=dt.datetime.now() - dt.timedelta(days=30))
    )
    cafe = services.directory.save(AssetDraft(name="Elton Community Cafe")).id
    services.plans.save_referral(
        AssetReferralDraft(episode_id=episode, asset_id=cafe, status=ReferralStatus.ATTENDED)
    )
    return person, episode, cafe


@pytest.fixture
def page(qtbot: Any, services: Any) -> PeoplePage:
    services.settings.set("user_name", "Sam")
    widget = PeoplePage(services, Tasks())
    qtbot.addWidget(widget)
    widget.resize(1300, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _close_well(qtbot: Any, dialog: ClosingDialog) -> None:
    """First with everything wrong, then put right one by one, as a worker would."""
    dialog.closed_on_edit.setDate(REFERRED - dt.timedelta(days=1))
    dialog.story_edit.setPlainText(WORDS)
    row = dialog.giving_back.add_row()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "before the referral date" in dialog.field_error("closed_on")
    assert dialog.field_error("closing_reason")
    assert "shared" in dialog.field_error("story_consent")
    assert "pick a place or type its name" in dialog.field_error("helpers[0]")
    assert "Elton Community Cafe" in dialog.field_error("places")
    assert dialog.story_edit.toPlainText() == WORDS  # nothing typed is lost

    dialog.closed_on_edit.setDate(TODAY + dt.timedelta(days=1))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "in the future" in dialog.field_error("closed_on")

    dialog.closed_on_edit.setDate(TODAY)
    dialog.reason_combo.setCurrentIndex(dialog.reason_combo.findData(ClosingReason.GOALS_MET.value))
    assert dialog.field_error("closing_reason") == ""  # answered: the message goes
    (place,) = dialog.places_box.combos.values()  # type: ignore[union-attr]
    place.setCurrentIndex(place.findData(PlaceOutcome.KEEP_GOING.value))
    consent = dialog.consent_combo
    consent.setCurrentIndex(consent.findData(StoryConsent.YES.value))
    row.role_combo.setCurrentIndex(row.role_combo.findData(HelperRole.VOLUNTEER.value))
    qtbot.keyClicks(row.place_edit, "elton")
    row.look_up()  # as the pause in typing does
    row.place_edit.setText("Elton Community Cafe")  # picked from what the directory offers
    dialog.measures_check.setChecked(True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted, [
        (n, dialog.field_error(n))
        for n in ("closed_on", "closing_reason", "story_consent", "helpers[0]", "places")
    ]


def test_closing_from_the_story_keeps_the_story_and_the_helper_role_and_shows_them(
    qtbot: Any, page: PeoplePage, services: Any
) -> None:
    person, episode_id, cafe = _arthur(services)
    page.open_person(person.id)
    opened: list[str] = []

    def run(dialog: QDialog) -> bool:
        opened.append(type(dialog).__name__)
        assert isinstance(dialog, ClosingDialog)
        _close_well(qtbot, dialog)
        return True

    def measure(dialog: QWidget) -> bool:
        opened.append(type(dialog).__name__)
        assert isinstance(dialog, MeasureDialog)
        # The referral was just closed, so the form starts at the closing timepoint.
        assert dialog.timepoint_combo.currentData() == Timepoint.CLOSING.value
        dialog.measure_combo.setCurrentIndex(dialog.measure_combo.findData("connection"))
        for row, key in zip(dialog.rows[Measure.CONNECTION], "121", strict=True):
            qtbot.keyClicks(row.focus_widget(), key)
        dialog._on_save()
        return bool(dialog.result())

    page._exec_dialog = run  # type: ignore[method-assign]
    page.outcomes_widget._exec_dialog = measure  # type: ignore[method-assign]
    wanted: list[tuple[Any, Any]] = []
    page.closing_measures_wanted.connect(lambda p, e: wanted.append((p, e)))
    assert page.close_referral_button.isEnabled()
    qtbot.mouseClick(page.close_referral_button, Qt.MouseButton.LeftButton)

    assert opened == ["ClosingDialog", "MeasureDialog"]
    assert wanted == [(person.id, episode_id)]
    assert page.tabs.currentWidget() is page.outcomes_widget
    (closing,) = services.outcomes.for_person(person.id)[0].measures
    assert (closing.timepoint, closing.measure) == (Timepoint.CLOSING, Measure.CONNECTION)
    assert closing.answers == ("Yes", "Partly", "Yes")
    detail = services.people.get_person(person.id)
    (episode,) = detail.episodes
    assert episode.draft.status is EpisodeStatus.CLOSED
    assert episode.draft.closing_reason is ClosingReason.GOALS_MET
    assert episode.draft.story.words == WORDS
    assert episode.draft.story.consent is StoryConsent.YES
    assert episode.draft.story.recorded_by == "Sam"
    (role,) = detail.giving_back
    assert role.draft.asset_id == cafe and role.draft.role is HelperRole.VOLUNTEER
    (place,) = services.episodes.record(episode_id).plan.referrals
    assert place.draft.status is ReferralStatus.STILL_GOING

    page.tabs.setCurrentIndex(STORY_TAB)
    story = page.summary.toPlainText()
    assert WORDS in story
    assert "Sharing: Yes, shared without their name" in story
    assert f"Volunteer at Elton Community Cafe since {TODAY:%d %b %Y}" in story
    assert not page.close_referral_button.isEnabled()


def test_the_referral_form_hands_over_to_the_closing_form(
    qtbot: Any, page: PeoplePage, services: Any
) -> None:
    person, _episode, _cafe = _arthur(services)
    page.open_person(person.id)
    opened: list[str] = []

    def run(dialog: QDialog) -> bool:
        opened.append(type(dialog).__name__)
        if isinstance(dialog, EpisodeDialog):
            assert not dialog.close_referral_button.isHidden()
            dialog.referrer_name_edit.setText("Dr Patel")  # a change here is saved first
            qtbot.mouseClick(dialog.close_referral_button, Qt.MouseButton.LeftButton)
            return dialog.result() == QDialog.DialogCode.Accepted
        assert isinstance(dialog, ClosingDialog)
        return False  # the worker changes their mind: nothing closes

    page._exec_dialog = run  # type: ignore[method-assign]
    qtbot.mouseClick(page.update_referral_button, Qt.MouseButton.LeftButton)
    assert opened == ["EpisodeDialog", "ClosingDialog"]
    (episode,) = services.people.get_person(person.id).episodes
    assert episode.draft.referrer_name == "Dr Patel" and episode.is_open


def test_a_closed_referral_is_not_closed_again(
    qtbot: Any, page: PeoplePage, services: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    person, episode_id, _cafe = _arthur(services)
    current = services.episodes.open_episodes(person.id)[0]
    dialog = ClosingDialog(
        lambda c: services.episodes.close(episode_id, c),
        current,
        "Arthur Jenkins",
        "Sam",
    )
    qtbot.addWidget(dialog)
    shown: list[UserFacingError] = []
    dialog._show_error = shown.append  # type: ignore[method-assign]
    services.episodes.close(
        episode_id,
        Closing(
            on=TODAY,
            reason=ClosingReason.MOVED,
            places=tuple(
                (p.id, PlaceOutcome.STOPPED) for p in services.episodes.open_places(episode_id)
            ),
        ),
    )  # closed elsewhere while the form was open
    dialog.reason_combo.setCurrentIndex(dialog.reason_combo.findData(ClosingReason.GOALS_MET.value))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert [type(e) for e in shown] == [AlreadyClosed]
    assert dialog.result() != QDialog.DialogCode.Accepted

    told: list[UserFacingError] = []
    monkeypatch.setattr(people_actions, "show_user_error", lambda _w, exc: told.append(exc))
    page.open_person(person.id)
    page._exec_dialog = lambda d: pytest.fail("no form should open")  # type: ignore[method-assign]
    page.close_referral()
    assert [type(e) for e in told] == [AlreadyClosed]
    (episode,) = services.people.get_person(person.id).episodes
    assert episode.draft.closing_reason is ClosingReason.MOVED
