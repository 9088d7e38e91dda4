"""Postcode lookup files: telling their shapes apart, reading a row into a point, keeping areas."""

from __future__ import annotations

import pytest

from linkworker.domain.osgb import grid_to_wgs84
from linkworker.domain.postcode_lookup import (
    InvalidRow,
    LookupFormat,
    OutwardFilter,
    RowLayout,
    Skip,
    detect_layout,
    heading_key,
    lookup_key,
    parse_outward_codes,
)
from linkworker.domain.validation import InvalidValue

ONSPD_HEADINGS = ["pcd", "pcd2", "pcds", "dointr", "doterm", "oscty", "lat", "long", "ctry"]
#: Birkenhead Town Hall on the National Grid, more or less.
GRID = ("332500", "388800")


def onspd_row(pcds: str, lat: str = "53.39", long: str = "-3.01", doterm: str = "") -> list[str]:
    return ["CH1 1AA", "CH1  1AA", pcds, "198001", doterm, "E10000", lat, long, "E92000001"]


CODE_POINT_ROW = ["CH41 5BX", "10", *GRID, "E92000001"]


def layout(cells: list[str]) -> RowLayout:
    found = detect_layout(cells)
    assert found is not None
    return found


# Headings and keys ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Latitude (WGS84)", "latitude"),
        ("PCDS", "pcds"),
        ("\ufeffPostcode", "postcode"),
        ("  Positional Quality-Indicator ", "positional_quality_indicator"),
        ("Long (degrees) ", "long"),
        ("__x__", "x"),
    ],
)
def test_headings_are_compared_as_plain_lower_case_words(text: str, key: str) -> None:
    assert heading_key(text) == key


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("ch65 2ab", "CH652AB"),
        ("CH652AB", "CH652AB"),
        ("SW1A 1AA", "SW1A1AA"),
        ("gir 0aa", "GIR0AA"),
        ("CH65\t2AB", "CH652AB"),
        ("CH65-2AB", "CH652AB"),
    ],
)
def test_a_lookup_key_is_the_postcode_in_capitals_without_spaces(text: str, key: str) -> None:
    assert lookup_key(text) == key


@pytest.mark.parametrize("text", ["CH65 2CB", "not one", "CH65"])
def test_a_lookup_key_must_be_a_postcode(text: str) -> None:
    with pytest.raises(InvalidValue, match="is not a UK postcode"):
        lookup_key(text)


# Telling the shapes apart ------------------------------------------------------------------


def test_the_ons_postcode_directory_is_known_by_its_headings() -> None:
    assert layout(ONSPD_HEADINGS) == RowLayout(
        format=LookupFormat.ONSPD,
        has_heading=True,
        postcode=2,  # pcds: the full form, "CH65 2AB"
        first=6,
        second=7,
        terminated=4,
    )


@pytest.mark.parametrize(
    ("headings", "postcode"),
    [
        (["pcd2", "pcd", "doterm", "lat", "long"], 1),
        (["doterm", "pcd2", "lat", "long"], 1),
        (["dointr", "lat", "long", "postcode"], 3),
        (["postcode", "pcds", "doterm", "lat", "long"], 1),
    ],
)
def test_a_directory_takes_pcds_or_the_next_best_postcode(
    headings: list[str], postcode: int
) -> None:
    found = layout(headings)
    assert found.format is LookupFormat.ONSPD
    assert found.postcode == postcode


@pytest.mark.parametrize(
    "headings",
    [
        ["Postcode", "Latitude", "Longitude"],
        ["id", "postcode", "lat", "lng"],
        ["POSTCODE", "Latitude (WGS84)", "Lon"],
    ],
)
def test_a_plain_file_has_postcode_latitude_and_longitude_headings(headings: list[str]) -> None:
    found = layout(headings)
    assert found.format is LookupFormat.PLAIN and found.has_heading
    assert found.terminated is None and found.quality is None
    assert [headings[i] for i in (found.postcode, found.first, found.second)] == [
        h for h in headings if h != "id"
    ]


@pytest.mark.parametrize(
    "headings",
    [
        ["PC", "PQ", "EA", "NO", "CY"],
        ["Postcode", "Positional_quality_indicator", "Eastings", "Northings"],
    ],
)
def test_code_point_open_with_headings(headings: list[str]) -> None:
    assert detect_layout(headings) == RowLayout(
        LookupFormat.CODE_POINT_OPEN, True, postcode=0, first=2, second=3, quality=1
    )


@pytest.mark.parametrize("row", [CODE_POINT_ROW, CODE_POINT_ROW[:4]])
def test_code_point_open_without_headings_is_known_by_its_first_row(row: list[str]) -> None:
    assert layout(row) == RowLayout(
        LookupFormat.CODE_POINT_OPEN, False, postcode=0, first=2, second=3, quality=1
    )


@pytest.mark.parametrize(
    "cells",
    [
        ["name", "address", "town"],
        ["Postcode", "Latitude"],
        ["CH41 5BX", "10", "332500"],
        ["CH41 5BX", "ten", *GRID],
        ["not a postcode", "10", *GRID],
        ["CH41 5BX", "10", "332500.5", "388800"],
        ["CH41 5BX", "10", "332500", "north", "0"],
    ],
)
def test_anything_else_is_not_a_lookup_file(cells: list[str]) -> None:
    assert detect_layout(cells) is None


def test_each_shape_has_its_own_name() -> None:
    labels = [f.label for f in LookupFormat]
    assert all(labels) and len(set(labels)) == len(labels)
    assert LookupFormat.ONSPD.label == "ONS Postcode Directory"


# Reading a row ------------------------------------------------------------------------------


def test_a_row_gives_the_key_latitude_and_longitude() -> None:
    onspd, plain = layout(ONSPD_HEADINGS), layout(["Postcode", "Latitude", "Longitude"])
    assert onspd.read(onspd_row("CH41 5BX")) == ("CH415BX", 53.39, -3.01)
    assert plain.read([" ch41 5bx ", " 53.39 ", "-3.01"]) == ("CH415BX", 53.39, -3.01)
    assert plain.read(["CH41 5BX", "-90", "180"]) == ("CH415BX", -90.0, 180.0)


def test_terminated_postcodes_and_those_without_a_place_are_skipped() -> None:
    onspd, plain = layout(ONSPD_HEADINGS), layout(["Postcode", "Latitude", "Longitude"])
    assert onspd.read(onspd_row("CH41 5BX", doterm="201206")) is Skip.TERMINATED
    assert onspd.read(onspd_row("CH41 5BX", lat="99.999999", long="0")) is Skip.NO_LOCATION
    assert onspd.read(onspd_row("CH41 5BX", lat="", long="")) is Skip.NO_LOCATION
    assert onspd.read(onspd_row("CH41 5BX", lat="53.39", long="")) is Skip.NO_LOCATION
    assert plain.read(["CH41 5BX", "99.999999", "0"]) is Skip.NO_LOCATION


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        (["", "53.39", "-3.01"], "The postcode is missing."),
        (["CH41"], "“CH41” is not a UK postcode."),
        (["CH41 5BX", "", "-3.01"], "No latitude."),
        (["CH41 5BX", "53.39"], "No longitude."),
        (["CH41 5BX", "north", "-3.01"], "The latitude “north” is not a number."),
        (["CH41 5BX", "53.39", "inf"], "The longitude “inf” is not a number."),
        (["CH41 5BX", "nan", "-3.01"], "The latitude “nan” is not a number."),
        (["CH41 5BX", "90.5", "-3.01"], "The latitude 90.5 is not between -90 and 90."),
        (["CH41 5BX", "53.39", "-181"], "The longitude -181 is not between -180 and 180."),
        (
            ["CH41 5BX", "-91", "200"],
            "The latitude -91 is not between -90 and 90. "
            "The longitude 200 is not between -180 and 180.",
        ),
    ],
)
def test_a_row_that_cannot_be_read_says_why(cells: list[str], message: str) -> None:
    result = layout(["Postcode", "Latitude", "Longitude"]).read(cells)
    assert isinstance(result, str)
    assert result.startswith(message)


def test_an_onspd_row_cut_short_is_skipped_or_refused() -> None:
    onspd = layout(ONSPD_HEADINGS)
    assert onspd.read(["CH1 1AA", "CH1  1AA", "CH41 5BX"]) is Skip.NO_LOCATION
    assert onspd.read(["CH1 1AA", "CH1  1AA"]) == "The postcode is missing."


def test_a_code_point_row_becomes_latitude_and_longitude() -> None:
    code_point = layout(CODE_POINT_ROW)
    key, lat, lon = code_point.read(["CH41 5BX", "10", *GRID, "E92000001"])  # type: ignore[misc]
    assert key == "CH415BX"
    assert (lat, lon) == grid_to_wgs84(332500, 388800)
    assert 53.3 < lat < 53.5 and -3.1 < lon < -2.9


@pytest.mark.parametrize(
    ("cells", "result"),
    [
        (["CH41 5BX", "90", *GRID], Skip.NO_LOCATION),
        (["CH41 5BX", "10", "0", "0"], Skip.NO_LOCATION),
        (["CH41 5BX", "10", "eleven", "0"], "The eastings “eleven” is not a number."),
        (["CH41 5BX", "10", "332500", ""], "No northings."),
        (
            ["CH41 5BX", "10", "-1000", "388800"],
            "The grid reference -1000, 388800 is not in Great Britain.",
        ),
        (
            ["CH41 5BX", "10", "332500", "1400000"],
            "The grid reference 332500, 1.4e+06 is not in Great Britain.",
        ),
    ],
)
def test_code_point_rows_without_a_place_are_skipped_or_refused(
    cells: list[str], result: object
) -> None:
    code_point = layout(CODE_POINT_ROW)
    assert code_point.read(cells) == result


def test_a_code_point_row_with_zero_on_one_axis_only_is_a_place() -> None:
    code_point = layout(CODE_POINT_ROW)
    assert code_point.read(["CH41 5BX", "10", "0", "388800"]) == (
        "CH415BX",
        *grid_to_wgs84(0, 388800),
    )
    assert isinstance(code_point.read(["CH41 5BX", "10", "332500", "0"]), tuple)


# Keeping only some areas ----------------------------------------------------------------------


def test_outward_codes_are_read_from_text_each_once() -> None:
    assert parse_outward_codes("ch65, CH66 L;ch65\tSW1A") == ("CH65", "CH66", "L", "SW1A")
    assert parse_outward_codes(["ch65", "L, CH"]) == ("CH65", "L", "CH")
    assert parse_outward_codes(" , ") == ()


@pytest.mark.parametrize("text", ["CH65 2AB", "CH65, Wirral", "6C", "ABC"])
def test_an_outward_code_that_is_neither_district_nor_area_is_named(text: str) -> None:
    with pytest.raises(InvalidValue, match="is not a postcode district or area"):
        parse_outward_codes(text)


@pytest.mark.parametrize(
    ("codes", "key", "kept"),
    [
        (("CH65",), "CH652AB", True),
        (("CH65",), "CH662AB", False),
        (("CH",), "CH662AB", True),
        (("L",), "L12AB", True),
        (("L",), "LL572AB", False),
        (("LL",), "LL572AB", True),
        (("L",), "L184AB", True),
        (("SW1A",), "SW1A1AA", True),
        (("SW",), "SW1A1AA", True),
        (("S",), "SW1A1AA", False),
        (("W",), "W1A1AA", True),
        (("CH65", "L"), "L12AB", True),
        ((), "CH652AB", False),
    ],
)
def test_a_filter_keeps_its_districts_and_areas(
    codes: tuple[str, ...], key: str, kept: bool
) -> None:
    assert OutwardFilter.of(codes).keeps(key) is kept


def test_a_filter_sorts_districts_from_areas() -> None:
    assert OutwardFilter.of(["CH65", "L", "SW1A", "CH"]) == OutwardFilter(
        districts=frozenset({"CH65", "SW1A"}), areas=frozenset({"L", "CH"})
    )


def test_an_unreadable_row_is_named_by_its_file_when_there_are_several() -> None:
    assert InvalidRow("ch.csv", 12, "No latitude.").label == "ch.csv row 12"
    assert InvalidRow("", 12, "No latitude.").label == "row 12"
