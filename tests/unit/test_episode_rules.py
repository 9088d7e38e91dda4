"""The rules about a person's episodes: which one is current, what an answer does to a
referral, what a closing leaves to be asked about."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from linkworker.domain.episodes import (
    EpisodeStanding,
    PlaceOutcome,
    answered,
    closing_for,
    current_episode,
    open_in_order,
    reasons_note,
    response_problems,
    unanswered_places,
)
from linkworker.domain.journey import ReferralResponse
from linkworker.domain.people import ClosingReason, EpisodeDraft, EpisodeStatus
from linkworker.domain.plan import ReferralStatus

DAY = dt.date(2026, 6, 15)
AT = dt.datetime(2026, 6, 15, 9)


def _standing(
    n: int,
    status: EpisodeStatus,
    days_ago: int,
    has_plan: bool = False,
    created: int = 0,
) -> EpisodeStanding:
    return EpisodeStanding(
        id=uuid.UUID(int=n),
        status=status,
        referral_date=DAY - dt.timedelta(days=days_ago),
        created_at=AT + dt.timedelta(seconds=created),
        has_plan=has_plan,
    )


W, A, C = EpisodeStatus.WAITING, EpisodeStatus.ACTIVE, EpisodeStatus.CLOSED


def test_nobody_with_no_referral_has_a_current_one() -> None:
    assert current_episode([]) is None
    assert open_in_order([]) == ()


def test_the_newest_closed_one_when_none_is_open() -> None:
    episodes = [_standing(1, C, 300), _standing(2, C, 100), _standing(3, C, 200)]
    assert current_episode(episodes) == uuid.UUID(int=2)
    assert open_in_order(episodes) == ()
    same_day = [_standing(1, C, 100, created=5), _standing(2, C, 100, created=1)]
    assert current_episode(same_day) == uuid.UUID(int=1)  # the later recorded


def test_an_open_one_wins_over_a_newer_closed_one() -> None:
    assert current_episode([_standing(1, W, 90), _standing(2, C, 5)]) == uuid.UUID(int=1)


def test_of_two_open_the_one_with_a_plan_wins_even_if_newer() -> None:
    episodes = [_standing(1, W, 90), _standing(2, W, 10, has_plan=True)]
    assert current_episode(episodes) == uuid.UUID(int=2)
    assert open_in_order(episodes) == (uuid.UUID(int=2), uuid.UUID(int=1))


def test_of_two_open_without_plans_active_wins_then_the_older() -> None:
    assert current_episode([_standing(1, W, 90), _standing(2, A, 10)]) == uuid.UUID(int=2)
    assert current_episode([_standing(1, W, 10), _standing(2, W, 90)]) == uuid.UUID(int=2)
    both_planned = [_standing(1, A, 10, True), _standing(2, A, 90, True)]
    assert current_episode(both_planned) == uuid.UUID(int=2)
    same_day = [_standing(1, W, 10, created=9), _standing(2, W, 10, created=3)]
    assert current_episode(same_day) == uuid.UUID(int=2)  # the first recorded


def test_open_in_order_puts_the_current_first_then_the_rest_oldest_first() -> None:
    episodes = [
        _standing(1, W, 5),
        _standing(2, A, 50, has_plan=True),
        _standing(3, W, 30),
        _standing(4, C, 1),
    ]
    assert open_in_order(episodes) == (uuid.UUID(int=2), uuid.UUID(int=3), uuid.UUID(int=1))


@pytest.mark.parametrize(
    ("response", "reason"),
    [
        (None, None),
        (ReferralResponse.ACCEPTED, None),
        (ReferralResponse.DECLINED, ClosingReason.DECLINED),
        (ReferralResponse.NOT_TAKEN_UP, ClosingReason.NOT_TAKEN_UP),
    ],
)
def test_which_answers_close_a_referral(
    response: ReferralResponse | None, reason: ClosingReason | None
) -> None:
    assert closing_for(response) is reason


def _draft(**kw: object) -> EpisodeDraft:
    fields: dict[str, object] = {
        "person_id": uuid.UUID(int=1),
        "referral_date": DAY - dt.timedelta(days=20),
        "status": EpisodeStatus.ACTIVE,
        "next_contact_on": DAY + dt.timedelta(days=3),
    }
    fields.update(kw)
    return EpisodeDraft(**fields)  # type: ignore[arg-type]


def test_a_decline_closes_the_referral_on_the_day_of_the_answer() -> None:
    draft = _draft(response=ReferralResponse.DECLINED, responded_on=DAY, declined_reason="Not now")
    closed = answered(draft)
    assert closed.status is EpisodeStatus.CLOSED
    assert closed.closed_on == DAY and closed.closing_reason is ClosingReason.DECLINED
    assert closed.next_contact_on is None
    assert answered(_draft(response=ReferralResponse.ACCEPTED, responded_on=DAY)).status is (
        EpisodeStatus.ACTIVE
    )
    already = _draft(
        status=EpisodeStatus.CLOSED,
        closed_on=DAY - dt.timedelta(days=2),
        closing_reason=ClosingReason.MOVED,
        response=ReferralResponse.NOT_TAKEN_UP,
        responded_on=DAY,
    )
    assert answered(already) == already  # a closed one keeps its own closing


def test_an_answer_needs_a_date_in_range_and_a_decline_its_reason() -> None:
    assert response_problems(_draft(), DAY) == []
    fields = {p.field for p in response_problems(_draft(response=ReferralResponse.DECLINED), DAY)}
    assert fields == {"responded_on", "declined_reason"}
    future = _draft(response=ReferralResponse.ACCEPTED, responded_on=DAY + dt.timedelta(1))
    assert [p.message for p in response_problems(future, DAY)] == [
        "The date of the answer is in the future."
    ]
    early = _draft(response=ReferralResponse.ACCEPTED, responded_on=DAY - dt.timedelta(30))
    assert [p.message for p in response_problems(early, DAY)] == [
        "The answer is dated before the referral."
    ]
    on_the_day = _draft(response=ReferralResponse.ACCEPTED, responded_on=DAY)
    assert response_problems(on_the_day, DAY) == []
    blank = _draft(response=ReferralResponse.DECLINED, responded_on=DAY, declined_reason="   ")
    assert [p.field for p in response_problems(blank, DAY)] == ["declined_reason"]


def test_notes_added_to_a_referral_are_dated_and_nothing_added_changes_nothing() -> None:
    assert reasons_note("", "Rarely goes out", DAY) == "Added 15 Jun 2026: Rarely goes out"
    assert reasons_note("From the GP", "  ", DAY) == "From the GP"
    assert reasons_note("From the GP\n", "More", DAY) == ("From the GP\n\nAdded 15 Jun 2026: More")


def test_places_not_answered_and_what_each_answer_leaves() -> None:
    a, b, c = (uuid.UUID(int=n) for n in (1, 2, 3))
    assert unanswered_places([a, b, c], [b]) == (a, c)
    assert unanswered_places([a], [a, b]) == ()
    assert PlaceOutcome.KEEP_GOING.status is ReferralStatus.STILL_GOING
    assert PlaceOutcome.STOPPED.status is ReferralStatus.STOPPED
    assert PlaceOutcome.KEEP_GOING.label == "Still going, on their own"
