"""Consent to hold: before the person agrees, only the referral and contacts about it are
kept. Conversation notes, goals, places and measures are refused with a plain message and
nothing is written; a crisis conversation is still kept; agreeing in a conversation records
the consent (dated, by the worker signed in) in the same save. Real services, real SQLite."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from linkworker.domain.actor import Actor
from linkworker.domain.audit import AuditFilter
from linkworker.domain.closing import Story, StoryConsent
from linkworker.domain.directory import AssetDraft
from linkworker.domain.journey import ContactDraft
from linkworker.domain.keeping import Beyond, missing, missing_words
from linkworker.domain.outcomes import Measure, OutcomeRecord, Timepoint
from linkworker.domain.people import (
    ClosingReason,
    Consent,
    ConversationDraft,
    ConversationType,
    CrisisPlan,
    EpisodeStatus,
)
from linkworker.domain.plan import AssetReferralDraft, GoalDraft
from linkworker.services.context import Services
from linkworker.services.episodes import Closing
from linkworker.services.keeping import ConsentToHoldNeeded
from tests.data.people_helpers import NOW, TODAY, add_episode, add_person

WHEN = NOW - dt.timedelta(days=2)


@pytest.fixture
def unagreed(services: Services) -> tuple[uuid.UUID, uuid.UUID]:
    """A person referred last month who has not yet said whether we may keep their record."""
    services.units.actor = Actor(worker_id=uuid.UUID(int=7), worker_name="Sam Link")
    person = add_person(services.people, "Ffion", "Quayle")
    episode = add_episode(
        services.people, person, consent_to_hold=Consent(), status=EpisodeStatus.ACTIVE
    )
    return person, episode


def _refused(beyond: Beyond, caught: pytest.ExceptionInfo[ConsentToHoldNeeded]) -> None:
    assert caught.value.beyond is beyond
    assert "Nothing was saved" in caught.value.message
    assert "Update referral" in caught.value.advice


def test_nothing_beyond_the_referral_is_kept_before_they_agree(
    services: Services, unagreed: tuple[uuid.UUID, uuid.UUID]
) -> None:
    person, episode = unagreed
    with pytest.raises(ConsentToHoldNeeded) as caught:
        services.people.save_conversation(
            ConversationDraft(episode_id=episode, at=WHEN, notes="Talked about the allotment")
        )
    _refused(Beyond.CONVERSATION, caught)
    with pytest.raises(ConsentToHoldNeeded) as caught:
        services.plans.save_goal(GoalDraft(episode_id=episode, words="Grow tomatoes again"))
    _refused(Beyond.GOAL, caught)
    shed = services.directory.save(AssetDraft(name="Overpool Shed")).id
    with pytest.raises(ConsentToHoldNeeded) as caught:
        services.plans.save_referral(AssetReferralDraft(episode_id=episode, asset_id=shed))
    _refused(Beyond.PLACE, caught)
    with pytest.raises(ConsentToHoldNeeded) as caught:
        services.outcomes.record(
            OutcomeRecord(person, episode, Measure.ONS4, Timepoint.BASELINE, TODAY, (4, 5, 6, 3))
        )
    _refused(Beyond.MEASURE, caught)

    detail = services.people.get_person(person)
    assert detail.conversations == ()
    plan = services.plans.get_plan(episode)
    assert plan.goals == () and plan.referrals == ()
    assert services.outcomes.for_person(person)[0].measures == ()


def test_contacts_about_the_referral_and_a_crisis_are_kept_without_it(
    services: Services, unagreed: tuple[uuid.UUID, uuid.UUID]
) -> None:
    person, episode = unagreed
    booked = services.contacts.book(
        ContactDraft(episode_id=episode, starts_at=dt.datetime.now() + dt.timedelta(days=1))
    )
    assert booked.contact.id is not None
    crisis = services.people.save_conversation(
        ConversationDraft(
            episode_id=episode,
            at=WHEN,
            kind=ConversationType.CRISIS,
            crisis=CrisisPlan(must_change="Heating back on", check_back_on=TODAY),
        )
    )
    assert crisis.id in {c.id for c in services.people.get_person(person).conversations}


def test_agreeing_in_a_conversation_records_the_consent_in_the_same_save(
    services: Services, unagreed: tuple[uuid.UUID, uuid.UUID]
) -> None:
    person, episode = unagreed
    services.people.save_conversation(
        ConversationDraft(episode_id=episode, at=WHEN, notes="First proper chat"),
        agreed_to_hold=True,
    )
    consent = services.people.get_person(person).episodes[0].draft.consent_to_hold
    assert consent == Consent(True, WHEN.date(), "Sam Link")
    # Now the plan can be kept.
    goal = services.plans.save_goal(GoalDraft(episode_id=episode, words="Grow tomatoes again"))
    assert goal.id is not None
    changed = [
        e
        for e in services.audit.page(AuditFilter(person_id=str(person)))
        if "consent_to_hold_given" in e.details.get("fields", ())
    ]
    assert changed, "the consent is a change the audit trail records"


def test_the_window_is_told_what_is_missing() -> None:
    nothing = Consent()
    given = Consent(True, TODAY, "Sam")
    assert not missing(given, given, given).anything
    assert missing_words(missing(given, given, given)) == ""
    hold = missing_words(missing(nothing, given, given))
    assert "not yet agreed to us keeping their record" in hold
    assert "contacts about it are kept" in hold
    share = missing_words(missing(given, nothing, nothing))
    assert share.startswith("Not yet agreed to share with their GP")
    assert "places in their plan" in share


def test_a_referral_closes_without_it_but_a_story_waits_for_it(
    services: Services, unagreed: tuple[uuid.UUID, uuid.UUID]
) -> None:
    person, episode = unagreed
    on = TODAY - dt.timedelta(days=1)
    with pytest.raises(ConsentToHoldNeeded) as caught:
        services.episodes.close(
            episode,
            Closing(
                on=on,
                reason=ClosingReason.GOALS_MET,
                story=Story(words="The choir got me out again", consent=StoryConsent.NO),
            ),
        )
    _refused(Beyond.STORY, caught)
    assert services.people.get_person(person).episodes[0].draft.status is EpisodeStatus.ACTIVE
    closed = services.episodes.close(episode, Closing(on=on, reason=ClosingReason.NOT_TAKEN_UP))
    assert closed.draft.status is EpisodeStatus.CLOSED and not closed.draft.story.told
