"""The rules of closing a referral well: its day, its reason, a story kept only with the
person's answer about sharing it, and helper roles each with a place."""

from __future__ import annotations

import datetime as dt
import uuid

from linkworker.domain.closing import (
    GivingBack,
    GivingBackDraft,
    HelperRole,
    Story,
    StoryConsent,
)
from linkworker.domain.episodes import closing_problems
from linkworker.domain.people import ClosingReason

TODAY = dt.date(2026, 12, 7)
REFERRED = dt.date(2026, 9, 1)


def _fields(**kw: object) -> list[str]:
    given: dict[str, object] = {
        "referral_date": REFERRED,
        "on": TODAY,
        "reason": ClosingReason.GOALS_MET,
        "story": Story(),
        "helpers": (),
        "today": TODAY,
    }
    given.update(kw)
    return [p.field for p in closing_problems(**given)]  # type: ignore[arg-type]


def test_a_plain_closing_today_or_on_the_referral_day_is_fine() -> None:
    assert _fields() == []
    assert _fields(on=REFERRED) == []


def test_the_day_must_fall_between_the_referral_and_today() -> None:
    assert _fields(on=TODAY + dt.timedelta(days=1)) == ["closed_on"]
    assert _fields(on=REFERRED - dt.timedelta(days=1)) == ["closed_on"]


def test_a_reason_is_needed() -> None:
    assert _fields(reason=None) == ["closing_reason"]


def test_a_story_needs_an_answer_about_sharing_and_an_answer_alone_is_fine() -> None:
    assert _fields(story=Story(words="I found my people")) == ["story_consent"]
    assert _fields(story=Story(words="   ")) == []
    for consent in StoryConsent:
        assert _fields(story=Story(words="I found my people", consent=consent)) == []
    late = Story(words="x", consent=StoryConsent.NO, consent_on=TODAY + dt.timedelta(days=2))
    assert _fields(story=late) == ["story_consent"]


def test_each_helper_role_needs_a_place_and_a_day_in_range() -> None:
    roles = (
        GivingBackDraft(HelperRole.VOLUNTEER, TODAY, asset_id=uuid.UUID(int=1)),
        GivingBackDraft(HelperRole.PEER_SUPPORTER, TODAY, place_name="  "),
        GivingBackDraft(HelperRole.GROUP_ORGANISER, TODAY, place_name="Knit and natter"),
        GivingBackDraft(HelperRole.VOLUNTEER, REFERRED - dt.timedelta(days=1), place_name="Cafe"),
        GivingBackDraft(HelperRole.VOLUNTEER, TODAY + dt.timedelta(days=1), place_name="Cafe"),
    )
    assert _fields(helpers=roles) == ["helpers[1]", "helpers[3]", "helpers[4]"]


def test_only_a_no_keeps_a_story_within_the_team() -> None:
    assert [c for c in StoryConsent if not c.may_share] == [StoryConsent.NO]


def test_closing_reasons_follow_the_national_list_and_keep_stopped_getting_in_touch() -> None:
    assert [r.label for r in ClosingReason] == [
        "Goals met",
        "Moved on to other support",
        "Declined support",
        "Not taken up",
        "Moved away",
        "Died",
        "Stopped getting in touch",
        "Other",
    ]
    assert ClosingReason("referred_on") is ClosingReason.REFERRED_ON  # old records still read


def test_a_helper_role_reads_as_one_line() -> None:
    role = GivingBack(
        uuid.UUID(int=1),
        uuid.UUID(int=2),
        None,
        GivingBackDraft(HelperRole.VOLUNTEER, dt.date(2026, 11, 3), place_name="Riverside Garden"),
    )
    assert role.line == "Volunteer at Riverside Garden since 03 Nov 2026"
