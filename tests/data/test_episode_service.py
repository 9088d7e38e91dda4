"""Episodes over the years, against a real database file: a referral arriving while one is
open, how a referral was answered, closing with places still open, earlier episodes."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from linkworker import errors
from linkworker.data.database import Database
from linkworker.data.unit_of_work import UnitsOfWork
from linkworker.domain.directory import AssetDraft
from linkworker.domain.episodes import PlaceOutcome
from linkworker.domain.journey import ReferralChoice, ReferralResponse
from linkworker.domain.people import (
    CaseloadFilter,
    CaseloadSort,
    ClosingReason,
    ConversationDraft,
    EpisodeDraft,
    EpisodeStatus,
    PersonDraft,
)
from linkworker.domain.plan import AssetReferralDraft, GoalDraft, ReferralStatus
from linkworker.services.directory import DirectoryService
from linkworker.services.episodes import (
    Closing,
    EpisodeService,
    PlacesStillOpen,
    ReferralChoiceNeeded,
)
from linkworker.services.people import InvalidPerson, PeopleService
from linkworker.services.plan import PlanService
from tests.data.people_helpers import AGREED, NOW, TODAY


class World:
    def __init__(self, db: Database) -> None:
        units = UnitsOfWork(db)
        self.people = PeopleService(units, today=lambda: TODAY, now=lambda: NOW)
        self.episodes = EpisodeService(units, today=lambda: TODAY)
        self.plans = PlanService(units, today=lambda: TODAY)
        self.directory = DirectoryService(units, today=lambda: TODAY)
        self.person = self.people.save_person(
            PersonDraft(given_name="Arthur", family_name="Jenkins")
        ).id

    def referral(self, days_ago: int, *reasons: str, notes: str = "") -> EpisodeDraft:
        return EpisodeDraft(
            consent_to_hold=AGREED,
            person_id=self.person,
            referral_date=TODAY - dt.timedelta(days=days_ago),
            reasons=reasons,
            reason_notes=notes,
            link_worker="Sam",
        )

    def with_plan(self) -> uuid.UUID:
        """An active episode 60 days old with a goal, a place and a next contact."""
        episode = self.episodes.record_referral(
            self.referral(60, "Low mood", notes="Lost his wife last year")
        ).id
        self.people.save_conversation(
            ConversationDraft(episode_id=episode, at=NOW - dt.timedelta(days=50))
        )
        self.plans.save_goal(GoalDraft(episode_id=episode, words="Get out of the house"))
        self.plans.set_next_contact(episode, TODAY + dt.timedelta(days=3))
        return episode

    def place(self, episode: uuid.UUID, name: str, status: ReferralStatus) -> uuid.UUID:
        asset = self.directory.save(AssetDraft(name=name)).id
        return self.plans.save_referral(
            AssetReferralDraft(episode_id=episode, asset_id=asset, status=status, status_on=TODAY)
        ).id

    def row_status(self) -> EpisodeStatus | None:
        (row,) = self.people.caseload(CaseloadFilter()).rows
        return row.status


@pytest.fixture
def world(db: Database) -> World:
    return World(db)


def test_a_referral_while_one_is_open_is_refused_until_a_choice_is_made(world: World) -> None:
    first = world.with_plan()
    with pytest.raises(ReferralChoiceNeeded) as caught:
        world.episodes.record_referral(world.referral(0, "Loneliness"))
    assert "Nothing was saved" in caught.value.message
    assert "add these reasons" in caught.value.advice
    detail = world.people.get_person(world.person)
    assert [e.id for e in detail.episodes] == [first]
    assert world.row_status() is EpisodeStatus.ACTIVE


def test_adding_to_the_current_episode_keeps_its_plan_and_merges_reasons(world: World) -> None:
    first = world.with_plan()
    saved = world.episodes.record_referral(
        world.referral(0, "Loneliness", "low mood", notes="Rarely goes out"),
        ReferralChoice.ADD_TO_CURRENT,
    )
    assert saved.id == first
    assert saved.draft.reasons == ("Low mood", "Loneliness")
    assert saved.draft.reason_notes == (
        "Lost his wife last year\n\nAdded 15 Jun 2026: Rarely goes out"
    )
    assert saved.draft.referral_date == TODAY - dt.timedelta(days=60)  # not overwritten
    assert saved.draft.status is EpisodeStatus.ACTIVE
    assert len(world.people.get_person(world.person).episodes) == 1
    plan = world.plans.plan_for_person(world.person)
    assert plan is not None and [g.draft.words for g in plan.goals] == ["Get out of the house"]
    assert world.row_status() is EpisodeStatus.ACTIVE


def test_keeping_both_open_leaves_the_plan_current_and_the_caseload_active(
    world: World,
) -> None:
    first = world.with_plan()
    second = world.episodes.record_referral(
        world.referral(0, "Money or debt"), ReferralChoice.KEEP_BOTH
    )
    assert second.id != first and second.draft.status is EpisodeStatus.WAITING
    assert world.plans.current_episode_id(world.person) == first
    assert [e.id for e in world.episodes.open_episodes(world.person)] == [first, second.id]
    (row,) = world.people.caseload(CaseloadFilter()).rows
    assert row.status is EpisodeStatus.ACTIVE
    assert row.next_contact == TODAY + dt.timedelta(days=3)
    assert world.plans.get_plan(second.id).goals == ()


def test_closing_and_starting_asks_what_happens_to_each_open_place(world: World) -> None:
    first = world.with_plan()
    cafe = world.place(first, "Elton Community Cafe", ReferralStatus.ATTENDED)
    walk = world.place(first, "Rivacre Walking Group", ReferralStatus.REFERRED)
    done = world.place(first, "Port Chess Club", ReferralStatus.STOPPED)
    closing = Closing(on=TODAY, reason=ClosingReason.REFERRED_ON, recorded_by="Sam")
    with pytest.raises(PlacesStillOpen) as caught:
        world.episodes.record_referral(
            world.referral(0, "Housing"), ReferralChoice.CLOSE_AND_START, closing
        )
    assert {p.id for p in caught.value.places} == {cafe, walk}
    assert "Elton Community Cafe" in caught.value.message
    assert world.episodes.open_episodes(world.person)[0].id == first  # nothing written

    answered = Closing(
        on=TODAY,
        reason=ClosingReason.REFERRED_ON,
        places=((cafe, PlaceOutcome.KEEP_GOING), (walk, PlaceOutcome.STOPPED)),
        recorded_by="Sam",
    )
    new = world.episodes.record_referral(
        world.referral(0, "Housing"), ReferralChoice.CLOSE_AND_START, answered
    )
    old = world.episodes.record(first)
    assert old.episode.draft.status is EpisodeStatus.CLOSED
    assert old.episode.draft.closing_reason is ClosingReason.REFERRED_ON
    assert old.episode.draft.closed_on == TODAY
    places = {r.id: r for r in old.plan.referrals}
    assert places[cafe].draft.status is ReferralStatus.STILL_GOING
    assert places[cafe].history[-1].on == TODAY
    assert places[cafe].history[-1].recorded_by == "Sam"
    assert places[walk].draft.status is ReferralStatus.STOPPED
    assert len(places[done].history) == 1  # already stopped: nothing added
    assert world.plans.current_episode_id(world.person) == new.id
    assert world.row_status() is EpisodeStatus.WAITING


def test_a_first_referral_needs_no_choice(world: World) -> None:
    saved = world.episodes.record_referral(world.referral(3, "Loneliness"))
    assert world.plans.current_episode_id(world.person) == saved.id
    with pytest.raises(InvalidPerson):
        world.episodes.record_referral(world.referral(-2, "Loneliness"))  # in the future


def test_declining_closes_with_the_persons_reason_and_the_first_contact_is_dated(
    world: World,
) -> None:
    episode = world.episodes.record_referral(world.referral(20, "Loneliness")).id
    assert world.episodes.record(episode).episode.waiting_days is None
    world.people.save_conversation(
        ConversationDraft(episode_id=episode, at=NOW - dt.timedelta(days=6))
    )
    record = world.episodes.record(episode)
    assert record.episode.draft.first_contact_on == TODAY - dt.timedelta(days=6)
    assert record.episode.waiting_days == 14
    assert len(record.conversations) == 1

    with pytest.raises(InvalidPerson) as caught:
        world.episodes.respond(episode, ReferralResponse.DECLINED, TODAY)
    assert caught.value.problems[0].field == "declined_reason"
    closed = world.episodes.respond(
        episode, ReferralResponse.DECLINED, TODAY, declined_reason="  Not ready yet "
    )
    assert closed.draft.status is EpisodeStatus.CLOSED
    assert closed.draft.closing_reason is ClosingReason.DECLINED
    assert closed.draft.declined_reason == "Not ready yet"
    assert (closed.draft.response, closed.draft.responded_on) == (
        ReferralResponse.DECLINED,
        TODAY,
    )


def test_accepting_is_dated_and_not_taken_up_asks_about_places(world: World) -> None:
    episode = world.with_plan()
    accepted = world.episodes.respond(episode, ReferralResponse.ACCEPTED, TODAY)
    assert accepted.draft.response is ReferralResponse.ACCEPTED
    assert accepted.draft.status is EpisodeStatus.ACTIVE
    place = world.place(episode, "Elton Community Cafe", ReferralStatus.SUGGESTED)
    with pytest.raises(PlacesStillOpen):
        world.episodes.respond(episode, ReferralResponse.NOT_TAKEN_UP, TODAY)
    closed = world.episodes.respond(
        episode,
        ReferralResponse.NOT_TAKEN_UP,
        TODAY,
        places=((place, PlaceOutcome.STOPPED),),
    )
    assert closed.draft.closing_reason is ClosingReason.NOT_TAKEN_UP
    assert world.episodes.open_places(episode) == ()
    with pytest.raises(InvalidPerson):
        world.episodes.respond(episode, ReferralResponse.ACCEPTED, TODAY + dt.timedelta(days=1))


def test_the_referral_form_cannot_close_around_open_places(world: World) -> None:
    episode = world.with_plan()
    place = world.place(episode, "Elton Community Cafe", ReferralStatus.AGREED)
    stored = world.episodes.open_episodes(world.person)[0].draft
    closing = EpisodeDraft(
        **{
            **{f: getattr(stored, f) for f in stored.__dataclass_fields__},
            "status": EpisodeStatus.CLOSED,
            "closed_on": TODAY,
            "closing_reason": ClosingReason.GOALS_MET,
        },
    )
    with pytest.raises(PlacesStillOpen):
        world.episodes.save_episode(closing)
    saved = world.episodes.save_episode(closing, places=((place, PlaceOutcome.KEEP_GOING),))
    assert saved.draft.status is EpisodeStatus.CLOSED
    (kept,) = world.episodes.record(episode).plan.referrals
    assert kept.draft.status is ReferralStatus.STILL_GOING
    with pytest.raises(errors.NotFound):
        world.episodes.record(uuid.uuid4())


def test_the_open_caseload_follows_the_current_episode_by_next_contact(world: World) -> None:
    world.with_plan()  # Arthur: active, next contact in 3 days
    for given, status, days in (
        ("Wendy", EpisodeStatus.WAITING, None),
        ("Peggy", EpisodeStatus.ACTIVE, 1),
        ("Gary", EpisodeStatus.CLOSED, None),
    ):
        person = world.people.save_person(PersonDraft(given_name=given, family_name="Hughes"))
        world.people.save_episode(
            EpisodeDraft(
                consent_to_hold=AGREED,
                person_id=person.id,
                referral_date=TODAY - dt.timedelta(days=5),
                status=status,
                next_contact_on=TODAY + dt.timedelta(days=days) if days else None,
                closed_on=TODAY if status is EpisodeStatus.CLOSED else None,
                closing_reason=ClosingReason.MOVED if status is EpisodeStatus.CLOSED else None,
            )
        )
    page = world.people.caseload(CaseloadFilter(open_only=True), CaseloadSort.NEXT_CONTACT)
    assert [r.name for r in page.rows] == ["Peggy Hughes", "Arthur Jenkins", "Wendy Hughes"]
    assert page.total == 3
    # Arthur's second referral, kept beside the first, does not make him waiting again.
    world.episodes.record_referral(world.referral(0, "Housing"), ReferralChoice.KEEP_BOTH)
    page = world.people.caseload(CaseloadFilter(open_only=True, status=EpisodeStatus.WAITING))
    assert [r.name for r in page.rows] == ["Wendy Hughes"]
