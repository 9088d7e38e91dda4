"""National Grid eastings and northings to latitude and longitude, against published points."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linkworker.domain.geo import haversine_miles
from linkworker.domain.matching import GeoPoint
from linkworker.domain.osgb import (
    AIRY_A,
    AIRY_B,
    GRID_E0,
    GRID_F0,
    GRID_LAT0,
    GRID_LON0,
    GRID_N0,
    grid_to_osgb36,
    grid_to_wgs84,
    osgb36_to_wgs84,
)

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


def test_the_worked_example_to_the_last_published_figure() -> None:
    # Annex C gives the seconds to four places and the WGS84 position to two: the results
    # agree to within half of the last place.
    lat, lon = grid_to_osgb36(651409.903, 313177.270)
    assert lat == pytest.approx(dms(52, 39, 27.2531), abs=0.00005 / 3600)
    assert lon == pytest.approx(dms(1, 43, 4.5177), abs=0.00005 / 3600)
    lat, lon = grid_to_wgs84(651409.903, 313177.270)
    assert lat == pytest.approx(dms(52, 39, 28.72), abs=0.005 / 3600)
    assert lon == pytest.approx(dms(1, 42, 57.79), abs=0.005 / 3600)


@pytest.mark.parametrize(
    ("easting", "northing"), [(0, 500_000), (700_000, 500_000), (400_000, 0), (400_000, 1_300_000)]
)
def test_the_edges_of_the_grid_are_on_it(easting: float, northing: float) -> None:
    lat, lon = grid_to_wgs84(easting, northing)
    assert math.isfinite(lat) and math.isfinite(lon)


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


def _to_grid(latitude: float, longitude: float) -> tuple[float, float]:
    """The other way, latitude and longitude on Airy 1830 to the grid (the guide's Annex C.1)."""
    e2 = (AIRY_A**2 - AIRY_B**2) / AIRY_A**2
    n = (AIRY_A - AIRY_B) / (AIRY_A + AIRY_B)
    lat, dlon = math.radians(latitude), math.radians(longitude) - GRID_LON0
    sin, cos, tan2 = math.sin(lat), math.cos(lat), math.tan(lat) ** 2
    nu = AIRY_A * GRID_F0 / math.sqrt(1 - e2 * sin**2)
    rho = AIRY_A * GRID_F0 * (1 - e2) * (1 - e2 * sin**2) ** -1.5
    eta2 = nu / rho - 1
    d, s = lat - GRID_LAT0, lat + GRID_LAT0
    arc = (
        AIRY_B
        * GRID_F0
        * (
            (1 + n + 5 / 4 * n**2 + 5 / 4 * n**3) * d
            - (3 * n + 3 * n**2 + 21 / 8 * n**3) * math.sin(d) * math.cos(s)
            + (15 / 8 * n**2 + 15 / 8 * n**3) * math.sin(2 * d) * math.cos(2 * s)
            - 35 / 24 * n**3 * math.sin(3 * d) * math.cos(3 * s)
        )
    )
    north = (
        arc
        + GRID_N0
        + nu / 2 * sin * cos * dlon**2
        + nu / 24 * sin * cos**3 * (5 - tan2 + 9 * eta2) * dlon**4
        + nu / 720 * sin * cos**5 * (61 - 58 * tan2 + tan2**2) * dlon**6
    )
    east = (
        GRID_E0
        + nu * cos * dlon
        + nu / 6 * cos**3 * (nu / rho - tan2) * dlon**3
        + nu / 120 * cos**5 * (5 - 18 * tan2 + tan2**2 + 14 * eta2 - 58 * tan2 * eta2) * dlon**5
    )
    return east, north


def test_the_grid_comes_back_through_the_forward_projection_to_a_millimetre() -> None:
    """The inverse projection undoes the guide's forward one over the whole of Britain's land."""
    assert _to_grid(dms(52, 39, 27.2531), dms(1, 43, 4.5177)) == pytest.approx(
        (651409.903, 313177.270), abs=0.005
    )
    for easting in range(100_000, 650_001, 50_000):
        for northing in range(0, 1_000_001, 100_000):
            back = _to_grid(*grid_to_osgb36(easting, northing))
            assert math.dist(back, (easting, northing)) < 0.001, (easting, northing)
