"""Validators for what people type: examples and properties (any text: a value or InvalidValue)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from linkworker.domain.directory import (
    AssetDraft,
    Contact,
    Day,
    Location,
    OpeningTime,
)
from linkworker.domain.validation import (
    InvalidValue,
    check_age_range,
    check_time_range,
    district_of,
    is_outward_code,
    normal_postcode,
    parse_age,
    parse_email,
    parse_phone,
    parse_postcode,
    parse_time,
    parse_url,
    postcode_parts,
    validate_asset,
)

# Postcodes ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("CH65 4AB", "CH65 4AB"),
        ("ch65 4ab", "CH65 4AB"),
        ("ch654ab", "CH65 4AB"),
        ("  CH65    4AB  ", "CH65 4AB"),
        ("C H 6 5 4 A B", "CH65 4AB"),
        ("ch65-4ab", "CH65 4AB"),
        ("ch65\t4ab", "CH65 4AB"),
        ("sw1a1aa", "SW1A 1AA"),
        ("M1 1AE", "M1 1AE"),
        ("b338th", "B33 8TH"),
        ("w1a 0ax", "W1A 0AX"),
        ("GIR0AA", "GIR 0AA"),
        ("gir 0aa", "GIR 0AA"),
    ],
)
def test_parse_postcode_normalises(typed: str, expected: str) -> None:
    assert parse_postcode(typed) == expected


@pytest.mark.parametrize(
    "junk",
    ["", "   ", "hello", "CH65", "CH65 4A", "1234 5AB", "CH65 4CI", "CHX65 4AB", "CH65 4AB X"],
)
def test_parse_postcode_rejects_junk_naming_the_input(junk: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        parse_postcode(junk)
    assert f"“{junk.strip()}”" in str(caught.value)
    assert "postcode" in str(caught.value)


def test_a_postcode_as_stored_and_other_text_trimmed_in_capitals() -> None:
    assert normal_postcode(" ch65 4ab ") == "CH65 4AB"
    assert normal_postcode(" not known ") == "NOT KNOWN"
    assert normal_postcode("   ") == ""


def test_postcode_parts_and_district() -> None:
    parts = postcode_parts("ch65 4ab")
    assert (parts.area, parts.district, parts.sector) == ("CH", "CH65", "CH65 4")
    assert postcode_parts("M1 1AE").area == "M"
    assert district_of("sw1a 1aa") == "SW1A"
    assert district_of("not one") == ""
    assert is_outward_code(" ch65 ")
    assert is_outward_code("SW1A")
    assert not is_outward_code("CH65 4AB")


_POSTCODE_LIKE = st.from_regex(r"[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}", fullmatch=True)


@given(st.one_of(st.text(), _POSTCODE_LIKE))
@example("GIR0AA")
def test_parse_postcode_is_idempotent(text: str) -> None:
    try:
        once = parse_postcode(text)
    except InvalidValue:
        return
    assert parse_postcode(once) == once
    assert once == once.upper()
    assert once.count(" ") == 1


@given(_POSTCODE_LIKE)
def test_parse_postcode_ignores_case_and_spacing(text: str) -> None:
    try:
        expected = parse_postcode(text.upper())
    except InvalidValue:
        with pytest.raises(InvalidValue):
            parse_postcode(text.lower())
        return
    assert parse_postcode(text.lower()) == expected
    assert parse_postcode(" ".join(text.replace(" ", ""))) == expected


# Times --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("8:00am", dt.time(8)),
        ("8:00 am", dt.time(8)),
        ("08:00", dt.time(8)),
        ("2pm", dt.time(14)),
        ("2 PM", dt.time(14)),
        ("2.15p.m.", dt.time(14, 15)),
        ("14.30", dt.time(14, 30)),
        ("14:30", dt.time(14, 30)),
        ("9.30", dt.time(9, 30)),
        ("noon", dt.time(12)),
        ("Midday", dt.time(12)),
        ("12am", dt.time(0)),
        ("12pm", dt.time(12)),
        ("0:00", dt.time(0)),
        ("23:59", dt.time(23, 59)),
        ("mid day", dt.time(12)),
        ("10 : 30", dt.time(10, 30)),
        ("2. 15 p. m.", dt.time(14, 15)),
    ],
)
def test_parse_time_accepts(typed: str, expected: dt.time) -> None:
    assert parse_time(typed) == expected


@pytest.mark.parametrize(
    "typed", ["25:00", "13pm", "0am", "24:00", "12:60", "10:5", "ten", "", "10:00:00", "-1:00"]
)
def test_parse_time_rejects(typed: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        parse_time(typed)
    assert typed.strip() in str(caught.value)


def test_check_time_range() -> None:
    check_time_range(None, None)
    check_time_range(dt.time(10), None)
    check_time_range(dt.time(10), dt.time(10, 1))
    with pytest.raises(InvalidValue, match="needs a start"):
        check_time_range(None, dt.time(12))
    with pytest.raises(InvalidValue, match="12:00 is not after the start time 12:00"):
        check_time_range(dt.time(12), dt.time(12))
    with pytest.raises(InvalidValue, match="09:00 is not after"):
        check_time_range(dt.time(10), dt.time(9))


@given(st.times(), st.times())
def test_check_time_range_accepts_exactly_increasing_pairs(a: dt.time, b: dt.time) -> None:
    if b > a:
        check_time_range(a, b)
    else:
        with pytest.raises(InvalidValue):
            check_time_range(a, b)


@given(st.integers(0, 23), st.integers(0, 59))
def test_parse_time_reads_back_what_it_formats(hour: int, minute: int) -> None:
    t = dt.time(hour, minute)
    assert parse_time(t.strftime("%H:%M")) == t
    assert parse_time(t.strftime("%I:%M%p")) == t
    assert parse_time(t.strftime("%H.%M")) == t


# Ages, web, email, phone --------------------------------------------------


def test_parse_age() -> None:
    assert parse_age("") is None
    assert parse_age("  ") is None
    assert parse_age("18") == 18
    assert parse_age(" 0 ") == 0
    assert parse_age("120") == 120
    assert parse_age("0065") == 65
    with pytest.raises(InvalidValue, match="Minimum age must be a whole number"):
        parse_age("eighteen", "Minimum age")
    for bad in ("-1", "1.5", "121", "²", "9" * 5000):
        with pytest.raises(InvalidValue):
            parse_age(bad)


def test_check_age_range() -> None:
    check_age_range(None, None)
    check_age_range(18, None)
    check_age_range(None, 65)
    check_age_range(18, 18)
    with pytest.raises(InvalidValue, match=r"\(65\) is above the oldest \(18\)"):
        check_age_range(65, 18)


def test_parse_url() -> None:
    assert parse_url("") == ""
    assert parse_url("www.example.org") == "https://www.example.org"
    assert parse_url(" http://example.org/a?b=c ") == "http://example.org/a?b=c"
    assert parse_url("HTTPS://Example.org") == "HTTPS://Example.org"
    for bad in ("not a url", "https://", "example", "ftp://example.org", "https://exa mple.org"):
        with pytest.raises(InvalidValue):
            parse_url(bad)


def test_parse_email() -> None:
    assert parse_email("") == ""
    assert parse_email(" a.b@example.org ") == "a.b@example.org"
    for bad in ("a@b", "ab.org", "a@@b.org", "a b@c.org", "a@b.c"):
        with pytest.raises(InvalidValue, match="not an email address"):
            parse_email(bad)


def test_a_phone_number_after_44_has_nine_or_ten_digits() -> None:
    assert parse_phone("+44 16977 3456") == "+44 16977 3456"
    assert parse_phone("+44 1632 960123") == "+44 1632 960123"
    for bad in ("+44 1632 9601", "+44 1632 9601234"):
        with pytest.raises(InvalidValue, match="not a UK phone number"):
            parse_phone(bad)


def test_a_very_long_age_is_not_repeated_whole() -> None:
    with pytest.raises(InvalidValue) as caught:
        parse_age("9" * 400, "Minimum age")
    assert str(caught.value).startswith("Minimum age 9")
    assert len(str(caught.value)) < 100


def test_parse_phone() -> None:
    assert parse_phone("") == ""
    assert parse_phone("01632 960123") == "01632 960123"
    assert parse_phone("  01632   960123 ") == "01632 960123"
    assert parse_phone("(01632) 960-123") == "(01632) 960-123"
    assert parse_phone("+44 1632 960123") == "+44 1632 960123"
    assert parse_phone("0800 123456") == "0800 123456"
    with pytest.raises(InvalidValue, match="characters a phone number cannot have"):
        parse_phone("01632 96012x")
    for bad in ("12345", "1632 960123", "+1 202 555 0100", "016329601234567"):
        with pytest.raises(InvalidValue, match="not a UK phone number"):
            parse_phone(bad)


_PARSERS: list[Callable[[str], object]] = [
    parse_postcode,
    parse_time,
    parse_phone,
    parse_email,
    parse_url,
    parse_age,
]


@pytest.mark.parametrize("parser", _PARSERS, ids=lambda f: f.__name__)
@given(text=st.text())
@example(text="²")
@example(text="9" * 5000)
@example(text="\x00")
@example(text="١٢:٣٠")
@example(text="ﬀ1 1aa")
def test_any_text_gives_a_value_or_invalid_value(
    parser: Callable[[str], object], text: str
) -> None:
    try:
        parser(text)
    except InvalidValue as exc:
        assert str(exc)  # always something to show the person
    # Anything else (ValueError, TypeError, OverflowError...) propagates and fails the test.


# validate_asset -----------------------------------------------------------


def _fields(draft: AssetDraft) -> set[str]:
    return {e.field for e in validate_asset(draft)}


def test_a_good_draft_has_no_problems() -> None:
    draft = AssetDraft(
        name="Gardening club",
        website="www.example.org",
        email="hello@example.org",
        phone="01632 960123",
        age_min=18,
        age_max=99,
        locations=(Location(postcode="ch65 4ab", latitude=53.28, longitude=-2.9),),
        opening_times=(
            OpeningTime(Day.TUESDAY, dt.time(10), dt.time(12)),
            OpeningTime(note="first Monday"),
        ),
        contacts=(Contact(name="Sam", email="sam@example.org", phone="07700 900123"),),
        last_verified_on=dt.date.today(),
    )
    assert validate_asset(draft) == []


def test_validate_asset_reports_every_problem_by_field() -> None:
    draft = AssetDraft(
        name="  ",
        website="not a site",
        email="nope",
        phone="12",
        age_min=70,
        age_max=18,
        locations=(
            Location(postcode="CH65 4AB"),
            Location(postcode="nowhere", latitude=91.0, longitude=-181.0),
        ),
        opening_times=(
            OpeningTime(Day.MONDAY, dt.time(12), dt.time(11)),
            OpeningTime(),
        ),
        contacts=(Contact(email="x@"), Contact(phone="999")),
        last_verified_on=dt.date.today() + dt.timedelta(days=1),
    )
    assert _fields(draft) == {
        "name",
        "website",
        "email",
        "phone",
        "age_max",
        "locations[1].postcode",
        "locations[1].latitude",
        "locations[1].longitude",
        "opening_times[0]",
        "opening_times[1]",
        "contacts[0].email",
        "contacts[1].phone",
        "last_verified_on",
    }
    problems = {e.field: e.message for e in validate_asset(draft)}
    assert "“nowhere”" in problems["locations[1].postcode"]
    assert "not after" in problems["opening_times[0]"]


def test_validate_asset_name_length_and_age_bounds() -> None:
    assert _fields(AssetDraft(name="x" * 200)) == set()
    assert _fields(AssetDraft(name="x" * 201)) == {"name"}
    assert _fields(AssetDraft(name="A", age_min=-1)) == {"age_min"}
    assert _fields(AssetDraft(name="A", age_max=121)) == {"age_max"}
    assert _fields(AssetDraft(name="A", age_min=0, age_max=120)) == set()


def test_validate_asset_empty_optional_fields_are_fine() -> None:
    draft = AssetDraft(name="A", locations=(Location(name="Online"),), contacts=(Contact(),))
    assert validate_asset(draft) == []


@given(
    name=st.text(max_size=250),
    website=st.text(max_size=40),
    email=st.text(max_size=40),
    phone=st.text(max_size=20),
    postcode=st.text(max_size=12),
    age_min=st.none() | st.integers(-5, 130),
    age_max=st.none() | st.integers(-5, 130),
    starts=st.none() | st.times(),
    ends=st.none() | st.times(),
)
def test_validate_asset_never_crashes(
    name: str,
    website: str,
    email: str,
    phone: str,
    postcode: str,
    age_min: int | None,
    age_max: int | None,
    starts: dt.time | None,
    ends: dt.time | None,
) -> None:
    draft = AssetDraft(
        name=name,
        website=website,
        email=email,
        phone=phone,
        age_min=age_min,
        age_max=age_max,
        locations=(Location(postcode=postcode),),
        opening_times=(OpeningTime(Day.MONDAY, starts, ends),),
    )
    problems = validate_asset(draft)
    fields = {p.field for p in problems}
    assert ("name" in fields) == (not name.strip() or len(name) > 200)
    assert all(p.message for p in problems)
    # A draft with no problems stays valid when its checked values are normalised.
    if not problems:
        normal = dataclasses.replace(
            draft, website=parse_url(website), email=parse_email(email), phone=parse_phone(phone)
        )
        assert validate_asset(normal) == []


# Day.parse ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Tue", Day.TUESDAY),
        ("tues", Day.TUESDAY),
        ("TUESDAY", Day.TUESDAY),
        ("tu", Day.TUESDAY),
        ("thursday", Day.THURSDAY),
        ("Thurs.", Day.THURSDAY),
        ("th", Day.THURSDAY),
        ("Weds", Day.WEDNESDAY),
        (" sat ", Day.SATURDAY),
        ("Su", Day.SUNDAY),
        ("mon", Day.MONDAY),
    ],
)
def test_day_parse(typed: str, expected: Day) -> None:
    assert Day.parse(typed) is expected


@pytest.mark.parametrize(
    "typed", ["t", "s", "T", "", "  ", "x", "M", "f", "w", "tuesdays", "monday2", "weekday"]
)
def test_day_parse_rejects(typed: str) -> None:
    with pytest.raises(ValueError, match="not a day of the week"):
        Day.parse(typed)


@given(st.text(max_size=12))
def test_day_parse_gives_a_day_or_value_error(text: str) -> None:
    try:
        day = Day.parse(text)
    except ValueError:
        return
    assert isinstance(day, Day)


@pytest.mark.parametrize("day", list(Day))
def test_day_parse_reads_its_own_names(day: Day) -> None:
    assert Day.parse(day.label) is day
    assert Day.parse(day.short) is day


@pytest.mark.parametrize(("latitude", "longitude"), [(-90, -180), (90, 180), (0, 0)])
def test_coordinates_at_the_ends_of_their_ranges_are_fine(
    latitude: float, longitude: float
) -> None:
    from linkworker.domain.directory import Location

    place = Location(latitude=latitude, longitude=longitude)
    assert validate_asset(AssetDraft(name="x", locations=(place,))) == []


@pytest.mark.parametrize(
    ("latitude", "longitude", "field"),
    [(90.5, 0, "latitude"), (-90.5, 0, "latitude"), (0, 180.5, "longitude"),
     (0, -180.5, "longitude"), (None, -3.0, "latitude")],
)  # fmt: skip
def test_coordinates_out_of_range_or_half_given_are_refused(
    latitude: float | None, longitude: float, field: str
) -> None:
    from linkworker.domain.directory import Location

    place = Location(latitude=latitude, longitude=longitude)
    problems = validate_asset(AssetDraft(name="x", locations=(place,)))
    assert [p.field for p in problems] == [f"locations[0].{field}"]


def test_half_a_coordinate_is_refused() -> None:
    from linkworker.domain.directory import Location

    problems = validate_asset(AssetDraft(name="x", locations=(Location(latitude=53.2),)))
    assert [p.field for p in problems] == ["locations[0].longitude"]


def test_unknown_accessibility_feature_is_refused() -> None:
    problems = validate_asset(AssetDraft(name="x", accessibility=("step_free", "jetpack")))
    assert [p.field for p in problems] == ["accessibility"]
    assert "jetpack" in problems[0].message
    two = validate_asset(AssetDraft(name="x", accessibility=("jetpack", "teleport")))
    assert "jetpack" in two[0].message


def test_future_check_date_uses_the_given_today() -> None:
    import datetime as dt

    draft = AssetDraft(name="x", last_verified_on=dt.date(2030, 1, 2))
    assert validate_asset(draft, today=dt.date(2030, 1, 2)) == []
    assert [p.field for p in validate_asset(draft, today=dt.date(2030, 1, 1))] == [
        "last_verified_on"
    ]
