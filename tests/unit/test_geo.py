"""Postcode parts, distances, and how near an asset's places are to a person."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linkworker.domain.geo import (
    EARTH_RADIUS_MILES,
    Nearness,
    haversine_miles,
    nearest_miles,
    postcode_key,
    postcode_nearness,
    postcode_parts,
    proximity,
)
from linkworker.domain.matching import AssetPlace, GeoPoint

MILES_PER_DEGREE = EARTH_RADIUS_MILES * math.pi / 180


@pytest.mark.parametrize(
    ("postcode", "parts"),
    [
        ("CH65 2AB", ("CH", "CH65", "CH65 2")),
        ("ch652ab", ("CH", "CH65", "CH65 2")),
        ("  ch65   2ab ", ("CH", "CH65", "CH65 2")),
        ("SW1A 1AA", ("SW", "SW1A", "SW1A 1")),
        ("w1a1aa", ("W", "W1A", "W1A 1")),
        ("M1 1AE", ("M", "M1", "M1 1")),
        ("CH65", ("CH", "CH65", "")),
        ("CH65 2", ("CH", "CH65", "CH65 2")),
    ],
)
def test_postcode_parts_of_whole_and_partial_postcodes(
    postcode: str, parts: tuple[str, str, str]
) -> None:
    assert postcode_parts(postcode) == parts


@pytest.mark.parametrize(
    "text", ["", "   ", "not a postcode", "12345", "CH65 2AB X", "CH652", "ÇH65 2AB", "🙂"]
)
def test_anything_else_has_no_parts(text: str) -> None:
    assert postcode_parts(text) == ("", "", "")


@given(st.text())
def test_postcode_parts_never_raise_and_nest(text: str) -> None:
    area, district, sector = postcode_parts(text)
    assert district.startswith(area)
    assert bool(area) == bool(district)
    if sector:
        assert sector == f"{district} {sector[-1]}"
        assert sector[-1].isdigit()


def test_haversine_is_zero_for_one_point_and_symmetric() -> None:
    a, b = GeoPoint(53.2822, -2.8871), GeoPoint(53.2869, -2.9458)
    assert haversine_miles(a, a) == 0.0
    assert haversine_miles(a, b) == pytest.approx(haversine_miles(b, a))


def test_haversine_in_miles() -> None:
    # Along a meridian a degree of latitude is the same length everywhere.
    assert haversine_miles(GeoPoint(53.0, -2.9), GeoPoint(54.0, -2.9)) == pytest.approx(
        MILES_PER_DEGREE
    )
    # London to Manchester, about 163 miles as the crow flies.
    london, manchester = GeoPoint(51.5074, -0.1278), GeoPoint(53.4808, -2.2426)
    assert haversine_miles(london, manchester) == pytest.approx(163, abs=1)
    # Two Ellesmere Port sample postcodes (CH65 2AB, CH66 4QD): about 2.4 miles apart.
    assert haversine_miles(GeoPoint(53.2822, -2.8871), GeoPoint(53.2869, -2.9458)) == pytest.approx(
        2.4, abs=0.05
    )


def test_haversine_copes_with_the_ends_of_the_earth() -> None:
    assert haversine_miles(GeoPoint(90, 0), GeoPoint(-90, 0)) == pytest.approx(
        math.pi * EARTH_RADIUS_MILES
    )
    assert haversine_miles(GeoPoint(0, 0), GeoPoint(0, 180)) == pytest.approx(
        math.pi * EARTH_RADIUS_MILES
    )


@pytest.mark.parametrize(
    ("a", "b", "nearness"),
    [
        ("CH65 2AB", "CH65 2ER", Nearness.SAME_SECTOR),
        ("CH65 2AB", "CH65 4LD", Nearness.SAME_DISTRICT),
        ("CH65 2AB", "CH65", Nearness.SAME_DISTRICT),
        ("CH65", "CH65", Nearness.SAME_DISTRICT),
        ("CH65 2", "CH65 2AB", Nearness.SAME_SECTOR),
        ("CH65 2AB", "CH65 3AB", Nearness.SAME_DISTRICT),
        ("CH65 2AB", "CH66 4QD", Nearness.SAME_AREA),
        ("CH65 2AB", "M1 1AE", Nearness.OTHER_AREA),
        ("CH65 2AB", "", Nearness.UNKNOWN),
        ("nonsense", "CH65 2AB", Nearness.UNKNOWN),
    ],
)
def test_postcode_nearness(a: str, b: str, nearness: Nearness) -> None:
    assert postcode_nearness(a, b) is nearness
    assert postcode_nearness(b, a) is nearness


def test_proximity_takes_the_nearest_place() -> None:
    person = GeoPoint(53.28, -2.89)
    far = AssetPlace("CH66 4QD", GeoPoint(53.28 + 3 / MILES_PER_DEGREE, -2.89))
    near = AssetPlace("CH65 2AB", GeoPoint(53.28 + 1.2 / MILES_PER_DEGREE, -2.89))
    unplaced = AssetPlace("CH65 2ER", None)
    found = proximity("CH65 2XE", person, [far, unplaced, near])
    assert found.miles == pytest.approx(1.2)
    assert found.nearness is Nearness.SAME_SECTOR  # CH65 2ER, which has no point
    assert nearest_miles(person, [unplaced]) is None


def test_proximity_without_coordinates_is_by_postcode() -> None:
    places = [AssetPlace("CH66 4QD"), AssetPlace("CH65 4LD")]
    found = proximity("CH65 2AB", None, places)
    assert found.miles is None
    assert found.nearness is Nearness.SAME_DISTRICT
    assert proximity("", None, places).nearness is Nearness.UNKNOWN
    assert proximity("CH65 2AB", None, []).nearness is Nearness.UNKNOWN


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("CH65 2AB", "CH652AB"),
        (" ch65  2ab ", "CH652AB"),
        ("ch652ab", "CH652AB"),
        ("SW1A 1AA", "SW1A1AA"),
        ("CH65", ""),
        ("not a postcode", ""),
        ("", ""),
    ],
)
def test_a_postcode_key_is_the_postcode_without_its_space(typed: str, key: str) -> None:
    assert postcode_key(typed) == key
