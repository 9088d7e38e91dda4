"""The directory's value types: how they describe themselves and their labels."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid

import pytest

from linkworker.domain.directory import (
    ACCESSIBILITY_FEATURES,
    AssetDetail,
    AssetDraft,
    AssetStatus,
    Cost,
    Day,
    JoinMode,
    Location,
    OpeningTime,
)

# OpeningTime.describe -----------------------------------------------------


@pytest.mark.parametrize(
    ("slot", "expected"),
    [
        (OpeningTime(Day.TUESDAY, dt.time(10), dt.time(12)), "Tuesday 10:00-12:00"),
        (OpeningTime(Day.SUNDAY, dt.time(9, 5)), "Sunday 09:05"),
        (OpeningTime(Day.MONDAY), "Monday"),
        (OpeningTime(starts=dt.time(14, 30), ends=dt.time(16)), "14:30-16:00"),
        (OpeningTime(note="first Tuesday of the month"), "First Tuesday of the month"),
        (
            OpeningTime(Day.FRIDAY, dt.time(18), note="term time only"),
            "Friday 18:00 term time only",
        ),
        (OpeningTime(Day.WEDNESDAY, note="fortnightly"), "Wednesday fortnightly"),
        (OpeningTime(), ""),
    ],
)
def test_opening_time_describe(slot: OpeningTime, expected: str) -> None:
    assert slot.describe() == expected


def test_describe_ignores_an_end_time_without_a_start() -> None:
    # validate_asset refuses this; describe must still not invent a start.
    assert OpeningTime(Day.MONDAY, None, dt.time(12)).describe() == "Monday"


def test_describe_capitalises_a_lone_note_only() -> None:
    assert OpeningTime(note="x").describe() == "X"
    assert OpeningTime(note="ändert sich").describe() == "Ändert sich"
    # With a day before it, the note keeps its own case.
    assert OpeningTime(Day.MONDAY, note="weekly").describe() == "Monday weekly"


def test_opening_time_is_frozen() -> None:
    slot = OpeningTime(Day.MONDAY)
    with pytest.raises(dataclasses.FrozenInstanceError):
        slot.day = Day.TUESDAY  # type: ignore[misc]


# Location.one_line --------------------------------------------------------


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        (
            Location("Civic Hall", "1 High Street", "Ellesmere Port", "CH65 0AA"),
            "Civic Hall, 1 High Street, Ellesmere Port, CH65 0AA",
        ),
        (Location(address="1 High Street", postcode="CH65 0AA"), "1 High Street, CH65 0AA"),
        (Location(name="Online"), "Online"),
        (Location(latitude=53.2, longitude=-2.9), ""),
        (Location(), ""),
    ],
)
def test_location_one_line(location: Location, expected: str) -> None:
    assert location.one_line() == expected


# Enums --------------------------------------------------------------------


def test_cost_labels() -> None:
    assert {c: c.label for c in Cost} == {
        Cost.FREE: "Free",
        Cost.LOW_COST: "Low cost",
        Cost.PAID: "Paid",
    }


def test_join_mode_labels() -> None:
    assert {j: j.label for j in JoinMode} == {
        JoinMode.DROP_IN: "Just turn up",
        JoinMode.SELF_REFERRAL: "Self-referral",
        JoinMode.REFERRAL: "Referral needed",
    }


def test_status_labels() -> None:
    assert [s.label for s in AssetStatus] == ["Active", "Paused", "Closed"]


def test_day_labels_and_short_names() -> None:
    assert [d.label for d in Day] == [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ]
    assert [d.short for d in Day] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def test_day_numbers_match_datetime_weekday() -> None:
    monday = dt.date(2026, 11, 23)
    for offset in range(7):
        date = monday + dt.timedelta(days=offset)
        assert Day(date.weekday()).label == date.strftime("%A")


def test_enum_values_round_trip_from_their_stored_text() -> None:
    for enum_type in (Cost, AssetStatus):
        for member in enum_type:
            assert enum_type(str(member)) is member


def test_every_accessibility_feature_has_a_label() -> None:
    assert ACCESSIBILITY_FEATURES
    for key, label in ACCESSIBILITY_FEATURES.items():
        assert key == key.lower() and " " not in key
        assert label and label[0].isupper()


def test_asset_draft_defaults() -> None:
    draft = AssetDraft(name="Walk")
    assert draft.id is None and draft.version is None
    assert draft.cost is Cost.FREE
    assert draft.status is AssetStatus.ACTIVE
    assert draft.locations == () and draft.opening_times == () and draft.contacts == ()


def test_an_asset_as_stored_is_named_by_its_draft() -> None:
    at = dt.datetime(2026, 1, 5, 9)
    detail = AssetDetail(uuid.UUID(int=3), 2, AssetDraft(name="Walk and talk"), at, at)
    assert detail.name == "Walk and talk"
