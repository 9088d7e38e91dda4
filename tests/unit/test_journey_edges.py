"""The edges of the journey's rules: exactly five minutes, exactly 5 and 480 minutes, the
clock change in both directions, a flag's problems, the steps and why not, the wait, and
reasons merged."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from linkworker.domain.journey import (
    ContactDetail,
    ContactDraft,
    ContactOutcome,
    ContactPlace,
    NextStep,
    RiskFlag,
    RiskFlagKind,
    clock_change_problem,
    contact_problems,
    flag_problems,
    following_next_contact,
    merged_reasons,
    next_steps,
    overlapping,
    uk_aware,
    waiting_days,
    where_words,
    why_not,
)

EPISODE = uuid.UUID(int=1)
NOW = dt.datetime(2026, 6, 15, 12, 0)


def draft(
    at: dt.datetime, outcome: ContactOutcome = ContactOutcome.BOOKED, **kw: object
) -> ContactDraft:
    return ContactDraft(episode_id=EPISODE, starts_at=at, outcome=outcome, **kw)  # type: ignore[arg-type]


def detail(d: ContactDraft) -> ContactDetail:
    contact_id = d.id or uuid.uuid4()
    return ContactDetail(id=contact_id, version=1, person_id=uuid.UUID(int=2), draft=d)


def messages(d: ContactDraft) -> dict[str, str]:
    return {p.field: p.message for p in contact_problems(d, NOW)}


def test_the_five_minutes_of_grace_hold_to_the_minute_both_ways() -> None:
    five = dt.timedelta(minutes=5)
    assert messages(draft(NOW - five)) == {}
    assert "starts_at" in messages(draft(NOW - five - dt.timedelta(seconds=1)))
    assert messages(draft(NOW + five, ContactOutcome.ATTENDED)) == {}
    assert "outcome" in messages(
        draft(NOW + five + dt.timedelta(seconds=1), ContactOutcome.ATTENDED)
    )
    assert messages(draft(NOW - dt.timedelta(minutes=4), ContactOutcome.ATTENDED)) == {}


@pytest.mark.parametrize(("minutes", "fine"), [(4, False), (5, True), (480, True), (481, False)])
def test_a_contact_lasts_five_minutes_to_eight_hours(minutes: int, fine: bool) -> None:
    found = messages(draft(NOW + dt.timedelta(days=1), minutes=minutes))
    assert ("minutes" not in found) is fine
    if not fine:
        assert found["minutes"] == (
            f"A contact lasts between 5 minutes and 8 hours; {minutes} minutes is outside that."
        )


def test_a_time_the_clocks_skip_is_refused_on_the_time_field() -> None:
    skipped = dt.datetime(2027, 3, 28, 1, 30)  # clocks go forward at 01:00 that night
    found = messages(draft(skipped))
    assert found["starts_at"] == clock_change_problem(skipped)
    assert "Choose 02:00 or later" in found["starts_at"]
    assert clock_change_problem(dt.datetime(2027, 3, 28, 0, 59)) is None
    assert clock_change_problem(dt.datetime(2027, 3, 28, 2, 0)) is None
    assert clock_change_problem(uk_aware(dt.datetime(2027, 3, 28, 3, 0))) is None


def test_a_uk_time_carries_summer_and_winter_offsets() -> None:
    summer = uk_aware(dt.datetime(2026, 7, 1, 9, 0))
    winter = uk_aware(dt.datetime(2026, 12, 1, 9, 0))
    assert summer.utcoffset() == dt.timedelta(hours=1)
    assert winter.utcoffset() == dt.timedelta(0)
    twice = uk_aware(dt.datetime(2026, 10, 25, 1, 30))  # the hour that happens twice
    assert twice.fold == 0 and twice.utcoffset() == dt.timedelta(hours=1)
    already = dt.datetime(2026, 7, 1, 9, 0, tzinfo=dt.UTC)
    assert uk_aware(already) is already


def test_where_a_contact_is_in_a_few_words() -> None:
    assert where_words(ContactPlace.VIDEO, "") == "Video"
    assert where_words(ContactPlace.HUB, "  Elton   Cafe ") == "Hub: Elton Cafe"
    contact = detail(draft(NOW, place=ContactPlace.HUB, place_name="Elton Cafe"))
    assert contact.where == "Hub: Elton Cafe"
    assert [p.in_person for p in ContactPlace] == [True, True, True, False, False]


def test_contacts_that_only_touch_do_not_overlap() -> None:
    ten = dt.datetime(2026, 6, 20, 10, 0)
    earlier = detail(draft(ten, minutes=60))
    assert overlapping(draft(ten + dt.timedelta(hours=1)), [earlier]) == ()
    assert overlapping(draft(ten - dt.timedelta(hours=1)), [earlier]) == ()
    assert overlapping(draft(ten + dt.timedelta(minutes=59)), [earlier]) == (earlier,)


@pytest.mark.parametrize(
    ("kind", "raised_by", "fields"),
    [
        (RiskFlagKind.SAFEGUARDING, "Sam Patel", []),
        (None, "Sam Patel", ["kind"]),
        (RiskFlagKind.NO_LETTERS, "  ", ["raised_by"]),
        (None, "", ["kind", "raised_by"]),
    ],
)
def test_a_flag_needs_its_kind_and_who_raised_it(
    kind: RiskFlagKind | None, raised_by: str, fields: list[str]
) -> None:
    assert [p.field for p in flag_problems(kind, raised_by)] == fields


def test_a_flag_is_current_until_removed() -> None:
    flag = RiskFlag(
        uuid.uuid4(), uuid.uuid4(), RiskFlagKind.LONE_WORKING, "", "Sam", dt.date(2026, 6, 1)
    )
    assert flag.is_current is True
    removed = RiskFlag(
        flag.id, flag.person_id, flag.kind, "", "Sam", flag.raised_on, dt.date(2026, 6, 9), "Jo"
    )
    assert removed.is_current is False


@pytest.mark.parametrize(
    ("phone", "address", "flags", "steps"),
    [
        (True, True, (), ["rebook", "phone", "write"]),
        (False, True, (), ["rebook", "write"]),
        (True, False, (), ["rebook", "phone"]),
        (True, True, (RiskFlagKind.NO_LETTERS,), ["rebook", "phone"]),
        (True, True, (RiskFlagKind.SAFEGUARDING,), ["rebook", "phone", "write"]),
    ],
)
def test_the_steps_after_a_missed_contact(
    phone: bool, address: bool, flags: tuple[RiskFlagKind, ...], steps: list[str]
) -> None:
    found = next_steps(has_phone=phone, has_address=address, flags=flags)
    assert [s.value for s in found] == steps


def test_why_a_step_is_not_open_and_nothing_when_it_is() -> None:
    both = {"has_phone": True, "has_address": True, "no_letters": False}
    assert [why_not(step, **both) for step in NextStep] == ["", "", ""]
    assert why_not(NextStep.REBOOK, has_phone=False, has_address=False, no_letters=True) == ""
    assert why_not(NextStep.WRITE, has_phone=True, has_address=True, no_letters=True) == (
        "Their record says no letters to the address."
    )


def test_a_day_set_by_hand_stays_when_no_contact_is_to_come() -> None:
    today = dt.date(2026, 6, 15)
    done = detail(draft(dt.datetime(2026, 6, 10, 10), ContactOutcome.ATTENDED))
    assert following_next_contact(None, [done], today) is None
    assert following_next_contact(dt.date(2026, 6, 30), [done], today) == dt.date(2026, 6, 30)
    assert following_next_contact(dt.date(2026, 6, 10), [done], today) is None


@pytest.mark.parametrize(
    ("first", "days"),
    [(None, None), (dt.date(2026, 6, 1), 0), (dt.date(2026, 6, 8), 7), (dt.date(2026, 5, 30), 0)],
)
def test_the_wait_from_referral_to_first_contact(first: dt.date | None, days: int | None) -> None:
    assert waiting_days(dt.date(2026, 6, 1), first) == days


def test_reasons_merged_keep_their_order_once_each() -> None:
    merged = merged_reasons(["Loneliness", "Low  mood"], ["low mood", "Debt", "", "  ", "Debt"])
    assert merged == ("Loneliness", "Low mood", "Debt")
    assert merged_reasons([], []) == ()
