"""GeoService over a real SQLite file: ONSPD and Code-Point Open files, then real distances.

Every file here is written by the test: invented postcodes of a real shape around
Ellesmere Port (CH65, CH66) and Liverpool (L1), invented places and people.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linkworker import errors
from linkworker.data.unit_of_work import UnitsOfWork
from linkworker.domain.directory import AssetDraft, Location
from linkworker.domain.geo import haversine_miles
from linkworker.domain.matching import GeoPoint
from linkworker.domain.osgb import grid_to_wgs84
from linkworker.domain.people import PersonDraft
from linkworker.domain.postcode_lookup import InvalidRow, LookupFormat
from linkworker.interchange.records import ReadCancelled
from linkworker.services.geo import GeoService, ImportCancelled
from tests.postgres_seam import outside_engine

ONSPD_HEADING = (
    "pcd,pcd2,pcds,dointr,doterm,oscty,oslaua,osward,usertype,oseast1m,osnrth1m,"
    "osgrdind,ctry,rgn,lat,long,imd\n"
)


def onspd_row(postcode: str, lat: float, lon: float, doterm: str = "") -> str:
    compact = postcode.replace(" ", "")
    pcd = f"{compact[:-3]:<4}{compact[-3:]}"
    return (
        f'"{pcd}","{pcd}","{postcode}","198001","{doterm}","E99999999","E06000050",'
        f'"E05012345","0","340000","377000","1","E92000001","E12000002",'
        f"{lat:.6f},{lon:.6f},12345\n"
    )


def codepoint_row(postcode: str, easting: int, northing: int, quality: int = 10) -> str:
    return (
        f'"{postcode}",{quality},{easting},{northing},"E92000001","E19000001",'
        f'"E18000002","","E06000050","E05012345"\n'
    )


@pytest.fixture
def geo(services: Any) -> GeoService:
    return GeoService(UnitsOfWork(services._db), batch_rows=2)


def points(services: Any) -> dict[str, tuple[float, float]]:
    other: Any = outside_engine(services._db.engine)
    try:
        with other.connect() as raw:
            rows = raw.exec_driver_sql(
                "SELECT postcode_key, latitude, longitude FROM postcode_point"
            )
            return {key: (lat, lon) for key, lat, lon in rows}
    finally:
        other.dispose()


def place(name: str, postcode: str, **location: Any) -> AssetDraft:
    return AssetDraft(
        name=name,
        description="Growing vegetables together in raised beds; tea and a chat after.",
        categories=("Gardening",),
        tags=("gardening",),
        locations=(Location(name=name, address="1 Invented Row", postcode=postcode, **location),),
    )


# ONS Postcode Directory ---------------------------------------------------------


def test_onspd_keeps_live_located_postcodes_and_says_what_it_skipped(
    geo: GeoService, services: Any, tmp_path: Path
) -> None:
    path = tmp_path / "ONSPD_extract.csv"
    path.write_text(
        ONSPD_HEADING
        + onspd_row("CH65 2AB", 53.282200, -2.887100)
        + onspd_row("CH65 9ZX", 53.270000, -2.880000, doterm="200512")
        + onspd_row("CH66 1ZZ", 99.999999, 0.0)
        + "\n"
        + onspd_row("CH66 2NF", 53.281400, -2.941200)
        + onspd_row("CH6 52AB", 53.2, -2.9).replace('"CH6 52AB"', '"NOT A PC"')
        + onspd_row("L1 8JQ", 53.402300, -2.983500),
        encoding="utf-8",
    )
    seen: list[tuple[int, int]] = []

    report = geo.import_lookup(path, progress=lambda done, total: seen.append((done, total)))

    assert report.format is LookupFormat.ONSPD
    assert report.encoding == "UTF-8"
    assert (report.rows_read, report.imported) == (6, 3)
    assert (report.skipped_terminated, report.skipped_no_location) == (1, 1)
    assert (report.skipped_outside, report.skipped_invalid) == (0, 1)
    # Row 7 as a spreadsheet shows it: the heading is row 1, the blank line row 5.
    assert report.invalid_examples == (
        InvalidRow("", 7, "“NOT A PC” is not a UK postcode. Type it like CH65 4AB or SW1A 1AA."),
    )
    assert report.saved and report.files == 1
    assert points(services) == {
        "CH652AB": (53.2822, -2.8871),
        "CH662NF": (53.2814, -2.9412),
        "L18JQ": (53.4023, -2.9835),
    }
    assert services.matching.postcode_point("ch65 2ab") == GeoPoint(53.2822, -2.8871)
    assert seen[0][0] == 0 and seen[-1][0] == seen[-1][1] >= 1
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_only_the_outward_codes_asked_for(geo: GeoService, services: Any, tmp_path: Path) -> None:
    path = tmp_path / "onspd.csv"
    path.write_text(
        ONSPD_HEADING
        + onspd_row("CH65 2AB", 53.2822, -2.8871)
        + onspd_row("CH66 2NF", 53.2814, -2.9412)
        + onspd_row("CH1 1AA", 53.19, -2.89)
        + onspd_row("L1 8JQ", 53.4023, -2.9835)
        + onspd_row("LA1 1AA", 54.05, -2.80),
        encoding="utf-8",
    )

    report = geo.import_lookup(path, ["ch65", "L"])

    assert report.outward_codes == ("CH65", "L")
    assert (report.imported, report.skipped_outside) == (2, 3)
    assert set(points(services)) == {"CH652AB", "L18JQ"}  # LA1 is not in area L


def test_an_outward_code_that_is_not_one_is_refused_before_reading(
    geo: GeoService, tmp_path: Path
) -> None:
    with pytest.raises(errors.ImportFailed, match="“CH6X5” is not a postcode district or area"):
        geo.import_lookup(tmp_path / "never-read.csv", ["CH65, CH6X5"])


def test_windows_1252_is_read(geo: GeoService, services: Any, tmp_path: Path) -> None:
    path = tmp_path / "points.csv"
    path.write_bytes(
        "Postcode,Place,Latitude,Longitude\n"
        "CH65 2AB,Café Corner,53.2822,-2.8871\n"
        "CH66 2NF,Ñandú Hall – side door,53.2814,-2.9412\n".encode("cp1252")
    )

    report = geo.import_lookup(path)

    assert report.format is LookupFormat.PLAIN
    assert report.encoding == "Windows-1252"
    assert report.imported == 2
    assert set(points(services)) == {"CH652AB", "CH662NF"}


def test_a_byte_order_mark_and_semicolons(geo: GeoService, services: Any, tmp_path: Path) -> None:
    path = tmp_path / "points.csv"
    path.write_bytes(b"\xef\xbb\xbfpostcode;lat;long\r\nch65 2ab;53.2822;-2.8871\r\n")

    report = geo.import_lookup(path)

    assert (report.encoding, report.imported) == ("UTF-8 with BOM", 1)
    assert points(services) == {"CH652AB": (53.2822, -2.8871)}


def test_old_mac_line_endings(geo: GeoService, services: Any, tmp_path: Path) -> None:
    path = tmp_path / "points.csv"
    path.write_bytes(b"postcode,lat,long\rCH65 2AB,53.2822,-2.8871\rCH66 2NF,53.2814,-2.9412\r")

    assert geo.import_lookup(path).imported == 2
    assert set(points(services)) == {"CH652AB", "CH662NF"}


def test_importing_again_moves_a_point_and_keeps_the_others(
    geo: GeoService, services: Any, tmp_path: Path
) -> None:
    services.matching.add_postcode_points([("CH65 2AB", 53.0, -2.0), ("CH1 1AA", 53.19, -2.89)])
    path = tmp_path / "points.csv"
    path.write_text("postcode,latitude,longitude\nCH65 2AB,53.2822,-2.8871\n", encoding="utf-8")

    geo.import_lookup(path)

    assert points(services) == {"CH652AB": (53.2822, -2.8871), "CH11AA": (53.19, -2.89)}


def test_a_strict_import_writes_nothing_when_a_row_is_wrong(
    geo: GeoService, services: Any, tmp_path: Path
) -> None:
    path = tmp_path / "points.csv"
    path.write_text(
        "postcode,latitude,longitude\nCH65 2AB,53.2822,-2.8871\nCH66 2NF,north,-2.9\n"
        "CH66 3AA,95,-2.9\n",
        encoding="utf-8",
    )

    report = geo.import_lookup(path, strict=True)

    assert not report.saved and report.imported == 0 and report.skipped_invalid == 2
    assert [(r.row, r.message) for r in report.invalid_examples] == [
        (3, "The latitude “north” is not a number."),
        (4, "The latitude 95 is not between -90 and 90."),
    ]
    assert points(services) == {}


# Code-Point Open ------------------------------------------------------------------


def test_code_point_open_grid_references_become_latitude_and_longitude(
    geo: GeoService, services: Any, tmp_path: Path
) -> None:
    path = tmp_path / "ch.csv"
    path.write_text(
        codepoint_row("CH652AB", 340_510, 377_020)
        + codepoint_row("CH66 2NF", 336_890, 376_930)
        + codepoint_row("CH659ZZ", 0, 0, quality=90)
        + codepoint_row("CH65 4XX", 900_000, 377_000),
        encoding="utf-8",
    )

    report = geo.import_lookup(path)

    assert report.format is LookupFormat.CODE_POINT_OPEN
    assert (report.rows_read, report.imported, report.skipped_no_location) == (4, 2, 1)
    assert report.invalid_examples == (
        InvalidRow("", 4, "The grid reference 900000, 377000 is not in Great Britain."),
    )
    found = points(services)
    assert found["CH652AB"] == pytest.approx(grid_to_wgs84(340_510, 377_020))
    lat, lon = found["CH662NF"]
    assert 53.27 < lat < 53.30 and -2.97 < lon < -2.92  # west of Ellesmere Port


def code_point_tree(root: Path) -> None:
    """Code-Point Open's layout: Data/CSV/<area>.csv, and a Doc folder of headings."""
    (root / "Data" / "CSV").mkdir(parents=True)
    (root / "Doc").mkdir()
    (root / "Data" / "CSV" / "ch.csv").write_text(
        codepoint_row("CH65 2AB", 340_510, 377_020) + codepoint_row("CH66 2NF", 336_890, 376_930)
    )
    (root / "Data" / "CSV" / "l.csv").write_text(
        codepoint_row("L1 8JQ", 335_010, 389_950)
        + codepoint_row("L1 9ZZ", 0, 0, quality=90)
        + codepoint_row("L1 0AA", 335_000, 389_000).replace("335000", "lots")
    )
    (root / "Doc" / "Code-Point_Open_Column_Headers.csv").write_text(
        "PC,PQ,EA,NO,CY,RH,LH,CC,DC,WC\n"
        "Postcode,Positional_quality_indicator,Eastings,Northings,Country_code,"
        "NHS_regional_HA_code,NHS_HA_code,Admin_county_code,Admin_district_code,"
        "Admin_ward_code\n"
    )


def test_a_code_point_open_zip_reads_every_area(
    geo: GeoService, services: Any, tmp_path: Path
) -> None:
    code_point_tree(tmp_path / "tree")
    path = tmp_path / "codepo_gb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted((tmp_path / "tree").rglob("*.csv")):
            archive.write(file, file.relative_to(tmp_path / "tree").as_posix())

    report = geo.import_lookup(path, ["CH66", "L"])

    assert report.files == 2 and report.format is LookupFormat.CODE_POINT_OPEN
    assert (report.imported, report.skipped_outside, report.skipped_no_location) == (2, 1, 1)
    assert report.invalid_examples == (
        InvalidRow("Data/CSV/l.csv", 3, "The eastings “lots” is not a number."),
    )
    assert report.invalid_examples[0].label == "Data/CSV/l.csv row 3"
    assert set(points(services)) == {"CH662NF", "L18JQ"}


def test_a_code_point_open_folder_reads_every_area(
    geo: GeoService, services: Any, tmp_path: Path
) -> None:
    code_point_tree(tmp_path / "codepo_gb")

    report = geo.import_lookup(tmp_path / "codepo_gb")

    assert (report.files, report.imported) == (2, 3)
    assert set(points(services)) == {"CH652AB", "CH662NF", "L18JQ"}


# Cancel and bad files ----------------------------------------------------------------


def test_cancel_leaves_the_lookup_and_the_directory_as_they_were(
    geo: GeoService, services: Any, tmp_path: Path
) -> None:
    services.matching.add_postcode_points([("CH65 2AB", 53.0, -2.0)])
    garden = services.directory.save(place("Grow Together Garden", "CH66 2NF"))
    path = tmp_path / "onspd.csv"
    rows = [onspd_row(f"CH66 {n}NF", 53.28, -2.94) for n in range(1, 10)]
    path.write_text(
        ONSPD_HEADING + onspd_row("CH65 2AB", 53.2822, -2.8871) + "".join(rows), encoding="utf-8"
    )
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 3  # after several rows have been written

    with pytest.raises(ImportCancelled) as caught:
        geo.import_lookup(path, cancelled=cancelled)

    assert isinstance(caught.value, ReadCancelled)
    assert points(services) == {"CH652AB": (53.0, -2.0)}
    location = services.directory.get(garden.id).draft.locations[0]
    assert (location.latitude, location.longitude) == (None, None)
    # The next import runs as if nothing had happened.
    assert geo.import_lookup(path).imported == 10


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"postcode,easting,northing\nCH65 2AB,340000,377000\n", "has no postcode, latitude"),
        (b"", "is empty"),
        (b"\n\n", "is empty"),
        ("postcode,lat,long\n".encode("utf-16"), "UTF-16"),
        (b"\x00\x01\x02binary\n", "is not a CSV text file"),
    ],
)
def test_a_file_that_is_no_lookup_is_explained(
    geo: GeoService, services: Any, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "mystery.csv"
    path.write_bytes(content)
    with pytest.raises(errors.ImportFailed, match=message) as caught:
        geo.import_lookup(path)
    assert "pcds, lat and long" in caught.value.advice or "UTF-8" in caught.value.advice
    assert points(services) == {}


def test_missing_damaged_and_workbook_files_are_explained(geo: GeoService, tmp_path: Path) -> None:
    with pytest.raises(errors.ImportFailed, match="There is no file"):
        geo.import_lookup(tmp_path / "nowhere.csv")
    book = tmp_path / "points.xlsx"
    with zipfile.ZipFile(book, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(errors.ImportFailed, match="is an Excel workbook"):
        geo.import_lookup(book)
    code_point_tree(tmp_path / "tree")
    whole = tmp_path / "whole.zip"
    with zipfile.ZipFile(whole, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(tmp_path / "tree" / "Data" / "CSV" / "ch.csv", "Data/CSV/ch.csv")
    cut = tmp_path / "cut.zip"
    cut.write_bytes(whole.read_bytes()[:60])
    with pytest.raises(errors.ImportFailed, match="damaged"):
        geo.import_lookup(cut)
    nothing = tmp_path / "no-csv.zip"
    with zipfile.ZipFile(nothing, "w") as archive:
        archive.writestr("readme.txt", "nothing here")
    with pytest.raises(errors.ImportFailed, match="has no CSV files"):
        geo.import_lookup(nothing)


# What it unlocks: places on the map and distances in miles -------------------------------


def test_places_get_their_postcodes_point_and_matching_gives_miles(
    geo: GeoService, services: Any, tmp_path: Path
) -> None:
    garden = services.directory.save(place("Grow Together Garden", "CH65 2AB"))
    typed = services.directory.save(
        place("Rivacre Valley Allotments", "CH66 2NF", latitude=53.29, longitude=-2.95)
    )
    elsewhere = services.directory.save(place("Far Field Growers", "CH1 4ZZ"))
    person = services.people.save_person(
        PersonDraft(
            given_name="Edna",
            family_name="Pryce",
            postcode="CH65 3XY",
            interests=("gardening",),
            what_matters="Getting back out in the garden",
        )
    )
    before = services.matching.suggest(person.id)
    assert before.suggestions and all(s.distance_miles is None for s in before.suggestions)
    assert geo.coverage().places_located == 1

    path = tmp_path / "onspd.csv"
    path.write_text(
        ONSPD_HEADING
        + onspd_row("CH65 2AB", 53.2822, -2.8871)
        + onspd_row("CH65 3XY", 53.2790, -2.9040)
        + onspd_row("CH66 2NF", 53.2814, -2.9412),
        encoding="utf-8",
    )
    report = geo.import_lookup(path)

    assert report.assets_located == 1  # the allotments had coordinates already
    assert report.people_with_location == 1
    located = services.directory.get(garden.id).draft.locations[0]
    assert (located.latitude, located.longitude) == (53.2822, -2.8871)
    kept = services.directory.get(typed.id).draft.locations[0]
    assert (kept.latitude, kept.longitude) == (53.29, -2.95)
    far = services.directory.get(elsewhere.id).draft.locations[0]
    assert far.latitude is None  # CH1 4ZZ is not in the file

    after = {s.name: s for s in services.matching.suggest(person.id).suggestions}
    grow = after["Grow Together Garden"]
    expected = haversine_miles(GeoPoint(53.2790, -2.9040), GeoPoint(53.2822, -2.8871))
    assert grow.distance_miles == pytest.approx(expected, abs=0.01)
    assert any("miles" in reason for reason in grow.reasons), grow.reasons
    assert after["Far Field Growers"].distance_miles is None

    cover = geo.coverage()
    assert (cover.postcodes, cover.places, cover.places_located) == (3, 3, 2)
    assert (cover.people_with_postcode, cover.people_located) == (1, 1)


def test_coverage_of_an_empty_lookup(geo: GeoService, services: Any) -> None:
    services.people.save_person(PersonDraft(given_name="Stan", family_name="Greer"))
    services.people.save_person(
        PersonDraft(given_name="Ada", family_name="Moss", postcode="CH66 2NF")
    )
    cover = geo.coverage()
    assert (cover.postcodes, cover.places, cover.places_located) == (0, 0, 0)
    assert (cover.people_with_postcode, cover.people_located) == (1, 0)


# Any file at all ---------------------------------------------------------------------

FIRST_LINES = (
    ONSPD_HEADING.strip(),
    "postcode,latitude,longitude",
    '"CH652AB",10,340510,377020,"E92000001"',
    "name,phone",
    "",
)
CELLS = st.one_of(
    st.sampled_from(
        ["CH65 2AB", "ch662nf", "L1  8JQ", "GIR 0AA", "53.28", "-2.9", "99.999999", "0.000000",
         "", "200512", "340510", "377020", "90", "nan", "inf", "1e309", "-91", '"', "x y"]
    ),
    st.text(max_size=10),
)  # fmt: skip


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    first=st.sampled_from(FIRST_LINES),
    rows=st.lists(st.lists(CELLS, max_size=18), max_size=10),
    encoding=st.sampled_from(["utf-8", "cp1252"]),
)
def test_any_file_gives_a_report_or_a_clear_error(
    geo: GeoService,
    services: Any,
    tmp_path: Path,
    first: str,
    rows: list[list[str]],
    encoding: str,
) -> None:
    path = tmp_path / "any.csv"
    text = "\n".join([first, *(",".join(cells) for cells in rows)])
    path.write_bytes(text.encode(encoding, errors="replace"))
    before = points(services)
    try:
        report = geo.import_lookup(path)
    except errors.ImportFailed as exc:
        assert exc.message and exc.advice
        assert points(services) == before
        return
    assert report.rows_read == (
        report.imported
        + report.skipped_terminated
        + report.skipped_no_location
        + report.skipped_outside
        + report.skipped_invalid
    )
    assert len(report.invalid_examples) == min(report.skipped_invalid, 20)
    assert all(-90 <= lat <= 90 and -180 <= lon <= 180 for lat, lon in points(services).values())
