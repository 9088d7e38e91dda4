"""The directory's short "When" and "Where": a monthly group never reads as weekly,
and an address names its town once."""

from __future__ import annotations

import datetime as dt

from linkworker.domain.directory import Day, Location, OpeningTime
from linkworker.domain.opening_times import slot_words, summarise_times


def test_a_group_on_one_week_of_the_month_says_which() -> None:
    third = OpeningTime(Day.WEDNESDAY, dt.time(19, 30), dt.time(21), "third Wednesday of the month")
    last = OpeningTime(Day.SATURDAY, dt.time(10), None, "Last Saturday of each month")
    assert summarise_times([third]) == "3rd Wed of month 19:30"
    assert summarise_times([last]) == "Last Sat of month 10:00"
    by_day = OpeningTime(Day.MONDAY, None, None, "first Monday of the month, by appointment")
    assert summarise_times([by_day]) == "1st Mon of month (by appointment)"


def test_any_other_note_on_a_slot_is_shown_beside_it() -> None:
    assert summarise_times([OpeningTime(Day.MONDAY, dt.time(11), None, "monthly")]) == (
        "Mon 11:00 (monthly)"
    )
    fortnightly = OpeningTime(Day.WEDNESDAY, dt.time(14), None, "  fortnightly ")
    assert summarise_times([fortnightly]) == "Wed 14:00 (fortnightly)"
    # A note naming another day is not turned into a week of the month.
    odd = OpeningTime(Day.FRIDAY, dt.time(10), None, "first Tuesday of the month")
    assert summarise_times([odd]) == "Fri 10:00 (first Tuesday of the month)"


def test_weekly_slots_read_as_before() -> None:
    times = (OpeningTime(Day.TUESDAY, dt.time(10)), OpeningTime(Day.THURSDAY))
    assert summarise_times(times) == "Tue 10:00, Thu"


def test_an_address_names_its_town_once() -> None:
    elton = Location("Elton Village Hall", "School Lane, Elton", "Elton", "CH2 4LN")
    assert elton.one_line() == "Elton Village Hall, School Lane, Elton, CH2 4LN"
    spaced = Location("", "School Lane,  elton ", "Elton", "")
    assert spaced.one_line() == "School Lane,  elton"
    port = Location("Trinity Hall", "Church Parade", "Ellesmere Port", "CH65 2ER")
    assert port.one_line() == "Trinity Hall, Church Parade, Ellesmere Port, CH65 2ER"
    # A town inside the street's name is not the town at the end of the address.
    street = Location("", "Elton Road", "Elton", "")
    assert street.one_line() == "Elton Road, Elton"
    assert Location(town="Elton").one_line() == "Elton"


def test_a_slot_in_words_says_when_it_is_not_weekly() -> None:
    seven_thirty = dt.time(19, 30)
    third = OpeningTime(Day.WEDNESDAY, seven_thirty, None, "third Wednesday of the month")
    assert slot_words(third) == "the 3rd Wednesday of the month, 19:30"
    weekly = OpeningTime(Day.TUESDAY, dt.time(10), dt.time(12))
    assert slot_words(weekly) == "Tuesdays 10:00"
    other = OpeningTime(Day.MONDAY, dt.time(11), None, "fortnightly")
    assert slot_words(other) == "Mondays 11:00 (fortnightly)"
    last = OpeningTime(Day.FRIDAY, None, None, "last Friday of each month, bring a dish")
    assert slot_words(last) == "the last Friday of the month (bring a dish)"
    assert slot_words(OpeningTime(None, None, None, "By appointment")) == "By appointment"


def test_the_town_is_compared_with_the_last_part_of_the_address_only() -> None:
    two_commas = Location("", "Flat 2, School Lane, Elton", "Elton", "")
    assert two_commas.one_line() == "Flat 2, School Lane, Elton"
    spaced_town = Location("", "1 Mill Row, Little  Stanney", "little stanney", "")
    assert spaced_town.one_line() == "1 Mill Row, Little  Stanney"
    other = Location("", "1 Mill Row, Stanney", "Little Stanney", "")
    assert other.one_line() == "1 Mill Row, Stanney, Little Stanney"


def test_a_week_of_the_month_written_as_a_number_is_kept() -> None:
    first = OpeningTime(Day.MONDAY, dt.time(10), None, "1st Monday of the month")
    assert slot_words(first) == "the 1st Monday of the month, 10:00"
    assert summarise_times([first]) == "1st Mon of month 10:00"
    fifth = OpeningTime(Day.MONDAY, None, None, "Fifth Monday of every month")
    assert slot_words(fifth) == "the 5th Monday of the month"
    other_day = OpeningTime(Day.MONDAY, None, None, "first Tuesday of the month")
    assert slot_words(other_day) == "Mondays (first Tuesday of the month)"
