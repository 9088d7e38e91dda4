"""National Grid eastings and northings to latitude and longitude, against published points."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linkworker.domain.geo import haversine_miles
from linkworker.domain.matching import GeoPoint
from linkworker.domain.osgb import grid_to_osgb36, grid_to_wgs84, osgb36_to_wgs84

METRES_PER_MILE = 1609.344


def dms(degrees: int, minutes: int, seconds: float) -> float:
    return degrees + minutes / 60 + seconds / 3600


def metres_apart(a: tuple[float, float], b: tuple[float, float]) -> float:
    return haversine_miles(GeoPoint(*a), GeoPoint(*b)) * METRES_PER_MILE


def test_the_ordnance_survey_worked_example_on_osgb36() -> None:
    # A guide to coordinate systems in Great Britain, Annex C: E 651409.903, N 313177.270
    # is 52°39'27.2531"N, 1°43'4.5177"E on Airy 1830.
    lat, lon = grid_to_osgb36(651409.903, 313177.270)
    assert lat == pytest.approx(dms(52, 39, 27.2531), abs=1e-7)  # about a centimetre
    assert lon == pytest.approx(dms(1, 43, 4.5177), abs=1e-7)


def test_the_worked_example_moved_to_wgs84() -> None:
    # The same point on WGS84 (Helmert): 52°39'28.72"N, 1°42'57.79"E, about 150 m from
    # where the OSGB36 figures would put it on a WGS84 map.
    osgb36 = grid_to_osgb36(651409.903, 313177.270)
    wgs84 = grid_to_wgs84(651409.903, 313177.270)
    assert metres_apart(wgs84, (dms(52, 39, 28.72), dms(1, 42, 57.79))) < 1.0
    assert 100 < metres_apart(osgb36, wgs84) < 200


@pytest.mark.parametrize(
    ("place", "easting", "northing", "latitude", "longitude"),
    [
        # Summits as commonly published: a six-figure grid reference (a 100 m square,
        # taken at its middle) and WGS84 degrees to four places.
        ("Ben Nevis, NN 166 712", 216_650, 771_250, 56.7969, -5.0036),
        ("Snowdon (Yr Wyddfa), SH 609 543", 260_950, 354_350, 53.0685, -4.0762),
    ],
)
def test_landmarks(
    place: str, easting: float, northing: float, latitude: float, longitude: float
) -> None:
    found = grid_to_wgs84(easting, northing)
    assert metres_apart(found, (latitude, longitude)) < 75, place


def test_the_helmert_step_moves_a_point_by_about_a_hundred_metres_westward() -> None:
    # In Cheshire, OSGB36 and WGS84 differ by roughly 0.0015 degrees of longitude.
    lat, lon = osgb36_to_wgs84(53.28, -2.90)
    assert lat == pytest.approx(53.28, abs=0.001)
    assert -0.0025 < lon - -2.90 < -0.0005


@pytest.mark.parametrize(
    ("easting", "northing"),
    [(-1.0, 300_000.0), (700_001.0, 300_000.0), (300_000.0, 1_300_001.0), (math.nan, 0.0)],
)
def test_points_off_the_grid_are_refused(easting: float, northing: float) -> None:
    with pytest.raises(ValueError, match="not on the National Grid"):
        grid_to_wgs84(easting, northing)


@given(
    st.floats(min_value=80_000, max_value=660_000),
    st.floats(min_value=10_000, max_value=1_200_000),
)
def test_every_point_of_britain_lands_near_britain(easting: float, northing: float) -> None:
    lat, lon = grid_to_wgs84(easting, northing)
    assert 49.0 < lat < 61.5
    assert -10.0 < lon < 4.0


def test_a_kilometre_east_on_the_grid_is_about_a_kilometre() -> None:
    west = grid_to_wgs84(340_000, 377_000)
    east = grid_to_wgs84(341_000, 377_000)
    # The grid's scale there is within 0.05% of true; the spherical haversine is within 0.5%.
    assert metres_apart(west, east) == pytest.approx(1000, rel=0.005)
