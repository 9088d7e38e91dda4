"""Values typed in spreadsheet cells: costs, ways to join, statuses, yes/no, dates, lists."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from linkworker.domain.cell_values import (
    list_item,
    parse_accessibility,
    parse_coordinate,
    parse_cost,
    parse_date,
    parse_join_mode,
    parse_list,
    parse_status,
    parse_uuid,
    parse_yes_no,
    words,
)
from linkworker.domain.directory import ACCESSIBILITY_FEATURES, AssetStatus, Cost, JoinMode
from linkworker.domain.validation import InvalidValue


def test_words_are_lower_case_joined_by_one_underscore() -> None:
    assert words("  Low - Cost ") == "low_cost"
    assert words("just_turn__up") == "just_turn_up"
    assert words("_Step-free\taccess_") == "step_free_access"


@pytest.mark.parametrize(
    ("text", "cost"),
    [
        ("free", Cost.FREE),
        (" FREE ", Cost.FREE),
        ("No cost", Cost.FREE),
        ("£0", Cost.FREE),
        ("£0.00", Cost.FREE),
        ("0", Cost.FREE),
        ("Low cost", Cost.LOW_COST),
        ("low-cost", Cost.LOW_COST),
        ("cheap", Cost.LOW_COST),
        ("£", Cost.LOW_COST),
        ("Paid", Cost.PAID),
        ("fee", Cost.PAID),
        ("££", Cost.PAID),
        ("£££", Cost.PAID),
    ],
)
def test_costs(text: str, cost: Cost) -> None:
    assert parse_cost(text) is cost


@pytest.mark.parametrize("text", ["£5", "3.50", "£ 2.5", "50p", "12"])
def test_an_amount_is_not_a_cost_band_and_says_where_it_goes(text: str) -> None:
    with pytest.raises(InvalidValue, match="is an amount") as caught:
        parse_cost(text)
    assert f"“{text}”" in str(caught.value) and "cost_note" in str(caught.value)


@pytest.mark.parametrize("text", ["donations", "£5 a week", "1,000", ""])
def test_other_costs_are_refused(text: str) -> None:
    with pytest.raises(InvalidValue, match="is not a cost"):
        parse_cost(text)


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("drop in", JoinMode.DROP_IN),
        ("Drop-in", JoinMode.DROP_IN),
        ("dropin", JoinMode.DROP_IN),
        ("Just turn up", JoinMode.DROP_IN),
        ("self referral", JoinMode.SELF_REFERRAL),
        ("Self-refer", JoinMode.SELF_REFERRAL),
        ("referral", JoinMode.REFERRAL),
        ("Referral needed", JoinMode.REFERRAL),
        ("by referral", JoinMode.REFERRAL),
    ],
)
def test_ways_to_join(text: str, mode: JoinMode) -> None:
    assert parse_join_mode(text) is mode


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Active", AssetStatus.ACTIVE),
        ("running", AssetStatus.ACTIVE),
        ("on hold", AssetStatus.PAUSED),
        ("Paused", AssetStatus.PAUSED),
        ("ended", AssetStatus.CLOSED),
        ("CLOSED", AssetStatus.CLOSED),
    ],
)
def test_statuses(text: str, status: AssetStatus) -> None:
    assert parse_status(text) is status


@pytest.mark.parametrize(
    ("parse", "text", "message"),
    [
        (parse_join_mode, " maybe ", "“maybe” is not a way to join."),
        (parse_status, "gone", "“gone” is not a status."),
        (parse_yes_no, " perhaps", "“perhaps” is not yes or no."),
        (parse_coordinate, " north ", "“north” is not a number, like 53.2814."),
        (parse_uuid, " 42 ", "“42” is not an id from Link Worker."),
    ],
)
def test_a_value_that_is_not_one_says_what_was_typed(
    parse: object, text: str, message: str
) -> None:
    with pytest.raises(InvalidValue) as caught:
        parse(text)  # type: ignore[operator]
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize(
    ("text", "answer"),
    [("yes", True), (" Y ", True), ("TRUE", True), ("1", True), ("no", False), ("n", False),
     ("False", False), ("0", False)],
)  # fmt: skip
def test_yes_and_no(text: str, answer: bool) -> None:
    assert parse_yes_no(text) is answer


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2024-03-31", dt.date(2024, 3, 31)),
        ("2024-3-5", dt.date(2024, 3, 5)),
        ("31/03/2024", dt.date(2024, 3, 31)),
        ("5/3/2024", dt.date(2024, 3, 5)),
        (" 2024-03-31 00:00:00 ", dt.date(2024, 3, 31)),
        ("2024-03-31T00:00", dt.date(2024, 3, 31)),
        ("31/03/2024 00:00", dt.date(2024, 3, 31)),
    ],
)
def test_dates_year_first_or_day_first(text: str, date: dt.date) -> None:
    assert parse_date(text) == date


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2024-02-30", "“2024-02-30” is not a real date."),
        ("31/04/2024", "“31/04/2024” is not a real date."),
        ("03/31/2024", "“03/31/2024” is not a real date."),
        ("next Tuesday", "“next Tuesday” is not a date."),
        ("2024-03-31 10:30", "“2024-03-31 10:30” is not a date."),
        ("31.03.2024", "“31.03.2024” is not a date."),
    ],
)
def test_dates_that_cannot_be_read_say_so(text: str, message: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        parse_date(text)
    assert str(caught.value).startswith(message)


def test_coordinates_and_ids() -> None:
    assert parse_coordinate(" 53.2814 ") == 53.2814
    assert parse_coordinate("-3") == -3.0
    known = uuid.uuid5(uuid.NAMESPACE_DNS, "walk")
    assert parse_uuid(f" {known} ") == known


def test_lists_drop_blanks_and_repeats_keeping_the_first_spelling() -> None:
    assert parse_list(" tea ;; Tea; cake  and \t chat ;TEA") == ("tea", "cake and chat")
    assert parse_list("") == ()


def test_accessibility_by_key_or_label_each_once() -> None:
    assert parse_accessibility("HEARING LOOP; step-free access; Step_free; hearing_loop") == (
        "hearing_loop",
        "step_free",
    )
    assert parse_accessibility("") == ()


def test_unknown_accessibility_names_every_unknown_item_and_what_is_known() -> None:
    with pytest.raises(InvalidValue) as caught:
        parse_accessibility("step free; lift; ramp")
    message = str(caught.value)
    assert message.startswith("“lift”, “ramp” not known. Use any of: step_free, ")
    assert message.endswith(f"{list(ACCESSIBILITY_FEATURES)[-1]}.")


def test_a_list_item_cannot_hold_the_separator() -> None:
    assert list_item(" Tue; Thu ") == "Tue, Thu"
