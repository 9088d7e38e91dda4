"""How near a community asset is to a person: by distance when both have coordinates,
otherwise by how much of their postcodes they share (sector, district, area).

UK postcodes nest: ``CH65 2AB`` is in sector ``CH65 2``, district ``CH65`` and area
``CH``. Two postcodes in the same sector are usually within walking distance; the
same district, a short bus ride. Nothing here raises on odd or unknown postcodes.
"""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from linkworker.domain.matching import AssetPlace, GeoPoint
from linkworker.domain.validation import InvalidValue, parse_postcode

EARTH_RADIUS_MILES = 3958.8

_OUTWARD = re.compile(r"^([A-Z]{1,2})[0-9][A-Z0-9]?$")
_INWARD = re.compile(r"^[0-9](?:[A-Z]{2})?$")
_WHOLE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$")


def postcode_key(postcode: str) -> str:
    """``CH65 2AB`` (any spacing or case) as the lookup key ``CH652AB``; "" if not a postcode."""
    try:
        return parse_postcode(postcode).replace(" ", "")
    except InvalidValue:
        return ""


def postcode_parts(postcode: str) -> tuple[str, str, str]:
    """(area, district, sector), e.g. ``("CH", "CH65", "CH65 2")``; "" for parts not known.

    A whole postcode (with or without its space) gives all three, an outward code
    (``CH65``) the first two, a sector written with its space (``CH65 2``) all three,
    and anything that is not a postcode gives ``("", "", "")``.
    """
    words = postcode.upper().split()
    if len(words) == 1:
        whole = _WHOLE.match(words[0])
        outward, inward = (whole.group(1), whole.group(2)) if whole else (words[0], "")
    elif len(words) == 2:
        outward, inward = words
    else:
        return ("", "", "")
    area = _OUTWARD.match(outward)
    if area is None or (inward and not _INWARD.match(inward)):
        return ("", "", "")
    return (area.group(1), outward, f"{outward} {inward[0]}" if inward else "")


def haversine_miles(a: GeoPoint, b: GeoPoint) -> float:
    """Great-circle distance in miles between two points given in degrees."""
    lat1, lon1 = math.radians(a.latitude), math.radians(a.longitude)
    lat2, lon2 = math.radians(b.latitude), math.radians(b.longitude)
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_MILES * math.asin(min(1.0, math.sqrt(h)))


class Nearness(enum.IntEnum):
    """How much of two postcodes is shared; higher is nearer."""

    UNKNOWN = 0  # one of the postcodes is missing or not a postcode
    OTHER_AREA = 1
    SAME_AREA = 2
    SAME_DISTRICT = 3
    SAME_SECTOR = 4


def parts_nearness(a: tuple[str, str, str], b: tuple[str, str, str]) -> Nearness:
    """How near two postcodes are, given as :func:`postcode_parts`."""
    if not a[0] or not b[0]:
        return Nearness.UNKNOWN
    if a[2] and a[2] == b[2]:
        return Nearness.SAME_SECTOR
    if a[1] == b[1]:
        return Nearness.SAME_DISTRICT
    return Nearness.SAME_AREA if a[0] == b[0] else Nearness.OTHER_AREA


def postcode_nearness(a: str, b: str) -> Nearness:
    """How near two postcodes are by the parts they share."""
    return parts_nearness(postcode_parts(a), postcode_parts(b))


def nearest_miles(point: GeoPoint, places: Iterable[AssetPlace]) -> float | None:
    """Miles to the nearest of ``places`` that has coordinates, or None if none has."""
    miles = [haversine_miles(point, p.point) for p in places if p.point is not None]
    return min(miles) if miles else None


@dataclass(frozen=True, slots=True)
class Proximity:
    """How near the nearest of an asset's places is: miles when known, else nearness."""

    nearness: Nearness
    miles: float | None = None


def proximity(postcode: str, point: GeoPoint | None, places: Iterable[AssetPlace]) -> Proximity:
    """How near the nearest of ``places`` is to a person at ``postcode`` (and ``point``).

    Miles are given when the person and at least one place have coordinates; the
    nearness is the best over all places with a postcode.
    """
    places = tuple(places)
    person = postcode_parts(postcode)
    nearness = max(
        (parts_nearness(person, postcode_parts(p.postcode)) for p in places),
        default=Nearness.UNKNOWN,
    )
    miles = nearest_miles(point, places) if point is not None else None
    return Proximity(nearness=nearness, miles=miles)
