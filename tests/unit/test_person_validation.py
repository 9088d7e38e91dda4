"""Checking what is typed about people, referrals and conversations.

Every NHS number here is from the 999 test range (never issued) and passes Modulus 11.
"""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linkworker.domain.people import (
    ClosingReason,
    Consent,
    ConversationDraft,
    ConversationType,
    CrisisPlan,
    CrisisStep,
    EpisodeDraft,
    EpisodeStatus,
    ImportantPerson,
    PersonDraft,
)
from linkworker.domain.person_validation import (
    OLDEST_AGE,
    age_on,
    format_nhs_number,
    parse_nhs_number,
    validate_conversation,
    validate_episode,
    validate_person,
)
from linkworker.domain.validation import InvalidValue

TODAY = dt.date(2024, 6, 15)
NOW = dt.datetime(2024, 6, 15, 14, 30)
VALID = ("9995752697", "9997945131", "9991045392", "9995251310", "9998355095")


def fields(errors: list[object]) -> list[str]:
    return [e.field for e in errors]  # type: ignore[attr-defined]


# NHS numbers ------------------------------------------------------------------


@pytest.mark.parametrize("number", VALID)
def test_valid_numbers_are_accepted(number: str) -> None:
    assert parse_nhs_number(number) == number


@pytest.mark.parametrize(
    "typed",
    [
        "999 575 2697",
        "999-575-2697",
        " 999 575 2697 ",
        "999\u00a0575\u00a02697",
        "999 - 575 - 2697",
    ],
)
def test_spaces_and_dashes_are_allowed(typed: str) -> None:
    assert parse_nhs_number(typed) == "9995752697"


def test_empty_means_not_known() -> None:
    assert parse_nhs_number("") == ""
    assert parse_nhs_number("   ") == ""


def test_a_wrong_check_digit_is_refused_and_says_so() -> None:
    with pytest.raises(InvalidValue) as caught:
        parse_nhs_number("9995752698")
    assert "999 575 2698 is not a valid NHS number" in str(caught.value)
    assert "last digit" in str(caught.value)


def test_all_zeros_passes_the_checksum_but_is_refused() -> None:
    with pytest.raises(InvalidValue, match="placeholder, not an NHS number"):
        parse_nhs_number("000 000 0000")


@pytest.mark.parametrize(
    "typed", ["999575269", "99957526971", "999 575 269A", "NHS 9995752697", "9995752697x", "1e10"]
)
def test_wrong_lengths_and_letters_are_refused(typed: str) -> None:
    with pytest.raises(InvalidValue, match=r"is not an NHS number\. It has 10 digits"):
        parse_nhs_number(typed)


@pytest.mark.parametrize("typed", ["٩٩٩٥٧٥٢٦٩٧", "²²²²²²²²²²", "９９９５７５２６９７"])
def test_digits_from_other_scripts_are_refused(typed: str) -> None:
    """isdigit() is true of these; they used to be stored as they were."""
    with pytest.raises(InvalidValue, match="is not an NHS number"):
        parse_nhs_number(typed)


def test_format_groups_three_three_four() -> None:
    assert format_nhs_number("9995752697") == "999 575 2697"
    assert format_nhs_number("") == ""
    assert format_nhs_number("12345") == "12345"


@given(st.text())
def test_any_text_gives_ten_digits_or_a_message(text: str) -> None:
    try:
        value = parse_nhs_number(text)
    except InvalidValue as exc:
        assert str(exc)
    else:
        assert value == "" or (len(value) == 10 and value.isascii() and value.isdigit())
        assert parse_nhs_number(format_nhs_number(value)) == value


@given(st.sampled_from(VALID), st.integers(0, 9), st.integers(1, 9))
def test_changing_any_one_digit_is_caught(number: str, where: int, by: int) -> None:
    changed = number[:where] + str((int(number[where]) + by) % 10) + number[where + 1 :]
    with pytest.raises(InvalidValue):
        parse_nhs_number(changed)


# People -----------------------------------------------------------------------


def test_a_minimal_person_is_fine() -> None:
    assert validate_person(PersonDraft(given_name="Morwenna"), TODAY) == []


def test_a_preferred_name_alone_is_enough() -> None:
    assert validate_person(PersonDraft(given_name="", preferred_name="Mo"), TODAY) == []


def test_a_person_needs_some_name() -> None:
    assert fields(validate_person(PersonDraft(given_name="  "), TODAY)) == ["given_name"]


def test_a_full_person_is_fine() -> None:
    draft = PersonDraft(
        given_name="Morwenna",
        family_name="Quayle",
        date_of_birth=dt.date(1948, 2, 29),
        nhs_number="9997945131",
        postcode="CH41 5AB",
        phone="01632 960123",
        email="mo@example.org",
        important_people=(ImportantPerson("Bryn", "son"),),
    )
    assert validate_person(draft, TODAY) == []


def test_a_date_of_birth_in_the_future_is_refused() -> None:
    errors = validate_person(
        PersonDraft(given_name="Ida", date_of_birth=TODAY + dt.timedelta(days=1)), TODAY
    )
    assert fields(errors) == ["date_of_birth"]
    assert "future" in errors[0].message


def test_born_today_is_fine() -> None:
    assert validate_person(PersonDraft(given_name="Ida", date_of_birth=TODAY), TODAY) == []


def test_over_120_is_refused() -> None:
    errors = validate_person(
        PersonDraft(given_name="Ida", date_of_birth=dt.date(1900, 1, 1)), TODAY
    )
    assert fields(errors) == ["date_of_birth"]
    assert "over 120" in errors[0].message


def test_exactly_120_counts_the_birthday() -> None:
    """Age is whole years; a year difference of 121 can still be 120 years old."""
    before_birthday = dt.date(1903, 12, 31)
    assert age_on(before_birthday, TODAY) == OLDEST_AGE
    assert (
        validate_person(PersonDraft(given_name="Ida", date_of_birth=before_birthday), TODAY) == []
    )
    after_birthday = dt.date(1903, 6, 15)
    assert age_on(after_birthday, TODAY) == OLDEST_AGE + 1
    assert fields(
        validate_person(PersonDraft(given_name="Ida", date_of_birth=after_birthday), TODAY)
    ) == ["date_of_birth"]


def test_age_on_a_leap_day_birthday() -> None:
    assert age_on(dt.date(2000, 2, 29), dt.date(2024, 2, 28)) == 23
    assert age_on(dt.date(2000, 2, 29), dt.date(2024, 2, 29)) == 24


def test_no_fixed_address_without_a_postcode_is_fine() -> None:
    draft = PersonDraft(given_name="Tam", no_fixed_address=True)
    assert validate_person(draft, TODAY) == []


@pytest.mark.parametrize("postcode", ["CH41", "NOT A CODE", "12345", "CH41 5A"])
def test_a_bad_postcode_is_refused(postcode: str) -> None:
    errors = validate_person(PersonDraft(given_name="Tam", postcode=postcode), TODAY)
    assert fields(errors) == ["postcode"]
    assert "not a UK postcode" in errors[0].message


def test_every_problem_is_reported_at_once() -> None:
    draft = PersonDraft(
        given_name="",
        family_name="X" * 101,
        date_of_birth=dt.date(2030, 1, 1),
        nhs_number="9995752698",
        postcode="nowhere",
        phone="call me",
        email="not-an-email",
        important_people=(ImportantPerson(""),),
    )
    errors = validate_person(draft, TODAY)
    assert set(fields(errors)) == {
        "given_name",
        "family_name",
        "date_of_birth",
        "nhs_number",
        "postcode",
        "phone",
        "email",
        "important_people[0].name",
    }
    assert all(e.message.strip() for e in errors)


def test_a_name_of_exactly_100_characters_is_fine() -> None:
    draft = PersonDraft(given_name="A" * 100, family_name="B" * 100, preferred_name="C" * 100)
    assert validate_person(draft, TODAY) == []


# Referrals --------------------------------------------------------------------

PERSON = uuid.UUID(int=1)


def test_a_waiting_referral_is_fine() -> None:
    assert validate_episode(EpisodeDraft(PERSON, referral_date=TODAY), TODAY) == []


def test_a_referral_dated_in_the_future_is_refused() -> None:
    errors = validate_episode(EpisodeDraft(PERSON, TODAY + dt.timedelta(days=1)), TODAY)
    assert fields(errors) == ["referral_date"]


def test_closing_needs_a_reason_and_a_date() -> None:
    draft = EpisodeDraft(PERSON, dt.date(2024, 1, 1), status=EpisodeStatus.CLOSED)
    assert set(fields(validate_episode(draft, TODAY))) == {"closing_reason", "closed_on"}
    closed = EpisodeDraft(
        PERSON,
        dt.date(2024, 1, 1),
        status=EpisodeStatus.CLOSED,
        closing_reason=ClosingReason.GOALS_MET,
        closed_on=dt.date(2024, 5, 1),
    )
    assert validate_episode(closed, TODAY) == []


def test_closing_before_the_referral_is_refused() -> None:
    draft = EpisodeDraft(
        PERSON,
        dt.date(2024, 3, 1),
        status=EpisodeStatus.CLOSED,
        closing_reason=ClosingReason.MOVED,
        closed_on=dt.date(2024, 2, 1),
    )
    assert fields(validate_episode(draft, TODAY)) == ["closed_on"]


def test_closing_on_the_day_of_the_referral_and_consent_given_today_are_fine() -> None:
    draft = EpisodeDraft(
        PERSON,
        TODAY,
        status=EpisodeStatus.CLOSED,
        closing_reason=ClosingReason.DECLINED,
        closed_on=TODAY,
        consent_to_hold=Consent(True, TODAY, "Lowri"),
    )
    assert validate_episode(draft, TODAY) == []


def test_consent_dated_in_the_future_is_refused() -> None:
    draft = EpisodeDraft(
        PERSON, TODAY, consent_share_gp=Consent(True, TODAY + dt.timedelta(days=3), "Lowri")
    )
    assert fields(validate_episode(draft, TODAY)) == ["consent_share_gp"]


# Conversations ----------------------------------------------------------------

EPISODE = uuid.UUID(int=2)


def test_a_plain_conversation_is_fine() -> None:
    assert validate_conversation(ConversationDraft(EPISODE, NOW, minutes=45), NOW) == []


def test_a_conversation_in_the_future_is_refused() -> None:
    draft = ConversationDraft(EPISODE, NOW + dt.timedelta(hours=1))
    assert fields(validate_conversation(draft, NOW)) == ["at"]


def test_a_clock_a_little_ahead_is_forgiven() -> None:
    draft = ConversationDraft(EPISODE, NOW + dt.timedelta(minutes=4))
    assert validate_conversation(draft, NOW) == []


@pytest.mark.parametrize("minutes", [0, -5, 24 * 60 + 1])
def test_a_length_out_of_range_is_refused(minutes: int) -> None:
    draft = ConversationDraft(EPISODE, NOW, minutes=minutes)
    assert fields(validate_conversation(draft, NOW)) == ["minutes"]


@pytest.mark.parametrize(
    ("ahead", "refused"),
    [
        (dt.timedelta(minutes=5), False),
        (dt.timedelta(minutes=5, seconds=1), True),
        (-dt.timedelta(days=400), False),
    ],
)
def test_the_clock_may_be_up_to_five_minutes_behind(ahead: dt.timedelta, refused: bool) -> None:
    draft = ConversationDraft(EPISODE, NOW + ahead)
    assert fields(validate_conversation(draft, NOW)) == (["at"] if refused else [])


@pytest.mark.parametrize("minutes", [1, 24 * 60, None])
def test_a_length_from_one_minute_to_a_whole_day_or_none_is_fine(minutes: int | None) -> None:
    draft = ConversationDraft(EPISODE, NOW, minutes=minutes)
    assert validate_conversation(draft, NOW) == []


def test_a_check_back_on_the_day_of_the_conversation_is_fine() -> None:
    draft = ConversationDraft(
        EPISODE, NOW, crisis=CrisisPlan("Food in the house", check_back_on=TODAY)
    )
    assert validate_conversation(draft, NOW) == []


def test_a_crisis_without_a_check_back_date_is_refused() -> None:
    draft = ConversationDraft(
        EPISODE,
        NOW,
        kind=ConversationType.CRISIS,
        crisis=CrisisPlan(must_change="Heating back on before the weekend"),
    )
    errors = validate_conversation(draft, NOW)
    assert fields(errors) == ["crisis.check_back_on"]
    assert "check back" in errors[0].message


def test_a_crisis_needs_what_must_change() -> None:
    draft = ConversationDraft(EPISODE, NOW, crisis=CrisisPlan(must_change=" ", check_back_on=TODAY))
    assert fields(validate_conversation(draft, NOW)) == ["crisis.must_change"]


def test_a_check_back_before_the_conversation_is_refused() -> None:
    draft = ConversationDraft(
        EPISODE,
        NOW,
        crisis=CrisisPlan("Food in the house", check_back_on=TODAY - dt.timedelta(days=1)),
    )
    assert fields(validate_conversation(draft, NOW)) == ["crisis.check_back_on"]


def test_a_full_crisis_plan_is_fine() -> None:
    draft = ConversationDraft(
        EPISODE,
        NOW,
        kind=ConversationType.CRISIS,
        crisis=CrisisPlan(
            must_change="Food in the house and the gas back on",
            steps=(CrisisStep("Food bank voucher", "link worker", TODAY),),
            check_back_on=TODAY + dt.timedelta(days=2),
        ),
    )
    assert validate_conversation(draft, NOW) == []


def test_all_zeros_is_called_a_placeholder() -> None:
    with pytest.raises(InvalidValue) as caught:
        parse_nhs_number("000 000 0000")
    assert "placeholder" in str(caught.value)
    assert "Leave the box empty" in str(caught.value)


@pytest.mark.parametrize(
    ("safeguarding", "told", "fields"),
    [
        (True, "", ["crisis.told"]),
        (True, "   ", ["crisis.told"]),
        (True, "Safeguarding lead", []),
        (False, "", []),
        (None, "", []),
    ],
)
def test_a_safeguarding_concern_says_who_was_told(
    safeguarding: bool | None, told: str, fields: list[str]
) -> None:
    plan = CrisisPlan(
        "Food in the house", check_back_on=TODAY, safeguarding=safeguarding, told=told
    )
    draft = ConversationDraft(EPISODE, NOW, crisis=plan)
    assert [p.field for p in validate_conversation(draft, NOW)] == fields
