"""Ordnance Survey National Grid eastings and northings as WGS84 latitude and longitude.

Code-Point Open gives each postcode as a grid reference on the OSGB36 datum,
while everything else in Link Worker (ONSPD, Open Referral feeds, maps) uses
WGS84 latitude and longitude. Two steps turn one into the other, as the
Ordnance Survey's *A guide to coordinate systems in Great Britain* describes:

1. the inverse transverse Mercator projection of the National Grid, on the
   Airy 1830 ellipsoid, gives OSGB36 latitude and longitude (Annex C);
2. a seven-parameter Helmert transformation moves that point from OSGB36 to
   WGS84 (section 6.6), through earth-centred x, y, z coordinates.

The Helmert step is good to a few metres across Great Britain, which is far
finer than a postcode (a postcode's point is the middle of a street or two).
The Ordnance Survey's exact transformation, OSTN15, needs a large grid file
and is not used.
"""

from __future__ import annotations

import math

# Airy 1830 ellipsoid (OSGB36) and the National Grid's projection.
AIRY_A = 6_377_563.396
AIRY_B = 6_356_256.909
GRID_F0 = 0.9996012717  # scale factor on the central meridian
GRID_LAT0 = math.radians(49.0)  # true origin: 49°N, 2°W
GRID_LON0 = math.radians(-2.0)
GRID_E0 = 400_000.0
GRID_N0 = -100_000.0

# GRS80 / WGS84 ellipsoid.
WGS84_A = 6_378_137.000
WGS84_B = 6_356_752.3141

# Helmert OSGB36 -> WGS84: the OS's WGS84 -> OSGB36 parameters with their signs turned.
_TX, _TY, _TZ = 446.448, -125.157, 542.060  # metres
_SCALE = -20.4894e-6  # parts per million as a fraction
_ARCSEC = math.pi / (180 * 3600)
_RX, _RY, _RZ = 0.1502 * _ARCSEC, 0.2470 * _ARCSEC, 0.8421 * _ARCSEC

#: Where the National Grid is defined (its 700 km by 1,300 km square).
GRID_EASTINGS = (0.0, 700_000.0)
GRID_NORTHINGS = (0.0, 1_300_000.0)

_E2_AIRY = (AIRY_A**2 - AIRY_B**2) / AIRY_A**2
_N_AIRY = (AIRY_A - AIRY_B) / (AIRY_A + AIRY_B)
_E2_WGS84 = (WGS84_A**2 - WGS84_B**2) / WGS84_A**2


def _meridional_arc(lat: float) -> float:
    """M: the distance along the central meridian from the true origin's latitude (C3)."""
    n = _N_AIRY
    n2, n3 = n * n, n * n * n
    d, s = lat - GRID_LAT0, lat + GRID_LAT0
    return (
        AIRY_B
        * GRID_F0
        * (
            (1 + n + 1.25 * n2 + 1.25 * n3) * d
            - (3 * n + 3 * n2 + 2.625 * n3) * math.sin(d) * math.cos(s)
            + (1.875 * n2 + 1.875 * n3) * math.sin(2 * d) * math.cos(2 * s)
            - (35 / 24) * n3 * math.sin(3 * d) * math.cos(3 * s)
        )
    )


def grid_to_osgb36(easting: float, northing: float) -> tuple[float, float]:
    """OSGB36 (latitude, longitude) in degrees of a National Grid point in metres.

    Raises ValueError for a point outside the grid (or not a number).
    """
    if not (
        GRID_EASTINGS[0] <= easting <= GRID_EASTINGS[1]
        and GRID_NORTHINGS[0] <= northing <= GRID_NORTHINGS[1]
    ):
        raise ValueError(f"({easting}, {northing}) is not on the National Grid")
    a_f0 = AIRY_A * GRID_F0
    lat = GRID_LAT0 + (northing - GRID_N0) / a_f0
    arc = _meridional_arc(lat)
    for _ in range(20):  # converges in four or five steps
        if abs(northing - GRID_N0 - arc) < 1e-5:  # 0.01 mm
            break
        lat += (northing - GRID_N0 - arc) / a_f0
        arc = _meridional_arc(lat)

    sin_lat = math.sin(lat)
    tan_lat = math.tan(lat)
    sec_lat = 1 / math.cos(lat)
    tan2, tan4 = tan_lat**2, tan_lat**4
    nu = a_f0 / math.sqrt(1 - _E2_AIRY * sin_lat**2)
    rho = a_f0 * (1 - _E2_AIRY) * (1 - _E2_AIRY * sin_lat**2) ** -1.5
    eta2 = nu / rho - 1

    vii = tan_lat / (2 * rho * nu)
    viii = tan_lat / (24 * rho * nu**3) * (5 + 3 * tan2 + eta2 - 9 * tan2 * eta2)
    ix = tan_lat / (720 * rho * nu**5) * (61 + 90 * tan2 + 45 * tan4)
    x = sec_lat / nu
    xi = sec_lat / (6 * nu**3) * (nu / rho + 2 * tan2)
    xii = sec_lat / (120 * nu**5) * (5 + 28 * tan2 + 24 * tan4)
    xiia = sec_lat / (5040 * nu**7) * (61 + 662 * tan2 + 1320 * tan4 + 720 * tan_lat**6)

    de = easting - GRID_E0
    latitude = lat - vii * de**2 + viii * de**4 - ix * de**6
    longitude = GRID_LON0 + x * de - xi * de**3 + xii * de**5 - xiia * de**7
    return math.degrees(latitude), math.degrees(longitude)


def osgb36_to_wgs84(latitude: float, longitude: float) -> tuple[float, float]:
    """WGS84 (latitude, longitude) in degrees of an OSGB36 point at the ellipsoid's surface."""
    lat, lon = math.radians(latitude), math.radians(longitude)
    sin_lat, cos_lat = math.sin(lat), math.cos(lat)
    nu = AIRY_A / math.sqrt(1 - _E2_AIRY * sin_lat**2)
    x1 = nu * cos_lat * math.cos(lon)
    y1 = nu * cos_lat * math.sin(lon)
    z1 = (1 - _E2_AIRY) * nu * sin_lat

    grow = 1 + _SCALE
    x2 = _TX + grow * x1 - _RZ * y1 + _RY * z1
    y2 = _TY + _RZ * x1 + grow * y1 - _RX * z1
    z2 = _TZ - _RY * x1 + _RX * y1 + grow * z1

    p = math.hypot(x2, y2)
    lat2 = math.atan2(z2, p * (1 - _E2_WGS84))
    for _ in range(10):  # converges to well under a millimetre in three steps
        nu2 = WGS84_A / math.sqrt(1 - _E2_WGS84 * math.sin(lat2) ** 2)
        lat2 = math.atan2(z2 + _E2_WGS84 * nu2 * math.sin(lat2), p)
    return math.degrees(lat2), math.degrees(math.atan2(y2, x2))


def grid_to_wgs84(easting: float, northing: float) -> tuple[float, float]:
    """WGS84 (latitude, longitude) in degrees of a National Grid point (eastings, northings).

    Within a few metres of the Ordnance Survey's own transformation; raises
    ValueError for a point outside the grid.
    """
    return osgb36_to_wgs84(*grid_to_osgb36(easting, northing))
