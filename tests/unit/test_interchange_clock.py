"""Times and schedules from directory feeds, turned into opening times the directory accepts."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linkworker.domain.directory import AssetDraft, Day, OpeningTime
from linkworker.domain.validation import validate_asset
from linkworker.interchange.clock import (
    parse_clock,
    parse_weekday,
    slots_from_rrule,
    slots_from_schedule,
)

T = dt.time

# parse_clock -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("08:00", T(8, 0)),
        ("8:00", T(8, 0)),
        ("08:00:00", T(8, 0)),
        ("8:00am", T(8, 0)),
        ("8am", T(8, 0)),
        ("8 am", T(8, 0)),
        ("8.30pm", T(20, 30)),
        ("8:30 PM", T(20, 30)),
        ("8:30 p.m.", T(20, 30)),
        ("12pm", T(12, 0)),
        ("12am", T(0, 0)),
        ("12:30am", T(0, 30)),
        ("noon", T(12, 0)),
        ("Midday", T(12, 0)),
        ("midnight", T(0, 0)),
        ("10:00:00Z", T(10, 0)),
        ("10:00:00+01:00", T(10, 0)),
        ("09:00-05:00", T(9, 0)),
        ("10:00:00.000Z", T(10, 0)),
        ("1000", T(10, 0)),
        ("0930", T(9, 30)),
        ("17:45", T(17, 45)),
        ("23:59:59", T(23, 59)),
        ("1970-01-01T14:15:00", T(14, 15)),
    ],
)
def test_parse_clock_reads_the_usual_spellings(text: str, expected: dt.time) -> None:
    assert parse_clock(text) == expected


@pytest.mark.parametrize(
    "text", ["25:00", "13pm", "0am", "10:75", "", "soon", "10:00:99", "12345", "24:00", "-1:00"]
)
def test_parse_clock_refuses_what_is_not_a_time(text: str) -> None:
    with pytest.raises(ValueError, match="is not a time of day"):
        parse_clock(text)


@given(st.text(max_size=20))
def test_parse_clock_gives_a_time_or_value_error(text: str) -> None:
    try:
        result = parse_clock(text)
    except ValueError:
        return
    assert isinstance(result, dt.time)


@given(st.integers(0, 23), st.integers(0, 59))
def test_parse_clock_reads_back_every_24_hour_time(hour: int, minute: int) -> None:
    assert parse_clock(f"{hour:02d}:{minute:02d}:00") == T(hour, minute)
    twelve = hour % 12 or 12
    suffix = "am" if hour < 12 else "pm"
    assert parse_clock(f"{twelve}:{minute:02d}{suffix}") == T(hour, minute)


# Weekdays ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "day"),
    [
        (1, Day.MONDAY),
        ("1", Day.MONDAY),
        (7, Day.SUNDAY),
        (0, Day.SUNDAY),
        ("Tuesday", Day.TUESDAY),
        ("Wed", Day.WEDNESDAY),
        ("TH", Day.THURSDAY),
    ],
)
def test_parse_weekday(value: object, day: Day) -> None:
    assert parse_weekday(value) == day


def test_parse_weekday_refuses_nonsense() -> None:
    with pytest.raises(ValueError):
        parse_weekday(9)
    with pytest.raises(ValueError):
        parse_weekday("Funday")


# slots_from_rrule ----------------------------------------------------------------------


def test_weekly_byday_gives_one_slot_per_day() -> None:
    slots, warnings = slots_from_rrule("MO,TU", "10:00", "12:00", freq="WEEKLY")
    assert slots == (
        OpeningTime(Day.MONDAY, T(10), T(12)),
        OpeningTime(Day.TUESDAY, T(10), T(12)),
    )
    assert warnings == ()


def test_twelve_hour_times_are_read() -> None:
    slots, _ = slots_from_rrule("WE", "9:30am", "2pm")
    assert slots == (OpeningTime(Day.WEDNESDAY, T(9, 30), T(14)),)


def test_ordinal_days_keep_the_day_and_say_which_in_the_month() -> None:
    slots, _ = slots_from_rrule("1TU,-1FR", "10:00", "12:00", freq="MONTHLY")
    assert slots == (
        OpeningTime(Day.TUESDAY, T(10), T(12), "first Tuesday of the month"),
        OpeningTime(Day.FRIDAY, T(10), T(12), "last Friday of the month"),
    )
    assert OpeningTime(Day.TUESDAY, T(10), T(12), "first Tuesday of the month").describe()


def test_second_to_last_and_every_other_month() -> None:
    slots, _ = slots_from_rrule("-2WE", "", "", freq="MONTHLY", interval=2)
    assert slots == (
        OpeningTime(Day.WEDNESDAY, note="second to last Wednesday of every other month"),
    )


def test_every_other_week() -> None:
    slots, _ = slots_from_rrule("TH", "14:00", "16:00", freq="WEEKLY", interval=2)
    assert slots == (OpeningTime(Day.THURSDAY, T(14), T(16), "every other week"),)
    slots, _ = slots_from_rrule("TH", "14:00", "", freq="WEEKLY", interval="3")
    assert slots[0].note == "every 3 weeks"


def test_monthly_by_day_of_month() -> None:
    slots, _ = slots_from_rrule("", "10:00", "11:00", freq="MONTHLY", bymonthday="1,15")
    assert slots == (OpeningTime(None, T(10), T(11), "on the 1st and 15th of the month"),)


def test_closing_before_opening_drops_the_end_with_a_warning() -> None:
    slots, warnings = slots_from_rrule("MO", "14:00", "10:00")
    assert slots == (OpeningTime(Day.MONDAY, T(14), None),)
    assert warnings == (
        "closing time 10:00 is not after opening time 14:00; kept the opening time only",
    )


def test_closing_at_midnight_is_the_end_of_the_day() -> None:
    for closing in ("00:00", "24:00", "midnight"):
        slots, warnings = slots_from_rrule("FR", "18:00", closing)
        assert slots == (OpeningTime(Day.FRIDAY, T(18), T(23, 59)),)
        assert warnings == ()


def test_an_unreadable_time_is_left_out_with_a_warning() -> None:
    slots, warnings = slots_from_rrule("SA", "25:00", "13:00")
    assert slots == (OpeningTime(Day.SATURDAY, None, None),)
    assert "opening time '25:00' is not a time of day; left out" in warnings
    assert "closing time 13:00 has no opening time; left out" in warnings


def test_an_unknown_day_is_left_out_with_a_warning() -> None:
    slots, warnings = slots_from_rrule("MO,XX", "10:00", "11:00")
    assert [s.day for s in slots] == [Day.MONDAY]
    assert warnings == ("'XX' is not a day of the week; left out of the opening times",)


def test_day_names_are_accepted_in_byday() -> None:
    slots, _ = slots_from_rrule("Monday, Weds", "10:00", "11:00")
    assert [s.day for s in slots] == [Day.MONDAY, Day.WEDNESDAY]


def test_a_description_alone_becomes_a_note() -> None:
    slots, _ = slots_from_rrule("", "", "", description="Ring to book an appointment")
    assert slots == (OpeningTime(note="Ring to book an appointment"),)


def test_a_description_that_reads_as_times_gives_slots() -> None:
    slots, _ = slots_from_rrule("", "", "", description="Tue 10:00-12:00; Thu 2-4pm")
    assert slots == (
        OpeningTime(Day.TUESDAY, T(10), T(12)),
        OpeningTime(Day.THURSDAY, T(14), T(16)),
    )


def test_a_description_of_days_takes_the_schedule_times() -> None:
    slots, _ = slots_from_rrule("", "10:00", "12:00", description="Mondays and Wednesdays")
    assert slots == (
        OpeningTime(Day.MONDAY, T(10), T(12)),
        OpeningTime(Day.WEDNESDAY, T(10), T(12)),
    )


def test_a_free_text_description_beside_days_is_kept_as_its_own_note() -> None:
    slots, _ = slots_from_rrule("MO", "10:00", "12:00", description="Not on bank holidays")
    assert slots == (
        OpeningTime(Day.MONDAY, T(10), T(12)),
        OpeningTime(note="Not on bank holidays"),
    )


def test_a_description_repeating_the_days_adds_nothing() -> None:
    slots, _ = slots_from_rrule("MO", "10:00", "12:00", description="Monday 10:00-12:00")
    assert slots == (OpeningTime(Day.MONDAY, T(10), T(12)),)


def test_times_without_days_or_text() -> None:
    slots, _ = slots_from_rrule("", "10:00", "12:00")
    assert slots == (OpeningTime(None, T(10), T(12)),)


def test_nothing_at_all_gives_no_slots() -> None:
    assert slots_from_rrule("", None, None) == ((), ())


# Whole schedule rows -------------------------------------------------------------------


def test_oruk1_weekday_row() -> None:
    row = {"weekday": "Tuesday", "opens_at": "9:00am", "closes_at": "12:30pm"}
    assert slots_from_schedule(row) == ((OpeningTime(Day.TUESDAY, T(9), T(12, 30)),), ())


def test_oruk1_numbered_weekday_row() -> None:
    row = {"weekday": 5, "opens_at": "10:00", "closes_at": "11:00"}
    assert slots_from_schedule(row)[0] == (OpeningTime(Day.FRIDAY, T(10), T(11)),)


def test_oruk1_bad_weekday_is_reported() -> None:
    slots, warnings = slots_from_schedule({"weekday": "Someday", "opens_at": "10:00"})
    assert slots == (OpeningTime(None, T(10), None),)
    assert (
        warnings[0] == "weekday 'Someday' is not a day of the week; left out of the opening times"
    )


def test_oruk3_row_with_html_description() -> None:
    row = {
        "freq": "WEEKLY",
        "byday": "TH",
        "opens_at": "10:00:00",
        "closes_at": "18:00:00",
        "description": "<p>Closed on bank holidays</p>",
    }
    slots, _ = slots_from_schedule(row)
    assert slots == (
        OpeningTime(Day.THURSDAY, T(10), T(18)),
        OpeningTime(note="Closed on bank holidays"),
    )


schedule_rows = st.fixed_dictionaries(
    {},
    optional={
        "byday": st.sampled_from(["MO", "1TU", "-1FR", "MO,WE", "XX", "", "SU,SA"]),
        "weekday": st.one_of(st.integers(-2, 9), st.sampled_from(["Mon", "Funday", ""])),
        "opens_at": st.one_of(st.none(), st.text(max_size=8), st.sampled_from(["9am", "18:00"])),
        "closes_at": st.one_of(st.none(), st.text(max_size=8), st.sampled_from(["5pm", "08:00"])),
        "freq": st.sampled_from(["WEEKLY", "MONTHLY", "", "DAILY"]),
        "interval": st.one_of(st.integers(-1, 5), st.text(max_size=3)),
        "bymonthday": st.one_of(st.text(max_size=6), st.integers(-40, 40)),
        "description": st.text(max_size=40),
    },
)


@given(schedule_rows)
def test_any_schedule_row_gives_slots_the_directory_accepts(row: dict[str, object]) -> None:
    slots, warnings = slots_from_schedule(row)
    assert all(isinstance(w, str) and w for w in warnings)
    draft = AssetDraft(name="Any", opening_times=slots)
    assert validate_asset(draft, dt.date(2025, 1, 1)) == []
