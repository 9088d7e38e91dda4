"""PlanService over a real SQLite file: goals, confidence, community assets, the next contact."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from typing import Any

import pytest

from linkworker import errors
from linkworker.data.database import Database
from linkworker.data.unit_of_work import UnitsOfWork
from linkworker.domain.directory import AssetDraft
from linkworker.domain.people import (
    ClosingReason,
    EpisodeDraft,
    EpisodeStatus,
    PersonDraft,
)
from linkworker.domain.plan import (
    AssetReferralDraft,
    ConfidenceRating,
    GoalDraft,
    GoalStatus,
    GoalStep,
    ReferralStatus,
    StatusChange,
    StepOwner,
)
from linkworker.services.directory import DirectoryService
from linkworker.services.people import PeopleService
from linkworker.services.plan import (
    REMOVED_ASSET_ID,
    GoalRecord,
    InvalidPlan,
    PlanRecord,
    PlanService,
    ReferralRecord,
)
from tests.data.people_helpers import AGREED

TODAY = dt.date(2026, 6, 15)
NOW = dt.datetime(2026, 6, 15, 16, 30)


class Clock:
    """A today that a test can move on."""

    def __init__(self) -> None:
        self.day = TODAY

    def __call__(self) -> dt.date:
        return self.day

    def days_later(self, days: int) -> dt.date:
        self.day += dt.timedelta(days=days)
        return self.day


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def plans(db: Database, clock: Clock) -> PlanService:
    return PlanService(UnitsOfWork(db), today=clock)


@pytest.fixture
def people(db: Database) -> PeopleService:
    return PeopleService(UnitsOfWork(db), today=lambda: TODAY, now=lambda: NOW)


@pytest.fixture
def directory(db: Database) -> DirectoryService:
    return DirectoryService(UnitsOfWork(db), today=lambda: TODAY)


def _person(people: PeopleService, given: str = "Peggy") -> uuid.UUID:
    return people.save_person(PersonDraft(given_name=given, family_name="Owens")).id


def _episode(people: PeopleService, person_id: uuid.UUID, days_ago: int = 30, **kw: Any) -> Any:
    kw.setdefault("status", EpisodeStatus.ACTIVE)
    return people.save_episode(
        EpisodeDraft(
            consent_to_hold=AGREED,
            person_id=person_id,
            referral_date=TODAY - dt.timedelta(days=days_ago),
            **kw,
        )
    ).id


def _closed(people: PeopleService, person_id: uuid.UUID, days_ago: int) -> uuid.UUID:
    return _episode(  # type: ignore[no-any-return]
        people,
        person_id,
        days_ago,
        status=EpisodeStatus.CLOSED,
        closed_on=TODAY - dt.timedelta(days=days_ago - 10),
        closing_reason=ClosingReason.GOALS_MET,
    )


def _asset(directory: DirectoryService, name: str) -> uuid.UUID:
    return directory.save(AssetDraft(name=name)).id


@pytest.fixture
def episode(people: PeopleService) -> uuid.UUID:
    return _episode(people, _person(people))  # type: ignore[no-any-return]


def _days(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


# Goals ----------------------------------------------------------------------------


def test_goals_round_trip_with_steps_in_the_persons_order(
    plans: PlanService, episode: uuid.UUID
) -> None:
    steps = (
        GoalStep("  Ring the choir about the hearing loop ", StepOwner.LINK_WORKER, by=_days(-3)),
        GoalStep("Go to the Bereavement Cafe", StepOwner.PERSON, done=True, done_on=_days(4)),
        GoalStep("Drive me there", StepOwner.SOMEONE_ELSE, who_name=" my daughter Karen "),
        GoalStep("Ask about the bus", StepOwner.PERSON, who_name="ignored", done=True),
    )
    second = plans.save_goal(
        GoalDraft(episode_id=episode, words="Sing again, like I did with Ron.", position=1)
    )
    first = plans.save_goal(
        GoalDraft(
            episode_id=episode,
            words="  Get out of the house twice a week.  ",
            steps=steps,
            status=GoalStatus.OPEN,
            position=0,
        )
    )
    assert first.version == 1
    assert first.draft.words == "Get out of the house twice a week."
    assert first.draft.steps == (
        GoalStep("Ring the choir about the hearing loop", StepOwner.LINK_WORKER, by=_days(-3)),
        GoalStep("Go to the Bereavement Cafe", StepOwner.PERSON, done=True, done_on=_days(4)),
        GoalStep("Drive me there", StepOwner.SOMEONE_ELSE, who_name="my daughter Karen"),
        GoalStep("Ask about the bus", StepOwner.PERSON, done=True, done_on=TODAY),
    )
    assert first.ratings == () and first.latest_confidence is None

    plan = plans.get_plan(episode)
    assert [g.id for g in plan.goals] == [first.id, second.id]
    assert plan.goals[0] == first
    assert plan.goals[1].draft.words == "Sing again, like I did with Ron."
    assert plan.episode_id == episode and plan.referrals == ()


def test_a_done_step_keeps_the_day_it_was_done(
    plans: PlanService, clock: Clock, episode: Any
) -> None:
    saved = plans.save_goal(
        GoalDraft(episode_id=episode, words="Walk to the shop", steps=(GoalStep("Try it once"),))
    )
    ticked = plans.save_goal(
        dataclasses.replace(saved.draft, steps=(GoalStep("Try it once", done=True),))
    )
    assert ticked.draft.steps[0].done_on == TODAY
    clock.days_later(5)
    # A form handing the step back without its date does not move it to the new day.
    again = plans.save_goal(
        dataclasses.replace(
            ticked.draft,
            words="Walk to the shop and back",
            steps=(GoalStep("Try it once", done=True),),
        )
    )
    assert again.draft.steps[0].done_on == TODAY
    unticked = plans.save_goal(
        dataclasses.replace(again.draft, steps=(GoalStep("Try it once", done_on=TODAY),))
    )
    assert unticked.draft.steps[0] == GoalStep("Try it once")


def test_confidence_history_is_kept_in_order(
    plans: PlanService, clock: Clock, episode: uuid.UUID
) -> None:
    first_day = clock()
    saved = plans.save_goal(
        GoalDraft(episode_id=episode, words="Feel less on my own on Sundays", confidence=3)
    )
    second_day = clock.days_later(14)
    saved = plans.save_goal(
        dataclasses.replace(saved.draft, confidence=5, confidence_note="after the cafe")
    )
    third_day = clock.days_later(14)
    saved = plans.save_goal(dataclasses.replace(saved.draft, confidence=7))
    assert saved.ratings == (
        ConfidenceRating(3, first_day),
        ConfidenceRating(5, second_day, "after the cafe"),
        ConfidenceRating(7, third_day),
    )
    assert saved.latest_confidence == 7
    assert saved.draft.confidence is None  # the rating being given now; none when read back
    assert plans.get_plan(episode).goals[0].ratings == saved.ratings


def test_the_same_score_on_the_same_day_is_not_added_twice(
    plans: PlanService, clock: Clock, episode: uuid.UUID
) -> None:
    saved = plans.save_goal(GoalDraft(episode_id=episode, words="Swim again", confidence=4))
    saved = plans.save_goal(dataclasses.replace(saved.draft, confidence=4))
    assert [r.score for r in saved.ratings] == [4]
    saved = plans.save_goal(dataclasses.replace(saved.draft, confidence=None, words="Swim again!"))
    assert [r.score for r in saved.ratings] == [4]
    saved = plans.save_goal(dataclasses.replace(saved.draft, confidence=6))  # changed her mind
    assert [(r.score, r.on) for r in saved.ratings] == [(4, TODAY), (6, TODAY)]
    later = clock.days_later(7)
    saved = plans.save_goal(dataclasses.replace(saved.draft, confidence=6))
    assert [(r.score, r.on) for r in saved.ratings] == [(4, TODAY), (6, TODAY), (6, later)]


def test_rate_goal_adds_a_dated_rating_in_date_order(
    plans: PlanService, clock: Clock, episode: uuid.UUID
) -> None:
    goal = plans.save_goal(GoalDraft(episode_id=episode, words="Get back to the allotment"))
    rated = plans.rate_goal(goal.id, 6, note="after the open day")
    assert rated.ratings == (ConfidenceRating(6, TODAY, "after the open day"),)
    # One given at last week's visit, recorded late, sorts before today's.
    rated = plans.rate_goal(goal.id, 2, on=_days(7))
    assert [(r.score, r.on) for r in rated.ratings] == [(2, _days(7)), (6, TODAY)]
    assert rated.latest_confidence == 6
    assert plans.rate_goal(goal.id, 6).ratings == rated.ratings  # same day, same score
    assert rated.version == goal.version  # ratings do not clash with an open edit form

    with pytest.raises(InvalidPlan) as caught:
        plans.rate_goal(goal.id, 11)
    assert [p.field for p in caught.value.problems] == ["confidence"]
    assert "from 0 (not at all) to 10 (completely)" in caught.value.message
    with pytest.raises(InvalidPlan) as caught:
        plans.rate_goal(goal.id, 5, on=_days(-1))
    assert caught.value.problems[0].message == "The date of the rating is in the future."
    with pytest.raises(InvalidPlan) as caught:
        plans.rate_goal(goal.id, 5, on=_days(31))
    assert "before the referral (16 May 2026)" in caught.value.problems[0].message
    assert len(plans.get_plan(episode).goals[0].ratings) == 2


def test_two_drafts_from_one_version_clash(plans: PlanService, episode: uuid.UUID) -> None:
    saved = plans.save_goal(GoalDraft(episode_id=episode, words="Find work again"))
    mine = dataclasses.replace(saved.draft, words="Find work as a joiner again")
    theirs = dataclasses.replace(saved.draft, steps=(GoalStep("Update my CV"),))
    assert plans.save_goal(theirs).version == 2
    with pytest.raises(errors.ConcurrentEdit) as caught:
        plans.save_goal(mine)
    assert "This goal was changed by someone else" in caught.value.message
    assert plans.get_plan(episode).goals[0].draft.steps == (GoalStep("Update my CV"),)
    forced = plans.save_goal(dataclasses.replace(mine, version=None))
    assert forced.version == 3 and forced.draft.words == "Find work as a joiner again"


def test_goal_problems_are_all_reported_and_nothing_is_saved(
    plans: PlanService, episode: uuid.UUID
) -> None:
    draft = GoalDraft(
        episode_id=episode,
        words="   ",
        confidence=11,
        steps=(
            GoalStep(" "),
            GoalStep("Ask for help", StepOwner.SOMEONE_ELSE),
            GoalStep("Book it", by=_days(45)),
            GoalStep("Go", by=TODAY + dt.timedelta(days=800)),
            GoalStep("Went", done=True, done_on=_days(-2)),
        ),
    )
    with pytest.raises(InvalidPlan) as caught:
        plans.save_goal(draft)
    assert [(p.field, p.message) for p in caught.value.problems] == [
        ("words", "Write the goal in the person's own words."),
        ("confidence", "Confidence is a score from 0 (not at all) to 10 (completely)."),
        ("steps[0].what", "Step 1: say what will be done."),
        ("steps[1].who_name", "Step 2: say who will do it."),
        ("steps[2].by", "Step 3: the date is before the referral (16 May 2026)."),
        ("steps[3].by", "Step 4: the date is more than two years away."),
        ("steps[4].done_on", "Step 5: the date it was done is in the future."),
    ]
    assert caught.value.message.startswith(
        "The goal was not saved: Write the goal in the person's own words.;"
    )
    with pytest.raises(InvalidPlan) as caught:
        plans.save_goal(GoalDraft(episode_id=episode, words="x" * 2001))
    assert caught.value.problems[0].message == (
        "The goal is 2001 characters long; keep it under 2000."
    )
    assert plans.save_goal(GoalDraft(episode_id=episode, words="x" * 2000)).draft.words
    assert len(plans.get_plan(episode).goals) == 1


# Community assets chosen together ------------------------------------------------------


def test_a_referral_keeps_every_status_change_with_its_date_and_who(
    plans: PlanService, directory: DirectoryService, clock: Clock, episode: uuid.UUID
) -> None:
    cafe = _asset(directory, "Bereavement Cafe")
    goal = plans.save_goal(GoalDraft(episode_id=episode, words="Get out of the house"))
    new = plans.save_referral(
        AssetReferralDraft(
            episode_id=episode,
            asset_id=cafe,
            status_on=_days(10),
            status_note="Left a large-print leaflet",
            recorded_by="Sam Jones",
            getting_there=" Karen drops me off ",
            going_with_someone=True,
            going_with="My link worker, the first time",
            goal_id=goal.id,
        )
    )
    assert new.asset_name == "Bereavement Cafe" and new.asset_archived is False
    assert new.history == (
        StatusChange(
            ReferralStatus.SUGGESTED, _days(10), "Left a large-print leaflet", "Sam Jones"
        ),
    )
    assert new.draft.getting_there == "Karen drops me off"
    assert new.draft.goal_id == goal.id and new.draft.asset_id == cafe

    agreed = plans.save_referral(
        dataclasses.replace(
            new.draft,
            status=ReferralStatus.AGREED,
            status_on=_days(3),
            status_note="Nervous but willing",
            recorded_by="Sam Jones",
        )
    )
    # Same status again with other details changed: no new change in the history.
    same = plans.save_referral(
        dataclasses.replace(agreed.draft, notes="Second Tuesday of the month", recorded_by="Pat")
    )
    assert len(same.history) == 2 and same.draft.notes == "Second Tuesday of the month"
    clock.days_later(2)
    attended = plans.save_referral(
        dataclasses.replace(
            same.draft, status=ReferralStatus.ATTENDED, recorded_by="Pat", going_with_someone=False
        )
    )
    assert attended.history == (
        StatusChange(
            ReferralStatus.SUGGESTED, _days(10), "Left a large-print leaflet", "Sam Jones"
        ),
        StatusChange(ReferralStatus.AGREED, _days(3), "Nervous but willing", "Sam Jones"),
        StatusChange(ReferralStatus.ATTENDED, clock(), "", "Pat"),
    )
    assert attended.draft.status is ReferralStatus.ATTENDED
    assert attended.draft.status_on is None  # the change being recorded now: none when read
    assert attended.draft.going_with == ""
    assert plans.get_plan(episode).referrals == (attended,)

    with pytest.raises(InvalidPlan) as caught:
        plans.save_referral(
            dataclasses.replace(
                attended.draft, status=ReferralStatus.STILL_GOING, status_on=_days(5)
            )
        )
    assert caught.value.problems[0].field == "status_on"
    assert "before the last one (17 June 2026)" in caught.value.problems[0].message
    with pytest.raises(errors.ConcurrentEdit) as clash:
        plans.save_referral(dataclasses.replace(new.draft, status=ReferralStatus.DECLINED))
    assert "“Bereavement Cafe” in this plan was changed" in clash.value.message


def test_a_second_open_referral_to_the_same_asset_is_refused(
    plans: PlanService, directory: DirectoryService, people: PeopleService, episode: uuid.UUID
) -> None:
    choir = _asset(directory, "Port Community Choir")
    first = plans.save_referral(AssetReferralDraft(episode_id=episode, asset_id=choir))
    with pytest.raises(InvalidPlan) as caught:
        plans.save_referral(
            AssetReferralDraft(episode_id=episode, asset_id=choir, status=ReferralStatus.AGREED)
        )
    assert [p.field for p in caught.value.problems] == ["asset_id"]
    assert caught.value.message == (
        "The community asset was not saved: “Port Community Choir” is already in this plan "
        "(suggested). Update that one instead of adding it again."
    )
    # Another referral (episode) for the same person may choose it too.
    later = _episode(people, plans.get_plan(episode).person_id, days_ago=5)
    plans.save_referral(AssetReferralDraft(episode_id=later, asset_id=choir))

    declined = plans.save_referral(
        dataclasses.replace(first.draft, status=ReferralStatus.DECLINED, status_note="Too late")
    )
    again = plans.save_referral(AssetReferralDraft(episode_id=episode, asset_id=choir))
    # The declined one cannot be reopened while the new one is open.
    with pytest.raises(InvalidPlan):
        plans.save_referral(dataclasses.replace(declined.draft, status=ReferralStatus.AGREED))
    stopped = plans.save_referral(dataclasses.replace(again.draft, status=ReferralStatus.STOPPED))
    third = plans.save_referral(AssetReferralDraft(episode_id=episode, asset_id=choir))
    statuses = [r.draft.status for r in plans.get_plan(episode).referrals]
    assert statuses == [ReferralStatus.DECLINED, ReferralStatus.STOPPED, ReferralStatus.SUGGESTED]
    assert stopped.id != third.id


def test_an_asset_archived_later_still_shows_in_the_plan(
    plans: PlanService, directory: DirectoryService, episode: uuid.UUID
) -> None:
    walk = _asset(directory, "Rivacre Valley Health Walk")
    saved = plans.save_referral(
        AssetReferralDraft(episode_id=episode, asset_id=walk, status=ReferralStatus.ATTENDED)
    )
    renamed = directory.get(walk)
    directory.save(dataclasses.replace(renamed.draft, name="Rivacre Valley Wednesday Walk"))
    directory.archive(walk)

    (shown,) = plans.get_plan(episode).referrals
    assert shown.asset_archived is True
    assert shown.asset_name == "Rivacre Valley Wednesday Walk"  # the name it has now
    assert shown.history == saved.history
    still = plans.save_referral(dataclasses.replace(shown.draft, status=ReferralStatus.STILL_GOING))
    assert still.draft.status is ReferralStatus.STILL_GOING and still.asset_archived

    other = plans.save_referral(dataclasses.replace(still.draft, status=ReferralStatus.STOPPED))
    assert other.draft.status is ReferralStatus.STOPPED
    with pytest.raises(InvalidPlan) as caught:
        plans.save_referral(AssetReferralDraft(episode_id=episode, asset_id=walk))
    assert "“Rivacre Valley Wednesday Walk” is archived in the directory" in caught.value.message


def test_a_replaced_directory_leaves_the_plan_readable(
    plans: PlanService, directory: DirectoryService, episode: uuid.UUID
) -> None:
    shed = _asset(directory, "Great Sutton Men's Shed")
    saved = plans.save_referral(
        AssetReferralDraft(episode_id=episode, asset_id=shed, status=ReferralStatus.REFERRED)
    )
    directory.replace_all([AssetDraft(name="Something else entirely")])

    (shown,) = plans.get_plan(episode).referrals
    assert shown.asset_name == "Great Sutton Men's Shed"
    assert shown.asset_archived is True
    assert shown.draft.asset_id == REMOVED_ASSET_ID
    assert shown.history == saved.history
    attended = plans.save_referral(dataclasses.replace(shown.draft, status=ReferralStatus.ATTENDED))
    assert attended.asset_name == "Great Sutton Men's Shed"
    assert [c.status for c in attended.history] == [
        ReferralStatus.REFERRED,
        ReferralStatus.ATTENDED,
    ]


def test_referral_problems(
    plans: PlanService,
    directory: DirectoryService,
    people: PeopleService,
    episode: uuid.UUID,
) -> None:
    cafe = _asset(directory, "Knit and Natter")
    other_plan = _episode(people, _person(people, "Arthur"))
    elsewhere = plans.save_goal(GoalDraft(episode_id=other_plan, words="Hear the band"))
    with pytest.raises(InvalidPlan) as caught:
        plans.save_referral(
            AssetReferralDraft(
                episode_id=episode, asset_id=cafe, status_on=_days(-1), goal_id=elsewhere.id
            )
        )
    assert [(p.field, p.message) for p in caught.value.problems] == [
        ("goal_id", "That goal is not part of this plan."),
        ("status_on", "The date of the change is in the future."),
    ]
    saved = plans.save_referral(AssetReferralDraft(episode_id=episode, asset_id=cafe))
    swap = _asset(directory, "Port Chess Club")
    with pytest.raises(InvalidPlan) as caught:
        plans.save_referral(dataclasses.replace(saved.draft, asset_id=swap))
    assert caught.value.problems[0].field == "asset_id"
    with pytest.raises(InvalidPlan) as caught:
        plans.save_referral(dataclasses.replace(saved.draft, episode_id=other_plan))
    assert caught.value.problems[0].message == (
        "This community asset belongs to another referral's plan."
    )
    assert [r.draft.status for r in plans.get_plan(episode).referrals] == [ReferralStatus.SUGGESTED]


# Which plan, and the next contact ---------------------------------------------------------


def test_the_current_plan_is_the_open_referral_over_a_newer_closed_one(
    plans: PlanService, people: PeopleService
) -> None:
    person = _person(people)
    assert plans.current_episode_id(person) is None
    assert plans.plan_for_person(person) is None

    oldest_closed = _closed(people, person, 400)
    assert plans.current_episode_id(person) == oldest_closed
    newer_closed = _closed(people, person, 200)
    assert plans.current_episode_id(person) == newer_closed  # all closed: the newest

    active = _episode(people, person, days_ago=100)
    _closed(people, person, 60)  # closed, and newer than the active one
    plans.save_goal(GoalDraft(episode_id=active, words="Keep the flat"))
    assert plans.current_episode_id(person) == active
    plan = plans.plan_for_person(person)
    assert plan is not None and plan.episode_id == active and plan.person_id == person
    assert [g.draft.words for g in plan.goals] == ["Keep the flat"]

    waiting = _episode(people, person, days_ago=2, status=EpisodeStatus.WAITING)
    # A second open referral with nothing in it yet does not hide the plan being worked on.
    assert plans.current_episode_id(person) == active
    plans.save_goal(GoalDraft(episode_id=waiting, words="Join a choir"))
    assert plans.current_episode_id(person) == active  # both have a plan: the older one


def test_set_next_contact_shows_on_the_caseload(services: Any) -> None:
    plans: PlanService = services.plans
    today = dt.date.today()
    person = services.people.save_person(PersonDraft(given_name="Kyle", family_name="Roberts"))
    older = services.people.save_episode(
        EpisodeDraft(
            consent_to_hold=AGREED,
            person_id=person.id,
            referral_date=today - dt.timedelta(days=300),
        )
    ).id
    episode = services.people.save_episode(
        EpisodeDraft(
            consent_to_hold=AGREED,
            person_id=person.id,
            referral_date=today - dt.timedelta(days=20),
            status=EpisodeStatus.ACTIVE,
            next_contact_on=today + dt.timedelta(days=2),
        )
    ).id

    def row() -> Any:
        (found,) = [r for r in services.people.caseload(limit=100).rows if r.id == person.id]
        return found

    assert row().next_contact == today + dt.timedelta(days=2)
    plans.set_next_contact(episode, today + dt.timedelta(days=9))
    assert row().next_contact == today + dt.timedelta(days=9)
    assert plans.get_plan(episode).next_contact_on == today + dt.timedelta(days=9)
    assert row().status is EpisodeStatus.ACTIVE
    assert services.people.get_person(person.id).version == person.version

    plans.set_next_contact(episode, None)
    assert row().next_contact is None
    plans.set_next_contact(older, today)  # an older referral does not change the summary
    assert row().next_contact is None

    with pytest.raises(InvalidPlan) as caught:
        plans.set_next_contact(episode, today - dt.timedelta(days=1))
    assert caught.value.problems[0].message == "The next contact date is in the past."
    closed = services.people.save_episode(
        EpisodeDraft(
            consent_to_hold=AGREED,
            person_id=person.id,
            referral_date=today - dt.timedelta(days=10),
            status=EpisodeStatus.CLOSED,
            closed_on=today,
            closing_reason=ClosingReason.MOVED,
        )
    ).id
    with pytest.raises(InvalidPlan) as caught:
        plans.set_next_contact(closed, today)
    assert "This referral is closed" in caught.value.message
    plans.set_next_contact(closed, None)  # clearing is always fine
    assert plans.get_plan(closed).next_contact_on is None


def test_unknown_ids_are_not_found(
    plans: PlanService, directory: DirectoryService, episode: uuid.UUID
) -> None:
    nobody = uuid.uuid4()
    for call in (
        lambda: plans.get_plan(nobody),
        lambda: plans.plan_for_person(nobody),
        lambda: plans.current_episode_id(nobody),
        lambda: plans.save_goal(GoalDraft(episode_id=nobody, words="Walk")),
        lambda: plans.save_goal(GoalDraft(episode_id=episode, words="Walk", id=nobody)),
        lambda: plans.rate_goal(nobody, 5),
        lambda: plans.save_referral(AssetReferralDraft(episode_id=episode, asset_id=nobody)),
        lambda: plans.save_referral(
            AssetReferralDraft(episode_id=nobody, asset_id=_asset(directory, "Walking Football"))
        ),
        lambda: plans.save_referral(
            AssetReferralDraft(episode_id=episode, asset_id=REMOVED_ASSET_ID, id=nobody)
        ),
        lambda: plans.set_next_contact(nobody, TODAY),
    ):
        with pytest.raises(errors.NotFound):
            call()
    assert plans.get_plan(episode).goals == () and plans.get_plan(episode).referrals == ()


# Whole plans at once --------------------------------------------------------------------


def test_add_plans_writes_histories_in_one_go_or_not_at_all(
    plans: PlanService, directory: DirectoryService, people: PeopleService, episode: uuid.UUID
) -> None:
    choir, cafe = _asset(directory, "Port Community Choir"), _asset(directory, "Bereavement Cafe")
    record = PlanRecord(
        episode_id=episode,
        goals=(
            GoalRecord(
                GoalDraft(episode_id=episode, words="Sing again", steps=(GoalStep("Go once"),)),
                ratings=(ConfidenceRating(3, _days(20)), ConfidenceRating(6, _days(5), "brighter")),
            ),
        ),
        referrals=(
            ReferralRecord(
                AssetReferralDraft(episode_id=episode, asset_id=choir, recorded_by="Sam"),
                history=(
                    StatusChange(ReferralStatus.SUGGESTED, _days(20)),
                    StatusChange(ReferralStatus.ATTENDED, _days(5), "loved it", "Pat"),
                ),
                goal=0,
            ),
        ),
    )
    assert plans.add_plans([record]) == 1
    plan = plans.get_plan(episode)
    (goal,) = plan.goals
    assert [(r.score, r.on, r.note) for r in goal.ratings] == [
        (3, _days(20), ""),
        (6, _days(5), "brighter"),
    ]
    (referral,) = plan.referrals
    assert referral.draft.goal_id == goal.id
    assert referral.history == (
        StatusChange(ReferralStatus.SUGGESTED, _days(20), "", "Sam"),
        StatusChange(ReferralStatus.ATTENDED, _days(5), "loved it", "Pat"),
    )

    other = _episode(people, _person(people, "Joan"))
    broken = PlanRecord(
        episode_id=other,
        goals=(GoalRecord(GoalDraft(episode_id=other, words="Visit Frank every day")),),
        referrals=(
            ReferralRecord(AssetReferralDraft(episode_id=other, asset_id=cafe)),
            ReferralRecord(AssetReferralDraft(episode_id=other, asset_id=cafe)),
        ),
    )
    with pytest.raises(InvalidPlan, match="“Bereavement Cafe” is already in this plan"):
        plans.add_plans([broken])
    empty = plans.get_plan(other)
    assert empty.goals == () and empty.referrals == ()

    again = PlanRecord(
        episode_id=episode,
        referrals=(ReferralRecord(AssetReferralDraft(episode_id=episode, asset_id=choir)),),
    )
    with pytest.raises(InvalidPlan, match=r"“Port Community Choir” is already in this plan \("):
        plans.add_plans([again])
    late = PlanRecord(
        episode_id=other,
        goals=(
            GoalRecord(
                GoalDraft(episode_id=other, words="Go to church again"),
                ratings=(ConfidenceRating(12, _days(1)),),
            ),
        ),
    )
    with pytest.raises(InvalidPlan) as caught:
        plans.add_plans([late])
    assert [p.field for p in caught.value.problems] == ["confidence"]
    with pytest.raises(errors.NotFound):
        plans.add_plans([PlanRecord(episode_id=uuid.uuid4())])
    assert len(plans.get_plan(episode).referrals) == 1
