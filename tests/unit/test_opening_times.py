"""Opening times as people type them: days, ranges of days, times with and without am/pm, notes."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linkworker.domain.directory import Day, OpeningTime
from linkworker.domain.opening_times import (
    format_opening_time,
    format_opening_times,
    parse_opening_item,
    parse_opening_times,
    summarise_times,
)

T = dt.time
WEEKEND = (Day.SATURDAY, Day.SUNDAY)


@pytest.mark.parametrize(
    ("text", "slots"),
    [
        ("Tue 10:00-12:00", [OpeningTime(Day.TUESDAY, T(10), T(12))]),
        ("Thu 2pm-4pm", [OpeningTime(Day.THURSDAY, T(14), T(16))]),
        ("Thursday 2-4pm", [OpeningTime(Day.THURSDAY, T(14), T(16))]),
        ("Wed 11-1pm", [OpeningTime(Day.WEDNESDAY, T(11), T(13))]),
        ("Mon 10-2", [OpeningTime(Day.MONDAY, T(10), T(14))]),
        ("Tues 9.30am to noon", [OpeningTime(Day.TUESDAY, T(9, 30), T(12))]),
        ("Saturdays", [OpeningTime(Day.SATURDAY)]),
        ("Fri 10:00", [OpeningTime(Day.FRIDAY, T(10))]),
        ("every Sunday 3pm", [OpeningTime(Day.SUNDAY, T(15))]),
        ("first Friday of the month", [OpeningTime(note="first Friday of the month")]),
        ("We meet monthly", [OpeningTime(note="We meet monthly")]),
        ("1 to 1 support", [OpeningTime(note="1 to 1 support")]),
        ("10:00-16:00", [OpeningTime(None, T(10), T(16))]),
        (
            "Tue 10:00-12:00 (term time only)",
            [OpeningTime(Day.TUESDAY, T(10), T(12), "term time only")],
        ),
        ("Thu, bring a packed lunch", [OpeningTime(Day.THURSDAY, note="bring a packed lunch")]),
        (
            "Mon-Wed 9-5",
            [OpeningTime(d, T(9), T(17)) for d in (Day.MONDAY, Day.TUESDAY, Day.WEDNESDAY)],
        ),
        ("Sat-Sun", [OpeningTime(Day.SATURDAY), OpeningTime(Day.SUNDAY)]),
        (
            "Tue & Thu 1pm",
            [OpeningTime(Day.TUESDAY, T(13)), OpeningTime(Day.THURSDAY, T(13))],
        ),
        ("(Tuesday club)", [OpeningTime(note="Tuesday club")]),
    ],
)
def test_opening_times_grammar(text: str, slots: list[OpeningTime]) -> None:
    assert parse_opening_item(text) == slots


@pytest.mark.parametrize(
    ("text", "starts", "ends"),
    [
        # A bare start takes the end's "pm" when the range still runs forwards.
        ("Tue 2-2:30pm", T(14), T(14, 30)),
        ("Thu 2:30-2:45pm", T(14, 30), T(14, 45)),
        ("Mon 1-3pm", T(13), T(15)),
        ("Sat 11-11:30pm", T(23), T(23, 30)),
        # ... and stays in the morning when the afternoon would start after the end.
        ("Wed 10-2pm", T(10), T(14)),
        ("Fri 9-11am", T(9), T(11)),
        # Twelve is noon already; 24-hour starts are what they say.
        ("Sat 12-1pm", T(12), T(13)),
        ("Sat 12:30-1pm", T(12, 30), T(13)),
        ("Sun 13:00-4pm", T(13), T(16)),
        ("Sun 00:30-2pm", T(0, 30), T(14)),
        # Bare hours on both sides read as a daytime range: "12-1" is lunchtime.
        ("Mon 12-1", T(12), T(13)),
        ("Mon 9-10", T(9), T(10)),
        ("Mon 10 to 11:30", T(10), T(11, 30)),
        # "8-8" is eight in the morning to eight at night.
        ("Mon 8-8", T(8), T(20)),
        ("Mon 11-11", T(11), T(23)),
        # An end that would still not be after the start is left for the check to refuse.
        ("Mon 12-12", T(12), T(12)),
        ("Mon 14-2", T(14), T(2)),
        # One time alone is when it starts.
        ("Tue 10", T(10), None),
        ("Tue 7pm", T(19), None),
    ],
)
def test_a_range_reads_as_people_mean_it(text: str, starts: dt.time, ends: dt.time | None) -> None:
    (slot,) = parse_opening_item(text)
    assert (slot.starts, slot.ends) == (starts, ends)


@pytest.mark.parametrize(
    ("text", "starts", "ends"),
    [
        ("1-3pm", T(13), T(15)),
        ("2pm-4pm", T(14), T(16)),
        ("2pm", T(14), None),
        ("9.30-11.30", T(9, 30), T(11, 30)),
        ("noon-2", T(12), T(14)),
        ("midday to 2", T(12), T(14)),
    ],
)
def test_times_with_no_day_need_minutes_am_pm_or_noon(
    text: str, starts: dt.time, ends: dt.time | None
) -> None:
    assert parse_opening_item(text) == [OpeningTime(None, starts, ends)]


@pytest.mark.parametrize("text", ["12-1", "10-12", "3 to 4 people", "2 for 1 on Fridays"])
def test_bare_numbers_with_no_day_are_a_note(text: str) -> None:
    assert parse_opening_item(text) == [OpeningTime(note=text)]


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("Fri-Mon", (Day.FRIDAY, Day.SATURDAY, Day.SUNDAY, Day.MONDAY)),
        ("Sun to Tue", (Day.SUNDAY, Day.MONDAY, Day.TUESDAY)),
        ("Mon-Fri", (Day.MONDAY, Day.TUESDAY, Day.WEDNESDAY, Day.THURSDAY, Day.FRIDAY)),
        ("Wed-Wed", (Day.WEDNESDAY,)),
        ("Mon, Wed and Fri", (Day.MONDAY, Day.WEDNESDAY, Day.FRIDAY)),
        ("Mon-Wed, Tue/Thu", (Day.MONDAY, Day.TUESDAY, Day.WEDNESDAY, Day.THURSDAY)),
        ("Sats & Suns", WEEKEND),
        ("Mondays.", (Day.MONDAY,)),
        ("Tues.", (Day.TUESDAY,)),
    ],
)
def test_days_and_ranges_of_days(text: str, days: tuple[Day, ...]) -> None:
    """A range runs forwards through the week, wrapping past Sunday; each day once."""
    assert tuple(s.day for s in parse_opening_item(f"{text} 10am-12pm")) == days
    assert {(s.starts, s.ends) for s in parse_opening_item(f"{text} 10am-12pm")} == {(T(10), T(12))}


@pytest.mark.parametrize(
    "text", ["Tue: 10:00-12:00", "Tue, 10am-12pm", "Tue 10am - 12pm", "Tuesday\t10:00 to 12:00"]
)
def test_a_colon_comma_or_spaces_may_follow_the_day(text: str) -> None:
    assert parse_opening_item(text) == [OpeningTime(Day.TUESDAY, T(10), T(12))]


@pytest.mark.parametrize(
    "text",
    [
        "Sung Eucharist 10:30",  # "Sun" and a letter is not Sunday
        "Monk's Wood walk",
        "Wes leads a walk",  # nor is "We" and an s
        "Satisfying walks",
    ],
)
def test_words_that_start_like_a_day_are_not_days(text: str) -> None:
    assert parse_opening_item(text) == [OpeningTime(note=text)]


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("Tue 10:00-12:00, term time only", "term time only"),
        ("Tue 10:00-12:00 ( term time only )", "term time only"),
        ("Tue 10:00 ()", ""),
        ("Tue 10:00 (term time) only", "(term time) only"),
    ],
)
def test_what_follows_the_times_is_the_note(text: str, note: str) -> None:
    (slot,) = parse_opening_item(text)
    assert (slot.day, slot.starts, slot.note) == (Day.TUESDAY, T(10), note)


def test_opening_times_cell_holds_several_items() -> None:
    slots = parse_opening_times("Tue 10:00-12:00; Thu 2pm-4pm; ; first Friday of the month")
    assert slots == (
        OpeningTime(Day.TUESDAY, T(10), T(12)),
        OpeningTime(Day.THURSDAY, T(14), T(16)),
        OpeningTime(note="first Friday of the month"),
    )


def test_slots_are_written_in_the_grammar() -> None:
    slots = (
        OpeningTime(Day.TUESDAY, T(10), T(12), "term time only"),
        OpeningTime(Day.THURSDAY, T(14)),
        OpeningTime(Day.FRIDAY),
        OpeningTime(None, T(9, 30), T(11)),
        OpeningTime(note="first Friday of the month"),
        OpeningTime(note="Tuesday club"),
    )
    assert format_opening_times(slots) == (
        "Tue 10:00-12:00 (term time only); Thu 14:00; Fri; 09:30-11:00; "
        "first Friday of the month; (Tuesday club)"
    )
    assert format_opening_time(OpeningTime(Day.MONDAY, note="bring; lunch")) == "Mon (bring, lunch)"


_times = st.builds(dt.time, st.integers(0, 23), st.integers(0, 59))


@st.composite
def opening_times(draw: st.DrawFn) -> OpeningTime:
    day = draw(st.none() | st.sampled_from(list(Day)))
    starts = draw(st.none() | _times)
    ends = None
    if starts is not None and starts < dt.time(23, 59) and draw(st.booleans()):
        ends = draw(_times.filter(lambda t: t > starts))
    note = draw(st.text()).replace(";", ",").strip()
    if day is None and starts is None and not note:
        note = "by arrangement"
    return OpeningTime(day, starts, ends, note)


@settings(max_examples=300)
@given(opening_times())
def test_any_opening_time_is_written_so_it_reads_back_the_same(slot: OpeningTime) -> None:
    assert parse_opening_item(format_opening_time(slot)) == [slot]


def test_a_summary_fits_its_width_exactly() -> None:
    times = (OpeningTime(Day.TUESDAY, T(10)),)
    assert summarise_times(times, width=9) == "Tue 10:00"
    assert summarise_times(times, width=8) == "Tue 1..."
