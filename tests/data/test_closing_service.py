"""Closing a referral well, through the real services on a real SQLite file: the story
with its consent, helper roles with their place, what happens to open places, refusals,
an audit trail that keeps none of the story's words, and erasure that removes it all."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from linkworker.domain.actor import Actor
from linkworker.domain.audit import AuditFilter
from linkworker.domain.closing import GivingBackDraft, HelperRole, Story, StoryConsent
from linkworker.domain.directory import AssetDraft
from linkworker.domain.episodes import PlaceOutcome
from linkworker.domain.people import ClosingReason, EpisodeStatus
from linkworker.domain.plan import AssetReferralDraft, ReferralStatus
from linkworker.services.context import Services
from linkworker.services.episodes import AlreadyClosed, Closing, PlacesStillOpen
from linkworker.services.people import InvalidPerson
from tests.data.people_helpers import add_episode, add_person

TODAY = dt.date.today()
REFERRED = TODAY - dt.timedelta(days=90)
WORDS = "I walk to the garden every Tuesday now and I know everyone there by name."


@pytest.fixture
def open_episode(services: Services) -> tuple[uuid.UUID, uuid.UUID]:
    services.units.actor = Actor(worker_id=uuid.UUID(int=5), worker_name="Sam Link")
    person_id = add_person(services.people, "Nia", "Quarry")
    episode_id = add_episode(
        services.people, person_id, status=EpisodeStatus.ACTIVE, referral_date=REFERRED
    )
    return person_id, episode_id


def _place(services: Services, episode_id: uuid.UUID, name: str) -> tuple[uuid.UUID, uuid.UUID]:
    asset = services.directory.save(AssetDraft(name=name)).id
    referral = services.plans.save_referral(
        AssetReferralDraft(
            episode_id=episode_id,
            asset_id=asset,
            status=ReferralStatus.ATTENDED,
            status_on=REFERRED,
        )
    ).id
    return asset, referral


def test_closing_keeps_the_story_its_consent_and_helper_roles(
    services: Services, open_episode: tuple[uuid.UUID, uuid.UUID]
) -> None:
    person_id, episode_id = open_episode
    garden, place = _place(services, episode_id, "Riverside Community Garden")
    on = TODAY - dt.timedelta(days=2)
    closed = services.episodes.close(
        episode_id,
        Closing(
            on=on,
            reason=ClosingReason.GOALS_MET,
            note="Doing well",
            places=((place, PlaceOutcome.KEEP_GOING),),
            story=Story(words=WORDS, consent=StoryConsent.YES),
            helpers=(
                GivingBackDraft(HelperRole.VOLUNTEER, on, asset_id=garden),
                GivingBackDraft(HelperRole.PEER_SUPPORTER, on, place_name=" Tuesday chat group "),
            ),
        ),
    )
    assert closed.draft.status is EpisodeStatus.CLOSED and closed.draft.closed_on == on
    story = closed.draft.story
    assert story.words == WORDS and story.consent is StoryConsent.YES
    # Dated the closing day and recorded by whoever closed it, when not said.
    assert story.consent_on == on and story.recorded_by == "Sam Link"

    person = services.people.get_person(person_id)
    roles = [(g.draft.role, g.draft.place_name, g.draft.asset_id) for g in person.giving_back]
    assert roles == [
        (HelperRole.VOLUNTEER, "Riverside Community Garden", garden),
        (HelperRole.PEER_SUPPORTER, "Tuesday chat group", None),
    ]
    assert all(
        g.episode_id == episode_id and g.recorded_by == "Sam Link" for g in person.giving_back
    )
    (kept,) = services.episodes.record(episode_id).plan.referrals
    assert kept.draft.status is ReferralStatus.STILL_GOING


def test_closing_refuses_bad_input_and_keeps_nothing(
    services: Services, open_episode: tuple[uuid.UUID, uuid.UUID]
) -> None:
    person_id, episode_id = open_episode
    bad = Closing(
        on=REFERRED - dt.timedelta(days=1),
        reason=None,
        story=Story(words=WORDS),
        helpers=(GivingBackDraft(HelperRole.VOLUNTEER, TODAY),),
    )
    with pytest.raises(InvalidPerson) as caught:
        services.episodes.close(episode_id, bad)
    fields = {p.field for p in caught.value.problems}
    assert fields == {"closed_on", "closing_reason", "story_consent", "helpers[0]"}
    future = Closing(on=TODAY + dt.timedelta(days=1), reason=ClosingReason.MOVED)
    with pytest.raises(InvalidPerson) as caught:
        services.episodes.close(episode_id, future)
    assert [p.message for p in caught.value.problems] == ["The closing date is in the future."]

    _garden, _place_id = _place(services, episode_id, "Riverside Community Garden")
    with pytest.raises(PlacesStillOpen):
        services.episodes.close(episode_id, Closing(on=TODAY, reason=ClosingReason.MOVED))
    person = services.people.get_person(person_id)
    assert person.episodes[0].is_open and person.giving_back == ()


def test_a_closed_referral_cannot_be_closed_again(
    services: Services, open_episode: tuple[uuid.UUID, uuid.UUID]
) -> None:
    _person_id, episode_id = open_episode
    services.episodes.close(episode_id, Closing(on=TODAY, reason=ClosingReason.DISENGAGED))
    with pytest.raises(AlreadyClosed) as caught:
        services.episodes.close(episode_id, Closing(on=TODAY, reason=ClosingReason.GOALS_MET))
    assert f"{TODAY:%d %B %Y}" in caught.value.message
    assert services.episodes.record(episode_id).episode.draft.closing_reason is (
        ClosingReason.DISENGAGED
    )


def test_the_trail_keeps_the_consent_answer_but_never_the_story_and_erasure_removes_it(
    services: Services, open_episode: tuple[uuid.UUID, uuid.UUID]
) -> None:
    person_id, episode_id = open_episode
    services.episodes.close(
        episode_id,
        Closing(
            on=TODAY,
            reason=ClosingReason.GOALS_MET,
            story=Story(words=WORDS, consent=StoryConsent.NAMED),
            helpers=(
                GivingBackDraft(HelperRole.GROUP_ORGANISER, TODAY, place_name="Knit and natter"),
            ),
        ),
    )
    entries = services.audit.page(AuditFilter(person_id=str(person_id)), limit=100)
    whole = " ".join(e.detail for e in entries)
    assert '"named"' in whole  # the answer is a structured value, kept
    for secret in ("garden every Tuesday", "Knit and natter", "Sam Link"):
        assert secret not in whole
    assert any(e.subject == "giving_back" and e.action == "create" for e in entries)

    report = services.rights.subject_access(person_id)
    (referral,) = report.data["referrals"]
    assert referral["story"]["words"] == WORDS
    assert referral["story"]["consent"]["code"] == "named"
    (role,) = report.data["helper_roles"]
    assert role["draft"]["role"] == {"code": "group_organiser", "term": "Group organiser"}
    shown = " ".join(
        f"{item.heading} {item.facts} {item.words}"
        for section in report.sections
        for item in section.items
    )
    assert "garden every Tuesday" in shown and "Group organiser" in shown

    removed = services.rights.erase(person_id, "request")
    assert removed["giving_back"] == 1 and removed["episode"] == 1
    with services.units.read() as uow:
        assert uow.giving_back.of_person(person_id) == []


def test_closing_many_closes_each_or_none(
    services: Services, open_episode: tuple[uuid.UUID, uuid.UUID]
) -> None:
    person_id, episode_id = open_episode
    other = add_episode(
        services.people,
        add_person(services.people, "Owen", "Brook"),
        status=EpisodeStatus.ACTIVE,
        referral_date=REFERRED,
    )
    bad = Closing(on=REFERRED - dt.timedelta(days=1), reason=ClosingReason.MOVED)
    with pytest.raises(InvalidPerson):
        services.episodes.close_many(
            [(other, Closing(on=TODAY, reason=ClosingReason.GOALS_MET)), (episode_id, bad)]
        )
    assert services.episodes.record(other).episode.draft.status is EpisodeStatus.ACTIVE

    closed = services.episodes.close_many(
        [
            (other, Closing(on=TODAY, reason=ClosingReason.GOALS_MET)),
            (episode_id, Closing(on=TODAY, reason=ClosingReason.MOVED)),
        ]
    )
    assert closed == 2
    assert services.episodes.record(other).episode.draft.closing_reason is ClosingReason.GOALS_MET
    (mine,) = services.people.get_person(person_id).episodes
    assert mine.draft.status is EpisodeStatus.CLOSED
    assert mine.draft.closing_reason is ClosingReason.MOVED
