"""The rules about contacts: when one can be saved, the clock change, overlaps, failed
attempts in a row, the next steps after a missed contact, and the next contact day."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linkworker.domain.journey import (
    ContactDetail,
    ContactDraft,
    ContactOutcome,
    ContactPlace,
    NextStep,
    RiskFlagKind,
    clock_change_note,
    clock_change_problem,
    contact_problems,
    failed_attempts_in_a_row,
    following_next_contact,
    overlapping,
    step_offers,
    suggest_not_taken_up,
)

EPISODE = uuid.UUID(int=1)
NOW = dt.datetime(2026, 6, 15, 12, 0)


def _contact(
    at: dt.datetime,
    outcome: ContactOutcome = ContactOutcome.BOOKED,
    minutes: int = 60,
    moved_from: dt.datetime | None = None,
) -> ContactDetail:
    contact_id = uuid.uuid4()
    draft = ContactDraft(
        episode_id=EPISODE, starts_at=at, minutes=minutes, outcome=outcome, id=contact_id
    )
    return ContactDetail(
        id=contact_id, version=1, person_id=uuid.UUID(int=2), draft=draft, moved_from=moved_from
    )


def _fields(draft: ContactDraft) -> list[str]:
    return [p.field for p in contact_problems(draft, NOW)]


@pytest.mark.parametrize(
    ("outcome", "ahead", "fields"),
    [
        (ContactOutcome.BOOKED, dt.timedelta(days=1), []),
        (ContactOutcome.BOOKED, -dt.timedelta(minutes=4), []),  # the grace for typing
        (ContactOutcome.BOOKED, -dt.timedelta(minutes=6), ["starts_at"]),
        (ContactOutcome.ATTENDED, -dt.timedelta(days=1), []),
        (ContactOutcome.ATTENDED, dt.timedelta(minutes=6), ["outcome"]),
        (ContactOutcome.DID_NOT_ATTEND, dt.timedelta(days=1), ["outcome"]),
        (ContactOutcome.COULD_NOT_REACH, dt.timedelta(days=1), ["outcome"]),
        (ContactOutcome.CANCELLED_BY_PERSON, dt.timedelta(days=1), []),
        (ContactOutcome.CANCELLED_BY_WORKER, dt.timedelta(days=1), []),
        (ContactOutcome.CANCELLED_BY_PERSON, -dt.timedelta(days=1), []),
    ],
)
def test_when_a_contact_can_be_saved(
    outcome: ContactOutcome, ahead: dt.timedelta, fields: list[str]
) -> None:
    assert _fields(ContactDraft(EPISODE, NOW + ahead, outcome=outcome)) == fields


def test_length_and_hub_name() -> None:
    later = NOW + dt.timedelta(days=1)
    assert _fields(ContactDraft(EPISODE, later, minutes=4)) == ["minutes"]
    assert _fields(ContactDraft(EPISODE, later, minutes=481)) == ["minutes"]
    assert _fields(ContactDraft(EPISODE, later, minutes=480)) == []
    assert _fields(ContactDraft(EPISODE, later, place=ContactPlace.HUB)) == ["place_name"]
    named = ContactDraft(EPISODE, later, place=ContactPlace.HUB, place_name="Elton Cafe")
    assert _fields(named) == []
    chosen = ContactDraft(EPISODE, later, place=ContactPlace.HUB, asset_id=uuid.uuid4())
    assert _fields(chosen) == []


def test_the_clock_change_nights() -> None:
    skipped = dt.datetime(2027, 3, 28, 1, 30)
    message = clock_change_problem(skipped)
    assert message is not None and "does not exist" in message and "02:00" in message
    assert clock_change_problem(dt.datetime(2027, 3, 28, 2, 0)) is None
    assert clock_change_note(skipped) is None
    twice = dt.datetime(2026, 10, 25, 1, 30)
    assert clock_change_problem(twice) is None
    note = clock_change_note(twice)
    assert note is not None and "happens twice" in note
    assert clock_change_note(dt.datetime(2026, 10, 25, 2, 30)) is None


def test_overlaps_are_booked_contacts_sharing_some_time() -> None:
    at = NOW + dt.timedelta(days=1)
    same_time = _contact(at)
    just_after = _contact(at + dt.timedelta(hours=1))
    cancelled = _contact(at, ContactOutcome.CANCELLED_BY_PERSON)
    draft = ContactDraft(EPISODE, at + dt.timedelta(minutes=30), minutes=30)
    assert overlapping(draft, [same_time, just_after, cancelled]) == (same_time,)
    itself = ContactDraft(EPISODE, at, id=same_time.id)
    assert overlapping(itself, [same_time]) == ()


def test_failed_attempts_since_the_last_attended() -> None:
    day = dt.timedelta(days=1)
    run = [
        _contact(NOW - 9 * day, ContactOutcome.DID_NOT_ATTEND),
        _contact(NOW - 8 * day, ContactOutcome.ATTENDED),
        _contact(NOW - 7 * day, ContactOutcome.DID_NOT_ATTEND),
        _contact(NOW - 6 * day, ContactOutcome.CANCELLED_BY_PERSON),
        _contact(NOW - 5 * day, ContactOutcome.COULD_NOT_REACH),
        _contact(NOW + 5 * day),
    ]
    assert failed_attempts_in_a_row(run) == 2
    assert not suggest_not_taken_up(run)
    third = [*run, _contact(NOW - 4 * day, ContactOutcome.DID_NOT_ATTEND)]
    assert failed_attempts_in_a_row(third) == 3
    assert suggest_not_taken_up(third)


def test_step_offers_say_why_a_step_is_not_open() -> None:
    everything = step_offers(has_phone=True, has_address=True)
    assert [(o.step, o.available) for o in everything] == [(s, True) for s in NextStep]
    nothing = {o.step: o.why_not for o in step_offers(has_phone=False, has_address=False)}
    assert nothing[NextStep.REBOOK] == ""
    assert "no phone number" in nothing[NextStep.PHONE]
    assert "no address" in nothing[NextStep.WRITE]
    no_letters = step_offers(has_phone=True, has_address=True, flags=[RiskFlagKind.NO_LETTERS])
    assert {o.step: o.why_not for o in no_letters}[NextStep.WRITE] == (
        "Their record says no letters to the address."
    )
    other_flag = step_offers(has_phone=True, has_address=True, flags=[RiskFlagKind.SAFEGUARDING])
    assert all(o.available for o in other_flag)


def test_the_next_contact_follows_the_bookings() -> None:
    today = NOW.date()
    soon, later = NOW + dt.timedelta(days=2), NOW + dt.timedelta(days=9)
    by_hand = today + dt.timedelta(days=30)
    contacts = [_contact(later), _contact(soon), _contact(NOW - dt.timedelta(days=3))]
    assert following_next_contact(None, contacts, today) == soon.date()
    assert following_next_contact(by_hand, contacts, today) == soon.date()
    this_morning = _contact(dt.datetime.combine(today, dt.time(9)))
    assert following_next_contact(None, [this_morning], today) == today

    done = [_contact(soon, ContactOutcome.CANCELLED_BY_PERSON)]
    assert following_next_contact(soon.date(), done, today) is None
    assert following_next_contact(by_hand, done, today) == by_hand
    assert following_next_contact(None, done, today) is None
    moved_away = [_contact(NOW - dt.timedelta(days=1), ContactOutcome.ATTENDED, moved_from=soon)]
    assert following_next_contact(soon.date(), moved_away, today) is None


@given(
    at=st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1)),
    minutes=st.integers(min_value=-10, max_value=2000),
    outcome=st.sampled_from(ContactOutcome),
    place=st.sampled_from(ContactPlace),
)
def test_any_contact_gives_problems_or_none_never_a_crash(
    at: dt.datetime, minutes: int, outcome: ContactOutcome, place: ContactPlace
) -> None:
    draft = ContactDraft(EPISODE, at, minutes=minutes, outcome=outcome, place=place)
    problems = contact_problems(draft, NOW)
    assert all(p.field in {"starts_at", "outcome", "minutes", "place_name"} for p in problems)
    assert all(p.message.strip() for p in problems)


@given(at=st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1)))
def test_a_skipped_time_names_a_time_that_exists(at: dt.datetime) -> None:
    message = clock_change_problem(at)
    if message is None:
        return
    suggested = message.rsplit("Choose ", 1)[1].removesuffix(" or later.")
    hour, minute = (int(x) for x in suggested.split(":"))
    first = at.replace(hour=hour, minute=minute, second=0, microsecond=0)
    assert first > at and clock_change_problem(first) is None
    assert clock_change_problem(first - dt.timedelta(minutes=1)) is not None
    assert clock_change_note(at) is None
