"""The rules about a person's story, each in one place in the domain."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from linkworker.domain.people import (
    ConversationDetail,
    ConversationDraft,
    CrisisPlan,
    CrisisStep,
    EpisodeDetail,
    EpisodeDraft,
    EpisodeStatus,
    PersonDetail,
    PersonDraft,
)
from linkworker.domain.person_validation import (
    CHECK_BACK_WITHIN_DAYS,
    crisis_problems,
    validate_conversation,
)
from linkworker.domain.plan import (
    AssetReferralDetail,
    AssetReferralDraft,
    ReferralStatus,
    StatusChange,
)
from linkworker.domain.story import latest_answers, what_matters

DAY = dt.date(2026, 11, 20)
AT = dt.datetime(2026, 11, 20, 10)


# What matters -------------------------------------------------------------------


def test_own_words_come_first_then_the_newest_answer() -> None:
    answers = {"what_matters": "My garden"}
    assert what_matters("  Singing  ", answers) == "Singing"
    assert what_matters("", answers) == "My garden"
    assert what_matters("   ", answers) == "My garden"
    assert what_matters("", {}) == ""
    assert what_matters("", {"enjoy": "Bowls"}) == ""


def test_the_newest_answer_with_words_wins_prompt_by_prompt() -> None:
    newest_first = [
        [("what_matters", "   "), ("enjoy", "Bowls")],
        [("what_matters", "My garden"), ("change", "Sleep")],
        [("what_matters", "Older words"), ("enjoy", "Knitting")],
    ]
    assert latest_answers(newest_first) == {
        "what_matters": "My garden",
        "enjoy": "Bowls",
        "change": "Sleep",
    }
    assert latest_answers([]) == {}


def _talk(n: int, answers: tuple[tuple[str, str], ...]) -> ConversationDetail:
    draft = ConversationDraft(episode_id=uuid.UUID(int=9), at=AT, answers=answers)
    return ConversationDetail(id=uuid.UUID(int=n), version=1, draft=draft)


def test_a_person_record_applies_the_rule_to_their_conversations() -> None:
    person = PersonDetail(
        id=uuid.UUID(int=1),
        version=1,
        draft=PersonDraft(given_name="Ada", family_name="Quill"),
        episodes=(),
        conversations=(
            _talk(2, (("what_matters", "Newer words"),)),
            _talk(3, (("what_matters", "Older words"), ("enjoy", "Bowls"))),
        ),
        created_at=AT,
        updated_at=AT,
    )
    assert person.what_matters == "Newer words"
    assert person.open_episodes == ()
    assert person.latest_answers == {"what_matters": "Newer words", "enjoy": "Bowls"}


# Where a place in the plan has got to ------------------------------------------------


def _referral(status: ReferralStatus, *history: StatusChange) -> AssetReferralDetail:
    draft = AssetReferralDraft(
        episode_id=uuid.UUID(int=1), asset_id=uuid.UUID(int=2), status=status, status_on=DAY
    )
    return AssetReferralDetail(
        id=uuid.UUID(int=3),
        version=1,
        draft=draft,
        asset_name="Walk",
        asset_archived=False,
        history=history,
    )


def test_the_current_status_is_the_latest_change() -> None:
    earlier, later = DAY - dt.timedelta(days=9), DAY - dt.timedelta(days=2)
    referral = _referral(
        ReferralStatus.SUGGESTED,
        StatusChange(ReferralStatus.AGREED, earlier),
        StatusChange(ReferralStatus.STOPPED, later),
    )
    assert referral.current_status is ReferralStatus.STOPPED
    assert referral.current_since == later
    assert not referral.is_open


def test_of_three_changes_the_last_is_where_it_is() -> None:
    days = [DAY - dt.timedelta(days=n) for n in (20, 10, 1)]
    referral = _referral(
        ReferralStatus.SUGGESTED,
        StatusChange(ReferralStatus.AGREED, days[0]),
        StatusChange(ReferralStatus.ATTENDED, days[1]),
        StatusChange(ReferralStatus.STILL_GOING, days[2]),
    )
    assert (referral.current_status, referral.current_since) == (
        ReferralStatus.STILL_GOING,
        days[2],
    )


def test_with_no_history_the_draft_says_where_it_is() -> None:
    referral = _referral(ReferralStatus.ATTENDED)
    assert referral.current_status is ReferralStatus.ATTENDED
    assert referral.current_since == DAY
    assert referral.is_open


@pytest.mark.parametrize(
    ("status", "open_"),
    [
        (EpisodeStatus.WAITING, True),
        (EpisodeStatus.ACTIVE, True),
        (EpisodeStatus.CLOSED, False),
    ],
)
def test_an_episode_is_open_until_it_is_closed(status: EpisodeStatus, open_: bool) -> None:
    draft = EpisodeDraft(person_id=uuid.UUID(int=1), referral_date=DAY, status=status)
    episode = EpisodeDetail(id=uuid.UUID(int=2), version=1, draft=draft)
    assert episode.is_open is open_
    assert status.is_open is open_
    closed = EpisodeDetail(
        id=uuid.UUID(int=3),
        version=1,
        draft=EpisodeDraft(
            person_id=uuid.UUID(int=1), referral_date=DAY, status=EpisodeStatus.CLOSED
        ),
    )
    person = PersonDetail(
        id=uuid.UUID(int=1),
        version=1,
        draft=PersonDraft(given_name="Ada"),
        episodes=(closed, episode),
        conversations=(),
        created_at=AT,
        updated_at=AT,
    )
    assert person.open_episodes == ((episode,) if open_ else ())


# A crisis plan -----------------------------------------------------------------------


def _crisis(days: int | None, *steps: CrisisStep, must: str = "Heating on") -> CrisisPlan:
    back = None if days is None else DAY + dt.timedelta(days=days)
    return CrisisPlan(must_change=must, steps=steps, check_back_on=back)


def _fields(plan: CrisisPlan) -> list[str]:
    return [p.field for p in crisis_problems(plan, DAY)]


def test_check_back_within_seven_days_and_not_before() -> None:
    assert CHECK_BACK_WITHIN_DAYS == 7
    assert _fields(_crisis(0)) == []
    assert _fields(_crisis(7)) == []
    assert _fields(_crisis(8)) == ["crisis.check_back_on"]
    assert _fields(_crisis(-1)) == ["crisis.check_back_on"]
    assert _fields(_crisis(None)) == ["crisis.check_back_on"]
    (late,) = crisis_problems(_crisis(8), DAY)
    assert late.message == "Check back within 7 days of the conversation."


def test_every_step_says_what_it_is_and_something_must_change() -> None:
    assert _fields(_crisis(2, CrisisStep("Ring the council"))) == []
    assert _fields(_crisis(2, CrisisStep("  ", who="Me"))) == ["crisis.steps"]
    assert _fields(_crisis(2, must="  ")) == ["crisis.must_change"]


def test_a_conversation_with_a_crisis_plan_is_checked_by_the_same_rule() -> None:
    draft = ConversationDraft(episode_id=uuid.UUID(int=1), at=AT, crisis=_crisis(10))
    assert [p.field for p in validate_conversation(draft, AT)] == ["crisis.check_back_on"]
