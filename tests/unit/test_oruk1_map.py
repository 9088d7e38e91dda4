"""Open Referral UK v1 (LGA JSON) services into directory drafts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from linkworker.domain.directory import (
    AssetStatus,
    Contact,
    Cost,
    Day,
    JoinMode,
    Location,
    OpeningTime,
)
from linkworker.domain.validation import validate_asset
from linkworker.interchange.oruk1_map import record_from_oruk1
from linkworker.interchange.oruk3_map import record_from_oruk3
from linkworker.interchange.records import SourceRecord

TODAY = dt.date(2025, 6, 1)
T = dt.time


def service(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"id": "v1-svc", "name": "Seed Swap Club"}
    base.update(fields)
    return base


def mapped(raw: dict[str, Any]) -> SourceRecord:
    record = record_from_oruk1(raw, "record 1", today=TODAY)
    if record.ok:
        assert validate_asset(record.draft, TODAY) == []
    return record


MESSY: dict[str, Any] = {
    "id": "b0c4e2a6-1111-4d2e-9f00-5a7c9e3d2b18",
    "name": "Stanney Allotment Buddies",
    "description": (
        "Grow your own veg with us.\\nNo experience needed â€“ tools provided."
        "<br>Referral required from your link worker."
    ),
    "url": "http://stanney-buddies.example.org",
    "email": "grow[at]stanney.example.org",
    "status": "temporarily closed",
    "fees": "Free",
    "assured_date": "2024-09-01",
    "attending_type": "venue",
    "attending_access": "",
    "deliverable_type": "Training",
    "organization": {
        "id": "org-2",
        "name": "Stanney Growers CIC",
        "url": "http://growers.example.org",
    },
    "service_taxonomys": [
        {"id": "t1", "taxonomy": {"id": "1", "name": "Allotments", "vocabulary": "LGA"}},
        {
            "id": "t2",
            "taxonomy": {"id": "2", "name": "Hovercraft racing", "vocabulary": "Invented"},
        },
    ],
    "eligibilitys": [{"id": "e1", "eligibility": "adult", "minimum_age": "18", "maximum_age": 0}],
    "regular_schedules": [
        {"id": "r1", "weekday": "Saturday", "opens_at": "9:30am", "closes_at": "12pm"},
        {"id": "r2", "weekday": 3, "opens_at": "18:00:00", "closes_at": "20:00:00"},
    ],
    "holiday_schedules": [
        {"id": "h1", "closed": True, "start_date": "2024-12-24", "end_date": "2024-12-27"}
    ],
    "contacts": [
        {
            "id": "c1",
            "name": "Priya",
            "title": "Plot manager",
            "phones": [{"id": "p1", "number": "07700 900456"}],
        }
    ],
    "cost_options": [],
    "languages": [{"id": "l1", "language": "pa"}, {"id": "l2", "language": "Gujarati"}],
    "service_at_locations": [
        {
            "id": "sal1",
            "location": {
                "id": "loc1",
                "name": "Stanney Lane Allotments",
                "latitude": "100",
                "longitude": "-2.9",
                "physical_addresses": [
                    {
                        "id": "a1",
                        "address_1": "Plot 7, Stanney Lane",
                        "city": "Ellesmere Port",
                        "state_province": "Cheshire",
                        "postal_code": "ABC 1234",
                        "country": "England",
                    }
                ],
                "accessibility_for_disabilities": [
                    {"id": "x1", "accessibility": "Raised beds for wheelchair users"},
                    {"id": "x2", "accessibility": "Compost toilet only"},
                ],
            },
            "regular_schedules": [
                {
                    "id": "r3",
                    "byday": "1SU",
                    "freq": "MONTHLY",
                    "opens_at": "10:00",
                    "closes_at": "13:00",
                }
            ],
        }
    ],
}


def test_messy_v1_record() -> None:
    record = mapped(MESSY)
    draft = record.draft
    assert record.ok
    assert record.source_id == "b0c4e2a6-1111-4d2e-9f00-5a7c9e3d2b18"
    assert draft.description == (
        "Grow your own veg with us.\nNo experience needed – tools provided.\n"
        "Referral required from your link worker."
    )
    assert draft.organisation == "Stanney Growers CIC"
    assert draft.status is AssetStatus.PAUSED
    assert draft.join_mode is JoinMode.REFERRAL
    assert draft.cost is Cost.FREE and draft.cost_note == "Free"
    assert draft.email == ""
    assert draft.website == "http://stanney-buddies.example.org"
    assert draft.phone == "07700 900456"
    assert draft.contacts == (Contact("Priya", "Plot manager", "07700 900456"),)
    assert (draft.age_min, draft.age_max) == (18, None)
    assert draft.categories == ("Gardening", "Learning")
    assert draft.tags == ("Allotments", "Hovercraft racing", "Training")
    assert draft.languages == ("Punjabi", "Gujarati")
    assert draft.accessibility == ("step_free",)
    assert draft.eligibility == "adult\nAccess: Compost toilet only"
    assert draft.locations == (
        Location("Stanney Lane Allotments", "Plot 7, Stanney Lane, ABC 1234", "Ellesmere Port"),
    )
    assert draft.opening_times == (
        OpeningTime(Day.SATURDAY, T(9, 30), T(12)),
        OpeningTime(Day.WEDNESDAY, T(18), T(20)),
        OpeningTime(Day.SUNDAY, T(10), T(13), "first Sunday of the month"),
    )
    assert draft.last_verified_on == dt.date(2024, 9, 1)
    for expected in (
        "removed HTML from the description",
        "turned literal \\n into line breaks in the description",
        "repaired mis-encoded characters in the description",
        "email 'grow[at]stanney.example.org' is not valid; left out",
        "latitude 100 is out of range; location kept without coordinates",
        "postcode 'ABC 1234' is not a UK postcode; kept in the address instead",
        "maximum age 0 read as no upper age limit",
    ):
        assert expected in record.warnings
    # Holiday closures are not read, and say nothing.
    assert not any("holiday" in w for w in record.warnings)


def test_schema_spellings_are_accepted_too() -> None:
    raw = service(
        service_taxonomies=[{"taxonomy": {"name": "Befriending"}}],
        eligibilities=[{"minimum_age": 50, "maximum_age": 90}],
    )
    draft = mapped(raw).draft
    assert draft.categories == ("Befriending",)
    assert (draft.age_min, draft.age_max) == (50, 90)


def test_both_spellings_together_are_merged() -> None:
    raw = service(
        service_taxonomys=[{"taxonomy": {"name": "Walking"}}],
        service_taxonomies=[{"taxonomy": {"name": "Choir"}}],
    )
    assert mapped(raw).draft.categories == ("Walking and exercise", "Music")


def test_taxonomy_parent_as_an_object_or_a_name() -> None:
    raw = service(
        service_taxonomys=[
            {"taxonomy": {"name": "Thursday Club", "parent": {"name": "Befriending"}}},
            {"taxonomy": {"name": "Plot 9", "parent": "abc-123", "parent_name": "Gardening"}},
        ]
    )
    record = mapped(raw)
    assert record.draft.categories == ("Befriending", "Gardening")
    assert record.warnings == ()


def test_several_eligibility_rows_give_the_widest_ages() -> None:
    raw = service(
        eligibilitys=[
            {"eligibility": "teen", "minimum_age": 13, "maximum_age": 17},
            {"eligibility": "adult", "minimum_age": "18", "maximum_age": "64"},
        ]
    )
    draft = mapped(raw).draft
    assert (draft.age_min, draft.age_max) == (13, 64)
    assert draft.eligibility == "teen; adult"


@pytest.mark.parametrize(
    ("access", "mode"),
    [
        ("referral", JoinMode.REFERRAL),
        ("drop-in", JoinMode.DROP_IN),
        ("appointment", JoinMode.SELF_REFERRAL),
        ("membership", JoinMode.SELF_REFERRAL),
    ],
)
def test_attending_access_sets_join_mode_over_text(access: str, mode: JoinMode) -> None:
    raw = service(attending_access=access, description="Just turn up")
    assert mapped(raw).draft.join_mode is mode


def test_attending_type_online_is_a_tag() -> None:
    assert mapped(service(attending_type="online")).draft.tags == ("Online",)
    assert mapped(service(attending_type="phone")).draft.tags == ("By phone",)


def test_regular_schedule_with_rrule_fields() -> None:
    raw = service(
        regular_schedules=[
            {"byday": "TU", "freq": "WEEKLY", "interval": 2, "opens_at": "2pm", "closes_at": "4pm"},
            {"description": "Ring to arrange a visit"},
        ]
    )
    assert mapped(raw).draft.opening_times == (
        OpeningTime(Day.TUESDAY, T(14), T(16), "every other week"),
        OpeningTime(note="Ring to arrange a visit"),
    )


def test_cost_options_and_languages_as_strings() -> None:
    raw = service(
        cost_options=[{"option": "Per plot", "amount": "15", "amount_description": "a year"}],
        languages=["ro", {"language": "so"}],
    )
    draft = mapped(raw).draft
    assert (draft.cost, draft.cost_note) == (Cost.PAID, "£15 a year; Per plot")
    assert draft.languages == ("Romanian", "Somali")


def test_location_accessibility_and_coordinates_as_strings() -> None:
    raw = service(
        service_at_locations=[
            {
                "location": {
                    "name": "Hub",
                    "latitude": "53.28",
                    "longitude": "-2.90",
                    "physical_addresses": [{"address_1": "1 Dock St", "postal_code": "CH65 4AB"}],
                }
            }
        ]
    )
    assert mapped(raw).draft.locations == (
        Location("Hub", "1 Dock St", "", "CH65 4AB", 53.28, -2.9),
    )


def test_no_id_or_name_is_refused() -> None:
    record = mapped({"name": "", "description": "x"})
    assert set(record.problems) == {
        "has no name",
        "has no id, so a later refresh could not find it again",
    }


def test_v1_and_v3_agree_on_shared_fields() -> None:
    shared = {
        "id": "same",
        "name": "Tea Dance",
        "description": "<p>Drop in for a dance</p>",
        "status": "active",
        "fees": "£2 on the door",
        "url": "www.teadance.example.org",
        "contacts": [{"name": "Ola", "phones": [{"number": "01632 960999"}]}],
    }
    one = record_from_oruk1(shared, "v1", today=TODAY)
    three = record_from_oruk3(shared, "v3", today=TODAY)
    assert one.draft == three.draft
    assert one.warnings == three.warnings
    assert one.draft.cost is Cost.LOW_COST
    assert one.draft.join_mode is JoinMode.DROP_IN
