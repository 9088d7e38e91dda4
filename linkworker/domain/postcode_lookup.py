"""Postcode lookup files: their shapes, one row read into a point, and what an import did.

Three shapes of file give postcodes a place on the map:

- the ONS Postcode Directory (ONSPD), a CSV with a heading row (``pcd``,
  ``pcd2``, ``pcds``, ``doterm``, ..., ``lat``, ``long``), terminated postcodes
  included (``doterm`` is the month they stopped), and postcodes without a
  location given latitude 99.999999;
- Ordnance Survey Code-Point Open, CSVs without a heading row (postcode,
  positional quality, eastings, northings, ...), quality 90 meaning "no
  coordinates"; its grid references become latitude and longitude with
  :mod:`linkworker.domain.osgb`;
- a plain CSV of postcode, latitude and longitude, with those headings.

:func:`detect_layout` tells them apart from the first row, and
:meth:`RowLayout.read` turns one row into ``(key, latitude, longitude)`` (the
key is the postcode in capitals without spaces, ``CH652AB``), a :class:`Skip`,
or a message saying what is wrong with the row.
"""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from linkworker.domain.osgb import grid_to_wgs84
from linkworker.domain.validation import InvalidValue, is_outward_code, parse_postcode

#: ONSPD's latitude for a postcode it has no location for (its longitude is then 0).
NO_LOCATION_LATITUDE = 99.999999
#: Code-Point Open's positional quality for a postcode without coordinates.
NO_COORDINATES_QUALITY = "90"

_KEY = re.compile(r"^(?:[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][ABD-HJLNP-UW-Z]{2}|GIR0AA)$")
_AREA = re.compile(r"^[A-Z]{1,2}$")

_POSTCODE_HEADINGS = ("postcode", "pcds", "pcd", "pcd2")
_ONSPD_HEADINGS = frozenset({"pcd", "pcd2", "pcds", "doterm", "dointr"})
_LATITUDE_HEADINGS = ("latitude", "lat")
_LONGITUDE_HEADINGS = ("longitude", "long", "lon", "lng")
_TERMINATED_HEADINGS = ("doterm",)
_CODE_POINT_HEADINGS = (
    ("pc", "pq", "ea", "no"),
    ("postcode", "positional_quality_indicator", "eastings", "northings"),
)


class LookupFormat(enum.StrEnum):
    """The shapes of postcode lookup file an import understands."""

    ONSPD = "onspd"
    CODE_POINT_OPEN = "code-point-open"
    PLAIN = "plain"

    @property
    def label(self) -> str:
        return {
            "onspd": "ONS Postcode Directory",
            "code-point-open": "Ordnance Survey Code-Point Open",
            "plain": "postcode, latitude and longitude",
        }[self.value]


class Skip(enum.Enum):
    """Why a good row adds no point."""

    TERMINATED = "terminated"
    NO_LOCATION = "no location"


def heading_key(text: str) -> str:
    """``Latitude (WGS84)`` -> ``latitude``; ``PCDS`` -> ``pcds``."""
    text = re.sub(r"\([^)]*\)", " ", text.lstrip("\ufeff"))
    return re.sub(r"[^0-9a-z]+", "_", text.strip().casefold()).strip("_")


def lookup_key(text: str) -> str:
    """The postcode as a lookup key (``ch65 2ab`` -> ``CH652AB``); InvalidValue if it is not one."""
    compact = text.replace(" ", "").upper()
    if _KEY.match(compact):
        return compact
    return parse_postcode(text).replace(" ", "")  # odd spacing, or the message why not


def _first(headings: list[str], names: tuple[str, ...]) -> int | None:
    for name in names:
        if name in headings:
            return headings.index(name)
    return None


def _number(text: str, what: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise InvalidValue(
            f"The {what} “{text}” is not a number." if text else f"No {what}."
        ) from None
    if not math.isfinite(value):
        raise InvalidValue(f"The {what} “{text}” is not a number.")
    return value


@dataclass(frozen=True, slots=True)
class RowLayout:
    """Where a file keeps what a point needs, and whether its first row is headings."""

    format: LookupFormat
    has_heading: bool
    postcode: int
    #: Latitude, or for Code-Point Open eastings.
    first: int
    #: Longitude, or for Code-Point Open northings.
    second: int
    terminated: int | None = None
    quality: int | None = None

    def read(self, cells: list[str]) -> tuple[str, float, float] | Skip | str:
        """The row as ``(key, latitude, longitude)``, why it is skipped, or what is wrong."""
        try:
            if self.terminated is not None and _cell(cells, self.terminated):
                return Skip.TERMINATED
            raw = _cell(cells, self.postcode)
            if not raw:
                return "The postcode is missing."
            try:
                key = lookup_key(raw)
            except InvalidValue as exc:
                return str(exc)
            if self.format is LookupFormat.CODE_POINT_OPEN:
                return self._grid_point(key, cells)
            lat_text, lon_text = _cell(cells, self.first), _cell(cells, self.second)
            if self.format is LookupFormat.ONSPD and not (lat_text and lon_text):
                return Skip.NO_LOCATION
            return _point(key, lat_text, lon_text)
        except InvalidValue as exc:
            return str(exc)

    def _grid_point(self, key: str, cells: list[str]) -> tuple[str, float, float] | Skip:
        if self.quality is not None and _cell(cells, self.quality) == NO_COORDINATES_QUALITY:
            return Skip.NO_LOCATION
        easting = _number(_cell(cells, self.first), "eastings")
        northing = _number(_cell(cells, self.second), "northings")
        if easting == 0 and northing == 0:
            return Skip.NO_LOCATION
        try:
            lat, lon = grid_to_wgs84(easting, northing)
        except ValueError:
            raise InvalidValue(
                f"The grid reference {easting:g}, {northing:g} is not in Great Britain."
            ) from None
        return key, lat, lon


def _cell(cells: list[str], index: int) -> str:
    return cells[index].strip() if index < len(cells) else ""


def _point(key: str, lat_text: str, lon_text: str) -> tuple[str, float, float] | Skip:
    latitude = _number(lat_text, "latitude")
    longitude = _number(lon_text, "longitude")
    if latitude == NO_LOCATION_LATITUDE:
        return Skip.NO_LOCATION
    wrong = [
        f"The {what} {text} is not between -{bound:g} and {bound:g}."
        for what, text, value, bound in (
            ("latitude", lat_text, latitude, 90.0),
            ("longitude", lon_text, longitude, 180.0),
        )
        if abs(value) > bound
    ]
    if wrong:
        raise InvalidValue(" ".join(wrong))
    return key, latitude, longitude


def detect_layout(cells: list[str]) -> RowLayout | None:
    """The layout a file's first row shows, or None when it is none of the known shapes."""
    headings = [heading_key(c) for c in cells]
    postcode = _first(headings, _POSTCODE_HEADINGS)
    latitude = _first(headings, _LATITUDE_HEADINGS)
    longitude = _first(headings, _LONGITUDE_HEADINGS)
    if postcode is not None and latitude is not None and longitude is not None:
        onspd = bool(_ONSPD_HEADINGS.intersection(headings))
        if onspd:  # the standard full form, "CH65 2AB", is the safest of its three
            postcode = _first(headings, ("pcds", "pcd", "pcd2", "postcode"))
        return RowLayout(
            format=LookupFormat.ONSPD if onspd else LookupFormat.PLAIN,
            has_heading=True,
            postcode=postcode if postcode is not None else 0,
            first=latitude,
            second=longitude,
            terminated=_first(headings, _TERMINATED_HEADINGS),
        )
    if tuple(headings[:4]) in _CODE_POINT_HEADINGS:
        return RowLayout(LookupFormat.CODE_POINT_OPEN, True, 0, 2, 3, quality=1)
    if len(cells) >= 4 and all(c.strip().isdigit() for c in cells[1:4]):
        try:
            lookup_key(cells[0])
        except InvalidValue:
            return None
        return RowLayout(LookupFormat.CODE_POINT_OPEN, False, 0, 2, 3, quality=1)
    return None


# Keeping only some areas ------------------------------------------------------


def parse_outward_codes(codes: str | Iterable[str]) -> tuple[str, ...]:
    """Districts (``CH65``) and areas (``CH``) from text like ``"ch65, CH66 L"``, each once.

    Raises InvalidValue naming the first that is neither.
    """
    parts = [codes] if isinstance(codes, str) else list(codes)
    found: dict[str, None] = {}
    for part in parts:
        for word in re.split(r"[\s,;]+", part.upper()):
            if not word:
                continue
            if not (is_outward_code(word) or _AREA.match(word)):
                raise InvalidValue(
                    f"“{word}” is not a postcode district or area. "
                    "Write them like CH65, CH66 or CH, separated by commas."
                )
            found[word] = None
    return tuple(found)


@dataclass(frozen=True, slots=True)
class OutwardFilter:
    """Keeps the postcodes in some districts (``CH65``) or areas (``CH``)."""

    districts: frozenset[str]
    areas: frozenset[str]

    @classmethod
    def of(cls, codes: Iterable[str]) -> OutwardFilter:
        codes = tuple(codes)
        return cls(
            districts=frozenset(c for c in codes if not _AREA.match(c)),
            areas=frozenset(c for c in codes if _AREA.match(c)),
        )

    def keeps(self, key: str) -> bool:
        """True when the postcode ``key`` (``CH652AB``) is in one of the districts or areas."""
        outward = key[:-3]
        if outward in self.districts:
            return True
        return (outward[:2] if outward[1:2].isalpha() else outward[:1]) in self.areas


# What an import did -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class InvalidRow:
    """A row that could not be read: which file (empty for a single file), row and why."""

    file: str
    row: int
    message: str

    @property
    def label(self) -> str:
        return f"{self.file} row {self.row}" if self.file else f"row {self.row}"


@dataclass(frozen=True, slots=True)
class GeoImportReport:
    """What importing a postcode lookup file did (or, when ``saved`` is False, would do)."""

    format: LookupFormat
    #: "UTF-8", "UTF-8 with BOM" or "Windows-1252".
    encoding: str
    #: How many CSV files were read (a folder or zip of Code-Point Open has one per area).
    files: int
    rows_read: int
    #: Postcode points written (added or replaced).
    imported: int
    skipped_terminated: int
    skipped_no_location: int
    skipped_outside: int
    skipped_invalid: int
    #: The first few rows that could not be read, with why.
    invalid_examples: tuple[InvalidRow, ...]
    #: The districts and areas asked for; empty for the whole file.
    outward_codes: tuple[str, ...]
    #: Places (asset locations) without coordinates that got them from their postcode.
    assets_located: int
    #: People whose postcode now has a point (matching looks it up when it ranks).
    people_with_location: int
    #: False when nothing was written because rows could not be read (a strict import).
    saved: bool = True
    #: Files in a folder or zip that were left out, and why.
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GeoCoverage:
    """How much the postcode lookup covers: for the settings page and ``geo status``."""

    postcodes: int
    #: Places of assets in the directory (not archived), and how many have coordinates.
    places: int
    places_located: int
    #: People with a postcode (and a fixed address), and how many of those postcodes have a point.
    people_with_postcode: int
    people_located: int
