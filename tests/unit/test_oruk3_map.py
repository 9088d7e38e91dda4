"""Open Referral UK 3.0 / HSDS 3.0 services into directory drafts (and the taxonomy helpers)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linkworker.domain.directory import (
    AssetStatus,
    Contact,
    Cost,
    Day,
    JoinMode,
    Location,
    OpeningTime,
)
from linkworker.domain.taxonomy_map import DEFAULT_TABLE
from linkworker.domain.validation import validate_asset
from linkworker.interchange.map_parts import COST_NOT_GIVEN
from linkworker.interchange.oruk3_map import record_from_oruk3
from linkworker.interchange.records import SourceRecord
from linkworker.interchange.taxonomy import (
    TaxonomyTerm,
    accessibility_features,
    classify_terms,
    language_name,
)

TODAY = dt.date(2025, 6, 1)
EXAMPLE = Path(__file__).resolve().parents[3] / "shared/standards/oruk3/examples/service_full.json"


def service(**fields: Any) -> dict[str, Any]:
    """A small valid ORUK 3.0 service, with ``fields`` laid over it."""
    base: dict[str, Any] = {"id": "svc-1", "name": "Canal Walkers"}
    base.update(fields)
    return base


def located(**location: Any) -> dict[str, Any]:
    return service(service_at_locations=[{"id": "sal-1", "location": {"id": "loc-1", **location}}])


def mapped(raw: dict[str, Any]) -> SourceRecord:
    record = record_from_oruk3(raw, "record 1 'test'", today=TODAY)
    if record.ok:  # the rule every mapping keeps
        assert validate_asset(record.draft, TODAY) == []
    return record


# A realistic messy record ----------------------------------------------------------------

MESSY: dict[str, Any] = {
    "id": "7d1f0c52-6a59-4f4e-9c0a-3b2f1e8d5a10",
    "name": "  Knit &amp; Natter at the CafÃ©  ",
    "description": (
        "<p>A friendly group for anyone who likes to knit or crochet.</p>"
        "<ul><li>Tea and biscuits</li><li>Wool provided</li></ul>"
        "<p>Just turn up!\\nDonâ€™t worry if you are a beginner.</p>"
    ),
    "url": "www.ellesmere-crafters.example.org",
    "email": "hello@@crafters",
    "status": "active",
    "minimum_age": "18",
    "maximum_age": 200,
    "assured_date": "2024-11-20",
    "assurer_email": "checker@ellesmere-council.example.gov.uk",
    "last_modified": "2024-11-20T09:15:00+01:00",
    "alert": "No session on 24 December",
    "organization": {"id": "org-1", "name": "Ellesmere Port Crafters"},
    "phones": [{"number": "01632 9601"}, {"number": "0151 496 0123"}],
    "schedules": [
        {"freq": "WEEKLY", "byday": "WE", "opens_at": "10:00am", "closes_at": "12:30pm"},
        {"freq": "MONTHLY", "byday": "1SA", "opens_at": "2pm", "closes_at": "1pm"},
    ],
    "cost_options": [
        {"option": "Materials", "amount": "2.50", "amount_description": "per session"}
    ],
    "languages": [{"name": "English", "code": "en"}, {"code": "pl"}, {"code": "cym"}],
    "service_at_locations": [
        {
            "location": {
                "name": "Whitby Road Community Hall",
                "latitude": 100,
                "longitude": -2.9,
                "addresses": [
                    {
                        "address_1": "12 Tanner Lane",
                        "city": "Ellesmere Port",
                        "postal_code": "ABC 1234",
                        "country": "GB",
                    }
                ],
                "accessibility": [
                    {
                        "description": "Induction loop in the main hall. "
                        "Ring the bell at the side door."
                    }
                ],
            }
        }
    ],
    "attributes": [
        {"taxonomy_term": {"name": "Arts and crafts", "taxonomy": "LGA Activities"}},
        {"taxonomy_term": {"name": "Zorbing for beginners", "taxonomy": "Invented"}},
    ],
}


def test_messy_record_is_mapped_with_warnings() -> None:
    record = mapped(MESSY)
    draft = record.draft
    assert record.ok
    assert record.source_id == "7d1f0c52-6a59-4f4e-9c0a-3b2f1e8d5a10"
    assert draft.name == "Knit & Natter at the Café"
    assert draft.description == (
        "Please note: No session on 24 December\n\n"
        "A friendly group for anyone who likes to knit or crochet.\n\n"
        "- Tea and biscuits\n- Wool provided\n\n"
        "Just turn up!\nDon’t worry if you are a beginner."
    )
    assert draft.organisation == "Ellesmere Port Crafters"
    assert draft.website == "https://www.ellesmere-crafters.example.org"
    assert draft.email == ""
    assert draft.phone == "0151 496 0123"
    assert draft.age_min == 18 and draft.age_max is None
    assert draft.join_mode is JoinMode.DROP_IN
    assert draft.cost is Cost.LOW_COST
    assert draft.cost_note == "£2.50 per session; Materials"
    assert draft.languages == ("English", "Polish", "Welsh")
    assert draft.categories == ("Arts and crafts",)
    assert draft.tags == ("Arts and crafts", "Zorbing for beginners")
    assert draft.accessibility == ("hearing_loop",)
    assert draft.eligibility == "Access: Ring the bell at the side door."
    assert draft.locations == (
        Location("Whitby Road Community Hall", "12 Tanner Lane, ABC 1234", "Ellesmere Port", ""),
    )
    assert draft.opening_times == (
        OpeningTime(Day.WEDNESDAY, dt.time(10), dt.time(12, 30)),
        OpeningTime(Day.SATURDAY, dt.time(14), None, "first Saturday of the month"),
    )
    assert draft.last_verified_on == dt.date(2024, 11, 20)
    assert record.assured_by == "checker@ellesmere-council.example.gov.uk"
    assert record.modified_at == dt.datetime(2024, 11, 20, 8, 15)
    assert draft.notes == "" and draft.verified_by == ""
    for expected in (
        "removed HTML from the description",
        "turned literal \\n into line breaks in the description",
        "repaired mis-encoded characters in the description",
        "repaired mis-encoded characters in the name",
        "turned HTML codes like &amp; into characters in the name",
        "email 'hello@@crafters' is not valid; left out",
        "phone '01632 9601' is not a UK phone number; left out",
        "maximum age 200 is outside 0 to 120; left out",
        "latitude 100 is out of range; location kept without coordinates",
        "postcode 'ABC 1234' is not a UK postcode; kept in the address instead",
        "closing time 13:00 is not after opening time 14:00; kept the opening time only",
    ):
        assert expected in record.warnings
    assert len(record.warnings) == len(set(record.warnings))


def _example() -> dict[str, Any]:
    if EXAMPLE.exists():
        loaded: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
        return loaded
    # The same shape, written here, for a checkout without the standards folder.
    return service(
        id="ac148810-0000-4000-8000-000000000001",
        name="Community Counselling",
        status="active",
        fees="fees_description",
        minimum_age=12,
        maximum_age=100,
        assured_date="2005-01-01",
        last_modified="2023-03-15T10:30:45.123Z",
        schedules=[
            {"freq": "WEEKLY", "byday": "TH,FR", "opens_at": "10:00:00", "closes_at": "18:00:00"}
        ],
        service_at_locations=[
            {
                "location": {
                    "name": "Civic Centre",
                    "latitude": 100,
                    "longitude": 101,
                    "addresses": [{"address_1": "1-30 Main Street", "postal_code": "ABC 1234"}],
                }
            }
        ],
        cost_options=[{"option": "Under 18s", "amount": 35, "amount_description": "per hour"}],
        attributes=[{"taxonomy_term": {"name": "name", "taxonomy": "taxonomy"}}],
    )


def test_the_standard_example_maps_without_crashing() -> None:
    record = mapped(_example())
    assert record.ok
    assert record.draft.name == "Community Counselling"
    assert "latitude 100 is out of range; location kept without coordinates" in record.warnings
    assert record.draft.locations[0].latitude is None
    assert record.draft.cost is Cost.PAID
    assert {s.day for s in record.draft.opening_times} >= {Day.THURSDAY, Day.FRIDAY}
    assert record.draft.last_verified_on == dt.date(2005, 1, 1)


# Refused records ------------------------------------------------------------------


def test_no_name_is_a_problem() -> None:
    record = mapped(service(name="  "))
    assert record.problems == ("has no name",)


def test_no_id_is_a_problem() -> None:
    record = mapped(service(id=None))
    assert record.problems == ("has no id, so a later refresh could not find it again",)
    assert record.source_id == ""


def test_numeric_id_is_text() -> None:
    assert mapped(service(id=42)).source_id == "42"


def test_overlong_name_is_cut_not_refused() -> None:
    record = mapped(service(name="Walk " * 60))
    assert record.ok and len(record.draft.name) <= 200


# Status --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("active", AssetStatus.ACTIVE),
        ("temporarily closed", AssetStatus.PAUSED),
        ("inactive", AssetStatus.CLOSED),
        ("defunct", AssetStatus.CLOSED),
        (None, AssetStatus.ACTIVE),
    ],
)
def test_status(status: str | None, expected: AssetStatus) -> None:
    record = mapped(service(status=status))
    assert record.draft.status is expected
    assert record.warnings == ()


def test_unknown_status_is_active_with_a_warning() -> None:
    record = mapped(service(status="on hold"))
    assert record.draft.status is AssetStatus.ACTIVE
    assert record.warnings == ("status 'on hold' is not one the standard knows; read as active",)


# Cost ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "cost", "note"),
    [
        ({"cost_options": [{"amount": 0, "option": "Everyone"}]}, Cost.FREE, "Free; Everyone"),
        ({"cost_options": [{"amount": 3}, {"amount": "4.50"}]}, Cost.LOW_COST, "£3; £4.50"),
        ({"cost_options": [{"amount": 5}]}, Cost.LOW_COST, "£5"),
        ({"cost_options": [{"amount": 0}, {"amount": 12}]}, Cost.PAID, "Free; £12"),
        ({"fees": "Free of charge"}, Cost.FREE, "Free of charge"),
        ({"fees": "£3 per class"}, Cost.LOW_COST, "£3 per class"),
        ({"fees_description": "£40 a term"}, Cost.PAID, "£40 a term"),
        ({"fees": "Small charge for materials"}, Cost.LOW_COST, "Small charge for materials"),
        ({"fees": "Membership fee applies"}, Cost.PAID, "Membership fee applies"),
        ({"description": "A free weekly walk"}, Cost.FREE, ""),
        ({}, Cost.FREE, COST_NOT_GIVEN),
        ({"description": "Free parking on site"}, Cost.FREE, COST_NOT_GIVEN),
    ],
)
def test_cost(fields: dict[str, Any], cost: Cost, note: str) -> None:
    draft = mapped(service(**fields)).draft
    assert (draft.cost, draft.cost_note) == (cost, note)


def test_cost_note_joins_fees_and_options() -> None:
    raw = service(
        fees="Concessions available.",
        cost_options=[
            {
                "option": "Under 18s and Over 60s",
                "amount": 35,
                "amount_description": "per 1 hour session",
            }
        ],
    )
    assert mapped(raw).draft.cost_note == (
        "Concessions available. £35 per 1 hour session; Under 18s and Over 60s"
    )


# Joining -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("description", "mode"),
    [
        ("Drop in any Tuesday", JoinMode.DROP_IN),
        ("Just turn up", JoinMode.DROP_IN),
        ("Referral required from your GP", JoinMode.REFERRAL),
        ("You must be referred by a professional", JoinMode.REFERRAL),
        ("Places are by referral only", JoinMode.REFERRAL),
        ("No referral needed, just drop in", JoinMode.DROP_IN),
        ("Call us to book a place", JoinMode.SELF_REFERRAL),
    ],
)
def test_join_mode_from_text(description: str, mode: JoinMode) -> None:
    assert mapped(service(description=description)).draft.join_mode is mode


def test_application_process_counts_for_joining() -> None:
    raw = service(application_process="A referral is needed from the mental health team")
    assert mapped(raw).draft.join_mode is JoinMode.REFERRAL


def test_waiting_list() -> None:
    assert mapped(service(description="There is a waiting list.")).draft.waiting_list
    assert not mapped(service(description="No waiting list at present")).draft.waiting_list
    assert not mapped(service(description="Weekly walk")).draft.waiting_list


# Ages ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("low", "high", "expected", "warned"),
    [
        (16, 65, (16, 65), False),
        ("16", "65", (16, 65), False),
        ("18.0", None, (18, None), False),
        (12.0, "100", (12, 100), False),
        (-1, 65, (None, 65), True),
        (18, 130, (18, None), True),
        ("adult", 30, (None, 30), True),
        (0, 0, (0, None), True),
    ],
)
def test_ages(
    low: object, high: object, expected: tuple[int | None, int | None], warned: bool
) -> None:
    record = mapped(service(minimum_age=low, maximum_age=high))
    assert (record.draft.age_min, record.draft.age_max) == expected
    assert bool(record.warnings) is warned


def test_minimum_above_maximum_drops_both() -> None:
    record = mapped(service(minimum_age=65, maximum_age=18))
    assert (record.draft.age_min, record.draft.age_max) == (None, None)
    assert record.warnings == ("minimum age 65 is above maximum age 18; both left out",)


# Locations ---------------------------------------------------------------------------------


def test_location_with_address_and_coordinates() -> None:
    raw = located(
        name="Hope Farm Barn",
        latitude="53.2761",
        longitude=-2.8965,
        addresses=[
            {
                "address_1": "Unit 4",
                "address_2": "Rivacre Way",
                "city": "Ellesmere Port",
                "postal_code": "ch65 2ab",
            }
        ],
    )
    assert mapped(raw).draft.locations == (
        Location(
            "Hope Farm Barn", "Unit 4, Rivacre Way", "Ellesmere Port", "CH65 2AB", 53.2761, -2.8965
        ),
    )


@pytest.mark.parametrize(
    ("lat", "lon", "warning"),
    [
        (100, -2.9, "latitude 100 is out of range; location kept without coordinates"),
        (53.2, 200.5, "longitude 200.5 is out of range; location kept without coordinates"),
        (53.2, None, "only a latitude was given; location kept without coordinates"),
        ("north", -2.9, "latitude 'north' is not a number; location kept without coordinates"),
        (0, 0, "latitude 0, longitude 0 is a placeholder; location kept without coordinates"),
    ],
)
def test_bad_coordinates_are_dropped_as_a_pair(lat: object, lon: object, warning: str) -> None:
    record = mapped(located(name="Hall", latitude=lat, longitude=lon))
    assert record.draft.locations == (Location("Hall"),)
    assert warning in record.warnings


def test_physical_address_is_preferred_to_postal() -> None:
    raw = located(
        addresses=[
            {"address_1": "PO Box 12", "postal_code": "CH65 9ZZ", "address_type": "postal"},
            {"address_1": "2 Mill Street", "postal_code": "CH66 1AA", "address_type": "physical"},
        ]
    )
    assert mapped(raw).draft.locations[0].address == "2 Mill Street"


def test_virtual_location_becomes_an_online_tag() -> None:
    record = mapped(located(name="Zoom", location_type="virtual"))
    assert record.draft.locations == ()
    assert record.draft.tags == ("Online",)


def test_empty_location_is_skipped() -> None:
    assert mapped(located(name="", addresses=[{}])).draft.locations == ()


def test_same_place_twice_is_one_location() -> None:
    place = {"location": {"name": "Library", "addresses": [{"postal_code": "CH65 0AA"}]}}
    assert len(mapped(service(service_at_locations=[place, place])).draft.locations) == 1


# Phones, emails, contacts ----------------------------------------------------------------


def test_phone_order_service_then_contacts_then_locations() -> None:
    raw = service(
        contacts=[{"name": "Asha", "phones": [{"number": "01632 960222"}]}],
        service_at_locations=[
            {"location": {"name": "Hall", "phones": [{"number": "01632 960333"}]}}
        ],
    )
    assert mapped(raw).draft.phone == "01632 960222"
    raw["phones"] = [{"number": '"01632 960111"'}]
    assert mapped(raw).draft.phone == "01632 960111"
    del raw["contacts"], raw["phones"]
    assert mapped(raw).draft.phone == "01632 960333"


def test_contacts_are_mapped_with_their_phone_and_email() -> None:
    raw = service(
        contacts=[
            {
                "name": "Bryn Owen",
                "title": "Group leader",
                "email": "bryn@walkers.example.org",
                "phones": [{"number": "07700 900123"}],
            },
            {"name": "Dee", "email": "not-an-email"},
            {"id": "x"},
        ]
    )
    record = mapped(raw)
    assert record.draft.contacts == (
        Contact("Bryn Owen", "Group leader", "07700 900123", "bryn@walkers.example.org"),
        Contact("Dee"),
    )
    assert "contact email 'not-an-email' is not valid; left out" in record.warnings


def test_service_at_location_contacts_and_schedules_are_read() -> None:
    raw = service(
        service_at_locations=[
            {
                "contacts": [{"name": "Kai"}],
                "schedules": [{"byday": "FR", "opens_at": "1pm", "closes_at": "3pm"}],
                "location": {
                    "name": "Hall",
                    "schedules": [{"byday": "FR", "opens_at": "13:00", "closes_at": "15:00"}],
                },
            }
        ]
    )
    draft = mapped(raw).draft
    assert draft.contacts == (Contact("Kai"),)
    assert draft.opening_times == (OpeningTime(Day.FRIDAY, dt.time(13), dt.time(15)),)


def test_website_and_email_fall_back_to_the_organisation() -> None:
    raw = service(
        organization={
            "name": "Org",
            "website": "https://org.example.org",
            "email": "a@org.example.org",
        }
    )
    draft = mapped(raw).draft
    assert (draft.website, draft.email) == ("https://org.example.org", "a@org.example.org")


def test_invalid_website_is_dropped() -> None:
    record = mapped(service(url="not a web address"))
    assert record.draft.website == ""
    assert "web address 'not a web address' is not valid; left out" in record.warnings


# Languages, accessibility, taxonomy -------------------------------------------------------


def test_languages_from_service_and_location() -> None:
    raw = service(
        languages=[{"name": "Urdu", "code": "ur"}, {"id": "only-an-id"}, {"code": "ur"}],
        service_at_locations=[{"location": {"name": "Hall", "languages": [{"code": "bn"}]}}],
    )
    assert mapped(raw).draft.languages == ("Urdu", "Bengali")


def test_accessibility_leftovers_join_eligibility() -> None:
    raw = located(
        name="Hall",
        accessibility=[
            {"description": "Step-free entrance with a ramp. Blue badge parking at the front."},
            {"details": "Staff will meet you at the door."},
        ],
    )
    raw["eligibility_description"] = "Adults living in Cheshire West"
    draft = mapped(raw).draft
    assert draft.accessibility == ("step_free", "blue_badge_parking")
    assert (
        draft.eligibility
        == "Adults living in Cheshire West\nAccess: Staff will meet you at the door."
    )


def test_taxonomy_terms_become_categories_and_tags() -> None:
    raw = service(
        attributes=[
            {"taxonomy_term": {"name": "Walking groups"}},
            {"taxonomy_term": {"term": "Befriending"}},
            {"taxonomy_term": {"name": "walking groups"}},
            {"value": "no term here"},
        ]
    )
    draft = mapped(raw).draft
    assert draft.categories == ("Walking and exercise", "Befriending")
    assert draft.tags == ("Walking groups", "Befriending")


@pytest.mark.parametrize(
    ("term", "category"),
    [
        ("Sports and fitness", "Walking and exercise"),
        ("Money and debt advice", "Advice"),
        ("Housing", "Advice"),
        ("Allotments", "Gardening"),
        ("Young carers", "Carers"),
        ("Libraries", "Library"),
        ("Volunteering opportunities", "Volunteering"),
        ("Lunch club", "Community cafe"),
        ("Community café", "Community cafe"),
        ("Arts", "Arts and crafts"),
        ("Community choir", "Music"),
        ("Men's Sheds", "Sheds"),
        ("Gurdwara", "Faith and culture"),
        ("ESOL classes", "Learning"),
        ("Digital skills", "Learning"),
        ("Bereavement support group", "Peer support"),
        ("Food bank", "Practical help"),
        ("Prescription collection", "Practical help"),
        ("Advice and support", "Advice"),
    ],
)
def test_term_keywords(term: str, category: str) -> None:
    categories, tags, warnings = classify_terms([TaxonomyTerm(term)])
    assert category in categories
    assert tags == (term,)
    assert warnings == ()


@pytest.mark.parametrize("term", ["Heart health", "Party planning", "Starting school"])
def test_words_inside_other_words_do_not_match(term: str) -> None:
    categories, _, warnings = classify_terms([TaxonomyTerm(term)])
    assert categories == ()
    assert warnings == ()
    assert DEFAULT_TABLE.meaning([TaxonomyTerm(term)]).unmapped == (term,)


@pytest.mark.parametrize(
    "term", ["Leisure and culture", "Activities", "Health and wellbeing", "Older people"]
)
def test_broad_headings_are_tags_without_a_warning(term: str) -> None:
    assert classify_terms([TaxonomyTerm(term)]) == ((), (term,), ())


def test_parent_name_gives_the_category_when_the_term_does_not() -> None:
    categories, tags, warnings = classify_terms(
        [TaxonomyTerm("Tuesday Club", "LGA", "Befriending")]
    )
    assert (categories, tags, warnings) == (("Befriending",), ("Tuesday Club",), ())


def test_tags_are_cleaned_deduplicated_and_cut_to_100() -> None:
    long = "Gardening " + "x" * 120
    _, tags, warnings = classify_terms(
        [
            TaxonomyTerm("Gardening"),
            TaxonomyTerm(" gardening "),
            TaxonomyTerm("CafÃ©"),
            TaxonomyTerm(long),
        ]
    )
    assert tags[:2] == ("Gardening", "Café")
    assert len(tags) == 3 and len(tags[2]) <= 100
    assert any("longer than 100 characters" in w for w in warnings)


@pytest.mark.parametrize(
    ("text", "features"),
    [
        ("Induction loop fitted", ("hearing_loop",)),
        ("Wheelchair users welcome", ("step_free",)),
        ("Level access throughout", ("step_free",)),
        ("Accessible toilet on the ground floor", ("accessible_toilet",)),
        ("Blue badge bays by the door", ("blue_badge_parking",)),
        ("Free car park behind the hall", ("parking",)),
        ("BSL interpreter on request", ("bsl",)),
        ("Dementia friendly sessions", ("dementia_friendly",)),
        ("Large print song sheets", ("large_print",)),
        ("Quiet room available", ("quiet_space",)),
        ("Guide dogs welcome", ("assistance_dogs",)),
        ("On the 1 bus route", ("public_transport",)),
        ("Plenty of seating", ("seating",)),
    ],
)
def test_accessibility_features(text: str, features: tuple[str, ...]) -> None:
    assert accessibility_features([text]) == (features, ())


def test_negated_accessibility_is_not_a_feature() -> None:
    found, leftover = accessibility_features(["There is no lift. Parking is not available."])
    assert found == ()
    assert leftover == ("There is no lift.", "Parking is not available.")


@pytest.mark.parametrize(
    ("given_", "name"),
    [
        ("en", "English"),
        ("eng", "English"),
        ("cy", "Welsh"),
        ("pol", "Polish"),
        ("ur", "Urdu"),
        ("pa", "Punjabi"),
        ("yue", "Cantonese"),
        ("cmn", "Mandarin"),
        ("fa", "Persian (Farsi)"),
        ("ti", "Tigrinya"),
        ("bsl", "British Sign Language"),
        ("EN-GB", "English"),
        ("polish", "Polish"),
        ("BRITISH SIGN LANGUAGE", "British Sign Language"),
        ("Makaton", "Makaton"),
        ("", ""),
    ],
)
def test_language_name(given_: str, name: str) -> None:
    assert language_name(given_) == name


# Dates ------------------------------------------------------------------------------------


def test_future_or_bad_assured_date_is_dropped() -> None:
    record = mapped(service(assured_date="2030-01-01"))
    assert record.draft.last_verified_on is None
    assert "assured date 01/01/2030 is in the future; left out" in record.warnings
    record = mapped(service(assured_date="last Tuesday"))
    assert record.draft.last_verified_on is None
    assert "assured date 'last Tuesday' is not a date; left out" in record.warnings


def test_assured_datetime_and_naive_modified() -> None:
    record = mapped(
        service(assured_date="2025-02-03T10:00:00Z", last_modified="2025-02-03T10:00:00")
    )
    assert record.draft.last_verified_on == dt.date(2025, 2, 3)
    assert record.modified_at == dt.datetime(2025, 2, 3, 10, 0)


# Any shape -------------------------------------------------------------------------------

_value = st.one_of(
    st.none(), st.text(max_size=12), st.integers(-500, 500), st.floats(allow_nan=True)
)
_terms = st.lists(
    st.fixed_dictionaries({"taxonomy_term": st.fixed_dictionaries({"name": _value})}), max_size=2
)


@settings(max_examples=150, deadline=None)
@given(
    st.fixed_dictionaries(
        {"id": st.one_of(st.text(max_size=5), st.integers()), "name": _value},
        optional={
            "url": _value,
            "email": _value,
            "status": _value,
            "minimum_age": _value,
            "maximum_age": _value,
            "assured_date": _value,
            "last_modified": _value,
            "phones": st.lists(st.fixed_dictionaries({"number": _value}), max_size=2),
            "attributes": _terms,
            "schedules": st.lists(
                st.fixed_dictionaries({"byday": _value, "opens_at": _value, "closes_at": _value}),
                max_size=2,
            ),
            "service_at_locations": st.lists(
                st.fixed_dictionaries(
                    {
                        "location": st.fixed_dictionaries(
                            {
                                "latitude": _value,
                                "longitude": _value,
                                "addresses": st.lists(
                                    st.fixed_dictionaries({"postal_code": _value}), max_size=1
                                ),
                            }
                        )
                    }
                ),
                max_size=2,
            ),
        },
    )
)
def test_any_record_maps_to_a_valid_draft_or_a_problem(raw: dict[str, Any]) -> None:
    record = record_from_oruk3(raw, "any", today=TODAY)
    if record.ok:
        assert validate_asset(record.draft, TODAY) == []
    else:
        assert set(record.problems) <= {
            "has no name",
            "has no id, so a later refresh could not find it again",
        }


# Short paths, and our own export read back ------------------------------------------------


def test_short_paths_give_what_the_long_ones_give() -> None:
    # Schedules, terms, postcodes and dates are remembered between records: reading a
    # messy record again gives the same record; -0.0 reads as its text "0" does.
    assert mapped(MESSY) == mapped(MESSY)
    numbers = mapped(located(name="Hall", latitude=53.2789, longitude=-0.0)).draft
    text = mapped(located(name="Hall", latitude="53.2789", longitude="-0")).draft
    assert numbers.locations == text.locations == (Location("Hall", "", "", "", 53.2789, 0.0),)
    assert str(numbers.locations[0].longitude) == "0.0"
